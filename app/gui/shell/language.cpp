#include "shell/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

QList<AppLanguage> availableLanguages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")}};
}

namespace {

bool isAvailable(const QString& code)
{
    for (const AppLanguage& l : availableLanguages())
        if (l.code == code)
            return true;
    return false;
}

} // namespace

QString chooseLanguage(const QString& requested)
{
    if (isAvailable(requested))
        return requested;
    const QString saved = QSettings().value(QStringLiteral("view/language")).toString();
    if (isAvailable(saved))
        return saved;
    const QString system = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
    return isAvailable(system) ? system : QStringLiteral("en");
}

bool installLanguage(QCoreApplication& app, const QString& code)
{
    QLocale::setDefault(QLocale(code));
    if (code == QLatin1String("en"))
        return true;
    // Qt's own dialogs (OK, Cancel, file dialogs) when the system has Qt's translations.
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto* own = new QTranslator(&app);
    if (!own->load(QStringLiteral(":/i18n/tiny_experts_%1.qm").arg(code)))
        return false;
    QCoreApplication::installTranslator(own);
    return true;
}

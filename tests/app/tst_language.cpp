// Language selection: --lang first, then the saved choice, then the system's language, else
// English; installing a language sets the translation and the number format.
#include "shell/language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

class TestLanguage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void offersEnglishAndGerman();
    void requestWinsOverTheSetting();
    void settingWinsOverTheSystem();
    void unknownNamesFallBack();
    void englishNeedsNoTranslation();
    void germanTranslatesAndFormats(); // last: it installs the German translation
};

void TestLanguage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("Tiny Experts Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_language"));
}

void TestLanguage::init()
{
    QSettings().remove(QStringLiteral("view/language"));
}

void TestLanguage::offersEnglishAndGerman()
{
    const QList<AppLanguage> languages = availableLanguages();
    QCOMPARE(languages.size(), 2);
    QCOMPARE(languages[0].code, QStringLiteral("en"));
    QCOMPARE(languages[0].nativeName, QStringLiteral("English"));
    QCOMPARE(languages[1].code, QStringLiteral("de"));
    QCOMPARE(languages[1].nativeName, QStringLiteral("Deutsch"));
}

void TestLanguage::requestWinsOverTheSetting()
{
    QSettings().setValue(QStringLiteral("view/language"), QStringLiteral("de"));
    QCOMPARE(chooseLanguage(QStringLiteral("en")), QStringLiteral("en"));
    QSettings().setValue(QStringLiteral("view/language"), QStringLiteral("en"));
    QCOMPARE(chooseLanguage(QStringLiteral("de")), QStringLiteral("de"));
}

void TestLanguage::settingWinsOverTheSystem()
{
    QSettings().setValue(QStringLiteral("view/language"), QStringLiteral("de"));
    QCOMPARE(chooseLanguage(QString()), QStringLiteral("de"));
    QSettings().setValue(QStringLiteral("view/language"), QStringLiteral("en"));
    QCOMPARE(chooseLanguage(QString()), QStringLiteral("en"));
}

void TestLanguage::unknownNamesFallBack()
{
    // Neither request nor setting: the system's language when the app has it, else English.
    const QString system = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
    const QString expected = system == QLatin1String("de") ? system : QStringLiteral("en");
    QCOMPARE(chooseLanguage(QString()), expected);
    QCOMPARE(chooseLanguage(QStringLiteral("fr")), expected); // a request the app cannot meet
    QSettings().setValue(QStringLiteral("view/language"), QStringLiteral("klingon"));
    QCOMPARE(chooseLanguage(QString()), expected); // a damaged setting
    QSettings().setValue(QStringLiteral("view/language"), QStringLiteral("de"));
    QCOMPARE(chooseLanguage(QStringLiteral("fr")), QStringLiteral("de")); // the setting still counts
}

void TestLanguage::englishNeedsNoTranslation()
{
    QVERIFY(installLanguage(*QCoreApplication::instance(), QStringLiteral("en")));
    QCOMPARE(QLocale().language(), QLocale::English);
    QCOMPARE(QLocale().toString(1.5, 'f', 1), QStringLiteral("1.5"));
    QCOMPARE(QCoreApplication::translate("AppOptions", "Start in full screen."),
             QStringLiteral("Start in full screen."));
}

void TestLanguage::germanTranslatesAndFormats()
{
    QVERIFY(installLanguage(*QCoreApplication::instance(), QStringLiteral("de")));
    QCOMPARE(QLocale().language(), QLocale::German);
    QCOMPARE(QLocale().toString(1.5, 'f', 1), QStringLiteral("1,5")); // decimal comma
    QCOMPARE(QCoreApplication::translate("AppOptions", "Start in full screen."),
             QStringLiteral("Im Vollbild starten."));
    QVERIFY(!installLanguage(*QCoreApplication::instance(), QStringLiteral("xx"))); // no translation
}

QTEST_GUILESS_MAIN(TestLanguage)
#include "tst_language.moc"

// Preset loading: the JSON through the content loaders' field reader, each settings file through
// the core's own parser, so a preset means exactly what `tiny-experts-cli playground` reads.
#include "playground/playground_presets.h"

#include "learn/json_fields.h"

#include "moe/error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSet>

namespace {

QString inLanguage(const FieldReader& fields, const QString& field, const QString& language)
{
    const std::optional<QJsonObject> texts = fields.optionalObject(field);
    if (!texts)
        throw FieldError{QStringLiteral("\"%1\" must be an object of texts by language").arg(field)};
    const FieldReader byLanguage(*texts, field + QLatin1Char('.'));
    return byLanguage.has(language) ? byLanguage.text(language) : byLanguage.text(QStringLiteral("en"));
}

moe::PlaygroundSettings readSettingsFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw FieldError{QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    const QByteArray text = file.readAll();
    try {
        const moe::Settings settings =
            moe::Settings::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())),
                                 QFileInfo(path).fileName().toStdString());
        moe::PlaygroundSettings playground = moe::PlaygroundSettings::fromSettings(settings);
        const std::vector<moe::PlaygroundSettings::Problem> problems = playground.problems();
        if (!problems.empty())
            throw FieldError{QString::fromStdString(problems.front().message)};
        return playground;
    } catch (const moe::FormatError& e) {
        throw FieldError{QString::fromUtf8(e.what())};
    }
}

} // namespace

QString playgroundLanguage()
{
    return QLocale().language() == QLocale::German ? QStringLiteral("de") : QStringLiteral("en");
}

QList<PlaygroundPreset> loadPlaygroundPresets(const QString& language, const QString& path,
                                              QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    const QString file = QFileInfo(path).fileName();
    const QDir dir = QFileInfo(path).dir();
    const std::optional<QJsonArray> entries = readJsonListFile(path, QStringLiteral("presets"), &problems);
    if (!entries)
        return {};
    QList<PlaygroundPreset> presets;
    QSet<QString> ids;
    readEntries(file, QStringLiteral("presets"), *entries, &problems,
                [&](const QJsonObject& object, const QString&) {
                    const FieldReader fields(object);
                    PlaygroundPreset preset;
                    preset.id = fields.id(QStringLiteral("id"));
                    preset.title = inLanguage(fields, QStringLiteral("title"), language);
                    preset.explanation = inLanguage(fields, QStringLiteral("text"), language);
                    preset.settings = readSettingsFile(dir.filePath(fields.text(QStringLiteral("file"))));
                    if (ids.contains(preset.id))
                        throw FieldError{QStringLiteral("\"id\" repeats the preset \"%1\"").arg(preset.id)};
                    ids.insert(preset.id);
                    presets.append(preset);
                });
    return presets;
}

// Preset prompts from JSON: strict about each entry, forgiving about the list (bad entries are
// reported and skipped, so one typo does not empty the menu).
#include "run/presets.h"

#include "learn/json_fields.h"

#include <QFileInfo>
#include <QSet>

namespace {

const QStringList kKinds = {QStringLiteral("math"), QStringLiteral("poem"), QStringLiteral("mixed")};

} // namespace

QList<Preset> loadPresets(const QString& path, QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    const QString file = QFileInfo(path).fileName();
    const std::optional<QJsonArray> entries = readJsonListFile(path, QStringLiteral("presets"), &problems);
    if (!entries)
        return {};

    QList<Preset> presets;
    QSet<QString> ids;
    readEntries(file, QStringLiteral("presets"), *entries, &problems,
                [&](const QJsonObject& object, const QString&) {
                    const FieldReader fields(object);
                    Preset preset;
                    preset.id = fields.text(QStringLiteral("id"));
                    preset.kind = fields.oneOf(QStringLiteral("kind"), kKinds);
                    preset.title = fields.text(QStringLiteral("title"));
                    preset.prompt = fields.text(QStringLiteral("prompt"));
                    if (ids.contains(preset.id))
                        throw FieldError{QStringLiteral("\"id\" repeats the preset \"%1\"").arg(preset.id)};
                    ids.insert(preset.id);
                    presets.append(preset);
                });
    return presets;
}

std::optional<Preset> firstPreset(const QList<Preset>& presets, const QString& kind)
{
    for (const Preset& preset : presets)
        if (preset.kind == kind)
            return preset;
    return std::nullopt;
}

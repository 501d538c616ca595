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
    readEntries(
        file, QStringLiteral("presets"), *entries, &problems, [&](const QJsonObject& object, const QString&) {
            const FieldReader fields(object);
            Preset preset;
            preset.id = fields.text(QStringLiteral("id"));
            preset.kind = fields.oneOf(QStringLiteral("kind"), kKinds);
            preset.title = fields.text(QStringLiteral("title"));
            preset.prompt = fields.text(QStringLiteral("prompt"));
            if (fields.has(QStringLiteral("temperature")))
                preset.temperature = float(fields.number(QStringLiteral("temperature"), 0.0, 2.0));
            if (fields.has(QStringLiteral("seed")))
                preset.seed = uint64_t(fields.integer(QStringLiteral("seed"), 0, 1 << 30));
            preset.minTokens = fields.optionalInteger(QStringLiteral("minTokens"), 0, 400).value_or(0);
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

std::optional<Preset> presetFor(const QList<Preset>& presets, const QString& kind, const QString& prompt)
{
    for (const Preset& preset : presets)
        if (preset.kind == kind && preset.prompt == prompt)
            return preset;
    return firstPreset(presets, kind);
}

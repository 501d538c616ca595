// Preset prompts from JSON: strict about each entry, forgiving about the list (bad entries are
// reported and skipped, so one typo does not empty the menu).
#include "run/presets.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

namespace {

const QStringList kKinds = {QStringLiteral("math"), QStringLiteral("poem"), QStringLiteral("mixed")};

// Reads one required, non-empty text field; nullopt (and *problem set) when it is not one.
std::optional<QString> textField(const QJsonObject& entry, const char* field, QString* problem)
{
    const QJsonValue value = entry.value(QLatin1String(field));
    if (value.isUndefined()) {
        *problem = QStringLiteral("field \"%1\" is missing").arg(QLatin1String(field));
        return std::nullopt;
    }
    if (!value.isString() || value.toString().trimmed().isEmpty()) {
        *problem = QStringLiteral("field \"%1\" must be a non-empty string").arg(QLatin1String(field));
        return std::nullopt;
    }
    return value.toString();
}

} // namespace

QList<Preset> loadPresets(const QString& path, QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    const QString name = QFileInfo(path).fileName();

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        problems << QStringLiteral("%1: cannot read the presets: %2").arg(path, file.errorString());
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        problems << QStringLiteral("%1: not valid JSON at byte %2: %3")
                        .arg(name)
                        .arg(parseError.offset)
                        .arg(parseError.errorString());
        return {};
    }
    const QJsonValue list = document.object().value(QStringLiteral("presets"));
    if (!document.isObject() || !list.isArray()) {
        problems << QStringLiteral("%1: expected an object with a \"presets\" array").arg(name);
        return {};
    }

    QList<Preset> presets;
    QSet<QString> ids;
    const QJsonArray entries = list.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = QStringLiteral("%1: presets[%2]").arg(name).arg(i);
        if (!entries[i].isObject()) {
            problems << where + QStringLiteral(": not an object");
            continue;
        }
        const QJsonObject entry = entries[i].toObject();
        QString problem;
        const auto id = textField(entry, "id", &problem);
        const auto kind = id ? textField(entry, "kind", &problem) : std::nullopt;
        const auto title = kind ? textField(entry, "title", &problem) : std::nullopt;
        const auto prompt = title ? textField(entry, "prompt", &problem) : std::nullopt;
        if (!prompt) {
            problems << where + QStringLiteral(": ") + problem;
            continue;
        }
        if (!kKinds.contains(*kind)) {
            problems << where + QStringLiteral(": field \"kind\" is \"%1\", expected math, poem or mixed")
                                    .arg(*kind);
            continue;
        }
        if (ids.contains(*id)) {
            problems << where + QStringLiteral(": field \"id\" repeats \"%1\"").arg(*id);
            continue;
        }
        ids.insert(*id);
        presets.append(Preset{*id, *kind, *title, *prompt});
    }
    return presets;
}

std::optional<Preset> firstPreset(const QList<Preset>& presets, const QString& kind)
{
    for (const Preset& preset : presets)
        if (preset.kind == kind)
            return preset;
    return std::nullopt;
}

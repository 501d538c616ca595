// Loading and checking resources/scale/models.json, and the calculator's formula.
#include "scale/scale_models.h"

#include "learn/json_fields.h"

#include <QFileInfo>
#include <QHash>

#include <cmath>
#include <stdexcept>
#include <string>

namespace {

// Years outside this range are typos, not models.
constexpr int kFirstYear = 1990, kLastYear = 2100;
constexpr int kMaxExperts = 1 << 20;

QStringList readSources(const FieldReader& fields)
{
    const QStringList ids = fields.optionalStrings(QStringLiteral("sources"));
    if (ids.isEmpty())
        throw FieldError{QStringLiteral("\"sources\" must name at least one source id")};
    for (const QString& id : ids) {
        if (!isValidId(id))
            throw FieldError{
                QStringLiteral("\"sources\" must hold ids of lower case letters, digits and '-', "
                               "got \"%1\"")
                    .arg(id)};
    }
    return ids;
}

ScaleModel readModel(const FieldReader& fields, const QString& language)
{
    ScaleModel m;
    m.name = fields.text(QStringLiteral("name"));
    m.year = fields.integer(QStringLiteral("year"), kFirstYear, kLastYear);
    m.totalParameters = fields.positiveNumber(QStringLiteral("total"));
    // Required, but null where the maker never said how many are active (or how many experts).
    m.activeParameters = fields.positiveNumberOrNull(QStringLiteral("active"));
    m.experts = fields.integerOrNull(QStringLiteral("experts"), 1, kMaxExperts);
    m.usedPerToken = fields.integerOrNull(QStringLiteral("usedPerToken"), 1, kMaxExperts);
    m.sharedExperts = fields.integerOrNull(QStringLiteral("sharedExperts"), 0, kMaxExperts);
    if (fields.has(QStringLiteral("activeShare"))) {
        m.activeShare = fields.number(QStringLiteral("activeShare"), 0.0, 1.0);
        if (m.activeParameters)
            throw FieldError{QStringLiteral("\"activeShare\" is only for a model whose \"active\" is null")};
    }
    const QStringList approximate = fields.optionalStrings(
        QStringLiteral("approximate"),
        {QStringLiteral("total"), QStringLiteral("active"), QStringLiteral("activeShare")});
    m.totalApproximate = approximate.contains(QLatin1String("total"));
    m.activeApproximate = approximate.contains(QLatin1String("active"));
    m.activeShareApproximate = approximate.contains(QLatin1String("activeShare"));
    if ((m.activeApproximate && !m.activeParameters) || (m.activeShareApproximate && !m.activeShare))
        throw FieldError{QStringLiteral("\"approximate\" names a figure the entry does not give")};
    m.announcedOnly =
        fields.has(QStringLiteral("status")) &&
        fields.oneOf(QStringLiteral("status"), {QStringLiteral("released"), QStringLiteral("announced")}) ==
            QLatin1String("announced");
    m.sources = readSources(fields);
    m.note = fields.localisedText(QStringLiteral("note"), language);
    if (m.experts && m.usedPerToken && *m.usedPerToken > *m.experts)
        throw FieldError{QStringLiteral("\"usedPerToken\" must not exceed \"experts\" (%1), got %2")
                             .arg(*m.experts)
                             .arg(*m.usedPerToken)};
    if (m.activeParameters && *m.activeParameters > m.totalParameters)
        throw FieldError{QStringLiteral("\"active\" must not exceed \"total\" (%1), got %2")
                             .arg(m.totalParameters, 0, 'g', 12)
                             .arg(*m.activeParameters, 0, 'g', 12)};
    return m;
}

ClosedModel readClosed(const FieldReader& fields, const QString& language)
{
    ClosedModel c;
    c.name = fields.text(QStringLiteral("name"));
    c.confirmedMoe =
        fields.oneOf(QStringLiteral("moe"), {QStringLiteral("confirmed"), QStringLiteral("rumoured")}) ==
        QLatin1String("confirmed");
    c.sources = readSources(fields);
    c.note = fields.localisedText(QStringLiteral("note"), language);
    if (c.note.trimmed().isEmpty())
        throw FieldError{QStringLiteral("\"note\" must say what is known, got nothing")};
    return c;
}

// Reads the file's array `list` with read(FieldReader) -> T, names unique.
template <typename T, typename Read>
QList<T> readList(const QString& path, const QString& list, QStringList* errors, Read read)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    const QString file = QFileInfo(path).fileName();
    const std::optional<QJsonArray> entries = readJsonListFile(path, list, &problems);
    if (!entries)
        return {};
    QList<T> items;
    QHash<QString, QString> whereOf; // name -> the place of its first entry
    readEntries(
        file, list, *entries, &problems,
        [&](const QJsonObject& object, const QString& where) {
            const T item = read(FieldReader(object));
            if (whereOf.contains(item.name))
                throw FieldError{
                    QStringLiteral("\"name\" must be unique (%1 has it too)").arg(whereOf.value(item.name))};
            whereOf.insert(item.name, where);
            items << item;
        },
        QStringLiteral("name"));
    return items;
}

} // namespace

std::optional<double> ScaleModel::activeFraction() const
{
    if (activeParameters && totalParameters > 0)
        return *activeParameters / totalParameters;
    return activeShare;
}

QList<ScaleModel> loadScaleModels(const QString& path, QStringList* errors, const QString& language)
{
    return readList<ScaleModel>(path, QStringLiteral("models"), errors,
                                [&](const FieldReader& fields) { return readModel(fields, language); });
}

QList<ClosedModel> loadClosedModels(const QString& path, QStringList* errors, const QString& language)
{
    return readList<ClosedModel>(path, QStringLiteral("closed"), errors,
                                 [&](const FieldReader& fields) { return readClosed(fields, language); });
}

QStringList loadScaleNotes(const QString& path, const QString& language)
{
    QStringList ignored;
    const std::optional<QJsonObject> root = readJsonObjectFile(path, QFileInfo(path).fileName(), &ignored);
    QStringList notes;
    if (!root)
        return notes;
    for (const QJsonValue& v : root->value(QLatin1String("notes")).toArray()) {
        try {
            const QString note = FieldReader(QJsonObject{{QStringLiteral("note"), v}})
                                     .localisedText(QStringLiteral("note"), language);
            if (!note.isEmpty())
                notes << note;
        } catch (const FieldError&) {
            // A broken note is left out; the model entries carry the facts.
        }
    }
    return notes;
}

ScaleEstimate estimateScale(int experts, int used, double perExpert, double shared)
{
    if (experts < 1 || used < 0 || used > experts || !(perExpert >= 0) || !(shared >= 0))
        throw std::invalid_argument(
            "scale estimate: need experts >= 1, 0 <= used <= experts and non-negative "
            "sizes, got experts " +
            std::to_string(experts) + ", used " + std::to_string(used) + ", per expert " +
            std::to_string(perExpert) + ", shared " + std::to_string(shared));
    ScaleEstimate e;
    e.totalParameters = shared + experts * perExpert;
    e.activeParameters = shared + used * perExpert;
    if (!(e.totalParameters > 0))
        throw std::invalid_argument("scale estimate: the model has no parameters");
    e.activeFraction = e.activeParameters / e.totalParameters;
    e.denseComputeRatio = e.activeParameters > 0 ? e.totalParameters / e.activeParameters : 0.0;
    return e;
}

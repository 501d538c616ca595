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

ScaleModel readModel(const FieldReader& fields)
{
    ScaleModel m;
    m.name = fields.text(QStringLiteral("name"));
    m.year = fields.integer(QStringLiteral("year"), kFirstYear, kLastYear);
    m.totalParameters = fields.positiveNumber(QStringLiteral("total"));
    // Required, but null where the maker never said how many are active.
    m.activeParameters = fields.positiveNumberOrNull(QStringLiteral("active"));
    m.experts = fields.integer(QStringLiteral("experts"), 1, kMaxExperts);
    m.usedPerToken = fields.integer(QStringLiteral("usedPerToken"), 1, kMaxExperts);
    m.sharedExperts = fields.optionalInteger(QStringLiteral("sharedExperts"), 0, kMaxExperts).value_or(0);
    m.source = fields.text(QStringLiteral("source"));
    m.note = fields.optionalText(QStringLiteral("note"));
    if (m.usedPerToken > m.experts)
        throw FieldError{QStringLiteral("\"usedPerToken\" must not exceed \"experts\" (%1), got %2")
                             .arg(m.experts)
                             .arg(m.usedPerToken)};
    if (m.activeParameters && *m.activeParameters > m.totalParameters)
        throw FieldError{QStringLiteral("\"active\" must not exceed \"total\" (%1), got %2")
                             .arg(m.totalParameters, 0, 'g', 12)
                             .arg(*m.activeParameters, 0, 'g', 12)};
    return m;
}

} // namespace

std::optional<double> ScaleModel::activeFraction() const
{
    if (!activeParameters || totalParameters <= 0)
        return std::nullopt;
    return *activeParameters / totalParameters;
}

QList<ScaleModel> loadScaleModels(const QString& path, QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    const QString file = QFileInfo(path).fileName();
    const std::optional<QJsonArray> entries = readJsonListFile(path, QStringLiteral("models"), &problems);
    if (!entries)
        return {};

    QList<ScaleModel> models;
    QHash<QString, QString> whereOf; // name -> the place of its first entry
    readEntries(
        file, QStringLiteral("models"), *entries, &problems,
        [&](const QJsonObject& object, const QString& where) {
            const ScaleModel m = readModel(FieldReader(object));
            if (whereOf.contains(m.name))
                throw FieldError{
                    QStringLiteral("\"name\" must be unique (%1 has it too)").arg(whereOf.value(m.name))};
            whereOf.insert(m.name, where);
            models << m;
        },
        QStringLiteral("name"));
    return models;
}

QStringList loadScaleNotes(const QString& path)
{
    QStringList ignored;
    const std::optional<QJsonObject> root = readJsonObjectFile(path, QFileInfo(path).fileName(), &ignored);
    QStringList notes;
    if (!root)
        return notes;
    for (const QJsonValue& v : root->value(QLatin1String("notes")).toArray()) {
        if (v.isString())
            notes << v.toString();
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

// Loading and checking resources/scale/models.json, the calculator's formula, number formatting.
#include "scale/scale_models.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>
#include <stdexcept>
#include <string>

namespace {

// Years outside this range are typos, not models.
constexpr int kFirstYear = 1990, kLastYear = 2100;

QString describe(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 12);
    case QJsonValue::String:
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

// Reads one entry's fields, noting every problem with the field's name; valid() says whether any.
class EntryReader {
public:
    EntryReader(const QJsonObject& object, QString where) : m_object(object), m_where(std::move(where)) {}

    QString string(const char* field, bool required)
    {
        const QJsonValue v = m_object.value(QLatin1String(field));
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString() || (required && v.toString().trimmed().isEmpty())) {
            fail(field, QStringLiteral("must be a non-empty string"), v);
            return {};
        }
        return v.toString();
    }

    int integer(const char* field, int min, int max, bool required = true, int fallback = 0)
    {
        const QJsonValue v = m_object.value(QLatin1String(field));
        if (v.isUndefined() && !required)
            return fallback;
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max) {
            fail(field, QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max), v);
            return fallback;
        }
        return static_cast<int>(d);
    }

    // A positive, finite number; with nullable, null gives nothing.
    std::optional<double> positive(const char* field, bool nullable = false)
    {
        const QJsonValue v = m_object.value(QLatin1String(field));
        if (nullable && v.isNull())
            return std::nullopt;
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() <= 0) {
            fail(field,
                 nullable ? QStringLiteral("must be a positive number or null")
                          : QStringLiteral("must be a positive number"),
                 v);
            return std::nullopt;
        }
        return v.toDouble();
    }

    void fail(const char* field, const QString& rule, const QJsonValue& got)
    {
        m_errors << QStringLiteral("%1: field \"%2\" %3, got %4; entry skipped")
                        .arg(m_where, QLatin1String(field), rule, describe(got));
    }
    bool valid() const { return m_errors.isEmpty(); }
    const QStringList& errors() const { return m_errors; }

private:
    QJsonObject m_object;
    QString m_where;
    QStringList m_errors;
};

// The file's top-level object, or an error naming the file.
std::optional<QJsonObject> readRoot(const QString& path, QStringList* errors)
{
    const QString file = QFileInfo(path).fileName();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (errors)
            *errors << QStringLiteral("%1: cannot be read (%2)").arg(path, f.errorString());
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError) {
        if (errors)
            *errors << QStringLiteral("%1: not valid JSON at offset %2: %3")
                           .arg(file)
                           .arg(parse.offset)
                           .arg(parse.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (errors)
            *errors << QStringLiteral("%1: expected an object at the top level").arg(file);
        return std::nullopt;
    }
    return doc.object();
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
    const std::optional<QJsonObject> root = readRoot(path, errors);
    if (!root)
        return {};
    const QString file = QFileInfo(path).fileName();
    const QJsonValue list = root->value(QLatin1String("models"));
    if (!list.isArray()) {
        if (errors)
            *errors
                << QStringLiteral("%1: field \"models\" must be an array, got %2").arg(file, describe(list));
        return {};
    }

    QList<ScaleModel> models;
    QHash<QString, int> seen; // name -> index of its first entry
    const QJsonArray array = list.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QJsonValue entry = array.at(i);
        QString where = QStringLiteral("%1: models[%2]").arg(file).arg(i);
        if (!entry.isObject()) {
            if (errors)
                *errors << QStringLiteral("%1: must be an object, got %2; entry skipped")
                               .arg(where, describe(entry));
            continue;
        }
        const QJsonObject object = entry.toObject();
        if (object.value(QLatin1String("name")).isString())
            where += QStringLiteral(" (\"%1\")").arg(object.value(QLatin1String("name")).toString());

        EntryReader read(object, where);
        ScaleModel m;
        m.name = read.string("name", true);
        m.year = read.integer("year", kFirstYear, kLastYear);
        m.totalParameters = read.positive("total").value_or(0);
        if (!object.contains(QLatin1String("active")))
            read.fail("active", QStringLiteral("must be a positive number or null"), QJsonValue::Undefined);
        else
            m.activeParameters = read.positive("active", /*nullable=*/true);
        m.experts = read.integer("experts", 1, 1 << 20);
        m.usedPerToken = read.integer("usedPerToken", 1, 1 << 20);
        m.sharedExperts = read.integer("sharedExperts", 0, 1 << 20, /*required=*/false, 0);
        m.source = read.string("source", true);
        m.note = read.string("note", false);
        if (read.valid() && m.usedPerToken > m.experts)
            read.fail("usedPerToken", QStringLiteral("must not exceed \"experts\" (%1)").arg(m.experts),
                      object.value(QLatin1String("usedPerToken")));
        if (read.valid() && m.activeParameters && *m.activeParameters > m.totalParameters)
            read.fail("active",
                      QStringLiteral("must not exceed \"total\" (%1)").arg(m.totalParameters, 0, 'g', 12),
                      object.value(QLatin1String("active")));
        if (read.valid() && seen.contains(m.name))
            read.fail("name",
                      QStringLiteral("must be unique (models[%1] has it too)").arg(seen.value(m.name)),
                      object.value(QLatin1String("name")));
        if (!read.valid()) {
            if (errors)
                *errors << read.errors();
            continue;
        }
        seen.insert(m.name, i);
        models << m;
    }
    return models;
}

QStringList loadScaleNotes(const QString& path)
{
    const std::optional<QJsonObject> root = readRoot(path, nullptr);
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

QString formatParameters(double parameters, int decimals)
{
    struct Unit {
        double size;
        const char* suffix;
    };
    // Short scale, as the model names use it: 7B is seven billion.
    static const Unit kUnits[] = {{1e12, QT_TRANSLATE_NOOP("ScaleUnits", "T")},
                                  {1e9, QT_TRANSLATE_NOOP("ScaleUnits", "B")},
                                  {1e6, QT_TRANSLATE_NOOP("ScaleUnits", "M")},
                                  {1e3, QT_TRANSLATE_NOOP("ScaleUnits", "K")}};
    const double scale = std::pow(10.0, decimals);
    for (const Unit& unit : kUnits) {
        // The rounded value picks the unit, so 999.96M reads "1B" rather than "1000M".
        const double rounded = std::round(parameters / unit.size * scale) / scale;
        if (rounded >= 1.0) {
            QString number = QLocale().toString(rounded, 'f', rounded >= 100.0 ? 0 : decimals);
            const QString point = QLocale().decimalPoint();
            if (number.contains(point)) { // "17B" and "12.5B", not "17.0B" and "12.50B"
                while (number.endsWith(QLatin1Char('0')))
                    number.chop(1);
                if (number.endsWith(point))
                    number.chop(point.size());
            }
            return number + QCoreApplication::translate("ScaleUnits", unit.suffix);
        }
    }
    return QLocale().toString(parameters, 'f', 0);
}

// Loading and checking resources/sources/sources.json with the content loaders' FieldReader.
#include "scale/source_registry.h"

#include "learn/json_fields.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace {

const QStringList kKinds = {QStringLiteral("parameters"), QStringLiteral("percent"),
                            QStringLiteral("experts"), QStringLiteral("layers")};
constexpr int kMaxCount = 1 << 20;

std::optional<double> positiveOrAbsent(const FieldReader& fields, const QString& field)
{
    if (!fields.has(field))
        return std::nullopt;
    return fields.positiveNumberOrNull(field);
}

std::optional<int> countOrAbsent(const FieldReader& fields, const QString& field, int min)
{
    if (!fields.has(field))
        return std::nullopt;
    return fields.integerOrNull(field, min, kMaxCount);
}

Source readSource(const FieldReader& fields)
{
    Source s;
    s.id = fields.id(QStringLiteral("id"));
    s.title = fields.text(QStringLiteral("title"));
    s.publisher = fields.text(QStringLiteral("publisher"));
    s.year = fields.integer(QStringLiteral("year"), 1990, 2100);
    s.arxiv = fields.optionalText(QStringLiteral("arxiv"));
    s.url = fields.optionalText(QStringLiteral("url"));
    static const QRegularExpression arxivId(QStringLiteral("^\\d{4}\\.\\d{4,5}$"));
    if (!s.arxiv.isEmpty() && !arxivId.match(s.arxiv).hasMatch())
        throw FieldError{
            QStringLiteral("\"arxiv\" must be an arXiv id such as 2401.04088, got \"%1\"").arg(s.arxiv)};
    if (!s.url.isEmpty() && !s.url.startsWith(QLatin1String("https://")))
        throw FieldError{QStringLiteral("\"url\" must start with https://, got \"%1\"").arg(s.url)};
    if (s.arxiv.isEmpty() && s.url.isEmpty())
        throw FieldError{QStringLiteral("needs \"arxiv\" or \"url\": where to read the source")};
    return s;
}

SourceFigures readFigures(const FieldReader& fields, const QSet<QString>& sourceIds)
{
    SourceFigures f;
    f.source = fields.id(QStringLiteral("source"));
    if (!sourceIds.contains(f.source))
        throw FieldError{
            QStringLiteral("\"source\" must be the id of an entry of \"sources\", got \"%1\"").arg(f.source)};
    f.date = fields.text(QStringLiteral("date"));
    static const QRegularExpression date(QStringLiteral("^(19|20)\\d\\d(-(0[1-9]|1[0-2]))?$"));
    if (!date.match(f.date).hasMatch())
        throw FieldError{QStringLiteral("\"date\" must be \"YYYY\" or \"YYYY-MM\", got \"%1\"").arg(f.date)};
    f.total = positiveOrAbsent(fields, QStringLiteral("total"));
    f.active = positiveOrAbsent(fields, QStringLiteral("active"));
    if (fields.has(QStringLiteral("activeShare")))
        f.activeShare = fields.number(QStringLiteral("activeShare"), 0.0, 1.0);
    f.experts = countOrAbsent(fields, QStringLiteral("experts"), 1);
    f.usedPerToken = countOrAbsent(fields, QStringLiteral("usedPerToken"), 1);
    f.sharedExperts = countOrAbsent(fields, QStringLiteral("sharedExperts"), 0);
    f.denseLayers = countOrAbsent(fields, QStringLiteral("denseLayers"), 0);
    f.moeLayers = countOrAbsent(fields, QStringLiteral("moeLayers"), 1);
    f.approximate = fields.optionalStrings(
        QStringLiteral("approximate"),
        {QStringLiteral("total"), QStringLiteral("active"), QStringLiteral("activeShare")});
    f.layers = fields.optionalText(QStringLiteral("layers"));
    if (fields.has(QStringLiteral("moe")))
        f.moe = fields.oneOf(QStringLiteral("moe"),
                             {QStringLiteral("confirmed"), QStringLiteral("not published")});
    if (fields.has(QStringLiteral("status")))
        f.status =
            fields.oneOf(QStringLiteral("status"), {QStringLiteral("released"), QStringLiteral("announced")});
    if (f.total && f.active && *f.active > *f.total)
        throw FieldError{QStringLiteral("\"active\" must not exceed \"total\"")};
    if (f.experts && f.usedPerToken && *f.usedPerToken > *f.experts)
        throw FieldError{QStringLiteral("\"usedPerToken\" must not exceed \"experts\"")};
    fields.rejectUnknownFields({QStringLiteral("source"), QStringLiteral("date"), QStringLiteral("total"),
                                QStringLiteral("active"), QStringLiteral("activeShare"),
                                QStringLiteral("experts"), QStringLiteral("usedPerToken"),
                                QStringLiteral("sharedExperts"), QStringLiteral("denseLayers"),
                                QStringLiteral("moeLayers"), QStringLiteral("approximate"),
                                QStringLiteral("layers"), QStringLiteral("moe"), QStringLiteral("status")});
    return f;
}

DerivedValue readDerived(const FieldReader& fields)
{
    DerivedValue d;
    d.value = fields.positiveNumber(QStringLiteral("value"));
    d.kind = fields.oneOf(QStringLiteral("kind"), kKinds);
    d.why = fields.text(QStringLiteral("why"));
    return d;
}

RegistryModel readModel(const FieldReader& fields, const QSet<QString>& sourceIds)
{
    RegistryModel m;
    m.name = fields.text(QStringLiteral("name"));
    m.aliases = fields.optionalStrings(QStringLiteral("aliases"));
    const QJsonArray figures = fields.array(QStringLiteral("figures"));
    if (figures.isEmpty())
        throw FieldError{QStringLiteral("\"figures\" must hold at least one source's figures")};
    // Sub-entries throw with their place, so the message reads "...(\"DBRX\"), figures[0]: ...".
    const auto each = [](const QJsonArray& list, const QString& name, auto read) {
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString place = QStringLiteral("%1[%2]").arg(name).arg(i);
            if (!list[i].isObject())
                throw FieldError{QStringLiteral("must be an object, got %1").arg(describeJson(list[i])),
                                 place};
            try {
                read(FieldReader(list[i].toObject()));
            } catch (const FieldError& error) {
                throw FieldError{error.message, place};
            }
        }
    };
    each(figures, QStringLiteral("figures"),
         [&](const FieldReader& f) { m.figures << readFigures(f, sourceIds); });
    if (fields.has(QStringLiteral("derived")))
        each(fields.array(QStringLiteral("derived")), QStringLiteral("derived"),
             [&](const FieldReader& f) { m.derived << readDerived(f); });
    return m;
}

Exercise readExercise(const FieldReader& fields)
{
    Exercise e;
    e.item = fields.text(QStringLiteral("item"));
    e.value = fields.positiveNumber(QStringLiteral("value"));
    e.kind = fields.oneOf(QStringLiteral("kind"), kKinds);
    e.why = fields.text(QStringLiteral("why"));
    return e;
}

// "Mixtral of Experts (Mistral AI, 2024)", `extra` before the closing bracket: the one form of
// citation() and citations().
QString byline(const Source& s, const QString& extra = {})
{
    return QStringLiteral("%1 (%2, %3%4)").arg(s.title, s.publisher, QString::number(s.year), extra);
}

} // namespace

QString Source::citation() const
{
    return byline(*this, arxiv.isEmpty() ? QString() : QStringLiteral(", arXiv %1").arg(arxiv));
}

QString Source::link() const
{
    return arxiv.isEmpty() ? url : QStringLiteral("https://arxiv.org/abs/%1").arg(arxiv);
}

const SourceFigures* RegistryModel::figuresFrom(const QString& source) const
{
    for (const SourceFigures& f : figures) {
        if (f.source == source)
            return &f;
    }
    return nullptr;
}

const Source* SourceRegistry::source(const QString& id) const
{
    for (const Source& s : sources) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

const RegistryModel* SourceRegistry::model(const QString& name) const
{
    for (const RegistryModel& m : models) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

QString SourceRegistry::citations(const QStringList& ids) const
{
    QStringList texts;
    for (const QString& id : ids) {
        const Source* s = source(id);
        texts << (s ? byline(*s) : id);
    }
    return texts.join(QStringLiteral("; "));
}

SourceRegistry loadSourceRegistry(const QString& path, QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    const QString file = QFileInfo(path).fileName();
    SourceRegistry registry;
    const std::optional<QJsonObject> root = readJsonObjectFile(path, file, &problems);
    if (!root)
        return registry;
    const auto list = [&](const QString& name) -> QJsonArray {
        const QJsonValue value = root->value(name);
        if (value.isUndefined() && name == QLatin1String("exercises"))
            return {};
        if (!value.isArray()) {
            problems
                << QStringLiteral("%1: \"%2\" must be an array, got %3").arg(file, name, describeJson(value));
            return {};
        }
        return value.toArray();
    };

    QSet<QString> sourceIds;
    readEntries(file, QStringLiteral("sources"), list(QStringLiteral("sources")), &problems,
                [&](const QJsonObject& object, const QString&) {
                    const Source s = readSource(FieldReader(object));
                    if (sourceIds.contains(s.id))
                        throw FieldError{
                            QStringLiteral("\"id\" must be unique, \"%1\" is there twice").arg(s.id)};
                    sourceIds.insert(s.id);
                    registry.sources << s;
                });
    QSet<QString> names;
    readEntries(
        file, QStringLiteral("models"), list(QStringLiteral("models")), &problems,
        [&](const QJsonObject& object, const QString&) {
            const RegistryModel m = readModel(FieldReader(object), sourceIds);
            if (names.contains(m.name))
                throw FieldError{
                    QStringLiteral("\"name\" must be unique, \"%1\" is there twice").arg(m.name)};
            names.insert(m.name);
            registry.models << m;
        },
        QStringLiteral("name"));
    readEntries(
        file, QStringLiteral("exercises"), list(QStringLiteral("exercises")), &problems,
        [&](const QJsonObject& object, const QString&) {
            registry.exercises << readExercise(FieldReader(object));
        },
        QStringLiteral("item"));
    return registry;
}

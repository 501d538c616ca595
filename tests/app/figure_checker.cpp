// Reading figures as lessons and quiz write them, in English and German notation.
#include "figure_checker.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace moe::test {

namespace {

// A written number: English "1,024.5", German "1.024,5"; not part of a word or name ("V3", "top-2").
// Compiled once: the checker reads every lesson step and quiz question several times.
const QRegularExpression& numberPattern(const QString& language)
{
    static const QRegularExpression german(
        QStringLiteral("(?<![\\w.,])(?<!\\w-)(\\d{1,3}(?:\\.\\d{3})+|\\d+)(?:,(\\d+))?"));
    static const QRegularExpression english(
        QStringLiteral("(?<![\\w.,])(?<!\\w-)(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?"));
    return language == QLatin1String("de") ? german : english;
}

struct Unit {
    Figure::Kind kind;
    double scale;
    qsizetype length; // characters the unit takes after the number
};

struct UnitPattern {
    QRegularExpression regex;
    Figure::Kind kind;
    double scale;
};

struct UnitSpec {
    const char* regex;
    Figure::Kind kind;
    double scale;
};

QList<UnitPattern> compiled(std::initializer_list<UnitSpec> specs)
{
    QList<UnitPattern> patterns;
    for (const UnitSpec& s : specs)
        patterns << UnitPattern{
            QRegularExpression(QString::fromUtf8(s.regex), QRegularExpression::UseUnicodePropertiesOption),
            s.kind, s.scale};
    return patterns;
}

// The unit right after a number at `pos`, if any.
std::optional<Unit> unitAt(const QString& text, qsizetype pos, const QString& language)
{
    static const QList<UnitPattern> kCommon = compiled({
        {"[ \\x{00a0}\\x{202f}]?T(?![\\w])", Figure::Kind::Parameters, 1e12},
        {"[ \\x{00a0}\\x{202f}]?B(?![\\w])", Figure::Kind::Parameters, 1e9},
        {"[ \\x{00a0}\\x{202f}]?M(?![\\w])", Figure::Kind::Parameters, 1e6},
        {"[ \\x{00a0}\\x{202f}]?(?:%|percent|Prozent)", Figure::Kind::Percent, 1},
        // "248 routed experts", "248 nicht gewählten gerouteten Experten": up to three of these words
        // between ("1 an einen einzigen Experten" is no count of experts).
        {"(?:[ \\x{00a0}\\x{202f}]+(?:routed|shared|chosen|unchosen|idle|active|other|more|nicht|"
         "gewählte[n]?|geroutete[n]?|gemeinsame[n]?|aktive[n]?|weitere[n]?|andere[n]?)){0,3}"
         "[ \\x{00a0}\\x{202f}]+(?:[Ee]xperts?|Experten?)(?![\\w])",
         Figure::Kind::Experts, 1},
        {"[ \\x{00a0}\\x{202f}]+(?:dense[ \\x{00a0}\\x{202f}]+layers?|MoE[ "
         "\\x{00a0}\\x{202f}]+layers?|dichte[n]?[ \\x{00a0}\\x{202f}]+Schichten|MoE-Schichten)",
         Figure::Kind::Layers, 1},
    });
    static const QList<UnitPattern> kEnglish = compiled({
        {"[ \\x{00a0}\\x{202f}-]?trillion", Figure::Kind::Parameters, 1e12},
        {"[ \\x{00a0}\\x{202f}-]?billion", Figure::Kind::Parameters, 1e9},
        {"[ \\x{00a0}\\x{202f}-]?million", Figure::Kind::Parameters, 1e6},
    });
    static const QList<UnitPattern> kGerman = compiled({
        {"[ \\x{00a0}\\x{202f}-](?:Bio\\.|Billionen|Billion)", Figure::Kind::Parameters, 1e12},
        {"[ \\x{00a0}\\x{202f}-](?:Mrd\\.|Milliarden|Milliarde)", Figure::Kind::Parameters, 1e9},
        {"[ \\x{00a0}\\x{202f}-](?:Mio\\.|Millionen|Million)", Figure::Kind::Parameters, 1e6},
    });
    const auto tryAll = [&](const QList<UnitPattern>& patterns) -> std::optional<Unit> {
        for (const UnitPattern& p : patterns) {
            const QRegularExpressionMatch m = p.regex.match(text, pos, QRegularExpression::NormalMatch,
                                                            QRegularExpression::AnchorAtOffsetMatchOption);
            if (m.hasMatch())
                return Unit{p.kind, p.scale, m.capturedLength()};
        }
        return std::nullopt;
    };
    if (auto u = tryAll(language == QLatin1String("de") ? kGerman : kEnglish))
        return u;
    return tryAll(kCommon);
}

// Words that let a bare number share the next number's unit: "27 to 28%", "36 of 132B",
// "8 of its 256 routed experts", "12,9 von 46,7 Mrd.".
const QRegularExpression& connector()
{
    static const QRegularExpression re(
        QStringLiteral("[ \\x{00a0}\\x{202f}]*(?:to|out of|of its|of|–|-|bis|von|seiner|seinen|ihrer|/)[ "
                       "\\x{00a0}\\x{202f}]*"));
    return re;
}

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

bool sameAsWritten(double candidate, const Figure& figure)
{
    const double written = figure.value / figure.scale;
    return std::abs(roundTo(candidate / figure.scale, figure.decimals) - written) <
           1e-9 * std::max(1.0, written);
}

Figure::Kind kindOf(const QString& name)
{
    if (name == QLatin1String("percent"))
        return Figure::Kind::Percent;
    if (name == QLatin1String("experts"))
        return Figure::Kind::Experts;
    if (name == QLatin1String("layers"))
        return Figure::Kind::Layers;
    return Figure::Kind::Parameters;
}

// Every value a text may write about `model` as `kind`: the figures of all its sources, their
// ratios and the listed derived values.
QList<double> candidates(const RegistryModel& model, Figure::Kind kind)
{
    QList<double> values;
    const auto add = [&](std::optional<double> v) {
        if (v)
            values << *v;
    };
    for (const SourceFigures& f : model.figures) {
        switch (kind) {
        case Figure::Kind::Parameters:
            add(f.total);
            add(f.active);
            break;
        case Figure::Kind::Percent:
            if (f.total && f.active)
                values << 100.0 * *f.active / *f.total;
            if (f.activeShare)
                values << 100.0 * *f.activeShare;
            if (f.experts && f.usedPerToken)
                values << 100.0 * *f.usedPerToken / *f.experts;
            break;
        case Figure::Kind::Experts:
            for (const auto& v : {f.experts, f.usedPerToken, f.sharedExperts})
                if (v)
                    values << *v;
            if (f.experts && f.usedPerToken)
                values << *f.experts - *f.usedPerToken; // the unchosen ones
            // No sums with the shared experts: "257 routed experts" for DeepSeek-V3 is a typo, and a
            // text that counts 8 + 1 lists the 9 as a derived value.
            if (f.experts && f.usedPerToken && *f.experts % *f.usedPerToken == 0)
                values << *f.experts / *f.usedPerToken; // "1 in every 16 experts"
            break;
        case Figure::Kind::Layers:
            for (const auto& v : {f.denseLayers, f.moeLayers})
                if (v)
                    values << *v;
            if (f.denseLayers && f.moeLayers)
                values << *f.denseLayers + *f.moeLayers;
            break;
        }
    }
    for (const DerivedValue& d : model.derived)
        if (kindOf(d.kind) == kind)
            values << d.value;
    return values;
}

} // namespace

QString kindName(Figure::Kind kind)
{
    switch (kind) {
    case Figure::Kind::Parameters:
        return QStringLiteral("parameters");
    case Figure::Kind::Percent:
        return QStringLiteral("percent");
    case Figure::Kind::Experts:
        return QStringLiteral("experts");
    case Figure::Kind::Layers:
        return QStringLiteral("layers");
    }
    return {};
}

FigureChecker::FigureChecker(SourceRegistry registry) : m_registry(std::move(registry))
{
    QList<QPair<QString, QString>> names; // name or alias -> registry model
    for (const RegistryModel& m : m_registry.models) {
        names << qMakePair(m.name, m.name);
        for (const QString& alias : m.aliases)
            names << qMakePair(alias, m.name);
    }
    std::stable_sort(names.begin(), names.end(), [](const auto& a, const auto& b) {
        return a.first.size() != b.first.size() ? a.first.size() > b.first.size() : a.first < b.first;
    });
    // Whole names only ("Scout" is not in "Scouting"), a German genitive s allowed ("Mixtrals"). A
    // name shared by several models ("Llama 4") is one pattern naming them all. Compiled here once:
    // every text is read against every name.
    for (const auto& [name, model] : std::as_const(names)) {
        if (m_names.isEmpty() || m_names.last().name != name)
            m_names << Name{
                name,
                QRegularExpression(
                    QStringLiteral("(?<![\\w-])%1s?(?![\\w])").arg(QRegularExpression::escape(name))),
                {}};
        m_names.last().models << model;
    }
}

QString FigureChecker::withoutNames(const QString& text, QStringList* named) const
{
    static const QRegularExpression placeholder(QStringLiteral("\\{[a-z_.0-9]+\\}"));
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    QString plain = QString(text).replace(placeholder, QStringLiteral("\u2022")).replace(tag, QString());
    // Longest names first, so "Mixtral 8x22B" is not also "Mixtral".
    for (const Name& name : m_names) {
        if (!plain.contains(name.pattern))
            continue;
        if (named)
            for (const QString& model : name.models)
                if (!named->contains(model))
                    *named << model;
        plain.replace(name.pattern, QStringLiteral("\u2022"));
    }
    return plain;
}

QStringList FigureChecker::modelsNamed(const QString& text) const
{
    QStringList named;
    withoutNames(text, &named);
    return named;
}

QList<Figure> FigureChecker::figures(const QString& text, const QString& language) const
{
    return figuresIn(withoutNames(text, nullptr), language);
}

QList<Figure> FigureChecker::figuresIn(const QString& plain, const QString& language) const
{
    const QRegularExpression& number = numberPattern(language);
    struct Found {
        qsizetype start, end;
        double value;
        int decimals;
        std::optional<Unit> unit;
    };
    QList<Found> found;
    for (auto it = number.globalMatch(plain); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QString whole = m.captured(1);
        whole.remove(language == QLatin1String("de") ? QLatin1Char('.') : QLatin1Char(','));
        const QString fraction = m.captured(2);
        const double value =
            (whole + (fraction.isEmpty() ? QString() : QLatin1Char('.') + fraction)).toDouble();
        found << Found{m.capturedStart(), m.capturedEnd(), value, static_cast<int>(fraction.size()),
                       unitAt(plain, m.capturedEnd(), language)};
    }
    // A bare number joined to the next size or percentage by "to", "of", "von" ... shares its unit
    // ("36 of 132B", "27 bis 28 %"); not a count of experts ("1 of 16 experts" is a ratio).
    for (qsizetype i = found.size() - 2; i >= 0; --i) {
        if (found[i].unit || !found[i + 1].unit || found[i + 1].unit->kind == Figure::Kind::Experts ||
            found[i + 1].unit->kind == Figure::Kind::Layers)
            continue;
        const QRegularExpressionMatch m =
            connector().match(plain, found[i].end, QRegularExpression::NormalMatch,
                              QRegularExpression::AnchorAtOffsetMatchOption);
        if (m.hasMatch() && m.capturedEnd() == found[i + 1].start)
            found[i].unit = Unit{found[i + 1].unit->kind, found[i + 1].unit->scale, 0};
    }
    QList<Figure> figures;
    for (const Found& f : std::as_const(found)) {
        if (!f.unit)
            continue;
        Figure figure;
        figure.kind = f.unit->kind;
        figure.scale = f.unit->scale;
        figure.value = f.value * f.unit->scale;
        figure.decimals = f.decimals;
        figure.text = plain.mid(f.start, f.end - f.start + f.unit->length).trimmed();
        figures << figure;
    }
    return figures;
}

bool FigureChecker::supported(const Figure& figure, const QStringList& models, const QString& item) const
{
    for (const Exercise& e : m_registry.exercises)
        if (e.item == item && kindOf(e.kind) == figure.kind && sameAsWritten(e.value, figure))
            return true;
    for (const QString& name : models) {
        const RegistryModel* model = m_registry.model(name);
        if (!model)
            continue;
        for (const double candidate : candidates(*model, figure.kind))
            if (sameAsWritten(candidate, figure))
                return true;
    }
    return false;
}

QStringList FigureChecker::check(const QString& file, const QString& item, const QString& text,
                                 const QString& language) const
{
    // One pass over the names gives both the models named and the text the figures are read from.
    QStringList models;
    const QString plain = withoutNames(text, &models);
    QStringList problems;
    if (models.isEmpty())
        return problems;
    for (const Figure& figure : figuresIn(plain, language)) {
        if (!supported(figure, models, item))
            problems << QStringLiteral("%1: %2: \"%3\" (%4) is no figure of %5 in sources.json, nor a ratio, "
                                       "derived value or exercise listed there")
                            .arg(file, item, figure.text, kindName(figure.kind),
                                 models.join(QStringLiteral(", ")));
    }
    return problems;
}

QStringList FigureChecker::checkAnswer(const QString& file, const QString& item, const QString& text,
                                       double answer, const QString& unit) const
{
    const QStringList models = modelsNamed(text);
    if (models.isEmpty() || (unit != QLatin1String("%") && unit != QLatin1String("B")))
        return {};
    Figure figure;
    figure.kind = unit == QLatin1String("%") ? Figure::Kind::Percent : Figure::Kind::Parameters;
    figure.scale = unit == QLatin1String("%") ? 1 : 1e9;
    figure.value = answer * figure.scale;
    const QString written = QString::number(answer);
    figure.decimals =
        written.contains(QLatin1Char('.')) ? static_cast<int>(written.section('.', 1).size()) : 0;
    figure.text = written + unit;
    if (supported(figure, models, item))
        return {};
    return {QStringLiteral(
                "%1: %2: the answer %3 is no figure of %4 in sources.json, nor a ratio or derived value")
                .arg(file, item, figure.text, models.join(QStringLiteral(", ")))};
}

} // namespace moe::test

#include "learn/content_facts.h"

#include "moe/corpus.h"
#include "moe/error.h"
#include "moe/train.h"
#include "playground/playground_caption.h"
#include "style/number_format.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>
#include <exception>
#include <optional>
#include <utility>

namespace {

// A plain decimal as the language writes it, without trailing zeros: "0.003", "0,003", "10,000".
QString decimal(const QLocale& locale, double value)
{
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return locale.toString(static_cast<qlonglong>(value));
    QString text = locale.toString(value, 'f', 6);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    return text;
}

class FactTable {
public:
    FactTable(ContentFacts& facts, const QLocale& locale) : m_facts(facts), m_locale(locale) {}
    void number(const QString& name, double value)
    {
        m_facts.insert(name, {decimal(m_locale, value), value});
    }
    void rounded(const QString& name, double value, int decimals)
    {
        m_facts.insert(name, {m_locale.toString(value, 'f', decimals), value});
    }
    void percent(const QString& name, double fraction)
    {
        m_facts.insert(name, {percentText(fraction), fraction * 100.0});
    }
    void compact(const QString& name, double value) { m_facts.insert(name, {compactNumber(value), value}); }
    void text(const QString& name, const QString& value) { m_facts.insert(name, {value, 0.0}); }

private:
    ContentFacts& m_facts;
    QLocale m_locale;
};

// A number inside the eval report, or nullopt (and a message) when it is absent.
std::optional<double> reportNumber(const QJsonObject& object, const QString& key, const QString& where,
                                   QStringList* errors,
                                   const QString& file = QStringLiteral("tiny-experts.eval.json"))
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble()) {
        errors->append(QStringLiteral("%1: \"%2%3\" is missing or not a number").arg(file, where, key));
        return std::nullopt;
    }
    return value.toDouble();
}

void addModelFacts(FactTable& t, const QJsonObject& eval, QStringList* errors)
{
    const QJsonObject config = eval.value(QStringLiteral("config")).toObject();
    const QString in = QStringLiteral("config.");
    const auto layersRead = reportNumber(config, QStringLiteral("layers"), in, errors);
    const auto expertsRead = reportNumber(config, QStringLiteral("experts"), in, errors);
    const auto topKRead = reportNumber(config, QStringLiteral("top_k"), in, errors);
    const auto totalRead = reportNumber(eval, QStringLiteral("parameters"), {}, errors);
    const auto activeRead = reportNumber(eval, QStringLiteral("active_parameters"), {}, errors);
    if (!layersRead || !expertsRead || !topKRead || !totalRead || !activeRead || *expertsRead <= 0 ||
        *totalRead <= 0)
        return;
    const double layers = *layersRead, experts = *expertsRead, topK = *topKRead;
    const double total = *totalRead, active = *activeRead;
    t.text(QStringLiteral("model.name"), eval.value(QStringLiteral("model")).toString());
    t.number(QStringLiteral("model.layers"), layers);
    t.number(QStringLiteral("model.experts"), experts);
    t.number(QStringLiteral("model.top_k"), topK);
    t.number(QStringLiteral("model.asleep"), experts - topK);
    t.number(QStringLiteral("model.awake_all_layers"), layers * topK);
    t.number(QStringLiteral("model.experts_all_layers"), layers * experts);
    t.number(QStringLiteral("model.asleep_all_layers"), layers * (experts - topK));
    t.number(QStringLiteral("model.half_experts"), experts / 2);
    if (topK > 0)
        t.number(QStringLiteral("model.experts_per_awake"), experts / topK); // "1 in every 4"
    t.percent(QStringLiteral("model.top_k_share"), topK / experts);
    t.percent(QStringLiteral("model.asleep_share"), (experts - topK) / experts);
    t.percent(QStringLiteral("model.even_share"), 1.0 / experts);
    t.percent(QStringLiteral("model.collapse_share"), kCollapsedFractionOfEvenShare / experts);
    t.compact(QStringLiteral("model.parameters"), total);
    t.compact(QStringLiteral("model.active_parameters"), active);
    t.percent(QStringLiteral("model.active_share"), active / total);
    t.rounded(QStringLiteral("model.float32_megabytes"), total * 4 / 1e6, 1);
}

void addRecipeFacts(FactTable& t, const QString& recipeText, QStringList* errors)
{
    try {
        const moe::Settings settings = moe::Settings::parse(recipeText.toStdString(), "default-model.conf");
        const moe::TrainConfig recipe = moe::TrainConfig::fromSettings(settings);
        t.number(QStringLiteral("recipe.aux_loss_weight"), recipe.auxLossWeight);
        t.number(QStringLiteral("recipe.z_loss_weight"), recipe.zLossWeight);
        t.number(QStringLiteral("recipe.router_weight_decay"), recipe.routerWeightDecay);
        t.number(QStringLiteral("recipe.dropout"), recipe.dropout);
        t.number(QStringLiteral("recipe.steps"), recipe.steps);
        t.compact(QStringLiteral("recipe.training_tokens"), double(recipe.steps) * recipe.tokensPerStep());
        t.percent(QStringLiteral("recipe.math_share"), moe::CorpusOptions::fromSettings(settings).mathShare);
    } catch (const std::exception& e) {
        errors->append(QStringLiteral("default-model.conf: %1").arg(QString::fromUtf8(e.what())));
    }
}

void addEvalFacts(FactTable& t, const QJsonObject& eval, QStringList* errors)
{
    const QJsonObject accuracy = eval.value(QStringLiteral("math_accuracy")).toObject();
    const QString where = QStringLiteral("math_accuracy.");
    const struct {
        const char* key;
        const char* fact;
    } tasks[] = {{"add", "eval.add_accuracy"},     {"sub", "eval.sub_accuracy"},
                 {"times", "eval.times_accuracy"}, {"equation", "eval.equation_accuracy"},
                 {"word", "eval.word_accuracy"},   {"overall", "eval.math_accuracy"}};
    for (const auto& task : tasks) {
        if (const auto value = reportNumber(accuracy, QString::fromLatin1(task.key), where, errors))
            t.percent(QString::fromLatin1(task.fact), *value);
    }
    // Switching experts off (eval's ablation): the most math-leaning expert of every layer, or
    // random ones, and what is left of the math.
    const QJsonObject ablation = eval.value(QStringLiteral("ablation")).toObject();
    for (const auto& [key, fact] : {std::pair{"math_leaning", "eval.math_leaning_off_accuracy"},
                                    std::pair{"random", "eval.random_off_accuracy"}}) {
        const QJsonObject scores =
            ablation.value(QLatin1String(key)).toObject().value(QStringLiteral("math_accuracy")).toObject();
        if (const auto value =
                reportNumber(scores, QStringLiteral("overall"),
                             QStringLiteral("ablation.%1.math_accuracy.").arg(QLatin1String(key)), errors))
            t.percent(QString::fromLatin1(fact), *value);
    }
    if (const auto divergence = reportNumber(eval, QStringLiteral("js_divergence_bits_mean"), {}, errors))
        t.rounded(QStringLiteral("eval.divergence_bits"), *divergence, 2);
    if (const auto poemBits = reportNumber(eval, QStringLiteral("poem_bpb_heldout"), {}, errors))
        t.rounded(QStringLiteral("eval.poem_bits_per_byte"), *poemBits, 2);
}

// One race model's facts; returns its training time (nullopt when the report lacks it).
std::optional<double> addRaceModel(FactTable& t, const QJsonObject& models, const QString& key,
                                   const QString& fact, QStringList* errors)
{
    const QJsonObject model = models.value(key).toObject();
    const QString where = QStringLiteral("models.%1.").arg(key);
    const auto report = [&](const QString& name) {
        return reportNumber(model, name, where, errors, QStringLiteral("race-report.json"));
    };
    if (const auto total = report(QStringLiteral("parameters")))
        t.compact(fact + QStringLiteral("_parameters"), *total);
    if (const auto active = report(QStringLiteral("active_parameters")))
        t.compact(fact + QStringLiteral("_active_parameters"), *active);
    if (const auto bits = report(QStringLiteral("bits_per_byte")))
        t.rounded(fact + QStringLiteral("_bpb"), *bits, 3);
    return report(QStringLiteral("seconds"));
}

QByteArray readResource(const QString& path, QStringList* errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append(QStringLiteral("%1: cannot be read").arg(path));
        return {};
    }
    return file.readAll();
}

} // namespace

ContentFacts builtInFacts(const QString& recipeText, const QJsonObject& eval, const QLocale& locale,
                          QStringList* errors)
{
    QStringList ignored;
    QStringList* problems = errors ? errors : &ignored;
    ContentFacts facts;
    FactTable table(facts, locale);
    addModelFacts(table, eval, problems);
    addRecipeFacts(table, recipeText, problems);
    addEvalFacts(table, eval, problems);
    return facts;
}

void addRaceFacts(ContentFacts& facts, const QJsonObject& race, const QLocale& locale, QStringList* errors)
{
    QStringList ignored;
    errors = errors ? errors : &ignored;
    FactTable t(facts, locale);
    const QJsonObject preset = race.value(QStringLiteral("preset")).toObject();
    const QJsonObject models = race.value(QStringLiteral("models")).toObject();
    const QString file = QStringLiteral("race-report.json");
    if (const auto experts =
            reportNumber(preset, QStringLiteral("experts"), QStringLiteral("preset."), errors, file))
        t.number(QStringLiteral("race.experts"), *experts);
    if (const auto topK =
            reportNumber(preset, QStringLiteral("top_k"), QStringLiteral("preset."), errors, file))
        t.number(QStringLiteral("race.top_k"), *topK);
    if (const auto tokens = reportNumber(race, QStringLiteral("compared_at_tokens"), {}, errors, file))
        t.compact(QStringLiteral("race.tokens"), *tokens);
    const auto mixtureSeconds =
        addRaceModel(t, models, QStringLiteral("mixture"), QStringLiteral("race.mixture"), errors);
    addRaceModel(t, models, QStringLiteral("dense_same_active"), QStringLiteral("race.dense_active"), errors);
    const auto denseSeconds = addRaceModel(t, models, QStringLiteral("dense_same_total"),
                                           QStringLiteral("race.dense_total"), errors);
    if (mixtureSeconds && denseSeconds && *mixtureSeconds > 0)
        t.rounded(QStringLiteral("race.dense_total_time_ratio"), *denseSeconds / *mixtureSeconds, 1);
}

const ContentFacts& builtInFactsFor(const QString& language)
{
    static QHash<QString, ContentFacts> cache;
    const auto it = cache.constFind(language);
    if (it != cache.constEnd())
        return *it;
    QStringList errors;
    const auto json = [&errors](const QString& path) {
        return QJsonDocument::fromJson(readResource(path, &errors)).object();
    };
    const QString recipe =
        QString::fromUtf8(readResource(QStringLiteral(":/training/default-model.conf"), &errors));
    ContentFacts facts = builtInFacts(recipe, json(QStringLiteral(":/models/tiny-experts.eval.json")),
                                      QLocale(language), &errors);
    addRaceFacts(facts, json(QStringLiteral(":/playground/race-report.json")), QLocale(language), &errors);
    for (const QString& e : errors)
        qWarning("%s", qPrintable(e));
    return *cache.insert(language, facts);
}

QString fillFacts(const QString& text, const ContentFacts& facts, QStringList* unknown)
{
    if (!text.contains(QLatin1Char('{')) && !text.contains(QLatin1Char('}')))
        return text;
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if ((c == QLatin1Char('{') || c == QLatin1Char('}')) && i + 1 < text.size() && text[i + 1] == c) {
            out += c; // "{{" or "}}": a literal brace
            ++i;
            continue;
        }
        const qsizetype close = c == QLatin1Char('{') ? text.indexOf(QLatin1Char('}'), i + 1) : -1;
        if (close < 0) {
            out += c;
            continue;
        }
        const QString name = text.mid(i + 1, close - i - 1);
        const auto fact = facts.constFind(name);
        if (fact == facts.constEnd()) {
            if (unknown)
                unknown->append(name);
            out += text.mid(i, close - i + 1);
        } else {
            out += fact->text;
        }
        i = close;
    }
    return out;
}

namespace {

void fillObject(QJsonObject& object, const ContentFacts& facts, const QStringList& numericFields,
                const QString& prefix, const QString& fileName, QStringList* problems);

void fillValue(QJsonValue& value, const QString& field, const ContentFacts& facts,
               const QStringList& numericFields, const QString& path, const QString& fileName,
               QStringList* problems)
{
    if (value.isString()) {
        const QString text = value.toString();
        static const QRegularExpression whole(QStringLiteral("^\\{([a-z0-9_.]+)\\}$"));
        const QRegularExpressionMatch match = whole.match(text);
        if (match.hasMatch() && numericFields.contains(field) && facts.contains(match.captured(1))) {
            value = facts.value(match.captured(1)).value;
            return;
        }
        QStringList unknown;
        value = fillFacts(text, facts, &unknown);
        for (const QString& name : unknown)
            problems->append(QStringLiteral("%1: %2: unknown fact {%3}").arg(fileName, path, name));
    } else if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonValue item = array[i];
            fillValue(item, field, facts, numericFields, QStringLiteral("%1[%2]").arg(path).arg(i), fileName,
                      problems);
            array[i] = item;
        }
        value = array;
    } else if (value.isObject()) {
        QJsonObject object = value.toObject();
        fillObject(object, facts, numericFields, path + QLatin1Char('.'), fileName, problems);
        value = object;
    }
}

void fillObject(QJsonObject& object, const ContentFacts& facts, const QStringList& numericFields,
                const QString& prefix, const QString& fileName, QStringList* problems)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        QJsonValue value = it.value();
        fillValue(value, it.key(), facts, numericFields, prefix + it.key(), fileName, problems);
        it.value() = value;
    }
}

} // namespace

void fillFacts(QJsonObject& root, const ContentFacts& facts, const QStringList& numericFields,
               const QString& fileName, QStringList* problems)
{
    fillObject(root, facts, numericFields, {}, fileName, problems);
}

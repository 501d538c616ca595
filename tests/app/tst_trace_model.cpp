// TraceModel fed with real routing from a tiny model: its aggregates equal the core's
// (moe::expertUsage), it is a well-behaved Qt item model, and reset/clear/current token behave.
#include "generated_tokens.h"
#include "run/trace_model.h"
#include "tiny_model.h"

#include "moe/analysis.h"
#include "moe/generation.h"
#include "moe/session.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

namespace {

constexpr uint64_t kModelSeed = 3;

// A real run: prompt and generated tokens with the router's records.
std::vector<moe::GeneratedToken> realRun(const std::shared_ptr<const moe::Model>& model,
                                         const std::string& prompt, int maxTokens,
                                         const moe::RoutingOverride& routing = {})
{
    moe::GenerationRequest request;
    request.prompt = prompt;
    request.maxTokens = maxTokens;
    request.stopAtEndOfText = false;
    return moe::test::generatedTokens(model, request, routing);
}

void compareUsage(const moe::ExpertUsage& got, const moe::ExpertUsage& want)
{
    QCOMPARE(got.layers(), want.layers());
    QCOMPARE(got.experts(), want.experts());
    QCOMPARE(got.tokens(), want.tokens());
    QCOMPARE(got.weight(), want.weight());
    for (int l = 0; l < got.layers(); ++l)
        for (int e = 0; e < got.experts(); ++e)
            QCOMPARE(got.count(l, e), want.count(l, e));
}

} // namespace

class TestTraceModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aggregatesEqualTheCore_data();
    void aggregatesEqualTheCore();
    void countsEveryActivationUnderAnOverride();
    void tableShowsTokensAndChoices();
    void displayTextDecodesWithoutGuessing();
    void refusesTokensOfAnotherShape();
    void resetClearsEverything();
    void currentTokenIsClampedAndSignalled();
    void textJoinsSplitCharacters();
    void traceCarriesEverything();

private:
    std::shared_ptr<const moe::Model> m_model;
};

void TestTraceModel::initTestCase()
{
    qInfo("tiny model seed %llu", static_cast<unsigned long long>(kModelSeed));
    m_model = moe::test::tinyModel(kModelSeed);
}

void TestTraceModel::aggregatesEqualTheCore_data()
{
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<int>("generated");
    QTest::newRow("one token") << "7" << 0;
    QTest::newRow("a sum") << "23 + 45 =" << 6;
    QTest::newRow("a short poem") << "The moon upon the water" << 24;
}

void TestTraceModel::aggregatesEqualTheCore()
{
    QFETCH(QString, prompt);
    QFETCH(int, generated);
    const auto tokens = realRun(m_model, prompt.toStdString(), generated);
    const moe::ModelConfig& config = m_model->config();

    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy appended(&model, &TraceModel::tokenAppended);
    model.reset(config, {}, QStringLiteral("tiny"));
    for (const auto& token : tokens)
        QVERIFY(model.append(token));
    QCOMPARE(model.tokenCount(), int(tokens.size()));
    QCOMPARE(appended.count(), int(tokens.size()));
    QCOMPARE(appended.last().at(0).toInt(), int(tokens.size()) - 1);

    std::vector<moe::TokenRouting> all, generatedOnly;
    for (const auto& token : tokens) {
        all.push_back(token.routing);
        if (!token.prompt)
            generatedOnly.push_back(token.routing);
    }
    compareUsage(model.usage(), moe::expertUsage(all));
    compareUsage(model.usage(moe::UsageWeight::Gates), moe::expertUsage(all, moe::UsageWeight::Gates));
    if (generatedOnly.empty()) {
        const moe::ExpertUsage none = model.usage(moe::UsageWeight::Slots, false);
        QCOMPARE(none.layers(), config.nLayer); // shaped, all zero: a grid can still be drawn
        QCOMPARE(none.experts(), config.nExpert);
        QCOMPARE(none.tokens(), size_t(0));
    } else {
        compareUsage(model.usage(moe::UsageWeight::Slots, false), moe::expertUsage(generatedOnly));
    }
    QCOMPARE(model.totalActivations(), int(tokens.size()) * config.nLayer * config.nExpertUsed);
    double routedSlots = 0;
    const moe::ExpertUsage usage = model.usage();
    for (int l = 0; l < usage.layers(); ++l)
        routedSlots += usage.layerTotal(l);
    QCOMPARE(routedSlots, double(model.totalActivations()));
}

void TestTraceModel::countsEveryActivationUnderAnOverride()
{
    const moe::ModelConfig& config = m_model->config();
    for (int k = 1; k <= config.nExpert; ++k) {
        moe::RoutingOverride routing;
        routing.topK = k;
        const auto tokens = realRun(m_model, "12 stars", 5, routing);
        TraceModel model;
        model.reset(config, routing, QStringLiteral("tiny"));
        for (const auto& token : tokens)
            QVERIFY(model.append(token));
        QCOMPARE(model.totalActivations(), int(tokens.size()) * config.nLayer * k);
    }
}

void TestTraceModel::tableShowsTokensAndChoices()
{
    const moe::ModelConfig& config = m_model->config();
    const auto tokens = realRun(m_model, "Sing me a song\nof 3 seas", 8);
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reset(config, {}, QStringLiteral("tiny"));
    for (const auto& token : tokens)
        model.append(token);
    QCOMPARE(model.columnCount(), TraceModel::FirstLayerColumn + config.nLayer);
    QCOMPARE(model.rowCount(), int(tokens.size()));
    QCOMPARE(model.headerData(TraceModel::FirstLayerColumn + 1, Qt::Horizontal).toString(),
             QStringLiteral("L2"));

    const QRegularExpression cell(QStringLiteral("^E(\\d+) (\\d+)%( · E(\\d+) (\\d+)%)*$"));
    bool sawSpace = false, sawNewline = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto& token = tokens[size_t(row)];
        const QString text = model.data(model.index(row, TraceModel::TextColumn)).toString();
        QVERIFY(!text.isEmpty());
        QVERIFY2(!text.contains(QLatin1Char(' ')) && !text.contains(QLatin1Char('\n')),
                 "whitespace must be visible");
        sawSpace |= text.contains(QChar(0x2423));
        sawNewline |= text.contains(QChar(0x21b5));
        QCOMPARE(model.data(model.index(row, 0), TraceModel::TokenIdRole).toInt(), token.id);
        QCOMPARE(model.data(model.index(row, 0), TraceModel::PromptRole).toBool(), token.prompt);
        QCOMPARE(model.data(model.index(row, TraceModel::SourceColumn)).toString(),
                 token.prompt ? QStringLiteral("prompt") : QStringLiteral("generated"));
        for (int l = 0; l < config.nLayer; ++l) {
            const QModelIndex index = model.index(row, TraceModel::FirstLayerColumn + l);
            const QString shown = index.data().toString();
            QVERIFY2(cell.match(shown).hasMatch(), qPrintable(shown));
            const moe::LayerRouting& layer = token.routing.layers[size_t(l)];
            QVERIFY(shown.startsWith(QStringLiteral("E%1 ").arg(layer.experts[0] + 1))); // 1-based for people
            QCOMPARE(index.data(TraceModel::FirstExpertRole).toInt(), layer.experts[0]);
            QCOMPARE(index.data(TraceModel::ExpertsRole).value<QList<int>>().size(), config.nExpertUsed);
            QVERIFY(index.data(Qt::BackgroundRole).isValid());
        }
    }
    QVERIFY(sawSpace);
    QVERIFY(sawNewline);
    QCOMPARE(TraceModel::displayText("", true), QStringLiteral("⟨start⟩"));
    QCOMPARE(TraceModel::displayText("a\tb\x01", false), QStringLiteral("a⇥b\u2401"));
    QCOMPARE(TraceModel::displayText("\xc3", false), QStringLiteral("\ufffd")); // half a character
}

void TestTraceModel::displayTextDecodesWithoutGuessing()
{
    // The core's decoder: every byte that is not part of a valid character becomes one U+FFFD.
    const QString r(QChar(QChar::ReplacementCharacter));
    QCOMPARE(TraceModel::displayText("\xC3\xA9", false), QString(QChar(0xE9))); // é, whole
    QCOMPARE(TraceModel::displayText("\xE2\x82", false), r + r);                // € cut short
    QCOMPARE(TraceModel::displayText("\x82\xAC", false), r + r);                // its tail: two strays
    QCOMPARE(TraceModel::displayText("a\xFF", false), QStringLiteral("a") + r); // never UTF-8
    QCOMPARE(TraceModel::displayText("\xE0\x80\x80", false), r + r + r);        // overlong: refused
    QCOMPARE(TraceModel::displayText("\xED\xA0\x80", false), r + r + r);        // a surrogate: refused
    QCOMPARE(TraceModel::displayText("\xF0\x9F\x99\x82x", false), QStringLiteral("\U0001F642x"));
    // The same glyphs for whitespace as every other view: a space is "␣", not "·".
    QCOMPARE(TraceModel::displayText(" 6\r\n", false), QStringLiteral("␣6\u240d↵"));
}

void TestTraceModel::refusesTokensOfAnotherShape()
{
    const moe::ModelConfig& config = m_model->config();
    const auto tokens = realRun(m_model, "7 x 8 =", 2);
    TraceModel model;
    model.reset(config, {}, QStringLiteral("tiny"));

    moe::GeneratedToken fewerLayers = tokens[0];
    fewerLayers.routing.layers.pop_back();
    QVERIFY(!model.append(fewerLayers));
    moe::GeneratedToken badExpert = tokens[0];
    badExpert.routing.layers[0].experts[0] = config.nExpert;
    QVERIFY(!model.append(badExpert));
    moe::GeneratedToken negativeExpert = tokens[0];
    negativeExpert.routing.layers[1].experts[1] = -1;
    QVERIFY(!model.append(negativeExpert));
    QCOMPARE(model.tokenCount(), 0);
    QVERIFY(model.append(tokens[0]));
    QCOMPARE(model.tokenCount(), 1);
}

void TestTraceModel::resetClearsEverything()
{
    const moe::ModelConfig& config = m_model->config();
    const auto tokens = realRun(m_model, "91 - 36 =", 4);
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reset(config, {}, QStringLiteral("first"));
    for (const auto& token : tokens)
        model.append(token);
    model.setCurrentToken(2);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy current(&model, &TraceModel::currentTokenChanged);
    moe::RoutingOverride topOne;
    topOne.topK = 1;
    moe::ModelConfig wider = config;
    wider.nLayer = config.nLayer + 2;
    model.reset(wider, topOne, QStringLiteral("second"));
    QCOMPARE(resets.count(), 1);
    QCOMPARE(current.count(), 1);
    QCOMPARE(current.first().at(0).toInt(), -1);
    QCOMPARE(model.tokenCount(), 0);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), TraceModel::FirstLayerColumn + wider.nLayer);
    QCOMPARE(model.currentToken(), -1);
    QCOMPARE(model.totalActivations(), 0);
    QCOMPARE(model.usage().tokens(), size_t(0));
    QCOMPARE(model.text(), QString());
    QCOMPARE(model.modelName(), QStringLiteral("second"));
    QCOMPARE(model.routingOverride().topK, 1);
    QVERIFY(!model.append(tokens[0])); // a token of the old shape no longer fits

    model.reset(config, {}, QStringLiteral("third"));
    model.append(tokens[0]);
    model.clear();
    QCOMPARE(model.tokenCount(), 0);
    QCOMPARE(model.modelName(), QStringLiteral("third"));
}

void TestTraceModel::currentTokenIsClampedAndSignalled()
{
    const auto tokens = realRun(m_model, "My love is like a", 3);
    TraceModel model;
    model.reset(m_model->config(), {}, QStringLiteral("tiny"));
    QSignalSpy changed(&model, &TraceModel::currentTokenChanged);
    model.setCurrentToken(0); // no tokens yet: stays -1
    QCOMPARE(model.currentToken(), -1);
    QCOMPARE(changed.count(), 0);
    for (const auto& token : tokens)
        model.append(token);
    model.setCurrentToken(1);
    model.setCurrentToken(1);
    QCOMPARE(changed.count(), 1);
    model.setCurrentToken(1000);
    QCOMPARE(model.currentToken(), int(tokens.size()) - 1);
    QCOMPARE(changed.last().at(0).toInt(), int(tokens.size()) - 1);
    model.setCurrentToken(-7);
    QCOMPARE(model.currentToken(), -1);
}

void TestTraceModel::textJoinsSplitCharacters()
{
    const auto tokens = realRun(m_model, "a", 1);
    TraceModel model;
    model.reset(m_model->config(), {}, QStringLiteral("tiny"));
    // "é" (C3 A9) split over two tokens: each alone is half a character, together one.
    moe::GeneratedToken first = tokens.back(), second = tokens.back();
    first.bytes = "caf\xc3";
    second.bytes = "\xa9!";
    first.prompt = second.prompt = false;
    model.append(first);
    model.append(second);
    QCOMPARE(model.text(), QStringLiteral("café!"));
    QCOMPARE(model.generatedText(), QStringLiteral("café!"));
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("caf\ufffd"));
}

void TestTraceModel::traceCarriesEverything()
{
    moe::RoutingOverride routing;
    routing.topK = 1;
    const auto tokens = realRun(m_model, "Twelve little stars", 5, routing);
    TraceModel model;
    model.reset(m_model->config(), routing, QStringLiteral("tiny-moe"));
    for (const auto& token : tokens)
        model.append(token);
    const moe::Trace trace = model.toTrace();
    QCOMPARE(trace.model, std::string("tiny-moe"));
    QCOMPARE(trace.routingOverride.topK, 1);
    QCOMPARE(trace.tokens.size(), tokens.size());
    for (size_t t = 0; t < tokens.size(); ++t) {
        QCOMPARE(trace.tokens[t].id, tokens[t].id);
        QCOMPARE(trace.tokens[t].routing.layers[0].experts, tokens[t].routing.layers[0].experts);
    }
    std::string bytes;
    for (const auto& token : tokens)
        bytes += token.bytes;
    QCOMPARE(model.text(), QString::fromStdString(moe::toValidUtf8(bytes)));
}

QTEST_MAIN(TestTraceModel)
#include "tst_trace_model.moc"

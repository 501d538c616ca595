// CompareStats and the compare caption: every number must be the core's own (moe::expertUsage,
// jsDivergenceBitsPerLayer, expertLeaning, mostLeaningExperts) on real routing from tiny seeded
// models, read from TraceModels as the Compare page records them, and the caption must name what the
// numbers say.
#include "compare/compare_stats.h"
#include "compare_runs.h"
#include "generated_tokens.h"
#include "run/trace_model.h"

#include "moe/generation.h"
#include "moe/session.h"
#include "tiny_model.h"

#include <QTest>

#include <numeric>
#include <random>

#include <cmath>
#include <stdexcept>

namespace {

constexpr double kTolerance = 1e-12;

void record(TraceModel& trace, const std::shared_ptr<const moe::Model>& model, const std::string& prompt,
            int maxTokens)
{
    moe::test::recordRun(trace, model, prompt, maxTokens, /*seed=*/7);
}

std::vector<moe::TokenRouting> routingsOf(const TraceModel& trace)
{
    std::vector<moe::TokenRouting> out;
    for (const moe::GeneratedToken& t : trace.tokens())
        out.push_back(t.routing);
    return out;
}

// A hand-made token for the caption tests: the experts chosen in each layer.
moe::GeneratedToken handToken(int experts, const std::vector<std::vector<int>>& chosen)
{
    moe::GeneratedToken token;
    for (const std::vector<int>& layer : chosen) {
        moe::LayerRouting r;
        r.probs.assign(static_cast<size_t>(experts), 1.0f / static_cast<float>(experts));
        r.experts = layer;
        r.gates.assign(layer.size(), 1.0f / static_cast<float>(layer.size()));
        token.routing.layers.push_back(r);
    }
    return token;
}

void verifyMatrixEqual(const std::vector<std::vector<double>>& got,
                       const std::vector<std::vector<double>>& want)
{
    QCOMPARE(got.size(), want.size());
    for (size_t l = 0; l < got.size(); ++l) {
        QCOMPARE(got[l].size(), want[l].size());
        for (size_t e = 0; e < got[l].size(); ++e)
            QVERIFY2(std::abs(got[l][e] - want[l][e]) <= kTolerance,
                     qPrintable(QStringLiteral("layer %1 expert %2: %3 vs %4")
                                    .arg(l)
                                    .arg(e)
                                    .arg(got[l][e])
                                    .arg(want[l][e])));
    }
}

// A token with `k` distinct random experts of `experts` in every layer; the first `dense` layers
// have no router (empty routing), as deepseek2 records them.
moe::GeneratedToken randomToken(std::mt19937& rng, int layers, int experts, int k, int dense)
{
    moe::GeneratedToken token;
    std::vector<int> all(static_cast<size_t>(experts));
    std::iota(all.begin(), all.end(), 0);
    for (int l = 0; l < layers; ++l) {
        moe::LayerRouting r;
        if (l >= dense) {
            std::shuffle(all.begin(), all.end(), rng);
            r.probs.assign(static_cast<size_t>(experts), 1.0f / static_cast<float>(experts));
            r.experts.assign(all.begin(), all.begin() + k);
            r.gates.assign(static_cast<size_t>(k), 1.0f / static_cast<float>(k));
        }
        token.routing.layers.push_back(r);
    }
    return token;
}

// Slots per [layer][expert], counted by hand.
std::vector<std::vector<int>> countSlots(const std::vector<moe::GeneratedToken>& tokens, int layers,
                                         int experts)
{
    std::vector<std::vector<int>> counts(static_cast<size_t>(layers),
                                         std::vector<int>(static_cast<size_t>(experts)));
    for (const moe::GeneratedToken& t : tokens)
        for (int l = 0; l < layers; ++l)
            for (const int e : t.routing.layers[static_cast<size_t>(l)].experts)
                ++counts[static_cast<size_t>(l)][static_cast<size_t>(e)];
    return counts;
}

} // namespace

class TestCompareStats : public QObject {
    Q_OBJECT
private slots:
    void matchesTheCoreNumbers_data();
    void matchesTheCoreNumbers();
    void generatedOnlySkipsThePrompt();
    void identicalRunsGiveZeroAndAlmostTheSame();
    void captionNamesTheMostDifferentLayer();
    void captionOfRealRunsFollowsTheNumbers();
    void emptyRuns();
    void runsOfDifferentModelsAreRefused();
    void sortedOrderAndLeaningExpertsEqualADirectComputation_data();
    void sortedOrderAndLeaningExpertsEqualADirectComputation();
    void denseLayersAndSharedExpertsAreNeverLeaning();
};

void TestCompareStats::matchesTheCoreNumbers_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::newRow("seed 1") << quint64(1);
    QTest::newRow("seed 2") << quint64(2);
    QTest::newRow("seed 5") << quint64(5);
}

void TestCompareStats::matchesTheCoreNumbers()
{
    QFETCH(quint64, seed);
    qInfo("tiny model seed %llu", static_cast<unsigned long long>(seed));
    const auto model = moe::test::tinyModel(seed);
    TraceModel math, poem;
    record(math, model, "23 + 45 = 68. 7 x 8 = 56.", 12);
    record(poem, model, "The moon upon the water, silver and slow", 12);
    const CompareStats stats = compareRuns(math.tokens(), poem.tokens());

    const std::vector<moe::TokenRouting> mathRoutings = routingsOf(math), poemRoutings = routingsOf(poem);
    const moe::ExpertUsage mathUsage = moe::expertUsage(mathRoutings);
    const moe::ExpertUsage poemUsage = moe::expertUsage(poemRoutings);

    QCOMPARE(stats.math.tokens(), math.tokens().size()); // prompt and generated tokens both count
    QCOMPARE(stats.poem.tokens(), poem.tokens().size());
    QCOMPARE(stats.layers(), model->config().nLayer);
    QCOMPARE(stats.experts(), model->config().nExpert);
    QVERIFY(stats.math.counts() == mathUsage.counts());
    QVERIFY(stats.poem.counts() == poemUsage.counts());
    verifyMatrixEqual(stats.mathShares, mathUsage.shares());
    verifyMatrixEqual(stats.poemShares, poemUsage.shares());
    verifyMatrixEqual(stats.leaning, moe::expertLeaning(mathUsage, poemUsage, moe::Leaning::ShareDifference));

    const std::vector<double> divergence = moe::jsDivergenceBitsPerLayer(mathUsage, poemUsage);
    QCOMPARE(stats.divergenceBits.size(), divergence.size());
    double sum = 0;
    for (size_t l = 0; l < divergence.size(); ++l) {
        QVERIFY(std::abs(stats.divergenceBits[l] - divergence[l]) <= kTolerance);
        QVERIFY(divergence[l] >= 0 && divergence[l] <= 1);
        sum += divergence[l];
    }
    QVERIFY(std::abs(stats.meanDivergenceBits - sum / static_cast<double>(divergence.size())) <= kTolerance);
    QVERIFY2(sum > 0, "two different prompts routed exactly alike: the runs are not independent");
    QCOMPARE(stats.mostMathLeaning, moe::mostLeaningExperts(mathUsage, poemUsage));
    QCOMPARE(stats.mostPoemLeaning, moe::mostLeaningExperts(poemUsage, mathUsage));

    // The shares a learner sees add up to the whole layer.
    for (const auto& layer : stats.mathShares) {
        double total = 0;
        for (const double s : layer)
            total += s;
        QVERIFY(std::abs(total - 1.0) <= 1e-9);
    }
}

void TestCompareStats::generatedOnlySkipsThePrompt()
{
    qInfo("tiny model seed 3");
    const auto model = moe::test::tinyModel(3);
    TraceModel math, poem;
    record(math, model, "12 + 7 =", 6);
    record(poem, model, "Sing me a song of the night", 6);
    const CompareStats stats = compareRuns(math.tokens(), poem.tokens(), CountedTokens::GeneratedOnly);
    QCOMPARE(stats.math.tokens(), size_t(6));
    QCOMPARE(stats.poem.tokens(), size_t(6));

    std::vector<moe::TokenRouting> generated;
    for (const moe::GeneratedToken& t : math.tokens()) {
        if (!t.prompt)
            generated.push_back(t.routing);
    }
    QVERIFY(stats.math.counts() == moe::expertUsage(generated).counts());
    QVERIFY(compareRuns(math.tokens(), poem.tokens()).math.tokens() > stats.math.tokens());
}

void TestCompareStats::identicalRunsGiveZeroAndAlmostTheSame()
{
    qInfo("tiny model seed 4");
    const auto model = moe::test::tinyModel(4);
    TraceModel run;
    record(run, model, "The moon upon the water", 8);
    const CompareStats stats = compareRuns(run.tokens(), run.tokens());
    QVERIFY(!stats.isEmpty());
    for (const double d : stats.divergenceBits)
        QCOMPARE(d, 0.0);
    QCOMPARE(stats.meanDivergenceBits, 0.0);
    for (const auto& layer : stats.leaning)
        for (const double v : layer)
            QCOMPARE(v, 0.0);
    const QString caption = compareCaption(stats);
    QVERIFY2(caption.contains(QLatin1String("almost the same")), qPrintable(caption));
    QVERIFY2(caption.contains(QLatin1String("0.05")), qPrintable(caption));
    QVERIFY2(!caption.contains(QLatin1String("biggest difference")), qPrintable(caption));
}

void TestCompareStats::captionNamesTheMostDifferentLayer()
{
    // Three layers, four experts. Layer 3 (index 2) splits the texts completely: math to experts 1
    // and 2, the poem to 3 and 4. Layer 2 differs a little, layer 1 not at all.
    moe::ModelConfig config = moe::test::tinyConfig();
    config.nLayer = 3;
    config.nExpert = 4;
    config.nExpertUsed = 2;
    std::vector<moe::GeneratedToken> mathTokens, poemTokens;
    for (int i = 0; i < 11; ++i)
        mathTokens.push_back(handToken(4, {{0, 1}, {0, 1}, {0, 1}}));
    for (int i = 0; i < 10; ++i)
        poemTokens.push_back(handToken(4, {{0, 1}, {0, 1}, {2, 3}}));
    poemTokens.push_back(handToken(4, {{0, 1}, {0, 2}, {2, 3}})); // a small difference in layer 2
    TraceModel math, poem;
    moe::test::recordTrace(math, config, mathTokens);
    moe::test::recordTrace(poem, config, poemTokens);
    const CompareStats stats = compareRuns(math.tokens(), poem.tokens());
    QCOMPARE(stats.mostDifferentLayer(), 2);
    QCOMPARE(stats.divergenceBits[2], 1.0);
    QVERIFY(stats.divergenceBits[1] > 0 && stats.divergenceBits[1] < kSameDivergenceBits);
    QCOMPARE(stats.divergenceBits[0], 0.0);
    QCOMPARE(stats.mostMathLeaning[2], 0); // experts 1 and 2 tie: the lower id wins
    QCOMPARE(stats.mostPoemLeaning[2], 2);

    const QString caption = compareCaption(stats);
    qInfo("%s", qPrintable(caption));
    QVERIFY2(caption.startsWith(QLatin1String("Yes")), qPrintable(caption));
    QVERIFY2(caption.contains(QLatin1String("layer 3 (1.00 bits)")), qPrintable(caption));
    QVERIFY2(
        caption.contains(QLatin1String("expert 1 did 50% of the math work there and none of the poem's")),
        qPrintable(caption));
    QVERIFY2(caption.contains(QLatin1String("expert 3 did 50% of the poem's work and none of the math work")),
             qPrintable(caption));
    QVERIFY2(caption.contains(QLatin1String("In all the other layers")), qPrintable(caption));
    QVERIFY2(!caption.contains(QLatin1String("layer 0")), qPrintable(caption)); // 1-based for people
}

void TestCompareStats::captionOfRealRunsFollowsTheNumbers()
{
    qInfo("tiny model seed 6");
    const auto model = moe::test::tinyModel(6);
    TraceModel math, poem;
    record(math, model, "91 - 36 = 55. 12 + 7 = 19.", 16);
    record(poem, model, "My love is like a red, red rose", 16);
    const CompareStats stats = compareRuns(math.tokens(), poem.tokens());
    const QString caption = compareCaption(stats);
    qInfo("%s", qPrintable(caption));
    const int layer = stats.mostDifferentLayer();
    const double top = stats.divergenceBits[static_cast<size_t>(layer)];
    if (top < kSameDivergenceBits) {
        QVERIFY2(caption.contains(QLatin1String("almost the same")), qPrintable(caption));
    } else {
        QVERIFY2(caption.contains(QStringLiteral("layer %1 (").arg(layer + 1)), qPrintable(caption));
        QVERIFY2(
            caption.contains(QStringLiteral("expert %1 did").arg(stats.mostMathLeaning[size_t(layer)] + 1)),
            qPrintable(caption));
        QVERIFY2(
            caption.contains(QStringLiteral("expert %1 did").arg(stats.mostPoemLeaning[size_t(layer)] + 1)),
            qPrintable(caption));
    }
}

void TestCompareStats::emptyRuns()
{
    const TraceModel neverRun, neitherRun; // no reset, no token: as a page before its first run
    const CompareStats none = compareRuns(neverRun.tokens(), neitherRun.tokens());
    QVERIFY(none.isEmpty());
    QCOMPARE(none.layers(), 0);
    QVERIFY(compareCaption(none).startsWith(QLatin1String("Run a math prompt")));

    const auto model = moe::test::tinyModel(2);
    TraceModel math, poem;
    math.reset(model->config(), {}, QStringLiteral("tiny")); // started, no token yet
    record(poem, model, "The moon", 3);
    const CompareStats half = compareRuns(math.tokens(), poem.tokens());
    QVERIFY(half.isEmpty());
    QCOMPARE(half.layers(), model->config().nLayer); // shaped like the run that exists
    for (const double d : half.divergenceBits)
        QCOMPARE(d, 0.0);
    QVERIFY(compareCaption(half).startsWith(QLatin1String("Run a math prompt")));
}

void TestCompareStats::runsOfDifferentModelsAreRefused()
{
    moe::ModelConfig three = moe::test::tinyConfig();
    three.nLayer = 3;
    TraceModel math, poem;
    record(math, moe::test::tinyModel(1), "1 + 1 =", 2);
    record(poem, moe::test::tinyModel(1, moe::TensorType::F32, three), "The sea", 2);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compareRuns(math.tokens(), poem.tokens()));
}

void TestCompareStats::sortedOrderAndLeaningExpertsEqualADirectComputation_data()
{
    QTest::addColumn<int>("layers");
    QTest::addColumn<int>("experts");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("dense");
    QTest::newRow("OLMoE 16 x 64") << 16 << 64 << 8 << 0;
    QTest::newRow("DeepSeek-V2-Lite 27 x 64, 1 dense") << 27 << 64 << 6 << 1;
    QTest::newRow("Qwen3 48 x 128") << 48 << 128 << 8 << 0;
    QTest::newRow("DeepSeek-V3 61 x 256, 3 dense") << 61 << 256 << 8 << 3;
}

void TestCompareStats::sortedOrderAndLeaningExpertsEqualADirectComputation()
{
    QFETCH(int, layers);
    QFETCH(int, experts);
    QFETCH(int, k);
    QFETCH(int, dense);
    const unsigned seed = 500u + static_cast<unsigned>(experts * layers);
    qInfo("seed %u", seed);
    std::mt19937 rng(seed);
    // 45 tokens each: both texts have the same number of slots, so a share difference is a whole
    // number of slots over that total, and ties are exact.
    constexpr int kTokens = 45;
    std::vector<moe::GeneratedToken> mathTokens, poemTokens;
    for (int i = 0; i < kTokens; ++i) {
        mathTokens.push_back(randomToken(rng, layers, experts, k, dense));
        poemTokens.push_back(randomToken(rng, layers, experts, k, dense));
    }
    const CompareStats stats = compareRuns(mathTokens, poemTokens);
    const auto math = countSlots(mathTokens, layers, experts), poem = countSlots(poemTokens, layers, experts);
    const int slotCount = kTokens * k;
    int named = 0;
    for (int l = 0; l < layers; ++l) {
        const auto li = static_cast<size_t>(l);
        QCOMPARE(stats.isDense(l), l < dense);
        const auto diff = [&](int e) {
            return math[li][static_cast<size_t>(e)] - poem[li][static_cast<size_t>(e)];
        };
        // The order: an expert goes before another if its |difference| in slots is larger, or equal
        // with a lower number.
        const std::vector<int> order = expertsByDifference(stats, l);
        QCOMPARE(static_cast<int>(order.size()), experts);
        for (int e = 0; e < experts; ++e) {
            int before = 0;
            for (int o = 0; o < experts; ++o)
                before += (std::abs(diff(o)) > std::abs(diff(e)) ||
                           (std::abs(diff(o)) == std::abs(diff(e)) && o < e))
                              ? 1
                              : 0;
            QCOMPARE(order[static_cast<size_t>(before)], e);
        }
        // The leaning experts: at least 2% of the layer's slots (or 1/experts if less) more for one text.
        for (const Side side : {Side::Math, Side::Poem}) {
            std::vector<int> want;
            for (const int e : order) {
                const int toward = side == Side::Math ? diff(e) : -diff(e);
                if (l >= dense && toward > 0 &&
                    static_cast<double>(toward) / slotCount >= std::min(0.02, 1.0 / experts))
                    want.push_back(e);
            }
            want.resize(std::min<size_t>(want.size(), 5));
            const std::vector<LeaningExpert> got = leaningExperts(stats, l, side, 5);
            QCOMPARE(got.size(), want.size());
            for (size_t i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i].expert, want[i]);
                const auto e = static_cast<size_t>(want[i]);
                QVERIFY(std::abs(got[i].mathShare - static_cast<double>(math[li][e]) / slotCount) < 1e-12);
                QVERIFY(std::abs(got[i].poemShare - static_cast<double>(poem[li][e]) / slotCount) < 1e-12);
            }
            named += static_cast<int>(want.size());
        }
    }
    qInfo("%d leaning experts named", named);
    QVERIFY2(named > layers, "hardly any expert leaned: the test would see little");
}

void TestCompareStats::denseLayersAndSharedExpertsAreNeverLeaning()
{
    std::mt19937 rng(77);
    std::vector<moe::GeneratedToken> mathTokens, poemTokens;
    for (int i = 0; i < 30; ++i) {
        mathTokens.push_back(randomToken(rng, 4, 64, 6, 1));
        poemTokens.push_back(randomToken(rng, 4, 64, 6, 1));
    }
    CompareStats stats = compareRuns(mathTokens, poemTokens);
    stats.sharedExperts = 2;
    QCOMPARE(stats.routedLayers(), 3);
    QVERIFY(stats.isDense(0));
    QCOMPARE(stats.divergenceBits[0], 0.0);
    QVERIFY(leaningExperts(stats, 0, Side::Math, 10).empty());
    QVERIFY(leaningExperts(stats, 0, Side::Poem, 10).empty());
    // The mean is over the three routed layers only.
    const double mean = (stats.divergenceBits[1] + stats.divergenceBits[2] + stats.divergenceBits[3]) / 3.0;
    QVERIFY(std::abs(stats.meanDivergenceBits - mean) < 1e-12);
    QVERIFY(stats.mostDifferentLayer() > 0);
    const QString caption = compareCaption(stats);
    qInfo("%s", qPrintable(caption));
    const QString note = compareFootnote(stats);
    qInfo("%s", qPrintable(note));
    QVERIFY2(note.contains(QLatin1String("Layer 1 is dense")), qPrintable(note));
    QVERIFY2(note.contains(QLatin1String("shared experts (2) worked on every token")) &&
                 note.contains(QLatin1String("lean to neither")),
             qPrintable(note));
    QVERIFY2(!caption.contains(QLatin1String("layer 1 (")), qPrintable(caption));
}

QTEST_GUILESS_MAIN(TestCompareStats)
#include "tst_compare_stats.moc"

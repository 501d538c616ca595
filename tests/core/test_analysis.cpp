// Routing analysis: usage counts on crafted routings, Jensen-Shannon divergence against hand-computed
// values, leaning, dead experts, and the cost of a routing override against ModelConfig's counts.
#include "moe/analysis.h"

#include <QTest>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

// A token routed through one layer per entry of `chosen` (4 experts), uniform probs, given gates.
moe::TokenRouting token(const std::vector<std::vector<int>>& chosen,
                        const std::vector<std::vector<float>>& gates = {})
{
    moe::TokenRouting t;
    for (size_t l = 0; l < chosen.size(); ++l) {
        moe::LayerRouting layer;
        layer.probs.assign(4, 0.25f);
        layer.experts = chosen[l];
        layer.gates = gates.empty()
                          ? std::vector<float>(chosen[l].size(), 1.0f / static_cast<float>(chosen[l].size()))
                          : gates[l];
        t.layers.push_back(layer);
    }
    return t;
}

moe::ModelConfig config()
{
    moe::ModelConfig c;
    c.nVocab = 300;
    c.nEmbd = 32;
    c.nLayer = 3;
    c.nHead = 4;
    c.nHeadKv = 2;
    c.nCtx = 64;
    c.nFf = 48;
    c.nExpert = 8;
    c.nExpertUsed = 2;
    return c;
}

// DeepSeek-V2-Lite's features at a tiny width: latent attention without a query LoRA, one dense
// leading layer, two shared experts.
moe::ModelConfig deepseekConfig()
{
    moe::ModelConfig c = config();
    c.arch = moe::Architecture::Deepseek2;
    c.nHeadKv = c.nHead;
    c.keyLength = 12; // 8 without RoPE + 4 with
    c.valueLength = 8;
    c.ropeDims = 4;
    c.kvLoraRank = 16;
    c.nLeadingDense = 1;
    c.nFfDense = 4 * c.nFf;
    c.nExpertShared = 2;
    c.nFfShared = 2 * c.nFf;
    c.normaliseGates = false;
    return c;
}

moe::ModelConfig qwenConfig()
{
    moe::ModelConfig c = config();
    c.arch = moe::Architecture::Qwen2Moe;
    c.nFfShared = 2 * c.nFf;
    c.nExpertShared = 1;
    c.sharedExpertGated = true;
    return c;
}

} // namespace

class TestAnalysis : public QObject {
    Q_OBJECT
private slots:
    void jsOfIdenticalDistributionsIsZero()
    {
        const std::vector<double> p{1, 2, 3, 0}, scaled{10, 20, 30, 0};
        QCOMPARE(moe::jsDivergenceBits(p, p), 0.0);
        QVERIFY(std::abs(moe::jsDivergenceBits(p, scaled)) < 1e-12); // counts are normalised first
    }

    void jsOfDisjointDistributionsIsOneBit()
    {
        QCOMPARE(moe::jsDivergenceBits(std::vector<double>{1, 0}, std::vector<double>{0, 1}), 1.0);
        QVERIFY(
            std::abs(moe::jsDivergenceBits(std::vector<double>{3, 1, 0, 0}, std::vector<double>{0, 0, 5, 2}) -
                     1.0) < 1e-12);
    }

    void jsOfKnownPairs()
    {
        // [1, 0] vs [1/2, 1/2]: m = [3/4, 1/4]; JS = (log2(4/3) + (log2(2/3) + 1) / 2) / 2.
        QVERIFY(std::abs(moe::jsDivergenceBits(std::vector<double>{1, 0}, std::vector<double>{0.5, 0.5}) -
                         0.31127812445913283) < 1e-12);
        // [.5 .3 .2] vs [.1 .6 .3], computed term by term in Python.
        QVERIFY(std::abs(moe::jsDivergenceBits(std::vector<double>{0.5, 0.3, 0.2},
                                               std::vector<double>{0.1, 0.6, 0.3}) -
                         0.14902249956730637) < 1e-12);
    }

    void jsIsSymmetricAndBounded()
    {
        std::mt19937_64 rng(/*seed=*/11);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (int trial = 0; trial < 200; ++trial) {
            std::vector<double> p(8), q(8);
            for (size_t i = 0; i < 8; ++i) {
                p[i] = u(rng) < 0.2 ? 0.0 : u(rng);
                q[i] = u(rng) < 0.2 ? 0.0 : u(rng);
            }
            p[0] += 0.1;
            q[1] += 0.1;
            const double pq = moe::jsDivergenceBits(p, q), qp = moe::jsDivergenceBits(q, p);
            QVERIFY(std::abs(pq - qp) < 1e-12);
            QVERIFY(pq >= 0 && pq <= 1);
        }
    }

    void jsRefusesBadDistributions()
    {
        const std::vector<double> ok{1, 1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 moe::jsDivergenceBits(ok, std::vector<double>{1, 1, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::jsDivergenceBits(ok, std::vector<double>{0, 0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 moe::jsDivergenceBits(ok, std::vector<double>{2, -1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 moe::jsDivergenceBits(ok, std::vector<double>{NAN, 1}));
    }

    void usageCountsRoutedSlots()
    {
        const std::vector<moe::TokenRouting> tokens{token({{0, 1}, {2, 3}}), token({{0, 2}, {2, 1}}),
                                                    token({{0, 3}, {2, 0}})};
        const moe::ExpertUsage usage = moe::expertUsage(tokens);
        QCOMPARE(usage.layers(), 2);
        QCOMPARE(usage.experts(), 4);
        QCOMPARE(usage.tokens(), size_t{3});
        const std::vector<std::vector<double>> counts{{3, 1, 1, 1}, {1, 1, 3, 1}};
        QCOMPARE(usage.counts(), counts);
        QCOMPARE(usage.layerTotal(0), 6.0); // k = 2 slots per token and layer
        const std::vector<double> shares{0.5, 1.0 / 6, 1.0 / 6, 1.0 / 6};
        for (size_t e = 0; e < 4; ++e)
            QVERIFY(std::abs(usage.shares(0)[e] - shares[e]) < 1e-15);
    }

    void usageWeightedByGates()
    {
        const std::vector<moe::TokenRouting> tokens{token({{0, 1}}, {{0.75f, 0.25f}}),
                                                    token({{1, 2}}, {{0.5f, 0.5f}})};
        const moe::ExpertUsage usage = moe::expertUsage(tokens, moe::UsageWeight::Gates);
        QCOMPARE(usage.layerTotal(0), 2.0); // one unit of gate mass per token
        QCOMPARE(usage.count(0, 0), 0.75);
        QCOMPARE(usage.count(0, 1), 0.75);
        QCOMPARE(usage.count(0, 2), 0.5);
        QCOMPARE(usage.count(0, 3), 0.0);
    }

    void usageFiltersByTokenId()
    {
        const std::vector<moe::TokenRouting> tokens{token({{0, 1}}), token({{2, 3}}), token({{0, 3}})};
        const std::vector<int> ids{7, 9, 7};
        std::vector<bool> keep(10, false);
        keep[7] = true;
        const moe::ExpertUsage usage = moe::expertUsage(tokens, ids, keep);
        QCOMPARE(usage.tokens(), size_t{2});
        QCOMPARE(usage.counts()[0], (std::vector<double>{2, 1, 0, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::expertUsage(tokens, std::vector<int>{7}, keep));
    }

    void usageRefusesMismatchedTokensUnchanged()
    {
        moe::ExpertUsage usage(2, 4);
        usage.add(token({{0, 1}, {2, 3}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, usage.add(token({{0, 1}})));         // one layer
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, usage.add(token({{0, 1}, {2, 4}}))); // expert 4 of 4
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, usage.add(token({{0, 1}, {-1, 3}})));
        QCOMPARE(usage.tokens(), size_t{1});
        QCOMPARE(usage.layerTotal(0) + usage.layerTotal(1), 4.0); // the bad tokens counted nothing
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::ExpertUsage(0, 4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, usage.merge(moe::ExpertUsage(2, 5)));
    }

    void mergeAddsCounts()
    {
        moe::ExpertUsage a(1, 4), b(1, 4);
        a.add(token({{0, 1}}));
        b.add(token({{1, 2}}));
        b.add(token({{3, 2}}));
        a.merge(b);
        QCOMPARE(a.tokens(), size_t{3});
        QCOMPARE(a.counts()[0], (std::vector<double>{1, 2, 2, 1}));
    }

    void jsPerLayerOfCraftedUsages()
    {
        moe::ExpertUsage math(2, 4), poem(2, 4);
        math.add(token({{0, 1}, {0, 1}}));
        poem.add(token({{2, 3}, {0, 1}}));
        const std::vector<double> js = moe::jsDivergenceBitsPerLayer(math, poem);
        QCOMPARE(js.size(), size_t{2});
        QCOMPARE(js[0], 1.0); // disjoint experts
        QCOMPARE(js[1], 0.0); // the same experts
        QCOMPARE(moe::jsDivergenceBitsPerLayer(moe::ExpertUsage(2, 4), poem), (std::vector<double>{0, 0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 moe::jsDivergenceBitsPerLayer(math, moe::ExpertUsage(3, 4)));
    }

    void leaningAndMostLeaningExpert()
    {
        moe::ExpertUsage math(1, 4), poem(1, 4);
        // math: experts 0,1,0,2 -> shares [.5 .25 .25 0]; poem: 1,3,1,3 -> [0 .5 0 .5]
        math.add(token({{0, 1}}));
        math.add(token({{0, 2}}));
        poem.add(token({{1, 3}}));
        poem.add(token({{1, 3}}));
        const auto diff = moe::expertLeaning(math, poem);
        QCOMPARE(diff[0], (std::vector<double>{0.5, -0.25, 0.25, -0.5}));
        QCOMPARE(moe::mostLeaningExperts(math, poem), std::vector<int>{0});
        QCOMPARE(moe::mostLeaningExperts(poem, math), std::vector<int>{3}); // +.5, ahead of expert 1 (+.25)
        const auto ratio = moe::expertLeaning(math, poem, moe::Leaning::Log2Ratio);
        // expert 0: (2 + .5) / (4 + 2) over (0 + .5) / (4 + 2) = 5
        QVERIFY(std::abs(ratio[0][0] - std::log2(5.0)) < 1e-12);
        QVERIFY(std::isfinite(ratio[0][3]) && ratio[0][3] < 0);
        // a tie goes to the lower id
        moe::ExpertUsage a(1, 4), b(1, 4);
        a.add(token({{1, 2}}));
        b.add(token({{0, 3}}));
        QCOMPARE(moe::mostLeaningExperts(a, b), std::vector<int>{1});
    }

    void deadExpertsAreFound()
    {
        moe::ExpertUsage usage(2, 4);
        for (int i = 0; i < 9; ++i)
            usage.add(token({{0, 1}, {i % 4, (i + 1) % 4}}));
        usage.add(token({{2, 0}, {0, 1}}));
        const moe::ExpertShare least = moe::leastUsedExpert(usage);
        QCOMPARE(least.layer, 0);
        QCOMPARE(least.expert, 3);
        QCOMPARE(least.share, 0.0);
        const auto below = moe::expertsBelow(usage, 0.1);
        QCOMPARE(below.size(), size_t{2}); // layer 0: expert 2 (1 of 20 slots) and expert 3 (none)
        QCOMPARE(below[0].expert, 2);
        QCOMPARE(below[0].share, 0.05);
        QCOMPARE(below[1].expert, 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::leastUsedExpert(moe::ExpertUsage(1, 4)));
    }

    void switchOffBuildsTheOverride()
    {
        const std::vector<int> experts{3, 0, 7};
        const moe::RoutingOverride routing = moe::switchOffExperts(8, experts);
        QCOMPARE(routing.topK, 0);
        QCOMPARE(routing.disabled.size(), size_t{3});
        for (size_t l = 0; l < 3; ++l)
            for (int e = 0; e < 8; ++e)
                QCOMPARE(bool(routing.disabled[l][static_cast<size_t>(e)]), e == experts[l]);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::switchOffExperts(8, std::vector<int>{8}));
    }

    void costFollowsTheOverride()
    {
        const moe::ModelConfig c = config();
        const moe::RoutingCost standard = moe::routingCost(c);
        QCOMPARE(standard.totalParameters, c.totalParameters());
        QCOMPARE(standard.activeParameters, c.activeParametersPerToken());
        QCOMPARE(standard.expertsPerLayer, (std::vector<int>{2, 2, 2}));
        QVERIFY(standard.activeFraction() > 0 && standard.activeFraction() < 1);

        moe::RoutingOverride dense;
        dense.topK = c.nExpert;
        const moe::RoutingCost all = moe::routingCost(c, dense);
        QCOMPARE(all.activeParameters, c.totalParameters());
        QCOMPARE(all.flopsPerToken, all.denseFlopsPerToken);
        // top-k 2 -> 8 adds 6 experts per layer: 2 FLOPs per weight of each
        QCOMPARE(all.flopsPerToken - standard.flopsPerToken, 2 * 3 * 6 * c.expertParameters());

        // Switching off one expert leaves top-2 intact; leaving one enabled runs only it.
        const moe::RoutingCost one = moe::routingCost(c, moe::switchOffExperts(8, std::vector<int>{1, 2, 3}));
        QCOMPARE(one.activeParameters, standard.activeParameters);
        moe::RoutingOverride lonely;
        lonely.disabled.assign(3, std::vector<bool>(8, false));
        lonely.disabled[1] = {true, true, true, false, true, true, true, true};
        const moe::RoutingCost single = moe::routingCost(c, lonely);
        QCOMPARE(single.expertsPerLayer, (std::vector<int>{2, 1, 2}));
        QCOMPARE(single.activeParameters, standard.activeParameters - c.expertParameters());

        moe::RoutingOverride bad;
        bad.topK = 9;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::routingCost(c, bad));
        bad = {};
        bad.disabled.assign(2, std::vector<bool>(8, false));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::routingCost(c, bad));
        bad.disabled.assign(3, std::vector<bool>(8, false));
        bad.disabled[2].assign(8, true);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::routingCost(c, bad));
    }

    void activeParametersOfARoutedToken()
    {
        const moe::ModelConfig c = config();
        moe::TokenRouting t;
        for (int l = 0; l < 3; ++l)
            t.layers.push_back({std::vector<float>(8, 0.125f), {0, 1}, {0.5f, 0.5f}});
        QCOMPARE(moe::activeParameters(c, t), c.activeParametersPerToken());
        t.layers[0].experts = {4};
        QCOMPARE(moe::activeParameters(c, t), c.activeParametersPerToken() - c.expertParameters());
        t.layers.pop_back();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::activeParameters(c, t));
    }

    // A dense leading layer records no routing and has no routed experts to leave out: a token
    // that chose top-k in every other layer costs exactly what `info` prints per token.
    void denseLayersCostWhatInfoSays()
    {
        const moe::ModelConfig c = deepseekConfig();
        c.validate();
        moe::TokenRouting t;
        t.layers.emplace_back(); // the dense layer
        for (int l = 1; l < c.nLayer; ++l)
            t.layers.push_back({std::vector<float>(8, 0.125f), {0, 1}, {0.5f, 0.5f}});
        QCOMPARE(moe::activeParameters(c, t), c.activeParametersPerToken());
        const moe::RoutingCost cost = moe::routingCost(c);
        QCOMPARE(cost.totalParameters, c.totalParameters());
        QCOMPARE(cost.activeParameters, c.activeParametersPerToken());
        QCOMPARE(cost.expertsPerLayer, (std::vector<int>{0, 2, 2}));
        // Every routed expert on: the whole model, and the FLOPs of the same model run densely.
        moe::RoutingOverride all;
        all.topK = c.nExpert;
        const moe::RoutingCost full = moe::routingCost(c, all);
        QCOMPARE(full.activeParameters, c.totalParameters());
        QCOMPARE(full.flopsPerToken, full.denseFlopsPerToken);
        QCOMPARE(full.flopsPerToken - cost.flopsPerToken, 2 * 2 * 6 * c.expertParameters());
    }

    void parameterBreakdownAddsUp_data()
    {
        QTest::addColumn<int>("which"); // 0 llama, 1 qwen2moe, 2 deepseek2
        QTest::newRow("llama") << 0;
        QTest::newRow("qwen2moe, shared expert and QKV biases") << 1;
        QTest::newRow("deepseek2, dense layer, latent attention") << 2;
    }

    void parameterBreakdownAddsUp()
    {
        QFETCH(int, which);
        const moe::ModelConfig c = which == 0 ? config() : which == 1 ? qwenConfig() : deepseekConfig();
        c.validate();
        const moe::ParameterBreakdown p = moe::parameterBreakdown(c);
        QCOMPARE(p.total(), c.totalParameters());
        QCOMPARE(p.active(), c.activeParametersPerToken());
        QCOMPARE(p.other, int64_t{0});
        const int64_t n = c.nEmbd, moeLayers = c.nLayer - c.nLeadingDense;
        QCOMPARE(p.embedding, int64_t{c.nVocab} * n);
        QCOMPARE(p.output, int64_t{c.nVocab} * n);
        QCOMPARE(p.routedExperts, moeLayers * c.nExpert * c.expertParameters());
        QCOMPARE(p.routedActive, moeLayers * c.nExpertUsed * c.expertParameters());
        QCOMPARE(p.routers, moeLayers * c.nExpert * n);
        QCOMPARE(p.norms, (2 * int64_t{c.nLayer} + 1) * n);
        const int64_t shared = 3 * n * c.nFfShared + (c.sharedExpertGated ? n : 0);
        QCOMPARE(p.sharedExperts, moeLayers * shared);
        QCOMPARE(p.denseFeedForward, int64_t{c.nLeadingDense} * 3 * n * c.nFfDense);
        if (which == 0) { // q, o (n x n); k, v (n x kv); no biases
            const int64_t kv = int64_t{c.nHeadKv} * c.headDim();
            QCOMPARE(p.attention, c.nLayer * (2 * n * n + 2 * n * kv));
        } else if (which == 1) { // the same plus biases of q, k and v
            const int64_t kv = int64_t{c.nHeadKv} * c.headDim();
            QCOMPARE(p.attention, c.nLayer * (2 * n * n + 2 * n * kv + n + 2 * kv));
        } else { // q, kv_a (+ its norm), kv_b, output
            const int64_t q = int64_t{c.nHead} * c.keyDim(), nope = c.keyDim() - c.rotaryDims();
            const int64_t perLayer = q * n + (c.kvLoraRank + c.rotaryDims()) * n + c.kvLoraRank +
                                     c.kvLoraRank * c.nHead * (nope + c.valueDim()) +
                                     n * c.nHead * c.valueDim();
            QCOMPARE(p.attention, c.nLayer * perLayer);
        }
    }
};

QTEST_APPLESS_MAIN(TestAnalysis)
#include "test_analysis.moc"

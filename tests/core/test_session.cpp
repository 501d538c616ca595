// The forward pass against a naive double-precision reference written straight from
// shared/reference/gguf-mixtral.md section 3.4; the KV cache against recomputation; batched
// prefill against step(); the routing record's invariants; routing overrides.
#include "moe/generation.h"
#include "moe/model_writer.h"
#include "moe/session.h"
#include "tiny_model.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace {

constexpr uint64_t kSeed = 20240613;

// ---- The reference: whole sequence at once, doubles, no cache, no batching tricks. ----------

using Vec = std::vector<double>;

// y = W x for the (rows x cols) row-major matrix starting at W[offset].
Vec matVec(const std::vector<float>& w, size_t offset, int rows, int cols, const Vec& x)
{
    Vec y(size_t(rows), 0.0);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            y[size_t(r)] += double(w[offset + size_t(r) * cols + c]) * x[size_t(c)];
    return y;
}

Vec rmsNorm(const Vec& x, const std::vector<float>& weight, double eps)
{
    double meanSq = 0.0;
    for (double v : x)
        meanSq += v * v / double(x.size());
    Vec y(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        y[i] = x[i] / std::sqrt(meanSq + eps) * weight[i];
    return y;
}

// RoPE mode 0: adjacent pairs (2i, 2i+1) of each head, theta_i = pos * base^(-2i/d).
void rope(Vec& v, int heads, int d, int pos, double base)
{
    for (int h = 0; h < heads; ++h) {
        for (int i = 0; i < d / 2; ++i) {
            const double theta = pos * std::pow(base, -2.0 * i / d);
            double& a = v[size_t(h * d + 2 * i)];
            double& b = v[size_t(h * d + 2 * i + 1)];
            const double x0 = a, x1 = b;
            a = x0 * std::cos(theta) - x1 * std::sin(theta);
            b = x0 * std::sin(theta) + x1 * std::cos(theta);
        }
    }
}

struct ReferenceToken {
    Vec logits, hidden;
    std::vector<std::vector<int>> experts; // per layer, highest probability first
};

std::vector<ReferenceToken> referenceForward(const moe::ModelConfig& c, const moe::FloatWeights& w,
                                             const std::vector<int>& tokens)
{
    const int n = c.nEmbd, d = c.headDim(), kvDim = c.nHeadKv * d, T = int(tokens.size());
    std::vector<ReferenceToken> out(tokens.size());
    std::vector<Vec> x(tokens.size());
    for (int t = 0; t < T; ++t)
        x[size_t(t)] = Vec(w.tokenEmbd.begin() + size_t(tokens[size_t(t)]) * n,
                           w.tokenEmbd.begin() + size_t(tokens[size_t(t)] + 1) * n);
    for (int l = 0; l < c.nLayer; ++l) {
        const moe::FloatLayer& L = w.layers[size_t(l)];
        std::vector<Vec> q(tokens.size()), k(tokens.size()), v(tokens.size());
        for (int t = 0; t < T; ++t) {
            const Vec h = rmsNorm(x[size_t(t)], L.attnNorm, c.rmsEps);
            q[size_t(t)] = matVec(L.wq, 0, n, n, h);
            k[size_t(t)] = matVec(L.wk, 0, kvDim, n, h);
            v[size_t(t)] = matVec(L.wv, 0, kvDim, n, h);
            rope(q[size_t(t)], c.nHead, d, t, c.ropeFreqBase);
            rope(k[size_t(t)], c.nHeadKv, d, t, c.ropeFreqBase);
        }
        for (int t = 0; t < T; ++t) {
            Vec att(size_t(n), 0.0);
            for (int head = 0; head < c.nHead; ++head) {
                const int g = head / (c.nHead / c.nHeadKv);
                Vec s(size_t(t + 1));
                for (int j = 0; j <= t; ++j) {
                    for (int i = 0; i < d; ++i)
                        s[size_t(j)] += q[size_t(t)][size_t(head * d + i)] * k[size_t(j)][size_t(g * d + i)];
                    s[size_t(j)] /= std::sqrt(double(d));
                }
                const double m = *std::max_element(s.begin(), s.end());
                double z = 0.0;
                for (double& e : s)
                    z += (e = std::exp(e - m));
                for (int j = 0; j <= t; ++j)
                    for (int i = 0; i < d; ++i)
                        att[size_t(head * d + i)] += s[size_t(j)] / z * v[size_t(j)][size_t(g * d + i)];
            }
            const Vec o = matVec(L.wo, 0, n, n, att);
            for (int i = 0; i < n; ++i)
                x[size_t(t)][size_t(i)] += o[size_t(i)];
        }
        for (int t = 0; t < T; ++t) {
            const Vec h = rmsNorm(x[size_t(t)], L.ffnNorm, c.rmsEps);
            Vec p = matVec(L.router, 0, c.nExpert, n, h);
            const double m = *std::max_element(p.begin(), p.end());
            double z = 0.0;
            for (double& e : p)
                z += (e = std::exp(e - m));
            for (double& e : p)
                e /= z;
            std::vector<int> order(size_t(c.nExpert));
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(),
                             [&](int a, int b) { return p[size_t(a)] > p[size_t(b)]; });
            order.resize(size_t(c.nExpertUsed));
            double chosen = 0.0;
            for (int e : order)
                chosen += p[size_t(e)];
            for (int e : order) {
                const size_t ff = size_t(c.nFf);
                const Vec g = matVec(L.gate, size_t(e) * ff * n, c.nFf, n, h);
                const Vec u = matVec(L.up, size_t(e) * ff * n, c.nFf, n, h);
                Vec a(ff);
                for (size_t i = 0; i < ff; ++i)
                    a[i] = g[i] / (1.0 + std::exp(-g[i])) * u[i];
                const Vec y = matVec(L.down, size_t(e) * n * ff, n, c.nFf, a);
                for (int i = 0; i < n; ++i)
                    x[size_t(t)][size_t(i)] += p[size_t(e)] / chosen * y[size_t(i)];
            }
            out[size_t(t)].experts.push_back(order);
        }
    }
    const std::vector<float>& output = w.output.empty() ? w.tokenEmbd : w.output;
    for (int t = 0; t < T; ++t) {
        out[size_t(t)].hidden = rmsNorm(x[size_t(t)], w.outputNorm, c.rmsEps);
        out[size_t(t)].logits = matVec(output, 0, c.nVocab, n, out[size_t(t)].hidden);
    }
    return out;
}

// ---- helpers ------------------------------------------------------------------------------

// Norm weights that are not all 1, so the reference checks that they are applied.
void varyNorms(moe::FloatWeights& w, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> scale(0.5f, 1.5f);
    for (moe::FloatLayer& layer : w.layers) {
        for (float& v : layer.attnNorm)
            v = scale(rng);
        for (float& v : layer.ffnNorm)
            v = scale(rng);
    }
    for (float& v : w.outputNorm)
        v = scale(rng);
}

std::vector<int> sampleTokens(int count)
{
    std::vector<int> tokens = moe::test::sampleTokenizer().encode(moe::test::sampleText());
    if (int(tokens.size()) < count)
        qFatal("sample text has only %d tokens", int(tokens.size()));
    tokens.resize(size_t(count));
    return tokens;
}

double maxAbsDiff(const Eigen::VectorXf& a, const Vec& b)
{
    double m = 0.0;
    for (Eigen::Index i = 0; i < a.size(); ++i)
        m = std::max(m, std::abs(double(a[i]) - b[size_t(i)]));
    return m;
}

template <typename A, typename B> double maxAbsDiff(const A& a, const B& b)
{
    double m = size_t(a.size()) == size_t(b.size()) ? 0.0 : INFINITY;
    for (size_t i = 0; i < size_t(a.size()) && i < size_t(b.size()); ++i)
        m = std::max(m, std::abs(double(a[i]) - double(b[i])));
    return m;
}

struct Shape {
    int nEmbd, nLayer, nHead, nHeadKv, nFf, nExpert, nExpertUsed;
    float ropeBase;
    bool tied;
};

moe::ModelConfig configOf(const Shape& s)
{
    moe::ModelConfig c = moe::test::tinyConfig();
    c.nEmbd = s.nEmbd;
    c.nLayer = s.nLayer;
    c.nHead = s.nHead;
    c.nHeadKv = s.nHeadKv;
    c.nFf = s.nFf;
    c.nExpert = s.nExpert;
    c.nExpertUsed = s.nExpertUsed;
    c.ropeFreqBase = s.ropeBase;
    c.tiedOutput = s.tied;
    return c;
}

// Checks one token's routing record: probs a distribution, the chosen the k largest, gates sum to 1.
QString routingProblem(const moe::LayerRouting& r, int k, const std::vector<bool>* disabled = nullptr)
{
    const double total = std::accumulate(r.probs.begin(), r.probs.end(), 0.0);
    if (std::abs(total - 1.0) > 1e-5)
        return QString("probs sum to %1").arg(total, 0, 'g', 9);
    if (int(r.experts.size()) != k || r.gates.size() != r.experts.size())
        return QString("%1 experts, %2 gates, expected %3").arg(r.experts.size()).arg(r.gates.size()).arg(k);
    double chosenProb = 0.0, gateSum = 0.0;
    for (size_t j = 0; j < r.experts.size(); ++j) {
        const int e = r.experts[j];
        if (e < 0 || e >= int(r.probs.size()))
            return QString("expert %1 out of range").arg(e);
        if (disabled && (*disabled)[size_t(e)])
            return QString("disabled expert %1 chosen").arg(e);
        if (j > 0 && r.probs[size_t(e)] > r.probs[size_t(r.experts[j - 1])])
            return "experts are not in decreasing probability";
        chosenProb += r.probs[size_t(e)];
        gateSum += r.gates[j];
    }
    if (std::abs(gateSum - 1.0) > 1e-5)
        return QString("gates sum to %1").arg(gateSum, 0, 'g', 9);
    const float weakest = r.probs[size_t(r.experts.back())];
    for (int e = 0; e < int(r.probs.size()); ++e) {
        const bool chosen = std::find(r.experts.begin(), r.experts.end(), e) != r.experts.end();
        const bool off = disabled && (*disabled)[size_t(e)];
        if (!chosen && !off && r.probs[size_t(e)] > weakest)
            return QString("expert %1 (p %2) beats chosen expert %3 (p %4)")
                .arg(e)
                .arg(r.probs[size_t(e)])
                .arg(r.experts.back())
                .arg(weakest);
    }
    for (size_t j = 0; j < r.experts.size(); ++j) {
        const double want = r.probs[size_t(r.experts[j])] / chosenProb;
        if (std::abs(r.gates[j] - want) > 1e-5)
            return QString("gate %1 is %2, p / sum(p chosen) is %3").arg(j).arg(r.gates[j]).arg(want);
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(Shape)

class TestSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void matchesTheReference_data();
    void matchesTheReference();
    void kvCacheEqualsRecomputation();
    void prefillEqualsStepByStep_data();
    void prefillEqualsStepByStep();
    void routingRecordInvariants();
    void positionAndContext();
    void resetStartsOver();
    void topEGivesDenseMixing();
    void disabledExpertsAreNeverChosen();
    void overrideRefusesNonsense();
    void isDefault();
    void noEndOfTextBeforeMinTokens();
};

void TestSession::initTestCase()
{
    qInfo("seed %llu", static_cast<unsigned long long>(kSeed));
}

void TestSession::matchesTheReference_data()
{
    QTest::addColumn<Shape>("shape");
    //                                           nEmbd L  H Hkv ff  E  k  rope base tied
    QTest::newRow("GQA 4/2, head 16, 4 experts top-2") << Shape{64, 2, 4, 2, 64, 4, 2, 10000.0f, false};
    QTest::newRow("MHA 2/2, head 32, 8 experts top-1") << Shape{64, 2, 2, 2, 32, 8, 1, 10000.0f, false};
    QTest::newRow("MHA 4/4, head 16, top-E (dense)") << Shape{64, 1, 4, 4, 48, 4, 4, 10000.0f, false};
    QTest::newRow("MQA 4/1, head 32, 8 experts top-2") << Shape{128, 2, 4, 1, 32, 8, 2, 1e6f, false};
    QTest::newRow("GQA 8/2, head 8, 3 layers, tied") << Shape{64, 3, 8, 2, 40, 8, 2, 500.0f, true};
}

void TestSession::matchesTheReference()
{
    QFETCH(Shape, shape);
    const moe::ModelConfig config = configOf(shape);
    moe::FloatWeights weights = moe::randomWeights(config, kSeed);
    varyNorms(weights, kSeed);
    const auto model = moe::test::modelFromWeights(config, weights);
    const std::vector<int> tokens = sampleTokens(24);
    const std::vector<ReferenceToken> want = referenceForward(config, weights, tokens);

    moe::Session session(model);
    double worstLogit = 0.0, worstHidden = 0.0;
    for (size_t t = 0; t < tokens.size(); ++t) {
        const moe::TokenRouting routing = session.step(tokens[t]);
        worstLogit = std::max(worstLogit, maxAbsDiff(session.logits(), want[t].logits));
        worstHidden = std::max(worstHidden, maxAbsDiff(session.hidden(), want[t].hidden));
        for (int l = 0; l < config.nLayer; ++l)
            QVERIFY2(routing.layers[size_t(l)].experts == want[t].experts[size_t(l)],
                     qPrintable(QString("token %1 layer %2 chose other experts").arg(t).arg(l)));
    }
    qInfo("max |logit - reference| %.3g, max |hidden - reference| %.3g", worstLogit, worstHidden);
    QVERIFY2(worstLogit <= 1e-4, qPrintable(QString::number(worstLogit)));
    QVERIFY2(worstHidden <= 1e-4, qPrintable(QString::number(worstHidden)));
}

void TestSession::kvCacheEqualsRecomputation()
{
    const auto model = moe::test::tinyModel(kSeed);
    const std::vector<int> tokens = sampleTokens(40);
    moe::Session cached(model);
    double worst = 0.0;
    for (size_t t = 0; t < tokens.size(); ++t) {
        cached.step(tokens[t]);
        moe::Session fresh(model);
        fresh.prefill(std::span(tokens.data(), t + 1));
        worst = std::max(worst, maxAbsDiff(cached.logits(), fresh.logits()));
    }
    qInfo("max |cached - recomputed| logit %.3g", worst);
    QVERIFY2(worst <= 1e-4, qPrintable(QString::number(worst)));
}

void TestSession::prefillEqualsStepByStep_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("split"); // first prefill's length; the rest is a second prefill
    QTest::newRow("one token") << 1 << 1;
    QTest::newRow("40 tokens") << 40 << 40;
    QTest::newRow("100 tokens, more than one batch") << 100 << 100;
    QTest::newRow("30 + 70 tokens") << 100 << 30;
}

void TestSession::prefillEqualsStepByStep()
{
    QFETCH(int, count);
    QFETCH(int, split);
    const auto model = moe::test::tinyModel(kSeed + 1);
    const std::vector<int> tokens = sampleTokens(count);

    moe::Session stepped(model), batched(model);
    std::vector<moe::TokenRouting> steps;
    std::vector<Eigen::VectorXf> hidden;
    for (int token : tokens) {
        steps.push_back(stepped.step(token));
        hidden.push_back(stepped.hidden());
    }
    std::vector<std::vector<float>> hiddenOut, moreHidden;
    std::vector<moe::TokenRouting> routing =
        batched.prefill(std::span(tokens.data(), size_t(split)), &hiddenOut);
    const std::vector<moe::TokenRouting> rest =
        batched.prefill(std::span(tokens.data() + split, tokens.size() - size_t(split)), &moreHidden);
    routing.insert(routing.end(), rest.begin(), rest.end());
    hiddenOut.insert(hiddenOut.end(), moreHidden.begin(), moreHidden.end());

    QCOMPARE(batched.position(), count);
    QCOMPARE(routing.size(), tokens.size());
    QCOMPARE(hiddenOut.size(), tokens.size());
    double worstProb = 0.0, worstGate = 0.0, worstHidden = 0.0;
    for (size_t t = 0; t < tokens.size(); ++t) {
        worstHidden = std::max(worstHidden, maxAbsDiff(hiddenOut[t], hidden[t]));
        for (size_t l = 0; l < routing[t].layers.size(); ++l) {
            const moe::LayerRouting &a = routing[t].layers[l], &b = steps[t].layers[l];
            QVERIFY2(a.experts == b.experts, qPrintable(QString("token %1 layer %2").arg(t).arg(l)));
            worstProb = std::max(worstProb, maxAbsDiff(a.probs, b.probs));
            worstGate = std::max(worstGate, maxAbsDiff(a.gates, b.gates));
        }
    }
    const double logitDiff = maxAbsDiff(batched.logits(), stepped.logits());
    qInfo("prefill vs step: logits %.3g, hidden %.3g, probs %.3g, gates %.3g", logitDiff, worstHidden,
          worstProb, worstGate);
    QVERIFY(logitDiff <= 1e-5);
    QVERIFY(worstHidden <= 1e-5);
    QVERIFY(worstProb <= 1e-6);
    QVERIFY(worstGate <= 1e-6);
    QVERIFY(maxAbsDiff(batched.hidden(), stepped.hidden()) <= 1e-5);
}

void TestSession::routingRecordInvariants()
{
    moe::ModelConfig config = moe::test::tinyConfig();
    config.nExpert = 8;
    config.nLayer = 3;
    const auto model = moe::test::tinyModel(kSeed + 2, moe::TensorType::F32, config);
    moe::Session session(model);
    std::vector<int> usage(8, 0);
    for (int token : sampleTokens(100)) {
        const moe::TokenRouting routing = session.step(token);
        QCOMPARE(int(routing.layers.size()), config.nLayer);
        for (const moe::LayerRouting& r : routing.layers) {
            QCOMPARE(int(r.probs.size()), config.nExpert);
            const QString problem = routingProblem(r, config.nExpertUsed);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            for (int e : r.experts)
                ++usage[size_t(e)];
        }
    }
    // Random routers spread tokens: every expert is used somewhere (a sanity check on top-k).
    for (int e = 0; e < 8; ++e)
        QVERIFY2(usage[size_t(e)] > 0, qPrintable(QString("expert %1 never chosen").arg(e)));
}

void TestSession::positionAndContext()
{
    const auto model = moe::test::tinyModel(kSeed);
    moe::Session session(model);
    QCOMPARE(session.contextLength(), model->config().nCtx);
    QCOMPARE(session.position(), 0);
    session.step(1);
    session.step(2);
    QCOMPARE(session.position(), 2);
    moe::SessionOptions options;
    options.contextLength = 5;
    options.threads = 3;
    moe::Session shortSession(model, options);
    QCOMPARE(shortSession.contextLength(), 5);
    const std::vector<int> tokens{5, 6, 7, 8, 9};
    shortSession.prefill(tokens);
    QCOMPARE(shortSession.position(), shortSession.contextLength()); // full: callers stop here
    QCOMPARE(&session.model(), model.get());
    QCOMPARE(session.logits().size(), Eigen::Index(model->config().nVocab));
}

void TestSession::resetStartsOver()
{
    const auto model = moe::test::tinyModel(kSeed);
    const std::vector<int> tokens = sampleTokens(10);
    moe::Session session(model);
    moe::RoutingOverride routing;
    routing.topK = 1;
    session.setRoutingOverride(routing);
    std::vector<moe::TokenRouting> first = session.prefill(tokens);
    const Eigen::VectorXf firstLogits = session.logits();
    session.reset();
    QCOMPARE(session.position(), 0);
    QCOMPARE(session.routingOverride().topK, 1); // kept
    std::vector<moe::TokenRouting> second = session.prefill(tokens);
    QCOMPARE(second.back().layers[0].experts.size(), size_t(1));
    QCOMPARE(second.back().layers[1].experts, first.back().layers[1].experts);
    QVERIFY(session.logits() == firstLogits);
}

// top-k = E mixes every expert by its router probability: the same as a model whose file says
// expert_used_count = E.
void TestSession::topEGivesDenseMixing()
{
    moe::ModelConfig config = moe::test::tinyConfig();
    const moe::FloatWeights weights = moe::randomWeights(config, kSeed);
    const auto sparse = moe::test::modelFromWeights(config, weights);
    config.nExpertUsed = config.nExpert;
    const auto dense = moe::test::modelFromWeights(config, weights);

    moe::Session overridden(sparse), reference(dense);
    moe::RoutingOverride routing;
    routing.topK = config.nExpert;
    overridden.setRoutingOverride(routing);
    QVERIFY(!overridden.routingOverride().isDefault());
    for (int token : sampleTokens(20)) {
        const moe::TokenRouting a = overridden.step(token);
        reference.step(token);
        for (const moe::LayerRouting& r : a.layers) {
            QCOMPARE(int(r.experts.size()), config.nExpert);
            for (size_t j = 0; j < r.experts.size(); ++j)
                QVERIFY(std::abs(r.gates[j] - r.probs[size_t(r.experts[j])]) <= 1e-6); // gates are the probs
            const QString problem = routingProblem(r, config.nExpert);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        QVERIFY(maxAbsDiff(overridden.logits(), reference.logits()) <= 1e-6);
    }
}

void TestSession::disabledExpertsAreNeverChosen()
{
    moe::ModelConfig config = moe::test::tinyConfig();
    config.nExpert = 8;
    const auto model = moe::test::tinyModel(kSeed + 3, moe::TensorType::F32, config);
    moe::RoutingOverride routing;
    routing.disabled = {{true, false, true, false, false, false, false, true}, // 5 left, top-2
                        {true, true, true, true, true, true, true, false}};    // 1 left: fewer than k
    moe::Session plain(model), lab(model);
    lab.setRoutingOverride(routing);
    int changed = 0;
    for (int token : sampleTokens(60)) {
        const moe::TokenRouting p = plain.step(token), r = lab.step(token);
        for (size_t l = 0; l < r.layers.size(); ++l) {
            const int k = l == 0 ? 2 : 1;
            const QString problem = routingProblem(r.layers[l], k, &routing.disabled[l]);
            QVERIFY2(problem.isEmpty(), qPrintable(QString("layer %1: ").arg(l) + problem));
        }
        QCOMPARE(r.layers[1].experts, std::vector<int>{7});
        QCOMPARE(r.layers[1].gates, std::vector<float>{1.0f});
        // Layer 0's router sees nothing the override changed: its probs are the router's own.
        QVERIFY(maxAbsDiff(r.layers[0].probs, p.layers[0].probs) <= 1e-6);
        changed += r.layers[0].experts != p.layers[0].experts;
    }
    QVERIFY2(changed > 0, "disabling experts changed no choice: the test proves nothing");
}

void TestSession::overrideRefusesNonsense()
{
    const auto model = moe::test::tinyModel(kSeed);
    moe::Session session(model);
    const auto refused = [&session](const moe::RoutingOverride& routing) {
        try {
            session.setRoutingOverride(routing);
        } catch (const std::invalid_argument&) {
            return true;
        }
        return false;
    };
    moe::RoutingOverride tooMany;
    tooMany.topK = 5; // 4 experts
    QVERIFY(refused(tooMany));
    moe::RoutingOverride negative;
    negative.topK = -1;
    QVERIFY(refused(negative));
    moe::RoutingOverride allOff;
    allOff.disabled = {{}, {true, true, true, true}};
    QVERIFY(refused(allOff));
    moe::RoutingOverride wrongShape;
    wrongShape.disabled = {{true, false}};
    QVERIFY(refused(wrongShape));
    QVERIFY(session.routingOverride().isDefault()); // refusals leave the old override
    moe::RoutingOverride fine;
    fine.disabled = {{}, {false, true, false, false}};
    QVERIFY(!refused(fine));
}

void TestSession::isDefault()
{
    moe::RoutingOverride routing;
    QVERIFY(routing.isDefault());
    routing.disabled = {{false, false}, {}};
    QVERIFY(routing.isDefault());
    routing.disabled[1] = {false, true};
    QVERIFY(!routing.isDefault());
    routing.disabled.clear();
    routing.topK = 2;
    QVERIFY(!routing.isDefault());
}

// GenerationRequest::minTokens masks end of text until that many tokens are written. At a high
// temperature a tiny model samples end of text now and then; with the minimum it never comes early,
// while it still may come afterwards.
void TestSession::noEndOfTextBeforeMinTokens()
{
    const auto model = moe::test::tinyModel(kSeed);
    moe::Session session(model);
    const auto run = [&](int minTokens, uint64_t seed) {
        moe::GenerationRequest request;
        request.prompt = "the";
        request.maxTokens = 24;
        request.minTokens = minTokens;
        request.sampler.temperature = 8.0f; // nearly uniform over the vocabulary
        request.sampler.topK = 0;
        request.sampler.topP = 1.0f;
        request.sampler.seed = seed;
        int written = 0;
        const moe::FinishReason reason =
            moe::generate(session, request, [&](const moe::GeneratedToken& token) {
                written += !token.prompt;
                return true;
            });
        return std::pair{reason, written};
    };
    int earlyWithout = 0;
    for (uint64_t seed = 0; seed < 300; ++seed) {
        const auto [reason, written] = run(0, seed);
        earlyWithout += reason == moe::FinishReason::EndOfText && written < 16;
        const auto [reasonMin, writtenMin] = run(16, seed);
        QVERIFY2(writtenMin >= 16, qPrintable(QString("seed %1: %2 tokens").arg(seed).arg(writtenMin)));
        QVERIFY(reasonMin == moe::FinishReason::MaxTokens || reasonMin == moe::FinishReason::EndOfText);
    }
    qInfo("end of text before 16 tokens without the minimum: %d of 300 runs", earlyWithout);
    QVERIFY(earlyWithout > 0); // the check above could have failed
}

QTEST_APPLESS_MAIN(TestSession)
#include "test_session.moc"

// F16, BF16 and Q8_0 models against the F32 model with the same weights, teacher-forced over a
// text: logits close relative to their spread, and the routing and greedy next token mostly equal.
#include "moe/model_writer.h"
#include "moe/session.h"
#include "tiny_model.h"

#include <QTest>

#include <cmath>
#include <map>

using moe::TensorType;

Q_DECLARE_METATYPE(moe::TensorType)

namespace {

constexpr uint64_t kSeeds[] = {1, 2, 3};
constexpr int kTokens = 96;

int argmax(const Eigen::VectorXf& v)
{
    Eigen::Index i = 0;
    v.maxCoeff(&i);
    return int(i);
}

double stddev(const Eigen::VectorXf& v)
{
    return std::sqrt((v.array() - v.mean()).square().mean());
}

std::vector<int> textTokens()
{
    std::vector<int> tokens = moe::test::sampleTokenizer().encode(moe::test::sampleText());
    tokens.resize(kTokens);
    return tokens;
}

} // namespace

class TestSessionTypes : public QObject {
    Q_OBJECT
private slots:
    void denseLogitsCloseToF32_data();
    void denseLogitsCloseToF32();
    void routingAndGreedyMostlyEqual_data();
    void routingAndGreedyMostlyEqual();
    void sameAsF32OfTheDecodedWeights_data();
    void sameAsF32OfTheDecodedWeights();
    void quantisedInputsObservedOncePerRow();
};

// Top-k routing is discontinuous: a near-tie between two experts flips under any rounding and then
// that token's output changes by O(1), which says nothing about the arithmetic. Routing every
// token to all experts (top-k = E, gates = the router's softmax) makes the model a smooth function
// of its weights, so there the logit error measures the number format alone.
void TestSessionTypes::denseLogitsCloseToF32_data()
{
    // Bound on max over positions of max |logit - F32 logit| / std(F32 logits). The RMS relative
    // rounding error per weight is about 2^-11/sqrt(3) = 3e-4 (F16), 2^-8/sqrt(3) = 2e-3 (BF16) and,
    // for Q8_0, (2.4 sigma / 127) / sqrt(12) / sigma = 5e-3 (a step of 1/127 of a 32-value block's
    // largest |value|, ~2.4 sigma for Gaussian weights), plus as much again from rounding the
    // activations to Q8_0 as llama.cpp does. Errors of independent weights add like noise, so a
    // logit's error is about that fraction of its spread, and the worst of ~400 logits over 96
    // positions is 2-3x the typical one. Measured (seeds 1-3, worst / mean): F16 0.006 / 0.0024,
    // BF16 0.043 / 0.019, Q8_0 0.17 / 0.076. The bounds leave about 2x.
    QTest::addColumn<TensorType>("type");
    QTest::addColumn<double>("bound");
    QTest::newRow("F16") << TensorType::F16 << 0.012;
    QTest::newRow("BF16") << TensorType::BF16 << 0.09;
    QTest::newRow("Q8_0") << TensorType::Q8_0 << 0.35;
}

void TestSessionTypes::denseLogitsCloseToF32()
{
    QFETCH(TensorType, type);
    QFETCH(double, bound);
    const std::vector<int> tokens = textTokens();
    double worst = 0.0, sum = 0.0;
    for (uint64_t seed : kSeeds) {
        moe::Session f32(moe::test::tinyModel(seed, TensorType::F32));
        moe::Session other(moe::test::tinyModel(seed, type));
        QCOMPARE(other.model().mainType(), type);
        moe::RoutingOverride dense;
        dense.topK = f32.model().config().nExpert;
        f32.setRoutingOverride(dense);
        other.setRoutingOverride(dense);
        for (int token : tokens) {
            f32.step(token);
            other.step(token);
            const double relative =
                (other.logits() - f32.logits()).cwiseAbs().maxCoeff() / stddev(f32.logits());
            worst = std::max(worst, relative);
            sum += relative;
        }
    }
    qInfo("%s, dense routing: max |dlogit| / std(logits) worst %.4f, mean %.4f", tensorTypeName(type).data(),
          worst, sum / (kTokens * std::size(kSeeds)));
    QVERIFY2(worst <= bound, qPrintable(QString::number(worst)));
}

// With the model's own top-2 routing: what a user sees. Thresholds sit well below the measured
// agreement (see qInfo) but far above what a broken kernel gives (routing ~ chance, greedy ~ 0).
void TestSessionTypes::routingAndGreedyMostlyEqual_data()
{
    QTest::addColumn<TensorType>("type");
    QTest::addColumn<double>("minRouting"); // fraction of (token, layer) with the same experts
    QTest::addColumn<double>("minGreedy");  // fraction of positions with the same argmax
    QTest::newRow("F16") << TensorType::F16 << 0.98 << 0.97;
    QTest::newRow("BF16") << TensorType::BF16 << 0.9 << 0.85;
    QTest::newRow("Q8_0") << TensorType::Q8_0 << 0.85 << 0.8;
}

void TestSessionTypes::routingAndGreedyMostlyEqual()
{
    QFETCH(TensorType, type);
    QFETCH(double, minRouting);
    QFETCH(double, minGreedy);
    const std::vector<int> tokens = textTokens();
    int sameRouting = 0, sameGreedy = 0, decisions = 0, positions = 0;
    for (uint64_t seed : kSeeds) {
        moe::Session f32(moe::test::tinyModel(seed, TensorType::F32));
        moe::Session other(moe::test::tinyModel(seed, type));
        for (int token : tokens) {
            const moe::TokenRouting a = f32.step(token), b = other.step(token);
            for (size_t l = 0; l < a.layers.size(); ++l, ++decisions)
                sameRouting += a.layers[l].experts == b.layers[l].experts;
            sameGreedy += argmax(other.logits()) == argmax(f32.logits());
            ++positions;
        }
    }
    const double routing = double(sameRouting) / decisions, greedy = double(sameGreedy) / positions;
    qInfo("%s, top-2 routing: same experts %.3f, same greedy token %.3f", tensorTypeName(type).data(),
          routing, greedy);
    QVERIFY2(routing >= minRouting, qPrintable(QString::number(routing)));
    QVERIFY2(greedy >= minGreedy, qPrintable(QString::number(greedy)));
}

// A compact model computes what an F32 model of its decoded weights computes: only float rounding
// differs (F16, BF16), or the 8-bit rounding of the activations (Q8_0). A wrong row stride, expert
// slice or kernel dispatch for one type shows up here as an O(1) difference.
void TestSessionTypes::sameAsF32OfTheDecodedWeights_data()
{
    QTest::addColumn<TensorType>("type");
    QTest::addColumn<double>("bound"); // max |logit difference| / std(logits), dense routing
    QTest::newRow("F16") << TensorType::F16 << 1e-4;
    QTest::newRow("BF16") << TensorType::BF16 << 1e-4;
    QTest::newRow("Q8_0") << TensorType::Q8_0 << 0.25; // activation rounding only: measured 0.076
}

void TestSessionTypes::sameAsF32OfTheDecodedWeights()
{
    QFETCH(TensorType, type);
    QFETCH(double, bound);
    const auto compact = moe::test::tinyModel(kSeeds[0], type);
    const auto decoded = moe::test::modelFromWeights(compact->config(), moe::floatWeights(*compact));
    QCOMPARE(decoded->mainType(), TensorType::F32);
    moe::Session a(compact), b(decoded);
    moe::RoutingOverride dense;
    dense.topK = compact->config().nExpert;
    a.setRoutingOverride(dense);
    b.setRoutingOverride(dense);
    double worst = 0.0;
    for (int token : textTokens()) {
        a.step(token);
        b.step(token);
        worst = std::max(worst, double((a.logits() - b.logits()).cwiseAbs().maxCoeff()) / stddev(b.logits()));
    }
    qInfo("%s vs F32 of its decoded weights: worst %.3g", tensorTypeName(type).data(), worst);
    QVERIFY2(worst <= bound, qPrintable(QString::number(worst)));
}

namespace {

// (weight matrix, position) -> the observed input row.
using Observed = std::map<std::pair<const moe::WeightMatrix*, int>, std::vector<float>>;

moe::QuantisedInputObserver recordInto(Observed& observed, int& duplicates)
{
    return [&observed, &duplicates](const moe::QuantisedInput& input) {
        QCOMPARE(int(input.values.size()), input.weight->cols);
        const auto [it, inserted] =
            observed.emplace(std::pair{input.weight, input.position},
                             std::vector<float>(input.values.begin(), input.values.end()));
        duplicates += !inserted;
    };
}

bool quantised(const moe::WeightMatrix& w)
{
    return !w.empty() && w.type == TensorType::Q8_0;
}

} // namespace

// The diagnostic observer (used by tests/llamacpp/explain_divergence.py) sees each input row of a
// quantised product once, at the right position: the same rows, bit for bit, whether the tokens
// come one by one or in one batch; every chosen expert's three matrices and each attention matrix
// per token and layer; nothing for F32 weights or once the observer is removed.
void TestSessionTypes::quantisedInputsObservedOncePerRow()
{
    const auto model = moe::test::tinyModel(kSeeds[0], TensorType::Q8_0);
    const moe::ModelConfig& c = model->config();
    std::vector<int> tokens = textTokens();
    tokens.resize(24);
    Observed stepped, batched;
    int duplicates = 0;
    moe::Session a(model), b(model);
    a.setQuantisedInputObserver(recordInto(stepped, duplicates));
    b.setQuantisedInputObserver(recordInto(batched, duplicates));
    std::vector<moe::TokenRouting> routing;
    for (int token : tokens)
        routing.push_back(a.step(token));
    b.prefill(tokens);
    QCOMPARE(duplicates, 0);

    const moe::ModelWeights& w = model->weights();
    const moe::WeightMatrix* output = &w.output;
    int perTokenAndLayer = 0;
    for (const moe::WeightMatrix* m : {&w.layers[0].wq, &w.layers[0].wk, &w.layers[0].wv, &w.layers[0].wo})
        perTokenAndLayer += quantised(*m);
    QVERIFY(perTokenAndLayer > 0 && quantised(w.layers[0].up[0]));
    perTokenAndLayer += 3 * c.nExpertUsed;
    const int outputRows = quantised(*output) ? 1 : 0;
    QCOMPARE(int(stepped.size()), int(tokens.size()) * (c.nLayer * perTokenAndLayer + outputRows));
    QCOMPARE(int(batched.size()), int(tokens.size()) * c.nLayer * perTokenAndLayer + outputRows);
    for (const auto& [key, values] : batched)
        QVERIFY2(stepped.count(key) && stepped.at(key) == values,
                 qPrintable(QString("position %1 differs").arg(key.second)));
    // The chosen experts' matrices, and no other expert's, at every position and layer.
    for (int t = 0; t < int(tokens.size()); ++t)
        for (int l = 0; l < c.nLayer; ++l)
            for (int e : routing[size_t(t)].layers[size_t(l)].experts)
                QVERIFY(stepped.count({&w.layers[size_t(l)].down[size_t(e)], t}));

    const size_t seen = stepped.size();
    a.setQuantisedInputObserver({});
    a.step(tokens[0]);
    QCOMPARE(stepped.size(), seen);
    Observed none;
    moe::Session f32(moe::test::tinyModel(kSeeds[0], TensorType::F32));
    f32.setQuantisedInputObserver(recordInto(none, duplicates));
    f32.prefill(tokens);
    QCOMPARE(int(none.size()), 0);
}

QTEST_APPLESS_MAIN(TestSessionTypes)
#include "test_session_types.moc"

// Every backward op of the trainer against central finite differences, in double: each test builds
// a scalar loss L = sum(r * op(inputs)) with a random r, and compares the analytic dL/dinput with
// (L(x + h) - L(x - h)) / 2h for every input coordinate. Seeds are fixed and printed on failure.
#include "rope.h"
#include "router.h"
#include "train_ops.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

using moe::train::ConstMatMap;
using moe::train::MatMap;
using Vec = std::vector<double>;

constexpr double kStep = 1e-5;      // central differences: truncation ~ h^2, rounding ~ 1e-16 / h
constexpr double kTolerance = 1e-3; // relative error, as the issue asks
// Below this magnitude both gradients count as zero: differences there are rounding noise.
constexpr double kFloor = 1e-6;

Vec randomVec(std::mt19937_64& rng, size_t n, double scale = 1.0, double mean = 0.0)
{
    std::normal_distribution<double> normal(mean, scale);
    Vec v(n);
    for (double& x : v)
        x = normal(rng);
    return v;
}

double dot(const Vec& a, const Vec& b)
{
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i)
        s += a[i] * b[i];
    return s;
}

ConstMatMap<double> cmap(const Vec& v, int rows, int cols)
{
    return ConstMatMap<double>(v.data(), rows, cols, Eigen::OuterStride<>(cols));
}

MatMap<double> map(Vec& v, int rows, int cols)
{
    return MatMap<double>(v.data(), rows, cols, Eigen::OuterStride<>(cols));
}

// q, k and v are column blocks of one (len x 3 hd) buffer, as in the trainer's q|k|v rows, so
// the kernels see row strides wider than a head. Shapes: lengths that are and are not multiples of
// the 4-row query groups and 16-wide register blocks, heads narrower than a block.
void attentionShapes()
{
    QTest::addColumn<int>("len");
    QTest::addColumn<int>("hd");
    QTest::newRow("len 42, head 16") << 42 << 16;
    QTest::newRow("len 40, head 4") << 40 << 4;
    QTest::newRow("len 7, head 16") << 7 << 16;
    QTest::newRow("len 1, head 8") << 1 << 8;
}

// Block `block` (0 = q, 1 = k, 2 = v) of a (len x 3 hd) q|k|v buffer.
ConstMatMap<double> head(const Vec& qkv, int len, int hd, int block)
{
    return ConstMatMap<double>(qkv.data() + block * hd, len, hd, Eigen::OuterStride<>(3 * hd));
}

MatMap<double> headOut(Vec& qkv, int len, int hd, int block)
{
    return MatMap<double>(qkv.data() + block * hd, len, hd, Eigen::OuterStride<>(3 * hd));
}

// The worst relative error of `analytic` against central differences of `loss` over x.
double worstError(Vec& x, const Vec& analytic, const std::function<double()>& loss)
{
    double worst = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        const double saved = x[i];
        x[i] = saved + kStep;
        const double plus = loss();
        x[i] = saved - kStep;
        const double minus = loss();
        x[i] = saved;
        const double numeric = (plus - minus) / (2 * kStep);
        const double error =
            std::abs(analytic[i] - numeric) / std::max({kFloor, std::abs(analytic[i]), std::abs(numeric)});
        worst = std::max(worst, error);
    }
    return worst;
}

#define CHECK_GRADIENT(name, x, analytic, loss)                                                              \
    do {                                                                                                     \
        const double err = worstError(x, analytic, loss);                                                    \
        QVERIFY2(err <= kTolerance,                                                                          \
                 (std::string(name) + ": relative error " + std::to_string(err)).c_str());                   \
    } while (0)

} // namespace

class TestTrainOps : public QObject {
    Q_OBJECT
private slots:
    void linearGradient()
    {
        std::mt19937_64 rng(11);
        const int n = 4, in = 5, out = 3;
        Vec x = randomVec(rng, n * in), w = randomVec(rng, out * in), r = randomVec(rng, n * out);
        const auto loss = [&] {
            Vec y(n * out);
            moe::train::linearForward(cmap(x, n, in), cmap(w, out, in), map(y, n, out), false);
            return dot(y, r);
        };
        Vec dx(n * in, 7.0), dw(out * in, 5.0); // what is there is overwritten
        moe::train::linearBackward(cmap(x, n, in), cmap(w, out, in), cmap(r, n, out), map(dx, n, in), false,
                                   map(dw, out, in), false);
        CHECK_GRADIENT("dx", x, dx, loss);
        CHECK_GRADIENT("dw", w, dw, loss);
        // accumulate adds to what is there
        Vec dx2(n * in, 1.0), dw2(out * in, 2.0);
        moe::train::linearBackward(cmap(x, n, in), cmap(w, out, in), cmap(r, n, out), map(dx2, n, in), true,
                                   map(dw2, out, in), true);
        for (size_t i = 0; i < dx.size(); ++i)
            QVERIFY(std::abs(dx2[i] - 1.0 - dx[i]) < 1e-12);
        for (size_t i = 0; i < dw.size(); ++i)
            QVERIFY(std::abs(dw2[i] - 2.0 - dw[i]) < 1e-12);
    }

    void rmsNormGradient()
    {
        std::mt19937_64 rng(12);
        const int rows = 3, d = 8;
        Vec x = randomVec(rng, rows * d), w = randomVec(rng, d, 0.3, 1.0), r = randomVec(rng, rows * d);
        const double eps = 1e-5;
        const auto loss = [&] {
            Vec y(rows * d), rstd(rows);
            moe::train::rmsNormForward(x.data(), w.data(), rows, d, eps, y.data(), rstd.data());
            return dot(y, r);
        };
        Vec y(rows * d), rstd(rows), dx(rows * d, 0.0), dw(d, 0.0);
        moe::train::rmsNormForward(x.data(), w.data(), rows, d, eps, y.data(), rstd.data());
        moe::train::rmsNormBackward(x.data(), w.data(), rstd.data(), r.data(), rows, d, dx.data(), dw.data());
        CHECK_GRADIENT("dx", x, dx, loss);
        CHECK_GRADIENT("dw", w, dw, loss);
    }

    void ropeRotatesAdjacentPairs()
    {
        // Mode 0: pair (v0, v1) turns by theta_0 = pos, pair (v2, v3) by pos * base^(-2/4).
        const moe::Rope<double> rope(8, 4, 10000.0f);
        Vec v{1, 0, 1, 0, 1, 0, 1, 0}; // rows at positions 0 and 1 (length 2), one head of 4
        rope.forward(v.data(), 2, 4, 4, 2);
        QCOMPARE(v[0], 1.0);
        QCOMPARE(v[1], 0.0);
        QVERIFY(std::abs(v[4] - std::cos(1.0)) < 1e-7 && std::abs(v[5] - std::sin(1.0)) < 1e-7);
        QVERIFY(std::abs(v[6] - std::cos(0.01)) < 1e-7 && std::abs(v[7] - std::sin(0.01)) < 1e-7);
    }

    // The engine turns one token at a time (apply at its position), the trainer whole sequences of
    // rows (forward): the same rotation.
    void ropeApplyEqualsForward()
    {
        std::mt19937_64 rng(21);
        const int rows = 6, heads = 2, hd = 4, length = 3, width = heads * hd;
        const moe::Rope<double> rope(length, hd, 10000.0f);
        const Vec v = randomVec(rng, rows * width);
        Vec byRows = v, byToken = v;
        rope.forward(byRows.data(), rows, width, width, length);
        for (int r = 0; r < rows; ++r)
            rope.apply(byToken.data() + r * width, heads, r % length);
        QCOMPARE(byToken, byRows);
        QVERIFY(byRows != v);
    }

    void ropeGradient()
    {
        std::mt19937_64 rng(13);
        const int rows = 6, heads = 2, hd = 4, length = 3; // two sequences of 3 positions
        const moe::Rope<double> rope(length, hd, 10000.0f);
        Vec v = randomVec(rng, rows * heads * hd), r = randomVec(rng, v.size());
        const auto loss = [&] {
            Vec y = v;
            rope.forward(y.data(), rows, heads * hd, heads * hd, length);
            return dot(y, r);
        };
        Vec dv = r;
        rope.backward(dv.data(), rows, heads * hd, heads * hd, length);
        CHECK_GRADIENT("dv", v, dv, loss);
    }

    void attentionMatchesDefinition_data() { attentionShapes(); }
    void attentionMatchesDefinition()
    {
        QFETCH(int, len);
        QFETCH(int, hd);
        std::mt19937_64 rng(14);
        const double scale = 0.5;
        Vec qkv = randomVec(rng, static_cast<size_t>(len * 3 * hd));
        Vec p(static_cast<size_t>(len * len), -1.0), out(static_cast<size_t>(len * hd));
        Vec scratch(moe::train::attentionScratchSize<double>(len, hd));
        MatMap<double> pm = map(p, len, len), om = map(out, len, hd);
        moe::train::attentionForward(head(qkv, len, hd, 0), head(qkv, len, hd, 1), head(qkv, len, hd, 2),
                                     scale, pm, om, scratch.data());
        const auto at = [&](int row, int block, int col) {
            return qkv[static_cast<size_t>(row * 3 * hd + block * hd + col)];
        };
        for (int i = 0; i < len; ++i) {
            // Row i: softmax over keys 0..i of scale * q_i . k_j; zero above the diagonal.
            Vec expected(static_cast<size_t>(i + 1));
            double maxScore = -1e300, sum = 0;
            for (int j = 0; j <= i; ++j) {
                double score = 0;
                for (int c = 0; c < hd; ++c)
                    score += at(i, 0, c) * at(j, 1, c);
                expected[static_cast<size_t>(j)] = scale * score;
                maxScore = std::max(maxScore, scale * score);
            }
            for (double& e : expected)
                sum += (e = std::exp(e - maxScore));
            const auto rowEnd = static_cast<int>(moe::train::attentionRowEnd(i, len));
            QVERIFY(rowEnd > i && rowEnd <= len);
            for (int j = 0; j < rowEnd; ++j) {
                const double want = j <= i ? expected[static_cast<size_t>(j)] / sum : 0.0;
                QVERIFY(std::abs(p[static_cast<size_t>(i * len + j)] - want) < 1e-12);
            }
            for (int c = 0; c < hd; ++c) {
                double want = 0;
                for (int j = 0; j <= i; ++j)
                    want += expected[static_cast<size_t>(j)] / sum * at(j, 2, c);
                QVERIFY(std::abs(out[static_cast<size_t>(i * hd + c)] - want) < 1e-12);
            }
        }
    }

    void attentionGradient_data() { attentionShapes(); }
    void attentionGradient()
    {
        QFETCH(int, len);
        QFETCH(int, hd);
        std::mt19937_64 rng(15);
        const double scale = 1.0 / std::sqrt(static_cast<double>(hd));
        Vec qkv = randomVec(rng, static_cast<size_t>(len * 3 * hd));
        const Vec r = randomVec(rng, static_cast<size_t>(len * hd));
        // NaN where p is not written: the backward must not read there.
        Vec p(static_cast<size_t>(len * len), std::nan("")), out(static_cast<size_t>(len * hd));
        Vec scratch(moe::train::attentionScratchSize<double>(len, hd));
        const auto forward = [&] {
            MatMap<double> pm = map(p, len, len), om = map(out, len, hd);
            moe::train::attentionForward(head(qkv, len, hd, 0), head(qkv, len, hd, 1), head(qkv, len, hd, 2),
                                         scale, pm, om, scratch.data());
        };
        const auto loss = [&] {
            forward();
            return dot(out, r);
        };
        forward();
        // dq is assigned and starts from junk; dk and dv are assigned over junk too, or accumulate
        // onto 0.5, taken off below.
        for (const bool accumulate : {false, true}) {
            Vec dqkv(qkv.size(), accumulate ? 0.5 : 7.0);
            for (int i = 0; i < len; ++i)
                std::fill_n(dqkv.begin() + i * 3 * hd, hd, 9.0);
            MatMap<double> dq = headOut(dqkv, len, hd, 0), dk = headOut(dqkv, len, hd, 1),
                           dv = headOut(dqkv, len, hd, 2);
            moe::train::attentionBackward(head(qkv, len, hd, 0), head(qkv, len, hd, 1), head(qkv, len, hd, 2),
                                          cmap(p, len, len), cmap(r, len, hd), scale, dq, dk, dv, accumulate,
                                          scratch.data());
            if (accumulate) {
                dk.array() -= 0.5;
                dv.array() -= 0.5;
            }
            CHECK_GRADIENT(accumulate ? "dq|dk|dv, accumulated" : "dq|dk|dv", qkv, dqkv, loss);
        }
    }

    void routerChoosesTopKAndRenormalises()
    {
        const Vec logits{0.1, 2.0, -1.0, 2.0, 0.5};
        Vec probs(5), gates(2);
        int chosen[2];
        const double lse =
            moe::routerForward(logits.data(), 5, nullptr, 2, probs.data(), chosen, gates.data());
        QCOMPARE(chosen[0], 1); // a tie goes to the lower index first
        QCOMPARE(chosen[1], 3);
        QVERIFY(std::abs(gates[0] + gates[1] - 1.0) < 1e-12);
        QVERIFY(std::abs(gates[0] - probs[1] / (probs[1] + probs[3])) < 1e-12);
        double expSum = 0;
        for (double l : logits)
            expSum += std::exp(l);
        QVERIFY(std::abs(lse - std::log(expSum)) < 1e-12);
    }

    // A disabled expert is never chosen; the probabilities stay the router's own softmax and the
    // gates renormalise over the experts chosen instead.
    void routerSkipsDisabledExperts()
    {
        const Vec logits{0.1, 2.0, -1.0, 2.0, 0.5};
        const unsigned char disabled[5] = {0, 1, 0, 0, 0};
        Vec probs(5), gates(2), freeProbs(5), freeGates(2);
        int chosen[2], freeChosen[2];
        const double lse =
            moe::routerForward(logits.data(), 5, disabled, 2, probs.data(), chosen, gates.data());
        const double freeLse =
            moe::routerForward(logits.data(), 5, nullptr, 2, freeProbs.data(), freeChosen, freeGates.data());
        QCOMPARE(chosen[0], 3);
        QCOMPARE(chosen[1], 4);
        QCOMPARE(probs, freeProbs);
        QCOMPARE(lse, freeLse);
        QVERIFY(std::abs(gates[0] - 1.0 / (1.0 + std::exp(0.5 - 2.0))) < 1e-12);
        QVERIFY(std::abs(gates[0] + gates[1] - 1.0) < 1e-12);
        // With k = the enabled experts, every enabled one is chosen, most probable first.
        int all[4];
        Vec allGates(4);
        moe::routerForward(logits.data(), 5, disabled, 4, probs.data(), all, allGates.data());
        QCOMPARE(std::vector<int>(all, all + 4), (std::vector<int>{3, 4, 0, 2}));
    }

    // The gates, the probabilities and the logsumexp all depend on the logits. Top-k is piecewise
    // constant: these logits have wide gaps between the 2nd and 3rd expert (also with the best one
    // disabled), so a step of 1e-5 never changes the choice (checked).
    void routerGradient_data()
    {
        QTest::addColumn<int>("disabledExpert");
        QTest::newRow("all experts") << -1;
        QTest::newRow("the most probable disabled") << 3;
    }
    void routerGradient()
    {
        QFETCH(int, disabledExpert);
        std::mt19937_64 rng(16);
        const int nExpert = 6, k = 2;
        Vec logits{1.5, -0.3, 0.2, 2.4, -1.1, 0.7};
        std::vector<unsigned char> disabled(nExpert, 0);
        if (disabledExpert >= 0)
            disabled[static_cast<size_t>(disabledExpert)] = 1;
        const Vec rGates = randomVec(rng, k), rProbs = randomVec(rng, nExpert);
        const double zWeight = 0.3;
        int expected[2];
        const auto loss = [&] {
            Vec probs(nExpert), gates(k);
            int chosen[2];
            const double lse = moe::routerForward(logits.data(), nExpert, disabled.data(), k, probs.data(),
                                                  chosen, gates.data());
            if (chosen[0] != expected[0] || chosen[1] != expected[1])
                qFatal("the perturbation changed the top-k choice");
            return dot(gates, rGates) + dot(probs, rProbs) + zWeight * lse * lse;
        };
        Vec probs(nExpert), gates(k), dLogits(nExpert);
        const double lse = moe::routerForward(logits.data(), nExpert, disabled.data(), k, probs.data(),
                                              expected, gates.data());
        QVERIFY(expected[0] != disabledExpert && expected[1] != disabledExpert);
        moe::routerBackward(probs.data(), expected, gates.data(), nExpert, k, rGates.data(), rProbs.data(),
                            2 * zWeight * lse, dLogits.data());
        CHECK_GRADIENT("dLogits", logits, dLogits, loss);
    }

    void swigluGradient()
    {
        std::mt19937_64 rng(17);
        const size_t n = 12;
        Vec g = randomVec(rng, n, 2.0), u = randomVec(rng, n), r = randomVec(rng, n);
        const auto loss = [&] {
            Vec a(n);
            moe::train::swigluForward(g.data(), u.data(), a.data(), n);
            return dot(a, r);
        };
        Vec dg(n), du(n);
        moe::train::swigluBackward(g.data(), u.data(), r.data(), dg.data(), du.data(), n);
        CHECK_GRADIENT("dg", g, dg, loss);
        CHECK_GRADIENT("du", u, du, loss);
    }

    void crossEntropyGradient()
    {
        std::mt19937_64 rng(18);
        const int rows = 4, vocab = 7;
        const std::vector<int> targets{0, 6, 3, 3};
        Vec logits = randomVec(rng, rows * vocab, 2.0);
        const double scale = 0.25;
        const auto loss = [&] {
            Vec copy = logits;
            return scale * moe::train::crossEntropy(copy.data(), targets.data(), rows, vocab, 0.0);
        };
        Vec grad = logits;
        const double sum = moe::train::crossEntropy(grad.data(), targets.data(), rows, vocab, scale);
        QVERIFY(std::abs(scale * sum - loss()) < 1e-12);
        CHECK_GRADIENT("dLogits", logits, grad, loss);
    }

    // Load balancing over a group of tokens: L = w * E * sum_i f_i * P_i, with P_i the mean router
    // probability and f_i the share of routed slots (a count: no gradient, and constant under the
    // perturbation because the choices are stable, checked).
    void auxLossGradient()
    {
        std::mt19937_64 rng(19);
        const int n = 5, nExpert = 4, k = 2;
        Vec logits = randomVec(rng, n * nExpert, 2.0);
        const double weight = 0.7;
        std::vector<int> expected(n * k);
        const auto routeAll = [&](Vec& probs, std::vector<int>& chosen, Vec& gates, Vec& lse) {
            for (int t = 0; t < n; ++t)
                lse[t] = moe::routerForward(logits.data() + t * nExpert, nExpert, nullptr, k,
                                            probs.data() + t * nExpert, chosen.data() + t * k,
                                            gates.data() + t * k);
        };
        const auto fractions = [&](const std::vector<int>& chosen) {
            Vec f(nExpert, 0.0);
            for (int e : chosen)
                f[static_cast<size_t>(e)] += 1.0 / (n * k);
            return f;
        };
        const auto loss = [&] {
            Vec probs(n * nExpert), gates(n * k), lse(n);
            std::vector<int> chosen(n * k);
            routeAll(probs, chosen, gates, lse);
            if (chosen != expected)
                qFatal("the perturbation changed the top-k choice");
            const Vec f = fractions(chosen);
            double l = 0;
            for (int t = 0; t < n; ++t)
                for (int e = 0; e < nExpert; ++e)
                    l += weight * nExpert * f[static_cast<size_t>(e)] *
                         probs[static_cast<size_t>(t * nExpert + e)] / n;
            return l;
        };
        Vec probs(n * nExpert), gates(n * k), lse(n), dLogits(n * nExpert);
        routeAll(probs, expected, gates, lse);
        const Vec f = fractions(expected);
        Vec dProbs(nExpert), zeroGates(k, 0.0);
        for (int e = 0; e < nExpert; ++e)
            dProbs[static_cast<size_t>(e)] = weight * nExpert * f[static_cast<size_t>(e)] / n;
        for (int t = 0; t < n; ++t)
            moe::routerBackward(probs.data() + t * nExpert, expected.data() + t * k, gates.data() + t * k,
                                nExpert, k, zeroGates.data(), dProbs.data(), 0.0,
                                dLogits.data() + t * nExpert);
        CHECK_GRADIENT("dLogits", logits, dLogits, loss);
    }

    // z-loss over a group of tokens: L = w * mean_t logsumexp(z_t)^2 (no piecewise part).
    void zLossGradient()
    {
        std::mt19937_64 rng(20);
        const int n = 3, nExpert = 5, k = 2;
        Vec logits = randomVec(rng, n * nExpert, 3.0);
        const double weight = 0.2;
        const auto loss = [&] {
            double l = 0;
            for (int t = 0; t < n; ++t) {
                Vec probs(nExpert), gates(k);
                int chosen[2];
                const double lse = moe::routerForward(logits.data() + t * nExpert, nExpert, nullptr, k,
                                                      probs.data(), chosen, gates.data());
                l += weight * lse * lse / n;
            }
            return l;
        };
        Vec dLogits(n * nExpert), zeroGates(k, 0.0);
        for (int t = 0; t < n; ++t) {
            Vec probs(nExpert), gates(k);
            int chosen[2];
            const double lse = moe::routerForward(logits.data() + t * nExpert, nExpert, nullptr, k,
                                                  probs.data(), chosen, gates.data());
            moe::routerBackward(probs.data(), chosen, gates.data(), nExpert, k, zeroGates.data(),
                                static_cast<const double*>(nullptr), weight / n * 2 * lse,
                                dLogits.data() + t * nExpert);
        }
        CHECK_GRADIENT("dLogits", logits, dLogits, loss);
    }
};

QTEST_APPLESS_MAIN(TestTrainOps)
#include "test_train_ops.moc"

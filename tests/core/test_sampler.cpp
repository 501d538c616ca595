// Sampler: greedy is argmax, seeds reproduce, top-k/top-p cut where they should, and draws follow
// the softmax they claim to sample from.
#include "moe/sampler.h"

#include <QTest>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

std::vector<float> randomLogits(uint64_t seed, int n)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.0f, 2.0f);
    std::vector<float> logits(static_cast<size_t>(n));
    for (float& v : logits)
        v = normal(rng);
    return logits;
}

int argmax(const std::vector<float>& v)
{
    return static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
}

} // namespace

class TestSampler : public QObject {
    Q_OBJECT
private slots:
    void greedyIsArgmax()
    {
        moe::Sampler sampler({});
        for (uint64_t seed = 1; seed <= 50; ++seed) {
            const auto logits = randomLogits(seed, 300);
            QCOMPARE(sampler.pick(logits), argmax(logits));
        }
    }

    void sameSeedSameDraws()
    {
        const auto logits = randomLogits(7, 64);
        moe::SamplerSettings settings{.temperature = 1.0f, .topK = 0, .topP = 0.95f, .seed = 1234};
        moe::Sampler a(settings), b(settings);
        settings.seed = 1235;
        moe::Sampler c(settings);
        int differences = 0;
        for (int i = 0; i < 200; ++i) {
            const int fromA = a.pick(logits);
            QCOMPARE(b.pick(logits), fromA);
            differences += c.pick(logits) != fromA;
        }
        QVERIFY2(differences > 20, "a different seed should give a different sequence");
    }

    void topKOneAndTinyTopPAreGreedy()
    {
        const auto logits = randomLogits(9, 100);
        moe::Sampler topK({.temperature = 1.5f, .topK = 1, .topP = 1.0f, .seed = 3});
        moe::Sampler topP({.temperature = 1.5f, .topK = 0, .topP = 1e-6f, .seed = 3});
        for (int i = 0; i < 100; ++i) {
            QCOMPARE(topK.pick(logits), argmax(logits));
            QCOMPARE(topP.pick(logits), argmax(logits));
        }
    }

    void topKNeverLeavesTheKBest()
    {
        const auto logits = randomLogits(11, 50);
        std::vector<float> sorted = logits;
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        moe::Sampler sampler({.temperature = 5.0f, .topK = 3, .topP = 1.0f, .seed = 5});
        for (int i = 0; i < 500; ++i)
            QVERIFY(logits[static_cast<size_t>(sampler.pick(logits))] >= sorted[2]);
    }

    void drawsFollowTheSoftmax()
    {
        const std::vector<float> logits{0.0f, 1.0f, 2.0f, -1.0f};
        const float temperature = 0.8f;
        std::vector<double> expected(logits.size());
        double total = 0.0;
        for (size_t i = 0; i < logits.size(); ++i)
            total += expected[i] = std::exp(logits[i] / temperature);
        moe::Sampler sampler({.temperature = temperature, .topK = 0, .topP = 1.0f, .seed = 99});
        const int draws = 40000;
        std::vector<int> counts(logits.size());
        for (int i = 0; i < draws; ++i)
            ++counts[static_cast<size_t>(sampler.pick(logits))];
        for (size_t i = 0; i < logits.size(); ++i) {
            const double p = expected[i] / total;
            const double sigma = std::sqrt(p * (1 - p) / draws);
            QVERIFY2(std::abs(counts[i] / double(draws) - p) < 5 * sigma,
                     qPrintable(QString("token %1: %2 vs %3").arg(i).arg(counts[i] / double(draws)).arg(p)));
        }
    }

    void badSettingsAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::Sampler({.temperature = -1.0f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::Sampler({.temperature = NAN}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::Sampler({.temperature = 1.0f, .topK = -2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 moe::Sampler({.temperature = 1.0f, .topK = 0, .topP = 0.0f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 moe::Sampler({.temperature = 1.0f, .topK = 0, .topP = 1.5f}));
    }
};

QTEST_APPLESS_MAIN(TestSampler)
#include "test_sampler.moc"

// step() allocates nothing but the TokenRouting it returns, and the thread count does not change
// a single bit of the results. Counts every operator new in this program.
#include "moe/session.h"
#include "tiny_model.h"

#include <QTest>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<long> g_allocations{0};

} // namespace

void* operator new(std::size_t size)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}

void operator delete(void* p) noexcept
{
    std::free(p);
}

void operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}

class TestSessionAllocations : public QObject {
    Q_OBJECT
private slots:
    void stepAllocatesOnlyTheRouting_data();
    void stepAllocatesOnlyTheRouting();
    void threadCountDoesNotChangeResults();
};

void TestSessionAllocations::stepAllocatesOnlyTheRouting_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("type");
    QTest::newRow("1 thread, F32") << 1 << int(moe::TensorType::F32);
    QTest::newRow("2 threads, F32") << 2 << int(moe::TensorType::F32);
    QTest::newRow("2 threads, Q8_0") << 2 << int(moe::TensorType::Q8_0);
    QTest::newRow("3 threads, F16") << 3 << int(moe::TensorType::F16);
}

void TestSessionAllocations::stepAllocatesOnlyTheRouting()
{
    QFETCH(int, threads);
    QFETCH(int, type);
    const auto model = moe::test::tinyModel(/*seed=*/4, moe::TensorType(type));
    moe::SessionOptions options;
    options.threads = threads;
    moe::Session session(model, options);
    const std::vector<int> prompt{3, 1, 4, 1, 5, 9, 2, 6};
    session.prefill(prompt);
    for (int i = 0; i < 4; ++i) // warm-up: kernels may size per-thread scratch on first use
        session.step(10 + i);
    // The TokenRouting: its layers vector, then probs, experts and gates per layer.
    const long expected = 1 + 3 * model->config().nLayer;
    for (int i = 0; i < 20; ++i) {
        const long before = g_allocations.load();
        const moe::TokenRouting routing = session.step(20 + i);
        const long during = g_allocations.load() - before;
        QCOMPARE(during, expected);
    }
}

void TestSessionAllocations::threadCountDoesNotChangeResults()
{
    moe::ModelConfig config = moe::test::tinyConfig();
    config.nExpert = 8;
    const auto model = moe::test::tinyModel(/*seed=*/8, moe::TensorType::F32, config);
    std::vector<int> tokens = moe::test::sampleTokenizer().encode(moe::test::sampleText());
    tokens.resize(90);
    std::vector<Eigen::VectorXf> logits;
    std::vector<std::vector<moe::TokenRouting>> routing;
    for (int threads : {1, 2, 3}) {
        moe::SessionOptions options;
        options.threads = threads;
        moe::Session session(model, options);
        routing.push_back(session.prefill(std::span(tokens.data(), 70)));
        for (size_t t = 70; t < tokens.size(); ++t)
            routing.back().push_back(session.step(tokens[t]));
        logits.push_back(session.logits());
    }
    for (size_t i = 1; i < logits.size(); ++i) {
        QVERIFY(logits[i] == logits[0]); // bit for bit: each output row is computed by one thread
        for (size_t t = 0; t < tokens.size(); ++t)
            for (size_t l = 0; l < routing[i][t].layers.size(); ++l) {
                QCOMPARE(routing[i][t].layers[l].probs, routing[0][t].layers[l].probs);
                QCOMPARE(routing[i][t].layers[l].experts, routing[0][t].layers[l].experts);
            }
    }
}

QTEST_APPLESS_MAIN(TestSessionAllocations)
#include "test_session_allocations.moc"

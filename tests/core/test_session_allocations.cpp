// step() allocates nothing but the TokenRouting it returns, and the thread count does not change
// a single bit of the results. Counts every heap allocation in this program: malloc and its
// family are replaced here (Eigen allocates with malloc, not with operator new), and the default
// operator new goes through malloc. Under AddressSanitizer, which owns malloc, only operator new
// can be counted, and the checks that need malloc say so and skip.
#include "moe/session.h"
#include "tiny_model.h"

#include <QTest>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define MOE_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MOE_TEST_ASAN 1
#endif
#endif

#if !defined(MOE_TEST_ASAN) && defined(__GLIBC__)
#define MOE_TEST_COUNTS_MALLOC 1
#endif

namespace {

std::atomic<long> g_allocations{0};

void countAllocation()
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
}

} // namespace

#ifdef MOE_TEST_COUNTS_MALLOC
// glibc's own entry points: the replacements below count, then hand over to them.
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* p, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* p);

void* malloc(std::size_t size)
{
    countAllocation();
    return __libc_malloc(size);
}

void* calloc(std::size_t count, std::size_t size)
{
    countAllocation();
    return __libc_calloc(count, size);
}

void* realloc(void* p, std::size_t size)
{
    countAllocation();
    return __libc_realloc(p, size);
}

void* memalign(std::size_t alignment, std::size_t size)
{
    countAllocation();
    return __libc_memalign(alignment, size);
}

void* aligned_alloc(std::size_t alignment, std::size_t size)
{
    countAllocation();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void** out, std::size_t alignment, std::size_t size)
{
    if (alignment < sizeof(void*) || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    countAllocation();
    void* p = __libc_memalign(alignment, size);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

void free(void* p)
{
    __libc_free(p);
}
} // extern "C"
#else
void* operator new(std::size_t size)
{
    countAllocation();
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

// The nothrow forms too (std::stable_sort's buffer uses them): under AddressSanitizer its own
// nothrow new would otherwise be paired with the free() above.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    countAllocation();
    return std::malloc(size ? size : 1);
}

void operator delete(void* p, const std::nothrow_t&) noexcept
{
    std::free(p);
}
#endif

class TestSessionAllocations : public QObject {
    Q_OBJECT
private slots:
    void mallocIsCounted();
    void stepAllocatesOnlyTheRouting_data();
    void stepAllocatesOnlyTheRouting();
    void threadCountDoesNotChangeResults();
};

void TestSessionAllocations::mallocIsCounted()
{
#ifndef MOE_TEST_COUNTS_MALLOC
    QSKIP("malloc is not replaced in this build (AddressSanitizer owns it, or not glibc): only "
          "operator new is counted");
#else
    // Called through a volatile pointer, so the compiler cannot drop the pair.
    void* (*volatile allocate)(std::size_t) = std::malloc;
    long before = g_allocations.load();
    void* p = allocate(64);
    QCOMPARE(g_allocations.load() - before, 1L);
    std::free(p);

    before = g_allocations.load();
    Eigen::VectorXf scratch(1000); // Eigen's own allocation: malloc, not operator new
    scratch.setOnes();
    QVERIFY(scratch.sum() > 0);
    QCOMPARE(g_allocations.load() - before, 1L);

    before = g_allocations.load();
    void* (*volatile allocateNew)(std::size_t) = static_cast<void* (*)(std::size_t)>(&::operator new);
    void* q = allocateNew(16); // the default operator new counts through malloc
    QCOMPARE(g_allocations.load() - before, 1L);
    ::operator delete(q);
#endif
}

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

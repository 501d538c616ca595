// ThreadPool: every index covered exactly once, ranges whole grains, valid thread indices never
// used twice at once; rapid repeated calls (the generation hot path) and wake-ups from sleep never
// deadlock or lose work; destruction in every state.
#include "thread_pool.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

class TestThreadPool : public QObject {
    Q_OBJECT
private slots:
    void coversEveryIndexOnce_data();
    void coversEveryIndexOnce();
    void rapidRepeatedCalls_data();
    void rapidRepeatedCalls();
    void workersTakePart();
    void wakesAfterSleeping();
    void nestedCallRunsInline();
    void destroysInEveryState();
    void singleThreadRunsInline();
};

void TestThreadPool::coversEveryIndexOnce_data()
{
    QTest::addColumn<int>("threads");
    for (int threads : {1, 2, 3, 4, 7})
        QTest::newRow((std::to_string(threads) + " threads").c_str()) << threads;
}

void TestThreadPool::coversEveryIndexOnce()
{
    QFETCH(int, threads);
    moe::ThreadPool pool(threads);
    QCOMPARE(pool.threadCount(), threads);
    for (int grain : {1, 3, 8}) {
        for (int n : {0, 1, 2, 3, 5, 8, 9, 17, 64, 100, 1001}) {
            const std::string where = "n " + std::to_string(n) + " grain " + std::to_string(grain);
            std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
            std::vector<std::atomic<int>> inUse(static_cast<size_t>(threads));
            std::atomic<int> chunks{0};
            std::atomic<bool> bad{false}, overlapped{false};
            pool.parallelFor(n, grain, [&](int begin, int end, int thread) {
                if (begin >= end || begin < 0 || end > n || thread < 0 || thread >= threads ||
                    (begin % grain != 0) || (end % grain != 0 && end != n)) {
                    bad = true;
                    return;
                }
                if (inUse[static_cast<size_t>(thread)].exchange(1) != 0)
                    overlapped = true;
                ++chunks;
                for (int i = begin; i < end; ++i)
                    ++hits[static_cast<size_t>(i)];
                inUse[static_cast<size_t>(thread)] = 0;
            });
            QVERIFY2(!bad, (where + ": empty, out-of-range or misaligned chunk").c_str());
            QVERIFY2(!overlapped, (where + ": two chunks ran at once under one thread index").c_str());
            QVERIFY2(chunks <= 4 * threads,
                     (where + ": " + std::to_string(chunks.load()) + " chunks").c_str());
            if (n <= grain || threads == 1)
                QVERIFY2(chunks == (n > 0 ? 1 : 0), (where + ": small jobs run as one inline call").c_str());
            for (int i = 0; i < n; ++i)
                QVERIFY2(hits[static_cast<size_t>(i)] == 1, (where + " index " + std::to_string(i)).c_str());
        }
    }
}

void TestThreadPool::rapidRepeatedCalls_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("calls");
    QTest::newRow("2 threads") << 2 << 100000;
    QTest::newRow("3 threads (more than cores here)") << 3 << 10000;
}

void TestThreadPool::rapidRepeatedCalls()
{
    QFETCH(int, threads);
    QFETCH(int, calls);
    moe::ThreadPool pool(threads);
    long long total = 0;
    std::vector<long long> partial(static_cast<size_t>(threads));
    std::atomic<long long> workerChunks{0}, allChunks{0};
    const auto start = std::chrono::steady_clock::now();
    for (int call = 0; call < calls; ++call) {
        const int n = 1 + call % 50;
        for (long long& p : partial)
            p = 0;
        // Plain (non-atomic) writes to per-thread slots: the join must publish them to the caller.
        // The inner loop makes each index cost ~20 ns, so workers get to join most calls.
        pool.parallelFor(n, [&](int begin, int end, int thread) {
            for (int i = begin; i < end; ++i) {
                volatile int spin = 0;
                for (int k = 0; k < 20; ++k)
                    spin = spin + k;
                partial[static_cast<size_t>(thread)] += i + 1;
            }
            if (thread != 0)
                ++workerChunks;
            ++allChunks;
        });
        for (long long p : partial)
            total += p;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    long long want = 0;
    for (int call = 0; call < calls; ++call) {
        const long long n = 1 + call % 50;
        want += n * (n + 1) / 2;
    }
    QCOMPARE(total, want);
    // Whether workers join such short calls depends on how busy the machine is (none did while a
    // build ran beside the tests); workersTakePart checks that they take part at all.
    qInfo("%d calls on %d threads: %.2f us per parallelFor, %.1f%% of chunks run by workers", calls, threads,
          1e6 * seconds / calls,
          100.0 * static_cast<double>(workerChunks.load()) / static_cast<double>(allChunks.load()));
}

// Chunks of about a millisecond: long enough for a woken worker to reach the queue before the
// caller has run every chunk itself, even with other processes competing for the cores.
void TestThreadPool::workersTakePart()
{
    moe::ThreadPool pool(2);
    std::atomic<int> workerChunks{0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (workerChunks == 0 && std::chrono::steady_clock::now() < deadline) {
        pool.parallelFor(16, [&](int begin, int end, int thread) {
            for (int i = begin; i < end; ++i)
                std::this_thread::sleep_for(std::chrono::microseconds(500));
            if (thread != 0)
                ++workerChunks;
        });
    }
    QVERIFY2(workerChunks > 0, "no worker ran a chunk in 120 s of millisecond-long chunks");
}

void TestThreadPool::wakesAfterSleeping()
{
    moe::ThreadPool pool(2);
    for (int round = 0; round < 5; ++round) {
        // Longer than the workers' spin: they are asleep on the condition variable when the job comes.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::atomic<int> sum{0};
        std::atomic<bool> workerRan{false}, timedOut{false};
        pool.parallelFor(8, [&](int begin, int end, int thread) {
            for (int i = begin; i < end; ++i)
                sum += i;
            if (thread != 0) {
                workerRan = true;
                return;
            }
            // The caller holds its first chunk until the sleeping worker has woken and taken another.
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
            while (!workerRan && !timedOut)
                if (std::chrono::steady_clock::now() > deadline)
                    timedOut = true;
        });
        QVERIFY2(!timedOut, "a sleeping worker was not woken within 120 s");
        QCOMPARE(sum.load(), 28);
    }
}

void TestThreadPool::nestedCallRunsInline()
{
    moe::ThreadPool pool(2);
    std::vector<std::atomic<int>> hits(100);
    pool.parallelFor(10, [&](int begin, int end, int thread) {
        for (int i = begin; i < end; ++i)
            pool.parallelFor(10, [&](int b, int e, int innerThread) {
                if (innerThread != thread) // inline on the same thread, under its index
                    return;
                for (int j = b; j < e; ++j)
                    ++hits[static_cast<size_t>(i * 10 + j)];
            });
    });
    for (const auto& h : hits)
        QCOMPARE(h.load(), 1);
}

void TestThreadPool::destroysInEveryState()
{
    {
        moe::ThreadPool never(4);
    } // workers possibly not even started
    {
        moe::ThreadPool justUsed(2); // workers still spinning
        std::atomic<int> count{0};
        justUsed.parallelFor(2, [&](int b, int e, int) { count += e - b; });
        QCOMPARE(count.load(), 2);
    }
    {
        moe::ThreadPool idle(3); // workers asleep
        idle.parallelFor(3, [](int, int, int) {});
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (int i = 0; i < 200; ++i) { // construction and destruction racing the workers' start-up
        auto pool = std::make_unique<moe::ThreadPool>(2);
        if (i % 2 == 0)
            pool->parallelFor(4, [](int, int, int) {});
    }
}

void TestThreadPool::singleThreadRunsInline()
{
    moe::ThreadPool pool(0); // clamped to 1
    QCOMPARE(pool.threadCount(), 1);
    const std::thread::id caller = std::this_thread::get_id();
    int calls = 0;
    pool.parallelFor(1000, [&](int begin, int end, int thread) {
        QCOMPARE(std::this_thread::get_id(), caller);
        QCOMPARE(begin, 0);
        QCOMPARE(end, 1000);
        QCOMPARE(thread, 0);
        ++calls;
    });
    QCOMPARE(calls, 1);
}

QTEST_APPLESS_MAIN(TestThreadPool)
#include "test_thread_pool.moc"

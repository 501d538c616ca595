// Persistent workers that join each job by claiming chunks.
//
// One job = one generation g. The caller writes the job into slot g % 2, publishes g, runs chunks
// itself, and returns once every chunk is done. Each thread owns a contiguous run of chunks and
// claims them from its own counter (its own cache line: no contention in the common case); a
// thread that runs out steals from the others. A worker that wakes late, or is descheduled (a GUI
// thread, another process: this runs on 2-core machines), just finds its chunks taken: the caller
// never waits for a worker that has not started.
//
// Cross-core cache-line transfers (~0.2 us each on the target VMs) are the cost of a dispatch, so
// a slot is one cache line holding its generation and the job, and workers poll the slots
// themselves. No step needs the caller to wait for the workers to leave a finished job:
// - a worker reads a slot like a seqlock: fields (relaxed atomics), then checks that no newer
//   generation is out. The caller only rewrites slot g % 2 for job g + 2, after publishing g + 1,
//   so a worker that still sees nothing newer than g read job g's fields;
// - counters carry the generation they count for, so a stale worker's claim fails instead of
//   taking a chunk of a newer job; fn is only called for a claimed chunk, while the caller waits.
// Sleeping is a Dekker pair on (slot generations, sleepers), ordered by seq_cst fences. The caller
// wakes workers known to sleep at once, and makes the fenced check for one that was just falling
// asleep only after its own chunks, keeping the fence off the fast path (a worker woken from
// sleep takes tens of microseconds anyway, and its chunks get stolen meanwhile).
#include "thread_pool.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace moe {

namespace {

// Waiting has three phases. Pause-spinning reacts within ~0.1 us; yield-spinning (~1 us per
// round here) still reacts fast but hands the core to a runnable thread, which matters when there
// are more threads than free cores; sleeping costs nothing. The spin phases bridge the serial gaps
// of a generation step (norms, attention, sampling) and end soon enough that a paused pool stops
// burning a core almost at once.
constexpr auto kPauseSpin = std::chrono::microseconds(30);
constexpr auto kYieldSpin = std::chrono::microseconds(300);
// Chunks per thread: enough for the caller to take over a late worker's share in small steps.
constexpr int kChunksPerThread = 4;
// A counter holds (generation << kCountBits) | chunks claimed in that generation.
constexpr int kCountBits = 16;

inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#endif
}

// Spins, then yields, until done() holds or (if limit > 0) limit has passed; returns done().
template <typename Done> bool spinUntil(Done done, std::chrono::microseconds limit)
{
    if (done())
        return true;
    const auto start = std::chrono::steady_clock::now();
    bool yielding = false;
    for (int spins = 1;; ++spins) {
        if (yielding)
            std::this_thread::yield();
        else
            cpuRelax();
        if (done())
            return true;
        if (yielding || spins % 32 == 0) {
            const auto waited = std::chrono::steady_clock::now() - start;
            if (limit.count() > 0 && waited > limit)
                return false;
            yielding = waited > kPauseSpin;
        }
    }
}

// Set while a thread runs pool work, so a nested parallelFor runs inline instead of deadlocking.
thread_local int tlWorkingThread = -1;

} // namespace

struct ThreadPool::Shared {
    // One job as a thread sees it (copied out of its slot).
    struct Job {
        uint64_t generation = 0;
        Trampoline call = nullptr;
        const void* fn = nullptr;
        int n = 0, grain = 1, chunks = 0;
        int64_t units = 0; // grains in [0, n)
    };
    struct alignas(64) Slot {
        std::atomic<uint64_t> generation{0}; // the job this slot holds (odd or even generations)
        std::atomic<Trampoline> call{nullptr};
        std::atomic<const void*> fn{nullptr};
        std::atomic<int> n{0}, grain{1}, chunks{0};
        std::atomic<int64_t> units{0};
    };
    struct alignas(64) Counter {
        std::atomic<uint64_t> value{0};
    };

    alignas(64) std::atomic<uint64_t> chunksDone{0}; // over all jobs, so it never needs a reset
    alignas(64) std::atomic<int> sleepers{0};
    std::atomic<bool> stop{false};
    std::atomic<bool> busy{false}; // catches concurrent parallelFor calls in debug builds
    Slot slots[2];
    std::unique_ptr<Counter[]> claimed; // per thread: its chunks taken so far, by it or a thief
    int threads = 1;
    uint64_t generation = 0; // the caller's: the last published job
    uint64_t doneTarget = 0; // the caller's: chunksDone once the current job is complete

    std::mutex mutex;
    std::condition_variable wake;

    // Claims the next of owner's chunks in job j; -1 when none is left.
    int claim(const Job& j, int owner)
    {
        const int owned = j.chunks * (owner + 1) / threads - j.chunks * owner / threads;
        std::atomic<uint64_t>& counter = claimed[owner].value;
        uint64_t v = counter.load(std::memory_order_relaxed);
        for (;;) {
            const uint64_t tag = v >> kCountBits;
            if (tag > j.generation)
                return -1; // a newer job: j is long complete
            const int count = tag == j.generation ? static_cast<int>(v & ((1u << kCountBits) - 1)) : 0;
            if (count >= owned)
                return -1;
            const uint64_t next = (j.generation << kCountBits) | static_cast<uint64_t>(count + 1);
            if (counter.compare_exchange_weak(v, next, std::memory_order_relaxed))
                return j.chunks * owner / threads + count;
        }
    }

    // Runs this thread's own chunks, then steals the others' until none are left.
    void work(const Job& j, int thread)
    {
        tlWorkingThread = thread;
        uint64_t done = 0;
        for (int i = 0; i < threads; ++i) {
            const int owner = (thread + i) % threads;
            for (int c = claim(j, owner); c >= 0; c = claim(j, owner)) {
                const int64_t begin = std::min<int64_t>(j.n, j.units * c / j.chunks * j.grain);
                const int64_t end = std::min<int64_t>(j.n, j.units * (c + 1) / j.chunks * j.grain);
                j.call(j.fn, static_cast<int>(begin), static_cast<int>(end), thread);
                ++done;
            }
        }
        tlWorkingThread = -1;
        if (done != 0)
            chunksDone.fetch_add(done, std::memory_order_release);
    }

    uint64_t newestGeneration() const
    {
        return std::max(slots[0].generation.load(), slots[1].generation.load());
    }

    // A worker's copy of job g, or false if the caller has moved past it meanwhile.
    bool readJob(uint64_t g, Job& j)
    {
        const Slot& slot = slots[g % 2];
        j.generation = g;
        j.call = slot.call.load(std::memory_order_relaxed);
        j.fn = slot.fn.load(std::memory_order_relaxed);
        j.n = slot.n.load(std::memory_order_relaxed);
        j.grain = slot.grain.load(std::memory_order_relaxed);
        j.chunks = slot.chunks.load(std::memory_order_relaxed);
        j.units = slot.units.load(std::memory_order_relaxed);
        // If any field came from job g + 2, the acquire fence makes the caller's earlier publication
        // of g + 1 (in the other slot) visible here.
        std::atomic_thread_fence(std::memory_order_acquire);
        return slots[0].generation.load(std::memory_order_relaxed) <= g &&
               slots[1].generation.load(std::memory_order_relaxed) <= g;
    }
};

ThreadPool::ThreadPool(int threads)
    : m_threads(threads < 1 ? 1 : threads), m_shared(std::make_unique<Shared>())
{
    m_shared->threads = m_threads;
    m_shared->claimed = std::make_unique<Shared::Counter[]>(static_cast<size_t>(m_threads));
    m_workers.reserve(static_cast<size_t>(m_threads - 1));
    for (int i = 1; i < m_threads; ++i)
        m_workers.emplace_back(workerLoop, std::ref(*m_shared), i);
}

ThreadPool::~ThreadPool()
{
    Shared& s = *m_shared;
    s.stop.store(true); // spinners see it at once, sleepers after the notify
    {
        std::lock_guard<std::mutex> lock(s.mutex);
    }
    s.wake.notify_all();
    for (std::thread& worker : m_workers)
        worker.join();
}

void ThreadPool::workerLoop(Shared& s, int index)
{
    uint64_t seen = 0;
    const auto newJob = [&] { return s.newestGeneration() != seen || s.stop.load(); };
    for (;;) {
        if (!spinUntil(newJob, kYieldSpin)) {
            std::unique_lock<std::mutex> lock(s.mutex);
            s.sleepers.fetch_add(1);
            s.wake.wait(lock, newJob);
            s.sleepers.fetch_sub(1);
        }
        if (s.stop.load())
            return;
        seen = s.newestGeneration();
        Shared::Job job;
        if (s.readJob(seen, job))
            s.work(job, index);
    }
}

void ThreadPool::run(int n, int grain, Trampoline call, const void* fn)
{
    if (n <= 0)
        return;
    grain = std::max(grain, 1);
    if (m_threads == 1 || n <= grain || tlWorkingThread >= 0) {
        call(fn, 0, n, tlWorkingThread >= 0 ? tlWorkingThread : 0);
        return;
    }
    Shared& s = *m_shared;
    [[maybe_unused]] const bool wasBusy = s.busy.exchange(true, std::memory_order_acquire);
    assert(!wasBusy && "ThreadPool::parallelFor called from two threads at once");

    Shared::Job job;
    job.generation = ++s.generation;
    job.call = call;
    job.fn = fn;
    job.n = n;
    job.grain = grain;
    job.units = (static_cast<int64_t>(n) + grain - 1) / grain;
    job.chunks =
        static_cast<int>(std::min<int64_t>(job.units, static_cast<int64_t>(m_threads) * kChunksPerThread));
    // Seqlock writer: a reader that sees these stores also sees the generation published before.
    std::atomic_thread_fence(std::memory_order_release);
    Shared::Slot& slot = s.slots[job.generation % 2];
    slot.call.store(call, std::memory_order_relaxed);
    slot.fn.store(fn, std::memory_order_relaxed);
    slot.n.store(n, std::memory_order_relaxed);
    slot.grain.store(grain, std::memory_order_relaxed);
    slot.chunks.store(job.chunks, std::memory_order_relaxed);
    slot.units.store(job.units, std::memory_order_relaxed);
    slot.generation.store(job.generation, std::memory_order_release);
    s.doneTarget += static_cast<uint64_t>(job.chunks);
    const auto wakeSleepers = [&] {
        { // a sleeper holds the mutex from its sleepers increment until it waits
            std::lock_guard<std::mutex> lock(s.mutex);
        }
        s.wake.notify_all();
    };
    // Workers asleep since long ago: wake them now (no fence needed to see an old increment).
    if (s.sleepers.load(std::memory_order_relaxed) != 0)
        wakeSleepers();
    s.work(job, 0);
    std::atomic_thread_fence(std::memory_order_seq_cst); // Dekker: the slot store, then the sleepers read
    if (s.sleepers.load(std::memory_order_relaxed) != 0)
        wakeSleepers(); // one that fell asleep just as the job came out
    spinUntil([&] { return s.chunksDone.load(std::memory_order_acquire) == s.doneTarget; },
              std::chrono::microseconds(0));
    s.busy.store(false, std::memory_order_release);
}

} // namespace moe

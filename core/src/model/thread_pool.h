// A fixed set of worker threads for splitting one matrix product across cores. parallelFor blocks
// until every chunk is done; the calling thread takes a share of the work.
//
// Latency matters more than anything: generating one token makes 30-60 parallelFor calls of a few
// microseconds each. Workers therefore spin on the job state for a short while after each job
// (pause, then yield so an oversubscribed core is handed on), and only then sleep on a condition
// variable, so an idle pool burns no CPU. The range is cut into chunks; each thread takes its own
// first, then steals the others', so a worker that wakes late (or is descheduled by a GUI thread)
// never stalls the caller: the caller just runs more chunks.
// Work functions must not throw (an exception escaping a worker ends the program). parallelFor is
// called from one thread at a time (the Session that owns the pool); a nested call from inside a
// work function runs inline on the calling thread.
#pragma once

#include <memory>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace moe {

class ThreadPool {
public:
    explicit ThreadPool(int threads);
    ~ThreadPool(); // wakes and joins the workers; parallelFor must not be running
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int threadCount() const { return m_threads; }

    // Calls work(begin, end, threadIndex) on disjoint, non-empty ranges covering [0, n), at most
    // 4 * threadCount() of them; threadIndex in [0, threadCount()) (0 is the caller) and the calls
    // with one threadIndex never overlap in time (so it can pick per-thread scratch), but one thread
    // may get several ranges, or none. Range boundaries are multiples of grain (except n itself),
    // e.g. grain 8 keeps 8-row kernel tiles whole. n <= grain, or one thread: one inline call.
    // Any callable with that signature; no allocation, no type erasure beyond a function pointer.
    template <typename F> void parallelFor(int n, int grain, F&& work)
    {
        using Fn = std::remove_reference_t<F>;
        run(
            n, grain,
            [](const void* fn, int begin, int end, int thread) {
                (*static_cast<Fn*>(const_cast<void*>(fn)))(begin, end, thread);
            },
            static_cast<const void*>(&work));
    }
    template <typename F> void parallelFor(int n, F&& work) { parallelFor(n, 1, std::forward<F>(work)); }

private:
    using Trampoline = void (*)(const void* fn, int begin, int end, int thread);
    struct Shared;

    void run(int n, int grain, Trampoline call, const void* fn);
    static void workerLoop(Shared& shared, int index);

    int m_threads;
    std::unique_ptr<Shared> m_shared;
    std::vector<std::thread> m_workers;
};

} // namespace moe

// A fixed set of threads that run one task per thread index and wait for all of them: the
// trainer's shards. Index i always runs the same shard, so results never depend on timing.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace moe::train {

class WorkerPool {
public:
    explicit WorkerPool(int threads); // threads - 1 workers; the caller is thread 0
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    int size() const { return static_cast<int>(m_workers.size()) + 1; }
    // Calls task(i) for every i in [0, size()), i = 0 on the calling thread; returns when all are
    // done. The task must not throw.
    template <typename Task> void run(Task& task)
    {
        runErased([](void* t, int i) { (*static_cast<Task*>(t))(i); }, &task);
    }

private:
    void runErased(void (*fn)(void*, int), void* context);
    void workerLoop(int index);

    std::vector<std::thread> m_workers;
    std::mutex m_mutex;
    std::condition_variable m_start, m_done;
    void (*m_fn)(void*, int) = nullptr;
    void* m_context = nullptr;
    unsigned m_generation = 0;
    int m_pending = 0;
    bool m_stop = false;
};

} // namespace moe::train

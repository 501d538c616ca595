// A fixed set of worker threads for splitting one matrix product across cores. parallelFor blocks
// until every chunk is done; the calling thread takes a share of the work.
#pragma once

#include <functional>

namespace moe {

class ThreadPool {
public:
    explicit ThreadPool(int threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int threadCount() const { return m_threads; }
    // Calls work(begin, end, threadIndex) on disjoint ranges covering [0, n).
    void parallelFor(int n, const std::function<void(int begin, int end, int thread)>& work);

private:
    int m_threads;
};

} // namespace moe

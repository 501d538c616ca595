// Placeholder: runs everything on the calling thread until the real pool lands.
#include "thread_pool.h"

namespace moe {

ThreadPool::ThreadPool(int threads) : m_threads(threads < 1 ? 1 : threads) {}
ThreadPool::~ThreadPool() = default;

void ThreadPool::parallelFor(int n, const std::function<void(int, int, int)>& work)
{
    if (n > 0)
        work(0, n, 0);
}

} // namespace moe

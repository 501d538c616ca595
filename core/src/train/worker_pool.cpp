// The trainer's shard threads.
#include "worker_pool.h"

namespace moe::train {

WorkerPool::WorkerPool(int threads)
{
    for (int i = 1; i < threads; ++i)
        m_workers.emplace_back([this, i] { workerLoop(i); });
}

WorkerPool::~WorkerPool()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_start.notify_all();
    for (std::thread& t : m_workers)
        t.join();
}

void WorkerPool::runErased(void (*fn)(void*, int), void* context)
{
    {
        const std::lock_guard lock(m_mutex);
        m_fn = fn;
        m_context = context;
        m_pending = static_cast<int>(m_workers.size());
        ++m_generation;
    }
    m_start.notify_all();
    fn(context, 0);
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return m_pending == 0; });
}

void WorkerPool::workerLoop(int index)
{
    unsigned seen = 0;
    for (;;) {
        void (*fn)(void*, int) = nullptr;
        void* context = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_start.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop)
                return;
            seen = m_generation;
            fn = m_fn;
            context = m_context;
        }
        fn(context, index);
        {
            const std::lock_guard lock(m_mutex);
            --m_pending;
        }
        m_done.notify_one();
    }
}

} // namespace moe::train

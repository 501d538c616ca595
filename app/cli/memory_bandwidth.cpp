#include "memory_bandwidth.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

namespace cli {

namespace {

// Integer sum so the compiler vectorises it without fast-math; the result is kept so it is not elided.
uint64_t sumRange(const uint64_t* begin, const uint64_t* end)
{
    uint64_t a = 0, b = 0, c = 0, d = 0;
    for (; begin + 4 <= end; begin += 4) {
        a += begin[0];
        b += begin[1];
        c += begin[2];
        d += begin[3];
    }
    return a + b + c + d;
}

} // namespace

double measureReadBandwidthGBs(int threads)
{
    threads = std::max(1, threads);
    const size_t words = (512u << 20) / sizeof(uint64_t); // 512 MiB: far beyond any L3
    std::vector<uint64_t> buffer(words);
    for (size_t i = 0; i < words; i += 512)
        buffer[i] = i; // touch every page once so the timing sees reads, not page faults
    std::vector<uint64_t> sinks(static_cast<size_t>(threads));
    double best = 0.0;
    for (int pass = 0; pass < 4; ++pass) {
        const auto start = std::chrono::steady_clock::now();
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
            const size_t begin = words * static_cast<size_t>(t) / static_cast<size_t>(threads);
            const size_t end = words * static_cast<size_t>(t + 1) / static_cast<size_t>(threads);
            pool.emplace_back([&, t, begin, end] {
                sinks[static_cast<size_t>(t)] += sumRange(buffer.data() + begin, buffer.data() + end);
            });
        }
        for (std::thread& thread : pool)
            thread.join();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best = std::max(best, static_cast<double>(words * sizeof(uint64_t)) / seconds / 1e9);
    }
    volatile uint64_t keep = 0;
    for (uint64_t s : sinks)
        keep = keep + s;
    return best;
}

} // namespace cli

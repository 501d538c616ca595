// Seeded randomness and stable hashes for the corpus. Everything the corpus decides (which poems are
// held out, which math problems are never trained on, the order of generated text) comes from these
// two functions, so the same inputs give the same corpus on every machine and compiler: no
// std::uniform_int_distribution (its algorithm is implementation-defined), no std::hash.
#pragma once

#include <cstdint>
#include <string_view>

namespace moe::corpus {

// splitmix64: one 64-bit state, so saving and restoring it is trivial.
class Rng {
public:
    explicit Rng(uint64_t seed) : m_state(seed) {}
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n) by rejection, so no value is favoured; n > 0.
    uint64_t below(uint64_t n)
    {
        const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        uint64_t x = next();
        while (x >= limit)
            x = next();
        return x % n;
    }
    int range(int lo, int hi)
    {
        return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo + 1)));
    }                                                                       // [lo, hi]
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; } // [0, 1)
    uint64_t state() const { return m_state; }
    void setState(uint64_t state) { m_state = state; }

private:
    uint64_t m_state;
};

// FNV-1a 64 followed by the splitmix64 finaliser, so that the low bits used by `% n` rules are well
// mixed. The value is part of the corpus contract (exclusion keys, held-out rules): never change it.
inline uint64_t stableHash(std::string_view bytes)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001B3ull;
    }
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 31);
}

} // namespace moe::corpus

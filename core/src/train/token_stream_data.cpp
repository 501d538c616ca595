// Training windows from a token stream, and a synthetic stream for benchmarks and tests.
#include "moe/error.h"
#include "moe/train.h"
#include "state_bytes.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <stdexcept>

namespace moe {

namespace {

constexpr char kStateTag[4] = {'T', 'S', 'D', '1'};

uint64_t splitmix64(uint64_t& state)
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// FNV-1a over the ids: a state is only restored into a source over the same stream.
uint64_t fingerprint(const std::vector<int>& tokens)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (int t : tokens) {
        h ^= static_cast<uint32_t>(t);
        h *= 0x100000001B3ull;
    }
    return h ^ tokens.size();
}

using train_state::get64;
using train_state::put64;

} // namespace

TokenStreamData::TokenStreamData(std::vector<int> tokens, uint64_t seed)
    : m_tokens(std::move(tokens)), m_rng(seed)
{
    if (m_tokens.empty())
        throw std::invalid_argument("TokenStreamData: the token stream is empty");
}

void TokenStreamData::nextWindows(int count, int length, std::span<int> out)
{
    assert(length >= 1 && static_cast<size_t>(length) <= m_tokens.size());
    assert(out.size() >= static_cast<size_t>(count) * static_cast<size_t>(length));
    const uint64_t starts = m_tokens.size() - static_cast<size_t>(length) + 1;
    for (int w = 0; w < count; ++w) {
        const auto start = static_cast<size_t>(splitmix64(m_rng) % starts);
        std::copy_n(m_tokens.begin() + static_cast<ptrdiff_t>(start), length,
                    out.begin() + static_cast<ptrdiff_t>(w) * length);
    }
}

std::string TokenStreamData::state() const
{
    std::string out(kStateTag, sizeof kStateTag);
    put64(out, m_rng);
    put64(out, fingerprint(m_tokens));
    return out;
}

void TokenStreamData::restoreState(std::string_view state)
{
    if (state.size() != 20 || std::memcmp(state.data(), kStateTag, sizeof kStateTag) != 0)
        throw FormatError("checkpoint", "the data state is not a token-stream state (" +
                                            std::to_string(state.size()) + " bytes)");
    if (get64(state, 12) != fingerprint(m_tokens))
        throw FormatError("checkpoint", "the data state belongs to a different token stream");
    m_rng = get64(state, 4);
}

std::vector<int> syntheticTokens(int vocabSize, size_t count, uint64_t seed)
{
    if (vocabSize < 2)
        throw std::invalid_argument("syntheticTokens: vocabSize must be >= 2");
    uint64_t rng = seed;
    const auto below = [&rng](uint64_t n) { return static_cast<int>(splitmix64(rng) % n); };
    // A fixed phrase book: once a phrase has started, the rest of it is predictable.
    std::vector<std::vector<int>> phrases(32);
    for (auto& phrase : phrases) {
        phrase.resize(static_cast<size_t>(4 + below(9)));
        for (int& t : phrase)
            t = below(static_cast<uint64_t>(vocabSize));
    }
    std::vector<int> out;
    out.reserve(count);
    while (out.size() < count) {
        const int kind = below(10);
        if (kind < 5) { // a phrase
            const auto& phrase = phrases[static_cast<size_t>(below(phrases.size()))];
            out.insert(out.end(), phrase.begin(), phrase.end());
        } else if (kind < 8) { // counting: each token is the previous plus one
            int t = below(static_cast<uint64_t>(vocabSize));
            for (int i = 0, n = 3 + below(10); i < n; ++i, t = (t + 1) % vocabSize)
                out.push_back(t);
        } else { // noise
            out.push_back(below(static_cast<uint64_t>(vocabSize)));
        }
    }
    out.resize(count);
    return out;
}

} // namespace moe

// Next-token choice: greedy, or temperature with optional top-k and top-p, from a seeded generator.
#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace moe {

struct SamplerSettings {
    float temperature = 0.0f; // 0: greedy (argmax)
    int topK = 0;             // 0: all tokens
    float topP = 1.0f;        // 1: no nucleus cut
    uint64_t seed = 42;
};

class Sampler {
public:
    explicit Sampler(const SamplerSettings& settings); // throws std::invalid_argument on bad settings
    int pick(std::span<const float> logits);
    const SamplerSettings& settings() const { return m_settings; }

private:
    SamplerSettings m_settings;
    std::mt19937_64 m_rng;
};

} // namespace moe

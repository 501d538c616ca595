// Next-token choice. Greedy is argmax (lowest id wins ties, like llama.cpp's greedy sampler);
// otherwise temperature scaling, then top-k, then top-p over the sorted softmax, then one draw.
#include "moe/sampler.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace moe {

Sampler::Sampler(const SamplerSettings& settings) : m_settings(settings), m_rng(settings.seed)
{
    if (!(settings.temperature >= 0.0f) || !std::isfinite(settings.temperature))
        throw std::invalid_argument("temperature must be a finite number >= 0, got " +
                                    std::to_string(settings.temperature));
    if (settings.topK < 0)
        throw std::invalid_argument("top-k must be >= 0 (0 = off), got " + std::to_string(settings.topK));
    if (!(settings.topP > 0.0f && settings.topP <= 1.0f))
        throw std::invalid_argument("top-p must be in (0, 1], got " + std::to_string(settings.topP));
}

int Sampler::pick(std::span<const float> logits)
{
    if (logits.empty())
        return -1;
    if (m_settings.temperature == 0.0f)
        return static_cast<int>(std::max_element(logits.begin(), logits.end()) - logits.begin());

    // Candidates sorted by logit, highest first (ties: lower id first, so the order is deterministic).
    std::vector<int> order(logits.size());
    std::iota(order.begin(), order.end(), 0);
    const size_t keep =
        m_settings.topK > 0 ? std::min(order.size(), static_cast<size_t>(m_settings.topK)) : order.size();
    auto byLogit = [&](int a, int b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); };
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(), byLogit);
    order.resize(keep);

    std::vector<double> probs(keep);
    const double maxLogit = logits[order.front()];
    double total = 0.0;
    for (size_t i = 0; i < keep; ++i) {
        probs[i] = std::exp((logits[order[i]] - maxLogit) / m_settings.temperature);
        total += probs[i];
    }
    // Nucleus: the smallest prefix whose probability reaches top-p.
    size_t nucleus = keep;
    if (m_settings.topP < 1.0f) {
        double cumulative = 0.0;
        for (size_t i = 0; i < keep; ++i) {
            cumulative += probs[i] / total;
            if (cumulative >= m_settings.topP) {
                nucleus = i + 1;
                break;
            }
        }
    }
    const double nucleusMass =
        std::accumulate(probs.begin(), probs.begin() + static_cast<std::ptrdiff_t>(nucleus), 0.0);
    // One uniform draw from our own 53-bit conversion: std::uniform_real_distribution's algorithm is
    // implementation-defined, this keeps "same seed, same text" across standard libraries.
    const double u = static_cast<double>(m_rng() >> 11) * 0x1.0p-53 * nucleusMass;
    double cumulative = 0.0;
    for (size_t i = 0; i < nucleus; ++i) {
        cumulative += probs[i];
        if (u < cumulative)
            return order[i];
    }
    return order[nucleus - 1];
}

} // namespace moe

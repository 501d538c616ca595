// Routing: the top-k router and the routing experiments (RoutingOverride).
#include "router.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace moe {

bool RoutingOverride::isDefault() const
{
    if (topK != 0)
        return false;
    for (const std::vector<bool>& layer : disabled) {
        for (bool off : layer) {
            if (off)
                return false;
        }
    }
    return true;
}

void routeToken(const float* logits, int nExpert, const unsigned char* disabled, LayerRouting& out)
{
    assert(static_cast<int>(out.probs.size()) == nExpert);
    float maxLogit = logits[0];
    for (int e = 1; e < nExpert; ++e)
        maxLogit = std::max(maxLogit, logits[e]);
    double sum = 0.0;
    for (int e = 0; e < nExpert; ++e) {
        out.probs[e] = std::exp(logits[e] - maxLogit);
        sum += out.probs[e];
    }
    const auto scale = static_cast<float>(1.0 / sum);
    for (float& p : out.probs)
        p *= scale;

    // Insertion into a sorted list of k: an equal probability goes after the earlier (lower) index.
    const int k = static_cast<int>(out.experts.size());
    int count = 0;
    for (int e = 0; e < nExpert; ++e) {
        if (disabled && disabled[e])
            continue;
        int pos = count;
        while (pos > 0 && out.probs[out.experts[pos - 1]] < out.probs[e])
            --pos;
        if (pos >= k)
            continue;
        for (int j = std::min(count, k - 1); j > pos; --j)
            out.experts[j] = out.experts[j - 1];
        out.experts[pos] = e;
        count = std::min(count + 1, k);
    }
    assert(count == k);

    // Mixtral renormalises over the chosen k: p_i / sum(p_chosen), computed from the logits so that
    // it stays exact even where the full softmax underflows for every chosen expert.
    const float top = logits[out.experts[0]];
    double gateSum = 0.0;
    for (int j = 0; j < k; ++j) {
        out.gates[j] = std::exp(logits[out.experts[j]] - top);
        gateSum += out.gates[j];
    }
    const auto gateScale = static_cast<float>(1.0 / gateSum);
    for (float& g : out.gates)
        g *= gateScale;
}

} // namespace moe

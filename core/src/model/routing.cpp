// Routing: the top-k router (forward and backward) and the routing experiments (RoutingOverride).
#include "router.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>
#include <string>

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

int RoutingPlan::maxTopK() const
{
    return *std::max_element(topK.begin(), topK.end());
}

RoutingPlan planRouting(const ModelConfig& c, const RoutingOverride& routing)
{
    if (routing.topK < 0 || routing.topK > c.nExpert)
        throw std::invalid_argument("routing override top-k " + std::to_string(routing.topK) +
                                    " is not in [0, " + std::to_string(c.nExpert) + "]");
    if (!routing.disabled.empty() && static_cast<int>(routing.disabled.size()) != c.nLayer)
        throw std::invalid_argument("routing override disables experts for " +
                                    std::to_string(routing.disabled.size()) + " layers, the model has " +
                                    std::to_string(c.nLayer));
    const int k = routing.topK == 0 ? c.nExpertUsed : routing.topK;
    RoutingPlan plan{std::vector<int>(static_cast<size_t>(c.nLayer), k),
                     std::vector<unsigned char>(static_cast<size_t>(c.nLayer * c.nExpert), 0)};
    for (int l = 0; l < c.nLeadingDense; ++l)
        plan.topK[static_cast<size_t>(l)] = 0; // dense layers route nothing
    for (size_t l = 0; l < routing.disabled.size(); ++l) {
        const std::vector<bool>& layer = routing.disabled[l];
        if (!layer.empty() && static_cast<int>(layer.size()) != c.nExpert)
            throw std::invalid_argument("routing override for layer " + std::to_string(l) + " has " +
                                        std::to_string(layer.size()) + " experts, the model has " +
                                        std::to_string(c.nExpert));
        int enabled = c.nExpert;
        for (size_t e = 0; e < layer.size(); ++e) {
            plan.disabled[l * static_cast<size_t>(c.nExpert) + e] = layer[e] ? 1 : 0;
            enabled -= layer[e] ? 1 : 0;
        }
        if (c.isDenseLayer(static_cast<int>(l)))
            continue;
        if (enabled == 0)
            throw std::invalid_argument("routing override disables every expert of layer " +
                                        std::to_string(l));
        plan.topK[l] = std::min(k, enabled); // fewer experts left than k: all of them
    }
    return plan;
}

namespace {

// probs = softmax(logits) (sum in double); returns logsumexp(logits).
template <typename T> T softmax(const T* logits, int n, T* probs)
{
    const T maxLogit = *std::max_element(logits, logits + n);
    double sum = 0.0;
    for (int e = 0; e < n; ++e) {
        probs[e] = std::exp(logits[e] - maxLogit);
        sum += probs[e];
    }
    const auto scale = static_cast<T>(1.0 / sum);
    for (int e = 0; e < n; ++e)
        probs[e] *= scale;
    return maxLogit + static_cast<T>(std::log(sum));
}

// The k experts of highest score(e), highest first, never a disabled one: insertion into a sorted
// list of k, where an equal score goes after the earlier (lower) index.
template <typename Score>
void chooseTopK(Score score, int nExpert, const unsigned char* disabled, int k, int* chosen)
{
    int count = 0;
    for (int e = 0; e < nExpert; ++e) {
        if (disabled && disabled[e])
            continue;
        int pos = count;
        while (pos > 0 && score(chosen[pos - 1]) < score(e))
            --pos;
        if (pos >= k)
            continue;
        for (int j = std::min(count, k - 1); j > pos; --j)
            chosen[j] = chosen[j - 1];
        chosen[pos] = e;
        count = std::min(count + 1, k);
    }
    assert(count == k);
}

} // namespace

RouterSettings RouterSettings::of(const ModelConfig& c, const float* selectionBias)
{
    return {c.gating, c.normaliseGates, c.expertWeightsScale, selectionBias};
}

bool RouterSettings::isMixtral() const
{
    return gating == Gating::Softmax && normalise && scale == 0.0f && selectionBias == nullptr;
}

void routeToken(const float* logits, int nExpert, const RouterSettings& s, const unsigned char* disabled,
                int k, float* probs, int* chosen, float* gates)
{
    if (s.isMixtral()) {
        routerForward(logits, nExpert, disabled, k, probs, chosen, gates);
        return;
    }
    if (s.gating == Gating::Softmax) {
        softmax(logits, nExpert, probs);
    } else {
        for (int e = 0; e < nExpert; ++e)
            probs[e] = 1.0f / (1.0f + std::exp(-logits[e]));
    }
    // Choice by the biased score (DeepSeek-V3); the weights stay the unbiased probabilities.
    const auto score = [&](int e) { return s.selectionBias ? probs[e] + s.selectionBias[e] : probs[e]; };
    chooseTopK(score, nExpert, disabled, k, chosen);
    float sum = 0.0f;
    for (int j = 0; j < k; ++j) {
        gates[j] = probs[chosen[j]];
        sum += gates[j];
    }
    for (int j = 0; j < k; ++j) {
        if (s.normalise)
            gates[j] /= sum;
        if (s.scale != 0.0f)
            gates[j] *= s.scale;
    }
}

template <typename T>
T routerForward(const T* logits, int nExpert, const unsigned char* disabled, int k, T* probs, int* chosen,
                T* gates)
{
    const T lse = softmax(logits, nExpert, probs);
    chooseTopK([probs](int e) { return probs[e]; }, nExpert, disabled, k, chosen);

    // Mixtral renormalises over the chosen k: p_i / sum(p_chosen), computed from the logits (a
    // softmax over the chosen) so that it stays exact even where the full softmax underflows for
    // every chosen expert.
    const T top = logits[chosen[0]];
    double gateSum = 0.0;
    for (int j = 0; j < k; ++j) {
        gates[j] = std::exp(logits[chosen[j]] - top);
        gateSum += gates[j];
    }
    const auto gateScale = static_cast<T>(1.0 / gateSum);
    for (int j = 0; j < k; ++j)
        gates[j] *= gateScale;
    return lse;
}

// Forward: probs = softmax(logits), lse = logsumexp(logits), gates = softmax(logits[chosen]).
template <typename T>
void routerBackward(const T* probs, const int* chosen, const T* gates, int nExpert, int k, const T* dGates,
                    const T* dProbs, T dLse, T* dLogits)
{
    // probs = softmax(logits): dz = p * (dp - sum p dp); lse: dz += dLse * p.
    T dot = 0;
    if (dProbs) {
        for (int e = 0; e < nExpert; ++e)
            dot += probs[e] * dProbs[e];
    }
    for (int e = 0; e < nExpert; ++e)
        dLogits[e] = probs[e] * ((dProbs ? dProbs[e] : T(0)) - dot + dLse);
    // gates = softmax over the chosen logits: dz[c_m] += g_m * (dg_m - sum_j g_j dg_j).
    T gateDot = 0;
    for (int j = 0; j < k; ++j)
        gateDot += gates[j] * dGates[j];
    for (int j = 0; j < k; ++j)
        dLogits[chosen[j]] += gates[j] * (dGates[j] - gateDot);
}

template float routerForward<float>(const float*, int, const unsigned char*, int, float*, int*, float*);
template double routerForward<double>(const double*, int, const unsigned char*, int, double*, int*, double*);
template void routerBackward<float>(const float*, const int*, const float*, int, int, const float*,
                                    const float*, float, float*);
template void routerBackward<double>(const double*, const int*, const double*, int, int, const double*,
                                     const double*, double, double*);

} // namespace moe

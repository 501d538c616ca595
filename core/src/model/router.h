// The Mixtral router, the one definition the engine (float) and the trainer (float; double for the
// gradient checks) both run: softmax over all experts, top-k, gates renormalised over the chosen,
// and its backward beside it. A RoutingOverride (the app's lab) reaches both as a RoutingPlan.
#pragma once

#include "moe/model.h"
#include "moe/routing.h"

#include <vector>

namespace moe {

// One token. logits: (nExpert) router outputs. disabled: nullptr or (nExpert) flags; a disabled
// expert is never chosen but keeps its probability (the recorded probs are the router's own
// softmax). Fills probs (nExpert), the k chosen experts (highest probability first, ties to the
// lower index; k <= the enabled experts) and their gates, which sum to 1. Returns
// logsumexp(logits), the router z-loss's term.
template <typename T>
T routerForward(const T* logits, int nExpert, const unsigned char* disabled, int k, T* probs, int* chosen,
                T* gates);

// dLogits (assigned) from three paths: the gates (dGates, k values), the probabilities (dProbs, E
// values shared by all tokens of a layer: the aux loss; may be null) and the logsumexp (dLse: the
// z-loss). Top-k itself is piecewise constant: no gradient flows through the choice.
template <typename T>
void routerBackward(const T* probs, const int* chosen, const T* gates, int nExpert, int k, const T* dGates,
                    const T* dProbs, T dLse, T* dLogits);

// The router of any architecture, for the engine (shared/reference/moe-architectures.md section 0.2):
// probabilities by softmax or sigmoid; the k highest of probs + selectionBias chosen (disabled
// experts never); gates are the chosen probabilities, divided by their sum if `normalise`, times
// `scale` if not 0. With Mixtral's settings this is routerForward<float> exactly.
struct RouterSettings {
    Gating gating = Gating::Softmax;
    bool normalise = true;
    float scale = 0.0f;
    const float* selectionBias = nullptr; // (nExpert) or null
    static RouterSettings of(const ModelConfig& config, const float* selectionBias);
    bool isMixtral() const;
};
void routeToken(const float* logits, int nExpert, const RouterSettings& settings,
                const unsigned char* disabled, int k, float* probs, int* chosen, float* gates);

// A RoutingOverride applied to one model: how many experts each layer picks and which it may not.
struct RoutingPlan {
    std::vector<int> topK; // (nLayer): fewer than asked where fewer are enabled; 0 in dense layers
    std::vector<unsigned char> disabled; // (nLayer, nExpert): 1 = never chosen
    int maxTopK() const;
    const unsigned char* disabledIn(int layer) const
    {
        return disabled.data() + disabled.size() / topK.size() * static_cast<size_t>(layer);
    }
};

// Throws std::invalid_argument if routing.topK is not in [0, nExpert], the disabled table has the
// wrong shape, or it disables every expert of a routed layer (dense layers have none to disable). With fewer
// enabled experts than k, a layer picks all of them.
RoutingPlan planRouting(const ModelConfig& config, const RoutingOverride& routing);

} // namespace moe

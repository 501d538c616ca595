// What the router did for one token: per layer, the full probability vector and the chosen experts.
#pragma once

#include <vector>

namespace moe {

struct LayerRouting {
    std::vector<float> probs;   // (nExpert) softmax over all experts
    std::vector<int> experts;   // (k) chosen experts, highest probability first
    std::vector<float> gates;   // (k) renormalised weights of the chosen experts; sum to 1
};

struct TokenRouting {
    std::vector<LayerRouting> layers;
};

// An experiment on routing (the app's lab): a different top-k, or experts switched off. Disabled
// experts get probability 0 before top-k; the recorded probs are the router's own softmax.
struct RoutingOverride {
    int topK = 0;                                // 0: the model's expert_used_count
    std::vector<std::vector<bool>> disabled;     // [layer][expert]; empty = none disabled
    bool isDefault() const;
};

} // namespace moe

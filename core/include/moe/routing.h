// What the router did for one token: per layer, the full probability vector and the chosen experts.
#pragma once

#include <vector>

namespace moe {

// One layer's routing of one token. All three are empty in a dense layer (deepseek2's first
// layers), which has no router. Shared experts are always on and not recorded here.
struct LayerRouting {
    std::vector<float>
        probs; // (nExpert) the router's probabilities (softmax; sigmoid scores for DeepSeek-V3)
    std::vector<int> experts; // (k) chosen experts, highest score first
    std::vector<float> gates; // (k) the weights of the chosen experts: sum to 1 where the architecture
                              // renormalises (Mixtral), not for OLMoE, Qwen-MoE or a scaled DeepSeek
    bool isDense() const { return probs.empty(); }
};

struct TokenRouting {
    std::vector<LayerRouting> layers;
    // Experts per routed layer (0 if every layer is dense).
    int expertCount() const
    {
        for (const LayerRouting& layer : layers)
            if (!layer.probs.empty())
                return static_cast<int>(layer.probs.size());
        return 0;
    }
};

// An experiment on routing (the app's lab): a different top-k, or experts switched off. Disabled
// experts get probability 0 before top-k; the recorded probs are the router's own softmax.
struct RoutingOverride {
    int topK = 0;                            // 0: the model's expert_used_count
    std::vector<std::vector<bool>> disabled; // [layer][expert]; empty = none disabled
    bool isDefault() const;
};

} // namespace moe

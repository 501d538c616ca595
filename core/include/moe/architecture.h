// The MoE model families moe reads, named as GGUF's general.architecture names them, and what
// sets their forward passes apart (shared/reference/moe-architectures.md, sections 1-8 and 10).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace moe {

enum class Architecture {
    Llama,      // Mixtral: the baseline
    Olmoe,      // QK-norm over the whole projection; no renormalised gates
    Qwen2Moe,   // QKV biases; a shared expert behind a sigmoid gate; no renormalised gates
    GraniteMoe, // embedding, residual, attention and logit multipliers
    Deepseek2,  // multi-head latent attention, shared experts, leading dense layers, YaRN
    PhiMoe,     // norms and heads with biases, Q pre-scaled, LongRoPE factors
    Dbrx,       // LayerNorm, fused QKV clamped to +-clamp_kqv
};

std::span<const Architecture> allArchitectures();
std::string_view architectureName(Architecture arch); // "llama", "olmoe", ... (the GGUF key prefix)
std::optional<Architecture> architectureFromName(std::string_view name);
std::string_view architectureFamily(Architecture arch); // "OLMoE", "DeepSeek-V2, V2-Lite, V3, R1", ...

// RoPE pairs: NEOX rotates (i, i + dims/2), NORM adjacent pairs (2i, 2i + 1).
bool usesNeoxRope(Architecture arch);
// Mean-subtracting LayerNorm instead of RMS-norm (everywhere in the model).
bool usesLayerNorm(Architecture arch);

} // namespace moe

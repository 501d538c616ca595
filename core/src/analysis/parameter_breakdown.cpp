// A model's parameters split by what they do, from modelLayout: the one list of tensors the loader
// checks, init-random writes and ModelConfig::totalParameters sums, so the split cannot drift.
#include "moe/analysis.h"

#include "model_layout.h"

#include <string_view>

namespace moe {

namespace {

std::string_view withoutBlock(std::string_view name)
{
    if (name.starts_with("blk.")) {
        const size_t dot = name.find('.', 4);
        if (dot != std::string_view::npos)
            name.remove_prefix(dot + 1);
    }
    return name;
}

// The block's own norms (attn_norm before attention, ffn_norm or dbrx's attn_output_norm before
// the feed-forward) are not part of attention, although two of them are named attn_.
bool isBlockNorm(std::string_view name)
{
    return name.starts_with("attn_norm.") || name.starts_with("ffn_norm.") ||
           name.starts_with("attn_output_norm.") || name.starts_with("output_norm.");
}

} // namespace

int64_t ParameterBreakdown::total() const
{
    return embedding + output + attention + norms + routers + routedExperts + sharedExperts +
           denseFeedForward + other;
}

int64_t ParameterBreakdown::active() const
{
    return total() - routedExperts + routedActive;
}

ParameterBreakdown parameterBreakdown(const ModelConfig& config)
{
    ParameterBreakdown p;
    for (const TensorSpec& spec : modelLayout(config)) {
        const std::string_view name = withoutBlock(spec.name);
        const int64_t n = spec.elements();
        if (spec.role == TensorRole::Embedding)
            p.embedding += n;
        else if (spec.role == TensorRole::Output || name.starts_with("output."))
            p.output += n;
        else if (spec.role == TensorRole::Experts)
            p.routedExperts += n;
        else if (spec.role == TensorRole::Router || name.starts_with("exp_probs_b."))
            p.routers += n;
        else if (name.find("_shexp") != std::string_view::npos)
            p.sharedExperts += n;
        else if (isBlockNorm(name))
            p.norms += n;
        else if (name.starts_with("attn_") || name.starts_with("rope_factors"))
            p.attention += n;
        else if (spec.layer >= 0 && config.isDenseLayer(spec.layer) && name.starts_with("ffn_"))
            p.denseFeedForward += n;
        else
            p.other += n; // so the parts still add up; tests check it stays 0
    }
    int moeLayers = 0;
    for (int l = 0; l < config.nLayer; ++l)
        moeLayers += config.isDenseLayer(l) ? 0 : 1;
    p.routedActive = int64_t{moeLayers} * config.nExpertUsed * config.expertParameters();
    return p;
}

} // namespace moe

// What the routing records say, as numbers: per-layer expert usage, how different two usages are
// (Jensen-Shannon divergence), which experts lean towards one kind of text, dead experts, and the
// cost of a token (active vs total parameters and FLOPs). Pure functions over TokenRouting: no
// model runs here, so the CLI's eval and the app's compare mode compute the same figures the same way.
//
// Conventions: a token contributes one "routed slot" per chosen expert and layer (k slots per layer
// with top-k routing); a share is a fraction of a layer's slots (or of its gate mass). Divergences
// are in bits (base 2), so the Jensen-Shannon divergence lies in [0, 1].
//
// Throws: std::invalid_argument for a caller's mistake (shapes that disagree, an expert id out of
// range, a negative or all-zero distribution where one is needed), naming what and where.
#pragma once

#include "moe/model.h"
#include "moe/routing.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace moe {

// What one routed slot adds to its expert's count.
enum class UsageWeight {
    Slots, // 1 per chosen expert: k per token and layer
    Gates  // the chosen expert's gate weight: 1 per token and layer in all
};

// Per-layer usage counts of every expert, accumulated over tokens.
class ExpertUsage {
public:
    ExpertUsage() = default;
    // Throws std::invalid_argument unless nLayer >= 1 and nExpert >= 1.
    ExpertUsage(int nLayer, int nExpert, UsageWeight weight = UsageWeight::Slots);

    // Counts one token. Throws std::invalid_argument if its layer count differs, or it chose an
    // expert outside [0, nExpert).
    void add(const TokenRouting& token);
    // Adds another usage's counts (same shape and weighting, else std::invalid_argument).
    void merge(const ExpertUsage& other);

    int layers() const { return static_cast<int>(m_counts.size()); }
    int experts() const { return m_nExpert; }
    UsageWeight weight() const { return m_weight; }
    size_t tokens() const { return m_tokens; }
    double count(int layer, int expert) const; // asserts the indices
    double layerTotal(int layer) const;
    // Fractions of the layer's slots (or gate mass) per expert, summing to 1; all zero before any token.
    std::vector<double> shares(int layer) const;
    std::vector<std::vector<double>> shares() const; // [layer][expert]
    const std::vector<std::vector<double>>& counts() const { return m_counts; }

private:
    std::vector<std::vector<double>> m_counts; // [layer][expert]
    int m_nExpert = 0;
    UsageWeight m_weight = UsageWeight::Slots;
    size_t m_tokens = 0;
};

// Usage of a run of tokens; the shape comes from the first token (an empty span gives an empty
// usage). If tokenIds is given (one per routing), only the tokens whose id has keep[id] set count.
ExpertUsage expertUsage(std::span<const TokenRouting> routings, UsageWeight weight = UsageWeight::Slots);
ExpertUsage expertUsage(std::span<const TokenRouting> routings, std::span<const int> tokenIds,
                        const std::vector<bool>& keep, UsageWeight weight = UsageWeight::Slots);

// Jensen-Shannon divergence in bits between two distributions given as non-negative weights (each
// is normalised first, so counts work). 0 for equal distributions, 1 for disjoint supports; zero
// entries are fine. Throws std::invalid_argument for different sizes, a negative or non-finite
// entry, or a distribution with zero total.
double jsDivergenceBits(std::span<const double> p, std::span<const double> q);
// Per layer between two usages of the same shape. A layer where either usage has no tokens
// yields 0 (no evidence of a difference).
std::vector<double> jsDivergenceBitsPerLayer(const ExpertUsage& a, const ExpertUsage& b);

// How much each expert leans towards text A rather than text B, [layer][expert].
enum class Leaning {
    ShareDifference, // share in A minus share in B, in [-1, 1]
    Log2Ratio        // log2 of share in A over share in B, each share smoothed as
                     // (count + 0.5) / (total + 0.5 * nExpert) so that an unused expert stays finite
};
std::vector<std::vector<double>> expertLeaning(const ExpertUsage& a, const ExpertUsage& b,
                                               Leaning measure = Leaning::ShareDifference);
// Per layer, the expert with the largest share difference A - B (the lower id on a tie).
std::vector<int> mostLeaningExperts(const ExpertUsage& a, const ExpertUsage& b);

// The least used expert (a dead or dying one has a share near 0).
struct ExpertShare {
    int layer = 0, expert = 0;
    double share = 0;
};
ExpertShare leastUsedExpert(const ExpertUsage& usage); // std::invalid_argument if usage has no tokens
// Every (layer, expert) whose share is below minShare, in layer then expert order.
std::vector<ExpertShare> expertsBelow(const ExpertUsage& usage, double minShare);

// A routing override that switches off one expert per layer (expertPerLayer[l] in layer l).
// Throws std::invalid_argument for an expert id outside [0, nExpert).
RoutingOverride switchOffExperts(int nExpert, std::span<const int> expertPerLayer);

// ---- Cost -------------------------------------------------------------------------------------

// Where a model's parameters are, summed from the tensors its file holds (the layout the loader
// checks files against), so the parts add up to ModelConfig::totalParameters exactly and
// active() equals ModelConfig::activeParametersPerToken.
struct ParameterBreakdown {
    int64_t embedding = 0;        // token_embd (also the output matrix when tied)
    int64_t output = 0;           // the LM head and its bias; 0 when tied
    int64_t attention = 0;        // projections and their biases, norms inside attention (olmoe's
                                  // q/k norms, latent attention's), RoPE factors
    int64_t norms = 0;            // the norms before attention and feed-forward, and the final one
    int64_t routers = 0;          // ffn_gate_inp and selection biases
    int64_t routedExperts = 0;    // every routed expert of every MoE layer
    int64_t routedActive = 0;     // the routed experts one token uses: top-k per MoE layer
    int64_t sharedExperts = 0;    // always-on shared experts (with qwen2moe's gate vector)
    int64_t denseFeedForward = 0; // the leading dense layers' feed-forward blocks
    int64_t other = 0;            // a tensor none of the above names (none in any layout today)
    int64_t total() const;        // every part but routedActive
    int64_t active() const;       // total() - routedExperts + routedActive
};
ParameterBreakdown parameterBreakdown(const ModelConfig& config);

// What one token costs under a routing override: parameters it passes through (the convention of
// ModelConfig::activeParametersPerToken: all shared weights incl. the embedding table, plus the
// chosen experts) and the FLOPs of its weight matrices (2 per multiply-add; attention scores and
// the embedding lookup are left out, as they do not depend on the experts).
struct RoutingCost {
    int64_t totalParameters = 0;
    int64_t activeParameters = 0;
    std::vector<int> expertsPerLayer; // experts each layer runs: min(top-k, experts left on)
    int64_t flopsPerToken = 0;        // this model with this routing
    int64_t denseFlopsPerToken = 0;   // a dense model of the same total size (every expert runs)
    double activeFraction() const;    // active / total
};
// Throws std::invalid_argument for an override the Session would refuse (see setRoutingOverride).
RoutingCost routingCost(const ModelConfig& config, const RoutingOverride& routing = {});
// The parameters one routed token actually used: shared weights plus the experts its record chose
// (dense layers record none and lose none). Throws std::invalid_argument for another model's token.
int64_t activeParameters(const ModelConfig& config, const TokenRouting& token);

} // namespace moe

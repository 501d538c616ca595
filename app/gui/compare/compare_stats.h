// The numbers behind Compare mode: how a math run and a poem run used the experts, layer by layer,
// and a plain-language caption built from them. Pure computation over core data types (no widgets);
// every figure comes from moe:: analysis functions, so the CLI's eval and this screen agree.
//
// Throws: std::invalid_argument (from moe::) when the two runs come from models of different shapes
// (layers x experts) or a routing record is malformed.
#pragma once

#include "moe/analysis.h"
#include "moe/generation.h"

#include <QString>

#include <span>
#include <vector>

struct CompareStats {
    moe::ExpertUsage math, poem; // routed slots (k per token and layer), moe::UsageWeight::Slots
    std::vector<std::vector<double>> mathShares, poemShares; // [layer][expert], each layer sums to 1
    std::vector<std::vector<double>> leaning;                // math share - poem share, [-1, 1]
    std::vector<double> divergenceBits;                      // Jensen-Shannon per layer, [0, 1] bits
    double meanDivergenceBits = 0;                           // over layers
    std::vector<int> mostMathLeaning, mostPoemLeaning;       // per layer, 0-based expert
    std::vector<bool> denseLayers; // per layer: no router (deepseek2's leading layers), nothing to compare
    int sharedExperts = 0;         // always on for every token of both texts: never leaning (from the model)

    int layers() const { return static_cast<int>(divergenceBits.size()); }
    int experts() const { return layers() > 0 ? static_cast<int>(leaning.front().size()) : 0; }
    // True until both runs have at least one counted token.
    bool isEmpty() const { return math.tokens() == 0 || poem.tokens() == 0; }
    // The layer whose divergence is largest (the first on a tie); -1 when there are no layers.
    int mostDifferentLayer() const;
    bool isDense(int layer) const
    {
        return layer >= 0 && layer < static_cast<int>(denseLayers.size()) &&
               denseLayers[static_cast<size_t>(layer)];
    }
    int routedLayers() const; // layers with a router
};

// Which tokens of a run count. The prompt is counted by default: it is what the learner typed and
// watched being read, and for short generations it is most of the text (the BOS token included).
enum class CountedTokens { PromptAndGenerated, GeneratedOnly };

// Compares two runs, each its tokens (prompt and generated) as a TraceModel holds them: pass
// trace.tokens(); nothing is copied. An empty run (or one with nothing left after filtering) counts
// as zero usage of the other run's shape, so its shares are 0 and every divergence is 0. Both
// empty: empty stats.
CompareStats compareRuns(std::span<const moe::GeneratedToken> math, std::span<const moe::GeneratedToken> poem,
                         CountedTokens counted = CountedTokens::PromptAndGenerated);

// A layer's experts ordered by how differently the two texts used them: |math share - poem share|,
// largest first, the lower number on a tie. Empty for a layer out of range.
std::vector<int> expertsByDifference(const CompareStats& stats, int layer);

// An expert that did clearly more of one text's work than of the other's, with the measured shares.
struct LeaningExpert {
    int expert = 0; // 0-based
    double mathShare = 0, poemShare = 0;
};
enum class Side { Math, Poem };
// Difference (fraction of the layer's work) from which an expert counts as leaning to a text: 2
// points, or an even share (1 / experts) when that is smaller, since with 256 experts an even share
// is 0.4% and a 2-point lean would almost never be seen.
inline constexpr double kLeaningDifference = 0.02;
double leaningThreshold(int experts);
// The experts of `layer` whose share of `side`'s work exceeds their share of the other text's by at
// least leaningThreshold(experts), the largest difference first (the lower number on a tie), at most
// maxCount. None in a dense layer; shared experts are not routed, so never among them.
std::vector<LeaningExpert> leaningExperts(const CompareStats& stats, int layer, Side side, int maxCount);

// Below this divergence (bits) a layer counts as "used the experts almost the same way".
inline constexpr double kSameDivergenceBits = 0.05;
// From this divergence on, the caption says the texts woke clearly different experts.
inline constexpr double kClearDivergenceBits = 0.2;

// Two or three short sentences for a 12-year-old, built from the numbers: the layer that differs
// most (1-based), the experts that took most of each text's work there, and an honest "almost the
// same" when every layer is below kSameDivergenceBits. Translatable (context "CompareCaption").
QString compareCaption(const CompareStats& stats);
// What the caption leaves out to stay short: the dense layers (no router, left out) and the shared
// experts (always on, leaning to neither); empty when the model has neither.
QString compareFootnote(const CompareStats& stats);

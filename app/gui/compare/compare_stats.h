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

    int layers() const { return static_cast<int>(divergenceBits.size()); }
    int experts() const { return layers() > 0 ? static_cast<int>(leaning.front().size()) : 0; }
    // True until both runs have at least one counted token.
    bool isEmpty() const { return math.tokens() == 0 || poem.tokens() == 0; }
    // The layer whose divergence is largest (the first on a tie); -1 when there are no layers.
    int mostDifferentLayer() const;
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

// Below this divergence (bits) a layer counts as "used the experts almost the same way".
inline constexpr double kSameDivergenceBits = 0.05;
// From this divergence on, the caption says the texts woke clearly different experts.
inline constexpr double kClearDivergenceBits = 0.2;

// Two or three short sentences for a 12-year-old, built from the numbers: the layer that differs
// most (1-based), the experts that took most of each text's work there, and an honest "almost the
// same" when every layer is below kSameDivergenceBits. Translatable (context "CompareCaption").
QString compareCaption(const CompareStats& stats);

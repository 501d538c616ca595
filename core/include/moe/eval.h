// The evaluator behind `tiny-experts-cli eval`: what a trained model can do on data it never saw.
//   - math: greedy exact-match continuation of held-out problems (math_problems.h), per kind;
//   - text: bits per byte of held-out poems, english and math text, and of a training-poem sample of
//     the same size beside them (a model that memorises its poems shows a large gap);
//   - routing: per-layer expert usage of math vs poem text, their Jensen-Shannon divergence (all
//     tokens, and only token ids found in both texts), expert shares on the mixed held-out set;
//   - causality: math accuracy and poem bits per byte with the most math-leaning expert of every
//     layer switched off, against a random expert per layer (several seeds).
// Everything takes its documents and problems as inputs (EvalData), so tests run it on tiny data.
//
// Determinism: every document and problem is read by a Session with one thread from an empty
// cache, and results are combined in input order, so the report (timings aside) is the same for
// any number of threads.
//
// Throws: std::invalid_argument for a caller's mistake (a null model, a context too short to
// predict anything, a problem prompt that does not fit the context); nothing else.
#pragma once

#include "moe/analysis.h"
#include "moe/corpus.h"
#include "moe/math_problems.h"
#include "moe/model.h"
#include "moe/session.h"

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace moe {

// ---- Bits per byte ------------------------------------------------------------------------------

struct TextScore {
    double nats = 0;   // summed next-token cross-entropy of the text's tokens (natural log)
    size_t tokens = 0; // tokens predicted: every token of the text (BOS is given, not predicted)
    size_t bytes = 0;  // bytes of the text
    size_t documents = 0;

    double bitsPerByte() const;  // nats / ln 2 / bytes; 0 without bytes
    double natsPerToken() const; // 0 without tokens
    TextScore& operator+=(const TextScore& other);
};

// Called for every token of a text (BOS excluded), in order, with its routing.
using RoutedTokenCallback = std::function<void(int tokenId, const TokenRouting& routing)>;

// Reads documents with teacher forcing, as training does: BOS, then the text's tokens, one batched
// prefill per window. A document longer than the session's context is read in windows of the
// context length starting every `stride` tokens; each token is scored, and reported with its
// routing, once: in the first window that predicts it (so with at least context - stride tokens
// of history after the first window).
class TextScorer {
public:
    // Decodes the model's output matrix to floats once: logits for every position come from the
    // prefill's hidden states. stride 0: half the context. Throws std::invalid_argument if stride < 0.
    explicit TextScorer(const Model& model, int stride = 0);

    // Scores one document from an empty cache (the session is reset; its routing override applies).
    // Throws std::invalid_argument if the session's context is shorter than 2 tokens.
    TextScore score(Session& session, std::string_view text, const RoutedTokenCallback& onToken = {}) const;

private:
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> m_output; // (nVocab x nEmbd)
    int m_stride;
};

// ---- Math exact match ---------------------------------------------------------------------------

// Greedy continuation of BOS + prompt: at most maxTokens tokens, stopping after the first newline or
// at end of text (not included). Resets the session. Throws std::invalid_argument if the prompt is
// empty or does not fit the context.
std::string greedyContinuation(Session& session, std::string_view prompt, int maxTokens);
// Whether greedy decoding gives exactly the problem's answer (isCorrectContinuation).
bool solvesProblem(Session& session, const MathProblem& problem);

struct MathScore {
    std::array<int, kMathKindCount> asked{}, correct{}; // indexed by MathKind

    void add(MathKind kind, bool isCorrect);
    double accuracy(MathKind kind) const; // 0 when none of the kind was asked
    double overall() const;               // over every problem asked
    int totalAsked() const;
    int totalCorrect() const;
};

// ---- The whole evaluation -----------------------------------------------------------------------

// What eval reads. The mixed held-out set (expert shares) is poemHeldOut + englishHeldOut +
// mathHeldOut: the documents of Corpus::heldOutMixed.
struct EvalData {
    std::vector<Document> poemHeldOut, englishHeldOut, mathHeldOut;
    std::vector<Document> poemTrain; // training poems of about the held-out poems' size
    std::vector<MathProblem> problems;

    // The corpus's held-out documents, a training-poem sample (evenly spaced through the training
    // poems until it has as many bytes as the held-out poems) and heldOutProblems(seed, sizes).
    static EvalData fromCorpus(const Corpus& corpus, uint64_t seed, const HeldOutSizes& sizes = {});
};

struct EvalOptions {
    int threads = 2;         // sessions side by side, one thread each; the results do not depend on it
    uint64_t seed = 1;       // chooses the random experts switched off
    int randomAblations = 5; // seeds of the random-expert ablation
    int stride = 0;          // bits-per-byte window stride (TextScorer); 0: half the context
    std::function<void(const std::string&)> progress = nullptr; // one line per phase, if set
};

// One routing experiment's effect on math and poems.
struct AblationRun {
    std::vector<int> experts; // switched off, one per layer; empty for the unchanged model
    MathScore math;
    TextScore poem; // held-out poems
};

struct EvalReport {
    std::string model;
    ModelConfig config;
    EvalOptions options; // as run (progress cleared)

    MathScore math;
    TextScore poemHeldOut, poemTrain, mathHeldOut, englishHeldOut;

    // Routed slots per expert of the held-out texts (BOS excluded).
    ExpertUsage mathUsage, poemUsage, mixedUsage;
    // The same counting only token ids that occur in both the math and the poem held-out text.
    ExpertUsage mathSharedUsage, poemSharedUsage;
    size_t sharedTokenIds = 0;        // distinct ids in both texts
    std::vector<double> jsBits;       // per layer: math vs poem usage
    std::vector<double> jsSharedBits; // per layer: the same on shared token ids only

    std::vector<int> mathLeaningExperts; // per layer: largest math share minus poem share
    AblationRun baseline;                // the unchanged model (same numbers as math, poemHeldOut)
    AblationRun mathLeaning;             // mathLeaningExperts switched off
    std::vector<AblationRun> random;     // a random expert per layer switched off, one run per seed

    struct Seconds {
        double corpus = 0; // filled by the caller that built the data, if it wants it reported
        double text = 0, math = 0, ablation = 0, total = 0;
    } seconds;

    double meanJsBits() const;
    MathScore randomMath() const; // the random runs' scores summed (accuracies are their mean)
    double randomPoemBpb() const; // mean over the random runs
};

// Runs everything. Throws std::invalid_argument for a null model or options out of range
// (threads < 1, randomAblations < 0), and what TextScorer and greedyContinuation throw.
EvalReport evaluate(std::shared_ptr<const Model> model, const EvalData& data,
                    const EvalOptions& options = {});

// One JSON object (keys in the order of the CLI's documentation); a readable report.
void writeEvalJson(std::ostream& out, const EvalReport& report);
void writeEvalText(std::ostream& out, const EvalReport& report);

} // namespace moe

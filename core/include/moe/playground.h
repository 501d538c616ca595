// The Playground's training runs: a tiny MoE (or a dense model) trained by moe::Trainer on the
// project's corpus, measured as it learns. What the app's Playground and `tiny-experts-cli
// playground` show comes from here, so both report the same numbers for the same settings.
//
// A measurement (PlaygroundPoint) reads fixed held-out math and poem text with the trainer's own
// forward pass (no gradient, weights unchanged): bits per byte, and each token's routing, which
// gives every expert's share of math and of poem slots per layer, their Jensen-Shannon divergence,
// and the least- and most-used expert. A probe routes two fixed prompts token by token.
//
// Determinism: the same settings (seed and threads included) give the same steps, losses and
// measurements, bit for bit; only the seconds differ. Measuring never changes the training.
//
// Threads: a run is used by one thread at a time (the trainer's own threads do its steps and
// measurements). Long calls (measure, probe) take a cancel flag that another thread may set; they
// check it between passes over a text and return nothing once it is set, leaving the run usable.
//
// Throws: PlaygroundSettings::fromSettings throws FormatError; constructors throw
// std::invalid_argument for settings with problems (see PlaygroundSettings::problems) or data
// without held-out text; buildPlaygroundCorpus throws what buildCorpus throws.
#pragma once

#include "moe/analysis.h"
#include "moe/corpus.h"
#include "moe/routing.h"
#include "moe/tokenizer.h"
#include "moe/train.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace moe {

// ---- Settings ----------------------------------------------------------------------------------

// What a learner sets, with sane limits for a run of seconds to minutes on 2 cores. Keys of a
// preset file (resources/playground/presets/*.conf) in brackets.
struct PlaygroundSettings {
    int layers = 2;          // [layers]
    int dim = 64;            // [dim] model width; a multiple of heads with an even head size
    int heads = 4;           // [heads]
    int experts = 8;         // [experts] per layer; 1 makes a dense model
    int topK = 2;            // [top_k] experts per token
    int ffn = 128;           // [ffn] hidden width of one expert
    int vocab = 512;         // [vocab] BPE vocabulary learned from the corpus
    int seqLen = 64;         // [seq_len] tokens per training window
    int batchSize = 16;      // [batch_size] windows per step
    int steps = 3000;        // [steps]
    double lr = 3e-3;        // [lr] peak learning rate (warm-up 100 steps, cosine to 10%)
    double balancing = 0.01; // [balancing] load-balancing loss weight (aux_loss_weight); 0 = off
    double mathShare = 0.5;  // [math_share] fraction of training windows drawn from math text
    uint64_t seed = 1;       // [seed] initial weights and data order
    int threads = 2;         // [threads] trainer threads (at most batch_size)
    int measureEvery = 100;  // [measure_every] steps between measurements
    int probeEvery = 250;    // [probe_every] steps between probes

    // Reads the keys above (absent keys keep their defaults) and rejects unknown keys. Throws
    // FormatError naming the source, line and key (a value that does not parse or is out of the
    // limits below).
    static PlaygroundSettings fromSettings(const Settings& settings);
    std::string toText() const; // key = value lines that fromSettings reads back to equal settings

    // The trainer's config (model shape, schedule, losses) for these settings.
    TrainConfig trainConfig() const;
    int64_t tokensPerStep() const { return int64_t{seqLen} * batchSize; }
    int64_t totalParameters() const;  // of the model these settings train
    int64_t activeParameters() const; // per token

    // Why these settings cannot be trained, one entry per problem (empty: they can). The app
    // words them in the learner's language from `field`, `reason` and the limits.
    enum class Field {
        Layers,
        Dim,
        Heads,
        Experts,
        TopK,
        Ffn,
        Vocab,
        SeqLen,
        BatchSize,
        Steps,
        Lr,
        Balancing,
        MathShare,
        Threads,
        MeasureEvery,
        ProbeEvery
    };
    enum class Reason {
        OutOfRange,         // value outside [min, max]
        NotMultipleOfHeads, // dim % heads != 0
        OddHeadSize,        // dim / heads is odd (rotary embedding works on pairs)
        TopKAboveExperts,   // top_k > experts
        ThreadsAboveBatch   // threads > batch_size
    };
    struct Problem {
        Field field;
        Reason reason;
        double min = 0, max = 0; // the limits for OutOfRange; for TopKAboveExperts, max = experts
        std::string message;     // an English sentence naming the key (CLI, logs)
    };
    std::vector<Problem> problems() const;

    struct Limits {
        double min, max;
    };
    static Limits limits(Field field);
    static const char* key(Field field); // the preset file's key, e.g. "top_k"
};

// The race's contenders: the mixture as set, a dense model with the same active feed-forward
// width (one expert of topK * ffn), and a dense model with all the parameters (experts * ffn).
enum class RaceModel { Mixture = 0, DenseSameActive = 1, DenseSameTotal = 2 };
inline constexpr int kRaceModelCount = 3;
PlaygroundSettings raceSettings(const PlaygroundSettings& mixture, RaceModel model);

// ---- Data --------------------------------------------------------------------------------------

// The corpus the runs train on, tokenised once per vocabulary size and shared by runs.
struct PlaygroundCorpus {
    int requestedVocab = 0; // the vocab asked for (the tokenizer may have learned fewer tokens)
    Tokenizer tokenizer;
    DomainStreams trainStreams;   // training split, one stream per domain
    std::vector<int> mathHeldOut; // held-out math documents, BOS before each (at most maxTokens)
    std::vector<int> poemHeldOut; // held-out poems, likewise
    size_t mathHeldOutBytes = 0, poemHeldOutBytes = 0; // text bytes of the documents taken
    std::vector<int> mathProbe, poemProbe;             // BOS + the probe prompts
    std::string mathProbeText, poemProbeText;
};

struct PlaygroundCorpusOptions {
    CorpusOptions corpus;                   // fortunes directory, generated math (mathShare unused)
    size_t heldOutTokens = 4096;            // per domain, whole documents until at least this many
    std::string mathProbe = "23 + 45 = 68"; // the probe prompts (the app passes its translated ones)
    std::string poemProbe = "The moon upon the water";
};

// Builds the corpus, learns a BPE vocabulary of `vocab` tokens from its training split and
// tokenises it. Deterministic for the same options and fortune files.
std::shared_ptr<const PlaygroundCorpus> buildPlaygroundCorpus(const PlaygroundCorpusOptions& options,
                                                              int vocab);

// ---- A run -------------------------------------------------------------------------------------

// One measurement of the model as it is after `step` steps.
struct PlaygroundPoint {
    int step = 0;
    int64_t tokens = 0; // training tokens seen
    double seconds = 0; // training wall time so far (steps only, measurements excluded)
    // Mean training loss (nats/token) of the steps since the previous point; NaN for the point of
    // the untrained model at step 0 (no step yet): charts must skip it.
    double trainLoss = 0;
    double mathBitsPerByte = 0, poemBitsPerByte = 0;
    double heldOutBitsPerByte = 0; // math and poem text together (the race compares this)
    // [layer][expert] share of the layer's routed slots, math and poem held-out text; sum to 1.
    std::vector<std::vector<double>> mathShares, poemShares;
    std::vector<double> jsBits; // per layer, math vs poem
    // Over math and poem slots together, per layer: the least- and most-used expert.
    std::vector<ExpertShare> leastUsed, mostUsed;
};

// The routing of one probe prompt: each token's text and routing, BOS excluded.
struct ProbeRouting {
    std::vector<int> tokenIds;
    std::vector<std::string> tokenTexts;
    std::vector<TokenRouting> routing;
};
struct PlaygroundProbe {
    int step = 0;
    ProbeRouting math, poem;
};

class PlaygroundRun {
public:
    // Throws std::invalid_argument if the settings have problems, the vocabulary differs from the
    // corpus's, or the corpus has no held-out math or poem text.
    PlaygroundRun(const PlaygroundSettings& settings, std::shared_ptr<const PlaygroundCorpus> corpus);
    ~PlaygroundRun();
    PlaygroundRun(const PlaygroundRun&) = delete;
    PlaygroundRun& operator=(const PlaygroundRun&) = delete;

    // One optimizer step (the trainer's own StepStats). Throws std::logic_error once finished().
    StepStats step();
    bool finished() const;
    int stepsDone() const;
    double trainingSeconds() const;            // sum of the steps' seconds
    const std::vector<StepStats>& log() const; // every step so far, in order

    // Measures the model now; nullopt if *cancel became true on the way.
    std::optional<PlaygroundPoint> measure(const std::atomic<bool>* cancel = nullptr);
    std::optional<PlaygroundProbe> probe(const std::atomic<bool>* cancel = nullptr);
    // Whether a measurement / probe is due now: before the first step (the untrained model), every
    // measureEvery / probeEvery steps, and after the last step; false once it was taken.
    bool measureDue() const;
    bool probeDue() const;

    const PlaygroundSettings& settings() const;
    const PlaygroundCorpus& corpus() const;
    // Writes the model as a GGUF the engine loads (moe::Model::load). Throws FormatError.
    void exportModel(const std::string& path, const std::string& name = "playground") const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// ---- The race ----------------------------------------------------------------------------------

// Steps of one race model per turn: few, so the curves grow together.
inline constexpr int kRaceStepsPerTurn = 10;

// Trains runs in turns, stepsPerTurn steps of each in round-robin until all have finished (so their
// curves grow together and their steps share the same machine load), measuring each run whenever
// its measurement is due: onPoint(index of the run, point). afterTurn, if set, is called after each
// round. Returns false as soon as *cancel is true (checked between steps and inside measurements).
bool trainInTurns(std::span<PlaygroundRun* const> runs, int stepsPerTurn,
                  const std::function<void(size_t run, PlaygroundPoint&& point)>& onPoint,
                  const std::function<void()>& afterTurn = {}, const std::atomic<bool>* cancel = nullptr);

// How the three race models compare, from their measured curves (no fixed winner).
struct RaceEntry {
    RaceModel model = RaceModel::Mixture;
    int64_t totalParameters = 0, activeParameters = 0;
    int64_t tokens = 0;
    double seconds = 0;             // training time so far
    double bitsPerByte = 0;         // held-out (math and poem) at the last measurement
    double bitsPerByteAtTokens = 0; // at comparedAtTokens (interpolated between measurements)
    double bitsPerByteAtTime = 0;   // at comparedAtSeconds (interpolated)
};
struct RaceSummary {
    std::vector<RaceEntry> entries;              // in RaceModel order
    int64_t comparedAtTokens = 0;                // the fewest tokens any model has seen (bitsPerByteAtTokens)
    double comparedAtSeconds = 0;                // the fastest model's training time (bitsPerByteAtTime)
    RaceModel bestPerToken = RaceModel::Mixture; // lowest bitsPerByteAtTokens
    RaceModel bestPerSecond = RaceModel::Mixture; // lowest bitsPerByteAtTime
    RaceModel fastest = RaceModel::Mixture;       // least training time
};
// Throws std::invalid_argument unless every curve has at least one point.
RaceSummary summariseRace(const std::vector<std::vector<PlaygroundPoint>>& curves,
                          const std::vector<PlaygroundSettings>& settings);

} // namespace moe

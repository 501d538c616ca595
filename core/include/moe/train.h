// The trainer: full manual backpropagation (Eigen, no autograd) through exactly the model the engine
// runs (Mixtral-style, shared/reference/gguf-mixtral.md section 3.4), AdamW with warm-up and cosine
// decay, the Switch/Mixtral load-balancing loss, checkpoints, and export to GGUF.
//
// A step is data-parallel: the batch is split into one shard per thread, each shard runs forward
// and backward into its own gradient buffer, and the buffers are summed in shard order. Nothing
// depends on timing, so a run is bit-for-bit reproducible for the same config (seed and threads
// included), and a run resumed from a checkpoint continues exactly as if it had never stopped.
//
// Throws: Settings and checkpoint readers throw FormatError (naming the file, line or key); a
// config that makes no sense throws std::invalid_argument. step() never throws.
#pragma once

#include "moe/model.h"
#include "moe/model_writer.h"
#include "moe/routing.h"
#include "moe/tokenizer.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace moe {

// A `key = value` text file: one setting per line; '#' starts a comment; blank lines are ignored.
// The trainer and the corpus read their keys from the same file; the getters remember which keys
// were read, so that requireAllUsed() can reject a misspelt key instead of silently ignoring it.
class Settings {
public:
    // Throws FormatError(source, "line N: ...") for a line without '=', an empty or duplicate key.
    static Settings parse(std::string_view text, const std::string& source);
    static Settings load(const std::string& path); // FormatError if it cannot be read

    bool has(const std::string& key) const;
    void set(const std::string& key, const std::string& value); // adds or replaces (command-line overrides)
    // Typed getters: the fallback when the key is absent; FormatError naming source, line and key
    // when the value does not parse or is out of [min, max].
    std::string text(const std::string& key, const std::string& fallback) const;
    int integer(const std::string& key, int fallback, int min, int max) const;
    double real(const std::string& key, double fallback, double min, double max) const;
    uint64_t unsignedInteger(const std::string& key, uint64_t fallback) const;
    bool boolean(const std::string& key, bool fallback) const; // true/false, yes/no, 1/0, on/off

    // Throws FormatError naming the first key that no getter has read (probably a typo).
    void requireAllUsed() const;
    const std::string& source() const { return m_source; }

private:
    struct Entry {
        std::string key, value;
        int line = 0; // 0: set() from the command line
        mutable bool used = false;
    };
    const Entry* find(const std::string& key) const;
    [[noreturn]] void fail(const Entry& entry, const std::string& message) const;
    std::vector<Entry> m_entries;
    std::string m_source;
};

// Everything that defines a training run. Keys of the settings file in brackets.
struct TrainConfig {
    // [layers dim heads kv_heads experts top_k ffn vocab context rope_base rms_eps tied_output]
    // The default is the benchmark configuration (about 3.9M parameters, 1.1M active per token).
    // nVocab must equal the tokenizer's vocabulary; nCtx (default seqLen) goes into the GGUF.
    ModelConfig model = defaultModel();
    int seqLen = 128;         // [seq_len] tokens per training window; each predicts the next
    int batchSize = 16;       // [batch_size] windows per optimizer step
    int steps = 1000;         // [steps] optimizer steps of the whole run (sets the cosine schedule)
    int warmupSteps = 100;    // [warmup_steps] linear warm-up from lr / warmupSteps to lr
    float lr = 3e-3f;         // [lr] peak learning rate
    float minLrRatio = 0.1f;  // [min_lr_ratio] the cosine decays to lr * minLrRatio at `steps`
    float weightDecay = 0.1f; // [weight_decay] AdamW, decoupled; matrices only, never the norms
    // [router_weight_decay] the same for the routers (ffn_gate_inp); a file without the key uses
    // weight_decay. Decay pulls a router towards uniform choices, which the LM gradient reaching
    // it through two gates may not outweigh.
    float routerWeightDecay = 0.1f;
    float beta1 = 0.9f;          // [beta1]
    float beta2 = 0.95f;         // [beta2]
    float adamEps = 1e-8f;       // [adam_eps]
    float clipNorm = 1.0f;       // [clip_norm] global gradient norm limit; 0 = no clipping
    float auxLossWeight = 0.01f; // [aux_loss_weight] load balancing, E * sum_i f_i P_i, mean over layers
    float zLossWeight = 0.0f;    // [z_loss_weight] router z-loss, mean logsumexp(router logits)^2
    float dropout = 0.0f;        // [dropout] on attention outputs and expert hidden units, training only
    uint64_t seed = 1;           // [seed] initial weights (moe::randomWeights) and the data order
    int threads = 2;             // [threads] shards of each batch, one thread each
    int checkpointEvery = 200;   // [checkpoint_every] steps between checkpoints; 0 = never (read by the CLI)

    static ModelConfig defaultModel();
    // Reads the keys above (absent keys keep their defaults). Throws FormatError.
    static TrainConfig fromSettings(const Settings& settings);
    // key = value lines that fromSettings reads back to an equal config (floats printed exactly).
    std::string toText() const;
    // Throws std::invalid_argument naming the first inconsistent field.
    void validate() const;
    // The learning rate of 0-based step `step`: warm-up, then cosine decay to lr * minLrRatio.
    float learningRate(int step) const;
    int tokensPerStep() const { return seqLen * batchSize; }
};

// Where training windows come from. Implementations are deterministic given their state, which
// checkpoints store (as opaque bytes), so a resumed run sees the same windows as an unbroken one.
class TrainingData {
public:
    virtual ~TrainingData() = default;
    // Fills out (count * length ids, window after window) with the next `count` windows of `length`
    // consecutive token ids. The trainer asks for length = seqLen + 1 (inputs and next-token targets).
    virtual void nextWindows(int count, int length, std::span<int> out) = 0;
    virtual std::string state() const = 0;
    // Throws FormatError (source "checkpoint") if the bytes are not a state this source wrote.
    virtual void restoreState(std::string_view state) = 0;
};

// Windows at uniformly random offsets of one token stream (seeded, e.g. a tokenized corpus).
class TokenStreamData final : public TrainingData {
public:
    // Throws std::invalid_argument if the stream is empty.
    TokenStreamData(std::vector<int> tokens, uint64_t seed);
    // Asserts the stream holds at least `length` tokens.
    void nextWindows(int count, int length, std::span<int> out) override;
    std::string state() const override;
    void restoreState(std::string_view state) override;
    const std::vector<int>& tokens() const { return m_tokens; }

private:
    std::vector<int> m_tokens;
    uint64_t m_rng; // splitmix64 state
};

// Synthetic text for benchmarks and tests: a seeded stream with learnable structure (counting
// runs, repeated phrases and noise) over a vocabulary of the given size.
std::vector<int> syntheticTokens(int vocabSize, size_t count, uint64_t seed);

struct StepStats {
    int step = 0;       // the step just taken (1-based: the count of steps done)
    float loss = 0;     // mean next-token cross-entropy of the batch (nats)
    float auxLoss = 0;  // load-balancing loss, mean over layers, unweighted (1 = perfectly balanced)
    float zLoss = 0;    // router z-loss, mean over layers, unweighted
    float gradNorm = 0; // global gradient norm before clipping
    float lr = 0;       // the learning rate used
    double seconds = 0; // wall time of the step
    int tokens = 0;     // tokens trained on (batchSize * seqLen)
};

class Trainer {
public:
    // Random initial weights from config.seed. Throws std::invalid_argument (config.validate()).
    Trainer(TrainConfig config, std::shared_ptr<TrainingData> data);
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // One optimizer step on the next batch: forward, backward, clip, AdamW.
    StepStats step();
    int stepsDone() const;
    const TrainConfig& config() const;

    // Atomic (a temporary file renamed over path): config, step, weights, Adam moments, data state.
    // Throws FormatError if the file cannot be written.
    void saveCheckpoint(const std::string& path) const;
    // Throws FormatError if the file is damaged or its model, seqLen or batchSize differ from
    // this trainer's config, or the data source refuses the stored state. The other settings (e.g.
    // steps) may change on resume; with the same settings the run continues bit for bit (with
    // another `threads` it continues correctly, but the sums round differently).
    void loadCheckpoint(const std::string& path);
    // The config stored in a checkpoint (to resume without the original config file).
    static TrainConfig checkpointConfig(const std::string& path);

    FloatWeights weights() const;
    // Throws std::invalid_argument if a shape differs from config().model.
    void setWeights(const FloatWeights& weights);
    // Writes the current weights as a GGUF the engine and llama.cpp load (moe::writeModel).
    void exportModel(const std::string& path, const Tokenizer& tokenizer,
                     const WriteOptions& options = {}) const;

    // Mean next-token cross-entropy (nats) over consecutive windows of seqLen + 1 tokens of the
    // stream (the last partial window included); no gradient, weights unchanged. Needs >= 2 tokens.
    double evaluateLoss(std::span<const int> tokens);
    // The same reading, keeping what the Playground measures: the summed cross-entropy (nats) of
    // every predicted token, tokens[1..n-1], and the routing of every input token, tokens[0..n-2],
    // as forward() records it. Throws std::invalid_argument as evaluateLoss.
    struct Reading {
        double nats = 0;
        std::vector<TokenRouting> routing; // (n - 1)
    };
    Reading read(std::span<const int> tokens);
    // The trainer's own forward pass: (n x nVocab) logits, row-major, for tokens at positions
    // 0..n-1, n <= seqLen. Equal to moe::Session's logits for the exported model.
    std::vector<float> logits(std::span<const int> tokens);
    // The same forward pass with each token's routing in every layer, as moe::Session records it,
    // under a routing experiment as Session::setRoutingOverride takes it (for checks against the
    // engine; training never uses one). Throws std::invalid_argument as logits(), or for an
    // override the Session would refuse or one that picks more than expert_used_count experts.
    struct Forward {
        std::vector<float> logits;         // (n x nVocab)
        std::vector<TokenRouting> routing; // (n)
    };
    Forward forward(std::span<const int> tokens, const RoutingOverride& experiment = {});

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace moe

// An MoE model loaded from GGUF (any architecture of moe/architecture.h), with its weights viewed in
// place in the memory-mapped file.
#pragma once

#include "moe/architecture.h"
#include "moe/gguf.h"
#include "moe/tensor_types.h"
#include "moe/tokenizer.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace moe {

enum class Gating {
    Softmax,
    Sigmoid
}; // the router's probabilities: softmax over all experts, or each a sigmoid

struct ModelConfig { // llama.cpp's names for the GGUF hyperparameters
    Architecture arch = Architecture::Llama;
    int nVocab = 0, nEmbd = 0, nLayer = 0, nHead = 0, nHeadKv = 0, nCtx = 0;
    int nFf = 0;                      // one routed expert's hidden width
    int nExpert = 0, nExpertUsed = 0; // {arch}.expert_count, {arch}.expert_used_count
    float rmsEps = 1e-5f;             // {arch}.attention.layer_norm_rms_epsilon (LayerNorm's eps for dbrx)
    float ropeFreqBase = 10000.0f;    // {arch}.rope.freq_base
    bool tiedOutput = false;          // output.weight absent: token_embd is reused

    // Attention shape; 0 = the llama default nEmbd / nHead (headDim()).
    int keyLength = 0, valueLength = 0; // {arch}.attention.key_length / value_length
    int ropeDims = 0;                   // {arch}.rope.dimension_count (deepseek2: the decoupled RoPE part)
    int qLoraRank = 0, kvLoraRank = 0;  // deepseek2 latent attention; qLoraRank 0 = attn_q (V2-Lite)
    bool fusedQkv = false;              // attn_qkv instead of attn_q/k/v (dbrx; phimoe may)
    float clampKqv = 0.0f;              // dbrx: the fused QKV output is clamped to +-clampKqv (0 = off)

    // Feed-forward blocks besides the routed experts.
    int nLeadingDense = 0, nFfDense = 0; // deepseek2: the first layers are dense FFNs of this width
    int nFfShared = 0;                   // width of the always-on shared expert FFN (0 = none)
    int nExpertShared = 0;          // how many experts it stands for (its width is nFf * this for deepseek2)
    bool sharedExpertGated = false; // qwen2moe: scaled by sigmoid(ffn_gate_inp_shexp . x)

    // Router (shared/reference/moe-architectures.md section 0.2).
    Gating gating = Gating::Softmax;
    bool normaliseGates = true;      // divide the chosen experts' weights by their sum
    float expertWeightsScale = 0.0f; // multiply the weights by this (0 = off)
    bool selectionBias = false;      // deepseek2 V3: exp_probs_b shifts which experts are chosen

    // Multipliers (granitemoe; 0 = off) and the attention scale (0 = 1/sqrt(keyLength)).
    float embeddingScale = 0.0f, residualScale = 0.0f, logitScale = 0.0f, attentionScale = 0.0f;

    // RoPE scaling: linear (freqScale = 1/factor) or YaRN; phimoe's LongRoPE factor tensors.
    float ropeFreqScale = 1.0f;
    bool ropeYarn = false;
    int ropeOriginalContext = 0; // {arch}.rope.scaling.original_context_length (0 = nCtx)
    float ropeAttnFactor = 1.0f; // {arch}.rope.scaling.attn_factor
    float yarnLogMultiplier = 0.0f;
    bool ropeFactors = false; // rope_factors_long / rope_factors_short tensors are present (phimoe)

    int headDim() const { return nEmbd / nHead; }
    int keyDim() const { return keyLength ? keyLength : headDim(); }       // per head, query and key
    int valueDim() const { return valueLength ? valueLength : headDim(); } // per head
    int rotaryDims() const { return ropeDims ? ropeDims : keyDim(); }
    bool isDenseLayer(int layer) const { return layer < nLeadingDense; }
    // The always-on experts a view draws and counts: nExpertShared, or one where a shared FFN came
    // without a count (a config built by hand).
    int sharedExpertCount() const { return nExpertShared > 0 ? nExpertShared : (nFfShared > 0 ? 1 : 0); }
    int64_t totalParameters() const;          // every weight in the file
    int64_t activeParametersPerToken() const; // everything but the unchosen routed experts
    int64_t expertParameters() const;         // one routed expert: 3 * nEmbd * nFf
    // Throws std::invalid_argument naming the first inconsistent field.
    void validate() const;

private:
    void validateArchitecture() const;
};

// One weight matrix (out x in, row-major as stored: y = W x) in any supported type, viewed in place.
struct WeightMatrix {
    TensorType type = TensorType::F32;
    int rows = 0, cols = 0; // rows = out (ggml ne[1]), cols = in (ggml ne[0])
    const std::byte* data = nullptr;
    size_t rowBytes = 0;
    const std::byte* row(int r) const { return data + static_cast<size_t>(r) * rowBytes; }
    bool empty() const { return data == nullptr; }
};

// A norm's weight and, where the architecture has one, its bias (empty otherwise), decoded to F32.
struct NormWeights {
    std::vector<float> weight, bias;
};

// A SwiGLU feed-forward block: down(silu(gate x) * up x).
struct FeedForward {
    WeightMatrix gate, up, down;
};

struct LayerWeights {
    NormWeights attnNorm, ffnNorm;            // ffnNorm is attn_output_norm for dbrx
    WeightMatrix wq, wk, wv, wo;              // blk.N.attn_q/k/v/output (wq empty with latent Q)
    WeightMatrix wqkv;                        // blk.N.attn_qkv when fusedQkv
    std::vector<float> bq, bk, bv, bo;        // attention biases (qwen2moe, phimoe), empty if none
    std::vector<float> qNorm, kNorm;          // olmoe: RMS-norm of the whole Q and K projections
    WeightMatrix wqA, wqB, wkvA, wkvB;        // deepseek2: attn_q_a, attn_q_b, attn_kv_a_mqa, attn_kv_b
    std::vector<float> qANorm, kvANorm;       // deepseek2: attn_q_a_norm, attn_kv_a_norm
    WeightMatrix router;                      // (nExpert x nEmbd) blk.N.ffn_gate_inp; empty in dense layers
    std::vector<float> selectionBias;         // (nExpert) blk.N.exp_probs_b.bias, or empty
    std::vector<WeightMatrix> gate, up, down; // one slice per expert of blk.N.ffn_*_exps
    FeedForward shared;                       // blk.N.ffn_*_shexp, or empty
    std::vector<float> sharedGate;            // (nEmbd) blk.N.ffn_gate_inp_shexp (qwen2moe), or empty
    FeedForward dense;                        // blk.N.ffn_gate/up/down in leading dense layers
};

struct ModelWeights {
    WeightMatrix tokenEmbd; // (nVocab x nEmbd)
    std::vector<LayerWeights> layers;
    NormWeights outputNorm;
    WeightMatrix output;                                  // tokenEmbd when tied
    std::vector<float> outputBias;                        // phimoe: (nVocab), else empty
    std::vector<float> ropeFactorsLong, ropeFactorsShort; // phimoe: (rotaryDims / 2) each, or empty
};

// Lets a caller on another thread watch Model::load and stop it (the app's progress bar and Cancel).
struct LoadMonitor {
    // 0..1, called on the loading thread after each step (header, tokenizer, each layer); may be empty.
    std::function<void(double fraction)> progress;
    // Checked between steps; once true, load throws LoadCancelled (moe/error.h). May be null.
    const std::atomic<bool>* cancel = nullptr;
};

class Model {
public:
    // Loads and validates everything (keys, tensor names and shapes, tokenizer); throws FormatError,
    // before mapping anything, for a file larger than physicalMemory() (naming both sizes), and
    // LoadCancelled when monitor.cancel is set.
    static std::shared_ptr<const Model> load(const std::string& path, const LoadMonitor& monitor = {});
    // The check load makes first: throws FormatError naming the file's size and `memory` when the
    // file is larger (memory 0 = unknown: no check). Returns the file's size in bytes.
    static uint64_t requireFitsInMemory(const std::string& path, uint64_t memory = physicalMemory());
    static uint64_t physicalMemory(); // bytes of RAM in this computer (0 if unknown)
    static std::shared_ptr<const Model> fromGguf(GgufFile file, const LoadMonitor& monitor = {});

    const ModelConfig& config() const { return m_config; }
    const ModelWeights& weights() const { return m_weights; }
    const Tokenizer& tokenizer() const { return m_tokenizer; }
    const GgufFile& file() const { return m_file; }
    std::string name() const;           // general.name, or the file name
    TensorType mainType() const;        // the type of most matrix bytes
    uint64_t bytesReadPerToken() const; // weight bytes touched to generate one token (bandwidth bound)

private:
    explicit Model(GgufFile file) : m_file(std::move(file)) {}
    GgufFile m_file;
    ModelConfig m_config;
    ModelWeights m_weights;
    Tokenizer m_tokenizer;
};

} // namespace moe

// A Mixtral-style MoE model loaded from GGUF (arch "llama" with llama.expert_count), with
// weights viewed in place in the memory-mapped file.
#pragma once

#include "moe/gguf.h"
#include "moe/tensor_types.h"
#include "moe/tokenizer.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace moe {

struct ModelConfig { // llama.cpp's names for the GGUF hyperparameters
    int nVocab = 0, nEmbd = 0, nLayer = 0, nHead = 0, nHeadKv = 0, nCtx = 0, nFf = 0; // nFf: one expert
    int nExpert = 0, nExpertUsed = 0; // llama.expert_count, llama.expert_used_count
    float rmsEps = 1e-5f;             // llama.attention.layer_norm_rms_epsilon
    float ropeFreqBase = 10000.0f;    // llama.rope.freq_base
    bool tiedOutput = false;          // output.weight absent: token_embd is reused

    int headDim() const { return nEmbd / nHead; }
    int64_t totalParameters() const;          // every weight in the file
    int64_t activeParametersPerToken() const; // shared weights + nExpertUsed experts per layer
    int64_t expertParameters() const;         // one expert: 3 * nEmbd * nFf
    // Throws std::invalid_argument naming the first inconsistent field.
    void validate() const;
};

// One weight matrix (out x in, row-major as stored: y = W x) in any supported type, viewed in place.
struct WeightMatrix {
    TensorType type = TensorType::F32;
    int rows = 0, cols = 0; // rows = out (ggml ne[1]), cols = in (ggml ne[0])
    const std::byte* data = nullptr;
    size_t rowBytes = 0;
    const std::byte* row(int r) const { return data + static_cast<size_t>(r) * rowBytes; }
};

struct LayerWeights {
    std::vector<float> attnNorm, ffnNorm;     // (nEmbd), decoded to F32
    WeightMatrix wq, wk, wv, wo;              // blk.N.attn_q/k/v/output
    WeightMatrix router;                      // (nExpert x nEmbd) blk.N.ffn_gate_inp
    std::vector<WeightMatrix> gate, up, down; // one slice per expert of blk.N.ffn_*_exps
};

struct ModelWeights {
    WeightMatrix tokenEmbd; // (nVocab x nEmbd)
    std::vector<LayerWeights> layers;
    std::vector<float> outputNorm;
    WeightMatrix output; // tokenEmbd when tied
};

class Model {
public:
    // Loads and validates everything (keys, tensor names and shapes, tokenizer); throws FormatError.
    static std::shared_ptr<const Model> load(const std::string& path);
    static std::shared_ptr<const Model> fromGguf(GgufFile file);

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

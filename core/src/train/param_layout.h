// Where each weight tensor lives in the trainer's flat parameter array. Parameters, gradients and
// both Adam moments are single arrays with this layout, so the optimizer, clipping and checkpoints
// are one loop, and each tensor keeps the GGUF layout (row-major out x in, experts stacked) so that
// export is a copy.
#pragma once

#include "moe/model.h"
#include "moe/model_writer.h"

#include <cstddef>
#include <string>
#include <vector>

namespace moe::train {

// attn_q, attn_k and attn_v are adjacent, with no padding between them: together one
// ((nHead + 2 nHeadKv) * headDim x nEmbd) matrix, so the three projections are one product.
struct LayerOffsets {
    size_t attnNorm, wq, wk, wv, wo, ffnNorm, router, gate, up, down;
};

struct ParamTensor {
    std::string name; // GGUF name, e.g. "blk.0.ffn_gate_exps.weight"
    size_t offset, count;
    bool decay;          // AdamW weight decay applies (matrices, not norms)
    bool router = false; // a router (ffn_gate_inp): decays at its own rate
};

class ParamLayout {
public:
    explicit ParamLayout(const ModelConfig& config);

    size_t total() const { return m_total; }
    size_t tokenEmbd() const { return m_tokenEmbd; }
    size_t outputNorm() const { return m_outputNorm; }
    size_t output() const { return m_output; } // == tokenEmbd() when the output is tied
    const LayerOffsets& layer(int l) const { return m_layers[static_cast<size_t>(l)]; }
    const std::vector<ParamTensor>& tensors() const { return m_tensors; }

    // Throws std::invalid_argument naming the tensor whose size differs from the config.
    template <typename T> void fromWeights(const FloatWeights& weights, T* params) const;
    template <typename T> FloatWeights toWeights(const T* params) const;

private:
    size_t add(const std::string& name, size_t count, bool decay, bool padEnd = true);

    ModelConfig m_config;
    size_t m_total = 0;
    size_t m_tokenEmbd = 0, m_outputNorm = 0, m_output = 0;
    std::vector<LayerOffsets> m_layers;
    std::vector<ParamTensor> m_tensors;
};

} // namespace moe::train

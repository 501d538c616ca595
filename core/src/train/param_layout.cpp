// The flat parameter layout and its conversion to and from FloatWeights (the writer's input).
#include "param_layout.h"

#include <algorithm>
#include <stdexcept>

namespace moe::train {

namespace {

// Every tensor starts on a 64-byte boundary: the same alignment every run, so Eigen's vectorised
// reductions sum in the same order every run.
constexpr size_t kAlign = 16;

// The FloatWeights vectors in the order of ParamLayout's tensors.
template <typename Weights> auto weightVectors(Weights& w, bool tied)
{
    std::vector<decltype(&w.tokenEmbd)> out{&w.tokenEmbd};
    for (auto& layer : w.layers) {
        for (auto* v : {&layer.attnNorm, &layer.wq, &layer.wk, &layer.wv, &layer.wo, &layer.ffnNorm,
                        &layer.router, &layer.gate, &layer.up, &layer.down})
            out.push_back(v);
    }
    out.push_back(&w.outputNorm);
    if (!tied)
        out.push_back(&w.output);
    return out;
}

} // namespace

ParamLayout::ParamLayout(const ModelConfig& config) : m_config(config)
{
    const auto n = static_cast<size_t>(config.nEmbd), ff = static_cast<size_t>(config.nFf);
    const auto qDim = static_cast<size_t>(config.nHead * config.headDim());
    const auto kvDim = static_cast<size_t>(config.nHeadKv * config.headDim());
    const auto experts = static_cast<size_t>(config.nExpert);
    m_tokenEmbd = add("token_embd.weight", static_cast<size_t>(config.nVocab) * n, true);
    for (int l = 0; l < config.nLayer; ++l) {
        const std::string blk = "blk." + std::to_string(l) + ".";
        LayerOffsets o{};
        o.attnNorm = add(blk + "attn_norm.weight", n, false);
        o.wq = add(blk + "attn_q.weight", qDim * n, true, false);
        o.wk = add(blk + "attn_k.weight", kvDim * n, true, false);
        o.wv = add(blk + "attn_v.weight", kvDim * n, true);
        o.wo = add(blk + "attn_output.weight", n * qDim, true);
        o.ffnNorm = add(blk + "ffn_norm.weight", n, false);
        o.router = add(blk + "ffn_gate_inp.weight", experts * n, true);
        m_tensors.back().router = true;
        o.gate = add(blk + "ffn_gate_exps.weight", experts * ff * n, true);
        o.up = add(blk + "ffn_up_exps.weight", experts * ff * n, true);
        o.down = add(blk + "ffn_down_exps.weight", experts * n * ff, true);
        m_layers.push_back(o);
    }
    m_outputNorm = add("output_norm.weight", n, false);
    m_output =
        config.tiedOutput ? m_tokenEmbd : add("output.weight", static_cast<size_t>(config.nVocab) * n, true);
}

size_t ParamLayout::add(const std::string& name, size_t count, bool decay, bool padEnd)
{
    const size_t offset = m_total;
    m_tensors.push_back({name, offset, count, decay});
    m_total = padEnd ? (offset + count + kAlign - 1) / kAlign * kAlign : offset + count;
    return offset;
}

template <typename T> void ParamLayout::fromWeights(const FloatWeights& weights, T* params) const
{
    if (weights.layers.size() != static_cast<size_t>(m_config.nLayer))
        throw std::invalid_argument("weights have " + std::to_string(weights.layers.size()) +
                                    " layers, expected " + std::to_string(m_config.nLayer));
    const auto vectors = weightVectors(weights, m_config.tiedOutput);
    if (vectors.size() != m_tensors.size())
        throw std::invalid_argument(
            "weights: an output matrix where the config ties it, or none where it does not");
    std::fill(params, params + m_total, T(0));
    for (size_t i = 0; i < m_tensors.size(); ++i) {
        const ParamTensor& t = m_tensors[i];
        if (vectors[i]->size() != t.count)
            throw std::invalid_argument("weights: tensor '" + t.name + "' has " +
                                        std::to_string(vectors[i]->size()) + " values, expected " +
                                        std::to_string(t.count));
        std::copy(vectors[i]->begin(), vectors[i]->end(), params + t.offset);
    }
}

template <typename T> FloatWeights ParamLayout::toWeights(const T* params) const
{
    FloatWeights weights;
    weights.layers.resize(static_cast<size_t>(m_config.nLayer));
    const auto vectors = weightVectors(weights, m_config.tiedOutput);
    for (size_t i = 0; i < m_tensors.size(); ++i) {
        const ParamTensor& t = m_tensors[i];
        vectors[i]->resize(t.count);
        std::transform(params + t.offset, params + t.offset + t.count, vectors[i]->begin(),
                       [](T v) { return static_cast<float>(v); });
    }
    return weights;
}

template void ParamLayout::fromWeights<float>(const FloatWeights&, float*) const;
template void ParamLayout::fromWeights<double>(const FloatWeights&, double*) const;
template FloatWeights ParamLayout::toWeights<float>(const float*) const;
template FloatWeights ParamLayout::toWeights<double>(const double*) const;

} // namespace moe::train

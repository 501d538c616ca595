// The tensors of each architecture, as llama.cpp b4748 creates them (src/llama-model.cpp,
// load_tensors; shared/reference/moe-architectures.md sections 1-8).
#include "model_layout.h"

namespace moe {

int64_t TensorSpec::elements() const
{
    int64_t n = 1;
    for (int64_t d : ne)
        n *= d;
    return n;
}

std::string keyOf(Architecture arch, const std::string& suffix)
{
    return std::string(architectureName(arch)) + "." + suffix;
}

namespace {

class LayoutBuilder {
public:
    explicit LayoutBuilder(std::vector<TensorSpec>& specs) : m_specs(specs) {}

    void at(int layer) { m_layer = layer; }
    void add(const std::string& name, std::vector<int64_t> ne, TensorRole role)
    {
        const std::string prefix = m_layer < 0 ? "" : "blk." + std::to_string(m_layer) + ".";
        m_specs.push_back({prefix + name, std::move(ne), role, m_layer});
    }
    // A (rows x cols) projection: ggml ne {cols, rows}.
    void matrix(const std::string& name, int64_t rows, int64_t cols)
    {
        add(name + ".weight", {cols, rows}, TensorRole::Matrix);
    }
    void norm(const std::string& name, int64_t n, bool withBias)
    {
        add(name + ".weight", {n}, TensorRole::NormWeight);
        if (withBias)
            add(name + ".bias", {n}, TensorRole::Vector);
    }
    void feedForward(const std::string& suffix, int64_t n, int64_t ff)
    {
        matrix("ffn_gate" + suffix, ff, n);
        matrix("ffn_down" + suffix, n, ff);
        matrix("ffn_up" + suffix, ff, n);
    }

private:
    std::vector<TensorSpec>& m_specs;
    int m_layer = -1;
};

void addAttention(LayoutBuilder& b, const ModelConfig& c)
{
    const int64_t n = c.nEmbd, qDim = int64_t{c.nHead} * c.keyDim();
    const int64_t kDim = int64_t{c.nHeadKv} * c.keyDim(), vDim = int64_t{c.nHeadKv} * c.valueDim();
    const int64_t outDim = int64_t{c.nHead} * c.valueDim();
    const bool biases = c.arch == Architecture::Qwen2Moe || c.arch == Architecture::PhiMoe;
    if (c.arch == Architecture::Deepseek2) {
        const int64_t nope = c.keyDim() - c.rotaryDims();
        if (c.qLoraRank > 0) {
            b.norm("attn_q_a_norm", c.qLoraRank, false);
            b.norm("attn_kv_a_norm", c.kvLoraRank, false);
            b.matrix("attn_q_a", c.qLoraRank, n);
            b.matrix("attn_q_b", qDim, c.qLoraRank);
        } else {
            b.norm("attn_kv_a_norm", c.kvLoraRank, false);
            b.matrix("attn_q", qDim, n);
        }
        b.matrix("attn_kv_a_mqa", c.kvLoraRank + c.rotaryDims(), n);
        b.matrix("attn_kv_b", c.nHead * (nope + c.valueDim()), c.kvLoraRank);
        b.matrix("attn_output", n, outDim);
        return;
    }
    if (c.fusedQkv) {
        b.matrix("attn_qkv", qDim + kDim + vDim, n);
    } else {
        b.matrix("attn_q", qDim, n);
        if (biases)
            b.add("attn_q.bias", {qDim}, TensorRole::Vector);
        b.matrix("attn_k", kDim, n);
        if (biases)
            b.add("attn_k.bias", {kDim}, TensorRole::Vector);
        b.matrix("attn_v", vDim, n);
        if (biases)
            b.add("attn_v.bias", {vDim}, TensorRole::Vector);
    }
    b.matrix("attn_output", n, outDim);
    if (c.arch == Architecture::PhiMoe)
        b.add("attn_output.bias", {n}, TensorRole::Vector);
    if (c.arch == Architecture::Olmoe) { // b4748 sizes both {n_embd}: validate() requires nHead == nHeadKv
        b.norm("attn_q_norm", qDim, false);
        b.norm("attn_k_norm", kDim, false);
    }
}

void addFeedForward(LayoutBuilder& b, const ModelConfig& c, int layer)
{
    const int64_t n = c.nEmbd;
    if (c.arch == Architecture::Dbrx)
        b.norm("attn_output_norm", n, false);
    else
        b.norm("ffn_norm", n, c.arch == Architecture::PhiMoe);
    if (c.isDenseLayer(layer)) {
        b.feedForward("", n, c.nFfDense);
        return;
    }
    b.add("ffn_gate_inp.weight", {n, c.nExpert}, TensorRole::Router);
    if (c.selectionBias)
        b.add("exp_probs_b.bias", {c.nExpert}, TensorRole::Vector);
    b.add("ffn_gate_exps.weight", {n, c.nFf, c.nExpert}, TensorRole::Experts);
    b.add("ffn_down_exps.weight", {c.nFf, n, c.nExpert}, TensorRole::Experts);
    b.add("ffn_up_exps.weight", {n, c.nFf, c.nExpert}, TensorRole::Experts);
    if (c.nFfShared > 0) {
        if (c.sharedExpertGated)
            b.add("ffn_gate_inp_shexp.weight", {n}, TensorRole::Vector);
        b.feedForward("_shexp", n, c.nFfShared);
    }
}

} // namespace

std::vector<TensorSpec> modelLayout(const ModelConfig& c)
{
    std::vector<TensorSpec> specs;
    LayoutBuilder b(specs);
    const int64_t n = c.nEmbd, vocab = c.nVocab;
    const bool biases = c.arch == Architecture::PhiMoe;
    b.add("token_embd.weight", {n, vocab}, TensorRole::Embedding);
    b.norm("output_norm", n, biases);
    if (!c.tiedOutput)
        b.add("output.weight", {n, vocab}, TensorRole::Output);
    if (biases)
        b.add("output.bias", {vocab}, TensorRole::Vector);
    if (c.ropeFactors) {
        b.add("rope_factors_long.weight", {c.rotaryDims() / 2}, TensorRole::Vector);
        b.add("rope_factors_short.weight", {c.rotaryDims() / 2}, TensorRole::Vector);
    }
    for (int l = 0; l < c.nLayer; ++l) {
        b.at(l);
        b.norm("attn_norm", n, biases);
        addAttention(b, c);
        addFeedForward(b, c, l);
    }
    return specs;
}

} // namespace moe

// Model::fromGguf: reads the hyperparameters, checks every tensor's name, shape and type exactly
// (shared/reference/gguf-mixtral.md sections 3 and 7), and views the weights in place.
#include "kernels.h"
#include "moe/error.h"
#include "moe/model.h"

#include <array>
#include <climits>
#include <set>
#include <stdexcept>

namespace moe {

namespace {

std::string shapeText(std::span<const int64_t> ne)
{
    std::string text = "[";
    for (size_t i = 0; i < ne.size(); ++i)
        text += (i ? ", " : "") + std::to_string(ne[i]);
    return text + "]";
}

// llama.cpp compares all four ggml dims, so trailing 1s are insignificant.
std::array<int64_t, 4> padded(std::span<const int64_t> ne)
{
    std::array<int64_t, 4> dims{1, 1, 1, 1};
    for (size_t i = 0; i < ne.size() && i < dims.size(); ++i)
        dims[i] = ne[i];
    return dims;
}

int toInt(const GgufMetadata& md, const std::string& key, uint32_t value)
{
    if (value > static_cast<uint32_t>(INT_MAX))
        throw FormatError(md.source(), "key '" + key + "' is " + std::to_string(value) + ", too large");
    return static_cast<int>(value);
}

// A per-layer key must hold the same value for every layer: moe has one shape for all blocks.
int uniformPerLayer(const GgufMetadata& md, const std::string& key, int nLayer)
{
    const std::vector<uint32_t> values = md.getU32PerLayer(key, static_cast<size_t>(nLayer));
    if (values.empty())
        throw FormatError(md.source(), "key '" + key + "' has no value");
    for (size_t l = 1; l < values.size(); ++l) {
        if (values[l] != values[0])
            throw FormatError(md.source(), "key '" + key + "' differs between layers (" +
                                               std::to_string(values[0]) + " in layer 0, " +
                                               std::to_string(values[l]) + " in layer " + std::to_string(l) +
                                               "): per-layer sizes are not supported");
    }
    return toInt(md, key, values[0]);
}

void checkRopeScaling(const GgufMetadata& md)
{
    const std::string type = md.findString("llama.rope.scaling.type").value_or("linear");
    if (type == "none")
        return;
    if (type != "linear")
        throw FormatError(md.source(), "key 'llama.rope.scaling.type' is '" + type +
                                           "': only 'none' and 'linear' with factor 1 are supported");
    std::optional<float> factor = md.findF32("llama.rope.scaling.factor");
    if (!factor)
        factor = md.findF32("llama.rope.scale_linear");
    if (factor && *factor != 0.0f && *factor != 1.0f)
        throw FormatError(md.source(), "key 'llama.rope.scaling.factor' is " + std::to_string(*factor) +
                                           ": RoPE scaling is not supported (expected 1)");
}

ModelConfig readConfig(const GgufMetadata& md, int nVocab)
{
    const std::optional<uint32_t> experts = md.findU32("llama.expert_count");
    if (!experts || *experts == 0)
        throw FormatError(md.source(), "not an MoE model: key 'llama.expert_count' is " +
                                           (experts ? std::string("0") : std::string("absent")) +
                                           " (dense llama models are not supported)");

    ModelConfig c;
    c.nVocab = nVocab;
    c.nLayer = toInt(md, "llama.block_count", md.getU32("llama.block_count"));
    if (c.nLayer < 1 || c.nLayer > 512)
        throw FormatError(md.source(),
                          "key 'llama.block_count' is " + std::to_string(c.nLayer) + ", expected 1 to 512");
    c.nEmbd = toInt(md, "llama.embedding_length", md.getU32("llama.embedding_length"));
    c.nCtx = toInt(md, "llama.context_length", md.getU32("llama.context_length"));
    c.nHead = uniformPerLayer(md, "llama.attention.head_count", c.nLayer);
    c.nHeadKv = md.contains("llama.attention.head_count_kv")
                    ? uniformPerLayer(md, "llama.attention.head_count_kv", c.nLayer)
                    : c.nHead;
    c.nFf = uniformPerLayer(md, "llama.feed_forward_length", c.nLayer);
    c.nExpert = toInt(md, "llama.expert_count", *experts);
    c.nExpertUsed = toInt(md, "llama.expert_used_count", md.getU32("llama.expert_used_count"));
    c.rmsEps = md.getF32("llama.attention.layer_norm_rms_epsilon");
    c.ropeFreqBase = md.findF32("llama.rope.freq_base").value_or(10000.0f);
    try {
        c.validate();
    } catch (const std::invalid_argument& e) {
        throw FormatError(md.source(), e.what());
    }

    // Keys that must agree with the shape llama's graph assumes (llama.cpp: "invalid n_rot").
    for (const char* key :
         {"llama.rope.dimension_count", "llama.attention.key_length", "llama.attention.value_length"}) {
        if (const std::optional<uint32_t> v = md.findU32(key); v && *v != static_cast<uint32_t>(c.headDim()))
            throw FormatError(md.source(), std::string("key '") + key + "' is " + std::to_string(*v) +
                                               ", expected the head dimension " +
                                               std::to_string(c.headDim()) +
                                               " (embedding_length / head_count)");
    }
    checkRopeScaling(md);
    if (const std::optional<uint32_t> v = md.findU32("llama.vocab_size");
        v && *v != static_cast<uint32_t>(nVocab))
        throw FormatError(md.source(), "key 'llama.vocab_size' is " + std::to_string(*v) +
                                           ", but the tokenizer has " + std::to_string(nVocab) + " tokens");
    return c;
}

// Looks tensors up by name, checks shape and type, and remembers which were used.
class TensorBinder {
public:
    explicit TensorBinder(const GgufFile& file) : m_file(file) {}

    const GgufTensorInfo* find(const std::string& name, const std::vector<int64_t>& ne, const char* dims,
                               bool required)
    {
        const GgufTensorInfo* info = m_file.findTensor(name);
        if (!info) {
            if (required)
                throw FormatError(m_file.source(), "missing tensor '" + name + "' (expected shape " +
                                                       shapeText(ne) + " " + dims + ")");
            return nullptr;
        }
        if (padded(info->ne) != padded(ne))
            throw FormatError(m_file.source(), "tensor '" + name + "' has shape " + shapeText(info->ne) +
                                                   ", expected " + shapeText(ne) + " " + dims);
        if (ne[0] % blockSize(info->type) != 0)
            throw FormatError(m_file.source(), "tensor '" + name + "' of type " +
                                                   std::string(tensorTypeName(info->type)) + " has rows of " +
                                                   std::to_string(ne[0]) + " values, not a multiple of " +
                                                   std::to_string(blockSize(info->type)));
        if (!kernels::runsWeightType(info->type))
            throw FormatError(m_file.source(), "tensor '" + name + "' has type " +
                                                   std::string(tensorTypeName(info->type)) +
                                                   ", which moe cannot compute with yet");
        if (m_file.tensorData(*info).size() < info->byteSize)
            throw FormatError(m_file.source(), "tensor '" + name + "' data is truncated");
        m_used.insert(name);
        return info;
    }

    // A (rows x cols) matrix, stored as ggml ne (cols, rows), or `count` of them stacked as ne[2].
    std::vector<WeightMatrix> matrices(const std::string& name, int rows, int cols, int count,
                                       const char* dims, bool required = true)
    {
        std::vector<int64_t> ne{cols, rows};
        if (count > 0)
            ne.push_back(count);
        const GgufTensorInfo* info = find(name, ne, dims, required);
        if (!info)
            return {};
        WeightMatrix w;
        w.type = info->type;
        w.rows = rows;
        w.cols = cols;
        w.rowBytes = static_cast<size_t>(cols / blockSize(w.type) * blockBytes(w.type));
        w.data = m_file.tensorData(*info).data();
        std::vector<WeightMatrix> slices;
        for (int e = 0; e < std::max(count, 1); ++e) {
            slices.push_back(w);
            slices.back().data = w.data + static_cast<size_t>(e) * static_cast<size_t>(rows) * w.rowBytes;
        }
        return slices;
    }

    WeightMatrix matrix(const std::string& name, int rows, int cols, const char* dims)
    {
        return matrices(name, rows, cols, 0, dims).front();
    }

    std::vector<float> vector(const std::string& name, int n)
    {
        const GgufTensorInfo* info = find(name, {n}, "(n_embd)", true);
        std::vector<float> values(static_cast<size_t>(n));
        decodeRow(info->type, m_file.tensorData(*info).data(), values);
        return values;
    }

    void rejectUnused() const
    {
        for (const GgufTensorInfo& info : m_file.tensors()) {
            if (!m_used.contains(info.name))
                throw FormatError(m_file.source(), "unexpected tensor '" + info.name + "' with shape " +
                                                       shapeText(info.ne) +
                                                       " (not part of a llama MoE model moe can run)");
        }
    }

private:
    const GgufFile& m_file;
    std::set<std::string, std::less<>> m_used;
};

ModelWeights bindWeights(const GgufFile& file, ModelConfig& c)
{
    TensorBinder binder(file);
    const int n = c.nEmbd, kvDim = c.nHeadKv * c.headDim();
    ModelWeights w;
    w.tokenEmbd = binder.matrix("token_embd.weight", c.nVocab, n,
                                "(n_embd, n_vocab = tokens in tokenizer.ggml.tokens)");
    for (int l = 0; l < c.nLayer; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        LayerWeights layer;
        layer.attnNorm = binder.vector(p + "attn_norm.weight", n);
        layer.wq = binder.matrix(p + "attn_q.weight", n, n, "(n_embd, n_head * head_dim)");
        layer.wk = binder.matrix(p + "attn_k.weight", kvDim, n, "(n_embd, n_head_kv * head_dim)");
        layer.wv = binder.matrix(p + "attn_v.weight", kvDim, n, "(n_embd, n_head_kv * head_dim)");
        layer.wo = binder.matrix(p + "attn_output.weight", n, n, "(n_head * head_dim, n_embd)");
        layer.ffnNorm = binder.vector(p + "ffn_norm.weight", n);
        layer.router = binder.matrix(p + "ffn_gate_inp.weight", c.nExpert, n, "(n_embd, n_expert)");
        // ffn_gate_exps is "optional" to llama.cpp's loader, but its graph needs it (it crashes without).
        layer.gate =
            binder.matrices(p + "ffn_gate_exps.weight", c.nFf, n, c.nExpert, "(n_embd, n_ff, n_expert)");
        layer.up = binder.matrices(p + "ffn_up_exps.weight", c.nFf, n, c.nExpert, "(n_embd, n_ff, n_expert)");
        layer.down =
            binder.matrices(p + "ffn_down_exps.weight", n, c.nFf, c.nExpert, "(n_ff, n_embd, n_expert)");
        w.layers.push_back(std::move(layer));
    }
    w.outputNorm = binder.vector("output_norm.weight", n);
    const std::vector<WeightMatrix> output = binder.matrices(
        "output.weight", c.nVocab, n, 0, "(n_embd, n_vocab = tokens in tokenizer.ggml.tokens)",
        /*required=*/false);
    c.tiedOutput = output.empty();
    w.output = c.tiedOutput ? w.tokenEmbd : output.front();
    binder.rejectUnused();
    return w;
}

} // namespace

std::shared_ptr<const Model> Model::fromGguf(GgufFile file)
{
    std::shared_ptr<Model> model(new Model(std::move(file)));
    const GgufMetadata& md = model->m_file.metadata();
    const std::string arch = md.getString("general.architecture");
    if (arch != "llama")
        throw FormatError(md.source(), "key 'general.architecture' is '" + arch +
                                           "', expected 'llama' (Mixtral-style MoE with llama.expert_count)");
    model->m_tokenizer = Tokenizer::fromGguf(md);
    model->m_config = readConfig(md, model->m_tokenizer.vocabSize());
    model->m_weights = bindWeights(model->m_file, model->m_config);
    return model;
}

} // namespace moe

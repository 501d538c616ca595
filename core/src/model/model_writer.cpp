// Writes a model as a llama.cpp-compatible GGUF (shared/reference/gguf-mixtral.md section 8), and
// reads a loaded model's weights back as floats.
#include "moe/model_writer.h"

#include <stdexcept>

namespace moe {

namespace {

GgufValue u32(int v)
{
    return GgufValue{GgufScalar{static_cast<uint32_t>(v)}};
}

GgufValue f32(float v)
{
    return GgufValue{GgufScalar{v}};
}

GgufValue text(const std::string& v)
{
    return GgufValue{GgufScalar{v}};
}

// llama_ftype of a file whose matrices are all `type` (llama.cpp's numbering, not ggml's type ids;
// for the K-quants the nearest "_S" recipe, which is that type almost everywhere).
uint32_t fileType(TensorType type)
{
    switch (type) {
    case TensorType::F32:
        return 0;
    case TensorType::F16:
        return 1;
    case TensorType::Q4_0:
        return 2;
    case TensorType::Q4_1:
        return 3;
    case TensorType::Q8_0:
        return 7;
    case TensorType::Q5_0:
        return 8;
    case TensorType::Q5_1:
        return 9;
    case TensorType::Q2_K:
        return 10;
    case TensorType::Q3_K:
        return 11;
    case TensorType::Q4_K:
        return 14;
    case TensorType::Q5_K:
        return 16;
    case TensorType::Q6_K:
        return 18;
    case TensorType::IQ4_NL:
        return 25;
    case TensorType::IQ4_XS:
        return 30;
    case TensorType::BF16:
        return 32;
    }
    return 0;
}

void checkSize(const std::string& name, const std::vector<float>& values, size_t expected)
{
    if (values.size() != expected)
        throw std::invalid_argument("weights for '" + name + "' have " + std::to_string(values.size()) +
                                    " values, expected " + std::to_string(expected));
}

// Adds a tensor of `rows` rows of `cols` values (ggml ne = cols, rows[, stack]) encoded as `type`.
void addTensor(GgufWriter& writer, const std::string& name, TensorType type, const std::vector<float>& values,
               std::vector<int64_t> ne)
{
    size_t count = 1;
    for (int64_t dim : ne)
        count *= static_cast<size_t>(dim);
    checkSize(name, values, count);
    const auto cols = static_cast<size_t>(ne[0]);
    if (cols % static_cast<size_t>(blockSize(type)) != 0)
        throw std::invalid_argument("tensor '" + name + "' has rows of " + std::to_string(cols) +
                                    " values, not a multiple of " + std::to_string(blockSize(type)) +
                                    " for " + std::string(tensorTypeName(type)));
    std::vector<std::byte> bytes;
    bytes.reserve(count / static_cast<size_t>(blockSize(type)) * static_cast<size_t>(blockBytes(type)));
    for (size_t begin = 0; begin < count; begin += cols)
        encodeRow(type, std::span<const float>(values.data() + begin, cols), bytes);
    writer.addTensor(name, type, std::move(ne), std::move(bytes));
}

void writeMetadata(GgufMetadata& md, const ModelConfig& c, const Tokenizer& tokenizer,
                   const WriteOptions& options)
{
    md.add("general.architecture", text("llama"));
    md.add("general.name", text(options.name));
    md.add("general.file_type", GgufValue{GgufScalar{fileType(options.matrixType)}});
    if (blockSize(options.matrixType) > 1)
        md.add("general.quantization_version", u32(2));
    md.add("llama.context_length", u32(c.nCtx));
    md.add("llama.embedding_length", u32(c.nEmbd));
    md.add("llama.block_count", u32(c.nLayer));
    md.add("llama.feed_forward_length", u32(c.nFf)); // one expert's hidden width
    md.add("llama.attention.head_count", u32(c.nHead));
    md.add("llama.attention.head_count_kv", u32(c.nHeadKv));
    md.add("llama.attention.layer_norm_rms_epsilon", f32(c.rmsEps));
    md.add("llama.rope.freq_base", f32(c.ropeFreqBase));
    md.add("llama.rope.dimension_count", u32(c.headDim()));
    md.add("llama.expert_count", u32(c.nExpert));
    md.add("llama.expert_used_count", u32(c.nExpertUsed));
    md.add("llama.vocab_size", u32(c.nVocab));
    tokenizer.writeTo(md);
}

std::vector<float> decodeMatrices(const std::vector<WeightMatrix>& slices)
{
    std::vector<float> values;
    for (const WeightMatrix& w : slices) {
        const size_t begin = values.size();
        values.resize(begin + static_cast<size_t>(w.rows) * static_cast<size_t>(w.cols));
        for (int r = 0; r < w.rows; ++r)
            decodeRow(w.type, w.row(r),
                      std::span<float>(values.data() + begin + static_cast<size_t>(r) * w.cols,
                                       static_cast<size_t>(w.cols)));
    }
    return values;
}

} // namespace

GgufWriter buildModelGguf(const ModelConfig& config, const Tokenizer& tokenizer, const FloatWeights& weights,
                          const WriteOptions& options)
{
    config.validate();
    if (tokenizer.vocabSize() != config.nVocab)
        throw std::invalid_argument("tokenizer has " + std::to_string(tokenizer.vocabSize()) +
                                    " tokens, the config's nVocab is " + std::to_string(config.nVocab));
    if (static_cast<int>(weights.layers.size()) != config.nLayer)
        throw std::invalid_argument("weights have " + std::to_string(weights.layers.size()) +
                                    " layers, expected " + std::to_string(config.nLayer));
    const bool tied = weights.output.empty();
    if (config.tiedOutput && !tied)
        throw std::invalid_argument(
            "config says the output is tied to token_embd, but output weights are given");

    GgufWriter writer;
    writeMetadata(writer.metadata(), config, tokenizer, options);
    const int64_t n = config.nEmbd, ff = config.nFf, experts = config.nExpert, vocab = config.nVocab;
    const int64_t kvDim = static_cast<int64_t>(config.nHeadKv) * config.headDim();
    const TensorType m = options.matrixType, f32Type = TensorType::F32; // norms and router stay F32

    addTensor(writer, "token_embd.weight", m, weights.tokenEmbd, {n, vocab});
    for (int l = 0; l < config.nLayer; ++l) {
        const FloatLayer& layer = weights.layers[static_cast<size_t>(l)];
        const std::string p = "blk." + std::to_string(l) + ".";
        addTensor(writer, p + "attn_norm.weight", f32Type, layer.attnNorm, {n});
        addTensor(writer, p + "attn_q.weight", m, layer.wq, {n, n});
        addTensor(writer, p + "attn_k.weight", m, layer.wk, {n, kvDim});
        addTensor(writer, p + "attn_v.weight", m, layer.wv, {n, kvDim});
        addTensor(writer, p + "attn_output.weight", m, layer.wo, {n, n});
        addTensor(writer, p + "ffn_norm.weight", f32Type, layer.ffnNorm, {n});
        addTensor(writer, p + "ffn_gate_inp.weight", f32Type, layer.router, {n, experts});
        addTensor(writer, p + "ffn_gate_exps.weight", m, layer.gate, {n, ff, experts});
        addTensor(writer, p + "ffn_up_exps.weight", m, layer.up, {n, ff, experts});
        addTensor(writer, p + "ffn_down_exps.weight", m, layer.down, {ff, n, experts});
    }
    addTensor(writer, "output_norm.weight", f32Type, weights.outputNorm, {n});
    if (!tied)
        addTensor(writer, "output.weight", m, weights.output, {n, vocab});
    return writer;
}

void writeModel(const std::string& path, const ModelConfig& config, const Tokenizer& tokenizer,
                const FloatWeights& weights, const WriteOptions& options)
{
    buildModelGguf(config, tokenizer, weights, options).writeFile(path);
}

FloatWeights floatWeights(const Model& model)
{
    const ModelWeights& mw = model.weights();
    FloatWeights w;
    w.tokenEmbd = decodeMatrices({mw.tokenEmbd});
    for (const LayerWeights& layer : mw.layers) {
        FloatLayer f;
        f.attnNorm = layer.attnNorm;
        f.ffnNorm = layer.ffnNorm;
        f.wq = decodeMatrices({layer.wq});
        f.wk = decodeMatrices({layer.wk});
        f.wv = decodeMatrices({layer.wv});
        f.wo = decodeMatrices({layer.wo});
        f.router = decodeMatrices({layer.router});
        f.gate = decodeMatrices(layer.gate);
        f.up = decodeMatrices(layer.up);
        f.down = decodeMatrices(layer.down);
        w.layers.push_back(std::move(f));
    }
    w.outputNorm = mw.outputNorm;
    if (!model.config().tiedOutput)
        w.output = decodeMatrices({mw.output});
    return w;
}

} // namespace moe

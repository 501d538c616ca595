// Writes a model as a llama.cpp-compatible GGUF (shared/reference/gguf-mixtral.md section 8), and
// reads a loaded model's weights back as floats.
#include "moe/model_writer.h"

#include "model_layout.h"

#include <map>
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

// The keys beyond Mixtral's: attention shape, RoPE scaling, experts, multipliers.
void writeArchitectureKeys(GgufMetadata& md, const ModelConfig& c)
{
    const auto key = [&c](const std::string& suffix) { return keyOf(c.arch, suffix); };
    // deepseek2's converter always writes both; the others only where they differ from the default.
    const bool deepseek = c.arch == Architecture::Deepseek2;
    if (c.keyLength || deepseek)
        md.add(key("attention.key_length"), u32(c.keyDim()));
    if (c.valueLength || deepseek)
        md.add(key("attention.value_length"), u32(c.valueDim()));
    if (c.ropeYarn || c.ropeFreqScale != 1.0f) {
        md.add(key("rope.scaling.type"), text(c.ropeYarn ? "yarn" : "linear"));
        md.add(key("rope.scaling.factor"), f32(1.0f / c.ropeFreqScale));
    }
    if (c.ropeOriginalContext)
        md.add(key("rope.scaling.original_context_length"), u32(c.ropeOriginalContext));
    if (c.ropeAttnFactor != 1.0f)
        md.add(key("rope.scaling.attn_factor"), f32(c.ropeAttnFactor));
    switch (c.arch) {
    case Architecture::Qwen2Moe:
        md.add(key("expert_feed_forward_length"), u32(c.nFf));
        md.add(key("expert_shared_feed_forward_length"), u32(c.nFfShared));
        break;
    case Architecture::Deepseek2:
        md.add(key("leading_dense_block_count"), u32(c.nLeadingDense));
        md.add(key("expert_feed_forward_length"), u32(c.nFf));
        md.add(key("expert_shared_count"), u32(c.nExpertShared));
        md.add(key("expert_weights_scale"), f32(c.expertWeightsScale));
        md.add(key("expert_weights_norm"), GgufValue{GgufScalar{c.normaliseGates}});
        md.add(key("expert_gating_func"), u32(c.gating == Gating::Sigmoid ? 2 : 1));
        md.add(key("attention.kv_lora_rank"), u32(c.kvLoraRank));
        if (c.qLoraRank)
            md.add(key("attention.q_lora_rank"), u32(c.qLoraRank));
        md.add(key("rope.scaling.yarn_log_multiplier"), f32(c.yarnLogMultiplier));
        break;
    case Architecture::GraniteMoe:
        md.add(key("embedding_scale"), f32(c.embeddingScale));
        md.add(key("residual_scale"), f32(c.residualScale));
        md.add(key("logit_scale"), f32(c.logitScale));
        md.add(key("attention.scale"), f32(c.attentionScale));
        break;
    case Architecture::Dbrx:
        md.add(key("attention.clamp_kqv"), f32(c.clampKqv));
        break;
    default:
        break;
    }
}

void writeMetadata(GgufMetadata& md, const ModelConfig& c, const Tokenizer& tokenizer,
                   const WriteOptions& options)
{
    const auto key = [&c](const std::string& suffix) { return keyOf(c.arch, suffix); };
    md.add("general.architecture", text(std::string(architectureName(c.arch))));
    md.add("general.name", text(options.name));
    md.add("general.file_type", GgufValue{GgufScalar{fileType(options.matrixType)}});
    if (blockSize(options.matrixType) > 1)
        md.add("general.quantization_version", u32(2));
    md.add(key("context_length"), u32(c.nCtx));
    md.add(key("embedding_length"), u32(c.nEmbd));
    md.add(key("block_count"), u32(c.nLayer));
    // One expert's hidden width; deepseek2's dense layers' (its experts' is expert_feed_forward_length).
    md.add(key("feed_forward_length"), u32(c.arch == Architecture::Deepseek2 ? c.nFfDense : c.nFf));
    md.add(key("attention.head_count"), u32(c.nHead));
    md.add(key("attention.head_count_kv"), u32(c.nHeadKv));
    if (usesLayerNorm(c.arch))
        md.add(key("attention.layer_norm_epsilon"), f32(c.rmsEps));
    else
        md.add(key("attention.layer_norm_rms_epsilon"), f32(c.rmsEps));
    md.add(key("rope.freq_base"), f32(c.ropeFreqBase));
    md.add(key("rope.dimension_count"), u32(c.rotaryDims()));
    md.add(key("expert_count"), u32(c.nExpert));
    md.add(key("expert_used_count"), u32(c.nExpertUsed));
    md.add(key("vocab_size"), u32(c.nVocab));
    writeArchitectureKeys(md, c);
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

std::vector<NamedTensor> namedTensors(const ModelConfig& config, const FloatWeights& weights)
{
    if (static_cast<int>(weights.layers.size()) != config.nLayer)
        throw std::invalid_argument("weights have " + std::to_string(weights.layers.size()) +
                                    " layers, expected " + std::to_string(config.nLayer));
    const bool tied = weights.output.empty();
    if (config.tiedOutput && !tied)
        throw std::invalid_argument(
            "config says the output is tied to token_embd, but output weights are given");
    const int64_t n = config.nEmbd, ff = config.nFf, experts = config.nExpert, vocab = config.nVocab;
    const int64_t kvDim = static_cast<int64_t>(config.nHeadKv) * config.headDim();
    std::vector<NamedTensor> tensors;
    const auto add = [&](const std::string& name, std::vector<int64_t> ne, bool matrix,
                         const std::vector<float>& v) {
        tensors.push_back({name, std::move(ne), matrix, v});
    };
    add("token_embd.weight", {n, vocab}, true, weights.tokenEmbd);
    for (int l = 0; l < config.nLayer; ++l) {
        const FloatLayer& layer = weights.layers[static_cast<size_t>(l)];
        const std::string p = "blk." + std::to_string(l) + ".";
        add(p + "attn_norm.weight", {n}, false, layer.attnNorm);
        add(p + "attn_q.weight", {n, n}, true, layer.wq);
        add(p + "attn_k.weight", {n, kvDim}, true, layer.wk);
        add(p + "attn_v.weight", {n, kvDim}, true, layer.wv);
        add(p + "attn_output.weight", {n, n}, true, layer.wo);
        add(p + "ffn_norm.weight", {n}, false, layer.ffnNorm);
        add(p + "ffn_gate_inp.weight", {n, experts}, false, layer.router);
        add(p + "ffn_gate_exps.weight", {n, ff, experts}, true, layer.gate);
        add(p + "ffn_up_exps.weight", {n, ff, experts}, true, layer.up);
        add(p + "ffn_down_exps.weight", {ff, n, experts}, true, layer.down);
    }
    add("output_norm.weight", {n}, false, weights.outputNorm);
    if (!tied)
        add("output.weight", {n, vocab}, true, weights.output);
    return tensors;
}

GgufWriter buildGguf(const ModelConfig& config, const Tokenizer& tokenizer,
                     const std::vector<NamedTensor>& tensors, const WriteOptions& options)
{
    config.validate();
    if (tokenizer.vocabSize() != config.nVocab)
        throw std::invalid_argument("tokenizer has " + std::to_string(tokenizer.vocabSize()) +
                                    " tokens, the config's nVocab is " + std::to_string(config.nVocab));
    std::map<std::string, std::vector<int64_t>> expected;
    for (const TensorSpec& spec : modelLayout(config))
        expected.emplace(spec.name, spec.ne);
    GgufWriter writer;
    writeMetadata(writer.metadata(), config, tokenizer, options);
    for (const NamedTensor& t : tensors) {
        const auto it = expected.find(t.name);
        if (it == expected.end())
            throw std::invalid_argument("tensor '" + t.name + "' is not part of a " +
                                        std::string(architectureName(config.arch)) + " model of this config");
        if (it->second != t.ne)
            throw std::invalid_argument("tensor '" + t.name + "' has the wrong shape for this config");
        expected.erase(it);
        addTensor(writer, t.name, t.isMatrix ? options.matrixType : TensorType::F32, t.values, t.ne);
    }
    if (!expected.empty())
        throw std::invalid_argument("no weights for tensor '" + expected.begin()->first + "'");
    return writer;
}

GgufWriter buildModelGguf(const ModelConfig& config, const Tokenizer& tokenizer, const FloatWeights& weights,
                          const WriteOptions& options)
{
    config.validate();
    if (config.arch != Architecture::Llama)
        throw std::invalid_argument("FloatWeights hold a llama-layout model; use buildGguf for " +
                                    std::string(architectureName(config.arch)));
    if (config.tiedOutput && !weights.output.empty())
        throw std::invalid_argument(
            "config says the output is tied to token_embd, but output weights are given");
    ModelConfig written = config;
    written.tiedOutput = weights.output.empty(); // no output matrix: llama.cpp reuses token_embd
    return buildGguf(written, tokenizer, namedTensors(written, weights), options);
}

void writeModel(const std::string& path, const ModelConfig& config, const Tokenizer& tokenizer,
                const FloatWeights& weights, const WriteOptions& options)
{
    buildModelGguf(config, tokenizer, weights, options).writeFile(path);
}

std::vector<NamedTensor> modelTensors(const Model& model)
{
    std::vector<NamedTensor> tensors;
    for (const TensorSpec& spec : modelLayout(model.config())) {
        const GgufTensorInfo* info = model.file().findTensor(spec.name);
        if (!info) // the loader checked every tensor of the layout
            throw std::logic_error("loaded model without tensor '" + spec.name + "'");
        NamedTensor t{spec.name, spec.ne, !spec.isVector() && spec.role != TensorRole::Router, {}};
        t.values.resize(static_cast<size_t>(spec.elements()));
        const auto cols = static_cast<size_t>(spec.ne[0]);
        const auto rowBytes =
            static_cast<size_t>(spec.ne[0] / blockSize(info->type) * blockBytes(info->type));
        const std::byte* data = model.file().tensorData(*info).data();
        for (size_t row = 0; row * cols < t.values.size(); ++row)
            decodeRow(info->type, data + row * rowBytes,
                      std::span<float>(t.values.data() + row * cols, cols));
        tensors.push_back(std::move(t));
    }
    return tensors;
}

FloatWeights floatWeights(const Model& model)
{
    if (model.config().arch != Architecture::Llama)
        throw std::invalid_argument("floatWeights reads llama-layout models only");
    const ModelWeights& mw = model.weights();
    FloatWeights w;
    w.tokenEmbd = decodeMatrices({mw.tokenEmbd});
    for (const LayerWeights& layer : mw.layers) {
        FloatLayer f;
        f.attnNorm = layer.attnNorm.weight;
        f.ffnNorm = layer.ffnNorm.weight;
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
    w.outputNorm = mw.outputNorm.weight;
    if (!model.config().tiedOutput)
        w.output = decodeMatrices({mw.output});
    return w;
}

} // namespace moe

// Model::fromGguf: reads the hyperparameters of any supported architecture, checks the file's
// tensors against modelLayout exactly (names, shapes, types; nothing missing, nothing extra) and
// views the weights in place.
#include "kernels.h"
#include "model_layout.h"
#include "moe/error.h"
#include "moe/model.h"

#include <array>
#include <climits>
#include <cmath>
#include <map>
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

// The architecture's hyperparameter keys, read with the architecture's prefix.
class ConfigReader {
public:
    ConfigReader(const GgufMetadata& md, Architecture arch) : m_md(md), m_arch(arch) {}

    std::string key(const std::string& suffix) const { return keyOf(m_arch, suffix); }
    bool has(const std::string& suffix) const { return m_md.contains(key(suffix)); }

    int integer(const std::string& suffix) const { return toInt(suffix, m_md.getU32(key(suffix))); }
    int integer(const std::string& suffix, int fallback) const
    {
        const std::optional<uint32_t> v = m_md.findU32(key(suffix));
        return v ? toInt(suffix, *v) : fallback;
    }
    float real(const std::string& suffix) const { return m_md.getF32(key(suffix)); }
    float real(const std::string& suffix, float fallback) const
    {
        return m_md.findF32(key(suffix)).value_or(fallback);
    }
    bool flag(const std::string& suffix, bool fallback) const
    {
        return m_md.findBool(key(suffix)).value_or(fallback);
    }
    std::optional<std::string> text(const std::string& suffix) const { return m_md.findString(key(suffix)); }

    // A per-layer key must hold the same value for every layer: moe has one shape for all blocks.
    int uniformPerLayer(const std::string& suffix, int nLayer) const
    {
        const std::vector<uint32_t> values = m_md.getU32PerLayer(key(suffix), static_cast<size_t>(nLayer));
        if (values.empty())
            fail("key '" + key(suffix) + "' has no value");
        for (size_t l = 1; l < values.size(); ++l) {
            if (values[l] != values[0])
                fail("key '" + key(suffix) + "' differs between layers (" + std::to_string(values[0]) +
                     " in layer 0, " + std::to_string(values[l]) + " in layer " + std::to_string(l) +
                     "): per-layer sizes are not supported");
        }
        return toInt(suffix, values[0]);
    }

    [[noreturn]] void fail(const std::string& message) const { throw FormatError(m_md.source(), message); }

private:
    int toInt(const std::string& suffix, uint32_t value) const
    {
        if (value > static_cast<uint32_t>(INT_MAX))
            fail("key '" + key(suffix) + "' is " + std::to_string(value) + ", too large");
        return static_cast<int>(value);
    }

    const GgufMetadata& m_md;
    Architecture m_arch;
};

void readRopeScaling(const ConfigReader& in, ModelConfig& c)
{
    const std::string type = in.text("rope.scaling.type").value_or("linear");
    float factor = in.real("rope.scaling.factor", 0.0f);
    if (factor == 0.0f)
        factor = in.real("rope.scale_linear", 0.0f);
    if (type == "yarn") {
        c.ropeYarn = true;
    } else if (type != "none" && type != "linear") {
        in.fail("key '" + in.key("rope.scaling.type") + "' is '" + type +
                "': only 'none', 'linear' and 'yarn' are supported");
    }
    // llama.cpp: freq_scale = 1 / factor, and 1 when the type is none or no factor is given.
    if (type != "none" && factor != 0.0f) {
        if (!(factor > 0.0f) || !std::isfinite(factor))
            in.fail("key '" + in.key("rope.scaling.factor") + "' is " + std::to_string(factor) +
                    ", must be > 0");
        c.ropeFreqScale = 1.0f / factor;
    }
    c.ropeAttnFactor = in.real("rope.scaling.attn_factor", 1.0f);
    c.ropeOriginalContext = in.integer("rope.scaling.original_context_length", 0);
}

// The feed-forward widths and the router, which is where the families differ most.
void readExperts(const ConfigReader& in, const GgufFile& file, ModelConfig& c)
{
    const int ff = in.uniformPerLayer("feed_forward_length", c.nLayer);
    switch (c.arch) {
    case Architecture::Qwen2Moe:
        c.nFf = in.integer("expert_feed_forward_length", ff / c.nExpertUsed);
        c.nFfShared = in.integer("expert_shared_feed_forward_length", ff);
        c.nExpertShared = 1;
        c.sharedExpertGated = true;
        c.normaliseGates = false;
        break;
    case Architecture::Deepseek2: {
        c.nFf = in.integer("expert_feed_forward_length");
        c.nLeadingDense = in.integer("leading_dense_block_count");
        c.nFfDense = ff;
        c.nExpertShared = in.integer("expert_shared_count");
        if (c.nExpertShared > 4096)
            in.fail("key '" + in.key("expert_shared_count") + "' is " + std::to_string(c.nExpertShared) +
                    ", too large");
        // In 64 bits: a hostile width times count must not overflow before validate() sees it.
        if (const int64_t width = int64_t{c.nFf} * c.nExpertShared; width > (1 << 20))
            in.fail("the shared experts' width " + std::to_string(width) + " (key '" +
                    in.key("expert_feed_forward_length") + "' " + std::to_string(c.nFf) + " x key '" +
                    in.key("expert_shared_count") + "' " + std::to_string(c.nExpertShared) +
                    ") is too large, must be at most 1048576");
        c.nFfShared = c.nFf * c.nExpertShared;
        c.expertWeightsScale = in.real("expert_weights_scale");
        c.normaliseGates = in.flag("expert_weights_norm", false);
        const int gating = in.integer("expert_gating_func", 0);
        if (gating < 0 || gating > 2)
            in.fail("key '" + in.key("expert_gating_func") + "' is " + std::to_string(gating) +
                    ", expected 1 (softmax) or 2 (sigmoid)");
        c.gating = gating == 2 ? Gating::Sigmoid : Gating::Softmax; // 0: old V2 files, softmax
        const std::string bias = "blk." + std::to_string(c.nLeadingDense) + ".exp_probs_b.bias";
        c.selectionBias = file.findTensor(bias) != nullptr;
        break;
    }
    case Architecture::Olmoe:
        c.nFf = ff;
        c.normaliseGates = false;
        break;
    default:
        c.nFf = ff;
        break;
    }
}

ModelConfig readConfig(const GgufFile& file, Architecture arch, int nVocab)
{
    const GgufMetadata& md = file.metadata();
    const ConfigReader in(md, arch);
    const int experts = in.integer("expert_count", 0);
    if (experts == 0)
        in.fail("not an MoE model: key '" + in.key("expert_count") + "' is " +
                (in.has("expert_count") ? "0" : "absent") + " (dense models are not supported)");

    ModelConfig c;
    c.arch = arch;
    c.nVocab = nVocab;
    c.nLayer = in.integer("block_count");
    if (c.nLayer < 1 || c.nLayer > 512)
        in.fail("key '" + in.key("block_count") + "' is " + std::to_string(c.nLayer) + ", expected 1 to 512");
    c.nEmbd = in.integer("embedding_length");
    c.nCtx = in.integer("context_length");
    c.nHead = in.uniformPerLayer("attention.head_count", c.nLayer);
    c.nHeadKv =
        in.has("attention.head_count_kv") ? in.uniformPerLayer("attention.head_count_kv", c.nLayer) : c.nHead;
    c.nExpert = experts;
    c.nExpertUsed = in.integer("expert_used_count");
    c.rmsEps = arch == Architecture::Dbrx ? in.real("attention.layer_norm_epsilon")
                                          : in.real("attention.layer_norm_rms_epsilon");
    c.ropeFreqBase = in.real("rope.freq_base", 10000.0f);
    if (c.nHead >= 1 && c.nEmbd % c.nHead == 0) { // else validate() explains
        c.keyLength = in.integer("attention.key_length", 0);
        c.valueLength = in.integer("attention.value_length", 0);
        c.ropeDims = in.integer("rope.dimension_count", 0);
        // Written by every converter; equal to the default, they change nothing.
        for (int* v : {&c.keyLength, &c.valueLength, &c.ropeDims})
            if (*v == c.headDim())
                *v = 0;
    }
    readRopeScaling(in, c);
    if (c.nExpertUsed >= 1)
        readExperts(in, file, c);

    switch (arch) {
    case Architecture::GraniteMoe:
        c.embeddingScale = in.real("embedding_scale");
        c.residualScale = in.real("residual_scale");
        c.logitScale = in.real("logit_scale");
        c.attentionScale = in.real("attention.scale");
        break;
    case Architecture::Deepseek2:
        c.kvLoraRank = in.integer("attention.kv_lora_rank");
        // V2-Lite has no query compression: attn_q instead of attn_q_a/attn_q_b.
        c.qLoraRank = file.findTensor("blk.0.attn_q.weight") ? 0 : in.integer("attention.q_lora_rank");
        c.yarnLogMultiplier = in.real("rope.scaling.yarn_log_multiplier");
        break;
    case Architecture::Dbrx:
        c.clampKqv = in.real("attention.clamp_kqv");
        c.fusedQkv = true;
        break;
    case Architecture::PhiMoe:
        c.fusedQkv = file.findTensor("blk.0.attn_qkv.weight") != nullptr;
        c.ropeFactors = file.findTensor("rope_factors_long.weight") != nullptr ||
                        file.findTensor("rope_factors_short.weight") != nullptr;
        break;
    default:
        break;
    }
    // Output heads: llama and granitemoe fall back to the embedding; the others require one.
    c.tiedOutput = file.findTensor("output.weight") == nullptr &&
                   (arch == Architecture::Llama || arch == Architecture::GraniteMoe);
    try {
        c.validate();
    } catch (const std::invalid_argument& e) {
        in.fail(e.what());
    }
    if (const std::optional<uint32_t> v = md.findU32(in.key("vocab_size"));
        v && *v != static_cast<uint32_t>(nVocab))
        in.fail("key '" + in.key("vocab_size") + "' is " + std::to_string(*v) + ", but the tokenizer has " +
                std::to_string(nVocab) + " tokens");
    return c;
}

// Looks tensors up by name in the layout, checks them against the file and views them.
class TensorBinder {
public:
    TensorBinder(const GgufFile& file, const ModelConfig& config) : m_file(file)
    {
        for (TensorSpec& spec : modelLayout(config))
            m_specs.emplace(spec.name, std::move(spec));
        for (const auto& [name, spec] : m_specs)
            check(spec);
        for (const GgufTensorInfo& info : m_file.tensors()) {
            if (!m_specs.contains(info.name))
                throw FormatError(m_file.source(), "unexpected tensor '" + info.name + "' with shape " +
                                                       shapeText(info.ne) + " (not part of a " +
                                                       std::string(architectureName(config.arch)) +
                                                       " MoE model moe can run)");
        }
    }

    bool has(const std::string& name) const { return m_specs.contains(name); }

    // A projection or embedding (rows = ne[1], cols = ne[0]); for experts, `count` slices of it.
    std::vector<WeightMatrix> matrices(const std::string& name) const
    {
        const TensorSpec& spec = m_specs.at(name);
        const GgufTensorInfo& info = *m_file.findTensor(name);
        WeightMatrix w;
        w.type = info.type;
        w.cols = static_cast<int>(spec.ne[0]);
        w.rows = static_cast<int>(spec.ne[1]);
        w.rowBytes = static_cast<size_t>(w.cols / blockSize(w.type) * blockBytes(w.type));
        w.data = m_file.tensorData(info).data();
        const int count = spec.ne.size() > 2 ? static_cast<int>(spec.ne[2]) : 1;
        std::vector<WeightMatrix> slices;
        for (int e = 0; e < count; ++e) {
            slices.push_back(w);
            slices.back().data = w.data + static_cast<size_t>(e) * static_cast<size_t>(w.rows) * w.rowBytes;
        }
        return slices;
    }
    WeightMatrix matrix(const std::string& name) const
    {
        return has(name) ? matrices(name).front() : WeightMatrix{};
    }

    std::vector<float> vector(const std::string& name) const
    {
        if (!has(name))
            return {};
        const GgufTensorInfo& info = *m_file.findTensor(name);
        std::vector<float> values(static_cast<size_t>(m_specs.at(name).elements()));
        decodeRow(info.type, m_file.tensorData(info).data(), values);
        return values;
    }
    NormWeights norm(const std::string& name) const
    {
        return {vector(name + ".weight"), vector(name + ".bias")};
    }

private:
    void check(const TensorSpec& spec) const
    {
        const GgufTensorInfo* info = m_file.findTensor(spec.name);
        if (!info)
            throw FormatError(m_file.source(), "missing tensor '" + spec.name + "' (expected shape " +
                                                   shapeText(spec.ne) + ")");
        if (padded(info->ne) != padded(spec.ne)) {
            const bool vocabulary = spec.role == TensorRole::Embedding || spec.role == TensorRole::Output;
            throw FormatError(m_file.source(), "tensor '" + spec.name + "' has shape " + shapeText(info->ne) +
                                                   ", expected " + shapeText(spec.ne) +
                                                   (vocabulary ? " (n_embd, n_vocab: the tokenizer has " +
                                                                     std::to_string(spec.ne[1]) + " tokens)"
                                                               : ""));
        }
        if (spec.ne[0] % blockSize(info->type) != 0)
            throw FormatError(m_file.source(), "tensor '" + spec.name + "' of type " +
                                                   std::string(tensorTypeName(info->type)) + " has rows of " +
                                                   std::to_string(spec.ne[0]) +
                                                   " values, not a multiple of " +
                                                   std::to_string(blockSize(info->type)));
        if (!kernels::runsWeightType(info->type))
            throw FormatError(m_file.source(), "tensor '" + spec.name + "' has type " +
                                                   std::string(tensorTypeName(info->type)) +
                                                   ", which moe cannot compute with yet");
        if (m_file.tensorData(*info).size() < info->byteSize)
            throw FormatError(m_file.source(), "tensor '" + spec.name + "' data is truncated");
    }

    const GgufFile& m_file;
    std::map<std::string, TensorSpec, std::less<>> m_specs;
};

FeedForward feedForward(const TensorBinder& b, const std::string& prefix, const std::string& suffix)
{
    return {b.matrix(prefix + "ffn_gate" + suffix + ".weight"),
            b.matrix(prefix + "ffn_up" + suffix + ".weight"),
            b.matrix(prefix + "ffn_down" + suffix + ".weight")};
}

LayerWeights bindLayer(const TensorBinder& b, const ModelConfig& c, int l)
{
    const std::string p = "blk." + std::to_string(l) + ".";
    const auto m = [&](const std::string& name) { return b.matrix(p + name + ".weight"); };
    LayerWeights layer;
    layer.attnNorm = b.norm(p + "attn_norm");
    layer.ffnNorm = b.norm(p + (c.arch == Architecture::Dbrx ? "attn_output_norm" : "ffn_norm"));
    layer.wq = m("attn_q");
    layer.wk = m("attn_k");
    layer.wv = m("attn_v");
    layer.wo = m("attn_output");
    layer.wqkv = m("attn_qkv");
    layer.bq = b.vector(p + "attn_q.bias");
    layer.bk = b.vector(p + "attn_k.bias");
    layer.bv = b.vector(p + "attn_v.bias");
    layer.bo = b.vector(p + "attn_output.bias");
    layer.qNorm = b.vector(p + "attn_q_norm.weight");
    layer.kNorm = b.vector(p + "attn_k_norm.weight");
    layer.wqA = m("attn_q_a");
    layer.wqB = m("attn_q_b");
    layer.wkvA = m("attn_kv_a_mqa");
    layer.wkvB = m("attn_kv_b");
    layer.qANorm = b.vector(p + "attn_q_a_norm.weight");
    layer.kvANorm = b.vector(p + "attn_kv_a_norm.weight");
    if (c.isDenseLayer(l)) {
        layer.dense = feedForward(b, p, "");
        return layer;
    }
    layer.router = m("ffn_gate_inp");
    layer.selectionBias = b.vector(p + "exp_probs_b.bias");
    layer.gate = b.matrices(p + "ffn_gate_exps.weight");
    layer.up = b.matrices(p + "ffn_up_exps.weight");
    layer.down = b.matrices(p + "ffn_down_exps.weight");
    if (c.nFfShared > 0)
        layer.shared = feedForward(b, p, "_shexp");
    layer.sharedGate = b.vector(p + "ffn_gate_inp_shexp.weight");
    return layer;
}

// Progress in three parts: the header is parsed before fromGguf starts, the tokenizer builds its
// index (the slow part for 100k-token vocabularies), then the layers bind one by one.
class LoadSteps {
public:
    LoadSteps(const LoadMonitor& monitor, const std::string& source) : m_monitor(monitor), m_source(source) {}
    void reached(double fraction) const
    {
        if (m_monitor.cancel && m_monitor.cancel->load())
            throw LoadCancelled(m_source);
        if (m_monitor.progress)
            m_monitor.progress(fraction);
    }

private:
    const LoadMonitor& m_monitor;
    const std::string& m_source;
};
constexpr double kHeaderDone = 0.1, kTokenizerDone = 0.3;

ModelWeights bindWeights(const GgufFile& file, const ModelConfig& c, const LoadSteps& steps)
{
    const TensorBinder binder(file, c);
    ModelWeights w;
    w.tokenEmbd = binder.matrix("token_embd.weight");
    for (int l = 0; l < c.nLayer; ++l) {
        w.layers.push_back(bindLayer(binder, c, l));
        steps.reached(kTokenizerDone + (1.0 - kTokenizerDone) * (l + 1) / c.nLayer);
    }
    w.outputNorm = binder.norm("output_norm");
    w.output = c.tiedOutput ? w.tokenEmbd : binder.matrix("output.weight");
    w.outputBias = binder.vector("output.bias");
    w.ropeFactorsLong = binder.vector("rope_factors_long.weight");
    w.ropeFactorsShort = binder.vector("rope_factors_short.weight");
    return w;
}

} // namespace

std::shared_ptr<const Model> Model::fromGguf(GgufFile file, const LoadMonitor& monitor)
{
    std::shared_ptr<Model> model(new Model(std::move(file)));
    const GgufMetadata& md = model->m_file.metadata();
    const LoadSteps steps(monitor, model->m_file.source());
    steps.reached(kHeaderDone);
    const std::string archName = md.getString("general.architecture");
    const std::optional<Architecture> arch = architectureFromName(archName);
    if (!arch) {
        std::string names;
        for (Architecture a : allArchitectures())
            names += (names.empty() ? "" : ", ") + std::string(architectureName(a));
        throw FormatError(md.source(), "key 'general.architecture' is '" + archName +
                                           "', which moe does not run (it reads " + names + ")");
    }
    model->m_tokenizer = Tokenizer::fromGguf(md);
    model->m_config = readConfig(model->m_file, *arch, model->m_tokenizer.vocabSize());
    steps.reached(kTokenizerDone);
    model->m_weights = bindWeights(model->m_file, model->m_config, steps);
    return model;
}

} // namespace moe

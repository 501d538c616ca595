// Writes small valid models into a directory, as the model-loader fuzzer's seed corpus:
// - llama (Mixtral layout) with a BPE tokenizer trained on a short text: F32, Q8_0, F16 and BF16
//   matrices, grouped-query attention, a tied output, a one-head model, and one file with every
//   float type mixed per tensor and the optional keys the loader reads (per-layer arrays, RoPE
//   scaling, key/value lengths, scores, add_bos, alignment 64);
// - every other family and its variants (olmoe, qwen2moe, granitemoe, deepseek2 V2-Lite/V2/V3 with
//   a dense first layer and shared experts, phimoe split and fused QKV with short and long RoPE
//   factors, dbrx, llama with SentencePiece and llama-bpe vocabularies), each with its family's
//   vocabulary kind (SentencePiece or the BPE pre-tokenizer llama.cpp uses for it);
// - quantised files, made by quantiseGguf with llama-quantize's recipes (Q4_K_M, Q2_K, Q3_K_M,
//   Q5_K_M, Q6_K, IQ4_XS, IQ4_NL, Q4_0, Q4_1, Q5_0, Q5_1): every block type and the recipes'
//   fallbacks; and two files with every type, one per matrix in turn. Rows of 256 values (the K-quants'
//   block) only where needed: the experts' down projections (nFf = 256), so that each file stays a few tens
//   of KB.
// Usage: fuzz_model_seeds DIR   (tests/fuzz/corpus-model/ holds the output, regenerate it with this)
#include "moe/gguf.h"
#include "moe/model_writer.h"
#include "moe/quantize.h"
#include "moe/tokenizer.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using moe::Architecture;
using moe::QuantRecipe;
using moe::TensorType;

moe::Tokenizer seedTokenizer()
{
    const std::vector<std::string> texts{
        "the tide comes in, the tide goes out; the gulls complain, the sailors shout.\n"
        "12 + 34 = 46 and 7 * 8 = 56. What is 9 + 9? It is 18. Grüße, café, 東京 🌊\n"};
    moe::BpeTrainingOptions options;
    options.vocabSize = 272; // 256 bytes, <|endoftext|> and 15 merges: keeps the seeds small
    return moe::Tokenizer::train(texts, options);
}

// A family's vocabulary (buildVocab's smallest: about 300 tokens), learned from a short mixed text.
moe::Tokenizer familyTokenizer(const moe::VocabKind& kind)
{
    const std::vector<std::string> texts{
        "the tide comes in, the tide goes out; the gulls complain, the sailors shout.",
        "12 + 34 = 46 and 7 * 8 = 56. What is 9 + 9? It is 18.", "Grüße, café, naïve; 東京と大阪 🌊 한국어",
        "  two spaces,\ttabs\tand\nnew lines\n\n", "the the the tide tide tide gulls gulls"};
    return moe::Tokenizer::buildVocab(kind, texts, 300);
}

struct Shape {
    int nEmbd, nLayer, nHead, nHeadKv, nFf, nExpert, nExpertUsed;
    bool tied;
};

moe::ModelConfig configFor(const Shape& s, int nVocab)
{
    moe::ModelConfig c;
    c.nVocab = nVocab;
    c.nEmbd = s.nEmbd;
    c.nLayer = s.nLayer;
    c.nHead = s.nHead;
    c.nHeadKv = s.nHeadKv;
    c.nCtx = 16;
    c.nFf = s.nFf;
    c.nExpert = s.nExpert;
    c.nExpertUsed = s.nExpertUsed;
    c.tiedOutput = s.tied;
    return c;
}

TensorType mixedType(std::string_view name)
{
    using T = TensorType;
    const std::pair<std::string_view, T> table[] = {
        {"token_embd", T::F16},   {"output.", T::Q8_0},       {"attn_norm", T::F16},
        {"ffn_norm", T::BF16},    {"attn_q", T::BF16},        {"attn_k", T::Q8_0},
        {"attn_v", T::F16},       {"ffn_gate_inp", T::Q8_0},  {"ffn_gate_exps", T::F16},
        {"ffn_up_exps", T::BF16}, {"ffn_down_exps", T::Q8_0},
    };
    for (const auto& [part, type] : table)
        if (name.starts_with(part) || name.find("." + std::string(part)) != std::string_view::npos)
            return type;
    return T::F32;
}

moe::GgufValue u32Array(uint32_t value, int count)
{
    return moe::GgufArray{moe::GgufValueType::UInt32, std::vector<moe::GgufScalar>(size_t(count), value)};
}

// The F32 file rewritten with mixed types and every optional key set to a value that changes nothing.
std::vector<std::byte> mixedVariant(const moe::ModelConfig& c, const moe::Tokenizer& tokenizer)
{
    const moe::GgufFile plain = moe::GgufFile::parseOwned(
        moe::buildModelGguf(c, tokenizer, moe::randomWeights(c, 7), {.name = "mixed"}).toBytes());
    moe::GgufWriter w;
    w.setAlignment(64);
    w.metadata() = plain.metadata();
    auto& m = w.metadata();
    m.setOrReplace("llama.attention.head_count", u32Array(uint32_t(c.nHead), c.nLayer));
    m.setOrReplace("llama.feed_forward_length", u32Array(uint32_t(c.nFf), c.nLayer));
    m.setOrReplace("llama.attention.key_length", moe::GgufScalar(uint32_t(c.headDim())));
    m.setOrReplace("llama.attention.value_length", moe::GgufScalar(uint32_t(c.headDim())));
    m.setOrReplace("llama.rope.scaling.type", moe::GgufScalar(std::string("linear")));
    m.setOrReplace("llama.rope.scaling.factor", moe::GgufScalar(1.0f));
    m.setOrReplace(
        "tokenizer.ggml.scores",
        moe::GgufArray{moe::GgufValueType::Float32, std::vector<moe::GgufScalar>(size_t(c.nVocab), 0.0f)});
    m.setOrReplace("tokenizer.ggml.add_bos_token", moe::GgufScalar(true));
    for (const moe::GgufTensorInfo& info : plain.tensors()) {
        std::vector<float> values(static_cast<size_t>(info.elementCount()));
        moe::decodeRow(info.type, plain.tensorData(info).data(), values);
        const TensorType type =
            info.ne[0] % moe::blockSize(mixedType(info.name)) == 0 ? mixedType(info.name) : TensorType::F32;
        std::vector<std::byte> bytes;
        moe::encodeRow(type, values, bytes);
        w.addTensor(info.name, type, info.ne, std::move(bytes));
    }
    return w.toBytes();
}

// ---- The other families ----------------------------------------------------------------------

// A family's features (as init-random and core.architectures set them) at a small shape.
moe::ModelConfig familyConfig(Architecture arch, int nVocab, int nEmbd, int nFf)
{
    moe::ModelConfig c;
    c.arch = arch;
    c.nVocab = nVocab;
    c.nEmbd = nEmbd;
    c.nLayer = 2;
    c.nHead = 2;
    c.nHeadKv = 1;
    c.nCtx = 16;
    c.nFf = nFf;
    c.nExpert = 3;
    c.nExpertUsed = 2;
    c.ropeFreqBase = 500.0f;
    switch (arch) {
    case Architecture::Llama:
        break;
    case Architecture::Olmoe:
        c.nHeadKv = c.nHead; // its QK-norm weights are n_embd wide
        c.normaliseGates = false;
        break;
    case Architecture::Qwen2Moe:
        c.nFfShared = 2 * nFf;
        c.nExpertShared = 1;
        c.sharedExpertGated = true;
        c.normaliseGates = false;
        break;
    case Architecture::GraniteMoe:
        c.embeddingScale = 12.0f;
        c.residualScale = 0.22f;
        c.logitScale = 6.0f;
        c.attentionScale = 0.2f;
        c.tiedOutput = true;
        break;
    case Architecture::Deepseek2: // V3 by default; the callers make V2 and V2-Lite from it
        c.nHeadKv = c.nHead;
        c.valueLength = nEmbd / c.nHead;
        c.ropeDims = std::max(2, c.valueLength / 2);
        c.keyLength = c.valueLength + c.ropeDims;
        c.kvLoraRank = nEmbd;
        c.qLoraRank = nEmbd;
        c.nLeadingDense = 1;
        c.nFfDense = nFf;
        c.nExpertShared = 1;
        c.nFfShared = nFf;
        c.ropeYarn = true;
        c.ropeFreqScale = 0.25f;
        c.ropeOriginalContext = 4;
        c.yarnLogMultiplier = 0.1f;
        c.gating = moe::Gating::Sigmoid;
        c.selectionBias = true;
        c.normaliseGates = true;
        c.expertWeightsScale = 2.5f;
        break;
    case Architecture::PhiMoe:
        c.ropeFactors = true;
        c.ropeOriginalContext = 16; // the fuzz target's context of 8 uses the short factors
        break;
    case Architecture::Dbrx:
        c.fusedQkv = true;
        c.clampKqv = 0.6f;
        break;
    }
    return c;
}

void deepseekV2(moe::ModelConfig& c, bool lite)
{
    c.gating = moe::Gating::Softmax;
    c.selectionBias = false;
    c.normaliseGates = false;
    c.expertWeightsScale = lite ? 1.0f : 2.0f;
    if (lite)
        c.qLoraRank = 0; // attn_q instead of attn_q_a / attn_q_b
    c.nExpertShared = 2;
    c.nFfShared = 2 * c.nFf;
}

std::vector<std::byte> familyBytes(const moe::ModelConfig& c, const moe::Tokenizer& tokenizer,
                                   TensorType matrixType, uint64_t seed, const std::string& name)
{
    moe::WriteOptions options;
    options.matrixType = matrixType;
    options.name = name;
    return moe::buildGguf(c, tokenizer, moe::randomTensors(c, seed), options).toBytes();
}

std::vector<std::byte> readAll(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.eof() && !in)
        throw std::runtime_error("cannot read " + path.string());
    const auto* begin = reinterpret_cast<const std::byte*>(chars.data());
    return {begin, begin + chars.size()};
}

// An F32 file quantised as llama-quantize would (via a temporary file next to the output).
std::vector<std::byte> quantised(const std::vector<std::byte>& f32, QuantRecipe recipe,
                                 const std::filesystem::path& scratch, bool pure)
{
    const moe::GgufFile input = moe::GgufFile::parse(f32, "seed");
    moe::quantiseGguf(input, recipe, scratch.string(), pure);
    std::vector<std::byte> bytes = readAll(scratch);
    std::filesystem::remove(scratch);
    return bytes;
}

// An F32 file with its matrices (2-D and 3-D tensors but the router) given every type in turn:
// rows of 256 the next 256-block type (K-quants, IQ4_XS), the others the next float or 32-block
// type. One Session then meets every kernel; `first` staggers the turns between files.
std::vector<std::byte> everyType(const std::vector<std::byte>& f32, size_t first)
{
    const moe::GgufFile plain = moe::GgufFile::parse(f32, "seed");
    moe::GgufWriter w;
    w.metadata() = plain.metadata();
    std::vector<TensorType> wide, narrow;
    for (TensorType type : moe::allTensorTypes())
        (moe::blockSize(type) == 256 ? wide : narrow).push_back(type);
    size_t nextWide = first, nextNarrow = first;
    for (const moe::GgufTensorInfo& info : plain.tensors()) {
        std::vector<float> values(static_cast<size_t>(info.elementCount()));
        moe::decodeRow(info.type, plain.tensorData(info).data(), values);
        TensorType type = TensorType::F32;
        if (info.ne.size() >= 2 && info.name.find("ffn_gate_inp") == std::string::npos)
            type =
                info.ne[0] % 256 == 0 ? wide[nextWide++ % wide.size()] : narrow[nextNarrow++ % narrow.size()];
        std::vector<std::byte> bytes;
        for (size_t row = 0; row < values.size(); row += static_cast<size_t>(info.ne[0]))
            moe::encodeRow(type, std::span<const float>(values).subspan(row, static_cast<size_t>(info.ne[0])),
                           bytes);
        w.addTensor(info.name, type, info.ne, std::move(bytes));
    }
    return w.toBytes();
}

void write(const std::filesystem::path& path, const std::vector<std::byte>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

void writeLlamaSeeds(const std::filesystem::path& dir)
{
    const moe::Tokenizer tokenizer = seedTokenizer();
    struct Seed {
        const char* file;
        Shape shape;
        TensorType type;
    };
    // Quantised rows need multiples of 32 values, so the Q8_0 model is the widest.
    const Seed seeds[] = {
        {"f32_gqa.gguf", {8, 1, 2, 1, 8, 2, 1, false}, TensorType::F32},
        {"q8_0_gqa.gguf", {32, 2, 4, 2, 32, 4, 2, false}, TensorType::Q8_0},
        {"f16_tied.gguf", {8, 2, 2, 2, 4, 3, 3, true}, TensorType::F16},
        {"bf16_gqa4.gguf", {16, 1, 4, 1, 8, 4, 2, false}, TensorType::BF16},
        {"f32_one_head.gguf", {4, 1, 1, 1, 2, 1, 1, true}, TensorType::F32},
    };
    uint64_t seed = 1;
    for (const Seed& s : seeds) {
        const moe::ModelConfig config = configFor(s.shape, tokenizer.vocabSize());
        moe::WriteOptions options;
        options.matrixType = s.type;
        options.name = s.file;
        write(dir / s.file,
              moe::buildModelGguf(config, tokenizer, moe::randomWeights(config, seed++), options).toBytes());
    }
    const moe::ModelConfig mixed = configFor({32, 2, 4, 1, 32, 3, 2, false}, tokenizer.vocabSize());
    write(dir / "mixed_types_optional_keys.gguf", mixedVariant(mixed, tokenizer));
}

void writeFamilySeeds(const std::filesystem::path& dir)
{
    const auto kindOf = [](Architecture arch) {
        return moe::vocabKindOfArchitecture(architectureName(arch));
    };
    struct Family {
        const char* file;
        Architecture arch;
        moe::VocabKind vocab;
        TensorType type;
        void (*adjust)(moe::ModelConfig&);
    };
    using moe::TokenizerModel;
    const moe::VocabKind spm{TokenizerModel::SentencePiece, ""};
    const Family families[] = {
        {"llama_spm_f16.gguf", Architecture::Llama, spm, TensorType::F16, nullptr},
        {"llama_llama-bpe_bf16.gguf",
         Architecture::Llama,
         {TokenizerModel::Bpe, "llama-bpe"},
         TensorType::BF16,
         nullptr},
        {"olmoe_f32.gguf", Architecture::Olmoe, kindOf(Architecture::Olmoe), TensorType::F32, nullptr},
        {"qwen2moe_bf16.gguf", Architecture::Qwen2Moe, kindOf(Architecture::Qwen2Moe), TensorType::BF16,
         nullptr},
        {"granitemoe_f16_tied.gguf", Architecture::GraniteMoe, kindOf(Architecture::GraniteMoe),
         TensorType::F16, nullptr},
        {"deepseek2_v3_f16.gguf",
         Architecture::Deepseek2,
         {TokenizerModel::Bpe, "deepseek-v3"},
         TensorType::F16,
         nullptr},
        {"deepseek2_v2_f32.gguf", Architecture::Deepseek2, kindOf(Architecture::Deepseek2), TensorType::F32,
         [](moe::ModelConfig& c) { deepseekV2(c, false); }},
        {"deepseek2_v2_lite_bf16.gguf", Architecture::Deepseek2, kindOf(Architecture::Deepseek2),
         TensorType::BF16, [](moe::ModelConfig& c) { deepseekV2(c, true); }},
        {"phimoe_short_factors_f32.gguf", Architecture::PhiMoe, kindOf(Architecture::PhiMoe), TensorType::F32,
         nullptr},
        {"phimoe_fused_long_factors_f16.gguf", Architecture::PhiMoe, kindOf(Architecture::PhiMoe),
         TensorType::F16,
         [](moe::ModelConfig& c) {
             c.fusedQkv = true;
             c.ropeOriginalContext = 4; // below the fuzz target's context: the long factors
             c.ropeAttnFactor = 1.2f;
         }},
        {"dbrx_f32.gguf", Architecture::Dbrx, kindOf(Architecture::Dbrx), TensorType::F32, nullptr},
    };
    uint64_t seed = 100;
    for (const Family& f : families) {
        const moe::Tokenizer tokenizer = familyTokenizer(f.vocab);
        moe::ModelConfig c = familyConfig(f.arch, tokenizer.vocabSize(), 8, 8);
        if (f.adjust)
            f.adjust(c);
        write(dir / f.file, familyBytes(c, tokenizer, f.type, seed++, f.file));
    }
}

// Quantised files: rows of 32 everywhere except the experts' down projections (nFf = 256 where the
// recipe's K-quants should show), so every block type meets the quantised kernels in a Session.
void writeQuantisedSeeds(const std::filesystem::path& dir)
{
    struct Quantised {
        const char* file;
        Architecture arch;
        QuantRecipe recipe;
        int nFf;
        bool pure;
    };
    const Quantised seeds[] = {
        {"llama_q4_k_m.gguf", Architecture::Llama, QuantRecipe::Q4_K_M, 256, false},
        {"olmoe_q2_k.gguf", Architecture::Olmoe, QuantRecipe::Q2_K, 256, false},
        {"qwen2moe_q4_0.gguf", Architecture::Qwen2Moe, QuantRecipe::Q4_0, 32, false},
        {"granitemoe_q6_k.gguf", Architecture::GraniteMoe, QuantRecipe::Q6_K, 256, false},
        {"deepseek2_v3_iq4_xs.gguf", Architecture::Deepseek2, QuantRecipe::IQ4_XS, 256, false},
        {"deepseek2_v2_lite_q5_1.gguf", Architecture::Deepseek2, QuantRecipe::Q5_1, 32, false},
        {"phimoe_q3_k_m.gguf", Architecture::PhiMoe, QuantRecipe::Q3_K_M, 256, false},
        {"dbrx_q5_k_m.gguf", Architecture::Dbrx, QuantRecipe::Q5_K_M, 256, false},
        {"llama_q4_1_pure.gguf", Architecture::Llama, QuantRecipe::Q4_1, 32, true},
        {"olmoe_q5_0_pure.gguf", Architecture::Olmoe, QuantRecipe::Q5_0, 32, true},
        {"qwen2moe_iq4_nl.gguf", Architecture::Qwen2Moe, QuantRecipe::IQ4_NL, 32, false},
    };
    uint64_t seed = 200;
    for (const Quantised& q : seeds) {
        const moe::Tokenizer tokenizer =
            familyTokenizer(moe::vocabKindOfArchitecture(architectureName(q.arch)));
        moe::ModelConfig c = familyConfig(q.arch, tokenizer.vocabSize(), 32, q.nFf);
        c.nExpert = 2;
        c.nExpertUsed = q.arch == Architecture::Deepseek2 ? 1 : 2;
        if (q.file == std::string_view("deepseek2_v2_lite_q5_1.gguf"))
            deepseekV2(c, true);
        const std::vector<std::byte> f32 = familyBytes(c, tokenizer, TensorType::F32, seed++, q.file);
        write(dir / q.file, quantised(f32, q.recipe, dir / (std::string(q.file) + ".tmp"), q.pure));
    }
    // Every type in one file, where the recipes leave some out (Q2_K gives its MoE down Q3_K).
    for (const Architecture arch : {Architecture::Llama, Architecture::Deepseek2}) {
        const moe::Tokenizer tokenizer =
            familyTokenizer(moe::vocabKindOfArchitecture(architectureName(arch)));
        moe::ModelConfig c = familyConfig(arch, tokenizer.vocabSize(), 32, 256);
        c.nLayer = 3;
        c.nExpert = 2;
        c.nExpertUsed = 1;
        const std::string file = std::string(architectureName(arch)) + "_every_type.gguf";
        write(dir / file, everyType(familyBytes(c, tokenizer, TensorType::F32, seed, file), seed % 4));
        ++seed;
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    writeLlamaSeeds(dir);
    writeFamilySeeds(dir);
    writeQuantisedSeeds(dir);
    return 0;
}

// Writes a few small valid models into a directory, as the model-loader fuzzer's seed corpus: F32,
// Q8_0, F16 and BF16 matrices, grouped-query attention, a tied output and a one-head model, each
// with a BPE tokenizer trained on a short text (all 256 byte tokens plus a few merges), and one file
// with every type mixed per tensor and the optional keys the loader reads (per-layer arrays, RoPE
// scaling, key/value lengths, scores, add_bos, alignment 64).
// Usage: fuzz_model_seeds DIR   (tests/fuzz/corpus-model/ holds the output, regenerate it with this)
#include "moe/gguf.h"
#include "moe/model_writer.h"
#include "moe/tokenizer.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

moe::Tokenizer seedTokenizer()
{
    const std::vector<std::string> texts{
        "the tide comes in, the tide goes out; the gulls complain, the sailors shout.\n"
        "12 + 34 = 46 and 7 * 8 = 56. What is 9 + 9? It is 18. Grüße, café, 東京 🌊\n"};
    moe::BpeTrainingOptions options;
    options.vocabSize = 272; // 256 bytes, <|endoftext|> and 15 merges: keeps the seeds small
    return moe::Tokenizer::train(texts, options);
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

moe::TensorType mixedType(std::string_view name)
{
    using T = moe::TensorType;
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
        const moe::TensorType type = info.ne[0] % moe::blockSize(mixedType(info.name)) == 0
                                         ? mixedType(info.name)
                                         : moe::TensorType::F32;
        std::vector<std::byte> bytes;
        moe::encodeRow(type, values, bytes);
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

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    const moe::Tokenizer tokenizer = seedTokenizer();

    struct Seed {
        const char* file;
        Shape shape;
        moe::TensorType type;
    };
    // Quantised rows need multiples of 32 values, so the Q8_0 model is the widest.
    const Seed seeds[] = {
        {"f32_gqa.gguf", {8, 1, 2, 1, 8, 2, 1, false}, moe::TensorType::F32},
        {"q8_0_gqa.gguf", {32, 2, 4, 2, 32, 4, 2, false}, moe::TensorType::Q8_0},
        {"f16_tied.gguf", {8, 2, 2, 2, 4, 3, 3, true}, moe::TensorType::F16},
        {"bf16_gqa4.gguf", {16, 1, 4, 1, 8, 4, 2, false}, moe::TensorType::BF16},
        {"f32_one_head.gguf", {4, 1, 1, 1, 2, 1, 1, true}, moe::TensorType::F32},
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
    return 0;
}

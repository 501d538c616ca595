// Writes a few small valid GGUF files into a directory, as the fuzzer's seed corpus: every key type,
// every tensor type (pattern bytes, and real encodings of a smooth row), a non-default alignment, a
// version 2 header and a Mixtral-style key set.
// Usage: fuzz_gguf_seeds DIR   (tests/fuzz/corpus/ holds the output, regenerate it with this)
#include "moe/gguf.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using moe::GgufArray;
using moe::GgufScalar;
using moe::GgufValueType;
using moe::TensorType;

std::vector<std::byte> pattern(size_t n, unsigned seed)
{
    std::vector<std::byte> out(n);
    for (size_t i = 0; i < n; ++i)
        out[i] = static_cast<std::byte>((i * 37 + seed * 11) & 0xff);
    return out;
}

void addTensor(moe::GgufWriter& writer, const std::string& name, TensorType type, std::vector<int64_t> ne)
{
    const uint64_t bytes = *moe::tensorBytes(type, ne);
    writer.addTensor(name, type, std::move(ne), pattern(bytes, static_cast<unsigned>(name.size())));
}

moe::GgufWriter everyKeyType()
{
    moe::GgufWriter w;
    auto& m = w.metadata();
    m.add("u8", GgufScalar(uint8_t{1}));
    m.add("i8", GgufScalar(int8_t{-1}));
    m.add("u16", GgufScalar(uint16_t{2}));
    m.add("i16", GgufScalar(int16_t{-2}));
    m.add("u32", GgufScalar(uint32_t{3}));
    m.add("i32", GgufScalar(int32_t{-3}));
    m.add("f32", GgufScalar(0.5f));
    m.add("bool", GgufScalar(true));
    m.add("str", GgufScalar(std::string("s\xc3\xa9")));
    m.add("u64", GgufScalar(uint64_t{4}));
    m.add("i64", GgufScalar(int64_t{-4}));
    m.add("f64", GgufScalar(0.25));
    m.add("a.u32", GgufArray{GgufValueType::UInt32, {uint32_t{1}, uint32_t{2}}});
    m.add("a.i32", GgufArray{GgufValueType::Int32, {int32_t{1}, int32_t{-2}}});
    m.add("a.f32", GgufArray{GgufValueType::Float32, {1.0f}});
    m.add("a.bool", GgufArray{GgufValueType::Bool, {false, true}});
    m.add("a.str", GgufArray{GgufValueType::String, {std::string(), std::string("ab")}});
    m.add("a.u8", GgufArray{GgufValueType::UInt8, {uint8_t{9}}});
    return w;
}

// One small tensor of each type the reader knows: one or two blocks per row (rows of 256 for the
// K-quants and IQ4_XS), in 1 to 4 dimensions.
moe::GgufWriter everyTensorType()
{
    moe::GgufWriter w;
    addTensor(w, "f32", TensorType::F32, {3, 2});
    addTensor(w, "f16", TensorType::F16, {5});
    addTensor(w, "bf16", TensorType::BF16, {2, 1, 2});
    addTensor(w, "q8_0", TensorType::Q8_0, {32, 1, 1, 2});
    addTensor(w, "q4_0", TensorType::Q4_0, {64});
    addTensor(w, "q4_1", TensorType::Q4_1, {32, 2});
    addTensor(w, "q5_0", TensorType::Q5_0, {32, 1, 2});
    addTensor(w, "q5_1", TensorType::Q5_1, {64, 1});
    addTensor(w, "iq4_nl", TensorType::IQ4_NL, {32, 2});
    addTensor(w, "q2_k", TensorType::Q2_K, {256});
    addTensor(w, "q3_k", TensorType::Q3_K, {256, 1});
    addTensor(w, "q4_k", TensorType::Q4_K, {256, 2});
    addTensor(w, "q5_k", TensorType::Q5_K, {256, 1, 1});
    addTensor(w, "q6_k", TensorType::Q6_K, {512});
    addTensor(w, "iq4_xs", TensorType::IQ4_XS, {256, 1, 1, 1});
    return w;
}

// Real encodings of a smooth row in every type (the pattern bytes above make extreme scales).
moe::GgufWriter encodedTensors()
{
    moe::GgufWriter w;
    for (TensorType type : moe::allTensorTypes()) {
        const int64_t n = std::max<int64_t>(moe::blockSize(type), 32);
        std::vector<float> values(static_cast<size_t>(n));
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = std::sin(0.37f * static_cast<float>(i)) * (1.0f + 0.01f * static_cast<float>(i));
        std::vector<std::byte> bytes;
        moe::encodeRow(type, values, bytes);
        w.addTensor("blk.0." + std::string(moe::tensorTypeName(type)) + ".weight", type, {n},
                    std::move(bytes));
    }
    return w;
}

moe::GgufWriter mixtralLike()
{
    moe::GgufWriter w;
    auto& m = w.metadata();
    m.add("general.architecture", GgufScalar(std::string("llama")));
    m.add("llama.block_count", GgufScalar(uint32_t{1}));
    m.add("llama.embedding_length", GgufScalar(uint32_t{4}));
    m.add("llama.feed_forward_length", GgufArray{GgufValueType::UInt32, {uint32_t{8}}});
    m.add("llama.attention.head_count", GgufScalar(uint32_t{2}));
    m.add("llama.attention.layer_norm_rms_epsilon", GgufScalar(1e-5f));
    m.add("llama.expert_count", GgufScalar(uint32_t{2}));
    m.add("llama.expert_used_count", GgufScalar(uint32_t{1}));
    m.add("tokenizer.ggml.model", GgufScalar(std::string("gpt2")));
    m.add("tokenizer.ggml.pre", GgufScalar(std::string("gpt-2")));
    m.add("tokenizer.ggml.tokens", GgufArray{GgufValueType::String, {std::string("a"), std::string("b")}});
    m.add("tokenizer.ggml.token_type", GgufArray{GgufValueType::Int32, {int32_t{1}, int32_t{1}}});
    m.add("tokenizer.ggml.merges", GgufArray{GgufValueType::String, {std::string("a b")}});
    addTensor(w, "token_embd.weight", TensorType::F32, {4, 2});
    addTensor(w, "blk.0.ffn_up_exps.weight", TensorType::F16, {4, 8, 2});
    return w;
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

    write(dir / "empty.gguf", moe::GgufWriter().toBytes());
    write(dir / "every_key_type.gguf", everyKeyType().toBytes());
    write(dir / "every_tensor_type.gguf", everyTensorType().toBytes());
    write(dir / "encoded_tensors.gguf", encodedTensors().toBytes());
    write(dir / "mixtral_like.gguf", mixtralLike().toBytes());

    moe::GgufWriter aligned = everyTensorType();
    aligned.setAlignment(8);
    write(dir / "alignment_8.gguf", aligned.toBytes());

    std::vector<std::byte> v2 = mixtralLike().toBytes();
    v2[4] = std::byte{2};
    write(dir / "version_2.gguf", v2);
    return 0;
}

// Sizes of the ggml tensor types moe supports, and their scalar encodings (bit-exact with ggml's
// reference conversions).
#include "moe/tensor_types.h"

#include "block_dequant.h"
#include "block_quant.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

namespace moe {

namespace {

struct TypeInfo {
    TensorType type;
    std::string_view name; // ggml's spelling
    int64_t blockSize, blockBytes;
};

// ggml's block sizes (shared/reference/moe-architectures.md section 14.1).
constexpr TypeInfo kTypes[] = {
    {TensorType::F32, "F32", 1, 4},         {TensorType::F16, "F16", 1, 2},
    {TensorType::Q4_0, "Q4_0", 32, 18},     {TensorType::Q4_1, "Q4_1", 32, 20},
    {TensorType::Q5_0, "Q5_0", 32, 22},     {TensorType::Q5_1, "Q5_1", 32, 24},
    {TensorType::Q8_0, "Q8_0", 32, 34},     {TensorType::Q2_K, "Q2_K", 256, 84},
    {TensorType::Q3_K, "Q3_K", 256, 110},   {TensorType::Q4_K, "Q4_K", 256, 144},
    {TensorType::Q5_K, "Q5_K", 256, 176},   {TensorType::Q6_K, "Q6_K", 256, 210},
    {TensorType::IQ4_NL, "IQ4_NL", 32, 18}, {TensorType::IQ4_XS, "IQ4_XS", 256, 136},
    {TensorType::BF16, "BF16", 1, 2},
};

constexpr std::array<TensorType, std::size(kTypes)> kTypeList = [] {
    std::array<TensorType, std::size(kTypes)> list{};
    for (size_t i = 0; i < list.size(); ++i)
        list[i] = kTypes[i].type;
    return list;
}();

const TypeInfo* infoOf(TensorType type)
{
    for (const TypeInfo& info : kTypes)
        if (info.type == type)
            return &info;
    return nullptr;
}

} // namespace

std::span<const TensorType> allTensorTypes()
{
    return kTypeList;
}

bool isQuantised(TensorType type)
{
    return blockSize(type) > 1;
}

std::optional<TensorType> tensorTypeFromId(uint32_t id)
{
    for (const TypeInfo& info : kTypes)
        if (static_cast<uint32_t>(info.type) == id)
            return info.type;
    return std::nullopt;
}

std::string_view tensorTypeName(TensorType type)
{
    const TypeInfo* info = infoOf(type);
    return info ? info->name : "?";
}

std::optional<TensorType> tensorTypeFromName(std::string_view name)
{
    for (const TypeInfo& info : kTypes) {
        if (info.name.size() == name.size() &&
            std::equal(name.begin(), name.end(), info.name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            }))
            return info.type;
    }
    return std::nullopt;
}

int64_t blockSize(TensorType type)
{
    const TypeInfo* info = infoOf(type);
    return info ? info->blockSize : 1;
}

int64_t blockBytes(TensorType type)
{
    const TypeInfo* info = infoOf(type);
    return info ? info->blockBytes : 0;
}

std::optional<uint64_t> tensorBytes(TensorType type, std::span<const int64_t> ne)
{
    if (ne.empty())
        return std::nullopt;
    for (int64_t n : ne)
        if (n < 0)
            return std::nullopt;
    if (ne[0] % blockSize(type) != 0)
        return std::nullopt;
    constexpr uint64_t kLimit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    const auto blocks = static_cast<uint64_t>(ne[0] / blockSize(type));
    const auto perBlock = static_cast<uint64_t>(blockBytes(type));
    if (blocks > kLimit / perBlock) // ne[0] = 2^62 F32 would otherwise wrap to 0 bytes
        return std::nullopt;
    uint64_t bytes = blocks * perBlock;
    for (size_t i = 1; i < ne.size(); ++i) {
        const auto n = static_cast<uint64_t>(ne[i]);
        if (n != 0 && bytes > kLimit / n)
            return std::nullopt;
        bytes *= n;
    }
    return bytes;
}

float halfToFloat(uint16_t h)
{
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t exponent = (h >> 10) & 0x1fu;
    uint32_t mantissa = h & 0x3ffu;
    uint32_t bits;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else { // subnormal half: normalise into a float
            int e = -1;
            do {
                ++e;
                mantissa <<= 1;
            } while ((mantissa & 0x400u) == 0);
            bits = sign | (static_cast<uint32_t>(127 - 15 - e) << 23) | ((mantissa & 0x3ffu) << 13);
        }
    } else if (exponent == 0x1f) {
        bits = sign | 0x7f800000u | (mantissa << 13); // inf or NaN
    } else {
        bits = sign | ((exponent + (127 - 15)) << 23) | (mantissa << 13);
    }
    return std::bit_cast<float>(bits);
}

uint16_t floatToHalf(float f)
{
    // Round to nearest even via the float-arithmetic trick ggml's reference conversion uses.
    const float scaleToInf = std::bit_cast<float>(0x77800000u);
    const float scaleToZero = std::bit_cast<float>(0x08800000u);
    float base = (std::fabs(f) * scaleToInf) * scaleToZero;
    const uint32_t w = std::bit_cast<uint32_t>(f);
    const uint32_t shl1W = w + w;
    const uint32_t sign = w & 0x80000000u;
    uint32_t bias = shl1W & 0xff000000u;
    if (bias < 0x71000000u)
        bias = 0x71000000u;
    base = std::bit_cast<float>((bias >> 1) + 0x07800000u) + base;
    const uint32_t bits = std::bit_cast<uint32_t>(base);
    const uint32_t expBits = (bits >> 13) & 0x00007c00u;
    const uint32_t mantissaBits = bits & 0x00000fffu;
    const uint32_t nonsign = expBits + mantissaBits;
    return static_cast<uint16_t>((sign >> 16) | (shl1W > 0xff000000u ? 0x7e00u : nonsign));
}

float bf16ToFloat(uint16_t b)
{
    return std::bit_cast<float>(static_cast<uint32_t>(b) << 16);
}

uint16_t floatToBf16(float f)
{
    uint32_t bits = std::bit_cast<uint32_t>(f);
    if ((bits & 0x7fffffffu) > 0x7f800000u)
        return static_cast<uint16_t>((bits >> 16) | 64u); // force a quiet NaN
    bits += 0x7fffu + ((bits >> 16) & 1u);                // round to nearest even
    return static_cast<uint16_t>(bits >> 16);
}

namespace {

template <typename T> void appendBytes(std::vector<std::byte>& out, const T& value)
{
    const auto* p = reinterpret_cast<const std::byte*>(&value);
    out.insert(out.end(), p, p + sizeof(T));
}

} // namespace

void encodeRow(TensorType type, std::span<const float> values, std::vector<std::byte>& out)
{
    if (values.size() % static_cast<size_t>(blockSize(type)) != 0)
        throw std::invalid_argument("row of " + std::to_string(values.size()) +
                                    " values is not a multiple of " + std::to_string(blockSize(type)) +
                                    " for " + std::string(tensorTypeName(type)));
    if (values.empty())
        return; // (and memcpy never sees a null pointer)
    // The float types grow `out` once: an insert per value dominated writing large F32 models (and
    // the model-loader fuzz target's rewrite).
    const auto appendEach = [&](auto convert) {
        const size_t start = out.size();
        out.resize(start + values.size() * sizeof(convert(0.0f)));
        for (size_t i = 0; i < values.size(); ++i) {
            const auto v = convert(values[i]);
            std::memcpy(out.data() + start + i * sizeof(v), &v, sizeof(v));
        }
    };
    switch (type) {
    case TensorType::F32: {
        const size_t start = out.size();
        out.resize(start + values.size_bytes());
        std::memcpy(out.data() + start, values.data(), values.size_bytes());
        return;
    }
    case TensorType::F16:
        appendEach(floatToHalf);
        return;
    case TensorType::BF16:
        appendEach(floatToBf16);
        return;
    case TensorType::Q8_0:
        for (size_t b = 0; b < values.size(); b += 32) {
            // ggml's reference quantiser: d = max|x| / 127, q = round(x / d).
            float amax = 0.0f;
            for (size_t j = 0; j < 32; ++j)
                amax = std::max(amax, std::fabs(values[b + j]));
            const float d = amax / 127.0f;
            const float id = d != 0.0f ? 1.0f / d : 0.0f;
            BlockQ8_0 block{};
            block.d = floatToHalf(d);
            for (size_t j = 0; j < 32; ++j)
                block.q[j] = static_cast<int8_t>(std::lround(values[b + j] * id));
            appendBytes(out, block);
        }
        return;
    default: { // the other block types, exactly as llama-quantize writes them
        const size_t start = out.size();
        out.resize(start + values.size() / static_cast<size_t>(blockSize(type)) *
                               static_cast<size_t>(blockBytes(type)));
        if (!quant::quantize(static_cast<uint32_t>(type), values, out.data() + start)) {
            out.resize(start);
            throw std::invalid_argument("cannot encode " + std::string(tensorTypeName(type)));
        }
        return;
    }
    }
}

void decodeRow(TensorType type, const std::byte* row, std::span<float> values)
{
    switch (type) {
    case TensorType::F32:
        std::memcpy(values.data(), row, values.size() * sizeof(float));
        return;
    case TensorType::F16:
        for (size_t i = 0; i < values.size(); ++i) {
            uint16_t h;
            std::memcpy(&h, row + 2 * i, 2);
            values[i] = halfToFloat(h);
        }
        return;
    case TensorType::BF16:
        for (size_t i = 0; i < values.size(); ++i) {
            uint16_t h;
            std::memcpy(&h, row + 2 * i, 2);
            values[i] = bf16ToFloat(h);
        }
        return;
    case TensorType::Q8_0:
        for (size_t b = 0; b * 32 < values.size(); ++b) {
            BlockQ8_0 block;
            std::memcpy(&block, row + b * sizeof(BlockQ8_0), sizeof(BlockQ8_0));
            const float d = halfToFloat(block.d);
            for (size_t j = 0; j < 32; ++j)
                values[b * 32 + j] = d * static_cast<float>(block.q[j]);
        }
        return;
    default: // the other block types, exactly as llama.cpp's dequantize_row_*
        quant::dequantize(static_cast<uint32_t>(type), row, values);
        return;
    }
}

} // namespace moe

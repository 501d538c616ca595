// The ggml tensor types moe reads and writes, their sizes, and scalar conversions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace moe {

// Values are ggml's type ids as stored in GGUF tensor infos.
enum class TensorType : uint32_t { F32 = 0, F16 = 1, Q8_0 = 8, BF16 = 30 };

std::optional<TensorType> tensorTypeFromId(uint32_t id); // nullopt for ids moe does not support
std::string_view tensorTypeName(TensorType type);         // "F32", "F16", "Q8_0", "BF16"
std::optional<TensorType> tensorTypeFromName(std::string_view name); // "f32", "q8_0", ... (any case)
int64_t blockSize(TensorType type);                       // elements per block: 32 for Q8_0, else 1
int64_t blockBytes(TensorType type);                      // bytes per block: 34 for Q8_0

// Bytes of a dense tensor with ggml dims ne (ne[0] fastest). Returns nullopt when ne[0] is not a
// multiple of the block size, a dim is negative, or the size overflows 63 bits.
std::optional<uint64_t> tensorBytes(TensorType type, std::span<const int64_t> ne);

// Q8_0 block exactly as ggml stores it: one f16 scale, then 32 signed bytes; value = d * q[j].
struct BlockQ8_0 {
    uint16_t d;
    int8_t q[32];
};
static_assert(sizeof(BlockQ8_0) == 34);

float halfToFloat(uint16_t h);
uint16_t floatToHalf(float f); // round to nearest even, like ggml's reference
float bf16ToFloat(uint16_t b);
uint16_t floatToBf16(float f); // round to nearest even; NaN stays a quiet NaN (llama.cpp's converter)

// Encode n floats (a row; n % blockSize == 0) into the type's bytes, appended to out.
void encodeRow(TensorType type, std::span<const float> values, std::vector<std::byte>& out);
// Decode n floats from a row of the type's bytes.
void decodeRow(TensorType type, const std::byte* row, std::span<float> values);

} // namespace moe

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
enum class TensorType : uint32_t {
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    IQ4_NL = 20,
    IQ4_XS = 23,
    BF16 = 30,
};

// Every type above, in id order.
std::span<const TensorType> allTensorTypes();
// True for the block-quantised types (everything but F32, F16 and BF16).
bool isQuantised(TensorType type);

std::optional<TensorType> tensorTypeFromId(uint32_t id); // nullopt for ids moe does not support
std::string_view tensorTypeName(TensorType type);        // "F32", "Q4_K", "IQ4_XS", ... (ggml's names)
std::optional<TensorType> tensorTypeFromName(std::string_view name); // "f32", "q8_0", ... (any case)
int64_t blockSize(TensorType type);  // elements per block: 1 for floats, 32 for Q8_0, 256 for K-quants
int64_t blockBytes(TensorType type); // bytes per block: 34 for Q8_0, 144 for Q4_K, ...

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

// Encode n floats (a row; n % blockSize == 0) into the type's bytes, appended to out. The block
// types come out byte for byte as llama.cpp b4748's llama-quantize writes them without an
// importance matrix. Throws std::invalid_argument when n is not a whole number of blocks.
void encodeRow(TensorType type, std::span<const float> values, std::vector<std::byte>& out);
// Decode n floats from a row of the type's bytes.
void decodeRow(TensorType type, const std::byte* row, std::span<float> values);

} // namespace moe

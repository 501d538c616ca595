// Reference dequantisation of ggml's quantised block types, as llama.cpp's dequantize_row_* computes
// them (layouts: shared/reference/moe-architectures.md section 14): the legacy 32-element blocks
// (Q4_0, Q4_1, Q5_0, Q5_1), the 256-element K-quants (Q2_K ... Q6_K) and the non-linear IQ4_NL and
// IQ4_XS. Scalar and exact: the ground truth for the vectorised kernels and the loader that come
// next (issue 17). Not yet reachable from moe::TensorType or the model loader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace moe::quant {

// ggml type ids as stored in GGUF tensor infos.
enum class BlockType : uint32_t {
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    IQ4_NL = 20,
    IQ4_XS = 23,
};

struct BlockLayout {
    int elements; // per block
    int bytes;    // per block
};
// nullopt for an id that is not one of the types above.
std::optional<BlockLayout> blockLayout(uint32_t ggmlType);

// Decodes out.size() values (a whole number of blocks) from `blocks`, which must hold
// out.size() / elements * bytes bytes. Returns false, writing nothing, if the type is unknown or
// out.size() is not a whole number of blocks.
bool dequantize(uint32_t ggmlType, const std::byte* blocks, std::span<float> out);

} // namespace moe::quant

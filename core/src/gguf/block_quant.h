// Reference quantisation into ggml's block types, byte for byte what llama.cpp b4748's
// `llama-quantize` writes without an importance matrix: quantize_row_*_ref for the legacy and
// K-quant types (quantize_q4_K and friends take that path when quant_weights is NULL), and
// quantize_iq4_nl / quantize_iq4_xs with no weights (7 scale trials per block). Layouts:
// shared/reference/moe-architectures.md section 14; block_dequant.h decodes them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace moe::quant {

// Encodes values (a whole number of blocks of the type, see blockLayout) into `blocks`, which must
// have room for values.size() / elements * bytes bytes. Returns false, writing nothing, if the
// type is not one of block_dequant.h's BlockType ids or values is not a whole number of blocks.
// Deterministic for any input, NaN and infinities included (they give the bytes ggml's x86 build
// gives, without undefined behaviour).
bool quantize(uint32_t ggmlType, std::span<const float> values, std::byte* blocks);

} // namespace moe::quant

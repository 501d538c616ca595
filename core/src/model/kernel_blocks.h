// The blocks activations are rounded to before they meet a quantised weight, as ggml's CPU backend
// pairs them (its vec_dot_type): Q8_0 for Q4_0, Q5_0, Q8_0 and IQ4_NL; Q8_1 (with the block sum)
// for Q4_1 and Q5_1, whose weights carry an offset; Q8_K (256 values with 16-value sums) for the
// K-quants and IQ4_XS. Byte layouts equal ggml's block_q8_0, block_q8_1 and block_q8_K.
#pragma once

#include "moe/tensor_types.h"

#include <cstddef>
#include <cstdint>

namespace moe::kernels {

// What a weight type's kernels round their input to (Float: they take the floats as they are).
enum class ActivationType { Float, Q8_0, Q8_1, Q8_K };

// value = d * q[j]; s = d * sum(q) rounded to f16 (the offset term of Q4_1 and Q5_1 dots).
struct BlockQ8_1 {
    uint16_t d;
    uint16_t s;
    int8_t q[32];
};
static_assert(sizeof(BlockQ8_1) == 36);

// value = d * q[j] (d a float, negative when the block's largest |x| is positive, as in ggml);
// bsums[k] = sum of q[16k .. 16k + 15] (the min term of the K-quant dots).
struct BlockQ8_K {
    float d;
    int8_t q[256];
    int16_t bsums[16];
};
static_assert(sizeof(BlockQ8_K) == 292);

} // namespace moe::kernels

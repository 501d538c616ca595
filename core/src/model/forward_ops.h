// Small vector operations of the llama forward pass (shared/reference/gguf-mixtral.md section 3.4).
#pragma once

#include <cstddef>

namespace moe {

// rows * cols as a size, for buffer offsets.
inline size_t product(int rows, int cols)
{
    return static_cast<size_t>(rows) * static_cast<size_t>(cols);
}

// out = x / sqrt(mean(x^2) + eps) * weight, over n values (as ggml: the sum of squares in double).
void rmsNorm(const float* x, const float* weight, int n, float eps, float* out);

// out = (x - mean(x)) / sqrt(var(x) + eps) * weight (+ bias if not null): ggml_norm, as dbrx uses.
void layerNorm(const float* x, const float* weight, const float* bias, int n, float eps, float* out);

// a[i] = silu(a[i]) * b[i]: the SwiGLU of an expert's gate and up projections.
void swiglu(float* a, const float* b, int n);

} // namespace moe

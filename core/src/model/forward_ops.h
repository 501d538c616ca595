// Small vector operations of the llama forward pass (shared/reference/gguf-mixtral.md section 3.4).
#pragma once

namespace moe {

// out = x / sqrt(mean(x^2) + eps) * weight, over n values (as ggml: the sum of squares in double).
void rmsNorm(const float* x, const float* weight, int n, float eps, float* out);

// a[i] = silu(a[i]) * b[i]: the SwiGLU of an expert's gate and up projections.
void swiglu(float* a, const float* b, int n);

} // namespace moe

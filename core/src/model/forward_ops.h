// Small vector operations of the llama forward pass (shared/reference/gguf-mixtral.md section 3.4).
#pragma once

#include <vector>

namespace moe {

// out = x / sqrt(mean(x^2) + eps) * weight, over n values (as ggml: the sum of squares in double).
void rmsNorm(const float* x, const float* weight, int n, float eps, float* out);

// a[i] = silu(a[i]) * b[i]: the SwiGLU of an expert's gate and up projections.
void swiglu(float* a, const float* b, int n);

// RoPE mode 0 ("normal", arch llama): rotates ADJACENT pairs (v[2i], v[2i+1]) inside each head by
// theta_i = pos * base^(-2i / headDim). Angles are tabulated once per position, in double.
class RopeTable {
public:
    RopeTable(int nCtx, int headDim, float freqBase);
    // v holds nHeads heads of headDim values; pos < nCtx.
    void apply(float* v, int nHeads, int pos) const;

private:
    int m_headDim;
    std::vector<float> m_cos, m_sin; // (nCtx, headDim / 2)
};

} // namespace moe

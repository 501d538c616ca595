// Small vector operations of the llama forward pass.
#include "forward_ops.h"

#include <cmath>

namespace moe {

void rmsNorm(const float* x, const float* weight, int n, float eps, float* out)
{
    double sum = 0.0;
    for (int i = 0; i < n; ++i)
        sum += static_cast<double>(x[i] * x[i]);
    const auto mean = static_cast<float>(sum / n);
    const float scale = 1.0f / std::sqrt(mean + eps);
    for (int i = 0; i < n; ++i)
        out[i] = (x[i] * scale) * weight[i];
}

void layerNorm(const float* x, const float* weight, const float* bias, int n, float eps, float* out)
{
    double sum = 0.0;
    for (int i = 0; i < n; ++i)
        sum += static_cast<double>(x[i]);
    const auto mean = static_cast<float>(sum / n);
    double squares = 0.0;
    for (int i = 0; i < n; ++i) {
        out[i] = x[i] - mean;
        squares += static_cast<double>(out[i] * out[i]);
    }
    const float scale = 1.0f / std::sqrt(static_cast<float>(squares / n) + eps);
    for (int i = 0; i < n; ++i)
        out[i] = out[i] * scale * weight[i] + (bias ? bias[i] : 0.0f);
}

void swiglu(float* a, const float* b, int n)
{
    for (int i = 0; i < n; ++i)
        a[i] = a[i] / (1.0f + std::exp(-a[i])) * b[i];
}

} // namespace moe

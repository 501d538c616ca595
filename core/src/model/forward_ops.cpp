// Small vector operations of the llama forward pass.
#include "forward_ops.h"

#include <cassert>
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

void swiglu(float* a, const float* b, int n)
{
    for (int i = 0; i < n; ++i)
        a[i] = a[i] / (1.0f + std::exp(-a[i])) * b[i];
}

RopeTable::RopeTable(int nCtx, int headDim, float freqBase) : m_headDim(headDim)
{
    const int half = headDim / 2;
    m_cos.resize(static_cast<size_t>(nCtx) * half);
    m_sin.resize(m_cos.size());
    for (int pos = 0; pos < nCtx; ++pos) {
        for (int i = 0; i < half; ++i) {
            const double theta = pos * std::pow(static_cast<double>(freqBase), -2.0 * i / headDim);
            m_cos[static_cast<size_t>(pos) * half + i] = static_cast<float>(std::cos(theta));
            m_sin[static_cast<size_t>(pos) * half + i] = static_cast<float>(std::sin(theta));
        }
    }
}

void RopeTable::apply(float* v, int nHeads, int pos) const
{
    const int half = m_headDim / 2;
    assert(static_cast<size_t>(pos + 1) * half <= m_cos.size());
    const float* c = m_cos.data() + static_cast<size_t>(pos) * half;
    const float* s = m_sin.data() + static_cast<size_t>(pos) * half;
    for (int h = 0; h < nHeads; ++h) {
        float* head = v + static_cast<size_t>(h) * m_headDim;
        for (int i = 0; i < half; ++i) {
            const float x0 = head[2 * i], x1 = head[2 * i + 1];
            head[2 * i] = x0 * c[i] - x1 * s[i];
            head[2 * i + 1] = x0 * s[i] + x1 * c[i];
        }
    }
}

} // namespace moe

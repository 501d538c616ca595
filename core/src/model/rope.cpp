// Rotary position embedding (mode 0), forward and backward; the engine's scaled variants.
#include "rope.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <numbers>

namespace moe {

namespace {

// YaRN's correction range: the pairs whose wavelength fits the training context beta times
// (ggml_rope_yarn_corr_dims, in float as ggml computes it).
float yarnCorrectionDim(int dims, int originalContext, float beta, float base)
{
    return static_cast<float>(dims) *
           std::log(static_cast<float>(originalContext) / (beta * 2.0f * std::numbers::pi_v<float>)) /
           (2.0f * std::log(base));
}

// The angle of pair i at position pos and the factor on cos and sin (ggml's rope_yarn).
void scaledAngle(const RopeParams& p, const float corr[2], int pos, int i, double& theta, double& mscale)
{
    const double extrap = pos * std::pow(static_cast<double>(p.freqBase), -2.0 * i / p.dims) /
                          (p.freqFactors.empty() ? 1.0 : p.freqFactors[static_cast<size_t>(i)]);
    const double interp = p.freqScale * extrap;
    theta = interp;
    mscale = p.attnFactor;
    if (p.yarn) {
        const double y = (i - corr[0]) / std::max(0.001f, corr[1] - corr[0]);
        const double mix = 1.0 - std::clamp(y, 0.0, 1.0);
        theta = interp * (1.0 - mix) + extrap * mix;
        mscale *= 1.0 + 0.1 * std::log(1.0 / p.freqScale);
    }
}

} // namespace

template <typename T> Rope<T>::Rope(int maxLength, int headDim, float freqBase) : m_headDim(headDim)
{
    const int half = headDim / 2;
    m_cos.resize(static_cast<size_t>(maxLength) * half);
    m_sin.resize(m_cos.size());
    for (int pos = 0; pos < maxLength; ++pos) {
        for (int i = 0; i < half; ++i) {
            const double theta = pos * std::pow(static_cast<double>(freqBase), -2.0 * i / headDim);
            m_cos[static_cast<size_t>(pos) * half + i] = static_cast<T>(std::cos(theta));
            m_sin[static_cast<size_t>(pos) * half + i] = static_cast<T>(std::sin(theta));
        }
    }
}

template <typename T>
Rope<T>::Rope(int maxLength, const RopeParams& params) : m_headDim(params.dims), m_neox(params.neox)
{
    assert(params.dims > 0 && params.dims % 2 == 0);
    assert(params.freqFactors.empty() || static_cast<int>(params.freqFactors.size()) == params.dims / 2);
    const int half = params.dims / 2;
    float corr[2] = {0.0f, 0.0f};
    if (params.yarn) {
        const int context = params.originalContext;
        corr[0] = std::max(0.0f, std::floor(yarnCorrectionDim(params.dims, context, 32.0f, params.freqBase)));
        corr[1] = std::min(static_cast<float>(params.dims - 1),
                           std::ceil(yarnCorrectionDim(params.dims, context, 1.0f, params.freqBase)));
    }
    m_cos.resize(static_cast<size_t>(maxLength) * half);
    m_sin.resize(m_cos.size());
    for (int pos = 0; pos < maxLength; ++pos) {
        for (int i = 0; i < half; ++i) {
            double theta = 0.0, mscale = 1.0;
            scaledAngle(params, corr, pos, i, theta, mscale);
            m_cos[static_cast<size_t>(pos) * half + i] = static_cast<T>(std::cos(theta) * mscale);
            m_sin[static_cast<size_t>(pos) * half + i] = static_cast<T>(std::sin(theta) * mscale);
        }
    }
}

template <typename T> void Rope<T>::apply(T* v, int nHeads, int stride, int pos) const
{
    const int half = m_headDim / 2;
    assert(static_cast<size_t>(pos + 1) * half <= m_cos.size());
    const T* c = m_cos.data() + static_cast<size_t>(pos) * half;
    const T* s = m_sin.data() + static_cast<size_t>(pos) * half;
    // NEOX pairs value i with value i + dims/2; NORM pairs adjacent values.
    const int step = m_neox ? 1 : 2, partner = m_neox ? half : 1;
    for (int h = 0; h < nHeads; ++h) {
        T* head = v + static_cast<size_t>(h) * stride;
        for (int i = 0; i < half; ++i) {
            T* a = head + static_cast<size_t>(i) * step;
            const T x0 = a[0], x1 = a[partner];
            a[0] = x0 * c[i] - x1 * s[i];
            a[partner] = x0 * s[i] + x1 * c[i];
        }
    }
}

template <typename T> void Rope<T>::forward(T* v, int rows, int width, int stride, int length) const
{
    turnRows(v, rows, width, stride, length, T(1));
}

// Forward: each pair turns by theta, an orthogonal map; its transpose is the turn by -theta.
template <typename T> void Rope<T>::backward(T* dv, int rows, int width, int stride, int length) const
{
    turnRows(dv, rows, width, stride, length, T(-1));
}

template <typename T> void Rope<T>::turnRows(T* v, int rows, int width, int stride, int length, T sign) const
{
    for (int r = 0; r < rows; ++r)
        turn(v + static_cast<size_t>(r) * stride, width / m_headDim, r % length, sign);
}

template <typename T> void Rope<T>::turn(T* v, int nHeads, int pos, T sign) const
{
    assert(!m_neox); // the trainer's plain RoPE
    const int half = m_headDim / 2;
    assert(static_cast<size_t>(pos + 1) * half <= m_cos.size());
    const T* c = m_cos.data() + static_cast<size_t>(pos) * half;
    const T* s = m_sin.data() + static_cast<size_t>(pos) * half;
    for (int h = 0; h < nHeads; ++h) {
        T* head = v + static_cast<size_t>(h) * m_headDim;
        for (int i = 0; i < half; ++i) {
            const T x0 = head[2 * i], x1 = head[2 * i + 1], si = sign * s[i];
            head[2 * i] = x0 * c[i] - x1 * si;
            head[2 * i + 1] = x0 * si + x1 * c[i];
        }
    }
}

template class Rope<float>;
template class Rope<double>;

} // namespace moe

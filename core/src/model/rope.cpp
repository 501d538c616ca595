// Rotary position embedding (mode 0), forward and backward.
#include "rope.h"

#include <cassert>
#include <cmath>
#include <cstddef>

namespace moe {

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

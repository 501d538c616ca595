// Forward and backward of the model's operations (float for training, double for gradient checks).
#include "train_ops.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace moe::train {

namespace {

template <typename T> using ArrayMap = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T> using ConstArrayMap = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;

} // namespace

template <typename T>
void linearForward(const ConstMatMap<T>& x, const ConstMatMap<T>& w, MatMap<T> y, bool accumulate)
{
    gemm<T>(x, Op::Plain, w, Op::Transposed, y, accumulate ? T(1) : T(0));
}

// Forward: y = x w^T.
template <typename T>
void linearBackward(const ConstMatMap<T>& x, const ConstMatMap<T>& w, const ConstMatMap<T>& dy, MatMap<T> dx,
                    bool accumulateDx, MatMap<T> dw)
{
    gemm<T>(dy, Op::Transposed, x, Op::Plain, dw, T(1));
    gemm<T>(dy, Op::Plain, w, Op::Plain, dx, accumulateDx ? T(1) : T(0));
}

template <typename T> void rmsNormForward(const T* x, const T* w, int rows, int d, T eps, T* y, T* rstd)
{
    for (int r = 0; r < rows; ++r) {
        const T* xr = x + static_cast<size_t>(r) * d;
        T* yr = y + static_cast<size_t>(r) * d;
        double sum = 0.0;
        for (int i = 0; i < d; ++i)
            sum += static_cast<double>(xr[i] * xr[i]);
        const auto mean = static_cast<T>(sum / d);
        const T scale = T(1) / std::sqrt(mean + eps);
        rstd[r] = scale;
        for (int i = 0; i < d; ++i)
            yr[i] = (xr[i] * scale) * w[i];
    }
}

// Forward: y_i = x_i * r * w_i with r = (mean(x^2) + eps)^(-1/2), so dr/dx_j = -r^3 x_j / d.
template <typename T>
void rmsNormBackward(const T* x, const T* w, const T* rstd, const T* dy, int rows, int d, T* dx, T* dw)
{
    for (int r = 0; r < rows; ++r) {
        const T* xr = x + static_cast<size_t>(r) * d;
        const T* dyr = dy + static_cast<size_t>(r) * d;
        T* dxr = dx + static_cast<size_t>(r) * d;
        const T s = rstd[r];
        T dot = 0; // sum_i dy_i w_i x_i
        for (int i = 0; i < d; ++i)
            dot += dyr[i] * w[i] * xr[i];
        const T k = dot * s * s * s / static_cast<T>(d);
        for (int i = 0; i < d; ++i) {
            dxr[i] += s * dyr[i] * w[i] - k * xr[i];
            dw[i] += dyr[i] * xr[i] * s;
        }
    }
}

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
    rotate(v, rows, width, stride, length, T(1));
}

// The rotation matrix is orthogonal: its transpose (the backward) is the rotation by -theta.
template <typename T> void Rope<T>::backward(T* dv, int rows, int width, int stride, int length) const
{
    rotate(dv, rows, width, stride, length, T(-1));
}

template <typename T> void Rope<T>::rotate(T* v, int rows, int width, int stride, int length, T sign) const
{
    const int half = m_headDim / 2;
    for (int r = 0; r < rows; ++r) {
        const int pos = r % length;
        assert(static_cast<size_t>(pos + 1) * half <= m_cos.size());
        const T* c = m_cos.data() + static_cast<size_t>(pos) * half;
        const T* s = m_sin.data() + static_cast<size_t>(pos) * half;
        T* row = v + static_cast<size_t>(r) * stride;
        for (int h = 0; h < width / m_headDim; ++h) {
            T* head = row + static_cast<size_t>(h) * m_headDim;
            for (int i = 0; i < half; ++i) {
                const T x0 = head[2 * i], x1 = head[2 * i + 1], si = sign * s[i];
                head[2 * i] = x0 * c[i] - x1 * si;
                head[2 * i + 1] = x0 * si + x1 * c[i];
            }
        }
    }
}

// Causal: rows [r0, r1) of a block see keys [0, r1) only, so the products skip the upper blocks.
constexpr Eigen::Index kCausalBlock = 32;

template <typename T>
void attentionForward(const ConstMatMap<T>& q, const ConstMatMap<T>& k, const ConstMatMap<T>& v, T scale,
                      MatMap<T>& p, MatMap<T>& out)
{
    const auto len = q.rows();
    for (Eigen::Index r0 = 0; r0 < len; r0 += kCausalBlock) {
        const Eigen::Index r1 = std::min(len, r0 + kCausalBlock), rows = r1 - r0;
        gemm<T>(q.middleRows(r0, rows), Op::Plain, k.topRows(r1), Op::Transposed, p.block(r0, 0, rows, r1),
                T(0));
        for (Eigen::Index i = r0; i < r1; ++i) {
            // Row i sees keys 0..i; as the engine: max-shifted exp, sum in double.
            auto row = p.row(i).head(i + 1).array();
            row *= scale;
            const T maxScore = row.maxCoeff();
            row = (row - maxScore).exp();
            const double sum = row.template cast<double>().sum();
            row *= static_cast<T>(1.0 / sum);
            p.row(i).tail(len - i - 1).setZero();
        }
        gemm<T>(p.block(r0, 0, rows, r1), Op::Plain, v.topRows(r1), Op::Plain, out.middleRows(r0, rows),
                T(0));
    }
}

// Forward: S = q k^T * scale, p = causal softmax(S), out = p v.
template <typename T>
void attentionBackward(const ConstMatMap<T>& q, const ConstMatMap<T>& k, const ConstMatMap<T>& v,
                       const ConstMatMap<T>& p, const ConstMatMap<T>& dOut, T scale, MatMap<T>& dq,
                       MatMap<T>& dk, MatMap<T>& dv, MatMap<T>& scratch)
{
    const auto len = q.rows();
    for (Eigen::Index r0 = 0; r0 < len; r0 += kCausalBlock) {
        const Eigen::Index r1 = std::min(len, r0 + kCausalBlock), rows = r1 - r0;
        const auto pb = p.block(r0, 0, rows, r1);
        const auto dOutBlock = dOut.middleRows(r0, rows);
        gemm<T>(pb, Op::Transposed, dOutBlock, Op::Plain, dv.topRows(r1), T(1));
        auto dS = scratch.block(r0, 0, rows, r1);
        gemm<T>(dOutBlock, Op::Plain, v.topRows(r1), Op::Transposed, dS, T(0)); // dP
        for (Eigen::Index i = 0; i < rows; ++i) {
            // Softmax backward, dS = p * (dP - sum_j dP_j p_j), folded with the scale of S.
            const Eigen::Index seen = r0 + i + 1;
            auto dP = dS.row(i).head(seen).array();
            const auto pi = pb.row(i).head(seen).array();
            const T dot = (dP * pi).sum();
            dP = pi * (dP - dot) * scale;
            dS.row(i).tail(r1 - seen).setZero();
        }
        gemm<T>(dS, Op::Plain, k.topRows(r1), Op::Plain, dq.middleRows(r0, rows), T(0));
        gemm<T>(dS, Op::Transposed, q.middleRows(r0, rows), Op::Plain, dk.topRows(r1), T(1));
    }
}

template <typename T>
void routerForward(const T* logits, int nExpert, int k, T* probs, int* chosen, T* gates, T* lse)
{
    T maxLogit = logits[0];
    for (int e = 1; e < nExpert; ++e)
        maxLogit = std::max(maxLogit, logits[e]);
    double sum = 0.0;
    for (int e = 0; e < nExpert; ++e) {
        probs[e] = std::exp(logits[e] - maxLogit);
        sum += probs[e];
    }
    const auto scale = static_cast<T>(1.0 / sum);
    for (int e = 0; e < nExpert; ++e)
        probs[e] *= scale;
    *lse = maxLogit + static_cast<T>(std::log(sum));

    // Insertion into a sorted list of k (the engine's order): an equal probability goes after the
    // earlier, lower index.
    int count = 0;
    for (int e = 0; e < nExpert; ++e) {
        int pos = count;
        while (pos > 0 && probs[chosen[pos - 1]] < probs[e])
            --pos;
        if (pos >= k)
            continue;
        for (int j = std::min(count, k - 1); j > pos; --j)
            chosen[j] = chosen[j - 1];
        chosen[pos] = e;
        count = std::min(count + 1, k);
    }
    assert(count == k);

    // Mixtral renormalises over the chosen k: a softmax over their logits.
    const T top = logits[chosen[0]];
    double gateSum = 0.0;
    for (int j = 0; j < k; ++j) {
        gates[j] = std::exp(logits[chosen[j]] - top);
        gateSum += gates[j];
    }
    const auto gateScale = static_cast<T>(1.0 / gateSum);
    for (int j = 0; j < k; ++j)
        gates[j] *= gateScale;
}

template <typename T>
void routerBackward(const T* probs, const int* chosen, const T* gates, int nExpert, int k, const T* dGates,
                    const T* dProbs, T dLse, T* dLogits)
{
    // probs = softmax(logits): dz = p * (dp - sum p dp); lse: dz += dLse * p.
    T dot = 0;
    if (dProbs) {
        for (int e = 0; e < nExpert; ++e)
            dot += probs[e] * dProbs[e];
    }
    for (int e = 0; e < nExpert; ++e)
        dLogits[e] = probs[e] * ((dProbs ? dProbs[e] : T(0)) - dot + dLse);
    // gates = softmax over the chosen logits: dz[c_m] += g_m * (dg_m - sum_j g_j dg_j).
    T gateDot = 0;
    for (int j = 0; j < k; ++j)
        gateDot += gates[j] * dGates[j];
    for (int j = 0; j < k; ++j)
        dLogits[chosen[j]] += gates[j] * (dGates[j] - gateDot);
}

template <typename T> void swigluForward(const T* g, const T* u, T* a, size_t n)
{
    const auto size = static_cast<Eigen::Index>(n);
    const ConstArrayMap<T> G(g, size), U(u, size);
    ArrayMap<T>(a, size) = G / (T(1) + (-G).exp()) * U;
}

// Forward: a = g * s(g) * u with s the logistic function; silu'(g) = s * (1 + g * (1 - s)).
// In cache-sized pieces: each input is read from memory once.
template <typename T> void swigluBackward(const T* g, const T* u, const T* da, T* dg, T* du, size_t n)
{
    constexpr size_t kPiece = 1024;
    for (size_t at = 0; at < n; at += kPiece) {
        const auto size = static_cast<Eigen::Index>(std::min(kPiece, n - at));
        const ConstArrayMap<T> G(g + at, size), U(u + at, size), DA(da + at, size);
        ArrayMap<T> DG(dg + at, size), DU(du + at, size);
        DG = T(1) / (T(1) + (-G).exp()); // s, kept in dg until the last line
        DU = DA * G * DG;
        DG = DA * U * DG * (T(1) + G * (T(1) - DG));
    }
}

template <typename T> double crossEntropy(T* logits, const int* targets, int rows, int vocab, T gradScale)
{
    double total = 0.0;
    for (int r = 0; r < rows; ++r) {
        ArrayMap<T> row(logits + static_cast<size_t>(r) * vocab, vocab);
        const int target = targets[r];
        assert(target >= 0 && target < vocab);
        const T maxLogit = row.maxCoeff();
        const T targetLogit = row[target];
        row = (row - maxLogit).exp();
        const T sum = row.sum();
        total += static_cast<double>(maxLogit + std::log(sum) - targetLogit);
        if (gradScale != T(0)) {
            row *= gradScale / sum;
            row[target] -= gradScale;
        }
    }
    return total;
}

#define MOE_TRAIN_OPS_INSTANTIATE(T)                                                                         \
    template void linearForward<T>(const ConstMatMap<T>&, const ConstMatMap<T>&, MatMap<T>, bool);           \
    template void linearBackward<T>(const ConstMatMap<T>&, const ConstMatMap<T>&, const ConstMatMap<T>&,     \
                                    MatMap<T>, bool, MatMap<T>);                                             \
    template void rmsNormForward<T>(const T*, const T*, int, int, T, T*, T*);                                \
    template void rmsNormBackward<T>(const T*, const T*, const T*, const T*, int, int, T*, T*);              \
    template class Rope<T>;                                                                                  \
    template void attentionForward<T>(const ConstMatMap<T>&, const ConstMatMap<T>&, const ConstMatMap<T>&,   \
                                      T, MatMap<T>&, MatMap<T>&);                                            \
    template void attentionBackward<T>(const ConstMatMap<T>&, const ConstMatMap<T>&, const ConstMatMap<T>&,  \
                                       const ConstMatMap<T>&, const ConstMatMap<T>&, T, MatMap<T>&,          \
                                       MatMap<T>&, MatMap<T>&, MatMap<T>&);                                  \
    template void routerForward<T>(const T*, int, int, T*, int*, T*, T*);                                    \
    template void routerBackward<T>(const T*, const int*, const T*, int, int, const T*, const T*, T, T*);    \
    template void swigluForward<T>(const T*, const T*, T*, size_t);                                          \
    template void swigluBackward<T>(const T*, const T*, const T*, T*, T*, size_t);                           \
    template double crossEntropy<T>(T*, const int*, int, int, T);

MOE_TRAIN_OPS_INSTANTIATE(float)
MOE_TRAIN_OPS_INSTANTIATE(double)

} // namespace moe::train

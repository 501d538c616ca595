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
                    bool accumulateDx, MatMap<T> dw, bool accumulateDw)
{
    gemm<T>(dy, Op::Transposed, x, Op::Plain, dw, accumulateDw ? T(1) : T(0));
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
    std::fill_n(dw, d, T(0));
    for (int r = 0; r < rows; ++r) {
        const T* xr = x + static_cast<size_t>(r) * d;
        const T* dyr = dy + static_cast<size_t>(r) * d;
        T* dxr = dx + static_cast<size_t>(r) * d;
        const T s = rstd[r];
        // sum_i dy_i w_i x_i, through Eigen: a plain loop's float sum cannot be vectorised.
        const T dot = (ConstArrayMap<T>(dyr, d) * ConstArrayMap<T>(w, d) * ConstArrayMap<T>(xr, d)).sum();
        const T k = dot * s * s * s / static_cast<T>(d);
        for (int i = 0; i < d; ++i) {
            dxr[i] += s * dyr[i] * w[i] - k * xr[i];
            dw[i] += dyr[i] * xr[i] * s;
        }
    }
}

// Attention goes through the queries a few rows at a time: rows i0..i0+3 see keys 0..i0+3 at
// most, so the causal mask skips the upper half (less one small triangle per group), and a head's
// k and v (len x 16 here) stay in L1. Whole-matrix BLAS calls on such thin heads spent more time
// packing than multiplying (measured ~15 GFLOP/s); the two kernels below keep a group's sums in
// registers and read each key row once per group.

namespace {

constexpr int kGroup = 4;  // query rows per pass
constexpr int kWidth = 16; // output columns per register block

// The score columns worked out for a group with `keys` visible keys: whole register blocks while
// the row has room (the extra scores lie above the diagonal and are overwritten), so that the
// slow one-column tail runs only at the end of a row.
Eigen::Index scoreColumns(Eigen::Index keys, Eigen::Index len)
{
    return std::min(len, (keys + kWidth - 1) / kWidth * kWidth);
}

// A row's first `seen` values rounded up to whole vector packets (8 floats with AVX) where the
// row has room: element-wise work over them runs without a scalar tail.
Eigen::Index packedWidth(Eigen::Index seen, Eigen::Index len)
{
    constexpr Eigen::Index kPacket = 8;
    return std::min(len, (seen + kPacket - 1) / kPacket * kPacket);
}

// dst (cols x rows, row pitch `rows`) = src^T, reading each source row once: the head's rows lie a
// q|k|v row apart, and Eigen's transposed copy walked down the source columns instead, 16 times
// through 128 lines that share a few L1 sets.
template <typename T> void transposeInto(const ConstMatMap<T>& src, T* dst)
{
    const auto rows = src.rows(), cols = src.cols();
    for (Eigen::Index t = 0; t < rows; ++t) {
        const T* row = src.row(t).data();
        for (Eigen::Index c = 0; c < cols; ++c)
            dst[c * rows + t] = row[c];
    }
}

// y[r][0..m) = sum over t < n of a[r][t] * b[t][0..m), for r < R. Rows are `stride` values apart.
// The sums are fixed-size Eigen arrays, so they live in vector registers (the compiler's own
// vectorisation of the plain loops shuffled and spilled, measured 3x slower).
template <int R, typename T>
void multiplyRows(const T* a, Eigen::Index aStride, const T* b, Eigen::Index bStride, Eigen::Index n,
                  Eigen::Index m, T* y, Eigen::Index yStride)
{
    using Block = Eigen::Array<T, kWidth, 1>;
    Eigen::Index c = 0;
    for (; c + kWidth <= m; c += kWidth) {
        Block sum[R];
        for (int r = 0; r < R; ++r)
            sum[r].setZero();
        for (Eigen::Index t = 0; t < n; ++t) {
            const Block bt = Eigen::Map<const Block>(b + t * bStride + c);
            for (int r = 0; r < R; ++r)
                sum[r] += a[r * aStride + t] * bt;
        }
        for (int r = 0; r < R; ++r)
            Eigen::Map<Block>(y + r * yStride + c) = sum[r];
    }
    for (; c < m; ++c) {
        for (int r = 0; r < R; ++r) {
            T sum = 0;
            for (Eigen::Index t = 0; t < n; ++t)
                sum += a[r * aStride + t] * b[t * bStride + c];
            y[r * yStride + c] = sum;
        }
    }
}

// y[t][0..m) += sum over r < R of a[r][t] * x[r][0..m), for t < n: the transposed product.
template <int R, typename T>
void addTransposedProduct(const T* a, Eigen::Index aStride, const T* x, Eigen::Index xStride, Eigen::Index n,
                          Eigen::Index m, T* y, Eigen::Index yStride)
{
    using Block = Eigen::Array<T, kWidth, 1>;
    Eigen::Index c = 0;
    for (; c + kWidth <= m; c += kWidth) {
        Block xr[R];
        for (int r = 0; r < R; ++r)
            xr[r] = Eigen::Map<const Block>(x + r * xStride + c);
        for (Eigen::Index t = 0; t < n; ++t) {
            Eigen::Map<Block> yt(y + t * yStride + c);
            Block sum = yt;
            for (int r = 0; r < R; ++r)
                sum += a[r * aStride + t] * xr[r];
            yt = sum;
        }
    }
    for (; c < m; ++c)
        for (Eigen::Index t = 0; t < n; ++t)
            for (int r = 0; r < R; ++r)
                y[t * yStride + c] += a[r * aStride + t] * x[r * xStride + c];
}

// The query rows [i0, i0 + R) of one head, forward.
template <int R, typename T>
void attendRows(Eigen::Index i0, const ConstMatMap<T>& q, const T* kt, const T* vp, T scale, MatMap<T>& p,
                MatMap<T>& out)
{
    const auto len = q.rows(), hd = q.cols(), keys = i0 + R;
    T* scores = p.row(i0).data();
    multiplyRows<R>(q.row(i0).data(), q.outerStride(), kt, len, hd, scoreColumns(keys, len), scores,
                    p.outerStride());
    for (Eigen::Index i = i0; i < keys; ++i) {
        const Eigen::Index seen = i + 1, width = packedWidth(seen, len);
        // Max-shifted exp over whole vector packets: the few scores past the diagonal are finite
        // (computed above) and zeroed after, so no element goes through the scalar exp (it did:
        // a third of the softmax's time). The sum stays in T: Eigen's vectorised sum of at most a
        // few hundred terms in (0, 1] is as exact as needed.
        auto row = p.row(i).head(width).array();
        const T maxScore = p.row(i).head(seen).maxCoeff();
        row = ((row - maxScore) * scale).exp();
        p.row(i).segment(seen, attentionRowEnd(i, len) - seen).setZero();
        row *= T(1) / row.sum();
    }
    multiplyRows<R>(scores, p.outerStride(), vp, hd, keys, hd, out.row(i0).data(), out.outerStride());
}

// The query rows [i0, i0 + R) of one head, backward; dS (R x len) is working space.
template <int R, typename T>
void attendRowsBackward(Eigen::Index i0, const ConstMatMap<T>& q, const T* vt, const T* kp,
                        const ConstMatMap<T>& p, const ConstMatMap<T>& dOut, T scale, MatMap<T>& dq, T* dkp,
                        T* dvp, T* dS)
{
    const auto len = q.rows(), hd = q.cols(), keys = i0 + R;
    multiplyRows<R>(dOut.row(i0).data(), dOut.outerStride(), vt, len, hd, scoreColumns(keys, len), dS,
                    len); // dP
    for (int r = 0; r < R; ++r) {
        // p is zero past the diagonal, so whole packets give the same sums and zeros there.
        const Eigen::Index width = packedWidth(i0 + r + 1, len);
        T* dSr = dS + r * len;
        ArrayMap<T> dSrow(dSr, width);
        const ConstArrayMap<T> prow(p.row(i0 + r).data(), width);
        const T dot = (dSrow * prow).sum(); // Eigen's sum is vectorised; a plain loop ran serially
        dSrow = prow * (dSrow - dot) * scale;
        std::fill(dSr + width, dSr + std::max(width, keys), T(0));
    }
    multiplyRows<R>(dS, len, kp, hd, keys, hd, dq.row(i0).data(), dq.outerStride());
    addTransposedProduct<R>(dS, len, q.row(i0).data(), q.outerStride(), keys, hd, dkp, hd);
    addTransposedProduct<R>(p.row(i0).data(), p.outerStride(), dOut.row(i0).data(), dOut.outerStride(), keys,
                            hd, dvp, hd);
}

} // namespace

// The backward reads row i up to its packed width (softmax) and to the last key of its group of
// query rows (dv): both lie within this end.
Eigen::Index attentionRowEnd(Eigen::Index row, Eigen::Index len)
{
    return std::max(packedWidth(row + 1, len), std::min(len, (row / kGroup + 1) * kGroup));
}

// The head's k and v are copied into scratch first: in the layer's buffers their rows lie a whole
// q|k|v row apart, and reading 128 such rows per query group thrashed the L1 cache; packed, a
// 16-wide row is one cache line. k goes in transposed, so scores are sums along contiguous keys.
template <typename T> size_t attentionScratchSize(Eigen::Index len, Eigen::Index hd)
{
    return static_cast<size_t>((4 * hd + kGroup) * len);
}

template <typename T>
void attentionForward(const ConstMatMap<T>& q, const ConstMatMap<T>& k, const ConstMatMap<T>& v, T scale,
                      MatMap<T>& p, MatMap<T>& out, T* scratch)
{
    const auto len = q.rows(), hd = q.cols();
    T* kt = scratch;
    MatMap<T> vp(scratch + hd * len, len, hd, Eigen::OuterStride<>(hd));
    transposeInto(k, kt);
    vp = v;
    Eigen::Index i0 = 0;
    for (; i0 + kGroup <= len; i0 += kGroup)
        attendRows<kGroup>(i0, q, kt, vp.data(), scale, p, out);
    for (; i0 < len; ++i0)
        attendRows<1>(i0, q, kt, vp.data(), scale, p, out);
}

// Forward: S = q k^T * scale, p = causal softmax(S), out = p v. So dP = dOut v^T,
// dS = p * (dP - rowsum(dP * p)) * scale, dq = dS k, dk += dS^T q, dv += p^T dOut.
// dk and dv gather in packed copies, added to the strided outputs once at the end.
template <typename T>
void attentionBackward(const ConstMatMap<T>& q, const ConstMatMap<T>& k, const ConstMatMap<T>& v,
                       const ConstMatMap<T>& p, const ConstMatMap<T>& dOut, T scale, MatMap<T>& dq,
                       MatMap<T>& dk, MatMap<T>& dv, bool accumulateKv, T* scratch)
{
    const auto len = q.rows(), hd = q.cols(), block = hd * len;
    const Eigen::OuterStride<> packed(hd);
    T* vt = scratch;
    MatMap<T> kp(scratch + block, len, hd, packed), dkp(scratch + 2 * block, len, hd, packed),
        dvp(scratch + 3 * block, len, hd, packed);
    T* dS = scratch + 4 * block;
    transposeInto(v, vt);
    kp = k;
    dkp.setZero();
    dvp.setZero();
    Eigen::Index i0 = 0;
    for (; i0 + kGroup <= len; i0 += kGroup)
        attendRowsBackward<kGroup>(i0, q, vt, kp.data(), p, dOut, scale, dq, dkp.data(), dvp.data(), dS);
    for (; i0 < len; ++i0)
        attendRowsBackward<1>(i0, q, vt, kp.data(), p, dOut, scale, dq, dkp.data(), dvp.data(), dS);
    if (accumulateKv) {
        dk += dkp;
        dv += dvp;
    } else {
        dk = dkp;
        dv = dvp;
    }
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
                                    MatMap<T>, bool, MatMap<T>, bool);                                       \
    template void rmsNormForward<T>(const T*, const T*, int, int, T, T*, T*);                                \
    template void rmsNormBackward<T>(const T*, const T*, const T*, const T*, int, int, T*, T*);              \
    template void attentionForward<T>(const ConstMatMap<T>&, const ConstMatMap<T>&, const ConstMatMap<T>&,   \
                                      T, MatMap<T>&, MatMap<T>&, T*);                                        \
    template size_t attentionScratchSize<T>(Eigen::Index, Eigen::Index);                                     \
    template void attentionBackward<T>(const ConstMatMap<T>&, const ConstMatMap<T>&, const ConstMatMap<T>&,  \
                                       const ConstMatMap<T>&, const ConstMatMap<T>&, T, MatMap<T>&,          \
                                       MatMap<T>&, MatMap<T>&, bool, T*);                                    \
    template void swigluForward<T>(const T*, const T*, T*, size_t);                                          \
    template void swigluBackward<T>(const T*, const T*, const T*, T*, T*, size_t);                           \
    template double crossEntropy<T>(T*, const int*, int, int, T);

MOE_TRAIN_OPS_INSTANTIATE(float)
MOE_TRAIN_OPS_INSTANTIATE(double)

} // namespace moe::train

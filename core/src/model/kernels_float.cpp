// F32, F16 and BF16 kernels. Every output is one 8-lane FMA accumulator per (row, input) in column
// order, then the hsum tree of kernels_simd.h; matVec and matMat only differ in how many rows and
// inputs share a register tile, so their results are bit-identical.
#include "kernels_simd.h"
#include "moe/model.h"

#include <cassert>

namespace moe::kernels::MOE_KERNELS_VARIANT {

namespace {

#ifdef MOE_KERNELS_AVX2

// Y[t][r] = dot(W row r, X[t]) for an R x T register tile (R * T accumulators, at most 12 so the
// tile stays in the 16 ymm registers). w[r]: row bytes of type L; x[t]: input rows; y: column 0 of
// the tile in row t at y + t * ldy.
// (Software prefetching of the next tile's rows was tried for cold matVec and measured no better
// than the hardware prefetcher, worse on large matrices.)
template <class L, int R, int T>
inline void tile(const std::byte* const* w, const float* const* x, int cols, float* y, int ldy)
{
    __m256 acc[T][R];
    for (int t = 0; t < T; ++t)
        for (int r = 0; r < R; ++r)
            acc[t][r] = _mm256_setzero_ps();
    int c = 0;
    for (; c + 8 <= cols; c += 8) {
        __m256 xv[T];
        for (int t = 0; t < T; ++t) {
            xv[t] = _mm256_loadu_ps(x[t] + c);
            if constexpr (T > 1)
                keepInRegister(xv[t]);
        }
        for (int r = 0; r < R; ++r) {
            __m256 wv = L::full(w[r], c);
            if constexpr (T > 1)
                keepInRegister(wv);
            for (int t = 0; t < T; ++t)
                acc[t][r] = _mm256_fmadd_ps(wv, xv[t], acc[t][r]);
        }
    }
    if (c < cols) {
        const int count = cols - c;
        const __m256i mask = tailMask(count);
        __m256 xv[T];
        for (int t = 0; t < T; ++t)
            xv[t] = _mm256_maskload_ps(x[t] + c, mask);
        for (int r = 0; r < R; ++r) {
            const __m256 wv = L::tail(w[r], c, count);
            for (int t = 0; t < T; ++t)
                acc[t][r] = _mm256_fmadd_ps(wv, xv[t], acc[t][r]);
        }
    }
    for (int t = 0; t < T; ++t) {
        float* yt = y + static_cast<size_t>(t) * ldy;
        int r = 0;
        for (; r + 4 <= R; r += 4)
            _mm_storeu_ps(yt + r, hsum4(acc[t][r], acc[t][r + 1], acc[t][r + 2], acc[t][r + 3]));
        for (; r < R; ++r)
            yt[r] = hsum(acc[t][r]);
    }
}

template <class L> void matVecTyped(const WeightMatrix& w, const float* x, float* y, int rowBegin, int rowEnd)
{
    const float* xs[1] = {x};
    int r = rowBegin;
    for (; r + 8 <= rowEnd; r += 8) {
        const std::byte* rows[8];
        for (int i = 0; i < 8; ++i)
            rows[i] = rowOf(w, r + i);
        tile<L, 8, 1>(rows, xs, w.cols, y + (r - rowBegin), 0);
    }
    for (; r + 4 <= rowEnd; r += 4) {
        const std::byte* rows[4] = {rowOf(w, r), rowOf(w, r + 1), rowOf(w, r + 2), rowOf(w, r + 3)};
        tile<L, 4, 1>(rows, xs, w.cols, y + (r - rowBegin), 0);
    }
    for (; r < rowEnd; ++r) {
        const std::byte* rows[1] = {rowOf(w, r)};
        tile<L, 1, 1>(rows, xs, w.cols, y + (r - rowBegin), 0);
    }
}

// Runs every token tile over one panel of rows (F32 rows, in place or decoded): the panel is
// sized to stay in L1 while the token tiles stream past it.
template <int T>
void panelTokens(const std::byte* const* rows, int rowCount, const float* const* xs, int cols, float* y,
                 int ldy)
{
    int r = 0;
    for (; r + 4 <= rowCount; r += 4)
        tile<LoadF32, 4, T>(rows + r, xs, cols, y + r, ldy);
    for (; r < rowCount; ++r)
        tile<LoadF32, 1, T>(rows + r, xs, cols, y + r, ldy);
}

constexpr int kTileTokens = 3;
constexpr size_t kPanelBytes = 16 * 1024; // half of L1d: the panel plus an input tile stay resident

void matMatPanels(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy, int rowBegin,
                  int rowEnd)
{
    const int cols = w.cols;
    const int panelRows = maxInt(4, static_cast<int>(kPanelBytes / (4 * static_cast<size_t>(cols))) / 4 * 4);
    const std::byte** rows = detail::rowPointerScratch(static_cast<size_t>(panelRows));
    float* decoded = w.type == TensorType::F32
                         ? nullptr
                         : detail::decodedPanelScratch(static_cast<size_t>(panelRows) * cols);

    for (int p0 = rowBegin; p0 < rowEnd; p0 += panelRows) {
        const int count = minInt(panelRows, rowEnd - p0);
        for (int i = 0; i < count; ++i) {
            if (w.type == TensorType::F32) {
                rows[i] = rowOf(w, p0 + i);
            } else {
                float* out = decoded + static_cast<size_t>(i) * cols;
                decodeRowFast(w, p0 + i, out);
                rows[i] = reinterpret_cast<const std::byte*>(out);
            }
        }
        int t = 0;
        for (; t + kTileTokens <= n; t += kTileTokens) {
            const float* xs[3] = {x + static_cast<size_t>(t) * ldx, x + static_cast<size_t>(t + 1) * ldx,
                                  x + static_cast<size_t>(t + 2) * ldx};
            panelTokens<3>(rows, count, xs, cols, y + static_cast<size_t>(t) * ldy + p0, ldy);
        }
        if (n - t == 2) {
            const float* xs[2] = {x + static_cast<size_t>(t) * ldx, x + static_cast<size_t>(t + 1) * ldx};
            panelTokens<2>(rows, count, xs, cols, y + static_cast<size_t>(t) * ldy + p0, ldy);
        } else if (n - t == 1) {
            const float* xs[1] = {x + static_cast<size_t>(t) * ldx};
            panelTokens<1>(rows, count, xs, cols, y + static_cast<size_t>(t) * ldy + p0, ldy);
        }
    }
}

#else // portable fallback: one scalar dot per (row, input), the same function for both paths.
      // Same 8-lane structure and tree as the SIMD code, so the documented error bound holds.

float weightAt(const WeightMatrix& w, const std::byte* row, int c)
{
    switch (w.type) {
    case TensorType::F16:
        return halfToFloat(loadU16(row, c));
    case TensorType::BF16:
        return bf16ToFloat(loadU16(row, c));
    default:
        return loadF32(row, c);
    }
}

float dotScalar(const WeightMatrix& w, int r, const float* x)
{
    const std::byte* row = rowOf(w, r);
    float lane[8] = {};
    for (int c = 0; c < w.cols; ++c)
        lane[c % 8] += weightAt(w, row, c) * x[c];
    return ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
}

#endif

} // namespace

void decodeRowFast(const WeightMatrix& w, int row, float* out)
{
    const std::byte* p = rowOf(w, row);
    int c = 0;
#ifdef MOE_KERNELS_AVX2
    if (w.type == TensorType::F16) {
        for (; c + 8 <= w.cols; c += 8)
            _mm256_storeu_ps(out + c, LoadF16::full(p, c));
    } else if (w.type == TensorType::BF16) {
        for (; c + 8 <= w.cols; c += 8)
            _mm256_storeu_ps(out + c, LoadBf16::full(p, c));
    }
#endif
    if (c == 0) {
        decodeRow(w.type, p, std::span<float>(out, static_cast<size_t>(w.cols)));
        return;
    }
    for (; c < w.cols; ++c)
        out[c] = w.type == TensorType::F16 ? halfToFloat(loadU16(p, c)) : bf16ToFloat(loadU16(p, c));
}

void matVecFloat(const WeightMatrix& w, const float* x, float* y, int rowBegin, int rowEnd)
{
#ifdef MOE_KERNELS_AVX2
    switch (w.type) {
    case TensorType::F16:
        matVecTyped<LoadF16>(w, x, y, rowBegin, rowEnd);
        return;
    case TensorType::BF16:
        matVecTyped<LoadBf16>(w, x, y, rowBegin, rowEnd);
        return;
    default:
        matVecTyped<LoadF32>(w, x, y, rowBegin, rowEnd);
        return;
    }
#else
    for (int r = rowBegin; r < rowEnd; ++r)
        y[r - rowBegin] = dotScalar(w, r, x);
#endif
}

void matMatFloat(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy, int rowBegin,
                 int rowEnd)
{
#ifdef MOE_KERNELS_AVX2
    matMatPanels(w, x, n, ldx, y, ldy, rowBegin, rowEnd);
#else
    for (int r = rowBegin; r < rowEnd; ++r)
        for (int i = 0; i < n; ++i)
            y[static_cast<size_t>(i) * ldy + r] = dotScalar(w, r, x + static_cast<size_t>(i) * ldx);
#endif
}

} // namespace moe::kernels::MOE_KERNELS_VARIANT

// Q8_0 kernels, the llama.cpp way: the activations are quantised to Q8_0 blocks once, then every
// weight block meets an activation block as an exact int8 dot product, scaled by d_w * d_x and
// accumulated with FMA into 8 float lanes per (row, input). matVec and matMat share the tile code,
// so they give bit-identical results.
#include "kernels_simd.h"
#include "moe/model.h"

#include <cassert>
#include <cmath>

namespace moe::kernels::MOE_KERNELS_VARIANT {

namespace {

constexpr size_t kBlockBytes = sizeof(BlockQ8_0);

// Weight rows are read as bytes, so any alignment works (34-byte blocks in a mapped file).
inline uint16_t weightScaleBits(const std::byte* row, int b)
{
    uint16_t d;
    std::memcpy(&d, row + kBlockBytes * static_cast<size_t>(b), 2);
    return d;
}
inline const std::byte* weightQuants(const std::byte* row, int b)
{
    return row + kBlockBytes * static_cast<size_t>(b) + 2;
}

#ifdef MOE_KERNELS_AVX2

inline float scaleToFloat(uint16_t d)
{
    return _cvtsh_ss(d);
}

// Y[t][r] for an R x T tile; w[r]: Q8_0 weight rows, x[t]: quantised input rows, nb blocks each.
template <int R, int T>
inline void tileQ8(const std::byte* const* w, const BlockQ8_0* const* x, int nb, float* y, int ldy)
{
    __m256 acc[T][R];
    for (int t = 0; t < T; ++t)
        for (int r = 0; r < R; ++r)
            acc[t][r] = _mm256_setzero_ps();
    const __m256i ones = _mm256_set1_epi16(1);
    for (int b = 0; b < nb; ++b) {
        __m256i xv[T];
        float dx[T];
        for (int t = 0; t < T; ++t) {
            xv[t] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x[t][b].q));
            dx[t] = scaleToFloat(x[t][b].d);
        }
        for (int r = 0; r < R; ++r) {
            const __m256i wq = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(weightQuants(w[r], b)));
            const __m256i absW = _mm256_sign_epi8(wq, wq); // see dotI8 in kernels_simd.h
            const float dw = scaleToFloat(weightScaleBits(w[r], b));
            for (int t = 0; t < T; ++t) {
                const __m256i pairs = _mm256_maddubs_epi16(absW, _mm256_sign_epi8(xv[t], wq));
                const __m256 sums = _mm256_cvtepi32_ps(_mm256_madd_epi16(pairs, ones));
                acc[t][r] = _mm256_fmadd_ps(_mm256_set1_ps(dw * dx[t]), sums, acc[t][r]);
            }
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

// Rows [rowBegin, rowEnd) for T inputs; row r of input t goes to y[t * ldy + (r - rowBegin)].
template <int T>
void rowsForTokens(const WeightMatrix& w, const BlockQ8_0* const* xs, int rowBegin, int rowEnd, float* y,
                   int ldy)
{
    const int nb = w.cols / 32;
    int r = rowBegin;
    if constexpr (T == 1) { // the vector case has registers to spare for 8 rows
        for (; r + 8 <= rowEnd; r += 8) {
            const std::byte* rows[8];
            for (int i = 0; i < 8; ++i)
                rows[i] = rowOf(w, r + i);
            tileQ8<8, 1>(rows, xs, nb, y + (r - rowBegin), ldy);
        }
    }
    for (; r + 4 <= rowEnd; r += 4) {
        const std::byte* rows[4] = {rowOf(w, r), rowOf(w, r + 1), rowOf(w, r + 2), rowOf(w, r + 3)};
        tileQ8<4, T>(rows, xs, nb, y + (r - rowBegin), ldy);
    }
    for (; r < rowEnd; ++r) {
        const std::byte* rows[1] = {rowOf(w, r)};
        tileQ8<1, T>(rows, xs, nb, y + (r - rowBegin), ldy);
    }
}

constexpr size_t kPanelBytes = 16 * 1024; // a panel of weight rows stays in L1 across all inputs

#else // portable fallback with the same arithmetic: exact int dot per block, float scale-and-add

float dotScalar(const std::byte* row, const BlockQ8_0* x, int nb)
{
    float sum = 0.0f;
    for (int b = 0; b < nb; ++b) {
        const auto* q = reinterpret_cast<const int8_t*>(weightQuants(row, b));
        int32_t dot = 0;
        for (int j = 0; j < 32; ++j)
            dot += static_cast<int32_t>(q[j]) * x[b].q[j];
        sum += halfToFloat(weightScaleBits(row, b)) * halfToFloat(x[b].d) * static_cast<float>(dot);
    }
    return sum;
}

#endif

} // namespace

void quantizeQ8(const float* x, int cols, BlockQ8_0* out)
{
    assert(cols % 32 == 0);
    for (int b = 0; b < cols / 32; ++b) {
        // Mirrors llama.cpp's AVX2 quantize_row_q8_0 so results match its Q8_0 matmuls.
        const float maxAbs = roundBlock32(x + 32 * static_cast<size_t>(b), out[b].q);
        out[b].d = floatToHalf(maxAbs / 127.0f);
    }
}

void matVecQ8(const WeightMatrix& w, const BlockQ8_0* xq, float* y, int rowBegin, int rowEnd)
{
    assert(w.type == TensorType::Q8_0 && w.cols % 32 == 0);
#ifdef MOE_KERNELS_AVX2
    const BlockQ8_0* xs[1] = {xq};
    rowsForTokens<1>(w, xs, rowBegin, rowEnd, y, 0);
#else
    for (int r = rowBegin; r < rowEnd; ++r)
        y[r - rowBegin] = dotScalar(rowOf(w, r), xq, w.cols / 32);
#endif
}

void matMatQ8(const WeightMatrix& w, const BlockQ8_0* xq, int n, int ldxq, float* y, int ldy, int rowBegin,
              int rowEnd)
{
    assert(w.type == TensorType::Q8_0 && w.cols % 32 == 0);
#ifdef MOE_KERNELS_AVX2
    const int panelRows = maxInt(4, static_cast<int>(kPanelBytes / w.rowBytes) / 4 * 4);
    for (int p0 = rowBegin; p0 < rowEnd; p0 += panelRows) {
        const int p1 = minInt(rowEnd, p0 + panelRows);
        int t = 0;
        for (; t + 3 <= n; t += 3) {
            const BlockQ8_0* xs[3] = {xq + static_cast<size_t>(t) * ldxq,
                                      xq + static_cast<size_t>(t + 1) * ldxq,
                                      xq + static_cast<size_t>(t + 2) * ldxq};
            rowsForTokens<3>(w, xs, p0, p1, y + static_cast<size_t>(t) * ldy + p0, ldy);
        }
        if (n - t == 2) {
            const BlockQ8_0* xs[2] = {xq + static_cast<size_t>(t) * ldxq,
                                      xq + static_cast<size_t>(t + 1) * ldxq};
            rowsForTokens<2>(w, xs, p0, p1, y + static_cast<size_t>(t) * ldy + p0, ldy);
        } else if (n - t == 1) {
            const BlockQ8_0* xs[1] = {xq + static_cast<size_t>(t) * ldxq};
            rowsForTokens<1>(w, xs, p0, p1, y + static_cast<size_t>(t) * ldy + p0, ldy);
        }
    }
#else
    for (int r = rowBegin; r < rowEnd; ++r)
        for (int i = 0; i < n; ++i)
            y[static_cast<size_t>(i) * ldy + r] =
                dotScalar(rowOf(w, r), xq + static_cast<size_t>(i) * ldxq, w.cols / 32);
#endif
}

} // namespace moe::kernels::MOE_KERNELS_VARIANT

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
        const float* v = x + 32 * static_cast<size_t>(b);
#ifdef MOE_KERNELS_AVX2
        // Mirrors llama.cpp's AVX2 quantize_row_q8_0 so results match its Q8_0 matmuls.
        __m256 v0 = _mm256_loadu_ps(v);
        __m256 v1 = _mm256_loadu_ps(v + 8);
        __m256 v2 = _mm256_loadu_ps(v + 16);
        __m256 v3 = _mm256_loadu_ps(v + 24);
        const __m256 signBit = _mm256_set1_ps(-0.0f);
        __m256 maxAbs = _mm256_andnot_ps(signBit, v0);
        maxAbs = _mm256_max_ps(maxAbs, _mm256_andnot_ps(signBit, v1));
        maxAbs = _mm256_max_ps(maxAbs, _mm256_andnot_ps(signBit, v2));
        maxAbs = _mm256_max_ps(maxAbs, _mm256_andnot_ps(signBit, v3));
        __m128 max4 = _mm_max_ps(_mm256_extractf128_ps(maxAbs, 1), _mm256_castps256_ps128(maxAbs));
        max4 = _mm_max_ps(max4, _mm_movehl_ps(max4, max4));
        max4 = _mm_max_ss(max4, _mm_movehdup_ps(max4));
        const float maxScalar = _mm_cvtss_f32(max4);
        // _mm_cvtps_ph rather than _cvtss_sh: clang's macro for the latter trips -Wpedantic.
        out[b].d =
            static_cast<uint16_t>(_mm_extract_epi16(_mm_cvtps_ph(_mm_set_ss(maxScalar / 127.0f), 0), 0));
        const __m256 mul = _mm256_set1_ps(maxScalar != 0.0f ? 127.0f / maxScalar : 0.0f);
        const __m256i i0 =
            _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v0, mul), _MM_FROUND_TO_NEAREST_INT));
        const __m256i i1 =
            _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v1, mul), _MM_FROUND_TO_NEAREST_INT));
        const __m256i i2 =
            _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v2, mul), _MM_FROUND_TO_NEAREST_INT));
        const __m256i i3 =
            _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v3, mul), _MM_FROUND_TO_NEAREST_INT));
        // The packs work per 128-bit half; the permute restores element order.
        const __m256i packed = _mm256_packs_epi16(_mm256_packs_epi32(i0, i1), _mm256_packs_epi32(i2, i3));
        const __m256i ordered =
            _mm256_permutevar8x32_epi32(packed, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[b].q), ordered);
#else
        float maxAbs = 0.0f;
        for (int j = 0; j < 32; ++j)
            maxAbs = std::fmax(maxAbs, std::fabs(v[j]));
        out[b].d = floatToHalf(maxAbs / 127.0f);
        const float id = maxAbs != 0.0f ? 127.0f / maxAbs : 0.0f;
        for (int j = 0; j < 32; ++j)
            out[b].q[j] = static_cast<int8_t>(std::nearbyint(v[j] * id)); // ties to even, like the AVX2 path
#endif
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

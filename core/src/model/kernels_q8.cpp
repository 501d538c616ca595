// Kernels of the weight types with Q8_0 activations (Q8_0, Q4_0, Q5_0, IQ4_NL), the llama.cpp way:
// the activations are quantised to Q8_0 blocks once, then every weight block, unpacked to 32 int8,
// meets an activation block as an exact int8 dot product, scaled by d_w * d_x and accumulated with
// FMA into 8 float lanes per (row, input). Tiles of up to 8 rows share each activation load. matVec
// and matMat share the tile code, so they give bit-identical results.
#include "kernels_simd.h"
#include "moe/model.h"

#include <cassert>

namespace moe::kernels::MOE_KERNELS_VARIANT {

namespace {

#ifdef MOE_KERNELS_AVX2

// The weight types whose activations are Q8_0: a block is an f16 scale d (offset 0) and 32
// signed quants, which quants() unpacks to int8 (layouts: block_dequant.cpp).
constexpr int8_t kIq4Values[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

inline uint32_t u32At(const std::byte* p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

struct Q8_0Weights {
    static constexpr size_t kBytes = 34;
    static __m256i quants(const std::byte* block)
    {
        return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 2));
    }
};

struct Q4_0Weights {
    static constexpr size_t kBytes = 18;
    static __m256i quants(const std::byte* block)
    {
        return _mm256_sub_epi8(nibbles32(block + 2), _mm256_set1_epi8(8));
    }
};

// q - 16: the nibble where the fifth bit is set, else the nibble with bits 4-7 set (q - 16 as int8).
struct Q5_0Weights {
    static constexpr size_t kBytes = 22;
    static __m256i quants(const std::byte* block)
    {
        const __m256i high =
            _mm256_andnot_si256(bitBytes(u32At(block + 2)), _mm256_set1_epi8(static_cast<char>(0xF0)));
        return _mm256_or_si256(nibbles32(block + 6), high);
    }
};

struct Iq4NlWeights {
    static constexpr size_t kBytes = 18;
    static __m256i quants(const std::byte* block)
    {
        const __m128i table = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kIq4Values));
        return _mm256_shuffle_epi8(_mm256_set_m128i(table, table), nibbles32(block + 2));
    }
};

// Y[t][r] for an R x T tile; w[r]: weight rows of type W, x[t]: quantised input rows, nb blocks each.
template <class W, int R, int T>
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
            dx[t] = _cvtsh_ss(x[t][b].d);
        }
        for (int r = 0; r < R; ++r) {
            const std::byte* block = w[r] + W::kBytes * static_cast<size_t>(b);
            const __m256i wq = W::quants(block);
            const __m256i absW = _mm256_sign_epi8(wq, wq); // see dotI8 in kernels_simd.h
            const float dw = f16At(block);
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
template <class W, int T>
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
            tileQ8<W, 8, 1>(rows, xs, nb, y + (r - rowBegin), ldy);
        }
    }
    for (; r + 4 <= rowEnd; r += 4) {
        const std::byte* rows[4] = {rowOf(w, r), rowOf(w, r + 1), rowOf(w, r + 2), rowOf(w, r + 3)};
        tileQ8<W, 4, T>(rows, xs, nb, y + (r - rowBegin), ldy);
    }
    for (; r < rowEnd; ++r) {
        const std::byte* rows[1] = {rowOf(w, r)};
        tileQ8<W, 1, T>(rows, xs, nb, y + (r - rowBegin), ldy);
    }
}

constexpr size_t kPanelBytes = 16 * 1024; // a panel of weight rows stays in L1 across all inputs

template <class W>
void matMatTiles(const WeightMatrix& w, const BlockQ8_0* xq, int n, int ldxq, float* y, int ldy, int rowBegin,
                 int rowEnd)
{
    const int panelRows = maxInt(4, static_cast<int>(kPanelBytes / w.rowBytes) / 4 * 4);
    for (int p0 = rowBegin; p0 < rowEnd; p0 += panelRows) {
        const int p1 = minInt(rowEnd, p0 + panelRows);
        int t = 0;
        for (; t + 3 <= n; t += 3) {
            const BlockQ8_0* xs[3] = {xq + static_cast<size_t>(t) * ldxq,
                                      xq + static_cast<size_t>(t + 1) * ldxq,
                                      xq + static_cast<size_t>(t + 2) * ldxq};
            rowsForTokens<W, 3>(w, xs, p0, p1, y + static_cast<size_t>(t) * ldy + p0, ldy);
        }
        if (n - t == 2) {
            const BlockQ8_0* xs[2] = {xq + static_cast<size_t>(t) * ldxq,
                                      xq + static_cast<size_t>(t + 1) * ldxq};
            rowsForTokens<W, 2>(w, xs, p0, p1, y + static_cast<size_t>(t) * ldy + p0, ldy);
        } else if (n - t == 1) {
            const BlockQ8_0* xs[1] = {xq + static_cast<size_t>(t) * ldxq};
            rowsForTokens<W, 1>(w, xs, p0, p1, y + static_cast<size_t>(t) * ldy + p0, ldy);
        }
    }
}

#else // portable fallback with the same arithmetic: exact int dot per block, float scale-and-add

float dotScalar(const std::byte* row, const BlockQ8_0* x, int nb)
{
    float sum = 0.0f;
    for (int b = 0; b < nb; ++b) {
        const std::byte* block = row + sizeof(BlockQ8_0) * static_cast<size_t>(b);
        const auto* q = reinterpret_cast<const int8_t*>(block + 2);
        int32_t dot = 0;
        for (int j = 0; j < 32; ++j)
            dot += static_cast<int32_t>(q[j]) * x[b].q[j];
        sum += f16At(block) * halfToFloat(x[b].d) * static_cast<float>(dot);
    }
    return sum;
}

// One row of a weight with Q8_0 activations.
float dotRow(TensorType type, const std::byte* row, const BlockQ8_0* x, int nb)
{
    const auto* xb = reinterpret_cast<const std::byte*>(x);
    switch (type) {
    case TensorType::Q4_0:
        return dotQ4_0(row, xb, nb);
    case TensorType::Q5_0:
        return dotQ5_0(row, xb, nb);
    case TensorType::IQ4_NL:
        return dotIq4Nl(row, xb, nb);
    default:
        return dotScalar(row, x, nb);
    }
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
    assert(w.cols % 32 == 0);
#ifdef MOE_KERNELS_AVX2
    const BlockQ8_0* xs[1] = {xq};
    switch (w.type) {
    case TensorType::Q4_0:
        rowsForTokens<Q4_0Weights, 1>(w, xs, rowBegin, rowEnd, y, 0);
        return;
    case TensorType::Q5_0:
        rowsForTokens<Q5_0Weights, 1>(w, xs, rowBegin, rowEnd, y, 0);
        return;
    case TensorType::IQ4_NL:
        rowsForTokens<Iq4NlWeights, 1>(w, xs, rowBegin, rowEnd, y, 0);
        return;
    default:
        assert(w.type == TensorType::Q8_0);
        rowsForTokens<Q8_0Weights, 1>(w, xs, rowBegin, rowEnd, y, 0);
        return;
    }
#else
    for (int r = rowBegin; r < rowEnd; ++r)
        y[r - rowBegin] = dotRow(w.type, rowOf(w, r), xq, w.cols / 32);
#endif
}

void matMatQ8(const WeightMatrix& w, const BlockQ8_0* xq, int n, int ldxq, float* y, int ldy, int rowBegin,
              int rowEnd)
{
    assert(w.cols % 32 == 0);
#ifdef MOE_KERNELS_AVX2
    switch (w.type) {
    case TensorType::Q4_0:
        matMatTiles<Q4_0Weights>(w, xq, n, ldxq, y, ldy, rowBegin, rowEnd);
        return;
    case TensorType::Q5_0:
        matMatTiles<Q5_0Weights>(w, xq, n, ldxq, y, ldy, rowBegin, rowEnd);
        return;
    case TensorType::IQ4_NL:
        matMatTiles<Iq4NlWeights>(w, xq, n, ldxq, y, ldy, rowBegin, rowEnd);
        return;
    default:
        assert(w.type == TensorType::Q8_0);
        matMatTiles<Q8_0Weights>(w, xq, n, ldxq, y, ldy, rowBegin, rowEnd);
        return;
    }
#else
    for (int r = rowBegin; r < rowEnd; ++r)
        for (int i = 0; i < n; ++i)
            y[static_cast<size_t>(i) * ldy + r] =
                dotRow(w.type, rowOf(w, r), xq + static_cast<size_t>(i) * ldxq, w.cols / 32);
#endif
}

} // namespace moe::kernels::MOE_KERNELS_VARIANT

// Building blocks shared by the kernel files: 8-float loads of each weight type, and the one
// horizontal-sum tree every kernel uses. Using the same tree and the same per-lane accumulation
// order everywhere is what makes matMatRows bit-identical to matVecRows (prefill == step).
// Only included by the variant sources (kernels_float.cpp, kernels_q8.cpp, kernels_attention.cpp,
// kernels_table.cpp), which are compiled once per variant: AVX2 + FMA + F16C code when that
// variant's flags enable them.
// Everything they define lives in the variant's namespace or has internal linkage, so no inline or
// template function compiled for AVX2 can stand in for a baseline caller's copy at link time (the
// test core.kernel_symbols_* checks this with nm). Hence also no std containers here.
#pragma once

#ifndef MOE_KERNELS_VARIANT
#error "kernels_simd.h belongs to a kernel variant: see moe_kernel_variant() in CMakeLists.txt"
#endif

#include "kernel_blocks.h"
#include "kernel_variants.h"
#include "moe/model.h"
#include "moe/tensor_types.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__AVX2__) && defined(__FMA__) && defined(__F16C__)
#define MOE_KERNELS_AVX2 1
#include <immintrin.h>
#endif

namespace moe::kernels::MOE_KERNELS_VARIANT {

// Scalars of one element of a row, for tails and the portable path.
inline float loadF32(const std::byte* row, int c)
{
    float v;
    std::memcpy(&v, row + 4 * static_cast<size_t>(c), 4);
    return v;
}
inline uint16_t loadU16(const std::byte* row, int c)
{
    uint16_t v;
    std::memcpy(&v, row + 2 * static_cast<size_t>(c), 2);
    return v;
}

#ifdef MOE_KERNELS_AVX2

// Pins a vector in a register. GCC otherwise folds a reused load into every FMA's memory operand,
// which turns a 4x3 tile's 7 loads per 12 FMAs into 16 and makes it load-bound (measured: 36 vs
// 60+ GFLOP/s on Zen 3).
template <typename V> inline void keepInRegister(V& v)
{
#if defined(__GNUC__)
    __asm__("" : "+x"(v));
#else
    (void)v;
#endif
}

// Lanes [0, count) set, for masked tail loads that never touch memory past the row.
inline __m256i tailMask(int count)
{
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), lanes);
}

// Eight consecutive weights of one row decoded to floats. tail() loads the last cols % 8 values
// with the other lanes zero; every kernel treats the tail as one more zero-padded chunk.
struct LoadF32 {
    static __m256 full(const std::byte* row, int c)
    {
        return _mm256_loadu_ps(reinterpret_cast<const float*>(row) + c);
    }
    static __m256 tail(const std::byte* row, int c, int count)
    {
        return _mm256_maskload_ps(reinterpret_cast<const float*>(row) + c, tailMask(count));
    }
};

struct LoadF16 {
    static __m256 full(const std::byte* row, int c)
    {
        return _mm256_cvtph_ps(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 2 * static_cast<size_t>(c))));
    }
    static __m256 tail(const std::byte* row, int c, int count)
    {
        alignas(16) uint16_t h[8] = {};
        std::memcpy(h, row + 2 * static_cast<size_t>(c), 2 * static_cast<size_t>(count));
        return _mm256_cvtph_ps(_mm_load_si128(reinterpret_cast<const __m128i*>(h)));
    }
};

struct LoadBf16 {
    static __m256 widen(__m128i h)
    {
        return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
    }
    static __m256 full(const std::byte* row, int c)
    {
        return widen(_mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 2 * static_cast<size_t>(c))));
    }
    static __m256 tail(const std::byte* row, int c, int count)
    {
        alignas(16) uint16_t h[8] = {};
        std::memcpy(h, row + 2 * static_cast<size_t>(c), 2 * static_cast<size_t>(count));
        return widen(_mm_load_si128(reinterpret_cast<const __m128i*>(h)));
    }
};

// The canonical reduction of 8 lanes: ((a0+a1)+(a2+a3)) + ((a4+a5)+(a6+a7)).
inline float hsum(__m256 a)
{
    const __m256 h = _mm256_hadd_ps(a, a);
    const __m256 q = _mm256_hadd_ps(h, h);
    return _mm_cvtss_f32(_mm_add_ps(_mm256_castps256_ps128(q), _mm256_extractf128_ps(q, 1)));
}

// The same tree for four accumulators at once: returns {hsum(a), hsum(b), hsum(c), hsum(d)}.
inline __m128 hsum4(__m256 a, __m256 b, __m256 c, __m256 d)
{
    const __m256 q = _mm256_hadd_ps(_mm256_hadd_ps(a, b), _mm256_hadd_ps(c, d));
    return _mm_add_ps(_mm256_castps256_ps128(q), _mm256_extractf128_ps(q, 1));
}

// Signed int8 dot product of 32 pairs, as 8 int32 partial sums. maddubs needs one unsigned
// operand: |w| with the sign moved onto x. Taking |w| (not |x|) keeps w = -128 exact (|-128| reads
// as 128 unsigned); x is our own quantisation, so it never holds -128 and -x never overflows.
// No int16 saturation: 2 * 128 * 127 < 32767.
inline __m256i dotI8(__m256i w, __m256i x)
{
    const __m256i pairs = _mm256_maddubs_epi16(_mm256_sign_epi8(w, w), _mm256_sign_epi8(x, w));
    return _mm256_madd_epi16(pairs, _mm256_set1_epi16(1));
}

// 16 bytes of packed nibbles as 32 values: the low nibbles (elements 0-15), then the high ones
// (the order of Q4_0, Q4_1, IQ4_NL and IQ4_XS blocks).
inline __m256i nibbles32(const std::byte* qs)
{
    const __m128i packed = _mm_loadu_si128(reinterpret_cast<const __m128i*>(qs));
    return _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(packed, 4), packed), _mm256_set1_epi8(0x0F));
}

// Byte j = 0xFF where bit j of bits is set, else 0.
inline __m256i bitBytes(uint32_t bits)
{
    const __m256i spread =
        _mm256_shuffle_epi8(_mm256_set1_epi32(static_cast<int>(bits)),
                            _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2,
                                             2, 2, 3, 3, 3, 3, 3, 3, 3, 3));
    const __m256i bit = _mm256_set1_epi64x(static_cast<long long>(0x8040201008040201ULL));
    return _mm256_cmpeq_epi8(_mm256_and_si256(spread, bit), bit);
}

#endif // MOE_KERNELS_AVX2

// The f16 stored at p (any alignment), as a float.
inline float f16At(const std::byte* p)
{
    uint16_t h;
    std::memcpy(&h, p, 2);
#ifdef MOE_KERNELS_AVX2
    return _cvtsh_ss(h);
#else
    return halfToFloat(h);
#endif
}

// Rounds 32 floats to int8 the way llama.cpp's AVX2 quantize_row_q8_0/q8_1 do: q = round-half-even
// (v * (127 / max|v|)), 0 when all are 0. Returns max|v| (the block scale is max|v| / 127).
inline float roundBlock32(const float* v, int8_t* q)
{
#ifdef MOE_KERNELS_AVX2
    const __m256 v0 = _mm256_loadu_ps(v), v1 = _mm256_loadu_ps(v + 8);
    const __m256 v2 = _mm256_loadu_ps(v + 16), v3 = _mm256_loadu_ps(v + 24);
    const __m256 signBit = _mm256_set1_ps(-0.0f);
    __m256 maxAbs = _mm256_andnot_ps(signBit, v0);
    maxAbs = _mm256_max_ps(maxAbs, _mm256_andnot_ps(signBit, v1));
    maxAbs = _mm256_max_ps(maxAbs, _mm256_andnot_ps(signBit, v2));
    maxAbs = _mm256_max_ps(maxAbs, _mm256_andnot_ps(signBit, v3));
    __m128 max4 = _mm_max_ps(_mm256_extractf128_ps(maxAbs, 1), _mm256_castps256_ps128(maxAbs));
    max4 = _mm_max_ps(max4, _mm_movehl_ps(max4, max4));
    max4 = _mm_max_ss(max4, _mm_movehdup_ps(max4));
    const float maxScalar = _mm_cvtss_f32(max4);
    const __m256 mul = _mm256_set1_ps(maxScalar != 0.0f ? 127.0f / maxScalar : 0.0f);
    const auto toInt = [&](__m256 a) {
        return _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(a, mul), _MM_FROUND_TO_NEAREST_INT));
    };
    // The packs work per 128-bit half; the permute restores element order.
    const __m256i packed = _mm256_packs_epi16(_mm256_packs_epi32(toInt(v0), toInt(v1)),
                                              _mm256_packs_epi32(toInt(v2), toInt(v3)));
    const __m256i ordered = _mm256_permutevar8x32_epi32(packed, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(q), ordered);
    return maxScalar;
#else
    float maxAbs = 0.0f;
    for (int j = 0; j < 32; ++j)
        maxAbs = __builtin_fmaxf(maxAbs, __builtin_fabsf(v[j]));
    const float id = maxAbs != 0.0f ? 127.0f / maxAbs : 0.0f;
    for (int j = 0; j < 32; ++j)
        q[j] = static_cast<int8_t>(__builtin_nearbyintf(v[j] * id)); // ties to even, like the AVX2 path
    return maxAbs;
#endif
}

// Row r of w (WeightMatrix::row without its inline copy, see above).
inline const std::byte* rowOf(const WeightMatrix& w, int r)
{
    return w.data + static_cast<size_t>(r) * w.rowBytes;
}
inline int minInt(int a, int b)
{
    return a < b ? a : b;
}
inline int maxInt(int a, int b)
{
    return a > b ? a : b;
}

// Per-type entry points, listed in this variant's KernelTable (kernels_table.cpp).
void matVecFloat(const WeightMatrix& w, const float* x, float* y, int rowBegin, int rowEnd);
void matMatFloat(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy, int rowBegin,
                 int rowEnd);
void quantizeQ8(const float* x, int cols, BlockQ8_0* out);
void matVecQ8(const WeightMatrix& w, const BlockQ8_0* xq, float* y, int rowBegin, int rowEnd);
void matMatQ8(const WeightMatrix& w, const BlockQ8_0* xq, int n, int ldxq, float* y, int ldy, int rowBegin,
              int rowEnd);
// kernels_act.cpp: activations rounded for a weight type (kernels::quantizeActivations), and the
// products of any quantised weight with such activations (xq rows ldxq bytes apart).
void quantizeAct(TensorType weightType, const float* x, int cols, std::byte* out);
void matVecQuant(const WeightMatrix& w, const std::byte* xq, float* y, int rowBegin, int rowEnd);
void matMatQuant(const WeightMatrix& w, const std::byte* xq, int n, size_t ldxq, float* y, int ldy,
                 int rowBegin, int rowEnd);
// One weight row of `blocks` blocks dotted with its activation row (kernels_dot32.cpp for the
// 32-value blocks, kernels_dotk.cpp and kernels_dotk_small.cpp for the 256-value ones). dotQ4_0,
// dotQ5_0 and dotIq4Nl exist in the portable variant only (the AVX2 code tiles them with Q8_0,
// kernels_q8.cpp).
float dotQ4_0(const std::byte* row, const std::byte* xq, int blocks);
float dotQ4_1(const std::byte* row, const std::byte* xq, int blocks);
float dotQ5_0(const std::byte* row, const std::byte* xq, int blocks);
float dotQ5_1(const std::byte* row, const std::byte* xq, int blocks);
float dotIq4Nl(const std::byte* row, const std::byte* xq, int blocks);
float dotQ2_K(const std::byte* row, const std::byte* xq, int blocks);
float dotQ3_K(const std::byte* row, const std::byte* xq, int blocks);
float dotQ4_K(const std::byte* row, const std::byte* xq, int blocks);
float dotQ5_K(const std::byte* row, const std::byte* xq, int blocks);
float dotQ6_K(const std::byte* row, const std::byte* xq, int blocks);
float dotIq4Xs(const std::byte* row, const std::byte* xq, int blocks);
// Q4_K, Q5_K or Q6_K (type) against two activation rows: out[i] = dot(row, x_i), bit-identical to
// the single dots (the weights are unpacked once for both).
void dotPairK(TensorType type, const std::byte* row, const std::byte* xa, const std::byte* xb, int blocks,
              float* out);
// decodeRow with SIMD for the common types.
void decodeRowFast(const WeightMatrix& w, int row, float* out);
// kernels_attention.cpp
void attendGroup(const AttentionGroup& group);

} // namespace moe::kernels::MOE_KERNELS_VARIANT

namespace moe::kernels::detail {

// Per-thread scratch, grown once and reused, owned by kernels.cpp (compiled for the baseline).
float* decodedPanelScratch(size_t floats);
const std::byte** rowPointerScratch(size_t count);

} // namespace moe::kernels::detail

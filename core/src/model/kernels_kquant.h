// Shared by the K-quant dot products (kernels_dotk.cpp, kernels_dotk_small.cpp): block sizes,
// scale unpacking, and the AVX2 building blocks of the integer super-block sums. Included only by
// variant sources; everything has internal linkage.
#pragma once

#include "kernels_simd.h"

namespace moe::kernels::MOE_KERNELS_VARIANT {

namespace {

constexpr int8_t kIq4Values[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

// Bytes per super-block.
constexpr size_t kQ2_K = 84, kQ3_K = 110, kQ4_K = 144, kQ5_K = 176, kQ6_K = 210, kIq4Xs = 136;

inline uint32_t u32At(const std::byte* p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

// Q4_K/Q5_K: eight 6-bit scales and mins packed in 12 bytes, unpacked four at a time into bytes
// 0-7 (scales) and 8-15 (mins) of out (scale j < 4: q[j] & 63, min j < 4: q[j + 4] & 63; j >= 4
// adds the top two bits of q[j - 4] resp. q[j] to the nibbles of q[j + 4]).
inline void scalesAndMins(const std::byte* packed, uint32_t* out)
{
    const uint32_t a = u32At(packed), b = u32At(packed + 4), c = u32At(packed + 8);
    out[0] = a & 0x3F3F3F3Fu;
    out[1] = (c & 0x0F0F0F0Fu) | (((a >> 6) & 0x03030303u) << 4);
    out[2] = b & 0x3F3F3F3Fu;
    out[3] = ((c >> 4) & 0x0F0F0F0Fu) | (((b >> 6) & 0x03030303u) << 4);
}

// Q3_K: sixteen 6-bit scales (minus 32): low nibbles from bytes 0-7, top bits from bytes 8-11.
inline void q3Scales(const std::byte* packed, int8_t* scales)
{
    const uint32_t a = u32At(packed), b = u32At(packed + 4), c = u32At(packed + 8);
    const uint32_t s[4] = {(a & 0x0F0F0F0Fu) | ((c & 0x03030303u) << 4),
                           (b & 0x0F0F0F0Fu) | (((c >> 2) & 0x03030303u) << 4),
                           ((a >> 4) & 0x0F0F0F0Fu) | (((c >> 4) & 0x03030303u) << 4),
                           ((b >> 4) & 0x0F0F0F0Fu) | (((c >> 6) & 0x03030303u) << 4)};
    std::memcpy(scales, s, 16);
    for (int k = 0; k < 16; ++k)
        scales[k] = static_cast<int8_t>(scales[k] - 32);
}

// IQ4_XS: the 6-bit scale (minus 32) of 32-value group g.
inline int iq4XsScale(const std::byte* block, int g)
{
    uint16_t high;
    std::memcpy(&high, block + 2, 2);
    const int low = (static_cast<int>(block[4 + g / 2]) >> (4 * (g % 2))) & 0x0F;
    return (low | (((high >> (2 * g)) & 3) << 4)) - 32;
}

inline int u8At(const std::byte* p, int i)
{
    return static_cast<int>(p[i]);
}

#ifdef MOE_KERNELS_AVX2

inline __m256i load32(const void* p)
{
    return _mm256_loadu_si256(static_cast<const __m256i*>(p));
}

// pshufb controls over 8 int16 scales held in both 128-bit halves: the low half's lanes all get
// scale `low`, the high half's all `high` (the scales of values 0-15 and 16-31 of 32).
struct ScalePick {
    alignas(32) int8_t bytes[32];
};
constexpr ScalePick scalePick(int low, int high)
{
    ScalePick p{};
    for (int i = 0; i < 16; ++i) {
        p.bytes[i] = static_cast<int8_t>(2 * low + (i & 1));
        p.bytes[16 + i] = static_cast<int8_t>(2 * high + (i & 1));
    }
    return p;
}
constexpr ScalePick kPairs[4] = {scalePick(0, 1), scalePick(2, 3), scalePick(4, 5), scalePick(6, 7)};
constexpr ScalePick kSingles[8] = {scalePick(0, 0), scalePick(1, 1), scalePick(2, 2), scalePick(3, 3),
                                   scalePick(4, 4), scalePick(5, 5), scalePick(6, 6), scalePick(7, 7)};

// 8 int16 scales (from 8 bytes, signed or not) in both halves.
inline __m256i scalesBoth(__m128i scales16)
{
    return _mm256_broadcastsi128_si256(scales16);
}

// The int16 scale of each lane (chosen by p from scalesBoth()).
inline __m256i pick(__m256i scales, const ScalePick& p)
{
    return _mm256_shuffle_epi8(scales, _mm256_load_si256(reinterpret_cast<const __m256i*>(p.bytes)));
}

// 16 int16 pair sums of 32 values times their scales (chosen by p), as 8 int32.
inline __m256i scaled(__m256i pairs, __m256i scales, const ScalePick& p)
{
    return _mm256_madd_epi16(pairs, pick(scales, p));
}

inline float hsum128(__m128 a)
{
    a = _mm_add_ps(a, _mm_movehl_ps(a, a));
    return _mm_cvtss_f32(_mm_add_ss(a, _mm_movehdup_ps(a)));
}

// Pair sums of unsigned weights (< 128) times signed activations.
inline __m256i pairsU8(__m256i w, const int8_t* x)
{
    return _mm256_maddubs_epi16(w, load32(x));
}

// Pair sums of signed weights times activations (|w| moved onto the unsigned operand, as dotI8).
inline __m256i pairsI8(__m256i w, const int8_t* x)
{
    return _mm256_maddubs_epi16(_mm256_sign_epi8(w, w), _mm256_sign_epi8(load32(x), w));
}

// One super-block's float step: acc += d * isum (8 lanes).
inline __m256 addScaled(__m256 acc, float d, __m256i isum)
{
    return _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(isum), acc);
}

#else

// sum_g scale[g] * (q . x over the 16 values of group g): exact.
inline int32_t groupDot(const int* q, const int* scale16, const int8_t* x)
{
    int32_t total = 0;
    for (int g = 0; g < 16; ++g) {
        int32_t dot = 0;
        for (int j = 16 * g; j < 16 * g + 16; ++j)
            dot += q[j] * x[j];
        total += scale16[g] * dot;
    }
    return total;
}

#endif

} // namespace

} // namespace moe::kernels::MOE_KERNELS_VARIANT

// Dot products of the 256-value block types (Q2_K ... Q6_K, IQ4_XS) with activations rounded to
// Q8_K. Per super-block everything is integer and exact: each 16- or 32-value group's quant dot
// times its integer scale, summed (the AVX2 code in 8 int32 lanes); then d_w * d_x scales that
// sum into float (one FMA per lane and super-block). The types with mins subtract
// dmin_w * d_x * sum(min_g * bsum_g), also an exact integer, into a separate float sum.
// Block layouts: shared/reference/moe-architectures.md section 14 (and gguf/block_dequant.cpp).
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

float dotQ2_K(const std::byte* row, const std::byte* xq, int blocks)
{
    const auto* x = reinterpret_cast<const BlockQ8_K*>(xq);
#ifdef MOE_KERNELS_AVX2
    __m256 acc = _mm256_setzero_ps(), accMins = _mm256_setzero_ps();
    const __m128i lowNibbles = _mm_set1_epi8(0x0F);
#else
    float sum = 0.0f, mins = 0.0f;
#endif
    for (int b = 0; b < blocks; ++b) {
        const std::byte* block = row + kQ2_K * static_cast<size_t>(b);
        // Bytes 0-15: per 16 values, the scale in the low nibble and the min in the high one.
        const float d = f16At(block + 80) * x[b].d, dmin = f16At(block + 82) * x[b].d;
#ifdef MOE_KERNELS_AVX2
        const __m128i packed = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
        const __m128i scales8 = _mm_and_si128(packed, lowNibbles);
        const __m256i mins16 = _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(packed, 4), lowNibbles));
        const __m256i minSums = _mm256_madd_epi16(mins16, load32(x[b].bsums));
        accMins = _mm256_fmadd_ps(_mm256_set1_ps(dmin), _mm256_cvtepi32_ps(minSums), accMins);
        __m256i isum = _mm256_setzero_si256();
        for (int n = 0; n < 2; ++n) {
            const __m256i scales =
                scalesBoth(_mm_cvtepu8_epi16(n == 0 ? scales8 : _mm_srli_si128(scales8, 8)));
            __m256i q = load32(block + 16 + 32 * n);
            for (int j = 0; j < 4; ++j) {
                const __m256i w = _mm256_and_si256(q, _mm256_set1_epi8(3));
                isum =
                    _mm256_add_epi32(isum, scaled(pairsU8(w, x[b].q + 128 * n + 32 * j), scales, kPairs[j]));
                q = _mm256_srli_epi16(q, 2);
            }
        }
        acc = addScaled(acc, d, isum);
#else
        int q[256], scale16[16];
        int32_t minSum = 0;
        for (int k = 0; k < 16; ++k) {
            scale16[k] = u8At(block, k) & 0x0F;
            minSum += (u8At(block, k) >> 4) * x[b].bsums[k];
        }
        for (int n = 0; n < 2; ++n)
            for (int j = 0; j < 4; ++j)
                for (int i = 0; i < 32; ++i)
                    q[128 * n + 32 * j + i] = (u8At(block + 16, 32 * n + i) >> (2 * j)) & 3;
        sum += d * static_cast<float>(groupDot(q, scale16, x[b].q));
        mins += dmin * static_cast<float>(minSum);
#endif
    }
#ifdef MOE_KERNELS_AVX2
    return hsum(acc) - hsum(accMins);
#else
    return sum - mins;
#endif
}

float dotQ3_K(const std::byte* row, const std::byte* xq, int blocks)
{
    const auto* x = reinterpret_cast<const BlockQ8_K*>(xq);
#ifdef MOE_KERNELS_AVX2
    __m256 acc = _mm256_setzero_ps();
#else
    float sum = 0.0f;
#endif
    for (int b = 0; b < blocks; ++b) {
        const std::byte* block = row + kQ3_K * static_cast<size_t>(b);
        int8_t scales[16];
        q3Scales(block + 96, scales);
        const float d = f16At(block + 108) * x[b].d;
        // Value = low two bits from qs, minus 4 where the high-mask bit is clear.
#ifdef MOE_KERNELS_AVX2
        const __m128i scales8 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(scales));
        __m256i high = load32(block); // bit 4n + j of byte i: element 128n + 32j + i
        __m256i isum = _mm256_setzero_si256();
        for (int n = 0; n < 2; ++n) {
            const __m256i groupScales =
                scalesBoth(_mm_cvtepi8_epi16(n == 0 ? scales8 : _mm_srli_si128(scales8, 8)));
            __m256i low = load32(block + 32 + 32 * n);
            for (int j = 0; j < 4; ++j) {
                const __m256i h = _mm256_slli_epi16(_mm256_and_si256(high, _mm256_set1_epi8(1)), 2);
                const __m256i w = _mm256_sub_epi8(
                    _mm256_or_si256(_mm256_and_si256(low, _mm256_set1_epi8(3)), h), _mm256_set1_epi8(4));
                const __m256i pairs = pairsI8(w, x[b].q + 128 * n + 32 * j);
                isum = _mm256_add_epi32(isum, scaled(pairs, groupScales, kPairs[j]));
                low = _mm256_srli_epi16(low, 2);
                high = _mm256_srli_epi16(high, 1);
            }
        }
        acc = addScaled(acc, d, isum);
#else
        int q[256], scale16[16];
        for (int n = 0; n < 2; ++n)
            for (int j = 0; j < 4; ++j)
                for (int i = 0; i < 32; ++i)
                    q[128 * n + 32 * j + i] = ((u8At(block + 32, 32 * n + i) >> (2 * j)) & 3) -
                                              (((u8At(block, i) >> (4 * n + j)) & 1) ? 0 : 4);
        for (int k = 0; k < 16; ++k)
            scale16[k] = scales[k];
        sum += d * static_cast<float>(groupDot(q, scale16, x[b].q));
#endif
    }
#ifdef MOE_KERNELS_AVX2
    return hsum(acc);
#else
    return sum;
#endif
}

namespace {

#ifdef MOE_KERNELS_AVX2

// Q4_K (without high bits) and Q5_K against T activation rows at once (the weights are unpacked
// once for all T); out[t] gets exactly what T = 1 gives for row t. Four 64-value chunks: the low
// nibbles of 32 bytes (scale 2c), then their high nibbles (scale 2c + 1); Q5_K's fifth bits are
// bit 2c resp. 2c + 1 of qh[i].
template <int T>
void q45Tokens(const std::byte* row, size_t blockBytes, const BlockQ8_K* const* xs, int blocks,
               bool hasHighBits, float* out)
{
    const size_t qsOffset = hasHighBits ? 48 : 16;
    __m256 acc[T];
    __m128 accMins[T];
    for (int t = 0; t < T; ++t) {
        acc[t] = _mm256_setzero_ps();
        accMins[t] = _mm_setzero_ps();
    }
    const __m256i lowNibble = _mm256_set1_epi8(0x0F), one = _mm256_set1_epi8(1);
    for (int b = 0; b < blocks; ++b) {
        const std::byte* block = row + blockBytes * static_cast<size_t>(b);
        uint32_t scalesMins[4];
        scalesAndMins(block + 4, scalesMins);
        const float dw = f16At(block), dminw = f16At(block + 2);
        // int16 lanes 0-7: scales, 8-15: mins. The mins meet the sums of 32 values' activations:
        // bsums added in pairs.
        const __m256i sm16 =
            _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(scalesMins)));
        const __m128i mins = _mm256_extracti128_si256(sm16, 1);
        const __m256i scales = scalesBoth(_mm256_castsi256_si128(sm16));
        for (int t = 0; t < T; ++t) {
            const __m256i bsums = load32(xs[t][b].bsums);
            const __m128i pairSums =
                _mm_hadd_epi16(_mm256_castsi256_si128(bsums), _mm256_extracti128_si256(bsums, 1));
            accMins[t] = _mm_fmadd_ps(_mm_set1_ps(dminw * xs[t][b].d),
                                      _mm_cvtepi32_ps(_mm_madd_epi16(mins, pairSums)), accMins[t]);
        }
        const std::byte* qs = block + qsOffset;
        __m256i high = hasHighBits ? load32(block + 16) : _mm256_setzero_si256();
        __m256i isum[T];
        for (int t = 0; t < T; ++t)
            isum[t] = _mm256_setzero_si256();
        for (int c = 0; c < 4; ++c) {
            const __m256i q = load32(qs + 32 * c);
            __m256i lo = _mm256_and_si256(q, lowNibble);
            __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), lowNibble);
            if (hasHighBits) {
                lo = _mm256_or_si256(lo, _mm256_slli_epi16(_mm256_and_si256(high, one), 4));
                hi = _mm256_or_si256(hi,
                                     _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(high, 1), one), 4));
                high = _mm256_srli_epi16(high, 2);
            }
            const __m256i scaleLo = pick(scales, kSingles[2 * c]),
                          scaleHi = pick(scales, kSingles[2 * c + 1]);
            for (int t = 0; t < T; ++t) {
                const __m256i pLo = pairsU8(lo, xs[t][b].q + 64 * c),
                              pHi = pairsU8(hi, xs[t][b].q + 64 * c + 32);
                isum[t] = _mm256_add_epi32(isum[t], _mm256_madd_epi16(pLo, scaleLo));
                isum[t] = _mm256_add_epi32(isum[t], _mm256_madd_epi16(pHi, scaleHi));
            }
        }
        for (int t = 0; t < T; ++t)
            acc[t] = addScaled(acc[t], dw * xs[t][b].d, isum[t]);
    }
    for (int t = 0; t < T; ++t)
        out[t] = hsum(acc[t]) - hsum128(accMins[t]);
}

// Q6_K against T activation rows at once, as q45Tokens. Half n: 64 bytes of low nibbles (ql), 32
// of high bit pairs (qh); value = q - 32, where group 0 = ql[0:32] low | qh bits 0-1, 1 =
// ql[32:64] low | bits 2-3, 2 = ql[0:32] high | bits 4-5, 3 = ql[32:64] high | bits 6-7.
template <int T> void q6Tokens(const std::byte* row, const BlockQ8_K* const* xs, int blocks, float* out)
{
    __m256 acc[T];
    for (int t = 0; t < T; ++t)
        acc[t] = _mm256_setzero_ps();
    const __m256i lowNibble = _mm256_set1_epi8(0x0F), highPair = _mm256_set1_epi8(0x30);
    const __m256i offset = _mm256_set1_epi8(32);
    for (int b = 0; b < blocks; ++b) {
        const std::byte* block = row + kQ6_K * static_cast<size_t>(b);
        const auto* scales = reinterpret_cast<const int8_t*>(block + 192); // per 16 values
        const float dw = f16At(block + 208);
        __m256i isum[T];
        for (int t = 0; t < T; ++t)
            isum[t] = _mm256_setzero_si256();
        for (int n = 0; n < 2; ++n) {
            const __m256i groupScales = scalesBoth(
                _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(scales + 8 * n))));
            const __m256i a = load32(block + 64 * n), c = load32(block + 64 * n + 32);
            const __m256i h = load32(block + 128 + 32 * n);
            const __m256i w[4] = {_mm256_or_si256(_mm256_and_si256(a, lowNibble),
                                                  _mm256_and_si256(_mm256_slli_epi16(h, 4), highPair)),
                                  _mm256_or_si256(_mm256_and_si256(c, lowNibble),
                                                  _mm256_and_si256(_mm256_slli_epi16(h, 2), highPair)),
                                  _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(a, 4), lowNibble),
                                                  _mm256_and_si256(h, highPair)),
                                  _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(c, 4), lowNibble),
                                                  _mm256_and_si256(_mm256_srli_epi16(h, 2), highPair))};
            for (int g = 0; g < 4; ++g) {
                const __m256i ws = _mm256_sub_epi8(w[g], offset);
                const __m256i absW = _mm256_sign_epi8(ws, ws);
                const __m256i groupScale = pick(groupScales, kPairs[g]);
                for (int t = 0; t < T; ++t) {
                    const __m256i xv = _mm256_sign_epi8(load32(xs[t][b].q + 128 * n + 32 * g), ws);
                    isum[t] = _mm256_add_epi32(isum[t],
                                               _mm256_madd_epi16(_mm256_maddubs_epi16(absW, xv), groupScale));
                }
            }
        }
        for (int t = 0; t < T; ++t)
            acc[t] = addScaled(acc[t], dw * xs[t][b].d, isum[t]);
    }
    for (int t = 0; t < T; ++t)
        out[t] = hsum(acc[t]);
}

#else

// Q4_K (without high bits) and Q5_K, as the AVX2 code but with one exact integer per super-block.
float dotQ45(const std::byte* row, size_t blockBytes, const BlockQ8_K* x, int blocks, bool hasHighBits)
{
    const size_t qsOffset = hasHighBits ? 48 : 16;
    float sum = 0.0f, mins = 0.0f;
    for (int b = 0; b < blocks; ++b) {
        const std::byte* block = row + blockBytes * static_cast<size_t>(b);
        uint32_t scalesMins[4];
        scalesAndMins(block + 4, scalesMins);
        const float d = f16At(block) * x[b].d, dmin = f16At(block + 2) * x[b].d;
        const std::byte* qs = block + qsOffset;
        uint8_t scales[8], minValues[8];
        std::memcpy(scales, scalesMins, 8);
        std::memcpy(minValues, scalesMins + 2, 8);
        int32_t minSum = 0;
        for (int g = 0; g < 8; ++g)
            minSum += minValues[g] * (x[b].bsums[2 * g] + x[b].bsums[2 * g + 1]);
        int q[256], scale16[16];
        for (int c = 0; c < 4; ++c) {
            for (int l = 0; l < 32; ++l) {
                const int v = u8At(qs, 32 * c + l), h = hasHighBits ? u8At(block + 16, l) : 0;
                q[64 * c + l] = (v & 0x0F) | (((h >> (2 * c)) & 1) << 4);
                q[64 * c + 32 + l] = (v >> 4) | (((h >> (2 * c + 1)) & 1) << 4);
            }
        }
        for (int k = 0; k < 16; ++k)
            scale16[k] = scales[k / 2];
        sum += d * static_cast<float>(groupDot(q, scale16, x[b].q));
        mins += dmin * static_cast<float>(minSum);
    }
    return sum - mins;
}

#endif

} // namespace

float dotQ4_K(const std::byte* row, const std::byte* xq, int blocks)
{
    const auto* x = reinterpret_cast<const BlockQ8_K*>(xq);
#ifdef MOE_KERNELS_AVX2
    float out;
    q45Tokens<1>(row, kQ4_K, &x, blocks, false, &out);
    return out;
#else
    return dotQ45(row, kQ4_K, x, blocks, false);
#endif
}

float dotQ5_K(const std::byte* row, const std::byte* xq, int blocks)
{
    const auto* x = reinterpret_cast<const BlockQ8_K*>(xq);
#ifdef MOE_KERNELS_AVX2
    float out;
    q45Tokens<1>(row, kQ5_K, &x, blocks, true, &out);
    return out;
#else
    return dotQ45(row, kQ5_K, x, blocks, true);
#endif
}

float dotQ6_K(const std::byte* row, const std::byte* xq, int blocks)
{
    const auto* x = reinterpret_cast<const BlockQ8_K*>(xq);
#ifdef MOE_KERNELS_AVX2
    float out;
    q6Tokens<1>(row, &x, blocks, &out);
    return out;
#else
    float sum = 0.0f;
    for (int b = 0; b < blocks; ++b) {
        const std::byte* block = row + kQ6_K * static_cast<size_t>(b);
        const auto* scales = reinterpret_cast<const int8_t*>(block + 192); // per 16 values
        const float d = f16At(block + 208) * x[b].d;
        int q[256], scale16[16];
        for (int n = 0; n < 2; ++n) {
            const std::byte* ql = block + 64 * n;
            const std::byte* qh = block + 128 + 32 * n;
            for (int l = 0; l < 32; ++l) {
                const int h = u8At(qh, l);
                q[128 * n + l] = ((u8At(ql, l) & 0x0F) | ((h & 3) << 4)) - 32;
                q[128 * n + 32 + l] = ((u8At(ql, l + 32) & 0x0F) | (((h >> 2) & 3) << 4)) - 32;
                q[128 * n + 64 + l] = ((u8At(ql, l) >> 4) | (((h >> 4) & 3) << 4)) - 32;
                q[128 * n + 96 + l] = ((u8At(ql, l + 32) >> 4) | (((h >> 6) & 3) << 4)) - 32;
            }
        }
        for (int k = 0; k < 16; ++k)
            scale16[k] = scales[k];
        sum += d * static_cast<float>(groupDot(q, scale16, x[b].q));
    }
    return sum;
#endif
}

void dotPairK(TensorType type, const std::byte* row, const std::byte* xa, const std::byte* xb, int blocks,
              float* out)
{
#ifdef MOE_KERNELS_AVX2
    const BlockQ8_K* xs[2] = {reinterpret_cast<const BlockQ8_K*>(xa), reinterpret_cast<const BlockQ8_K*>(xb)};
    switch (type) {
    case TensorType::Q4_K:
        q45Tokens<2>(row, kQ4_K, xs, blocks, false, out);
        return;
    case TensorType::Q5_K:
        q45Tokens<2>(row, kQ5_K, xs, blocks, true, out);
        return;
    default:
        q6Tokens<2>(row, xs, blocks, out);
        return;
    }
#else
    const auto dot = type == TensorType::Q4_K ? dotQ4_K : (type == TensorType::Q5_K ? dotQ5_K : dotQ6_K);
    out[0] = dot(row, xa, blocks);
    out[1] = dot(row, xb, blocks);
#endif
}

float dotIq4Xs(const std::byte* row, const std::byte* xq, int blocks)
{
    const auto* x = reinterpret_cast<const BlockQ8_K*>(xq);
#ifdef MOE_KERNELS_AVX2
    __m256 acc = _mm256_setzero_ps();
    const __m128i table128 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kIq4Values));
    const __m256i table = _mm256_set_m128i(table128, table128);
#else
    float sum = 0.0f;
#endif
    for (int b = 0; b < blocks; ++b) {
        const std::byte* block = row + kIq4Xs * static_cast<size_t>(b);
        const float d = f16At(block) * x[b].d;
#ifdef MOE_KERNELS_AVX2
        __m256i isum = _mm256_setzero_si256();
        for (int g = 0; g < 8; ++g) {
            const __m256i w = _mm256_shuffle_epi8(table, nibbles32(block + 8 + 16 * g));
            const int s = iq4XsScale(block, g);
            isum = _mm256_add_epi32(isum, _mm256_madd_epi16(pairsI8(w, x[b].q + 32 * g),
                                                            _mm256_set1_epi16(static_cast<short>(s))));
        }
        acc = addScaled(acc, d, isum);
#else
        int q[256], scale16[16];
        for (int g = 0; g < 8; ++g) {
            for (int j = 0; j < 16; ++j) {
                const int v = u8At(block + 8, 16 * g + j);
                q[32 * g + j] = kIq4Values[v & 0x0F];
                q[32 * g + 16 + j] = kIq4Values[v >> 4];
            }
            scale16[2 * g] = scale16[2 * g + 1] = iq4XsScale(block, g);
        }
        sum += d * static_cast<float>(groupDot(q, scale16, x[b].q));
#endif
    }
#ifdef MOE_KERNELS_AVX2
    return hsum(acc);
#else
    return sum;
#endif
}

} // namespace moe::kernels::MOE_KERNELS_VARIANT

// Dot products of Q4_K, Q5_K and Q6_K (the types of Q4_K_M files) with activations rounded to Q8_K.
// Per super-block everything is integer and exact: each 16- or 32-value group's quant dot times
// its integer scale, summed (the AVX2 code in 8 int32 lanes); then d_w * d_x scales that sum into
// float (one FMA per lane and super-block). Q4_K and Q5_K subtract dmin_w * d_x *
// sum(min_g * bsum_g), also an exact integer, into a separate float sum. matMat takes inputs in
// pairs (dotPairK) with the same arithmetic per input.
// Block layouts: shared/reference/moe-architectures.md section 14 (and gguf/block_dequant.cpp).
#include "kernels_kquant.h"

namespace moe::kernels::MOE_KERNELS_VARIANT {

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

} // namespace moe::kernels::MOE_KERNELS_VARIANT

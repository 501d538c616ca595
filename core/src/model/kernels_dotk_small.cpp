// Dot products of Q2_K, Q3_K and IQ4_XS with activations rounded to Q8_K, built like those of
// kernels_dotk.cpp: exact integer super-block sums (16-value groups with 4-bit resp. 6-bit scales;
// IQ4_XS: 32-value groups of the non-linear table), scaled into float once per super-block; Q2_K
// subtracts its mins against the activation bsums.
// Block layouts: shared/reference/moe-architectures.md section 14 (and gguf/block_dequant.cpp).
#include "kernels_kquant.h"

namespace moe::kernels::MOE_KERNELS_VARIANT {

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

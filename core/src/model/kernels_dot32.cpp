// Dot products of the 32-value block types with activations rounded to Q8_1 (Q4_1, Q5_1), and the
// portable ones of those with Q8_0 activations (Q4_0, Q5_0, IQ4_NL; their AVX2 code is the tiled
// kernel of kernels_q8.cpp). Per block the weight quants meet the activation quants as an exact integer
// dot product, then d_w * d_x scales it into 8 float lanes (one FMA per lane and block, as for
// Q8_0); the offset types add m_w * s_x per block into a separate float sum. The portable code
// computes the same exact integer per block and adds d_w * d_x * isum into one float.
// Block layouts: shared/reference/moe-architectures.md section 14 (and gguf/block_dequant.cpp).
#include "kernels_simd.h"

namespace moe::kernels::MOE_KERNELS_VARIANT {

namespace {

constexpr int8_t kIq4Values[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

// Bytes per weight block.
constexpr size_t kQ4_0 = 18, kQ4_1 = 20, kQ5_0 = 22, kQ5_1 = 24, kIq4Nl = 18;

inline uint32_t u32At(const std::byte* p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

#ifdef MOE_KERNELS_AVX2

// Exact dot of 32 unsigned weights (< 128) with 32 signed activations, as 8 float lanes.
inline __m256 dotU8(__m256i w, __m256i x)
{
    return _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(w, x), _mm256_set1_epi16(1)));
}

inline __m256i load32(const int8_t* q)
{
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q));
}

// Offset types against Q8_1: unpack(block) gives the 32 unsigned weights; value = d * q + m.
template <size_t Bytes, class Unpack>
float dotOffset(const std::byte* row, const std::byte* xq, int blocks, Unpack unpack)
{
    const auto* x = reinterpret_cast<const BlockQ8_1*>(xq);
    const auto step = [&](int b, __m256& acc, float& offsets) {
        const std::byte* block = row + Bytes * static_cast<size_t>(b);
        const __m256 sums = dotU8(unpack(block), load32(x[b].q));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(f16At(block) * _cvtsh_ss(x[b].d)), sums, acc);
        offsets += f16At(block + 2) * _cvtsh_ss(x[b].s);
    };
    __m256 even = _mm256_setzero_ps(), odd = _mm256_setzero_ps();
    float evenOffsets = 0.0f, oddOffsets = 0.0f;
    int b = 0;
    for (; b + 2 <= blocks; b += 2) {
        step(b, even, evenOffsets);
        step(b + 1, odd, oddOffsets);
    }
    if (b < blocks)
        step(b, even, evenOffsets);
    return hsum(_mm256_add_ps(even, odd)) + (evenOffsets + oddOffsets);
}

#else

// Signed-quant types against Q8_0: unpack(block, q) writes the 32 integer weights.
template <size_t Bytes, class Unpack>
float dotSigned(const std::byte* row, const std::byte* xq, int blocks, Unpack unpack)
{
    const auto* x = reinterpret_cast<const BlockQ8_0*>(xq);
    float sum = 0.0f;
    for (int b = 0; b < blocks; ++b) {
        const std::byte* block = row + Bytes * static_cast<size_t>(b);
        int q[32];
        unpack(block, q);
        int32_t isum = 0;
        for (int j = 0; j < 32; ++j)
            isum += q[j] * x[b].q[j];
        sum += f16At(block) * halfToFloat(x[b].d) * static_cast<float>(isum);
    }
    return sum;
}

template <size_t Bytes, class Unpack>
float dotOffset(const std::byte* row, const std::byte* xq, int blocks, Unpack unpack)
{
    const auto* x = reinterpret_cast<const BlockQ8_1*>(xq);
    float sum = 0.0f, offsets = 0.0f;
    for (int b = 0; b < blocks; ++b) {
        const std::byte* block = row + Bytes * static_cast<size_t>(b);
        int q[32];
        unpack(block, q);
        int32_t isum = 0;
        for (int j = 0; j < 32; ++j)
            isum += q[j] * x[b].q[j];
        sum += f16At(block) * halfToFloat(x[b].d) * static_cast<float>(isum);
        offsets += f16At(block + 2) * halfToFloat(x[b].s);
    }
    return sum + offsets;
}

// The 32 nibbles of 16 bytes: low nibbles first.
inline void nibbles(const std::byte* qs, int* q)
{
    for (int j = 0; j < 16; ++j) {
        const int v = static_cast<int>(qs[j]);
        q[j] = v & 0x0F;
        q[j + 16] = v >> 4;
    }
}

// Adds the fifth bits (bit j of qh for element j) as 16.
inline void fifthBits(uint32_t qh, int* q)
{
    for (int j = 0; j < 32; ++j)
        q[j] |= static_cast<int>((qh >> j) & 1) << 4;
}

#endif

} // namespace

#ifdef MOE_KERNELS_AVX2

float dotQ4_1(const std::byte* row, const std::byte* xq, int blocks)
{
    return dotOffset<kQ4_1>(row, xq, blocks, [](const std::byte* block) { return nibbles32(block + 4); });
}

float dotQ5_1(const std::byte* row, const std::byte* xq, int blocks)
{
    return dotOffset<kQ5_1>(row, xq, blocks, [](const std::byte* block) {
        const __m256i high = _mm256_and_si256(bitBytes(u32At(block + 4)), _mm256_set1_epi8(0x10));
        return _mm256_or_si256(nibbles32(block + 8), high);
    });
}

#else

float dotQ4_0(const std::byte* row, const std::byte* xq, int blocks)
{
    return dotSigned<kQ4_0>(row, xq, blocks, [](const std::byte* block, int* q) {
        nibbles(block + 2, q);
        for (int j = 0; j < 32; ++j)
            q[j] -= 8;
    });
}

float dotQ5_0(const std::byte* row, const std::byte* xq, int blocks)
{
    return dotSigned<kQ5_0>(row, xq, blocks, [](const std::byte* block, int* q) {
        nibbles(block + 6, q);
        fifthBits(u32At(block + 2), q);
        for (int j = 0; j < 32; ++j)
            q[j] -= 16;
    });
}

float dotIq4Nl(const std::byte* row, const std::byte* xq, int blocks)
{
    return dotSigned<kIq4Nl>(row, xq, blocks, [](const std::byte* block, int* q) {
        nibbles(block + 2, q);
        for (int j = 0; j < 32; ++j)
            q[j] = kIq4Values[q[j]];
    });
}

float dotQ4_1(const std::byte* row, const std::byte* xq, int blocks)
{
    return dotOffset<kQ4_1>(row, xq, blocks, [](const std::byte* block, int* q) { nibbles(block + 4, q); });
}

float dotQ5_1(const std::byte* row, const std::byte* xq, int blocks)
{
    return dotOffset<kQ5_1>(row, xq, blocks, [](const std::byte* block, int* q) {
        nibbles(block + 8, q);
        fifthBits(u32At(block + 4), q);
    });
}

#endif

} // namespace moe::kernels::MOE_KERNELS_VARIANT

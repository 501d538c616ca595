// Activations rounded for each quantised weight type as ggml's CPU backend rounds them (Q8_0, Q8_1,
// Q8_K; kernel_blocks.h), and the matrix products of those weights with rounded activations: one
// dot (kernels_dot32.cpp, kernels_dotk.cpp) per (row, input), the same function for matVec and
// matMat, so their results are bit-identical and independent of the row range. The types with
// Q8_0 activations (Q8_0, Q4_0, Q5_0, IQ4_NL) have tiled kernels instead (kernels_q8.cpp).
#include "kernels.h"
#include "kernels_simd.h"
#include "moe/model.h"

#include <cassert>

namespace moe::kernels::MOE_KERNELS_VARIANT {

namespace {

// llama.cpp's quantize_row_q8_1 (AVX2 path): Q8_0's rounding, plus s = f16(d * sum(q)) with the
// unrounded d = max|x| / 127.
void quantizeQ8_1(const float* x, int cols, BlockQ8_1* out)
{
    for (int b = 0; b < cols / 32; ++b) {
        const float maxAbs = roundBlock32(x + 32 * static_cast<size_t>(b), out[b].q);
        const float d = maxAbs / 127.0f;
        int32_t sum = 0;
        for (int8_t q : out[b].q)
            sum += q;
        out[b].d = floatToHalf(d);
        out[b].s = floatToHalf(d * static_cast<float>(sum));
    }
}

// llama.cpp's quantize_row_q8_K (the reference code, which x86 builds use): the value of largest
// magnitude (the first, on ties) maps to -127, q = min(127, round-half-even(x * -127 / max)),
// d = 1 / (-127 / max). An all-zero block gets d = 0 and zero sums.
void quantizeQ8_K(const float* x, int cols, BlockQ8_K* out)
{
    for (int b = 0; b < cols / 256; ++b) {
        const float* v = x + 256 * static_cast<size_t>(b);
        BlockQ8_K& o = out[b];
        float maxAbs = 0.0f, maxValue = 0.0f;
        for (int j = 0; j < 256; ++j) {
            const float a = __builtin_fabsf(v[j]);
            if (a > maxAbs) {
                maxAbs = a;
                maxValue = v[j];
            }
        }
        if (maxAbs == 0.0f) {
            std::memset(&o, 0, sizeof o);
            continue;
        }
        const float iscale = -127.0f / maxValue;
        for (int j = 0; j < 256; ++j) {
            const float r = __builtin_nearbyintf(iscale * v[j]); // ggml's nearest_int: ties to even
            o.q[j] = static_cast<int8_t>(r < 127.0f ? r : 127.0f);
        }
        for (int k = 0; k < 16; ++k) {
            int sum = 0;
            for (int j = 16 * k; j < 16 * k + 16; ++j)
                sum += o.q[j];
            o.bsums[k] = static_cast<int16_t>(sum);
        }
        o.d = 1.0f / iscale;
    }
}

using DotFn = float (*)(const std::byte* row, const std::byte* xq, int blocks);

// The dot of a weight type without Q8_0 activations, and its values per block.
DotFn dotFor(TensorType type, int& blockValues)
{
    blockValues = 256;
    switch (type) {
    case TensorType::Q2_K:
        return dotQ2_K;
    case TensorType::Q3_K:
        return dotQ3_K;
    case TensorType::Q4_K:
        return dotQ4_K;
    case TensorType::Q5_K:
        return dotQ5_K;
    case TensorType::Q6_K:
        return dotQ6_K;
    case TensorType::IQ4_XS:
        return dotIq4Xs;
    default:
        break;
    }
    blockValues = 32;
    switch (type) {
    case TensorType::Q4_1:
        return dotQ4_1;
    case TensorType::Q5_1:
        return dotQ5_1;
    default:
        assert(false && "not a quantised type with a dot kernel");
        return nullptr;
    }
}

// Rows per panel in matMat: about this many weight bytes stay in L2 while every input passes.
constexpr size_t kPanelBytes = 64 * 1024;

} // namespace

void quantizeAct(TensorType weightType, const float* x, int cols, std::byte* out)
{
    switch (activationType(weightType)) {
    case ActivationType::Q8_1:
        assert(cols % 32 == 0);
        quantizeQ8_1(x, cols, reinterpret_cast<BlockQ8_1*>(out));
        return;
    case ActivationType::Q8_K:
        assert(cols % 256 == 0);
        quantizeQ8_K(x, cols, reinterpret_cast<BlockQ8_K*>(out));
        return;
    case ActivationType::Q8_0:
        quantizeQ8(x, cols, reinterpret_cast<BlockQ8_0*>(out));
        return;
    case ActivationType::Float:
        break;
    }
    assert(false && "not a quantised type");
}

void matVecQuant(const WeightMatrix& w, const std::byte* xq, float* y, int rowBegin, int rowEnd)
{
    if (activationType(w.type) == ActivationType::Q8_0) { // tiled kernels (kernels_q8.cpp)
        matVecQ8(w, reinterpret_cast<const BlockQ8_0*>(xq), y, rowBegin, rowEnd);
        return;
    }
    int blockValues = 0;
    const DotFn dot = dotFor(w.type, blockValues);
    const int blocks = w.cols / blockValues;
    for (int r = rowBegin; r < rowEnd; ++r)
        y[r - rowBegin] = dot(rowOf(w, r), xq, blocks);
}

void matMatQuant(const WeightMatrix& w, const std::byte* xq, int n, size_t ldxq, float* y, int ldy,
                 int rowBegin, int rowEnd)
{
    if (activationType(w.type) == ActivationType::Q8_0) { // tiled kernels (kernels_q8.cpp)
        assert(ldxq % sizeof(BlockQ8_0) == 0);
        matMatQ8(w, reinterpret_cast<const BlockQ8_0*>(xq), n, static_cast<int>(ldxq / sizeof(BlockQ8_0)), y,
                 ldy, rowBegin, rowEnd);
        return;
    }
    int blockValues = 0;
    const DotFn dot = dotFor(w.type, blockValues);
    const int blocks = w.cols / blockValues;
    const int panelRows = maxInt(1, static_cast<int>(kPanelBytes / w.rowBytes));
    // The main K-quants take inputs in pairs: each weight block is unpacked once for both.
    const bool pairs = w.type == TensorType::Q4_K || w.type == TensorType::Q5_K || w.type == TensorType::Q6_K;
    for (int p0 = rowBegin; p0 < rowEnd; p0 += panelRows) {
        const int p1 = minInt(rowEnd, p0 + panelRows);
        int i = 0;
        for (; pairs && i + 2 <= n; i += 2) {
            const std::byte* xa = xq + static_cast<size_t>(i) * ldxq;
            float* ya = y + static_cast<size_t>(i) * ldy;
            for (int r = p0; r < p1; ++r) {
                float out[2];
                dotPairK(w.type, rowOf(w, r), xa, xa + ldxq, blocks, out);
                ya[r] = out[0];
                ya[static_cast<size_t>(ldy) + r] = out[1];
            }
        }
        for (; i < n; ++i) {
            const std::byte* xi = xq + static_cast<size_t>(i) * ldxq;
            float* yi = y + static_cast<size_t>(i) * ldy;
            for (int r = p0; r < p1; ++r)
                yi[r] = dot(rowOf(w, r), xi, blocks);
        }
    }
}

} // namespace moe::kernels::MOE_KERNELS_VARIANT

// Kernel entry points: call the active variant's per-type implementation (kernel_variants.h) and,
// for quantised weights given float activations, round those first into per-thread scratch.
#include "kernels.h"

#include "kernel_variants.h"

#include <cassert>
#include <vector>

namespace moe::kernels {

namespace detail {

float* decodedPanelScratch(size_t floats)
{
    thread_local std::vector<float> scratch;
    if (scratch.size() < floats)
        scratch.resize(floats);
    return scratch.data();
}

const std::byte** rowPointerScratch(size_t count)
{
    thread_local std::vector<const std::byte*> scratch;
    if (scratch.size() < count)
        scratch.resize(count);
    return scratch.data();
}

} // namespace detail

namespace {

// Grown once per thread, then reused: the kernels run inside step(), which must not allocate.
// Rows of x rounded for w's type, rowBytes apart (a multiple of 4 keeps Q8_K's floats aligned).
const std::byte* quantisedScratch(const WeightMatrix& w, const float* x, int rows, int ldx, size_t& rowBytes)
{
    thread_local std::vector<uint32_t> scratch; // uint32_t: 4-byte aligned storage
    rowBytes = quantisedRowBytes(w.type, w.cols);
    const size_t words = (rowBytes * static_cast<size_t>(rows) + 3) / 4;
    if (scratch.size() < words)
        scratch.resize(words);
    auto* out = reinterpret_cast<std::byte*>(scratch.data());
    for (int i = 0; i < rows; ++i)
        activeKernelTable().quantizeAct(w.type, x + static_cast<size_t>(i) * ldx, w.cols,
                                        out + rowBytes * static_cast<size_t>(i));
    return out;
}

} // namespace

bool runsWeightType(TensorType type)
{
    switch (type) {
    case TensorType::F32:
    case TensorType::F16:
    case TensorType::BF16:
    case TensorType::Q4_0:
    case TensorType::Q4_1:
    case TensorType::Q5_0:
    case TensorType::Q5_1:
    case TensorType::Q8_0:
    case TensorType::Q2_K:
    case TensorType::Q3_K:
    case TensorType::Q4_K:
    case TensorType::Q5_K:
    case TensorType::Q6_K:
    case TensorType::IQ4_NL:
    case TensorType::IQ4_XS:
        return true;
    }
    return false;
}

ActivationType activationType(TensorType type)
{
    switch (type) {
    case TensorType::Q4_0:
    case TensorType::Q5_0:
    case TensorType::Q8_0:
    case TensorType::IQ4_NL:
        return ActivationType::Q8_0;
    case TensorType::Q4_1:
    case TensorType::Q5_1:
        return ActivationType::Q8_1;
    case TensorType::Q2_K:
    case TensorType::Q3_K:
    case TensorType::Q4_K:
    case TensorType::Q5_K:
    case TensorType::Q6_K:
    case TensorType::IQ4_XS:
        return ActivationType::Q8_K;
    default:
        return ActivationType::Float;
    }
}

bool quantisesActivations(TensorType type)
{
    return activationType(type) != ActivationType::Float;
}

size_t quantisedRowBytes(TensorType type, int cols)
{
    const auto n = static_cast<size_t>(cols);
    switch (activationType(type)) {
    case ActivationType::Q8_0:
        assert(cols % 32 == 0);
        return n / 32 * sizeof(BlockQ8_0);
    case ActivationType::Q8_1:
        assert(cols % 32 == 0);
        return n / 32 * sizeof(BlockQ8_1);
    case ActivationType::Q8_K:
        assert(cols % 256 == 0);
        return n / 256 * sizeof(BlockQ8_K);
    default:
        return 0;
    }
}

void decodeWeightRow(const WeightMatrix& w, int row, float* out)
{
    assert(row >= 0 && row < w.rows);
    activeKernelTable().decodeRow(w, row, out);
}

void attendGroup(const AttentionGroup& group)
{
    assert(group.length >= 1 && group.length <= group.scoreStride);
    activeKernelTable().attendGroup(group);
}

void quantizeRowQ8_0(const float* x, int cols, BlockQ8_0* out)
{
    activeKernelTable().quantizeQ8(x, cols, out);
}

void quantizeActivations(TensorType type, const float* x, int cols, std::byte* out)
{
    assert(quantisesActivations(type));
    activeKernelTable().quantizeAct(type, x, cols, out);
}

void matVecRows(const WeightMatrix& w, const float* x, float* y, int rowBegin, int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows);
    if (rowBegin == rowEnd)
        return;
    if (quantisesActivations(w.type)) {
        size_t rowBytes = 0;
        activeKernelTable().matVecQuant(w, quantisedScratch(w, x, 1, w.cols, rowBytes), y, rowBegin, rowEnd);
    } else {
        activeKernelTable().matVecFloat(w, x, y, rowBegin, rowEnd);
    }
}

void matMatRows(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy, int rowBegin,
                int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows && n >= 0 && ldx >= w.cols);
    if (rowBegin == rowEnd || n == 0)
        return;
    if (quantisesActivations(w.type)) {
        size_t rowBytes = 0;
        const std::byte* xq = quantisedScratch(w, x, n, ldx, rowBytes);
        activeKernelTable().matMatQuant(w, xq, n, rowBytes, y, ldy, rowBegin, rowEnd);
    } else {
        activeKernelTable().matMatFloat(w, x, n, ldx, y, ldy, rowBegin, rowEnd);
    }
}

void matVecRowsQuantised(const WeightMatrix& w, const std::byte* xq, float* y, int rowBegin, int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows && quantisesActivations(w.type));
    activeKernelTable().matVecQuant(w, xq, y, rowBegin, rowEnd);
}

void matMatRowsQuantised(const WeightMatrix& w, const std::byte* xq, int n, size_t ldxq, float* y, int ldy,
                         int rowBegin, int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows && n >= 0 && quantisesActivations(w.type));
    activeKernelTable().matMatQuant(w, xq, n, ldxq, y, ldy, rowBegin, rowEnd);
}

void matVecRowsQ8_0(const WeightMatrix& w, const BlockQ8_0* xq, float* y, int rowBegin, int rowEnd)
{
    assert(activationType(w.type) == ActivationType::Q8_0);
    matVecRowsQuantised(w, reinterpret_cast<const std::byte*>(xq), y, rowBegin, rowEnd);
}

void matMatRowsQ8_0(const WeightMatrix& w, const BlockQ8_0* xq, int n, int ldxq, float* y, int ldy,
                    int rowBegin, int rowEnd)
{
    assert(activationType(w.type) == ActivationType::Q8_0);
    matMatRowsQuantised(w, reinterpret_cast<const std::byte*>(xq), n,
                        static_cast<size_t>(ldxq) * sizeof(BlockQ8_0), y, ldy, rowBegin, rowEnd);
}

} // namespace moe::kernels

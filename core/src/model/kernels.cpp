// Kernel entry points: call the active variant's per-type implementation (kernel_variants.h) and,
// for Q8_0 weights given float activations, quantise those first into per-thread scratch.
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
BlockQ8_0* quantisedScratch(const float* x, int rows, int cols, int ldx)
{
    thread_local std::vector<BlockQ8_0> scratch;
    const size_t blocksPerRow = static_cast<size_t>(cols / 32);
    if (scratch.size() < blocksPerRow * static_cast<size_t>(rows))
        scratch.resize(blocksPerRow * static_cast<size_t>(rows));
    for (int i = 0; i < rows; ++i)
        activeKernelTable().quantizeQ8(x + static_cast<size_t>(i) * ldx, cols,
                                       scratch.data() + blocksPerRow * i);
    return scratch.data();
}

} // namespace

bool runsWeightType(TensorType type)
{
    return !isQuantised(type) || type == TensorType::Q8_0;
}

bool quantisesActivations(TensorType type)
{
    return type == TensorType::Q8_0;
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

void matVecRows(const WeightMatrix& w, const float* x, float* y, int rowBegin, int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows);
    if (rowBegin == rowEnd)
        return;
    if (w.type == TensorType::Q8_0)
        activeKernelTable().matVecQ8(w, quantisedScratch(x, 1, w.cols, w.cols), y, rowBegin, rowEnd);
    else
        activeKernelTable().matVecFloat(w, x, y, rowBegin, rowEnd);
}

void matMatRows(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy, int rowBegin,
                int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows && n >= 0 && ldx >= w.cols);
    if (rowBegin == rowEnd || n == 0)
        return;
    if (w.type == TensorType::Q8_0)
        activeKernelTable().matMatQ8(w, quantisedScratch(x, n, w.cols, ldx), n, w.cols / 32, y, ldy, rowBegin,
                                     rowEnd);
    else
        activeKernelTable().matMatFloat(w, x, n, ldx, y, ldy, rowBegin, rowEnd);
}

void matVecRowsQ8_0(const WeightMatrix& w, const BlockQ8_0* xq, float* y, int rowBegin, int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows);
    activeKernelTable().matVecQ8(w, xq, y, rowBegin, rowEnd);
}

void matMatRowsQ8_0(const WeightMatrix& w, const BlockQ8_0* xq, int n, int ldxq, float* y, int ldy,
                    int rowBegin, int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows && n >= 0);
    activeKernelTable().matMatQ8(w, xq, n, ldxq, y, ldy, rowBegin, rowEnd);
}

} // namespace moe::kernels

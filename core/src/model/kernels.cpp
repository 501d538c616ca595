// Kernel entry points: pick the per-type implementation (kernels_float.cpp, kernels_q8.cpp) and, for
// Q8_0 weights given float activations, quantise those first into per-thread scratch.
#include "kernels.h"

#include "kernels_simd.h"

#include <cassert>
#include <vector>

namespace moe::kernels {

namespace {

// Grown once per thread, then reused: the kernels run inside step(), which must not allocate.
BlockQ8_0* quantisedScratch(const float* x, int rows, int cols, int ldx)
{
    thread_local std::vector<BlockQ8_0> scratch;
    const size_t blocksPerRow = static_cast<size_t>(cols / 32);
    if (scratch.size() < blocksPerRow * static_cast<size_t>(rows))
        scratch.resize(blocksPerRow * static_cast<size_t>(rows));
    for (int i = 0; i < rows; ++i)
        detail::quantizeQ8(x + static_cast<size_t>(i) * ldx, cols, scratch.data() + blocksPerRow * i);
    return scratch.data();
}

} // namespace

bool quantisesActivations(TensorType type)
{
    return type == TensorType::Q8_0;
}

void decodeWeightRow(const WeightMatrix& w, int row, float* out)
{
    assert(row >= 0 && row < w.rows);
    detail::decodeRowFast(w, row, out);
}

void quantizeRowQ8_0(const float* x, int cols, BlockQ8_0* out)
{
    detail::quantizeQ8(x, cols, out);
}

void matVecRows(const WeightMatrix& w, const float* x, float* y, int rowBegin, int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows);
    if (rowBegin == rowEnd)
        return;
    if (w.type == TensorType::Q8_0)
        detail::matVecQ8(w, quantisedScratch(x, 1, w.cols, w.cols), y, rowBegin, rowEnd);
    else
        detail::matVecFloat(w, x, y, rowBegin, rowEnd);
}

void matMatRows(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy, int rowBegin,
                int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows && n >= 0 && ldx >= w.cols);
    if (rowBegin == rowEnd || n == 0)
        return;
    if (w.type == TensorType::Q8_0)
        detail::matMatQ8(w, quantisedScratch(x, n, w.cols, ldx), n, w.cols / 32, y, ldy, rowBegin, rowEnd);
    else
        detail::matMatFloat(w, x, n, ldx, y, ldy, rowBegin, rowEnd);
}

void matVecRowsQ8_0(const WeightMatrix& w, const BlockQ8_0* xq, float* y, int rowBegin, int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows);
    detail::matVecQ8(w, xq, y, rowBegin, rowEnd);
}

void matMatRowsQ8_0(const WeightMatrix& w, const BlockQ8_0* xq, int n, int ldxq, float* y, int ldy,
                    int rowBegin, int rowEnd)
{
    assert(0 <= rowBegin && rowBegin <= rowEnd && rowEnd <= w.rows && n >= 0);
    detail::matMatQ8(w, xq, n, ldxq, y, ldy, rowBegin, rowEnd);
}

} // namespace moe::kernels

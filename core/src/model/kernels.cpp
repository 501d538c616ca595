// Reference kernels: decode each row to F32, then dot. Correct for every type; the optimised
// kernels replace these loops but must keep these results (within float rounding).
#include "kernels.h"

#include <vector>

namespace moe::kernels {

void decodeWeightRow(const WeightMatrix& w, int row, float* out)
{
    decodeRow(w.type, w.row(row), std::span<float>(out, static_cast<size_t>(w.cols)));
}

void matVecRows(const WeightMatrix& w, const float* x, float* y, int rowBegin, int rowEnd)
{
    std::vector<float> rowValues(static_cast<size_t>(w.cols));
    for (int r = rowBegin; r < rowEnd; ++r) {
        decodeWeightRow(w, r, rowValues.data());
        float sum = 0.0f;
        for (int c = 0; c < w.cols; ++c)
            sum += rowValues[static_cast<size_t>(c)] * x[c];
        y[r - rowBegin] = sum;
    }
}

void matMatRows(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy, int rowBegin,
                int rowEnd)
{
    std::vector<float> rowValues(static_cast<size_t>(w.cols));
    for (int r = rowBegin; r < rowEnd; ++r) {
        decodeWeightRow(w, r, rowValues.data());
        for (int i = 0; i < n; ++i) {
            const float* xi = x + static_cast<size_t>(i) * ldx;
            float sum = 0.0f;
            for (int c = 0; c < w.cols; ++c)
                sum += rowValues[static_cast<size_t>(c)] * xi[c];
            y[static_cast<size_t>(i) * ldy + r] = sum;
        }
    }
}

} // namespace moe::kernels

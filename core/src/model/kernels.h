// Matrix kernels over weights in their stored type (F32, F16, BF16, Q8_0). Compact types are
// dequantised inside the loop: generation speed is bound by the weight bytes read per token.
#pragma once

#include "moe/model.h"

namespace moe::kernels {

// y[r - rowBegin] = dot(W.row(r), x) for r in [rowBegin, rowEnd). x has w.cols floats.
void matVecRows(const WeightMatrix& w, const float* x, float* y, int rowBegin, int rowEnd);

// For n input rows X (n x w.cols, row-major, leading dimension ldx):
// Y[i][r] = dot(W.row(r), X[i]) for r in [rowBegin, rowEnd); Y row-major with leading dimension ldy,
// column r written at Y[i * ldy + r].
void matMatRows(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy, int rowBegin,
                int rowEnd);

// Decodes one row of W into out (w.cols floats).
void decodeWeightRow(const WeightMatrix& w, int row, float* out);

} // namespace moe::kernels

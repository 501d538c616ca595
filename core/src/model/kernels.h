// Matrix kernels over weights in their stored type (F32, F16, BF16, Q8_0). Compact types are
// decoded inside the loop: generation speed is bound by the weight bytes read per token.
// Each function runs the kernel variant chosen once per process (kernel_variants.h): AVX2 + FMA +
// F16C code (also built for AVX-512) where the CPU has it, else portable scalar code with the same
// arithmetic structure. Results of different variants differ only by float rounding.
//
// Numerics (what tests/core/test_kernels.cpp checks):
// - F32/F16/BF16: each output is an 8-lane float dot product, accumulated in column order, then
//   reduced by a fixed tree. Relative to the exact dot of the decoded row the error is at most
//   (cols/8 + 4) * 2^-24 * sum|w*x|.
// - Q8_0: like llama.cpp, x is first rounded to Q8_0 blocks (quantizeRowQ8_0), then each block is an
//   exact int8 dot product scaled by d_w * d_x. Rounding x adds at most 0.57 * d_x * sum|w| per
//   block (d_x = max|x|/127 over the block's 32 values).
// - A row's result does not depend on the row range or tile it is computed in, and matMatRows is
//   bit-identical to matVecRows on each input row: a batched prefill equals step-by-step
//   generation exactly, however the rows are split over threads.
// Speed notes for callers: split rows over threads in multiples of 8 (ThreadPool's grain) to keep
// whole tiles; products smaller than ~100 KiB of weights gain little from a second thread (a
// dispatch costs ~1 us); for Q8_0 quantise each input once (below), especially for matMat, where
// the float-input call re-quantises all n inputs in every row chunk.
// None of these functions allocate after their first call on a thread (scratch is thread_local,
// grown once) or throw; preconditions are asserted.
#pragma once

#include "kernel_variants.h"
#include "moe/model.h"

namespace moe::kernels {

// Whether the kernels below can multiply by a weight of this type (the loader refuses others).
bool runsWeightType(TensorType type);

// y[r - rowBegin] = dot(W.row(r), x) for r in [rowBegin, rowEnd). x has w.cols floats.
void matVecRows(const WeightMatrix& w, const float* x, float* y, int rowBegin, int rowEnd);

// For n input rows X (n x w.cols, row-major, leading dimension ldx):
// Y[i][r] = dot(W.row(r), X[i]) for r in [rowBegin, rowEnd); Y row-major with leading dimension ldy,
// column r written at Y[i * ldy + r].
void matMatRows(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy, int rowBegin,
                int rowEnd);

// Decodes one row of W into out (w.cols floats).
void decodeWeightRow(const WeightMatrix& w, int row, float* out);

// Causal attention of one group of query heads over one kv head (AttentionGroup, kernel_variants.h).
void attendGroup(const AttentionGroup& group);

// --- Pre-quantised activations (Q8_0 weights) ---------------------------------------------------
// matVecRows/matMatRows quantise x themselves on every call (and every thread does it again).
// A caller that splits rows over threads, or applies several Q8_0 matrices to the same x, can
// quantise once and call the *Q8_0 variants; the results are bit-identical to the float-input
// functions.
//
//   if (kernels::quantisesActivations(w.type)) {
//       kernels::quantizeRowQ8_0(x, w.cols, xq);              // xq: w.cols / 32 blocks
//       pool.parallelFor(w.rows, 8, [&](int b, int e, int) { kernels::matVecRowsQ8_0(w, xq, y + b, b, e); });
//   }

// True for weight types whose kernels round the activations to Q8_0 (Q8_0 only).
bool quantisesActivations(TensorType type);

// Quantises cols floats (cols % 32 == 0) into cols / 32 blocks exactly as llama.cpp's AVX2
// quantize_row_q8_0: d = max|x|/127 stored as f16, q = round-half-even(x * 127 / max|x|).
void quantizeRowQ8_0(const float* x, int cols, BlockQ8_0* out);

// matVecRows for a Q8_0 weight with x already quantised (w.cols / 32 blocks).
void matVecRowsQ8_0(const WeightMatrix& w, const BlockQ8_0* xq, float* y, int rowBegin, int rowEnd);

// matMatRows for a Q8_0 weight with X already quantised: row i starts at xq + i * ldxq (in blocks).
void matMatRowsQ8_0(const WeightMatrix& w, const BlockQ8_0* xq, int n, int ldxq, float* y, int ldy,
                    int rowBegin, int rowEnd);

} // namespace moe::kernels

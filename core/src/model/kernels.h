// Matrix kernels over weights in their stored type: F32, F16, BF16 and every quantised type of
// TensorType (Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K ... Q6_K, IQ4_NL, IQ4_XS). Compact types are used
// in place: generation speed is bound by the weight bytes read per token.
// Each function runs the kernel variant chosen once per process (kernel_variants.h): AVX2 + FMA +
// F16C code (also built for AVX-512) where the CPU has it, else portable scalar code with the same
// integer arithmetic. Results of different variants differ only by float rounding.
//
// Numerics (what tests/core/test_kernels.cpp and test_quant_kernels.cpp check):
// - F32/F16/BF16: each output is an 8-lane float dot product, accumulated in column order, then
//   reduced by a fixed tree. Relative to the exact dot of the decoded row the error is at most
//   (cols/8 + 4) * 2^-24 * sum|w*x|.
// - Quantised types, like llama.cpp's CPU backend: x is first rounded to the blocks of the
//   weight's activationType (kernel_blocks.h; quantizeActivations), then every weight block meets
//   its activation block as an exact integer dot product (sub-block scales included, also
//   integers), scaled by d_w * d_x into float: one FMA per block and lane (8 lanes, then the tree),
//   or one multiply-add per block in the portable code. Q4_1/Q5_1 add m_w * s_x per block and the
//   K-quants with mins subtract dmin_w * d_x * sum(min * bsum), both as in ggml. So relative to
//   the exact dot of the decoded row with the rounded x the error is at most about
//   (blocks + 4) * 2^-24 * sum|w*x| plus the decoder's own rounding of d * scale * q - dmin * min
//   (and for Q8_1 the f16 rounding of s_x). Rounding x adds at most 0.57 * d_x * sum|w| per block
//   (d_x = max|x|/127 over the block's 32 or 256 values).
//   Q8_K rounds with the reference code llama.cpp's x86 build uses (no fused multiply-add), and
//   Q8_0/Q8_1 like its AVX2 code: round half to even, the d of Q8_1's s unrounded.
// - A row's result does not depend on the row range or tile it is computed in, and matMatRows is
//   bit-identical to matVecRows on each input row: a batched prefill equals step-by-step
//   generation exactly, however the rows are split over threads.
// Speed notes for callers: split rows over threads in multiples of 8 (ThreadPool's grain) to keep
// whole tiles; products smaller than ~100 KiB of weights gain little from a second thread (a
// dispatch costs ~1 us); for quantised weights quantise each input once (below), especially for
// matMat, where the float-input call re-quantises all n inputs in every row chunk.
// None of these functions allocate after their first call on a thread (scratch is thread_local,
// grown once) or throw; preconditions are asserted.
#pragma once

#include "kernel_blocks.h"
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

// --- Pre-quantised activations (quantised weights) --------------------------------------------
// matVecRows/matMatRows quantise x themselves on every call (and every thread does it again).
// A caller that splits rows over threads, or applies several matrices to the same x, can quantise
// once and call the *Quantised variants; the results are bit-identical to the float-input
// functions.
//
//   if (kernels::quantisesActivations(w.type)) {
//       std::vector<std::byte> xq(kernels::quantisedRowBytes(w.type, w.cols));   // once, not per call
//       kernels::quantizeActivations(w.type, x, w.cols, xq.data());
//       pool.parallelFor(w.rows, 8, [&](int b, int e, int) {
//           kernels::matVecRowsQuantised(w, xq.data(), y + b, b, e); });
//   }

// What the kernels of a weight type round x to (Float: nothing, for F32, F16 and BF16).
ActivationType activationType(TensorType type);

// True for weight types whose kernels round the activations (every quantised type).
bool quantisesActivations(TensorType type);

// Bytes of one row of cols activations rounded for weights of `type` (0 for the float types).
// cols must be a whole number of the type's blocks.
size_t quantisedRowBytes(TensorType type, int cols);

// Rounds cols floats for weights of `type` into quantisedRowBytes(type, cols) bytes at out, exactly
// as llama.cpp's CPU backend rounds them for that type (see the header comment). out needs no
// particular alignment beyond 4 bytes.
void quantizeActivations(TensorType type, const float* x, int cols, std::byte* out);

// matVecRows for a quantised weight with x already rounded by quantizeActivations(w.type, ...).
void matVecRowsQuantised(const WeightMatrix& w, const std::byte* xq, float* y, int rowBegin, int rowEnd);

// matMatRows with X already rounded: row i starts at xq + i * ldxq bytes (ldxq a multiple of the
// activation block size, >= quantisedRowBytes).
void matMatRowsQuantised(const WeightMatrix& w, const std::byte* xq, int n, size_t ldxq, float* y, int ldy,
                         int rowBegin, int rowEnd);

// The Q8_0 forms of the above (Q8_0 activations: weights Q4_0, Q5_0, Q8_0, IQ4_NL).
// Quantises cols floats (cols % 32 == 0) into cols / 32 blocks exactly as llama.cpp's AVX2
// quantize_row_q8_0: d = max|x|/127 stored as f16, q = round-half-even(x * 127 / max|x|).
void quantizeRowQ8_0(const float* x, int cols, BlockQ8_0* out);

// matVecRows for a weight with Q8_0 activations, x already quantised (w.cols / 32 blocks).
void matVecRowsQ8_0(const WeightMatrix& w, const BlockQ8_0* xq, float* y, int rowBegin, int rowEnd);

// matMatRows for a weight with Q8_0 activations: row i starts at xq + i * ldxq (in blocks).
void matMatRowsQ8_0(const WeightMatrix& w, const BlockQ8_0* xq, int n, int ldxq, float* y, int ldy,
                    int rowBegin, int rowEnd);

} // namespace moe::kernels

// The model's operations with their backward passes, templated on the scalar type: the trainer runs
// float, the finite-difference tests run double. Each backward sits beside its forward and
// accumulates into input gradients with += where a tensor feeds more than one consumer.
// Matrices are row-major (rows = tokens), as in the engine. The router and RoPE, with their
// backward passes, are the engine's own: core/src/model/router.h and rope.h.
#pragma once

#include "gemm.h"

#include <Eigen/Core>
#include <cstddef>

namespace moe::train {

template <typename T> using MatMap = Eigen::Map<MatR<T>, 0, Eigen::OuterStride<>>;
template <typename T> using ConstMatMap = Eigen::Map<const MatR<T>, 0, Eigen::OuterStride<>>;

// y = x w^T (or y += x w^T with accumulate): x (n x in), w (out x in) as stored, y (n x out).
template <typename T>
void linearForward(const ConstMatMap<T>& x, const ConstMatMap<T>& w, MatMap<T> y, bool accumulate);
// dw = dy^T x (or dw += with accumulateDw); dx = dy w (or dx += dy w with accumulateDx).
template <typename T>
void linearBackward(const ConstMatMap<T>& x, const ConstMatMap<T>& w, const ConstMatMap<T>& dy, MatMap<T> dx,
                    bool accumulateDx, MatMap<T> dw, bool accumulateDw);

// y = x / sqrt(mean(x^2) + eps) * w per row (sum of squares in double, as the engine); rstd[r]
// keeps 1 / sqrt(mean + eps) for the backward.
template <typename T> void rmsNormForward(const T* x, const T* w, int rows, int d, T eps, T* y, T* rstd);
// dx += dL/dx (x also feeds the residual stream), dw = dL/dw.
template <typename T>
void rmsNormBackward(const T* x, const T* w, const T* rstd, const T* dy, int rows, int d, T* dx, T* dw);

// One causal attention head of one sequence: q, k, v (len x hd); out = p v. Row i of p (len x len)
// receives the probabilities of keys 0..i, then zeros up to attentionRowEnd(i, len); the rest of
// the row is neither written nor read by the backward (half the matrix: memory traffic saved).
// scratch: attentionScratchSize values.
template <typename T>
void attentionForward(const ConstMatMap<T>& q, const ConstMatMap<T>& k, const ConstMatMap<T>& v, T scale,
                      MatMap<T>& p, MatMap<T>& out, T* scratch);
// dq is assigned; dk and dv are added to with accumulateKv (query heads sharing a kv head), else
// assigned.
template <typename T>
void attentionBackward(const ConstMatMap<T>& q, const ConstMatMap<T>& k, const ConstMatMap<T>& v,
                       const ConstMatMap<T>& p, const ConstMatMap<T>& dOut, T scale, MatMap<T>& dq,
                       MatMap<T>& dk, MatMap<T>& dv, bool accumulateKv, T* scratch);
// Where the written part of p's row i ends (exclusive): past the diagonal to whole vector packets.
Eigen::Index attentionRowEnd(Eigen::Index row, Eigen::Index len);
// Working space of the two above, in values.
template <typename T> size_t attentionScratchSize(Eigen::Index len, Eigen::Index hd);

// a = silu(g) * u, elementwise over n values (SwiGLU).
template <typename T> void swigluForward(const T* g, const T* u, T* a, size_t n);
// dg, du assigned.
template <typename T> void swigluBackward(const T* g, const T* u, const T* da, T* dg, T* du, size_t n);

// Cross-entropy of logits (rows x vocab) against targets; returns the SUM over rows of
// logsumexp - logit[target] (in double). If gradScale != 0, each row is replaced by
// (softmax - onehot(target)) * gradScale: the gradient of gradScale * sum.
template <typename T> double crossEntropy(T* logits, const int* targets, int rows, int vocab, T gradScale);

} // namespace moe::train

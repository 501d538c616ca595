// The trainer's matrix products, c = op(a) op(b) + beta c, through OpenBLAS's sgemm/dgemm.
// Why not Eigen's own product: on the 2-core machines this project targets, OpenBLAS runs the
// trainer's shapes (up to 1024 rows by 128-384 columns) about 1.3x faster single-threaded
// (measured 59 vs 46 GFLOP/s per core), and the products are about three quarters of a step.
// Each call runs on the calling thread only: the trainer already keeps every core busy with its
// own shards, and OpenBLAS's thread pool on top would make the two fight for the same cores.
#pragma once

#include <Eigen/Core>

namespace moe::train {

template <typename T> using MatR = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
// Row-major views with any row pitch: a Map of a buffer, or a block of one.
template <typename T> using ConstMatRef = Eigen::Ref<const MatR<T>, 0, Eigen::OuterStride<>>;
template <typename T> using MatRef = Eigen::Ref<MatR<T>, 0, Eigen::OuterStride<>>;

enum class Op { Plain, Transposed };

template <typename T>
void gemm(const ConstMatRef<T>& a, Op opA, const ConstMatRef<T>& b, Op opB, MatRef<T> c, T beta);

} // namespace moe::train

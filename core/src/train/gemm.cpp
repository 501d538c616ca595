// BLAS-backed products for the trainer (see gemm.h).
#include "gemm.h"

#include <algorithm>
#include <cassert>
#include <cblas.h>
#include <mutex>

namespace moe::train {

namespace {

void runOnCallingThreadOnly()
{
    static std::once_flag once;
    std::call_once(once, [] { openblas_set_num_threads(1); });
}

CBLAS_TRANSPOSE blasOp(Op op)
{
    return op == Op::Transposed ? CblasTrans : CblasNoTrans;
}

void blasGemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, float alpha, const float* a,
              int lda, const float* b, int ldb, float beta, float* c, int ldc)
{
    cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void blasGemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, double alpha, const double* a,
              int lda, const double* b, int ldb, double beta, double* c, int ldc)
{
    cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

// BLAS wants a leading dimension of at least 1 and at least the row length, even for empty views.
int leading(Eigen::Index stride, Eigen::Index cols)
{
    return static_cast<int>(std::max<Eigen::Index>({stride, cols, 1}));
}

} // namespace

template <typename T>
void gemm(const ConstMatRef<T>& a, Op opA, const ConstMatRef<T>& b, Op opB, MatRef<T> c, T beta)
{
    const Eigen::Index m = opA == Op::Plain ? a.rows() : a.cols();
    const Eigen::Index k = opA == Op::Plain ? a.cols() : a.rows();
    const Eigen::Index n = opB == Op::Plain ? b.cols() : b.rows();
    assert(c.rows() == m && c.cols() == n && (opB == Op::Plain ? b.rows() : b.cols()) == k);
    if (m == 0 || n == 0)
        return;
    if (k == 0) { // an empty sum: BLAS would not touch c, but c = beta c is the definition
        if (beta == T(0))
            c.setZero();
        else
            c *= beta;
        return;
    }
    runOnCallingThreadOnly();
    blasGemm(blasOp(opA), blasOp(opB), static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), T(1),
             a.data(), leading(a.outerStride(), a.cols()), b.data(), leading(b.outerStride(), b.cols()), beta,
             c.data(), leading(c.outerStride(), c.cols()));
}

template void gemm<float>(const ConstMatRef<float>&, Op, const ConstMatRef<float>&, Op, MatRef<float>, float);
template void gemm<double>(const ConstMatRef<double>&, Op, const ConstMatRef<double>&, Op, MatRef<double>,
                           double);

} // namespace moe::train

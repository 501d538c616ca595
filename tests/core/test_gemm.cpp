// The trainer's BLAS products (core/src/train/gemm.h) against Eigen's: every transpose combination,
// beta 0 / 1 / other, row pitches wider than the rows (blocks of a bigger buffer, whose other
// elements must stay untouched), empty shapes, and two threads calling at once.
#include "gemm.h"

#include <QTest>

#include <array>
#include <thread>
#include <vector>

namespace {

using moe::train::ConstMatRef;
using moe::train::gemm;
using moe::train::MatR;
using moe::train::MatRef;
using moe::train::Op;

template <typename T> MatR<T> randomMatrix(Eigen::Index rows, Eigen::Index cols, unsigned seed)
{
    std::srand(seed);
    return MatR<T>::Random(rows, cols);
}

template <typename T> MatR<T> apply(const MatR<T>& m, Op op)
{
    return op == Op::Plain ? m : MatR<T>(m.transpose());
}

template <typename T> void checkAllCombinations(double tolerance)
{
    const Eigen::Index m = 37, n = 29, k = 45, pad = 3; // odd sizes: no kernel-friendly multiples
    for (Op opA : {Op::Plain, Op::Transposed}) {
        for (Op opB : {Op::Plain, Op::Transposed}) {
            for (T beta : {T(0), T(1), T(0.5)}) {
                // Each operand lives inside a wider buffer: its row pitch is cols + pad.
                const Eigen::Index aRows = opA == Op::Plain ? m : k, aCols = opA == Op::Plain ? k : m;
                const Eigen::Index bRows = opB == Op::Plain ? k : n, bCols = opB == Op::Plain ? n : k;
                const MatR<T> aBuffer = randomMatrix<T>(aRows, aCols + pad, 1);
                const MatR<T> bBuffer = randomMatrix<T>(bRows, bCols + pad, 2);
                MatR<T> cBuffer = randomMatrix<T>(m, n + pad, 3);
                const MatR<T> cBefore = cBuffer;
                const MatR<T> a = aBuffer.leftCols(aCols), b = bBuffer.leftCols(bCols);

                gemm<T>(aBuffer.leftCols(aCols), opA, bBuffer.leftCols(bCols), opB, cBuffer.leftCols(n),
                        beta);

                const MatR<T> want = apply(a, opA) * apply(b, opB) + beta * cBefore.leftCols(n);
                const double error = (cBuffer.leftCols(n) - want).cwiseAbs().maxCoeff();
                QVERIFY2(error <= tolerance * want.cwiseAbs().maxCoeff(),
                         qPrintable(QStringLiteral("opA %1 opB %2 beta %3: max error %4")
                                        .arg(int(opA))
                                        .arg(int(opB))
                                        .arg(double(beta))
                                        .arg(error)));
                QCOMPARE(cBuffer.rightCols(pad), cBefore.rightCols(pad)); // the padding is not ours
            }
        }
    }
}

} // namespace

class TestGemm : public QObject {
    Q_OBJECT

private slots:
    void matchesEigenInDouble() { checkAllCombinations<double>(1e-13); }
    void matchesEigenInFloat() { checkAllCombinations<float>(1e-5); }

    void emptyInnerDimensionScalesByBeta()
    {
        const MatR<double> a(4, 0), b(0, 3);
        MatR<double> c = MatR<double>::Constant(4, 3, 2.0);
        gemm<double>(a, Op::Plain, b, Op::Plain, c, 0.5);
        QCOMPARE(c, MatR<double>::Constant(4, 3, 1.0));
        gemm<double>(a, Op::Plain, b, Op::Plain, c, 0.0);
        QCOMPARE(c, MatR<double>::Zero(4, 3));
    }

    void emptyResultIsANoOp()
    {
        const MatR<float> a(0, 5), b(5, 3);
        MatR<float> c(0, 3);
        gemm<float>(a, Op::Plain, b, Op::Plain, c, 0.0f); // must not touch memory or crash
        QCOMPARE(c.rows(), Eigen::Index(0));
    }

    void twoThreadsAtOnceGiveTheSerialResult()
    {
        // The trainer calls from every shard thread at the same time.
        const MatR<float> a = randomMatrix<float>(256, 128, 4), b = randomMatrix<float>(256, 128, 5);
        MatR<float> serial(256, 256);
        gemm<float>(a, Op::Plain, b, Op::Transposed, serial, 0.0f);
        std::vector<MatR<float>> results(2, MatR<float>(256, 256));
        std::array<bool, 2> same{true, true}; // not vector<bool>: its bits share bytes across threads
        std::vector<std::thread> threads;
        for (size_t t = 0; t < 2; ++t) {
            threads.emplace_back([&, t] {
                for (int rep = 0; rep < 20; ++rep) {
                    gemm<float>(a, Op::Plain, b, Op::Transposed, results[t], 0.0f);
                    same[t] = same[t] && results[t] == serial;
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QVERIFY(same[0]);
        QVERIFY(same[1]);
    }
};

QTEST_APPLESS_MAIN(TestGemm)
#include "test_gemm.moc"

// Matrix kernels against a double-precision reference (decode the row with moe::decodeRow, then dot),
// for every weight type, odd shapes, row ranges and misaligned rows. The tolerances are error bounds
// derived in kernels.h, not fudge factors: a kernel that drops, repeats or misplaces a single
// element breaks them by orders of magnitude.
#include "kernel_test_matrices.h"
#include "kernels.h"

#include "moe/tensor_types.h"

#include <QTest>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

using moe::TensorType;
using moe::WeightMatrix;
using moe::test::makeInput;
using moe::test::makeMatrix;
using moe::test::TestMatrix;
namespace kernels = moe::kernels;

constexpr double kUnit = 1.0 / (1 << 24); // float unit roundoff (round to nearest)
constexpr float kSentinel = -12345.0f;

std::vector<float> referenceRow(const WeightMatrix& w, int r)
{
    std::vector<float> out(static_cast<size_t>(w.cols));
    moe::decodeRow(w.type, w.row(r), out);
    return out;
}

// What the kernel's input really is: x itself, or for Q8_0 weights x rounded to Q8_0 blocks.
std::vector<float> effectiveInput(TensorType type, const float* x, int cols)
{
    std::vector<float> out(x, x + cols);
    if (!kernels::quantisesActivations(type))
        return out;
    std::vector<moe::BlockQ8_0> q(static_cast<size_t>(cols / 32));
    kernels::quantizeRowQ8_0(x, cols, q.data());
    for (int c = 0; c < cols; ++c)
        out[static_cast<size_t>(c)] =
            moe::halfToFloat(q[static_cast<size_t>(c / 32)].d) * q[static_cast<size_t>(c / 32)].q[c % 32];
    return out;
}

// Checks one kernel output against the exact dot of the decoded row with the effective input
// (bound: float accumulation), and against the unquantised input (bound: + Q8_0 rounding of x).
// xe: effectiveInput(w.type, x, w.cols), computed once per input by the caller.
void checkOutput(const WeightMatrix& w, int r, const float* x, const std::vector<float>& xe, float got,
                 const std::string& where)
{
    const std::vector<float> row = referenceRow(w, r);
    double exact = 0.0, magnitude = 0.0;
    for (int c = 0; c < w.cols; ++c) {
        exact += static_cast<double>(row[static_cast<size_t>(c)]) * xe[static_cast<size_t>(c)];
        magnitude += std::fabs(static_cast<double>(row[static_cast<size_t>(c)]) * xe[static_cast<size_t>(c)]);
    }
    // Float types: per 8-column step of a lane one FMA rounding (two without FMA: the portable
    // path), then the 3-level tree. Q8_0: one FMA per block, the d_w * d_x product and the tree;
    // the int8 block sums are exact.
    const double steps = w.type == TensorType::Q8_0 ? w.cols / 32 + 4 : (w.cols + 7) / 8 + 4;
    const double bound = steps * kUnit * magnitude * 1.001 + 1e-30;
    const double error = std::fabs(static_cast<double>(got) - exact);
    QVERIFY2(error <= bound, (where + " row " + std::to_string(r) + ": got " + std::to_string(got) +
                              ", want " + std::to_string(exact) + ", error " + std::to_string(error) +
                              " > bound " + std::to_string(bound))
                                 .c_str());
    if (w.type != TensorType::Q8_0)
        return;
    // Against the true input: |x - dequant(q)| <= 0.57 * d per element (half a step, the f16 scale
    // rounding of 2^-11 * 127 steps, and f16 subnormal scales of at most 127 * 2^-25).
    double exactTrue = 0.0, quantBound = 0.0;
    for (int b = 0; b < w.cols / 32; ++b) {
        double amax = 0.0, sumW = 0.0;
        for (int j = 0; j < 32; ++j) {
            const size_t c = static_cast<size_t>(b) * 32 + j;
            amax = std::max(amax, std::fabs(static_cast<double>(x[c])));
            sumW += std::fabs(static_cast<double>(row[c]));
            exactTrue += static_cast<double>(row[c]) * x[c];
        }
        quantBound += (0.57 * amax / 127.0 + 127.0 * std::ldexp(1.0, -25)) * sumW;
    }
    const double errorTrue = std::fabs(static_cast<double>(got) - exactTrue);
    QVERIFY2(errorTrue <= bound + quantBound,
             (where + " row " + std::to_string(r) + ": error vs unquantised input " +
              std::to_string(errorTrue) + " > " + std::to_string(bound + quantBound))
                 .c_str());
}

const TensorType kTypes[] = {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0};

std::vector<int> colsFor(TensorType type)
{
    std::vector<int> cols = {32, 64, 96, 160, 256, 512, 1024, 4096};
    if (type != TensorType::Q8_0) // block types need whole blocks; the others any width
        cols.insert(cols.end(), {1, 7, 9, 33, 100, 257});
    return cols;
}

std::string label(TensorType type, int cols)
{
    return std::string(moe::tensorTypeName(type)) + " cols " + std::to_string(cols);
}

} // namespace

class TestKernels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { std::printf("seeds: matrices 1000+cols, inputs 2000+cols (fixed)\n"); }
    void decodeMatchesReference();
    void matVecMatchesReference_data();
    void matVecMatchesReference();
    void matMatMatchesReferenceAndMatVec_data();
    void matMatMatchesReferenceAndMatVec();
    void quantizerMatchesLlamaCpp();
    void weightMinus128IsExact();
    void preQuantisedVariantsAreBitIdentical();
};

void TestKernels::decodeMatchesReference()
{
    for (TensorType type : kTypes) {
        for (int cols : colsFor(type)) {
            const TestMatrix m = makeMatrix(type, 5, cols, 1000 + cols, 1);
            std::vector<float> got(static_cast<size_t>(cols));
            for (int r = 0; r < 5; ++r) {
                kernels::decodeWeightRow(m.w, r, got.data());
                const std::vector<float> want = referenceRow(m.w, r);
                QVERIFY2(std::memcmp(got.data(), want.data(), 4 * want.size()) == 0,
                         label(type, cols).c_str());
            }
        }
    }
}

void TestKernels::matVecMatchesReference_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("rowBegin");
    QTest::addColumn<int>("rowEnd");
    QTest::addColumn<int>("misalign");
    for (TensorType type : kTypes) {
        const std::string name(moe::tensorTypeName(type));
        const int t = static_cast<int>(type);
        QTest::newRow((name + " all 37 rows").c_str()) << t << 37 << 0 << 37 << 0;
        QTest::newRow((name + " middle range").c_str()) << t << 37 << 3 << 20 << 0;
        QTest::newRow((name + " last row").c_str()) << t << 37 << 36 << 37 << 0;
        QTest::newRow((name + " empty range").c_str()) << t << 37 << 5 << 5 << 0;
        QTest::newRow((name + " one-row matrix").c_str()) << t << 1 << 0 << 1 << 0;
        QTest::newRow((name + " 16 rows, misaligned").c_str()) << t << 16 << 0 << 16 << 1;
        QTest::newRow((name + " 13 rows from 1, misaligned").c_str()) << t << 13 << 1 << 13 << 2;
    }
}

void TestKernels::matVecMatchesReference()
{
    QFETCH(int, type);
    QFETCH(int, rows);
    QFETCH(int, rowBegin);
    QFETCH(int, rowEnd);
    QFETCH(int, misalign);
    const auto t = static_cast<TensorType>(type);
    for (int cols : colsFor(t)) {
        const TestMatrix m = makeMatrix(t, rows, cols, 1000 + cols, static_cast<size_t>(misalign));
        const std::vector<float> x = makeInput(cols, 2000 + cols);
        const int count = rowEnd - rowBegin;
        // Guards on both sides: the kernel writes exactly y[0, count).
        std::vector<float> y(static_cast<size_t>(count) + 2, kSentinel);
        kernels::matVecRows(m.w, x.data(), y.data() + 1, rowBegin, rowEnd);
        QCOMPARE(y.front(), kSentinel);
        QCOMPARE(y.back(), kSentinel);
        const std::vector<float> xe = effectiveInput(t, x.data(), cols);
        for (int r = rowBegin; r < rowEnd; ++r) {
            const float got = y[static_cast<size_t>(r - rowBegin) + 1];
            checkOutput(m.w, r, x.data(), xe, got, label(t, cols));
            // A row's result must not depend on the tile it lands in: threads split rows anywhere.
            float alone = 0.0f;
            kernels::matVecRows(m.w, x.data(), &alone, r, r + 1);
            QVERIFY2(std::memcmp(&alone, &got, 4) == 0,
                     (label(t, cols) + " row " + std::to_string(r) + " alone " + std::to_string(alone) +
                      " != in its range " + std::to_string(got))
                         .c_str());
        }
    }
}

void TestKernels::matMatMatchesReferenceAndMatVec_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("cols");
    QTest::addColumn<int>("nMax");
    for (TensorType type : kTypes) {
        for (int cols : colsFor(type)) {
            // Every n in 1..33 (all tile remainders) where cheap, fewer on the widest rows.
            const int nMax = cols >= 1024 ? 7 : 33;
            QTest::newRow(label(type, cols).c_str()) << static_cast<int>(type) << cols << nMax;
        }
    }
}

void TestKernels::matMatMatchesReferenceAndMatVec()
{
    QFETCH(int, type);
    QFETCH(int, cols);
    QFETCH(int, nMax);
    const auto t = static_cast<TensorType>(type);
    const int rows = 23, rowBegin = 2, rowEnd = 21; // ranges that cut 4-row tiles
    const TestMatrix m = makeMatrix(t, rows, cols, 1000 + cols, 2);
    const int ldx = cols + 3, ldy = rows + 2;
    const std::vector<float> x = makeInput(nMax * ldx, 2000 + cols);
    // Vector results row by row, so each row comes from a different tile than in matMat.
    std::vector<float> yv(static_cast<size_t>(nMax) * rows);
    for (int i = 0; i < nMax; ++i)
        for (int r = rowBegin; r < rowEnd; ++r)
            kernels::matVecRows(m.w, x.data() + static_cast<size_t>(i) * ldx,
                                &yv[static_cast<size_t>(i) * rows + r], r, r + 1);
    // Every remainder of the 3-input and 4-row tiles, and the largest batch.
    for (int n : {1, 2, 3, 4, 5, 6, 7, 8, 11, 16, 33}) {
        if (n > nMax)
            break;
        std::vector<float> y(static_cast<size_t>(n) * ldy, kSentinel);
        kernels::matMatRows(m.w, x.data(), n, ldx, y.data(), ldy, rowBegin, rowEnd);
        for (int i = 0; i < n; ++i) {
            const float* yi = y.data() + static_cast<size_t>(i) * ldy;
            const float* xi = x.data() + static_cast<size_t>(i) * ldx;
            const std::vector<float> xe =
                (n == nMax || n <= 4) ? effectiveInput(t, xi, cols) : std::vector<float>();
            for (int r = 0; r < ldy; ++r) {
                const std::string where =
                    label(t, cols) + " n " + std::to_string(n) + " input " + std::to_string(i);
                if (r < rowBegin || r >= rowEnd) {
                    QVERIFY2(yi[r] == kSentinel, (where + ": wrote outside the row range").c_str());
                    continue;
                }
                // Bit-identical to the vector kernel: batched prefill equals step-by-step generation.
                const float want = yv[static_cast<size_t>(i) * rows + r];
                QVERIFY2(std::memcmp(&yi[r], &want, 4) == 0,
                         (where + " row " + std::to_string(r) + ": matMat " + std::to_string(yi[r]) +
                          " != matVec " + std::to_string(want))
                             .c_str());
                if (n == nMax || n <= 4)
                    checkOutput(m.w, r, xi, xe, yi[r], where);
            }
        }
    }
}

void TestKernels::quantizerMatchesLlamaCpp()
{
    // Scalar restatement of llama.cpp's quantize_row_q8_0 (AVX2 path: round half to even).
    std::vector<float> x = makeInput(256, 7);
    for (int j = 0; j < 32; ++j)
        x[static_cast<size_t>(32 + j)] = 0.0f; // an all-zero block: d = 0, q = 0
    for (int j = 0; j < 32; ++j)               // max 127 so x * id = x exactly: ties must go to even
        x[static_cast<size_t>(64 + j)] = j == 0 ? 127.0f : static_cast<float>(j) - 15.5f;
    std::vector<moe::BlockQ8_0> got(8);
    kernels::quantizeRowQ8_0(x.data(), 256, got.data());
    for (int b = 0; b < 8; ++b) {
        float amax = 0.0f;
        for (int j = 0; j < 32; ++j)
            amax = std::max(amax, std::fabs(x[static_cast<size_t>(32 * b + j)]));
        QCOMPARE(got[static_cast<size_t>(b)].d, moe::floatToHalf(amax / 127.0f));
        const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
        for (int j = 0; j < 32; ++j) {
            const auto want = static_cast<int8_t>(std::nearbyint(x[static_cast<size_t>(32 * b + j)] * id));
            QCOMPARE(got[static_cast<size_t>(b)].q[j], want);
        }
    }
    QCOMPARE(got[2].q[1], int8_t(-14)); // -14.5 -> -14
    QCOMPARE(got[2].q[2], int8_t(-14)); // -13.5 -> -14
}

void TestKernels::weightMinus128IsExact()
{
    // All weights -128 against an all-negative input: a sign trick applied to the wrong operand
    // flips this sum's sign.
    std::vector<std::byte> bytes;
    for (int b = 0; b < 4; ++b) {
        moe::BlockQ8_0 block{};
        block.d = moe::floatToHalf(0.01f);
        std::memset(block.q, 0x80, sizeof(block.q));
        const auto* p = reinterpret_cast<const std::byte*>(&block);
        bytes.insert(bytes.end(), p, p + sizeof(block));
    }
    const WeightMatrix w{TensorType::Q8_0, 1, 128, bytes.data(), bytes.size()};
    const std::vector<float> x(128, -1.0f);
    float y = 0.0f;
    kernels::matVecRows(w, x.data(), &y, 0, 1);
    const double want = 128.0 * 128 * moe::halfToFloat(moe::floatToHalf(0.01f)) *
                        moe::halfToFloat(moe::floatToHalf(1.0f / 127.0f)) * 127;
    QVERIFY2(std::fabs(y - want) <= 1e-4 * want, (std::to_string(y) + " vs " + std::to_string(want)).c_str());
}

void TestKernels::preQuantisedVariantsAreBitIdentical()
{
    const int rows = 19, cols = 320, n = 9;
    const TestMatrix m = makeMatrix(TensorType::Q8_0, rows, cols, 11);
    const std::vector<float> x = makeInput(n * cols, 12);
    std::vector<moe::BlockQ8_0> xq(static_cast<size_t>(n * cols / 32));
    for (int i = 0; i < n; ++i)
        kernels::quantizeRowQ8_0(x.data() + static_cast<size_t>(i) * cols, cols,
                                 xq.data() + static_cast<size_t>(i) * (cols / 32));
    std::vector<float> a(rows), b(rows);
    kernels::matVecRows(m.w, x.data(), a.data(), 0, rows);
    kernels::matVecRowsQ8_0(m.w, xq.data(), b.data(), 0, rows);
    QVERIFY(std::memcmp(a.data(), b.data(), 4 * a.size()) == 0);
    std::vector<float> ya(static_cast<size_t>(n * rows)), yb(static_cast<size_t>(n * rows));
    kernels::matMatRows(m.w, x.data(), n, cols, ya.data(), rows, 0, rows);
    kernels::matMatRowsQ8_0(m.w, xq.data(), n, cols / 32, yb.data(), rows, 0, rows);
    QVERIFY(std::memcmp(ya.data(), yb.data(), 4 * ya.size()) == 0);
}

QTEST_APPLESS_MAIN(TestKernels)
#include "test_kernels.moc"

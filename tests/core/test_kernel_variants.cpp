// Every kernel variant this CPU runs (kernel_variants.h) against the baseline variant, on the same
// seeded matrices of every weight type: decoding and Q8_0 quantisation must be bit-identical; dot
// products may differ only by float rounding (their accumulation order differs: 8 FMA lanes vs
// scalar adds), bounded as in kernels.h. Within each variant, matMat must equal matVec bit for bit.
// Variants compiled in but not supported by this CPU are listed as not run.
#include "kernel_test_matrices.h"
#include "kernel_variants.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

using moe::BlockQ8_0;
using moe::TensorType;
using moe::WeightMatrix;
using moe::kernels::KernelTable;

constexpr double kUnit = 1.0 / (1 << 24);

std::vector<const KernelTable*> runnableVariants()
{
    std::vector<const KernelTable*> out;
    for (const KernelTable* table : moe::kernels::compiledKernelTables())
        if (moe::kernels::cpuSupports(table->level))
            out.push_back(table);
    return out;
}

// What a variant's dot product really multiplies: x, or x rounded to Q8_0 (by the baseline).
std::vector<float> effectiveInput(TensorType type, const float* x, int cols)
{
    std::vector<float> out(x, x + cols);
    if (type != TensorType::Q8_0)
        return out;
    std::vector<BlockQ8_0> q(static_cast<size_t>(cols / 32));
    moe::kernels::compiledKernelTables().front()->quantizeQ8(x, cols, q.data());
    for (int c = 0; c < cols; ++c)
        out[static_cast<size_t>(c)] =
            moe::halfToFloat(q[static_cast<size_t>(c / 32)].d) * q[static_cast<size_t>(c / 32)].q[c % 32];
    return out;
}

// Each result lies within `steps` roundings of the exact dot (kernels.h), so two variants differ
// by at most twice that.
double allowedDifference(const WeightMatrix& w, int r, const std::vector<float>& xe)
{
    std::vector<float> row(static_cast<size_t>(w.cols));
    moe::decodeRow(w.type, w.row(r), row);
    double magnitude = 0.0;
    for (size_t c = 0; c < row.size(); ++c)
        magnitude += std::fabs(static_cast<double>(row[c]) * xe[c]);
    const double steps = w.type == TensorType::Q8_0 ? w.cols / 32 + 4 : (w.cols + 7) / 8 + 4;
    return 2.0 * steps * kUnit * magnitude * 1.001 + 1e-30;
}

// y = W x for n inputs through one variant, by matMat (n > 1) or matVec; Q8_0 via the variant's
// own quantiser.
std::vector<float> multiply(const KernelTable& k, const WeightMatrix& w, const std::vector<float>& x, int n,
                            bool byMatVec)
{
    std::vector<float> y(static_cast<size_t>(n) * w.rows);
    std::vector<BlockQ8_0> xq(static_cast<size_t>(n) * (w.cols / 32));
    if (w.type == TensorType::Q8_0)
        for (int i = 0; i < n; ++i)
            k.quantizeQ8(x.data() + static_cast<size_t>(i) * w.cols, w.cols,
                         xq.data() + static_cast<size_t>(i) * (w.cols / 32));
    for (int i = 0; byMatVec && i < n; ++i) {
        float* yi = y.data() + static_cast<size_t>(i) * w.rows;
        if (w.type == TensorType::Q8_0)
            k.matVecQ8(w, xq.data() + static_cast<size_t>(i) * (w.cols / 32), yi, 0, w.rows);
        else
            k.matVecFloat(w, x.data() + static_cast<size_t>(i) * w.cols, yi, 0, w.rows);
    }
    if (!byMatVec) {
        if (w.type == TensorType::Q8_0)
            k.matMatQ8(w, xq.data(), n, w.cols / 32, y.data(), w.rows, 0, w.rows);
        else
            k.matMatFloat(w, x.data(), n, w.cols, y.data(), w.rows, 0, w.rows);
    }
    return y;
}

const TensorType kTypes[] = {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0};

} // namespace

class TestKernelVariants : public QObject {
    Q_OBJECT
private slots:
    void listVariants();
    void decodeIsBitIdentical();
    void quantizerIsBitIdentical();
    void productsMatchBaseline_data();
    void productsMatchBaseline();
    void attentionMatchesDefinition_data();
    void attentionMatchesDefinition();
    void chooserHonoursAndRejectsRequests();
};

void TestKernelVariants::listVariants()
{
    QVERIFY(!moe::kernels::compiledKernelTables().empty());
    QCOMPARE(moe::kernels::compiledKernelTables().front()->level, moe::kernels::SimdLevel::Baseline);
    for (const KernelTable* table : moe::kernels::compiledKernelTables())
        std::printf("variant %-8s %s\n", table->name,
                    moe::kernels::cpuSupports(table->level) ? "run" : "not run on this CPU");
}

void TestKernelVariants::decodeIsBitIdentical()
{
    const KernelTable& base = *moe::kernels::compiledKernelTables().front();
    for (const KernelTable* k : runnableVariants())
        for (TensorType type : kTypes)
            for (int cols : {32, 96, 256, 4096}) {
                const moe::test::TestMatrix m = moe::test::makeMatrix(type, 5, cols, 300 + cols, 1);
                std::vector<float> want(static_cast<size_t>(cols)), got(want.size());
                for (int r = 0; r < m.w.rows; ++r) {
                    base.decodeRow(m.w, r, want.data());
                    k->decodeRow(m.w, r, got.data());
                    QVERIFY2(std::memcmp(want.data(), got.data(), 4 * want.size()) == 0,
                             (std::string(k->name) + " " + std::string(moe::tensorTypeName(type))).c_str());
                }
            }
}

void TestKernelVariants::quantizerIsBitIdentical()
{
    const KernelTable& base = *moe::kernels::compiledKernelTables().front();
    const int cols = 32 * 64;
    std::vector<float> x = moe::test::makeInput(cols, 7);
    for (int j = 0; j < 32; ++j)
        x[32 + static_cast<size_t>(j)] = 0.0f; // an all-zero block
    std::vector<BlockQ8_0> want(cols / 32), got(cols / 32);
    base.quantizeQ8(x.data(), cols, want.data());
    for (const KernelTable* k : runnableVariants()) {
        k->quantizeQ8(x.data(), cols, got.data());
        QVERIFY2(std::memcmp(want.data(), got.data(), sizeof(BlockQ8_0) * want.size()) == 0, k->name);
    }
}

void TestKernelVariants::productsMatchBaseline_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("cols");
    for (TensorType type : kTypes)
        for (int cols : {32, 64, 160, 256, 1024, 4096, 7, 33, 257})
            if (type != TensorType::Q8_0 || cols % 32 == 0)
                QTest::addRow("%s cols %d", std::string(moe::tensorTypeName(type)).c_str(), cols)
                    << static_cast<int>(type) << cols;
}

void TestKernelVariants::productsMatchBaseline()
{
    QFETCH(int, type);
    QFETCH(int, cols);
    const int rows = 37, n = 7; // odd counts reach every tile size and tail
    const moe::test::TestMatrix m =
        moe::test::makeMatrix(static_cast<TensorType>(type), rows, cols, 500 + cols);
    const std::vector<float> x = moe::test::makeInput(n * cols, 600 + cols);
    const KernelTable& base = *moe::kernels::compiledKernelTables().front();
    const std::vector<float> want = multiply(base, m.w, x, n, true);
    std::vector<std::vector<float>> xe;
    for (int i = 0; i < n; ++i)
        xe.push_back(effectiveInput(m.w.type, x.data() + static_cast<size_t>(i) * cols, cols));
    for (const KernelTable* k : runnableVariants()) {
        const std::vector<float> byVec = multiply(*k, m.w, x, n, true);
        const std::vector<float> byMat = multiply(*k, m.w, x, n, false);
        QVERIFY2(std::memcmp(byVec.data(), byMat.data(), 4 * byVec.size()) == 0,
                 (std::string(k->name) + ": matMat differs from matVec").c_str());
        for (int i = 0; i < n; ++i)
            for (int r = 0; r < rows; ++r) {
                const size_t at = static_cast<size_t>(i) * rows + r;
                const double difference = std::fabs(static_cast<double>(byVec[at]) - want[at]);
                const double allowed = allowedDifference(m.w, r, xe[static_cast<size_t>(i)]);
                QVERIFY2(difference <= allowed,
                         (std::string(k->name) + " input " + std::to_string(i) + " row " + std::to_string(r) +
                          ": " + std::to_string(byVec[at]) + " vs baseline " + std::to_string(want[at]))
                             .c_str());
            }
    }
}

void TestKernelVariants::attentionMatchesDefinition_data()
{
    QTest::addColumn<int>("headDim");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("length");
    QTest::newRow("hd 16, 1 head, first position") << 16 << 1 << 1;
    QTest::newRow("hd 16, 2 heads, 37 positions") << 16 << 2 << 37;
    QTest::newRow("hd 64, 4 heads, 128 positions") << 64 << 4 << 128;
    QTest::newRow("hd 12, 3 heads, 9 positions (tails)") << 12 << 3 << 9;
}

// Every variant's attention against softmax(q k^T * scale) v computed in double; the scores
// beyond `length` (the causal mask) must stay untouched.
void TestKernelVariants::attentionMatchesDefinition()
{
    QFETCH(int, headDim);
    QFETCH(int, heads);
    QFETCH(int, length);
    const int stride = length + 3;
    const std::vector<float> q = moe::test::makeInput(heads * headDim, 71);
    const std::vector<float> keys = moe::test::makeInput(length * headDim, 72);
    const std::vector<float> values = moe::test::makeInput(length * headDim, 73);
    const float scale = 1.0f / std::sqrt(static_cast<float>(headDim));
    std::vector<double> want(static_cast<size_t>(heads * headDim), 0.0);
    for (int r = 0; r < heads; ++r) {
        std::vector<double> p(static_cast<size_t>(length));
        double maxScore = -1e300, sum = 0.0;
        for (int j = 0; j < length; ++j) {
            double s = 0.0;
            for (int c = 0; c < headDim; ++c)
                s += double(q[size_t(r * headDim + c)]) * keys[size_t(j * headDim + c)];
            p[size_t(j)] = s * scale;
            maxScore = std::max(maxScore, p[size_t(j)]);
        }
        for (double& v : p)
            sum += (v = std::exp(v - maxScore));
        for (int j = 0; j < length; ++j)
            for (int c = 0; c < headDim; ++c)
                want[size_t(r * headDim + c)] += p[size_t(j)] / sum * values[size_t(j * headDim + c)];
    }
    for (const KernelTable* k : runnableVariants()) {
        std::vector<float> scores(static_cast<size_t>(heads * stride), -7.0f);
        std::vector<float> out(static_cast<size_t>(heads * headDim), 99.0f);
        k->attendGroup({q.data(), keys.data(), values.data(), length, headDim, heads, stride, headDim, scale,
                        scores.data(), out.data()});
        for (size_t i = 0; i < out.size(); ++i)
            QVERIFY2(std::fabs(out[i] - want[i]) <= 1e-5 * (1.0 + std::fabs(want[i])),
                     (std::string(k->name) + " value " + std::to_string(i) + ": " + std::to_string(out[i]) +
                      " vs " + std::to_string(want[i]))
                         .c_str());
        for (int r = 0; r < heads; ++r)
            for (int j = length; j < stride; ++j)
                QCOMPARE(scores[size_t(r * stride + j)], -7.0f);
    }
}

void TestKernelVariants::chooserHonoursAndRejectsRequests()
{
    std::string warning;
    const KernelTable& best = moe::kernels::chooseKernelTable(nullptr, warning);
    QVERIFY(warning.empty());
    QVERIFY(moe::kernels::cpuSupports(best.level));
    for (const KernelTable* k : runnableVariants()) {
        QCOMPARE(&moe::kernels::chooseKernelTable(k->name, warning), k);
        QVERIFY(warning.empty());
    }
    QCOMPARE(&moe::kernels::chooseKernelTable("sse9", warning), &best);
    QVERIFY2(warning.find("not a kernel variant") != std::string::npos, warning.c_str());
    for (const KernelTable* k : moe::kernels::compiledKernelTables())
        if (!moe::kernels::cpuSupports(k->level)) {
            QCOMPARE(&moe::kernels::chooseKernelTable(k->name, warning), &best);
            QVERIFY2(warning.find("cannot run") != std::string::npos, warning.c_str());
        }
}

QTEST_APPLESS_MAIN(TestKernelVariants)
#include "test_kernel_variants.moc"

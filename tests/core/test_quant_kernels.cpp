// Kernels of the quantised weight types beyond Q8_0 (Q4_0, Q4_1, Q5_0, Q5_1, Q2_K ... Q6_K, IQ4_NL,
// IQ4_XS; Q8_0 too where the tests are generic): the activation rounding against a restatement of
// llama.cpp's quantize_row_q8_1 / quantize_row_q8_K, every variant's rounding identical, matVec
// against the double-precision dot of the row decoded by moe::quant::dequantize with the rounded
// input within the bound derived in kernels.h, every compiled variant within that bound too,
// matMat bit-identical to matVec, any row range, pre-quantised inputs, and mixed-type job batches.
#include "block_dequant.h"
#include "kernel_variants.h"
#include "kernels.h"
#include "mat_jobs.h"
#include "thread_pool.h"

#include "moe/tensor_types.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

using moe::TensorType;
using moe::WeightMatrix;
namespace kernels = moe::kernels;

constexpr double kUnit = 1.0 / (1 << 24); // float unit roundoff
constexpr float kSentinel = -12345.0f;

const TensorType kTypes[] = {TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0,   TensorType::Q5_1,
                             TensorType::Q8_0, TensorType::Q2_K, TensorType::Q3_K,   TensorType::Q4_K,
                             TensorType::Q5_K, TensorType::Q6_K, TensorType::IQ4_NL, TensorType::IQ4_XS};

// Where a block keeps its f16 scales: d, and the min scale (dmin or m; -1 where there is none),
// and the largest |scale * q| resp. |min| in units of d resp. dmin (for the decoder's rounding).
struct BlockFields {
    int d, min;
    double maxMin;
};

BlockFields fieldsOf(TensorType type)
{
    switch (type) {
    case TensorType::Q4_1:
    case TensorType::Q5_1:
        return {0, 2, 1.0};
    case TensorType::Q2_K:
        return {80, 82, 15.0};
    case TensorType::Q3_K:
        return {108, -1, 0.0};
    case TensorType::Q4_K:
    case TensorType::Q5_K:
        return {0, 2, 63.0};
    case TensorType::Q6_K:
        return {208, -1, 0.0};
    default: // Q4_0, Q5_0, Q8_0, IQ4_NL, IQ4_XS
        return {0, -1, 0.0};
    }
}

std::string name(TensorType type)
{
    return std::string(moe::tensorTypeName(type));
}

struct TestMatrix {
    std::vector<std::byte> storage;
    WeightMatrix w;
};

// Random quants over their whole range (every bit pattern of the scales too), with f16 scales of
// mixed magnitude: some rows tiny (f16 subnormals), some large, most around 0.01.
TestMatrix makeMatrix(TensorType type, int rows, int cols, uint32_t seed, size_t misalign = 0)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> scale(0.001f, 0.05f);
    const auto blockBytes = static_cast<size_t>(moe::blockBytes(type));
    const int blocksPerRow = cols / static_cast<int>(moe::blockSize(type));
    const BlockFields f = fieldsOf(type);
    TestMatrix m;
    m.storage.resize(misalign + blockBytes * static_cast<size_t>(blocksPerRow) * rows);
    std::byte* p = m.storage.data() + misalign;
    for (int r = 0; r < rows; ++r) {
        const float rowScale = r % 7 == 3 ? 1e-4f : (r % 5 == 1 ? 30.0f : 1.0f);
        for (int b = 0; b < blocksPerRow; ++b, p += blockBytes) {
            for (size_t i = 0; i < blockBytes; ++i)
                p[i] = static_cast<std::byte>(rng() & 0xFF);
            const float sign = (rng() & 1) ? -1.0f : 1.0f;
            const uint16_t d = moe::floatToHalf(sign * rowScale * scale(rng));
            std::memcpy(p + f.d, &d, 2);
            if (f.min >= 0) {
                const uint16_t dmin = moe::floatToHalf(rowScale * scale(rng));
                std::memcpy(p + f.min, &dmin, 2);
            }
        }
    }
    m.w.type = type;
    m.w.rows = rows;
    m.w.cols = cols;
    m.w.rowBytes = blockBytes * static_cast<size_t>(blocksPerRow);
    m.w.data = m.storage.data() + misalign;
    return m;
}

std::vector<float> makeInput(int count, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> value(0.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(count));
    for (size_t i = 0; i < x.size(); ++i)
        x[i] = (i / 32) % 9 == 4 ? 1e-3f * value(rng) : value(rng); // some blocks with small scales
    return x;
}

std::vector<float> decoded(const WeightMatrix& w, int r)
{
    std::vector<float> out(static_cast<size_t>(w.cols));
    if (w.type == TensorType::Q8_0) // not among the block_dequant types
        moe::decodeRow(w.type, w.row(r), out);
    else if (!moe::quant::dequantize(static_cast<uint32_t>(w.type), w.row(r), out))
        out.assign(out.size(), NAN); // fails every bound
    return out;
}

// x as the kernels see it once rounded, and per block what the bound needs.
struct RoundedInput {
    std::vector<std::byte> bytes;
    std::vector<float> values;   // dequantised
    std::vector<double> sOffset; // Q8_1: |s - d * sum(q)| allowance per block, else 0
};

RoundedInput roundInput(TensorType type, const float* x, int cols)
{
    RoundedInput in;
    in.bytes.resize(kernels::quantisedRowBytes(type, cols));
    kernels::quantizeActivations(type, x, cols, in.bytes.data());
    in.values.resize(static_cast<size_t>(cols));
    switch (kernels::activationType(type)) {
    case kernels::ActivationType::Q8_0: {
        const auto* b = reinterpret_cast<const moe::BlockQ8_0*>(in.bytes.data());
        for (int c = 0; c < cols; ++c)
            in.values[static_cast<size_t>(c)] = moe::halfToFloat(b[c / 32].d) * b[c / 32].q[c % 32];
        in.sOffset.assign(static_cast<size_t>(cols / 32), 0.0);
        break;
    }
    case kernels::ActivationType::Q8_1: {
        const auto* b = reinterpret_cast<const kernels::BlockQ8_1*>(in.bytes.data());
        for (int c = 0; c < cols; ++c)
            in.values[static_cast<size_t>(c)] = moe::halfToFloat(b[c / 32].d) * b[c / 32].q[c % 32];
        for (int k = 0; k < cols / 32; ++k) {
            int sum = 0;
            for (int8_t q : b[k].q)
                sum += q;
            // s = f16(d * sum) with the unrounded d: two f16 roundings of 2^-11, and f16's
            // subnormal step 2^-24.
            in.sOffset.push_back(std::fabs(moe::halfToFloat(b[k].d) * sum) * 1.1e-3 + std::ldexp(1.0, -24));
        }
        break;
    }
    default: {
        const auto* b = reinterpret_cast<const kernels::BlockQ8_K*>(in.bytes.data());
        for (int c = 0; c < cols; ++c)
            in.values[static_cast<size_t>(c)] = b[c / 256].d * b[c / 256].q[c % 256];
        in.sOffset.assign(static_cast<size_t>(cols / 32), 0.0);
        break;
    }
    }
    return in;
}

// The bound of kernels.h: float accumulation over the blocks, plus the reference decoder's own
// rounding of d * scale * q - dmin * min, measured against |d * scale * q| + |dmin * min| (not the
// decoded value, whose two parts may cancel), plus Q8_1's rounded sums.
void checkOutput(const WeightMatrix& w, int r, const RoundedInput& in, float got, const std::string& where)
{
    const std::vector<float> row = decoded(w, r);
    const BlockFields f = fieldsOf(w.type);
    const auto blockBytes = static_cast<size_t>(moe::blockBytes(w.type));
    const int blockValues = static_cast<int>(moe::blockSize(w.type));
    double exact = 0.0, magnitude = 0.0, offsetTerms = 0.0;
    for (int c = 0; c < w.cols; ++c) {
        const double wc = row[static_cast<size_t>(c)], xc = in.values[static_cast<size_t>(c)];
        exact += wc * xc;
        double minPart = 0.0;
        if (f.min >= 0) {
            uint16_t h;
            std::memcpy(&h, w.row(r) + blockBytes * static_cast<size_t>(c / blockValues) + f.min, 2);
            minPart = std::fabs(moe::halfToFloat(h)) * f.maxMin;
        }
        magnitude += (std::fabs(wc) + 2.0 * minPart) * std::fabs(xc);
        if (c % 32 == 0 && kernels::activationType(w.type) == kernels::ActivationType::Q8_1)
            offsetTerms += minPart * in.sOffset[static_cast<size_t>(c / 32)];
    }
    const int blocks = w.cols / blockValues;
    const double bound = (2.0 * blocks + 16) * kUnit * magnitude * 1.001 + offsetTerms + 1e-30;
    const double error = std::fabs(static_cast<double>(got) - exact);
    QVERIFY2(error <= bound, (where + " row " + std::to_string(r) + ": got " + std::to_string(got) +
                              ", want " + std::to_string(exact) + ", error " + std::to_string(error) +
                              " > bound " + std::to_string(bound))
                                 .c_str());
}

std::vector<int> colsFor(TensorType type)
{
    if (moe::blockSize(type) == 256)
        return {256, 512, 768, 2048};
    return {32, 64, 96, 160, 256, 1024};
}

} // namespace

class TestQuantKernels : public QObject {
    Q_OBJECT
private slots:
    void typesRun();
    void decodeIsBitExact();
    void q8_1MatchesLlamaCpp();
    void q8_KMatchesLlamaCpp();
    void variantsRoundIdentically();
    void matVecMatchesReference_data();
    void matVecMatchesReference();
    void variantsAgree();
    void matMatEqualsMatVec();
    void preQuantisedIsBitIdentical();
    void mixedJobBatch();
};

void TestQuantKernels::typesRun()
{
    for (TensorType type : moe::allTensorTypes())
        QVERIFY2(kernels::runsWeightType(type), name(type).c_str());
    QCOMPARE(kernels::activationType(TensorType::Q4_0), kernels::ActivationType::Q8_0);
    QCOMPARE(kernels::activationType(TensorType::IQ4_NL), kernels::ActivationType::Q8_0);
    QCOMPARE(kernels::activationType(TensorType::Q5_1), kernels::ActivationType::Q8_1);
    QCOMPARE(kernels::activationType(TensorType::Q6_K), kernels::ActivationType::Q8_K);
    QCOMPARE(kernels::activationType(TensorType::IQ4_XS), kernels::ActivationType::Q8_K);
    QCOMPARE(kernels::activationType(TensorType::BF16), kernels::ActivationType::Float);
    QCOMPARE(kernels::quantisedRowBytes(TensorType::Q4_K, 512), size_t{584});
    QCOMPARE(kernels::quantisedRowBytes(TensorType::Q4_1, 64), size_t{72});
    QCOMPARE(kernels::quantisedRowBytes(TensorType::F16, 64), size_t{0});
}

void TestQuantKernels::decodeIsBitExact()
{
    // decodeWeightRow (matMat's float fallback, embeddings) equals llama.cpp's dequantize_row_*.
    for (TensorType t : kTypes) {
        const TestMatrix m = makeMatrix(t, 3, 512, 71, 1);
        std::vector<float> got(512);
        for (int r = 0; r < 3; ++r) {
            kernels::decodeWeightRow(m.w, r, got.data());
            const std::vector<float> want = decoded(m.w, r);
            QVERIFY2(std::memcmp(got.data(), want.data(), 4 * want.size()) == 0, name(t).c_str());
        }
    }
}

void TestQuantKernels::q8_1MatchesLlamaCpp()
{
    // Scalar restatement of quantize_row_q8_1 (AVX2 path): Q8_0's d and q, s = f16(d * sum(q)).
    std::vector<float> x = makeInput(256, 7);
    for (int j = 0; j < 32; ++j)
        x[static_cast<size_t>(32 + j)] = 0.0f; // all zero: d = s = 0
    for (int j = 0; j < 32; ++j)               // max 127: x * id = x, ties must go to even
        x[static_cast<size_t>(64 + j)] = j == 0 ? 127.0f : static_cast<float>(j) - 15.5f;
    std::vector<kernels::BlockQ8_1> got(8);
    kernels::quantizeActivations(TensorType::Q4_1, x.data(), 256, reinterpret_cast<std::byte*>(got.data()));
    for (int b = 0; b < 8; ++b) {
        float amax = 0.0f;
        for (int j = 0; j < 32; ++j)
            amax = std::max(amax, std::fabs(x[static_cast<size_t>(32 * b + j)]));
        const float d = amax / 127.0f, id = amax != 0.0f ? 127.0f / amax : 0.0f;
        int sum = 0;
        for (int j = 0; j < 32; ++j) {
            const auto want = static_cast<int8_t>(std::nearbyint(x[static_cast<size_t>(32 * b + j)] * id));
            QCOMPARE(got[static_cast<size_t>(b)].q[j], want);
            sum += want;
        }
        QCOMPARE(got[static_cast<size_t>(b)].d, moe::floatToHalf(d));
        QCOMPARE(got[static_cast<size_t>(b)].s, moe::floatToHalf(d * static_cast<float>(sum)));
    }
    QCOMPARE(got[2].q[1], int8_t(-14)); // -14.5 -> -14
    QCOMPARE(got[2].q[2], int8_t(-14)); // -13.5 -> -14
    QCOMPARE(got[1].s, uint16_t(0));
}

void TestQuantKernels::q8_KMatchesLlamaCpp()
{
    // Restatement of quantize_row_q8_K_ref: the first value of largest magnitude maps to -127.
    std::vector<float> x = makeInput(1024, 8);
    for (int j = 0; j < 256; ++j)
        x[static_cast<size_t>(256 + j)] = 0.0f; // all zero: d = 0, q = 0, sums 0
    for (int j = 0; j < 256; ++j)               // a negative extreme first, its positive twin later
        x[static_cast<size_t>(512 + j)] =
            j == 3 ? -3.0f : (j == 9 ? 3.0f : 0.01f * static_cast<float>(j % 13));
    for (int j = 0; j < 256; ++j) // max -127: iscale 1, x = k + 0.5 must round to even
        x[static_cast<size_t>(768 + j)] = j == 0 ? -127.0f : static_cast<float>(j % 20) - 9.5f;
    std::vector<kernels::BlockQ8_K> got(4);
    kernels::quantizeActivations(TensorType::Q4_K, x.data(), 1024, reinterpret_cast<std::byte*>(got.data()));
    for (int b = 0; b < 4; ++b) {
        const float* v = x.data() + 256 * b;
        float amax = 0.0f, max = 0.0f;
        for (int j = 0; j < 256; ++j)
            if (std::fabs(v[j]) > amax) {
                amax = std::fabs(v[j]);
                max = v[j];
            }
        const kernels::BlockQ8_K& g = got[static_cast<size_t>(b)];
        if (amax == 0.0f) {
            QCOMPARE(g.d, 0.0f);
            for (int j = 0; j < 256; ++j)
                QCOMPARE(g.q[j], int8_t(0));
            continue;
        }
        const float iscale = -127.0f / max;
        for (int k = 0; k < 16; ++k) {
            int sum = 0;
            for (int j = 16 * k; j < 16 * k + 16; ++j) {
                const int want = std::min(127, static_cast<int>(std::nearbyint(iscale * v[j])));
                QCOMPARE(static_cast<int>(g.q[j]), want);
                sum += want;
            }
            QCOMPARE(static_cast<int>(g.bsums[k]), sum);
        }
        QCOMPARE(g.d, 1.0f / iscale);
    }
    QCOMPARE(got[2].q[3], int8_t(-127)); // -3 is the first extreme: iscale = 127 / 3
    QCOMPARE(got[2].q[9], int8_t(127));
    QVERIFY(got[2].d > 0.0f); // d carries the sign: the extreme was negative
    QCOMPARE(got[3].d, 1.0f);
    QCOMPARE(got[3].q[1], int8_t(-8)); // 1 - 9.5 = -8.5 -> -8 (to even)
    QCOMPARE(got[3].q[2], int8_t(-8)); // -7.5 -> -8
}

void TestQuantKernels::variantsRoundIdentically()
{
    const std::vector<float> x = makeInput(2048, 9);
    for (TensorType type : {TensorType::Q4_0, TensorType::Q4_1, TensorType::Q4_K}) {
        const size_t bytes = kernels::quantisedRowBytes(type, 2048);
        std::vector<std::byte> want(bytes), got(bytes);
        kernels::compiledKernelTables().front()->quantizeAct(type, x.data(), 2048, want.data());
        for (const kernels::KernelTable* k : kernels::compiledKernelTables()) {
            if (!kernels::cpuSupports(k->level))
                continue;
            k->quantizeAct(type, x.data(), 2048, got.data());
            QVERIFY2(std::memcmp(want.data(), got.data(), bytes) == 0, (name(type) + " " + k->name).c_str());
        }
    }
}

void TestQuantKernels::matVecMatchesReference_data()
{
    QTest::addColumn<int>("type");
    for (TensorType type : kTypes)
        QTest::newRow(name(type).c_str()) << static_cast<int>(type);
}

void TestQuantKernels::matVecMatchesReference()
{
    QFETCH(int, type);
    const auto t = static_cast<TensorType>(type);
    struct Range {
        int rows, begin, end;
        size_t misalign;
    };
    for (int cols : colsFor(t)) {
        for (const Range range :
             {Range{37, 0, 37, 0}, Range{37, 3, 20, 1}, Range{13, 12, 13, 3}, Range{5, 2, 2, 0}}) {
            const TestMatrix m =
                makeMatrix(t, range.rows, cols, 1000 + static_cast<uint32_t>(cols), range.misalign);
            const std::vector<float> x = makeInput(cols, 2000 + static_cast<uint32_t>(cols));
            const RoundedInput in = roundInput(t, x.data(), cols);
            const int count = range.end - range.begin;
            std::vector<float> y(static_cast<size_t>(count) + 2, kSentinel);
            kernels::matVecRows(m.w, x.data(), y.data() + 1, range.begin, range.end);
            QCOMPARE(y.front(), kSentinel);
            QCOMPARE(y.back(), kSentinel);
            const std::string where = name(t) + " cols " + std::to_string(cols);
            for (int r = range.begin; r < range.end; ++r) {
                const float got = y[static_cast<size_t>(r - range.begin) + 1];
                checkOutput(m.w, r, in, got, where);
                if (QTest::currentTestFailed())
                    return; // one message per failing test, not one per row
                float alone = 0.0f;
                kernels::matVecRows(m.w, x.data(), &alone, r, r + 1);
                QVERIFY2(std::memcmp(&alone, &got, 4) == 0, (where + " row " + std::to_string(r)).c_str());
            }
        }
    }
}

void TestQuantKernels::variantsAgree()
{
    // Every variant this CPU runs, called directly, against the same reference and bound.
    for (TensorType t : kTypes) {
        const int cols = moe::blockSize(t) == 256 ? 1024 : 320;
        const TestMatrix m = makeMatrix(t, 21, cols, 31, 1);
        const std::vector<float> x = makeInput(cols, 32);
        const RoundedInput in = roundInput(t, x.data(), cols);
        for (const kernels::KernelTable* k : kernels::compiledKernelTables()) {
            if (!kernels::cpuSupports(k->level))
                continue;
            std::vector<float> y(21);
            k->matVecQuant(m.w, in.bytes.data(), y.data(), 0, 21);
            for (int r = 0; r < 21; ++r) {
                checkOutput(m.w, r, in, y[static_cast<size_t>(r)], name(t) + " variant " + k->name);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }
}

void TestQuantKernels::matMatEqualsMatVec()
{
    for (TensorType t : kTypes) {
        const int cols = moe::blockSize(t) == 256 ? 512 : 96;
        const int rows = 23, rowBegin = 2, rowEnd = 21, n = 7;
        const TestMatrix m = makeMatrix(t, rows, cols, 41, 2);
        const int ldx = cols + 3, ldy = rows + 2;
        const std::vector<float> x = makeInput(n * ldx, 42);
        for (int count : {1, 2, 3, 4, 7}) {
            std::vector<float> y(static_cast<size_t>(count) * ldy, kSentinel);
            kernels::matMatRows(m.w, x.data(), count, ldx, y.data(), ldy, rowBegin, rowEnd);
            for (int i = 0; i < count; ++i) {
                for (int r = 0; r < ldy; ++r) {
                    const float got = y[static_cast<size_t>(i) * ldy + r];
                    const std::string where = name(t) + " n " + std::to_string(count) + " input " +
                                              std::to_string(i) + " row " + std::to_string(r);
                    if (r < rowBegin || r >= rowEnd) {
                        QVERIFY2(got == kSentinel, (where + ": wrote outside the row range").c_str());
                        continue;
                    }
                    float want = 0.0f;
                    kernels::matVecRows(m.w, x.data() + static_cast<size_t>(i) * ldx, &want, r, r + 1);
                    QVERIFY2(std::memcmp(&got, &want, 4) == 0, where.c_str());
                }
            }
        }
    }
}

void TestQuantKernels::preQuantisedIsBitIdentical()
{
    for (TensorType t : kTypes) {
        const int cols = moe::blockSize(t) == 256 ? 512 : 320, rows = 19, n = 5;
        const TestMatrix m = makeMatrix(t, rows, cols, 51);
        const std::vector<float> x = makeInput(n * cols, 52);
        const size_t rowBytes = kernels::quantisedRowBytes(t, cols);
        std::vector<std::byte> xq(rowBytes * n);
        for (int i = 0; i < n; ++i)
            kernels::quantizeActivations(t, x.data() + static_cast<size_t>(i) * cols, cols,
                                         xq.data() + rowBytes * static_cast<size_t>(i));
        std::vector<float> a(rows), b(rows);
        kernels::matVecRows(m.w, x.data(), a.data(), 0, rows);
        kernels::matVecRowsQuantised(m.w, xq.data(), b.data(), 0, rows);
        QVERIFY2(std::memcmp(a.data(), b.data(), 4 * a.size()) == 0, name(t).c_str());
        std::vector<float> ya(static_cast<size_t>(n * rows)), yb(static_cast<size_t>(n * rows));
        kernels::matMatRows(m.w, x.data(), n, cols, ya.data(), rows, 0, rows);
        kernels::matMatRowsQuantised(m.w, xq.data(), n, rowBytes, yb.data(), rows, 0, rows);
        QVERIFY2(std::memcmp(ya.data(), yb.data(), 4 * ya.size()) == 0, name(t).c_str());
    }
}

void TestQuantKernels::mixedJobBatch()
{
    // A Q4_K_M-like batch: jobs on one input with different activation types, then another input.
    const int cols = 512;
    const TestMatrix a = makeMatrix(TensorType::Q4_K, 40, cols, 61);
    const TestMatrix b = makeMatrix(TensorType::Q6_K, 24, cols, 62);
    const TestMatrix c = makeMatrix(TensorType::Q5_0, 17, cols, 63);
    const TestMatrix d = makeMatrix(TensorType::Q4_1, 9, cols, 64);
    const TestMatrix e = makeMatrix(TensorType::Q8_0, 8, cols, 65);
    for (int n : {1, 3}) {
        const std::vector<float> x1 = makeInput(n * cols, 66), x2 = makeInput(n * cols, 67);
        const TestMatrix* ms[] = {&a, &b, &c, &d, &e, &a};
        const float* xs[] = {x1.data(), x1.data(), x1.data(), x1.data(), x2.data(), x2.data()};
        std::vector<std::vector<float>> ys(6);
        std::vector<moe::MatJob> jobs;
        for (int j = 0; j < 6; ++j) {
            ys[static_cast<size_t>(j)].assign(static_cast<size_t>(n * ms[j]->w.rows), kSentinel);
            jobs.push_back({&ms[j]->w, xs[j], n, cols, ys[static_cast<size_t>(j)].data(), ms[j]->w.rows});
        }
        std::vector<moe::BlockQ8_0> storage;
        moe::quantiseJobInputs(jobs, storage);
        for (const moe::MatJob& job : jobs)
            QVERIFY(job.xq != nullptr);
        QVERIFY(jobs[1].xq == jobs[0].xq); // same input and activation type: one copy
        QVERIFY(jobs[2].xq != jobs[0].xq); // Q8_0 differs from Q8_K
        moe::ThreadPool pool(2);
        moe::runMatJobs(pool, jobs);
        for (int j = 0; j < 6; ++j) {
            const WeightMatrix& w = ms[j]->w;
            std::vector<float> want(static_cast<size_t>(n * w.rows));
            kernels::matMatRows(w, xs[j], n, cols, want.data(), w.rows, 0, w.rows);
            QVERIFY2(std::memcmp(want.data(), ys[static_cast<size_t>(j)].data(), 4 * want.size()) == 0,
                     ("job " + std::to_string(j) + " n " + std::to_string(n)).c_str());
        }
    }
}

QTEST_APPLESS_MAIN(TestQuantKernels)
#include "test_quant_kernels.moc"

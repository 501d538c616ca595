// The quantisers (moe::encodeRow for the block types): bytes equal to llama.cpp b4748's for a
// fixed row (quant_golden.h), the legacy 32-blocks against their formulas written out here, and for
// every type the round trip through the decoders within that type's error, on random, all-zero,
// constant, huge, tiny and outlier rows. Seeds are fixed; rows are printed on failure by kind.
#include "block_quant.h"
#include "moe/tensor_types.h"
#include "quant_golden.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using moe::TensorType;

// Must match the generator of quant_golden.h: 32 groups of 16 with different magnitudes, then an
// all-zero group, a constant group, an all-negative group, a group below ggml's 1e-15 "all zero"
// threshold and a group with one large outlier. Every value is exact (integers over 1000, ldexp).
std::vector<float> goldenRow()
{
    std::vector<float> x(512);
    uint32_t s = 12345;
    const auto next = [&] {
        s = s * 1664525u + 1013904223u;
        return static_cast<int>((s >> 16) % 2001u) - 1000;
    };
    for (int i = 0; i < 512; ++i) {
        const int g = i / 16;
        const float v = static_cast<float>(next()) / 1000.0f;
        if (g < 16)
            x[i] = std::ldexp(v, g % 9 - 4);
        else if (g == 16)
            x[i] = 0.0f;
        else if (g == 17)
            x[i] = 0.5f;
        else if (g == 18)
            x[i] = -std::fabs(v);
        else if (g == 19)
            x[i] = std::ldexp(v, -60);
        else if (g == 20)
            x[i] = i % 16 == 3 ? 100.0f : v * 0.01f;
        else
            x[i] = std::ldexp(v, g % 5);
    }
    return x;
}

std::string hex(const std::vector<std::byte>& bytes)
{
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::byte b : bytes) {
        out += digits[std::to_integer<int>(b) >> 4];
        out += digits[std::to_integer<int>(b) & 15];
    }
    return out;
}

std::vector<std::byte> encode(TensorType type, const std::vector<float>& x)
{
    std::vector<std::byte> out;
    moe::encodeRow(type, x, out);
    return out;
}

std::vector<float> roundTrip(TensorType type, const std::vector<float>& x)
{
    const std::vector<std::byte> bytes = encode(type, x);
    std::vector<float> y(x.size());
    moe::decodeRow(type, bytes.data(), y);
    return y;
}

// Huge and Tiny lie beyond f16's range (the scales' type): Huge scales overflow to infinity, Tiny
// ones flush to zero. Large stays inside it.
enum class Kind { Random, Zero, Constant, Huge, Tiny, Outlier, Positive, Large };

std::vector<float> makeRow(Kind kind, size_t n, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal;
    std::vector<float> x(n);
    for (size_t i = 0; i < n; ++i) {
        switch (kind) {
        case Kind::Random:
            x[i] = normal(rng);
            break;
        case Kind::Zero:
            x[i] = 0.0f;
            break;
        case Kind::Constant:
            x[i] = -0.3f;
            break;
        case Kind::Huge:
            x[i] = normal(rng) * 1e30f;
            break;
        case Kind::Tiny:
            x[i] = normal(rng) * 1e-30f;
            break;
        case Kind::Outlier:
            x[i] = i % 100 == 7 ? 40.0f : normal(rng) * 0.05f;
            break;
        case Kind::Positive:
            x[i] = std::fabs(normal(rng)) + 2.0f;
            break;
        case Kind::Large:
            x[i] = normal(rng) * 1000.0f;
            break;
        }
    }
    return x;
}

const char* kindName(Kind kind)
{
    switch (kind) {
    case Kind::Random:
        return "random";
    case Kind::Zero:
        return "zero";
    case Kind::Constant:
        return "constant";
    case Kind::Huge:
        return "huge";
    case Kind::Tiny:
        return "tiny";
    case Kind::Outlier:
        return "outlier";
    case Kind::Positive:
        return "positive";
    case Kind::Large:
        return "large";
    }
    return "?";
}

constexpr Kind kKinds[] = {Kind::Random, Kind::Zero,    Kind::Constant, Kind::Huge,
                           Kind::Tiny,   Kind::Outlier, Kind::Positive, Kind::Large};

// ---- the legacy blocks written out from their definitions (ggml's quantize_row_*_ref)

void putHalf(std::vector<std::byte>& out, float v)
{
    const uint16_t h = moe::floatToHalf(v);
    out.push_back(static_cast<std::byte>(h & 0xFF));
    out.push_back(static_cast<std::byte>(h >> 8));
}

// 32 quants of 4 or 5 bits as ggml stores them: element i's low nibble in byte i mod 16 (high
// nibble for i >= 16); with five bits, bit 4 of element i is bit i of a little-endian u32 first.
void putQuants(std::vector<std::byte>& out, const int (&q)[32], bool fiveBits)
{
    if (fiveBits) {
        uint32_t high = 0;
        for (int i = 0; i < 32; ++i)
            high |= static_cast<uint32_t>((q[i] >> 4) & 1) << i;
        for (int k = 0; k < 4; ++k)
            out.push_back(static_cast<std::byte>((high >> (8 * k)) & 0xFF));
    }
    uint8_t bytes[16] = {};
    for (int i = 0; i < 32; ++i)
        bytes[i % 16] = static_cast<uint8_t>(bytes[i % 16] | ((q[i] & 15) << (i < 16 ? 0 : 4)));
    for (uint8_t b : bytes)
        out.push_back(static_cast<std::byte>(b));
}

// Symmetric types: d = (the value of largest magnitude) / -half, q = floor(x / d + half + 0.5),
// at most 2 * half - 1. Q8_0: d = max|x| / 127, q = round(x / d).
std::vector<std::byte> expectedSymmetric(TensorType type, const std::vector<float>& x)
{
    std::vector<std::byte> out;
    for (size_t b = 0; b < x.size(); b += 32) {
        float extreme = 0.0f;
        for (size_t i = b; i < b + 32; ++i)
            if (std::fabs(x[i]) > std::fabs(extreme))
                extreme = x[i];
        if (type == TensorType::Q8_0) {
            const float d = std::fabs(extreme) / 127.0f;
            const float inverse = d == 0.0f ? 0.0f : 1.0f / d;
            putHalf(out, d);
            for (size_t i = b; i < b + 32; ++i)
                out.push_back(static_cast<std::byte>(static_cast<int8_t>(std::round(x[i] * inverse))));
            continue;
        }
        const int half = type == TensorType::Q4_0 ? 8 : 16;
        const float d = extreme / static_cast<float>(-half);
        const float inverse = d == 0.0f ? 0.0f : 1.0f / d;
        putHalf(out, d);
        int q[32];
        for (int i = 0; i < 32; ++i)
            q[i] = std::min(2 * half - 1, static_cast<int>(std::floor(x[b + i] * inverse + (half + 0.5f))));
        putQuants(out, q, type == TensorType::Q5_0);
    }
    return out;
}

// With a min: d = (max - min) / (2^bits - 1), m = min, q = floor((x - min) / d + 0.5).
std::vector<std::byte> expectedWithMin(TensorType type, const std::vector<float>& x)
{
    const int levels = type == TensorType::Q4_1 ? 15 : 31;
    std::vector<std::byte> out;
    for (size_t b = 0; b < x.size(); b += 32) {
        const auto [lo, hi] = std::minmax_element(x.begin() + static_cast<std::ptrdiff_t>(b),
                                                  x.begin() + static_cast<std::ptrdiff_t>(b + 32));
        const float min = *lo;
        const float d = (*hi - min) / static_cast<float>(levels);
        const float inverse = d == 0.0f ? 0.0f : 1.0f / d;
        putHalf(out, d);
        putHalf(out, min);
        int q[32];
        for (int i = 0; i < 32; ++i)
            q[i] = std::min(levels, static_cast<int>(std::floor((x[b + i] - min) * inverse + 0.5f)));
        putQuants(out, q, type == TensorType::Q5_1);
    }
    return out;
}

struct Bound {
    TensorType type;
    double maxError; // |decoded - x| / max|x| over each 256 values
    double rmsError; // rms(decoded - x) / rms(x) over the row
};

// Measured on these seeds with about 1.3x headroom; the order follows the bits per weight.
constexpr Bound kBounds[] = {
    {TensorType::Q8_0, 0.0065, 0.018}, {TensorType::Q6_K, 0.065, 0.056}, {TensorType::Q5_1, 0.045, 0.075},
    {TensorType::Q5_K, 0.075, 0.07},   {TensorType::Q5_0, 0.08, 0.12},   {TensorType::Q4_1, 0.09, 0.18},
    {TensorType::Q4_K, 0.11, 0.15},    {TensorType::Q4_0, 0.13, 0.2},    {TensorType::IQ4_NL, 0.115, 0.165},
    {TensorType::IQ4_XS, 0.15, 0.16},  {TensorType::Q3_K, 0.26, 0.23},   {TensorType::Q2_K, 0.48, 0.44},
};

} // namespace

class TestBlockQuant : public QObject {
    Q_OBJECT
private slots:
    void bytesEqualLlamaCpp_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < std::size(moe::test::kGoldenQuants); ++i)
            QTest::newRow(std::string(moe::tensorTypeName(moe::test::kGoldenQuants[i].type)).c_str())
                << static_cast<int>(i);
    }
    void bytesEqualLlamaCpp()
    {
        QFETCH(int, index);
        const moe::test::GoldenQuant& golden = moe::test::kGoldenQuants[index];
        const std::string got = hex(encode(golden.type, goldenRow()));
        const std::string want = golden.hex;
        QCOMPARE(got.size(), want.size());
        const auto [g, w] = std::mismatch(got.begin(), got.end(), want.begin());
        QVERIFY2(g == got.end(),
                 ("first difference at byte " + std::to_string((g - got.begin()) / 2) + ": got " +
                  got.substr(static_cast<size_t>(g - got.begin()) & ~size_t{1}, 16) + ", want " +
                  want.substr(static_cast<size_t>(w - want.begin()) & ~size_t{1}, 16))
                     .c_str());
    }

    void legacyBlocksFollowTheirFormulas_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("kind");
        for (TensorType type :
             {TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1, TensorType::Q8_0})
            for (Kind kind : kKinds)
                QTest::addRow("%s %s", std::string(moe::tensorTypeName(type)).c_str(), kindName(kind))
                    << static_cast<int>(type) << static_cast<int>(kind);
    }
    void legacyBlocksFollowTheirFormulas()
    {
        QFETCH(int, type);
        QFETCH(int, kind);
        const auto t = static_cast<TensorType>(type);
        const std::vector<float> x = makeRow(static_cast<Kind>(kind), 32 * 24, /*seed=*/11);
        const bool withMin = t == TensorType::Q4_1 || t == TensorType::Q5_1;
        const std::vector<std::byte> want = withMin ? expectedWithMin(t, x) : expectedSymmetric(t, x);
        QCOMPARE(hex(encode(t, x)), hex(want));
    }

    void roundTripStaysWithinTheTypesError_data()
    {
        QTest::addColumn<int>("bound");
        QTest::addColumn<int>("kind");
        for (size_t b = 0; b < std::size(kBounds); ++b)
            for (Kind kind : kKinds)
                if (kind != Kind::Huge) // its f16 scales overflow, in llama.cpp too
                    QTest::addRow("%s %s", std::string(moe::tensorTypeName(kBounds[b].type)).c_str(),
                                  kindName(kind))
                        << static_cast<int>(b) << static_cast<int>(kind);
    }
    void roundTripStaysWithinTheTypesError()
    {
        QFETCH(int, bound);
        QFETCH(int, kind);
        const Bound& b = kBounds[bound];
        for (uint32_t seed : {1u, 2u, 3u}) {
            const std::vector<float> x = makeRow(static_cast<Kind>(kind), 1024, seed);
            const std::vector<float> y = roundTrip(b.type, x);
            double squaredError = 0, squares = 0;
            for (size_t s = 0; s < x.size(); s += 256) {
                float amax = 0;
                for (size_t i = s; i < s + 256; ++i)
                    amax = std::max(amax, std::fabs(x[i]));
                for (size_t i = s; i < s + 256; ++i) {
                    QVERIFY(std::isfinite(y[i]));
                    const double error = std::fabs(static_cast<double>(y[i]) - x[i]);
                    if (amax == 0.0f || static_cast<Kind>(kind) == Kind::Tiny)
                        QCOMPARE(y[i], 0.0f); // zeros stay zeros; scales below f16's range flush to 0
                    else
                        QVERIFY2(error <= b.maxError * amax,
                                 qPrintable(QString("seed %1 element %2: %3 became %4 (max |x| %5)")
                                                .arg(seed)
                                                .arg(i)
                                                .arg(x[i])
                                                .arg(y[i])
                                                .arg(amax)));
                    squaredError += error * error;
                    squares += static_cast<double>(x[i]) * x[i];
                }
            }
            if (squares > 0 && static_cast<Kind>(kind) != Kind::Tiny)
                QVERIFY2(std::sqrt(squaredError / squares) <= b.rmsError,
                         qPrintable(QString("seed %1: relative rms error %2")
                                        .arg(seed)
                                        .arg(std::sqrt(squaredError / squares))));
        }
    }

    void moreBitsGiveSmallerErrors()
    {
        // On plain random data each K-quant is better than the one with a bit less.
        const std::vector<float> x = makeRow(Kind::Random, 4096, /*seed=*/5);
        const auto rms = [&](TensorType type) {
            const std::vector<float> y = roundTrip(type, x);
            double e = 0;
            for (size_t i = 0; i < x.size(); ++i)
                e += (static_cast<double>(y[i]) - x[i]) * (static_cast<double>(y[i]) - x[i]);
            return std::sqrt(e / static_cast<double>(x.size()));
        };
        const TensorType ladder[] = {TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K,
                                     TensorType::Q5_K, TensorType::Q6_K, TensorType::Q8_0};
        for (size_t i = 1; i < std::size(ladder); ++i)
            QVERIFY2(rms(ladder[i]) < rms(ladder[i - 1]),
                     std::string(moe::tensorTypeName(ladder[i])).c_str());
    }

    void allZeroBlocksAreAllZeroValues()
    {
        const std::vector<float> zeros(512, 0.0f);
        for (TensorType type : moe::allTensorTypes()) {
            const std::vector<float> y = roundTrip(type, zeros);
            QVERIFY2(std::all_of(y.begin(), y.end(), [](float v) { return v == 0.0f; }),
                     std::string(moe::tensorTypeName(type)).c_str());
        }
        // ggml writes an all-zero Q6_K block as 210 zero bytes.
        const std::vector<std::byte> q6 = encode(TensorType::Q6_K, zeros);
        QVERIFY(std::all_of(q6.begin(), q6.end(), [](std::byte b) { return b == std::byte{0}; }));
    }

    void blocksAreIndependentAndDeterministic()
    {
        const std::vector<float> a = makeRow(Kind::Random, 512, 21), b = makeRow(Kind::Outlier, 512, 22);
        std::vector<float> both = a;
        both.insert(both.end(), b.begin(), b.end());
        for (TensorType type : moe::allTensorTypes()) {
            std::vector<std::byte> separate;
            moe::encodeRow(type, a, separate); // appends
            moe::encodeRow(type, b, separate);
            QCOMPARE(hex(encode(type, both)), hex(separate));
            QCOMPARE(hex(encode(type, both)), hex(encode(type, both)));
        }
    }

    void nonFiniteValuesNeverCrash()
    {
        std::vector<float> x = makeRow(Kind::Random, 512, 31);
        x[3] = std::numeric_limits<float>::quiet_NaN();
        x[300] = std::numeric_limits<float>::infinity();
        x[301] = -std::numeric_limits<float>::infinity();
        for (TensorType type : moe::allTensorTypes()) {
            const std::vector<std::byte> bytes = encode(type, x);
            const int64_t ne[] = {512};
            QCOMPARE(bytes.size(), *moe::tensorBytes(type, ne));
        }
    }

    void partialBlocksAndUnknownTypesAreRefused()
    {
        std::vector<std::byte> out(3, std::byte{7});
        const std::vector<float> x(100, 1.0f);
        try {
            moe::encodeRow(TensorType::Q4_K, x, out);
            QFAIL("100 values were encoded as Q4_K");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("256") != std::string::npos, e.what());
        }
        QCOMPARE(out.size(), size_t{3}); // nothing appended
        std::byte block[256];
        QVERIFY(!moe::quant::quantize(8, std::span<const float>(x.data(), 32), block));  // Q8_0 is not here
        QVERIFY(!moe::quant::quantize(99, std::span<const float>(x.data(), 32), block)); // no such type
        QVERIFY(!moe::quant::quantize(12, std::span<const float>(x.data(), 32), block)); // 32 of 256
        QVERIFY(moe::quant::quantize(2, std::span<const float>(x.data(), 96), block));   // 3 Q4_0 blocks
    }
};

QTEST_GUILESS_MAIN(TestBlockQuant)
#include "test_block_quant.moc"

// GGUF round trips (every key type, every tensor type, several alignments), the typed metadata
// getters, the writer's refusals, and open() on real files. Damaged files: test_gguf_corruption.cpp.
#include "moe/error.h"
#include "moe/gguf.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>

using moe::GgufArray;
using moe::GgufScalar;
using moe::GgufValue;
using moe::GgufValueType;
using moe::TensorType;

Q_DECLARE_METATYPE(moe::GgufValue)

namespace {

constexpr uint32_t kSeed = 20240611;

template <typename F> QString formatErrorOf(F&& f)
{
    try {
        f();
    } catch (const moe::FormatError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

template <typename F> QString invalidArgumentOf(F&& f)
{
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

GgufArray arrayOf(GgufValueType type, std::vector<GgufScalar> items)
{
    return GgufArray{type, std::move(items)};
}

// One key of every scalar type, an array of every scalar type, and the awkward strings.
void addEveryKeyType(moe::GgufMetadata& m)
{
    m.add("general.architecture", GgufScalar(std::string("llama")));
    m.add("test.u8", GgufScalar(uint8_t{200}));
    m.add("test.i8", GgufScalar(int8_t{-100}));
    m.add("test.u16", GgufScalar(uint16_t{60000}));
    m.add("test.i16", GgufScalar(int16_t{-30000}));
    m.add("test.u32", GgufScalar(uint32_t{4000000000u}));
    m.add("test.i32", GgufScalar(int32_t{-2000000000}));
    m.add("test.f32", GgufScalar(1.5e-5f));
    m.add("test.bool.true", GgufScalar(true));
    m.add("test.bool.false", GgufScalar(false));
    m.add("test.string.empty", GgufScalar(std::string()));
    m.add("test.string.utf8", GgufScalar(std::string("Gr\xc3\xbc\xc3\x9f"
                                                     "e, \xe4\xb8\x96\xe7\x95\x8c \xf0\x9f\x99\x82")));
    m.add("test.string.nul", GgufScalar(std::string("a\0b\0", 4)));
    m.add("test.u64", GgufScalar(std::numeric_limits<uint64_t>::max()));
    m.add("test.i64", GgufScalar(std::numeric_limits<int64_t>::min()));
    m.add("test.f64", GgufScalar(-2.5e300));
    m.add("", GgufScalar(uint8_t{1})); // an empty key is legal GGUF

    m.add("array.u8", arrayOf(GgufValueType::UInt8, {uint8_t{0}, uint8_t{255}}));
    m.add("array.i8", arrayOf(GgufValueType::Int8, {int8_t{-128}, int8_t{127}}));
    m.add("array.u16", arrayOf(GgufValueType::UInt16, {uint16_t{1}, uint16_t{65535}}));
    m.add("array.i16", arrayOf(GgufValueType::Int16, {int16_t{-32768}}));
    m.add("array.u32", arrayOf(GgufValueType::UInt32, {uint32_t{1}, uint32_t{2}, uint32_t{3}}));
    m.add("array.i32", arrayOf(GgufValueType::Int32, {int32_t{-1}, int32_t{1}, int32_t{6}}));
    m.add("array.f32",
          arrayOf(GgufValueType::Float32, {0.0f, -0.0f, 3.25f, std::numeric_limits<float>::infinity()}));
    m.add("array.bool", arrayOf(GgufValueType::Bool, {true, false, true}));
    m.add("array.string", arrayOf(GgufValueType::String, {std::string(), std::string("\xc4\xa0the"),
                                                          std::string("x\0y", 3), std::string(300, 'z')}));
    m.add("array.u64", arrayOf(GgufValueType::UInt64, {uint64_t{0}, std::numeric_limits<uint64_t>::max()}));
    m.add("array.i64", arrayOf(GgufValueType::Int64, {int64_t{-5}}));
    m.add("array.f64", arrayOf(GgufValueType::Float64, {1e-300, -1.0}));
    m.add("array.empty", arrayOf(GgufValueType::UInt32, {}));
}

struct TensorSpec {
    std::string name;
    TensorType type;
    std::vector<int64_t> ne;
};

// Shapes chosen so most tensors need padding; one is empty (a zero dim is legal in GGUF).
const std::vector<TensorSpec>& tensorSpecs()
{
    static const std::vector<TensorSpec> specs = {
        {"f32.vector", TensorType::F32, {8}},       {"f32.matrix", TensorType::F32, {5, 3}},
        {"f16.tensor", TensorType::F16, {7, 2, 3}}, {"bf16.tensor", TensorType::BF16, {3, 2, 2, 2}},
        {"q8_0.matrix", TensorType::Q8_0, {64, 3}}, {"zero.rows", TensorType::F32, {4, 0}},
        {"q8_0.vector", TensorType::Q8_0, {32}},
    };
    return specs;
}

std::vector<std::byte> randomBytes(std::mt19937& rng, size_t n)
{
    std::vector<std::byte> out(n);
    for (std::byte& b : out)
        b = static_cast<std::byte>(rng() & 0xff);
    return out;
}

moe::GgufWriter everythingWriter(uint32_t alignment)
{
    moe::GgufWriter writer;
    addEveryKeyType(writer.metadata());
    if (alignment != 0)
        writer.setAlignment(alignment);
    std::mt19937 rng(kSeed);
    for (const TensorSpec& spec : tensorSpecs())
        writer.addTensor(spec.name, spec.type, spec.ne,
                         randomBytes(rng, *moe::tensorBytes(spec.type, spec.ne)));
    return writer;
}

moe::GgufWriter rebuild(const moe::GgufFile& file)
{
    moe::GgufWriter writer;
    writer.metadata() = file.metadata();
    for (const moe::GgufTensorInfo& info : file.tensors()) {
        const std::span<const std::byte> data = file.tensorData(info);
        writer.addTensor(info.name, info.type, info.ne, {data.begin(), data.end()});
    }
    return writer;
}

std::span<const std::byte> asSpan(const std::vector<std::byte>& bytes)
{
    return {bytes.data(), bytes.size()};
}

// The tensor infos and data of two files are the same (names, shapes, types, offsets, bytes).
void compareTensors(const moe::GgufFile& a, const moe::GgufFile& b)
{
    QCOMPARE(a.tensors().size(), b.tensors().size());
    for (size_t i = 0; i < a.tensors().size(); ++i) {
        const moe::GgufTensorInfo& x = a.tensors()[i];
        const moe::GgufTensorInfo& y = b.tensors()[i];
        QCOMPARE(x.name, y.name);
        QVERIFY(x.ne == y.ne);
        QCOMPARE(x.type, y.type);
        QCOMPARE(x.offset, y.offset);
        QCOMPARE(x.byteSize, y.byteSize);
        const auto dx = a.tensorData(x);
        const auto dy = b.tensorData(y);
        QVERIFY(std::equal(dx.begin(), dx.end(), dy.begin(), dy.end()));
    }
}

} // namespace

class TestGguf : public QObject {
    Q_OBJECT

private slots:
    void roundTripIsIdentical_data();
    void roundTripIsIdentical();
    void layoutIsPackedAndZeroPadded();
    void versionTwoIsAccepted();
    void missingTrailingPaddingIsAccepted();
    void typedGettersAreExact_data();
    void typedGettersAreExact();
    void findGettersReturnNulloptOnlyWhenAbsent();
    void perLayerKeys();
    void metadataRefusesDuplicatesAndBadArrays();
    void setOrReplaceKeepsPosition();
    void writerRefusesBadTensors_data();
    void writerRefusesBadTensors();
    void writerRefusesBadAlignment();
    void openMapsTheFile();
    void openRefusesMissingAndOddFiles();
    void writeFileReplacesAtomically();
    void writeFileFailsClearly();
    void streamedTensorsGiveTheSameFile();
};

void TestGguf::roundTripIsIdentical_data()
{
    QTest::addColumn<uint32_t>("alignment"); // 0: leave general.alignment out (default 32)
    QTest::newRow("default alignment") << 0u;
    QTest::newRow("alignment 32 written") << 32u;
    QTest::newRow("alignment 64") << 64u;
    QTest::newRow("alignment 1") << 1u;
    QTest::newRow("alignment 4096") << 4096u;
}

void TestGguf::roundTripIsIdentical()
{
    QFETCH(uint32_t, alignment);
    qInfo("seed %u", kSeed);
    const moe::GgufWriter writer = everythingWriter(alignment);
    const std::vector<std::byte> bytes = writer.toBytes();
    const moe::GgufFile file = moe::GgufFile::parse(asSpan(bytes), "roundtrip.gguf");

    QCOMPARE(file.version(), 3u);
    QCOMPARE(file.alignment(), alignment == 0 ? 32u : alignment);
    QCOMPARE(file.source(), std::string("roundtrip.gguf"));
    QCOMPARE(file.fileSize(), uint64_t(bytes.size()));
    QVERIFY(file.metadata() == writer.metadata());
    QCOMPARE(file.metadata().entries().size(), writer.metadata().entries().size());
    for (size_t i = 0; i < file.metadata().entries().size(); ++i) // same order, not only same set
        QCOMPARE(file.metadata().entries()[i].first, writer.metadata().entries()[i].first);

    // The data read back is the data written, tensor by tensor.
    std::mt19937 rng(kSeed);
    QCOMPARE(file.tensors().size(), tensorSpecs().size());
    for (size_t i = 0; i < tensorSpecs().size(); ++i) {
        const TensorSpec& spec = tensorSpecs()[i];
        const moe::GgufTensorInfo& info = file.tensors()[i];
        QCOMPARE(info.name, spec.name);
        QVERIFY(info.ne == spec.ne);
        QCOMPARE(info.type, spec.type);
        QCOMPARE(info.byteSize, *moe::tensorBytes(spec.type, spec.ne));
        QCOMPARE(file.findTensor(spec.name), &info);
        const std::vector<std::byte> expected = randomBytes(rng, info.byteSize);
        const auto data = file.tensorData(info);
        QVERIFY(std::equal(data.begin(), data.end(), expected.begin(), expected.end()));
    }
    QVERIFY(file.findTensor("absent") == nullptr);
    QCOMPARE(file.findTensor("zero.rows")->elementCount(), int64_t(0));
    QCOMPARE(file.findTensor("bf16.tensor")->elementCount(), int64_t(24));

    // A writer rebuilt from what was read writes the very same bytes.
    QVERIFY(rebuild(file).toBytes() == bytes);
    const moe::GgufFile owned = moe::GgufFile::parseOwned(bytes);
    QVERIFY(owned.metadata() == file.metadata());
    compareTensors(owned, file);
}

void TestGguf::layoutIsPackedAndZeroPadded()
{
    const std::vector<std::byte> bytes = everythingWriter(64).toBytes();
    const moe::GgufFile file = moe::GgufFile::parse(asSpan(bytes));
    QCOMPARE(file.dataOffset() % 64, uint64_t(0));
    uint64_t expected = 0;
    uint64_t end = file.dataOffset();
    for (const moe::GgufTensorInfo& info : file.tensors()) {
        QCOMPARE(info.offset, expected);
        const uint64_t start = file.dataOffset() + info.offset;
        for (uint64_t i = end; i < start; ++i) // padding before this tensor is zeros
            QCOMPARE(bytes[i], std::byte{0});
        end = start + info.byteSize;
        expected += (info.byteSize + 63) / 64 * 64;
    }
    QCOMPARE(uint64_t(bytes.size()), file.dataOffset() + expected); // the last tensor is padded too
    for (uint64_t i = end; i < bytes.size(); ++i)
        QCOMPARE(bytes[i], std::byte{0});
}

void TestGguf::versionTwoIsAccepted()
{
    std::vector<std::byte> bytes = everythingWriter(0).toBytes();
    bytes[4] = std::byte{2}; // v2 differs from v3 only in allowing big-endian files, which moe refuses
    const moe::GgufFile file = moe::GgufFile::parse(asSpan(bytes));
    QCOMPARE(file.version(), 2u);
    QCOMPARE(file.tensors().size(), tensorSpecs().size());
}

void TestGguf::missingTrailingPaddingIsAccepted()
{
    // llama.cpp's loader only needs each tensor's bytes inside the file, not the last one's padding.
    moe::GgufWriter writer;
    writer.addTensor("w", TensorType::F32, {3}, std::vector<std::byte>(12, std::byte{7}));
    std::vector<std::byte> bytes = writer.toBytes();
    bytes.resize(bytes.size() - 20);
    const moe::GgufFile file = moe::GgufFile::parse(asSpan(bytes));
    QCOMPARE(file.tensorData(file.tensors()[0]).size(), size_t(12));
    bytes.pop_back(); // one byte less is inside the data
    const QString error = formatErrorOf([&] { moe::GgufFile::parse(asSpan(bytes)); });
    QVERIFY2(error.contains("tensor 'w'"), qPrintable(error));
}

enum class Getter { U32, F32, Bool, String, StringArray, I32Array, F32Array, PerLayer };

void TestGguf::typedGettersAreExact_data()
{
    QTest::addColumn<int>("getter");
    QTest::addColumn<GgufValue>("stored"); // the value stored under llama.block_count
    QTest::addColumn<QString>("message");  // monostate-free: "" means the getter must succeed

    const auto row = [](const char* name, Getter getter, GgufValue value, const char* message) {
        QTest::newRow(name) << int(getter) << value << QString(message);
    };
    row("u32 ok", Getter::U32, GgufScalar(uint32_t{4}), "");
    row("u64 for u32", Getter::U32, GgufScalar(uint64_t{4}),
        "key 'llama.block_count' has type u64, expected u32");
    row("i32 for u32", Getter::U32, GgufScalar(int32_t{4}), "has type i32, expected u32");
    row("u16 for u32", Getter::U32, GgufScalar(uint16_t{4}), "has type u16, expected u32");
    row("array for u32", Getter::U32, arrayOf(GgufValueType::UInt32, {uint32_t{4}}),
        "has type array of u32, expected u32");
    row("f32 ok", Getter::F32, GgufScalar(1e-5f), "");
    row("f64 for f32", Getter::F32, GgufScalar(1e-5), "has type f64, expected f32");
    row("bool ok", Getter::Bool, GgufScalar(true), "");
    row("u8 for bool", Getter::Bool, GgufScalar(uint8_t{1}), "has type u8, expected bool");
    row("string ok", Getter::String, GgufScalar(std::string("gpt2")), "");
    row("string array for string", Getter::String, arrayOf(GgufValueType::String, {}),
        "has type array of string, expected string");
    row("string array ok", Getter::StringArray, arrayOf(GgufValueType::String, {std::string("a")}), "");
    row("string for string array", Getter::StringArray, GgufScalar(std::string("a")),
        "has type string, expected array of string");
    row("i32 array ok", Getter::I32Array, arrayOf(GgufValueType::Int32, {int32_t{1}}), "");
    row("u32 array for i32 array", Getter::I32Array, arrayOf(GgufValueType::UInt32, {uint32_t{1}}),
        "has type array of u32, expected array of i32");
    row("f32 array ok", Getter::F32Array, arrayOf(GgufValueType::Float32, {1.0f}), "");
    row("f64 array for f32 array", Getter::F32Array, arrayOf(GgufValueType::Float64, {1.0}),
        "has type array of f64, expected array of f32");
    row("u64 per layer", Getter::PerLayer, GgufScalar(uint64_t{4}),
        "has type u64, expected u32 or an array of u32/i32");
    row("u64 array per layer", Getter::PerLayer, arrayOf(GgufValueType::UInt64, {uint64_t{1}, uint64_t{2}}),
        "has type array of u64, expected u32 or an array of u32/i32");
}

void TestGguf::typedGettersAreExact()
{
    QFETCH(int, getter);
    QFETCH(GgufValue, stored);
    QFETCH(QString, message);
    moe::GgufMetadata m("model.gguf");
    m.add("llama.block_count", stored);
    const auto call = [&] {
        const std::string_view key = "llama.block_count";
        switch (Getter(getter)) {
        case Getter::U32:
            return m.getU32(key) == 4;
        case Getter::F32:
            return m.getF32(key) == 1e-5f;
        case Getter::Bool:
            return m.getBool(key);
        case Getter::String:
            return m.getString(key) == "gpt2";
        case Getter::StringArray:
            return m.getStringArray(key) == std::vector<std::string>{"a"};
        case Getter::I32Array:
            return m.getI32Array(key) == std::vector<int32_t>{1};
        case Getter::F32Array:
            return m.getF32Array(key) == std::vector<float>{1.0f};
        case Getter::PerLayer:
            return m.getU32PerLayer(key, 2).size() == 2;
        }
        return false;
    };
    if (message.isEmpty()) {
        QVERIFY(call());
        return;
    }
    const QString error = formatErrorOf(call);
    QVERIFY2(error.startsWith("model.gguf: "), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestGguf::findGettersReturnNulloptOnlyWhenAbsent()
{
    moe::GgufMetadata m("m.gguf");
    m.add("a.u32", GgufScalar(uint32_t{7}));
    m.add("a.u64", GgufScalar(uint64_t{7}));
    QCOMPARE(m.findU32("a.u32"), std::optional<uint32_t>(7));
    QVERIFY(!m.findU32("absent"));
    QVERIFY(!m.findF32("absent"));
    QVERIFY(!m.findBool("absent"));
    QVERIFY(!m.findString("absent"));
    QVERIFY(formatErrorOf([&] { m.findU32("a.u64"); }).contains("key 'a.u64' has type u64, expected u32"));
    QVERIFY(formatErrorOf([&] { m.findString("a.u32"); }).contains("has type u32, expected string"));
    const QString missing = formatErrorOf([&] { m.getU32("llama.block_count"); });
    QVERIFY2(missing.contains("key 'llama.block_count' is missing"), qPrintable(missing));
    QVERIFY(formatErrorOf([&] { m.getStringArray("tokens"); }).contains("'tokens' is missing"));
    QVERIFY(m.contains("a.u32"));
    QVERIFY(!m.contains("a.u3"));
}

void TestGguf::perLayerKeys()
{
    moe::GgufMetadata m("m.gguf");
    m.add("scalar", GgufScalar(uint32_t{64}));
    m.add("u32s", arrayOf(GgufValueType::UInt32, {uint32_t{1}, uint32_t{2}, uint32_t{3}}));
    m.add("i32s", arrayOf(GgufValueType::Int32, {int32_t{4}, int32_t{5}, int32_t{6}}));
    m.add("negative", arrayOf(GgufValueType::Int32, {int32_t{4}, int32_t{-5}, int32_t{6}}));
    m.add("f32s", arrayOf(GgufValueType::Float32, {1.0f, 2.0f, 3.0f}));
    QVERIFY((m.getU32PerLayer("scalar", 3) == std::vector<uint32_t>{64, 64, 64}));
    QVERIFY((m.getU32PerLayer("u32s", 3) == std::vector<uint32_t>{1, 2, 3}));
    QVERIFY((m.getU32PerLayer("i32s", 3) == std::vector<uint32_t>{4, 5, 6}));
    QVERIFY(m.getU32PerLayer("scalar", 0).empty());
    const QString shortArray = formatErrorOf([&] { m.getU32PerLayer("u32s", 4); });
    QVERIFY2(shortArray.contains("key 'u32s' has 3 items, expected 4"), qPrintable(shortArray));
    QVERIFY(formatErrorOf([&] { m.getU32PerLayer("u32s", 2); }).contains("has 3 items, expected 2"));
    const QString negative = formatErrorOf([&] { m.getU32PerLayer("negative", 3); });
    QVERIFY2(negative.contains("key 'negative' item 1 is -5"), qPrintable(negative));
    QVERIFY(formatErrorOf([&] { m.getU32PerLayer("f32s", 3); }).contains("has type array of f32"));
    QVERIFY(formatErrorOf([&] { m.getU32PerLayer("absent", 3); }).contains("key 'absent' is missing"));
}

void TestGguf::metadataRefusesDuplicatesAndBadArrays()
{
    moe::GgufMetadata m;
    m.add("k", GgufScalar(uint32_t{1}));
    QVERIFY(
        invalidArgumentOf([&] { m.add("k", GgufScalar(uint32_t{2})); }).contains("duplicate GGUF key 'k'"));
    QVERIFY(invalidArgumentOf([&] {
                m.add("nested", arrayOf(GgufValueType::Array, {}));
            }).contains("arrays of arrays"));
    QVERIFY(invalidArgumentOf([&] {
                m.add("mixed", arrayOf(GgufValueType::UInt32, {uint32_t{1}, int32_t{2}}));
            }).contains("item 1 has type i32, the array holds u32"));
    QVERIFY(invalidArgumentOf([&] {
                m.add("bad", arrayOf(GgufValueType(13), {}));
            }).contains("unknown array element"));
    QCOMPARE(m.entries().size(), size_t(1));
    QCOMPARE(m.getU32("k"), 1u);
}

void TestGguf::setOrReplaceKeepsPosition()
{
    moe::GgufMetadata m;
    m.add("a", GgufScalar(uint32_t{1}));
    m.add("b", GgufScalar(uint32_t{2}));
    m.setOrReplace("a", GgufScalar(std::string("one")));
    m.setOrReplace("c", GgufScalar(uint32_t{3}));
    QCOMPARE(m.entries().size(), size_t(3));
    QCOMPARE(m.entries()[0].first, std::string("a"));
    QCOMPARE(m.getString("a"), std::string("one"));
    QCOMPARE(m.entries()[2].first, std::string("c"));
}

void TestGguf::writerRefusesBadTensors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("type");
    QTest::addColumn<QList<qint64>>("ne");
    QTest::addColumn<int>("dataBytes");
    QTest::addColumn<QString>("message");
    QTest::newRow("wrong data size") << "w" << 0 << QList<qint64>{4} << 15
                                     << "has 15 bytes of data, expected 16";
    QTest::newRow("empty name") << "" << 0 << QList<qint64>{4} << 16 << "non-empty name";
    QTest::newRow("64-byte name") << QString(64, 'n') << 0 << QList<qint64>{4} << 16 << "the limit is 63";
    QTest::newRow("duplicate") << "taken" << 0 << QList<qint64>{1} << 4 << "duplicate tensor 'taken'";
    QTest::newRow("no dims") << "w" << 0 << QList<qint64>{} << 0 << "0 dimensions";
    QTest::newRow("five dims") << "w" << 0 << QList<qint64>{1, 1, 1, 1, 1} << 4 << "5 dimensions";
    QTest::newRow("negative dim") << "w" << 0 << QList<qint64>{4, -1} << 0 << "invalid shape";
    QTest::newRow("q8_0 ne0 33") << "w" << 8 << QList<qint64>{33} << 34 << "invalid shape for Q8_0";
    QTest::newRow("overflow") << "w" << 0 << QList<qint64>{qint64(1) << 62, 4} << 0 << "invalid shape";
    // 2^62 F32 values once wrapped to a size of 0 bytes in tensorBytes().
    QTest::newRow("overflow in ne[0]") << "w" << 0 << QList<qint64>{qint64(1) << 62} << 0 << "invalid shape";
}

void TestGguf::writerRefusesBadTensors()
{
    QFETCH(QString, name);
    QFETCH(int, type);
    QFETCH(QList<qint64>, ne);
    QFETCH(int, dataBytes);
    QFETCH(QString, message);
    moe::GgufWriter writer;
    writer.addTensor("taken", TensorType::F32, {1}, std::vector<std::byte>(4));
    const QString error = invalidArgumentOf([&] {
        writer.addTensor(name.toStdString(), TensorType(type), std::vector<int64_t>(ne.begin(), ne.end()),
                         std::vector<std::byte>(size_t(dataBytes)));
    });
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestGguf::writerRefusesBadAlignment()
{
    moe::GgufWriter writer;
    QVERIFY(invalidArgumentOf([&] { writer.setAlignment(0); }).contains("power of two"));
    QVERIFY(invalidArgumentOf([&] { writer.setAlignment(48); }).contains("48"));
    QVERIFY(!writer.metadata().contains("general.alignment"));
    // A general.alignment set by hand must still be one a reader accepts.
    writer.metadata().add("general.alignment", GgufScalar(uint64_t{32}));
    QVERIFY(invalidArgumentOf([&] { writer.toBytes(); }).contains("general.alignment"));
}

void TestGguf::openMapsTheFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = QDir(dir.path()).filePath("model.gguf").toStdString();
    const moe::GgufWriter writer = everythingWriter(64);
    writer.writeFile(path);
    QVERIFY(!QFile::exists(QString::fromStdString(path + ".tmp")));
    const std::vector<std::byte> bytes = writer.toBytes();

    std::span<const std::byte> data;
    std::shared_ptr<const void> keepAlive;
    {
        const moe::GgufFile opened = moe::GgufFile::open(path);
        const moe::GgufFile parsed = moe::GgufFile::parse(asSpan(bytes));
        QCOMPARE(opened.source(), path);
        QCOMPARE(opened.fileSize(), uint64_t(bytes.size()));
        QCOMPARE(opened.alignment(), 64u);
        QVERIFY(opened.metadata() == parsed.metadata());
        compareTensors(opened, parsed);
        QVERIFY(opened.storage() != nullptr);
#ifdef __linux__
        // Mapped, not read: the file shows up in this process's memory map.
        std::ifstream maps("/proc/self/maps");
        const std::string all((std::istreambuf_iterator<char>(maps)), std::istreambuf_iterator<char>());
        QVERIFY2(all.find(path) != std::string::npos, "the model file is not memory-mapped");
#endif
        const moe::GgufFile copy = opened; // copies share the mapping
        QCOMPARE(copy.storage(), opened.storage());
        data = opened.tensorData(*opened.findTensor("q8_0.matrix"));
        keepAlive = opened.storage();
    }
    // The spans stay valid while the storage is held, after every GgufFile is gone.
    const moe::GgufFile parsed = moe::GgufFile::parse(asSpan(bytes));
    const auto expected = parsed.tensorData(*parsed.findTensor("q8_0.matrix"));
    QVERIFY(std::equal(data.begin(), data.end(), expected.begin(), expected.end()));
}

void TestGguf::openRefusesMissingAndOddFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string missing = QDir(dir.path()).filePath("missing.gguf").toStdString();
    const QString error = formatErrorOf([&] { moe::GgufFile::open(missing); });
    QVERIFY2(error.startsWith(QString::fromStdString(missing) + ": cannot open"), qPrintable(error));
    QVERIFY2(error.contains("No such file"), qPrintable(error));

    const QString directory = formatErrorOf([&] { moe::GgufFile::open(dir.path().toStdString()); });
    QVERIFY2(directory.contains("not a regular file"), qPrintable(directory));

    const std::string empty = QDir(dir.path()).filePath("empty.gguf").toStdString();
    std::ofstream(empty).close();
    const QString emptyError = formatErrorOf([&] { moe::GgufFile::open(empty); });
    QVERIFY2(emptyError.contains("truncated at offset 0 while reading the magic"), qPrintable(emptyError));

    const std::string text = QDir(dir.path()).filePath("notes.txt").toStdString();
    std::ofstream(text) << "not a model at all\n";
    QVERIFY(formatErrorOf([&] { moe::GgufFile::open(text); }).contains("bad magic 'not '"));
}

void TestGguf::writeFileReplacesAtomically()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = QDir(dir.path()).filePath("model.gguf").toStdString();
    std::ofstream(path) << "an older file";
    moe::GgufWriter writer;
    writer.metadata().add("general.name", GgufScalar(std::string("new")));
    writer.writeFile(path);
    QCOMPARE(moe::GgufFile::open(path).metadata().getString("general.name"), std::string("new"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"model.gguf"});
}

void TestGguf::writeFileFailsClearly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = QDir(dir.path()).filePath("no/such/dir/model.gguf").toStdString();
    const QString error = formatErrorOf([&] { moe::GgufWriter().writeFile(path); });
    QVERIFY2(error.startsWith(QString::fromStdString(path) + ": cannot create"), qPrintable(error));
    QVERIFY2(error.contains("No such file"), qPrintable(error));

    // The target is a directory: writing the temp file works, the rename must fail and clean up.
    const std::string target = QDir(dir.path()).filePath("taken").toStdString();
    QVERIFY(QDir(dir.path()).mkpath("taken/inside"));
    const QString renameError = formatErrorOf([&] { moe::GgufWriter().writeFile(target); });
    QVERIFY2(renameError.contains("cannot rename"), qPrintable(renameError));
    QVERIFY(!QFile::exists(QString::fromStdString(target + ".tmp")));
}

void TestGguf::streamedTensorsGiveTheSameFile()
{
    // Every tensor of everythingWriter declared by layout and produced by a source on demand.
    const moe::GgufWriter held = everythingWriter(64);
    const std::vector<std::byte> want = held.toBytes();
    const moe::GgufFile reference = moe::GgufFile::parse(asSpan(want));
    moe::GgufWriter streamed;
    streamed.metadata() = held.metadata();
    for (const moe::GgufTensorInfo& t : reference.tensors())
        streamed.addTensorLayout(t.name, t.type, t.ne);
    QVERIFY_THROWS_EXCEPTION(std::logic_error, streamed.toBytes()); // no data to hold yet

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = QDir(dir.path()).filePath("streamed.gguf").toStdString();
    std::vector<size_t> asked;
    streamed.writeFile(path, [&](size_t i, const moe::GgufTensorInfo& info) {
        asked.push_back(i);
        const auto data = reference.tensorData(*reference.findTensor(info.name));
        return std::vector<std::byte>(data.begin(), data.end());
    });
    QCOMPARE(asked.size(), reference.tensors().size());
    QVERIFY(std::is_sorted(asked.begin(), asked.end())); // in file order, once each
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    QCOMPARE(written.size(), want.size());
    QVERIFY(std::memcmp(written.data(), want.data(), want.size()) == 0);

    // A source giving the wrong size (or throwing) leaves neither the file nor the temporary.
    const std::string bad = QDir(dir.path()).filePath("bad.gguf").toStdString();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             streamed.writeFile(bad, [](size_t, const moe::GgufTensorInfo&) {
                                 return std::vector<std::byte>(3);
                             }));
    QVERIFY_THROWS_EXCEPTION(
        std::runtime_error,
        streamed.writeFile(bad, [](size_t, const moe::GgufTensorInfo&) -> std::vector<std::byte> {
            throw std::runtime_error("no");
        }));
    QVERIFY(!QFile::exists(QString::fromStdString(bad)));
    QVERIFY(!QFile::exists(QString::fromStdString(bad + ".tmp")));
}

QTEST_APPLESS_MAIN(TestGguf)
#include "test_gguf.moc"

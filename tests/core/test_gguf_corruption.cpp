// Damaged GGUF files are refused with a FormatError that names what is wrong and where: truncation at
// every byte, one row per kind of corruption, and every input the fuzzer ever crashed or hung on.
#include "moe/error.h"
#include "moe/gguf.h"

#include <QTest>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

using moe::GgufScalar;
using moe::TensorType;

namespace {

// Writes GGUF fields one by one, right or wrong, so each row can break exactly one thing.
class RawGguf {
public:
    RawGguf& bytes(const void* data, size_t n)
    {
        m_out.append(static_cast<const char*>(data), qsizetype(n));
        return *this;
    }
    RawGguf& u8(uint8_t v) { return bytes(&v, 1); }
    RawGguf& u32(uint32_t v) { return bytes(&v, 4); }
    RawGguf& u64(uint64_t v) { return bytes(&v, 8); }
    RawGguf& i64(int64_t v) { return bytes(&v, 8); }
    RawGguf& str(std::string_view s) { return u64(s.size()).bytes(s.data(), s.size()); }
    RawGguf& header(uint64_t nTensors, uint64_t nKv, uint32_t version = 3)
    {
        return bytes("GGUF", 4).u32(version).u64(nTensors).u64(nKv);
    }
    RawGguf& kvString(std::string_view key, std::string_view value) { return str(key).u32(8).str(value); }
    RawGguf& kvU32(std::string_view key, uint32_t value) { return str(key).u32(4).u32(value); }
    RawGguf& tensorInfo(std::string_view name, std::vector<int64_t> ne, uint32_t type, uint64_t offset)
    {
        str(name).u32(uint32_t(ne.size()));
        for (int64_t n : ne)
            i64(n);
        return u32(type).u64(offset);
    }
    RawGguf& padTo(int alignment)
    {
        while (m_out.size() % alignment != 0)
            m_out.append('\0');
        return *this;
    }
    RawGguf& zeros(int n)
    {
        m_out.append(QByteArray(n, '\0'));
        return *this;
    }
    qsizetype size() const { return m_out.size(); }
    QByteArray done() const { return m_out; }

private:
    QByteArray m_out;
};

// A small valid file built by hand: one string key and one F32 tensor "w" of 8 values.
QByteArray validRaw()
{
    return RawGguf()
        .header(1, 1)
        .kvString("general.name", "tiny")
        .tensorInfo("w", {8}, 0, 0)
        .padTo(32)
        .zeros(32)
        .done();
}

std::span<const std::byte> asSpan(const QByteArray& bytes)
{
    return std::as_bytes(std::span(bytes.constData(), size_t(bytes.size())));
}

template <typename F> QString formatErrorOf(F&& f)
{
    try {
        f();
    } catch (const moe::FormatError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString parseError(const QByteArray& bytes, const char* source = "bad.gguf")
{
    return formatErrorOf([&] { moe::GgufFile::parse(asSpan(bytes), source); });
}

// A writer-made file with keys of several kinds and three tensors; the last tensor's size is a
// multiple of 32, so the file has no trailing padding and every shorter prefix is damaged.
std::vector<std::byte> sampleFile()
{
    moe::GgufWriter writer;
    auto& m = writer.metadata();
    m.add("general.architecture", GgufScalar(std::string("llama")));
    m.add("general.name", GgufScalar(std::string("sample model")));
    m.add("llama.block_count", GgufScalar(uint32_t{2}));
    m.add("tokenizer.ggml.add_bos_token", GgufScalar(true));
    m.add("tokenizer.ggml.tokens",
          moe::GgufArray{moe::GgufValueType::String,
                         {std::string("a"), std::string(""), std::string("\xc4\xa0")}});
    m.add("tokenizer.ggml.token_type",
          moe::GgufArray{moe::GgufValueType::Int32, {int32_t{1}, int32_t{3}, int32_t{1}}});
    std::vector<std::byte> f32(5 * 4), q8(2 * 34), last(16 * 4);
    for (size_t i = 0; i < f32.size(); ++i)
        f32[i] = std::byte(i * 7 + 1);
    for (size_t i = 0; i < q8.size(); ++i)
        q8[i] = std::byte(i * 3 + 2);
    writer.addTensor("blk.0.attn_norm.weight", TensorType::F32, {5}, f32);
    writer.addTensor("blk.0.ffn_up.weight", TensorType::Q8_0, {32, 2}, q8);
    writer.addTensor("output.weight", TensorType::F32, {4, 4}, last);
    return writer.toBytes();
}

} // namespace

class TestGgufCorruption : public QObject {
    Q_OBJECT

private slots:
    void validRawFileParses();
    void truncatedAtEveryByteIsRefused();
    void truncationNamesWhatWasRead_data();
    void truncationNamesWhatWasRead();
    void corruptFileIsRefused_data();
    void corruptFileIsRefused();
    void fuzzRegressions_data();
    void fuzzRegressions();
};

void TestGgufCorruption::validRawFileParses()
{
    // The base every corruption row below breaks in exactly one place.
    const QByteArray raw = validRaw();
    const moe::GgufFile file = moe::GgufFile::parse(asSpan(raw));
    QCOMPARE(file.metadata().getString("general.name"), std::string("tiny"));
    QCOMPARE(file.tensors().size(), size_t(1));
    QCOMPARE(file.dataOffset(), uint64_t(96));
    QCOMPARE(file.tensorData(file.tensors()[0]).size(), size_t(32));
}

void TestGgufCorruption::truncatedAtEveryByteIsRefused()
{
    const std::vector<std::byte> bytes = sampleFile();
    QVERIFY(moe::GgufFile::parse(bytes).tensors().size() == 3);
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
        // Parse from a heap copy of exactly `cut` bytes so ASan flags any read past the end.
        const std::vector<std::byte> prefix(bytes.begin(), bytes.begin() + std::ptrdiff_t(cut));
        const QString error = formatErrorOf([&] { moe::GgufFile::parse(prefix, "cut.gguf"); });
        const QByteArray where = "cut at " + QByteArray::number(qulonglong(cut)) + ": " + error.toUtf8();
        QVERIFY2(!error.isEmpty(), where.constData());
        QVERIFY2(error.startsWith("cut.gguf: "), where.constData());
        QVERIFY2(error.contains("truncated"), where.constData());
        QVERIFY2(error.contains("offset"), where.constData());
    }
}

void TestGgufCorruption::truncationNamesWhatWasRead_data()
{
    const std::vector<std::byte> bytes = sampleFile();
    const moe::GgufFile file = moe::GgufFile::parse(bytes);
    const auto dataOf = [&](const char* name) { return file.dataOffset() + file.findTensor(name)->offset; };
    // Where a field lies in the file, found by its bytes (each needle is unique in the sample).
    const auto find = [&](std::string_view needle) {
        const auto* begin = reinterpret_cast<const char*>(bytes.data());
        return uint64_t(std::string_view(begin, bytes.size()).find(needle));
    };

    QTest::addColumn<qulonglong>("cut");
    QTest::addColumn<QString>("expected");
    QTest::newRow("in the magic") << 2ull << "truncated at offset 0 while reading the magic";
    QTest::newRow("in the version") << 6ull << "truncated at offset 4 while reading the version";
    QTest::newRow("in n_kv") << 20ull << "n_kv";
    QTest::newRow("in a key's length")
        << qulonglong(find("tokenizer.ggml.token_type") - 4) << "the length of the key of key/value #5";
    QTest::newRow("in a string value") << qulonglong(find("sample") + 2) << "key 'general.name'";
    QTest::newRow("in a string array item")
        << qulonglong(find("\xc4\xa0") + 1) << "item 2 of key 'tokenizer.ggml.tokens'";
    // (Cuts in the first infos are caught earlier: n_tensors infos no longer fit in the bytes left.)
    QTest::newRow("in a tensor name") << qulonglong(find("output.weight") + 3) << "the name of tensor #2";
    QTest::newRow("in a tensor's dims")
        << qulonglong(find("output.weight") + 13 + 4 + 8 + 3) << "ne[1] of tensor 'output.weight'";
    QTest::newRow("in the tensor infos, count check")
        << qulonglong(find("blk.0.ffn_up") + 3) << "n_tensors is 3, but the";
    QTest::newRow("in the padding") << qulonglong(file.dataOffset() - 1) << "data section starts at offset";
    QTest::newRow("in the first tensor's data")
        << qulonglong(dataOf("blk.0.attn_norm.weight") + 3) << "tensor 'blk.0.attn_norm.weight' data";
    QTest::newRow("in the second tensor's padding")
        << qulonglong(dataOf("output.weight") - 1) << "tensor 'output.weight' data (64 bytes at file offset";
    QTest::newRow("one byte short") << qulonglong(bytes.size() - 1) << "tensor 'output.weight'";
}

void TestGgufCorruption::truncationNamesWhatWasRead()
{
    QFETCH(qulonglong, cut);
    QFETCH(QString, expected);
    const std::vector<std::byte> bytes = sampleFile();
    QVERIFY(cut < bytes.size());
    const std::vector<std::byte> prefix(bytes.begin(), bytes.begin() + std::ptrdiff_t(cut));
    const QString error = formatErrorOf([&] { moe::GgufFile::parse(prefix, "cut.gguf"); });
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestGgufCorruption::corruptFileIsRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected"); // every fragment must appear in the message

    constexpr uint64_t kHuge = uint64_t(1) << 61;
    const auto tensorFile = [](std::vector<int64_t> ne, uint32_t type, uint64_t offset = 0,
                               int dataBytes = 32) {
        return RawGguf()
            .header(1, 0)
            .tensorInfo("w", std::move(ne), type, offset)
            .padTo(32)
            .zeros(dataBytes)
            .done();
    };

    // Header.
    QByteArray magic = validRaw();
    magic[3] = 'X';
    QTest::newRow("bad magic") << magic << QStringList{"bad.gguf: ", "bad magic 'GGUX'", "expected 'GGUF'"};
    QTest::newRow("version 1") << RawGguf().header(0, 0, 1).done()
                               << QStringList{"version 1 is no longer supported"};
    QTest::newRow("version 4") << RawGguf().header(0, 0, 4).done()
                               << QStringList{"version 4", "expected 2 or 3"};
    QTest::newRow("version 0") << RawGguf().header(0, 0, 0).done() << QStringList{"version 0 at offset 4"};
    QTest::newRow("big-endian") << RawGguf().header(0, 0, 0x03000000).done()
                                << QStringList{"version 50331648", "big-endian"};
    QTest::newRow("n_tensors negative")
        << RawGguf().header(uint64_t(-1), 0).done() << QStringList{"n_tensors at offset 8 is negative (-1)"};
    QTest::newRow("n_kv negative") << RawGguf().header(0, uint64_t(-2)).done()
                                   << QStringList{"n_kv at offset 16 is negative (-2)"};
    QTest::newRow("n_tensors huge") << RawGguf().header(kHuge, 0).zeros(64).done()
                                    << QStringList{"n_tensors is 2305843009213693952",
                                                   "64 bytes left after offset 24 cannot hold that many"};
    QTest::newRow("n_kv huge") << RawGguf().header(0, kHuge).zeros(64).done()
                               << QStringList{"n_kv is 2305843009213693952"};

    // Key/values.
    QTest::newRow("key length huge") << RawGguf().header(0, 1).u64(kHuge).zeros(40).done()
                                     << QStringList{"truncated at offset 32", "the key of key/value #0",
                                                    "need 2305843009213693952 bytes"};
    QTest::newRow("string length huge")
        << RawGguf().header(0, 1).str("general.name").u32(8).u64(~0ull).done()
        << QStringList{"key 'general.name'", "need 18446744073709551615 bytes"};
    QTest::newRow("array count huge")
        << RawGguf().header(0, 1).str("tokenizer.ggml.token_type").u32(9).u32(5).u64(kHuge).zeros(16).done()
        << QStringList{"item count of key 'tokenizer.ggml.token_type' (at offset 65)",
                       "is 2305843009213693952"};
    QTest::newRow("string array count huge")
        << RawGguf().header(0, 1).str("tokenizer.ggml.tokens").u32(9).u32(8).u64(3).u64(1).u8('a').done()
        << QStringList{"item count of key 'tokenizer.ggml.tokens'", "is 3", "(at least 8 bytes each)"};
    QTest::newRow("string item length huge")
        << RawGguf()
               .header(0, 1)
               .str("tokenizer.ggml.tokens")
               .u32(9)
               .u32(8)
               .u64(2)
               .str("a")
               .u64(kHuge)
               .zeros(8)
               .done()
        << QStringList{"item 1 of key 'tokenizer.ggml.tokens'", "truncated at offset 86"};
    QTest::newRow("unknown value type")
        << RawGguf().header(0, 1).str("general.name").u32(13).u32(0).done()
        << QStringList{"key 'general.name' has unknown value type 13 at offset 44"};
    QTest::newRow("unknown element type")
        << RawGguf().header(0, 1).str("a.b").u32(9).u32(99).u64(0).done()
        << QStringList{"key 'a.b' has unknown array element type 99 at offset 39"};
    QTest::newRow("array of arrays") << RawGguf().header(0, 1).str("a.b").u32(9).u32(9).u64(0).done()
                                     << QStringList{"key 'a.b' is an array of arrays (offset 39)"};
    QTest::newRow("bool byte 2") << RawGguf().header(0, 1).str("general.flag").u32(7).u8(2).padTo(32).done()
                                 << QStringList{"key 'general.flag' is a bool stored as byte 2 at offset 48",
                                                "expected 0 or 1"};
    QTest::newRow("bool array item byte 255")
        << RawGguf().header(0, 1).str("f").u32(9).u32(7).u64(3).u8(1).u8(0).u8(255).padTo(32).done()
        << QStringList{"item 2 of key 'f' is a bool stored as byte 255 at offset 51"};
    QTest::newRow("duplicate key") << RawGguf().header(0, 2).kvU32("a.n", 1).kvU32("a.n", 2).padTo(32).done()
                                   << QStringList{"duplicate key 'a.n' at offset 43"};
    QTest::newRow("key with control bytes")
        << RawGguf().header(0, 1).str(std::string_view("a\n\0", 3)).u32(77).done()
        << QStringList{"key 'a\\x0a\\x00' has unknown value type 77"};

    // general.alignment.
    QTest::newRow("alignment u64")
        << RawGguf().header(0, 1).str("general.alignment").u32(10).u64(32).padTo(32).done()
        << QStringList{"key 'general.alignment' at offset 49 has type u64, expected u32"};
    QTest::newRow("alignment array")
        << RawGguf().header(0, 1).str("general.alignment").u32(9).u32(4).u64(1).u32(32).padTo(32).done()
        << QStringList{"key 'general.alignment'", "type array, expected u32"};
    QTest::newRow("alignment zero") << RawGguf().header(0, 1).kvU32("general.alignment", 0).done()
                                    << QStringList{"key 'general.alignment' is 0 (offset 53)",
                                                   "non-zero power of two"};
    QTest::newRow("alignment 48") << RawGguf().header(0, 1).kvU32("general.alignment", 48).padTo(64).done()
                                  << QStringList{"key 'general.alignment' is 48", "power of two"};

    // Tensor infos.
    QTest::newRow("empty tensor name")
        << RawGguf().header(1, 0).tensorInfo("", {8}, 0, 0).padTo(32).zeros(32).done()
        << QStringList{"tensor #0 at offset 24 has an empty name"};
    QTest::newRow("64-byte tensor name")
        << RawGguf().header(1, 0).tensorInfo(std::string(64, 'n'), {8}, 0, 0).padTo(32).zeros(32).done()
        << QStringList{"tensor #0 at offset 24 has a name of 64 bytes", "the limit is 63"};
    QTest::newRow("duplicate tensor") << RawGguf()
                                             .header(2, 0)
                                             .tensorInfo("w", {8}, 0, 0)
                                             .tensorInfo("w", {8}, 0, 32)
                                             .padTo(32)
                                             .zeros(64)
                                             .done()
                                      << QStringList{"duplicate tensor 'w' at offset 57 (also tensor #0)"};
    QTest::newRow("n_dims 0") << RawGguf().header(1, 0).str("w").u32(0).u32(0).u64(0).padTo(32).done()
                              << QStringList{"tensor 'w' has n_dims 0 (offset 33)", "expected 1 to 4"};
    QTest::newRow("n_dims 5") << tensorFile({1, 1, 1, 1, 8}, 0) << QStringList{"tensor 'w' has n_dims 5"};
    QTest::newRow("negative dim") << tensorFile({8, -2}, 0)
                                  << QStringList{"tensor 'w' has ne[1] = -2 (offset 45)"};
    QTest::newRow("element count overflow")
        << tensorFile({int64_t(1) << 32, int64_t(1) << 31}, 0)
        << QStringList{"tensor 'w' has ne[1] = 2147483648", "overflows int64"};
    QTest::newRow("byte size overflow")
        << tensorFile({int64_t(1) << 62}, 0)
        << QStringList{"tensor 'w' of type F32 has a byte size that overflows"};
    QTest::newRow("byte size overflow in ne[1]") << tensorFile({int64_t(1) << 31, int64_t(1) << 31}, 1)
                                                 << QStringList{"tensor 'w' of type F16", "overflows"};
    QTest::newRow("unknown type id") << tensorFile({8}, 77)
                                     << QStringList{"tensor 'w' has type unknown id 77 at offset 45"};
    QTest::newRow("unsupported type IQ2_XXS")
        << tensorFile({256}, 16)
        << QStringList{"tensor 'w' has type IQ2_XXS (id 16), which moe does not read"};
    QTest::newRow("removed type id 4")
        << tensorFile({32}, 4) << QStringList{"tensor 'w' has type unknown id 4"};
    QTest::newRow("q8_0 ne[0] 33") << tensorFile({33}, 8)
                                   << QStringList{"tensor 'w' has ne[0] = 33", "Q8_0 block size 32"};

    // Data section.
    QTest::newRow("offset not aligned")
        << tensorFile({8}, 0, 4) << QStringList{"tensor 'w' has offset 4 (at offset 49)", "alignment 32"};
    QTest::newRow("offset not aligned to general.alignment")
        << RawGguf()
               .header(1, 1)
               .kvU32("general.alignment", 64)
               .tensorInfo("w", {8}, 0, 32)
               .padTo(64)
               .zeros(96)
               .done()
        << QStringList{"tensor 'w' has offset 32", "alignment 64"};
    QTest::newRow("gap between tensors") << RawGguf()
                                                .header(2, 0)
                                                .tensorInfo("a", {8}, 0, 0)
                                                .tensorInfo("b", {8}, 0, 64)
                                                .padTo(32)
                                                .zeros(96)
                                                .done()
                                         << QStringList{"tensor 'b' has offset 64, expected 32"};
    QTest::newRow("tensors out of order") << RawGguf()
                                                 .header(2, 0)
                                                 .tensorInfo("a", {8}, 0, 32)
                                                 .tensorInfo("b", {8}, 0, 0)
                                                 .padTo(32)
                                                 .zeros(64)
                                                 .done()
                                          << QStringList{"tensor 'a' has offset 32, expected 0"};
    QTest::newRow("huge aligned offset")
        << tensorFile({8}, 0, uint64_t(1) << 63)
        << QStringList{"tensor 'w' has offset 9223372036854775808, expected 0"};
    QTest::newRow("data outside the file")
        << tensorFile({int64_t(1) << 40}, 0)
        << QStringList{"tensor 'w' data (4398046511104 bytes at file offset 64)",
                       "outside the file of 96 bytes"};
    QTest::newRow("second tensor outside the file")
        << RawGguf()
               .header(2, 0)
               .tensorInfo("a", {8}, 0, 0)
               .tensorInfo("b", {int64_t(1) << 61}, 1, 32)
               .padTo(32)
               .zeros(32)
               .done()
        << QStringList{"tensor 'b' data (4611686018427387904 bytes at file offset 128)"};
    QTest::newRow("data section beyond the file")
        << RawGguf().header(1, 0).tensorInfo("w", {8}, 0, 0).done()
        << QStringList{"data section starts at offset 64", "tensor infos end at 57",
                       "past the end of the file (57 bytes)"};
    QTest::newRow("no tensors, unpadded")
        << RawGguf().header(0, 1).kvU32("a", 1).done() << QStringList{"data section starts at offset 64"};
}

void TestGgufCorruption::corruptFileIsRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    const QString error = parseError(bytes);
    QVERIFY2(!error.isEmpty(), "a corrupt file was accepted");
    for (const QString& fragment : expected)
        QVERIFY2(error.contains(fragment), qPrintable("missing '" + fragment + "' in: " + error));
}

void TestGgufCorruption::fuzzRegressions_data()
{
    // Inputs from tests/fuzz/fuzz_gguf_reader (hex, minimised with -minimize_crash=1), each with a
    // fragment its error must contain. Add every crash, hang or out-of-memory input here.
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<QString>("expected");
    // Found in 2 s by a reader built without the tensor-in-file check (a deliberate mutation, to
    // prove the harness): a 3.2 GB tensor in a 64-byte file, named by three NUL bytes.
    QTest::newRow("tensor past the end, NUL name")
        << QByteArray("47475546030000000100000000000000000000000000000003000000000000000000000100000000000030"
                      "000000000000000000000000000000000000000000")
        << "tensor '\\x00\\x00\\x00' data (3221225472 bytes at file offset 64) lies outside the file of 64 "
           "bytes";
}

void TestGgufCorruption::fuzzRegressions()
{
    QFETCH(QByteArray, hex);
    QFETCH(QString, expected);
    const QByteArray bytes = QByteArray::fromHex(hex);
    QCOMPARE(bytes.size() * 2, hex.size()); // the hex itself is intact
    const QString error = parseError(bytes, "fuzz.gguf");
    QVERIFY2(error.contains(expected), qPrintable(error));
}

QTEST_APPLESS_MAIN(TestGgufCorruption)
#include "test_gguf_corruption.moc"

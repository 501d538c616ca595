// Parses GGUF v2/v3 from memory, validating as strictly as llama.cpp's gguf.cpp and model loader
// (and more: bool bytes, every count against the bytes left). Tensor data is never copied.
#include "byte_reader.h"
#include "moe/error.h"
#include "moe/gguf.h"

#include <array>
#include <limits>
#include <string>

namespace moe {

namespace gguf_detail {

std::string quoted(std::string_view text)
{
    constexpr size_t kMaxShown = 80;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f || c == '\\') {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (text.size() > kMaxShown)
        out += "... (" + std::to_string(text.size()) + " bytes)";
    return out;
}

} // namespace gguf_detail

namespace {

using gguf_detail::ByteReader;
using gguf_detail::quoted;

constexpr uint32_t kDefaultAlignment = 32;
constexpr uint32_t kMaxDims = 4;            // GGML_MAX_DIMS
constexpr uint64_t kMaxNameBytes = 63;      // llama.cpp requires strlen(name) < GGML_MAX_NAME (64)
constexpr uint64_t kMinKvBytes = 8 + 4 + 1; // empty key, type id, a u8 value
constexpr uint64_t kMinTensorInfoBytes = 8 + 1 + 4 + 8 + 4 + 8; // 1-byte name, 1 dim, type, offset

std::string str(uint64_t v)
{
    return std::to_string(v);
}

// ggml's type names by id, only to say what an unsupported tensor type is.
std::string ggmlTypeDescription(uint32_t id)
{
    static constexpr std::array<const char*, 40> kNames = {
        "F32",    "F16",   "Q4_0",  "Q4_1",   nullptr, nullptr, "Q5_0",    "Q5_1",   "Q8_0",    "Q8_1",
        "Q2_K",   "Q3_K",  "Q4_K",  "Q5_K",   "Q6_K",  "Q8_K",  "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S",
        "IQ4_NL", "IQ3_S", "IQ2_S", "IQ4_XS", "I8",    "I16",   "I32",     "I64",    "F64",     "IQ1_M",
        "BF16",   nullptr, nullptr, nullptr,  "TQ1_0", "TQ2_0", nullptr,   nullptr,  nullptr,   "MXFP4"};
    if (id < kNames.size() && kNames[id] != nullptr)
        return std::string(kNames[id]) + " (id " + str(id) + "), which moe does not read";
    return "unknown id " + str(id);
}

bool isValueType(uint32_t id)
{
    return id <= static_cast<uint32_t>(GgufValueType::Float64);
}

// The fewest bytes one value of the type takes, to bound array counts before allocating.
uint64_t minValueBytes(GgufValueType type)
{
    switch (type) {
    case GgufValueType::UInt8:
    case GgufValueType::Int8:
    case GgufValueType::Bool:
        return 1;
    case GgufValueType::UInt16:
    case GgufValueType::Int16:
        return 2;
    case GgufValueType::UInt32:
    case GgufValueType::Int32:
    case GgufValueType::Float32:
        return 4;
    case GgufValueType::String: // the u64 length alone
    case GgufValueType::UInt64:
    case GgufValueType::Int64:
    case GgufValueType::Float64:
        return 8;
    case GgufValueType::Array: // element type + count
        return 12;
    }
    return 1;
}

uint64_t alignUp(uint64_t value, uint32_t alignment)
{
    return (value + alignment - 1) / alignment * alignment;
}

class Parser {
public:
    Parser(std::span<const std::byte> bytes, const std::string& source)
        : m_in(bytes, source), m_metadata(source)
    {
    }

    struct Result {
        uint32_t version = 3;
        uint32_t alignment = kDefaultAlignment;
        uint64_t dataOffset = 0;
        GgufMetadata metadata;
        std::vector<GgufTensorInfo> tensors;
        std::map<std::string, size_t, std::less<>> tensorIndex;
    };

    Result parse()
    {
        readHeader();
        for (uint64_t i = 0; i < m_kvCount; ++i)
            readKeyValue(i);
        m_in.checkCount(m_tensorCount, kMinTensorInfoBytes, [] { return std::string("n_tensors"); });
        for (uint64_t i = 0; i < m_tensorCount; ++i)
            readTensorInfo(i);
        checkDataSection();
        return Result{m_version,
                      m_alignment,
                      m_dataOffset,
                      std::move(m_metadata),
                      std::move(m_tensors),
                      std::move(m_tensorIndex)};
    }

private:
    void readHeader()
    {
        const auto magic = m_in.read<std::array<char, 4>>([] { return std::string("the magic"); });
        if (magic != std::array<char, 4>{'G', 'G', 'U', 'F'})
            m_in.fail("bad magic '" + quoted(std::string_view(magic.data(), magic.size())) +
                      "' at offset 0, expected 'GGUF' (not a GGUF file)");

        m_version = m_in.read<uint32_t>([] { return std::string("the version"); });
        if (m_version == 1)
            m_in.fail("GGUF version 1 is no longer supported (llama.cpp dropped it too), expected 2 or 3");
        if (m_version == 0 || m_version > 3) {
            const bool bigEndian = (m_version & 0xffffu) == 0;
            m_in.fail("GGUF version " + str(m_version) + " at offset 4 is not supported, expected 2 or 3" +
                      (bigEndian ? " (this looks like a big-endian file, which moe does not read)" : ""));
        }

        m_tensorCount = readCount("n_tensors");
        m_kvCount = readCount("n_kv");
        m_in.checkCount(m_kvCount, kMinKvBytes, [] { return std::string("n_kv"); });
    }

    uint64_t readCount(const char* what)
    {
        const uint64_t at = m_in.offset();
        const auto count = m_in.read<int64_t>([&] { return std::string(what); });
        if (count < 0)
            m_in.fail(std::string(what) + " at offset " + str(at) + " is negative (" + std::to_string(count) +
                      ")");
        return static_cast<uint64_t>(count);
    }

    void readKeyValue(uint64_t index)
    {
        const uint64_t keyAt = m_in.offset();
        std::string key = m_in.readString([&] { return "the key of key/value #" + str(index); });
        const std::string name = "key '" + quoted(key) + "'";
        if (m_metadata.contains(key))
            m_in.fail("duplicate " + name + " at offset " + str(keyAt));

        const uint64_t typeAt = m_in.offset();
        const auto typeId = m_in.read<uint32_t>([&] { return "the value type of " + name; });
        if (!isValueType(typeId))
            m_in.fail(name + " has unknown value type " + str(typeId) + " at offset " + str(typeAt));

        GgufValue value;
        if (static_cast<GgufValueType>(typeId) == GgufValueType::Array)
            value = readArray(name);
        else
            value = readScalar(static_cast<GgufValueType>(typeId), [&] { return name; });

        if (key == "general.alignment")
            checkAlignment(value, name, typeAt);
        m_metadata.add(std::move(key), std::move(value));
    }

    GgufArray readArray(const std::string& name)
    {
        const uint64_t typeAt = m_in.offset();
        const auto elementId = m_in.read<uint32_t>([&] { return "the array element type of " + name; });
        if (elementId == static_cast<uint32_t>(GgufValueType::Array))
            m_in.fail(name + " is an array of arrays (offset " + str(typeAt) + "), which llama.cpp refuses");
        if (!isValueType(elementId))
            m_in.fail(name + " has unknown array element type " + str(elementId) + " at offset " +
                      str(typeAt));

        GgufArray array;
        array.elementType = static_cast<GgufValueType>(elementId);
        const uint64_t countAt = m_in.offset();
        const auto count = m_in.read<uint64_t>([&] { return "the item count of " + name; });
        m_in.checkCount(count, minValueBytes(array.elementType),
                        [&] { return "the item count of " + name + " (at offset " + str(countAt) + ")"; });
        array.items.reserve(static_cast<size_t>(count)); // bounded by the bytes left, just checked
        for (uint64_t i = 0; i < count; ++i)
            array.items.push_back(
                readScalar(array.elementType, [&] { return "item " + str(i) + " of " + name; }));
        return array;
    }

    template <typename Describe> GgufScalar readScalar(GgufValueType type, Describe&& describe)
    {
        switch (type) {
        case GgufValueType::UInt8:
            return m_in.read<uint8_t>(describe);
        case GgufValueType::Int8:
            return m_in.read<int8_t>(describe);
        case GgufValueType::UInt16:
            return m_in.read<uint16_t>(describe);
        case GgufValueType::Int16:
            return m_in.read<int16_t>(describe);
        case GgufValueType::UInt32:
            return m_in.read<uint32_t>(describe);
        case GgufValueType::Int32:
            return m_in.read<int32_t>(describe);
        case GgufValueType::Float32:
            return m_in.read<float>(describe);
        case GgufValueType::Bool: {
            const uint64_t at = m_in.offset();
            const auto byte = m_in.read<uint8_t>(describe);
            if (byte > 1) // llama.cpp reads any non-zero byte as true; we refuse to guess
                m_in.fail(describe() + " is a bool stored as byte " + str(byte) + " at offset " + str(at) +
                          ", expected 0 or 1");
            return byte == 1;
        }
        case GgufValueType::String:
            return m_in.readString(describe);
        case GgufValueType::UInt64:
            return m_in.read<uint64_t>(describe);
        case GgufValueType::Int64:
            return m_in.read<int64_t>(describe);
        case GgufValueType::Float64:
            return m_in.read<double>(describe);
        case GgufValueType::Array:
            break;
        }
        m_in.fail(describe() + ": arrays cannot nest"); // unreachable: callers checked the type
    }

    // llama.cpp aborts on a mistyped general.alignment; we refuse the file instead.
    void checkAlignment(const GgufValue& value, const std::string& name, uint64_t typeAt)
    {
        const auto* scalar = std::get_if<GgufScalar>(&value);
        const auto* alignment = scalar != nullptr ? std::get_if<uint32_t>(scalar) : nullptr;
        if (alignment == nullptr)
            m_in.fail(name + " at offset " + str(typeAt) + " has type " +
                      std::string(ggufValueTypeName(typeOf(value))) + ", expected u32");
        if (*alignment == 0 || (*alignment & (*alignment - 1)) != 0)
            m_in.fail(name + " is " + str(*alignment) + " (offset " + str(typeAt + 4) +
                      "), expected a non-zero power of two");
        m_alignment = *alignment;
    }

    void readTensorInfo(uint64_t index)
    {
        const uint64_t nameAt = m_in.offset();
        GgufTensorInfo info;
        info.name = m_in.readString([&] { return "the name of tensor #" + str(index); });
        if (info.name.empty())
            m_in.fail("tensor #" + str(index) + " at offset " + str(nameAt) + " has an empty name");
        if (info.name.size() > kMaxNameBytes)
            m_in.fail("tensor #" + str(index) + " at offset " + str(nameAt) + " has a name of " +
                      str(info.name.size()) + " bytes ('" + quoted(info.name) + "'), the limit is " +
                      str(kMaxNameBytes));
        const std::string name = "tensor '" + quoted(info.name) + "'";
        if (m_tensorIndex.contains(info.name))
            m_in.fail("duplicate " + name + " at offset " + str(nameAt) + " (also tensor #" +
                      str(m_tensorIndex.find(info.name)->second) + ")");

        const uint64_t dimsAt = m_in.offset();
        const auto nDims = m_in.read<uint32_t>([&] { return "the dimension count of " + name; });
        if (nDims == 0 || nDims > kMaxDims)
            m_in.fail(name + " has n_dims " + str(nDims) + " (offset " + str(dimsAt) + "), expected 1 to " +
                      str(kMaxDims));
        int64_t elements = 1;
        for (uint32_t d = 0; d < nDims; ++d) {
            const uint64_t at = m_in.offset();
            const auto n = m_in.read<int64_t>([&] { return "ne[" + str(d) + "] of " + name; });
            if (n < 0)
                m_in.fail(name + " has ne[" + str(d) + "] = " + std::to_string(n) + " (offset " + str(at) +
                          "), expected >= 0");
            if (n != 0 && elements > std::numeric_limits<int64_t>::max() / n)
                m_in.fail(name + " has ne[" + str(d) + "] = " + std::to_string(n) + " (offset " + str(at) +
                          "): the element count overflows int64");
            elements *= n;
            info.ne.push_back(n);
        }

        const uint64_t typeAt = m_in.offset();
        const auto typeId = m_in.read<uint32_t>([&] { return "the type of " + name; });
        const std::optional<TensorType> type = tensorTypeFromId(typeId);
        if (!type)
            m_in.fail(name + " has type " + ggmlTypeDescription(typeId) + " at offset " + str(typeAt) +
                      " (moe reads F32, F16, BF16 and Q8_0)");
        info.type = *type;
        if (info.ne[0] % blockSize(info.type) != 0)
            m_in.fail(name + " has ne[0] = " + std::to_string(info.ne[0]) + ", not a multiple of the " +
                      std::string(tensorTypeName(info.type)) + " block size " +
                      std::to_string(blockSize(info.type)));
        const std::optional<uint64_t> bytes = tensorBytes(info.type, info.ne);
        if (!bytes)
            m_in.fail(name + " of type " + std::string(tensorTypeName(info.type)) +
                      " has a byte size that overflows");
        info.byteSize = *bytes;

        const uint64_t offsetAt = m_in.offset();
        info.offset = m_in.read<uint64_t>([&] { return "the data offset of " + name; });
        if (info.offset % m_alignment != 0)
            m_in.fail(name + " has offset " + str(info.offset) + " (at offset " + str(offsetAt) +
                      "), expected a multiple of the alignment " + str(m_alignment));

        m_tensorIndex.emplace(info.name, m_tensors.size());
        m_tensors.push_back(std::move(info));
    }

    // llama.cpp requires tensor data packed in info order, each tensor padded to the alignment,
    // starting at the aligned end of the tensor infos; each tensor must lie inside the file.
    void checkDataSection()
    {
        const uint64_t fileSize = m_in.offset() + m_in.remaining();
        m_dataOffset = alignUp(m_in.offset(), m_alignment);
        if (m_dataOffset > fileSize)
            m_in.fail("the data section starts at offset " + str(m_dataOffset) +
                      " (the tensor infos end at " + str(m_in.offset()) + ", aligned to " + str(m_alignment) +
                      "), past the end of the file (" + str(fileSize) + " bytes): file truncated");
        const uint64_t available = fileSize - m_dataOffset;
        uint64_t expected = 0;
        for (const GgufTensorInfo& info : m_tensors) {
            const std::string name = "tensor '" + quoted(info.name) + "'";
            if (info.offset != expected)
                m_in.fail(name + " has offset " + str(info.offset) + ", expected " + str(expected) +
                          " (tensor data must be packed in info order, each tensor padded to " +
                          str(m_alignment) + " bytes)");
            // expected <= available + alignment here, so these sums cannot overflow.
            if (info.offset > available || info.byteSize > available - info.offset)
                m_in.fail(name + " data (" + str(info.byteSize) + " bytes at file offset " +
                          str(m_dataOffset + info.offset) + ") lies outside the file of " + str(fileSize) +
                          " bytes: file truncated or tensor size corrupt");
            expected = info.offset + alignUp(info.byteSize, m_alignment);
        }
    }

    ByteReader m_in;
    uint32_t m_version = 3;
    uint32_t m_alignment = kDefaultAlignment;
    uint64_t m_tensorCount = 0;
    uint64_t m_kvCount = 0;
    uint64_t m_dataOffset = 0;
    GgufMetadata m_metadata;
    std::vector<GgufTensorInfo> m_tensors;
    std::map<std::string, size_t, std::less<>> m_tensorIndex;
};

} // namespace

GgufFile GgufFile::parse(std::span<const std::byte> bytes, std::string source)
{
    Parser::Result parsed = Parser(bytes, source).parse();
    GgufFile file;
    file.m_version = parsed.version;
    file.m_alignment = parsed.alignment;
    file.m_dataOffset = parsed.dataOffset;
    file.m_metadata = std::move(parsed.metadata);
    file.m_tensors = std::move(parsed.tensors);
    file.m_tensorIndex = std::move(parsed.tensorIndex);
    file.m_bytes = bytes;
    return file;
}

GgufFile GgufFile::parseOwned(std::vector<std::byte> bytes, std::string source)
{
    auto owned = std::make_shared<const std::vector<std::byte>>(std::move(bytes));
    GgufFile file = parse(*owned, std::move(source));
    file.m_storage = std::move(owned);
    return file;
}

} // namespace moe

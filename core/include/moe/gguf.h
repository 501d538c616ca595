// GGUF v3 reader and writer, as llama.cpp reads and writes it (see shared/reference/gguf-mixtral.md).
// The reader validates strictly and throws moe::FormatError naming the key, tensor or byte offset.
#pragma once

#include "moe/tensor_types.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace moe {

enum class GgufValueType : uint32_t {
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
};
std::string_view ggufValueTypeName(GgufValueType type); // "u32", "string", "array", ...

// One scalar; the alternative held *is* its GGUF type (no widening: llama.cpp checks types exactly).
using GgufScalar = std::variant<uint8_t, int8_t, uint16_t, int16_t, uint32_t, int32_t, float, bool,
                                std::string, uint64_t, int64_t, double>;
GgufValueType typeOf(const GgufScalar& value);

// Arrays hold scalars of one type; arrays of arrays are refused (as llama.cpp does).
struct GgufArray {
    GgufValueType elementType = GgufValueType::UInt8;
    std::vector<GgufScalar> items;
    bool operator==(const GgufArray&) const = default;
};
using GgufValue = std::variant<GgufScalar, GgufArray>;
GgufValueType typeOf(const GgufValue& value);

// Key/values in file order, with typed getters that throw FormatError on a missing or mistyped key.
class GgufMetadata {
public:
    explicit GgufMetadata(std::string source = "<memory>") : m_source(std::move(source)) {}

    void add(std::string key, GgufValue value); // throws std::invalid_argument on a duplicate key
    void setOrReplace(std::string key, GgufValue value);
    bool contains(std::string_view key) const { return find(key) != nullptr; }
    const GgufValue* find(std::string_view key) const;
    const std::vector<std::pair<std::string, GgufValue>>& entries() const { return m_entries; }

    uint32_t getU32(std::string_view key) const;
    std::optional<uint32_t> findU32(std::string_view key) const; // absent -> nullopt; mistyped -> throws
    float getF32(std::string_view key) const;
    std::optional<float> findF32(std::string_view key) const;
    bool getBool(std::string_view key) const;
    std::optional<bool> findBool(std::string_view key) const;
    std::string getString(std::string_view key) const;
    std::optional<std::string> findString(std::string_view key) const;
    std::vector<std::string> getStringArray(std::string_view key) const;
    std::vector<int32_t> getI32Array(std::string_view key) const;
    std::vector<float> getF32Array(std::string_view key) const;
    // A per-layer key: a u32 scalar (same for every layer) or an array of u32/i32 of length nLayer.
    std::vector<uint32_t> getU32PerLayer(std::string_view key, size_t nLayer) const;

    const std::string& source() const { return m_source; }
    bool operator==(const GgufMetadata& other) const { return m_entries == other.m_entries; }

private:
    std::string m_source;
    std::vector<std::pair<std::string, GgufValue>> m_entries;
    std::map<std::string, size_t, std::less<>> m_index;
};

struct GgufTensorInfo {
    std::string name;
    std::vector<int64_t> ne; // ggml order: ne[0] varies fastest
    TensorType type = TensorType::F32;
    uint64_t offset = 0; // from the start of the data section
    uint64_t byteSize = 0;
    int64_t elementCount() const;
};

// A parsed GGUF file. Tensor data stays in the (memory-mapped) bytes; spans point into them and
// stay valid while any copy of the GgufFile (which shares its storage) is alive.
class GgufFile {
public:
    // Memory-maps the file (never copies it). Throws FormatError (also for I/O errors).
    static GgufFile open(const std::string& path);
    // Parses bytes that the caller keeps alive for the life of the returned object.
    static GgufFile parse(std::span<const std::byte> bytes, std::string source = "<memory>");
    // Parses bytes it takes ownership of.
    static GgufFile parseOwned(std::vector<std::byte> bytes, std::string source = "<memory>");

    uint32_t version() const { return m_version; }
    uint32_t alignment() const { return m_alignment; }
    const GgufMetadata& metadata() const { return m_metadata; }
    const std::vector<GgufTensorInfo>& tensors() const { return m_tensors; }
    const GgufTensorInfo* findTensor(std::string_view name) const;
    std::span<const std::byte> tensorData(const GgufTensorInfo& info) const;
    const std::string& source() const { return m_metadata.source(); }
    uint64_t fileSize() const { return m_bytes.size(); }
    uint64_t dataOffset() const { return m_dataOffset; } // where the (aligned) data section starts
    // Keeps the underlying bytes alive; views into tensor data hold a copy of it.
    std::shared_ptr<const void> storage() const { return m_storage; }

private:
    GgufFile() = default;
    uint32_t m_version = 3;
    uint32_t m_alignment = 32;
    uint64_t m_dataOffset = 0;
    GgufMetadata m_metadata;
    std::vector<GgufTensorInfo> m_tensors;
    std::map<std::string, size_t, std::less<>> m_tensorIndex;
    std::span<const std::byte> m_bytes;
    std::shared_ptr<const void> m_storage;
};

// Builds a GGUF v3 file: key/values in insertion order, tensors packed in insertion order, each
// padded to the alignment (exactly the layout llama.cpp requires).
class GgufWriter {
public:
    GgufMetadata& metadata() { return m_metadata; }
    const GgufMetadata& metadata() const { return m_metadata; }
    void setAlignment(uint32_t alignment); // power of two; also written as general.alignment (u32)
    // data must hold exactly tensorBytes(type, ne) bytes; throws std::invalid_argument otherwise,
    // or on a duplicate or over-long (>= 64 bytes) name.
    void addTensor(std::string name, TensorType type, std::vector<int64_t> ne, std::vector<std::byte> data);
    // A tensor whose bytes come later, from writeFile's source: for files too large to hold in
    // memory. Throws as addTensor does.
    void addTensorLayout(std::string name, TensorType type, std::vector<int64_t> ne);
    std::vector<std::byte> toBytes() const; // throws std::logic_error if a tensor has no data
    // Writes to PATH.tmp then renames, so a failed write never leaves a half-written model.
    void writeFile(const std::string& path) const;
    // The same, asking source(index, info) for the bytes of each tensor added by addTensorLayout,
    // in file order, one at a time. A source's exception, or data of the wrong size
    // (std::invalid_argument), removes PATH.tmp and propagates.
    using TensorSource = std::function<std::vector<std::byte>(size_t index, const GgufTensorInfo& info)>;
    void writeFile(const std::string& path, const TensorSource& source) const;

private:
    struct PendingTensor {
        GgufTensorInfo info;
        std::vector<std::byte> data;
        bool hasData = false;
    };
    std::vector<std::byte> headerBytes() const; // everything before the first tensor's data
    GgufMetadata m_metadata;                    // its general.alignment (default 32) decides the layout
    std::vector<PendingTensor> m_tensors;
};

} // namespace moe

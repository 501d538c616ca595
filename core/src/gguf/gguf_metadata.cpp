// GGUF value types and the key/value store with exact-type getters (llama.cpp never widens types,
// so neither do we: a u64 where a u32 is expected is an error, not a conversion).
#include "moe/error.h"
#include "moe/gguf.h"

#include <stdexcept>
#include <string>

namespace moe {

std::string_view ggufValueTypeName(GgufValueType type)
{
    switch (type) {
    case GgufValueType::UInt8:
        return "u8";
    case GgufValueType::Int8:
        return "i8";
    case GgufValueType::UInt16:
        return "u16";
    case GgufValueType::Int16:
        return "i16";
    case GgufValueType::UInt32:
        return "u32";
    case GgufValueType::Int32:
        return "i32";
    case GgufValueType::Float32:
        return "f32";
    case GgufValueType::Bool:
        return "bool";
    case GgufValueType::String:
        return "string";
    case GgufValueType::Array:
        return "array";
    case GgufValueType::UInt64:
        return "u64";
    case GgufValueType::Int64:
        return "i64";
    case GgufValueType::Float64:
        return "f64";
    }
    return "unknown";
}

GgufValueType typeOf(const GgufScalar& value)
{
    // The variant lists the scalar types in GGUF id order, with ARRAY (9) left out.
    const auto index = static_cast<uint32_t>(value.index());
    return static_cast<GgufValueType>(index < 9 ? index : index + 1);
}

GgufValueType typeOf(const GgufValue& value)
{
    if (const auto* scalar = std::get_if<GgufScalar>(&value))
        return typeOf(*scalar);
    return GgufValueType::Array;
}

namespace {

// "u32" for a scalar, "array of u32" for an array: what error messages call a value's type.
std::string describeType(const GgufValue& value)
{
    if (const auto* array = std::get_if<GgufArray>(&value))
        return "array of " + std::string(ggufValueTypeName(array->elementType));
    return std::string(ggufValueTypeName(typeOf(value)));
}

void checkWellFormed(const std::string& key, const GgufValue& value)
{
    const auto* array = std::get_if<GgufArray>(&value);
    if (array == nullptr)
        return;
    if (array->elementType == GgufValueType::Array)
        throw std::invalid_argument("key '" + key +
                                    "': arrays of arrays cannot be written (llama.cpp refuses them)");
    if (ggufValueTypeName(array->elementType) == "unknown")
        throw std::invalid_argument("key '" + key + "': unknown array element type " +
                                    std::to_string(static_cast<uint32_t>(array->elementType)));
    for (size_t i = 0; i < array->items.size(); ++i)
        if (typeOf(array->items[i]) != array->elementType)
            throw std::invalid_argument("key '" + key + "': item " + std::to_string(i) + " has type " +
                                        std::string(ggufValueTypeName(typeOf(array->items[i]))) +
                                        ", the array holds " +
                                        std::string(ggufValueTypeName(array->elementType)));
}

template <typename T> GgufValueType scalarType()
{
    return typeOf(GgufScalar(T{}));
}

} // namespace

void GgufMetadata::add(std::string key, GgufValue value)
{
    if (m_index.contains(key))
        throw std::invalid_argument("duplicate GGUF key '" + key + "'");
    checkWellFormed(key, value);
    m_index.emplace(key, m_entries.size());
    m_entries.emplace_back(std::move(key), std::move(value));
}

void GgufMetadata::setOrReplace(std::string key, GgufValue value)
{
    checkWellFormed(key, value);
    if (auto it = m_index.find(key); it != m_index.end()) {
        m_entries[it->second].second = std::move(value); // keeps the key's position in the file
        return;
    }
    add(std::move(key), std::move(value));
}

const GgufValue* GgufMetadata::find(std::string_view key) const
{
    const auto it = m_index.find(key);
    return it == m_index.end() ? nullptr : &m_entries[it->second].second;
}

namespace {

template <typename T> const T* findScalar(const GgufMetadata& metadata, std::string_view key)
{
    const GgufValue* value = metadata.find(key);
    if (value == nullptr)
        return nullptr;
    if (const auto* scalar = std::get_if<GgufScalar>(value))
        if (const T* typed = std::get_if<T>(scalar))
            return typed;
    throw FormatError(metadata.source(), "key '" + std::string(key) + "' has type " + describeType(*value) +
                                             ", expected " + std::string(ggufValueTypeName(scalarType<T>())));
}

template <typename T> const T& getScalar(const GgufMetadata& metadata, std::string_view key)
{
    if (const T* typed = findScalar<T>(metadata, key))
        return *typed;
    throw FormatError(metadata.source(), "key '" + std::string(key) + "' is missing (expected " +
                                             std::string(ggufValueTypeName(scalarType<T>())) + ")");
}

template <typename T> std::optional<T> findOptional(const GgufMetadata& metadata, std::string_view key)
{
    if (const T* typed = findScalar<T>(metadata, key))
        return *typed;
    return std::nullopt;
}

template <typename T> std::vector<T> getArray(const GgufMetadata& metadata, std::string_view key)
{
    const std::string expected = "array of " + std::string(ggufValueTypeName(scalarType<T>()));
    const GgufValue* value = metadata.find(key);
    if (value == nullptr)
        throw FormatError(metadata.source(),
                          "key '" + std::string(key) + "' is missing (expected " + expected + ")");
    const auto* array = std::get_if<GgufArray>(value);
    if (array == nullptr || array->elementType != scalarType<T>())
        throw FormatError(metadata.source(), "key '" + std::string(key) + "' has type " +
                                                 describeType(*value) + ", expected " + expected);
    std::vector<T> out;
    out.reserve(array->items.size());
    for (const GgufScalar& item : array->items)
        out.push_back(std::get<T>(item)); // add() guarantees every item has the element type
    return out;
}

} // namespace

uint32_t GgufMetadata::getU32(std::string_view key) const
{
    return getScalar<uint32_t>(*this, key);
}

std::optional<uint32_t> GgufMetadata::findU32(std::string_view key) const
{
    return findOptional<uint32_t>(*this, key);
}

float GgufMetadata::getF32(std::string_view key) const
{
    return getScalar<float>(*this, key);
}

std::optional<float> GgufMetadata::findF32(std::string_view key) const
{
    return findOptional<float>(*this, key);
}

bool GgufMetadata::getBool(std::string_view key) const
{
    return getScalar<bool>(*this, key);
}

std::optional<bool> GgufMetadata::findBool(std::string_view key) const
{
    return findOptional<bool>(*this, key);
}

std::string GgufMetadata::getString(std::string_view key) const
{
    return getScalar<std::string>(*this, key);
}

std::optional<std::string> GgufMetadata::findString(std::string_view key) const
{
    return findOptional<std::string>(*this, key);
}

std::vector<std::string> GgufMetadata::getStringArray(std::string_view key) const
{
    return getArray<std::string>(*this, key);
}

std::vector<int32_t> GgufMetadata::getI32Array(std::string_view key) const
{
    return getArray<int32_t>(*this, key);
}

std::vector<float> GgufMetadata::getF32Array(std::string_view key) const
{
    return getArray<float>(*this, key);
}

std::vector<uint32_t> GgufMetadata::getU32PerLayer(std::string_view key, size_t nLayer) const
{
    const std::string name(key);
    const GgufValue* value = find(key);
    if (value == nullptr)
        throw FormatError(m_source, "key '" + name + "' is missing (expected u32 or an array of " +
                                        std::to_string(nLayer) + " u32, one per layer)");
    if (const auto* scalar = std::get_if<GgufScalar>(value)) {
        if (const auto* same = std::get_if<uint32_t>(scalar))
            return std::vector<uint32_t>(nLayer, *same);
    } else if (const auto& array = std::get<GgufArray>(*value);
               array.elementType == GgufValueType::UInt32 || array.elementType == GgufValueType::Int32) {
        if (array.items.size() != nLayer)
            throw FormatError(m_source, "key '" + name + "' has " + std::to_string(array.items.size()) +
                                            " items, expected " + std::to_string(nLayer) +
                                            " (one per layer)");
        std::vector<uint32_t> out;
        out.reserve(nLayer);
        for (size_t i = 0; i < nLayer; ++i) {
            if (const auto* u = std::get_if<uint32_t>(&array.items[i])) {
                out.push_back(*u);
                continue;
            }
            const int32_t v = std::get<int32_t>(array.items[i]);
            if (v < 0)
                throw FormatError(m_source, "key '" + name + "' item " + std::to_string(i) + " is " +
                                                std::to_string(v) + ", expected a non-negative count");
            out.push_back(static_cast<uint32_t>(v));
        }
        return out;
    }
    throw FormatError(m_source, "key '" + name + "' has type " + describeType(*value) +
                                    ", expected u32 or an array of u32/i32 (one per layer)");
}

} // namespace moe

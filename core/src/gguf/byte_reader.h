// A bounded little-endian cursor over a byte span. Every read checks the bytes left first and throws
// FormatError saying the offset and what was being read; nothing is allocated before that check.
#pragma once

#include "moe/error.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>

namespace moe::gguf_detail {

static_assert(std::endian::native == std::endian::little, "GGUF is little-endian; moe reads it by memcpy");

// Printable form of a name from the file: control bytes escaped, long names cut, so that a hostile
// key cannot make an error message huge or unreadable.
std::string quoted(std::string_view text);

class ByteReader {
public:
    ByteReader(std::span<const std::byte> bytes, const std::string& source) : m_bytes(bytes), m_source(source)
    {
    }

    uint64_t offset() const { return m_offset; }
    uint64_t remaining() const { return m_bytes.size() - m_offset; }
    const std::string& source() const { return m_source; }

    // describe() names what is read ("the length of key 'x'"); it is only called on failure.
    template <typename T, typename Describe> T read(Describe&& describe)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        require(sizeof(T), describe);
        T value;
        std::memcpy(&value, m_bytes.data() + m_offset, sizeof(T));
        m_offset += sizeof(T);
        return value;
    }

    // A GGUF string: u64 length, then that many bytes (no terminator, any bytes allowed).
    template <typename Describe> std::string readString(Describe&& describe)
    {
        const auto length = read<uint64_t>([&] { return "the length of " + describe(); });
        require(length, describe);
        std::string text(reinterpret_cast<const char*>(m_bytes.data() + m_offset),
                         static_cast<size_t>(length));
        m_offset += length;
        return text;
    }

    // Refuses a count whose items (at least minItemBytes each) cannot fit in the bytes left.
    template <typename Describe> void checkCount(uint64_t count, uint64_t minItemBytes, Describe&& describe)
    {
        if (count > remaining() / minItemBytes)
            fail(describe() + " is " + std::to_string(count) + ", but the " + std::to_string(remaining()) +
                 " bytes left after offset " + std::to_string(m_offset) +
                 " cannot hold that many (at least " + std::to_string(minItemBytes) +
                 " bytes each): truncated or corrupt file");
    }

    [[noreturn]] void fail(const std::string& message) const { throw FormatError(m_source, message); }

private:
    template <typename Describe> void require(uint64_t count, Describe& describe) const
    {
        if (count > remaining())
            fail("file truncated at offset " + std::to_string(m_offset) + " while reading " + describe() +
                 ": need " + std::to_string(count) + " bytes, " + std::to_string(remaining()) + " left");
    }

    std::span<const std::byte> m_bytes;
    const std::string& m_source;
    uint64_t m_offset = 0;
};

} // namespace moe::gguf_detail

// GPT-2's byte alphabet: the 188 printable bytes stand for themselves, the other 68 map in
// increasing order to U+0100, U+0101, ... (the table llama.cpp's unicode_byte_to_utf8 builds).
#include "byte_alphabet.h"

#include <array>

namespace moe::byte_alphabet {
namespace {

bool isPrintable(int byte)
{
    return (byte >= 0x21 && byte <= 0x7E) || (byte >= 0xA1 && byte <= 0xAC) || (byte >= 0xAE && byte <= 0xFF);
}

std::string utf8(uint32_t codePoint)
{
    // Only code points below U+0800 occur in the alphabet.
    std::string out;
    if (codePoint < 0x80) {
        out.push_back(static_cast<char>(codePoint));
    } else {
        out.push_back(static_cast<char>(0xC0 | (codePoint >> 6)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    }
    return out;
}

struct Alphabet {
    std::array<std::string, 256> spelling;
    std::array<int16_t, 0x100 + 68> byteOf; // code point -> byte, -1 outside the alphabet

    Alphabet()
    {
        byteOf.fill(-1);
        int next = 0;
        for (int byte = 0; byte < 256; ++byte) {
            const uint32_t codePoint = isPrintable(byte) ? static_cast<uint32_t>(byte) : 0x100u + next++;
            spelling[byte] = utf8(codePoint);
            byteOf[codePoint] = static_cast<int16_t>(byte);
        }
    }
};

const Alphabet& alphabet()
{
    static const Alphabet table;
    return table;
}

} // namespace

std::string_view encodeByte(uint8_t byte)
{
    return alphabet().spelling[byte];
}

std::string encode(std::string_view bytes)
{
    const Alphabet& table = alphabet();
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes)
        out += table.spelling[static_cast<uint8_t>(c)];
    return out;
}

std::optional<std::string> decode(std::string_view spelled)
{
    const Alphabet& table = alphabet();
    std::string out;
    out.reserve(spelled.size());
    for (size_t i = 0; i < spelled.size();) {
        const auto b0 = static_cast<uint8_t>(spelled[i]);
        uint32_t codePoint = 0;
        if (b0 < 0x80) {
            codePoint = b0;
            i += 1;
        } else if ((b0 & 0xE0) == 0xC0 && i + 1 < spelled.size() &&
                   (static_cast<uint8_t>(spelled[i + 1]) & 0xC0) == 0x80) {
            codePoint = ((b0 & 0x1Fu) << 6) | (static_cast<uint8_t>(spelled[i + 1]) & 0x3Fu);
            if (codePoint < 0x80)
                return std::nullopt; // overlong: not the spelling of any byte
            i += 2;
        } else {
            return std::nullopt; // 3- and 4-byte characters are all outside the alphabet
        }
        if (codePoint >= table.byteOf.size() || table.byteOf[codePoint] < 0)
            return std::nullopt;
        out.push_back(static_cast<char>(table.byteOf[codePoint]));
    }
    return out;
}

} // namespace moe::byte_alphabet

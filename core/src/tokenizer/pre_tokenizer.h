// The GPT-2 pre-tokenizer, split into the pieces llama.cpp's unicode_regex_split_custom_gpt2 makes.
// Pieces are views into the input and cover it exactly (invalid UTF-8 included), so the raw bytes
// of every piece reach BPE unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace moe::pretok {

// One code point as llama.cpp's lenient UTF-8 decoder reads it: an invalid byte becomes U+FFFD
// of length 1; overlong forms and values past U+10FFFF are accepted as decoded.
struct Unit {
    uint32_t codePoint;
    uint32_t length; // bytes, 1..4
};
Unit decodeUnit(std::string_view text, size_t offset);

struct Piece {
    std::string_view text;
    bool number = false; // matched ` ?\p{N}+`
};

// Yields the pieces one at a time, allocating nothing (training reads megabytes through it).
class Gpt2Splitter {
public:
    explicit Gpt2Splitter(std::string_view text) : m_text(text) {}
    // Stores the next piece and returns true, or returns false at the end of the text.
    bool next(Piece& piece);

private:
    std::string_view m_text;
    size_t m_pos = 0; // byte offset where the next piece starts
};

std::vector<Piece> split(std::string_view text);

} // namespace moe::pretok

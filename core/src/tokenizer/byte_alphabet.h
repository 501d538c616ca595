// GPT-2's byte <-> unicode alphabet: token strings in a "gpt2" vocab spell each raw byte as one
// printable character (space -> U+0120 'Ġ', newline -> U+010A 'Ċ', 'a' -> 'a').
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace moe::byte_alphabet {

// The UTF-8 spelling of one byte's character.
std::string_view encodeByte(uint8_t byte);
// Spells raw bytes in the alphabet (what a NORMAL token's text looks like).
std::string encode(std::string_view bytes);
// The raw bytes a spelled string stands for; nullopt if it is not valid UTF-8 or holds a
// character outside the 256-character alphabet.
std::optional<std::string> decode(std::string_view spelled);

} // namespace moe::byte_alphabet

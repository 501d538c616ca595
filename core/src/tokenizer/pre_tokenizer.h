// llama.cpp's pre-tokenizers: the GPT-2 one (the pieces unicode_regex_split_custom_gpt2 makes, with
// a streaming splitter for training) and the regex lists of the other BPE families (Splitter).
// Pieces are views into the input and cover it exactly (invalid UTF-8 included), so the raw bytes
// of every piece reach BPE unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
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

// The regex lists of llama.cpp b4748's llm_tokenizer_bpe, one per family of tokenizer.ggml.pre names.
enum class Family {
    Gpt2,        // gpt-2, olmo, mpt, jais
    Llama3,      // llama-bpe, llama3, llama-v3, falcon3, dbrx, smaug-bpe: \p{N}{1,3}
    Qwen2,       // qwen2, deepseek-r1-qwen, megrez: the Llama-3 regex with single digits
    DeepseekLlm, // deepseek-llm: six passes (newlines, letter runs, punctuation, trailing spaces, CJK,
                 // digits)
    DeepseekV3,  // deepseek-v3: digits 1-3, CJK and kana runs, then a GPT-4-like regex
    Refact,      // refact, starcoder, smollm (Granite MoE): every digit alone, then GPT-2
    Default      // default: punctuation runs, GPT-2, digit runs, three ASCII digits
};
// nullopt for a name llama.cpp b4748 does not know or this project does not implement.
std::optional<Family> familyOf(std::string_view preName);

// Appends the pieces of text (one fragment between special tokens) to out, exactly as
// llama.cpp's unicode_regex_split cuts it for that family.
void splitInto(Family family, std::string_view text, std::vector<std::string_view>& out);

} // namespace moe::pretok

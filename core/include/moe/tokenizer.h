// Byte-level BPE as llama.cpp runs it for tokenizer.ggml.model = "gpt2", pre = "gpt-2":
// the GPT-2 pre-tokenizer regex (Unicode letters/numbers), then rank-ordered merges.
// Vocabularies made by moe's trainer never merge digits, so numbers tokenise digit by digit.
// Same ids as llama.cpp for valid UTF-8. For invalid UTF-8 the pre-token boundaries still match,
// but llama.cpp replaces each bad byte by U+FFFD before BPE (losing it); we keep the raw bytes,
// so decode(encode(x)) == x for any bytes and the ids there differ from llama.cpp's.
#pragma once

#include "moe/gguf.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace moe {

enum class TokenType : int32_t {
    Undefined = 0,
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6
};

struct BpeTrainingOptions {
    int vocabSize = 1024; // including the 256 byte tokens and the special tokens
    int minPairCount = 2; // stop merging when the best pair occurs fewer times
};

class Tokenizer {
public:
    // Reads tokenizer.ggml.* and validates it (unique tokens, all 256 byte tokens, merges whose
    // parts and result are tokens, token_type length == vocab, special ids in range). Throws FormatError.
    // Only NORMAL and CONTROL token types are accepted; bos/eos ids must be present.
    static Tokenizer fromGguf(const GgufMetadata& metadata);
    // Learns merges from texts (each pre-tokenised with the GPT-2 regex); never merges a digit.
    // Adds "<|endoftext|>" as a CONTROL token used for both BOS and EOS.
    static Tokenizer train(std::span<const std::string> texts, const BpeTrainingOptions& options);

    // Writes every tokenizer.ggml.* key llama.cpp needs (model gpt2, pre gpt-2, tokens, token_type,
    // merges, bos/eos ids, add_bos/add_eos).
    void writeTo(GgufMetadata& metadata) const;

    std::vector<int> encode(std::string_view bytes) const; // any bytes, invalid UTF-8 included; no BOS
    std::string decode(std::span<const int> ids) const;    // bytes exactly as encoded; CONTROL -> ""
    std::string tokenBytes(int id) const;                  // the raw bytes one token stands for
    // decode() and tokenBytes() throw std::out_of_range for an id outside the vocabulary.

    int vocabSize() const { return static_cast<int>(m_tokens.size()); }
    int bosId() const { return m_bos; }
    int eosId() const { return m_eos; }
    bool addBos() const { return m_addBos; }
    bool addEos() const { return m_addEos; } // never set by train(); read from tokenizer.ggml.add_eos_token
    const std::vector<std::string>& tokens() const { return m_tokens; } // GPT-2 byte-mapped form
    const std::vector<TokenType>& tokenTypes() const { return m_types; }
    const std::vector<std::pair<std::string, std::string>>& merges() const { return m_merges; }

    bool operator==(const Tokenizer& other) const;

private:
    std::vector<std::string> m_tokens;
    std::vector<TokenType> m_types;
    std::vector<std::pair<std::string, std::string>> m_merges;
    int m_bos = 0, m_eos = 0;
    bool m_addBos = false;
    bool m_addEos = false;
    // Lookup tables built once from the above (token -> id, merge pair -> rank).
    struct Index;
    std::shared_ptr<const Index> m_index;
    void buildIndex();
};

// Splits text into pre-tokens with the GPT-2 regex exactly as llama.cpp's "gpt-2" pre-tokenizer does.
std::vector<std::string_view> preTokenizeGpt2(std::string_view text);
// Splits text (no special tokens in it) into pre-tokens exactly as llama.cpp b4748 does for
// tokenizer.ggml.pre = pre: "gpt-2", "olmo", "llama-bpe", "dbrx", "qwen2", "deepseek-llm",
// "deepseek-v3", "default", or an alias llama.cpp maps to one of them (isKnownPreTokenizer).
// Throws std::invalid_argument naming an unknown pre.
std::vector<std::string_view> preTokenize(std::string_view pre, std::string_view text);
bool isKnownPreTokenizer(std::string_view pre);

} // namespace moe

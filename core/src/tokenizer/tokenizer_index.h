// The lookup tables a Tokenizer builds once from its vocabulary (shared by its copies).
#pragma once

#include "moe/tokenizer.h"

#include "pre_tokenizer.h"

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace moe {

// "<0xXX>", SentencePiece's byte-fallback token for a byte (upper-case hex, as llama.cpp looks it up).
std::string byteTokenText(uint8_t byte);

struct Tokenizer::Index {
    std::unordered_map<std::string, int> idOfText; // every token, any type (llama.cpp's token_to_id)
    std::vector<TokenType> types;                  // per id: the type llama.cpp treats it as (see buildIndex)
    std::vector<std::string> pieces;               // per id: what decode() gives for it
    std::array<int, 256> byteToken{};              // byte -> id of its byte token (BPE: the NORMAL one)
    std::vector<int> specials;                     // CONTROL, USER_DEFINED, UNKNOWN ids, longest text first
    pretok::Family family = pretok::Family::Gpt2;  // BPE
    bool ignoreMerges = false;                     // BPE llama-bpe: look a whole pre-token up first
    struct Merge {
        int rank;
        int result;
    };
    std::unordered_map<uint64_t, Merge> merges; // (left id, right id) -> rank and merged id

    static uint64_t key(int left, int right)
    {
        return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) | static_cast<uint32_t>(right);
    }
    const Merge* findMerge(int left, int right) const
    {
        const auto it = merges.find(key(left, right));
        return it == merges.end() ? nullptr : &it->second;
    }

    // A piece of input: a special token (token >= 0) or text to tokenise.
    struct Fragment {
        int token;
        std::string_view text;
    };
    // tokenizer_st_partition: special tokens (by types) cut out of text; USER_DEFINED always.
    std::vector<Fragment> partition(std::string_view text, bool parseSpecial,
                                    const std::vector<std::string>& tokens) const;
};

} // namespace moe

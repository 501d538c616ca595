// The two tokenizers llama.cpp b4748 runs for the MoE files this project reads:
//  - tokenizer.ggml.model = "gpt2": byte-level BPE after one of the pre-tokenizers of
//    preTokenize() (tokenizer.ggml.pre: gpt-2, olmo, llama-bpe, dbrx, qwen2, deepseek-llm,
//    deepseek-v3, refact, default, and llama.cpp's aliases), rank-ordered merges, and for llama-bpe
//    the whole-word lookup first (llama.cpp's ignore_merges).
//  - tokenizer.ggml.model = "llama": SentencePiece as llama.cpp's llm_tokenizer_spm runs it (spaces
//    as U+2581, a space prefix, highest-score merges, <0xXX> byte fallback); Mixtral, Phi-3.5-MoE.
// Special tokens (CONTROL, USER_DEFINED, UNKNOWN) are split out of the text first, as llama.cpp's
// tokenizer_st_partition does: USER_DEFINED always, the others only with parseSpecial.
// Same ids as llama.cpp for valid UTF-8. For invalid UTF-8 the BPE pre-token boundaries still match,
// but llama.cpp replaces each bad byte by U+FFFD before BPE (losing it); we keep the raw bytes,
// so BPE's decode(encode(x)) == x for any bytes and the ids there differ from llama.cpp's.
// (SentencePiece works on raw bytes in llama.cpp too: same ids for any bytes.)
// Not copied from llama.cpp: the LSTRIP/RSTRIP attributes it gives special tokens by model name
// (phi-3, jina), its guesses of FIM and EOT tokens by name (only the end-of-generation names
// <|endoftext|>, <|im_end|>, <|eot_id|>, ... are CONTROL here as there), and detokenize's clean-up
// of spaces before punctuation for BPE.
// Vocabularies made by moe's BPE trainer never merge digits, so numbers tokenise digit by digit.
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

enum class TokenizerModel {
    Bpe,          // tokenizer.ggml.model "gpt2"
    SentencePiece // tokenizer.ggml.model "llama"
};

struct BpeTrainingOptions {
    int vocabSize = 1024;      // including the 256 byte tokens and the special tokens
    int minPairCount = 2;      // stop merging when the best pair occurs fewer times
    std::string pre = "gpt-2"; // the pre-tokenizer whose pieces are learned (and written)
};

// The kind of vocabulary a model file carries: what buildVocab makes.
struct VocabKind {
    TokenizerModel model = TokenizerModel::Bpe;
    std::string pre = "gpt-2"; // BPE only: tokenizer.ggml.pre
};
// The vocabulary kind of the real models of a llama.cpp architecture: llama (Mixtral) and phimoe
// SentencePiece; qwen2moe qwen2; olmoe olmo; deepseek2 deepseek-llm (V3 files use deepseek-v3);
// dbrx dbrx; granitemoe refact. Throws std::invalid_argument for another architecture.
VocabKind vocabKindOfArchitecture(std::string_view arch);

struct EncodeOptions {
    bool addSpecial = false;   // BOS first / EOS last when the vocabulary asks (add_bos/add_eos_token)
    bool parseSpecial = false; // the text of a CONTROL or UNKNOWN token in the input is that token
};

class Tokenizer {
public:
    // Reads tokenizer.ggml.* and validates it (unique tokens, a byte token for every byte, merges
    // whose parts and result are tokens, token_type and scores of vocabulary length, special ids in
    // range). Throws FormatError naming the key: an unknown model or BPE pre-tokenizer is refused.
    // Token types NORMAL, CONTROL, USER_DEFINED, UNUSED, UNKNOWN, and BYTE (SentencePiece only).
    // BPE needs bos/eos ids; SentencePiece takes llama.cpp's defaults (unk 0, bos 1, eos 2).
    static Tokenizer fromGguf(const GgufMetadata& metadata);
    // Learns BPE merges from texts, each split by options.pre; never merges a digit. Adds
    // "<|endoftext|>" as a CONTROL token used for both BOS and EOS.
    static Tokenizer train(std::span<const std::string> texts, const BpeTrainingOptions& options);
    // A small valid vocabulary of the kind, learned from texts, for random-weight models (init-random):
    // - BPE: train() with the pre-tokenizer's pieces, then the family's special tokens as CONTROL
    //   (e.g. <|begin_of_text|>/<|end_of_text|> for llama-bpe, <|im_start|>/<|im_end|> for qwen2) and
    //   add_bos as the real models set it.
    // - SentencePiece laid out like Mixtral's: <unk> (UNKNOWN), <s>, </s> (CONTROL), <0x00>..<0xFF>
    //   (BYTE), "▁", the characters of the texts, then pieces learned by BPE over "▁word" units with
    //   descending scores; add_bos, add_space_prefix.
    // vocabSize is an upper bound (>= 300); the texts may give fewer tokens. Throws
    // std::invalid_argument for an unknown pre or a vocabSize too small.
    static Tokenizer buildVocab(const VocabKind& kind, std::span<const std::string> texts, int vocabSize);

    // Writes every tokenizer.ggml.* key llama.cpp b4748 reads for this vocabulary: model, pre (BPE),
    // tokens, token_type, scores (SentencePiece), merges (BPE), bos/eos (and unk, pad when set) ids,
    // add_bos/add_eos, add_space_prefix (SentencePiece).
    void writeTo(GgufMetadata& metadata) const;

    // Text to ids as llama_tokenize(text, add_special, parse_special) does. encode(bytes) is
    // encode(bytes, {}): no BOS, control-token texts are ordinary text. Any bytes are accepted.
    std::vector<int> encode(std::string_view bytes) const;
    std::vector<int> encode(std::string_view text, const EncodeOptions& options) const;
    // Ids to bytes as llama_detokenize(remove_special = false, unparse_special = false) does, without
    // its BPE clean-up of spaces: CONTROL/UNKNOWN/UNUSED -> "", USER_DEFINED -> its text, BYTE -> the
    // byte, SentencePiece's "▁" -> " " and, with add_space_prefix, one leading space dropped.
    std::string decode(std::span<const int> ids) const;
    std::string tokenBytes(int id) const; // the bytes one token stands for (llama_token_to_piece)
    // decode() and tokenBytes() throw std::out_of_range for an id outside the vocabulary.

    int vocabSize() const { return static_cast<int>(m_tokens.size()); }
    TokenizerModel model() const { return m_model; }
    const std::string& pre() const { return m_pre; } // BPE: tokenizer.ggml.pre; SentencePiece: as read, or ""
    int bosId() const { return m_bos; }
    int eosId() const { return m_eos; }
    int unknownId() const { return m_unk; } // -1: none
    int paddingId() const { return m_pad; } // -1: none
    bool addBos() const { return m_addBos; }
    bool addEos() const { return m_addEos; } // never set by train(); read from tokenizer.ggml.add_eos_token
    bool addSpacePrefix() const { return m_addSpacePrefix; }
    const std::vector<std::string>& tokens() const { return m_tokens; } // as stored (BPE: GPT-2 byte-mapped)
    const std::vector<TokenType>& tokenTypes() const { return m_types; }
    const std::vector<float>& scores() const { return m_scores; } // SentencePiece; empty for BPE
    const std::vector<std::pair<std::string, std::string>>& merges() const { return m_merges; }

    bool operator==(const Tokenizer& other) const;

private:
    TokenizerModel m_model = TokenizerModel::Bpe;
    std::string m_pre = "gpt-2";
    std::vector<std::string> m_tokens;
    std::vector<TokenType> m_types;
    std::vector<float> m_scores;
    std::vector<std::pair<std::string, std::string>> m_merges;
    int m_bos = 0, m_eos = 0;
    int m_unk = -1, m_pad = -1;
    bool m_addBos = false;
    bool m_addEos = false;
    bool m_addSpacePrefix = false;
    // Lookup tables built once from the above (token -> id, merge pair -> rank).
    struct Index;
    std::shared_ptr<const Index> m_index;
    void buildIndex();
    void encodeBpe(std::string_view text, std::vector<int>& out) const;
    void encodeSpm(std::string_view text, std::vector<int>& out) const;
};

// Splits text into pre-tokens with the GPT-2 regex exactly as llama.cpp's "gpt-2" pre-tokenizer does.
std::vector<std::string_view> preTokenizeGpt2(std::string_view text);
// Splits text (no special tokens in it) into pre-tokens exactly as llama.cpp b4748 does for
// tokenizer.ggml.pre = pre: "gpt-2", "olmo", "llama-bpe", "dbrx", "qwen2", "deepseek-llm",
// "deepseek-v3", "refact", "default", or an alias llama.cpp maps to one of them (isKnownPreTokenizer).
// Throws std::invalid_argument naming an unknown pre.
std::vector<std::string_view> preTokenize(std::string_view pre, std::string_view text);
bool isKnownPreTokenizer(std::string_view pre);

} // namespace moe

// Encode and decode as llama.cpp's llama_tokenize / llama_detokenize: special tokens split out
// first (tokenizer_st_partition), then byte-level BPE after the pre-tokenizer, applying merges as
// llm_tokenizer_bpe_session does (per pre-token, a priority queue of adjacent pairs ordered by merge
// rank, ties to the leftmost), or SentencePiece (tokenizer_spm.cpp).
#include "tokenizer_index.h"

#include "byte_alphabet.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace moe {

namespace {

// The bytes llama_token_to_piece(special = false) gives for a token.
std::string pieceOf(TokenizerModel model, const std::string& text, TokenType type)
{
    switch (type) {
    case TokenType::UserDefined:
        return text;
    case TokenType::Normal:
        if (model == TokenizerModel::Bpe)
            return byte_alphabet::decode(text).value_or(std::string());
        else {
            std::string out;
            for (size_t i = 0; i < text.size();) {
                if (text.compare(i, 3, "\xE2\x96\x81") == 0) {
                    out += ' ';
                    i += 3;
                } else {
                    out += text[i++];
                }
            }
            return out;
        }
    case TokenType::Byte:
        if (model == TokenizerModel::SentencePiece && text.size() == 6)
            return std::string(1, static_cast<char>(std::stoi(text.substr(3, 2), nullptr, 16)));
        return {};
    default: // CONTROL, UNKNOWN, UNUSED, UNDEFINED: hidden
        return {};
    }
}

} // namespace

std::string byteTokenText(uint8_t byte)
{
    char text[8];
    std::snprintf(text, sizeof text, "<0x%02X>", byte);
    return text;
}

// Assumes a consistent vocabulary (fromGguf validated it, or train/buildVocab built it).
void Tokenizer::buildIndex()
{
    auto index = std::make_shared<Index>();
    index->byteToken.fill(-1);
    index->idOfText.reserve(m_tokens.size());
    index->pieces.resize(m_tokens.size());
    index->types = m_types;
    // llama.cpp's loader makes these end-of-generation tokens CONTROL whatever the file says.
    // (It does the same, less predictably, for some FIM and EOT names; not copied here.)
    static constexpr std::string_view kEndOfGeneration[] = {
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|eom_id|>", "<EOT>"};
    for (size_t id = 0; id < m_tokens.size(); ++id) {
        const int i = static_cast<int>(id);
        index->idOfText.emplace(m_tokens[id], i); // a duplicate keeps the first id (fromGguf refuses them)
        if (std::find(std::begin(kEndOfGeneration), std::end(kEndOfGeneration), m_tokens[id]) !=
            std::end(kEndOfGeneration))
            index->types[id] = TokenType::Control;
        const TokenType type = index->types[id];
        index->pieces[id] = pieceOf(m_model, m_tokens[id], type);
        if (type == TokenType::Control || type == TokenType::UserDefined || type == TokenType::Unknown)
            index->specials.push_back(i);
        if (m_model == TokenizerModel::Bpe && type == TokenType::Normal && index->pieces[id].size() == 1)
            index->byteToken[static_cast<uint8_t>(index->pieces[id][0])] = i;
    }
    if (m_model == TokenizerModel::SentencePiece) {
        // llama_vocab::byte_to_token: <0xXX>, else the one-byte token.
        for (int b = 0; b < 256; ++b) {
            auto it = index->idOfText.find(byteTokenText(static_cast<uint8_t>(b)));
            if (it == index->idOfText.end())
                it = index->idOfText.find(std::string(1, static_cast<char>(b)));
            if (it != index->idOfText.end())
                index->byteToken[static_cast<size_t>(b)] = it->second;
        }
    }
    // Longest first, as llama.cpp sorts its special-token cache; equal lengths by id (llama.cpp's
    // std::sort leaves them in an unspecified order).
    std::stable_sort(index->specials.begin(), index->specials.end(),
                     [&](int a, int b) { return m_tokens[a].size() > m_tokens[b].size(); });
    index->merges.reserve(m_merges.size());
    for (size_t rank = 0; rank < m_merges.size(); ++rank) {
        const auto& [left, right] = m_merges[rank];
        const int l = index->idOfText.at(left), r = index->idOfText.at(right);
        const int result = index->idOfText.at(left + right);
        // A repeated merge keeps its first rank, as llama.cpp's bpe_ranks.emplace does.
        index->merges.emplace(Index::key(l, r), Index::Merge{static_cast<int>(rank), result});
    }
    if (m_model == TokenizerModel::Bpe) {
        const std::optional<pretok::Family> family = pretok::familyOf(m_pre);
        index->family = family.value_or(pretok::Family::Gpt2);
        index->ignoreMerges =
            index->family == pretok::Family::Llama3 &&
            (m_pre == "llama-bpe" || m_pre == "llama3" || m_pre == "llama-v3" || m_pre == "falcon3");
    }
    m_index = std::move(index);
}

std::vector<Tokenizer::Index::Fragment>
Tokenizer::Index::partition(std::string_view text, bool parseSpecial,
                            const std::vector<std::string>& tokens) const
{
    std::vector<Fragment> fragments;
    if (!text.empty())
        fragments.push_back({-1, text});
    // For each special token, longest first, cut every text fragment at each of its occurrences.
    for (const int id : specials) {
        if (!parseSpecial && types[id] != TokenType::UserDefined)
            continue;
        const std::string& special = tokens[id];
        std::vector<Fragment> next;
        for (const Fragment& f : fragments) {
            if (f.token >= 0) {
                next.push_back(f);
                continue;
            }
            std::string_view rest = f.text;
            for (size_t at; (at = rest.find(special)) != std::string_view::npos;) {
                if (at > 0)
                    next.push_back({-1, rest.substr(0, at)});
                next.push_back({id, {}});
                rest.remove_prefix(at + special.size());
            }
            if (!rest.empty())
                next.push_back({-1, rest});
        }
        fragments.swap(next);
    }
    return fragments;
}

namespace {

struct Symbol {
    int id;
    int prev, next; // neighbours in the word, -1 at the ends
    bool alive;
};

struct Bigram {
    int rank;
    int left, right;     // symbol positions
    int leftId, rightId; // what they held when queued; a change makes the entry stale
    int result;
    // std heap functions keep the "largest" on top: make that the lowest rank, then leftmost.
    bool operator<(const Bigram& o) const { return rank > o.rank || (rank == o.rank && left > o.left); }
};

} // namespace

// One fragment between special tokens: pre-tokens, each merged from its bytes.
void Tokenizer::encodeBpe(std::string_view text, std::vector<int>& out) const
{
    const Index& index = *m_index;
    std::vector<Symbol> symbols;
    std::vector<Bigram> queue;
    std::vector<std::string_view> words;
    pretok::splitInto(index.family, text, words);
    for (const std::string_view word : words) {
        if (index.ignoreMerges) { // llama-bpe: a pre-token that is a token is taken whole
            const auto it = index.idOfText.find(byte_alphabet::encode(word));
            if (it != index.idOfText.end()) {
                out.push_back(it->second);
                continue;
            }
        }
        symbols.clear();
        queue.clear();
        for (size_t i = 0; i < word.size(); ++i) {
            const int n = static_cast<int>(i);
            symbols.push_back({index.byteToken[static_cast<uint8_t>(word[i])], n - 1,
                               i + 1 < word.size() ? n + 1 : -1, true});
        }
        const auto addBigram = [&](int left, int right) {
            if (left < 0 || right < 0)
                return;
            const Index::Merge* merge = index.findMerge(symbols[left].id, symbols[right].id);
            if (!merge)
                return;
            queue.push_back({merge->rank, left, right, symbols[left].id, symbols[right].id, merge->result});
            std::push_heap(queue.begin(), queue.end());
        };
        for (int i = 1; i < static_cast<int>(symbols.size()); ++i)
            addBigram(i - 1, i);

        while (!queue.empty()) {
            std::pop_heap(queue.begin(), queue.end());
            const Bigram b = queue.back();
            queue.pop_back();
            Symbol& left = symbols[b.left];
            Symbol& right = symbols[b.right];
            if (!left.alive || !right.alive || left.id != b.leftId || right.id != b.rightId)
                continue; // one side has merged since this pair was queued
            left.id = b.result;
            right.alive = false;
            left.next = right.next;
            if (right.next >= 0)
                symbols[right.next].prev = b.left;
            addBigram(left.prev, b.left);
            addBigram(b.left, left.next);
        }
        for (const Symbol& s : symbols)
            if (s.alive)
                out.push_back(s.id);
    }
}

std::vector<int> Tokenizer::encode(std::string_view bytes) const
{
    return encode(bytes, EncodeOptions{});
}

std::vector<int> Tokenizer::encode(std::string_view text, const EncodeOptions& options) const
{
    if (!m_index)
        throw std::logic_error("encode() on a default-constructed Tokenizer (use fromGguf or train)");
    std::vector<int> out;
    out.reserve(text.size() / 2 + 2);
    if (options.addSpecial && m_addBos)
        out.push_back(m_bos);
    bool afterSpecial = true; // SentencePiece: a space prefix at the start and after special tokens
    for (const Index::Fragment& f : m_index->partition(text, options.parseSpecial, m_tokens)) {
        if (f.token >= 0) {
            out.push_back(f.token);
            afterSpecial = true;
        } else if (m_model == TokenizerModel::Bpe) {
            encodeBpe(f.text, out);
        } else {
            std::string escaped = m_addSpacePrefix && afterSpecial ? "\xE2\x96\x81" : "";
            for (const char c : f.text)
                escaped += c == ' ' ? std::string_view("\xE2\x96\x81") : std::string_view(&c, 1);
            encodeSpm(escaped, out);
            afterSpecial = false;
        }
    }
    if (options.addSpecial && m_addEos)
        out.push_back(m_eos);
    return out;
}

std::string Tokenizer::tokenBytes(int id) const
{
    if (id < 0 || id >= vocabSize())
        throw std::out_of_range("token id " + std::to_string(id) + " is outside the vocabulary of " +
                                std::to_string(vocabSize()));
    return m_index->pieces[static_cast<size_t>(id)];
}

std::string Tokenizer::decode(std::span<const int> ids) const
{
    std::string out;
    bool stripSpace = m_addSpacePrefix; // llama.cpp strips it from the first piece only
    for (const int id : ids) {
        if (id < 0 || id >= vocabSize())
            throw std::out_of_range("token id " + std::to_string(id) + " is outside the vocabulary of " +
                                    std::to_string(vocabSize()));
        std::string_view piece = m_index->pieces[static_cast<size_t>(id)];
        if (stripSpace && !piece.empty() && piece.front() == ' ')
            piece.remove_prefix(1);
        stripSpace = false;
        out += piece;
    }
    return out;
}

bool Tokenizer::operator==(const Tokenizer& other) const
{
    // Scores compare as bits: a file's NaN score is the same score after a round trip.
    const bool sameScores = m_scores.size() == other.m_scores.size() &&
                            (m_scores.empty() || std::memcmp(m_scores.data(), other.m_scores.data(),
                                                             m_scores.size() * sizeof(float)) == 0);
    return m_model == other.m_model && m_pre == other.m_pre && m_tokens == other.m_tokens &&
           m_types == other.m_types && sameScores && m_merges == other.m_merges && m_bos == other.m_bos &&
           m_eos == other.m_eos && m_unk == other.m_unk && m_pad == other.m_pad &&
           m_addBos == other.m_addBos && m_addEos == other.m_addEos &&
           m_addSpacePrefix == other.m_addSpacePrefix;
}

} // namespace moe

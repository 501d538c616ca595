// Byte-level BPE encode/decode, applying merges exactly as llama.cpp's llm_tokenizer_bpe_session:
// per pre-token, a priority queue of adjacent pairs ordered by merge rank, ties to the leftmost.
#include "moe/tokenizer.h"

#include "byte_alphabet.h"
#include "pre_tokenizer.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <stdexcept>
#include <unordered_map>

namespace moe {

struct Tokenizer::Index {
    std::vector<std::string> bytes;   // per id: the raw bytes (empty for CONTROL tokens)
    std::array<int, 256> byteToken{}; // byte -> id of its single-byte token
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
};

// Assumes a consistent vocabulary (fromGguf validated it, or train built it).
void Tokenizer::buildIndex()
{
    auto index = std::make_shared<Index>();
    index->byteToken.fill(-1);
    std::unordered_map<std::string, int> idOfText;
    idOfText.reserve(m_tokens.size());
    index->bytes.resize(m_tokens.size());
    for (size_t id = 0; id < m_tokens.size(); ++id) {
        idOfText.emplace(m_tokens[id], static_cast<int>(id));
        if (m_types[id] != TokenType::Normal)
            continue;
        std::optional<std::string> raw = byte_alphabet::decode(m_tokens[id]);
        assert(raw && !raw->empty());
        if (raw->size() == 1)
            index->byteToken[static_cast<uint8_t>((*raw)[0])] = static_cast<int>(id);
        index->bytes[id] = std::move(*raw);
    }
    index->merges.reserve(m_merges.size());
    for (size_t rank = 0; rank < m_merges.size(); ++rank) {
        const auto& [left, right] = m_merges[rank];
        const int l = idOfText.at(left), r = idOfText.at(right);
        const int result = idOfText.at(left + right);
        // A repeated merge keeps its first rank, as llama.cpp's bpe_ranks.emplace does.
        index->merges.emplace(Index::key(l, r), Index::Merge{static_cast<int>(rank), result});
    }
    m_index = std::move(index);
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

std::vector<int> Tokenizer::encode(std::string_view bytes) const
{
    if (!m_index)
        throw std::logic_error("encode() on a default-constructed Tokenizer (use fromGguf or train)");
    const Index& index = *m_index;
    std::vector<int> out;
    out.reserve(bytes.size() / 2 + 1);
    std::vector<Symbol> symbols;
    std::vector<Bigram> queue;

    pretok::Gpt2Splitter splitter(bytes);
    for (pretok::Piece piece; splitter.next(piece);) {
        const std::string_view word = piece.text;
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
    return out;
}

std::string Tokenizer::tokenBytes(int id) const
{
    if (id < 0 || id >= vocabSize())
        throw std::out_of_range("token id " + std::to_string(id) + " is outside the vocabulary of " +
                                std::to_string(vocabSize()));
    return m_index->bytes[static_cast<size_t>(id)];
}

std::string Tokenizer::decode(std::span<const int> ids) const
{
    std::string out;
    for (const int id : ids) {
        if (id < 0 || id >= vocabSize())
            throw std::out_of_range("token id " + std::to_string(id) + " is outside the vocabulary of " +
                                    std::to_string(vocabSize()));
        out += m_index->bytes[static_cast<size_t>(id)];
    }
    return out;
}

bool Tokenizer::operator==(const Tokenizer& other) const
{
    return m_tokens == other.m_tokens && m_types == other.m_types && m_merges == other.m_merges &&
           m_bos == other.m_bos && m_eos == other.m_eos && m_addBos == other.m_addBos &&
           m_addEos == other.m_addEos;
}

} // namespace moe

// BPE training: learns merges from pre-tokenised text. Words are counted once each; pair counts
// are kept up to date incrementally (only words holding the merged pair are revisited), and a
// lazily updated max-heap picks the most frequent pair. Ties go to the smaller (left id, right id),
// so training is deterministic.
//
// Digits are never merged: number pre-tokens (` ?\p{N}+` in GPT-2, any piece holding an ASCII
// digit in the other pre-tokenizers) contribute only the byte pairs inside one code point, so no
// merge ever joins two digits or a digit and its leading space.
#include "moe/tokenizer.h"

#include "bpe_learner.h"
#include "byte_alphabet.h"
#include "pre_tokenizer.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace moe {
namespace {

constexpr const char* kEndOfText = "<|endoftext|>";

uint64_t pairKey(int32_t left, int32_t right)
{
    return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) | static_cast<uint32_t>(right);
}
int32_t leftOf(uint64_t key)
{
    return static_cast<int32_t>(key >> 32);
}
int32_t rightOf(uint64_t key)
{
    return static_cast<int32_t>(key & 0xFFFFFFFFu);
}

struct HeapEntry {
    int64_t count;
    uint64_t pair;
    // Max-heap order: higher count first, then the smaller pair (left id, then right id).
    bool operator<(const HeapEntry& o) const
    {
        return count < o.count || (count == o.count && pair > o.pair);
    }
};

// Unique words (as raw bytes) with their counts; single bytes are left out, they hold no pair.
bool hasAsciiDigit(std::string_view bytes)
{
    return std::any_of(bytes.begin(), bytes.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::unordered_map<std::string, int64_t> countWords(std::span<const std::string> texts, pretok::Family family)
{
    std::unordered_map<std::string, int64_t> counts;
    const auto add = [&](std::string_view word) {
        if (word.size() >= 2)
            ++counts[std::string(word)];
    };
    const auto addPiece = [&](std::string_view piece, bool number) {
        if (!number) {
            add(piece);
            return;
        }
        for (size_t i = 0; i < piece.size();) { // one word per code point
            const size_t length = pretok::decodeUnit(piece, i).length;
            add(piece.substr(i, length));
            i += length;
        }
    };
    std::vector<std::string_view> pieces;
    for (const std::string& text : texts) {
        if (family == pretok::Family::Gpt2) { // streaming: training reads megabytes
            pretok::Gpt2Splitter splitter(text);
            for (pretok::Piece piece; splitter.next(piece);)
                addPiece(piece.text, piece.number);
            continue;
        }
        pieces.clear();
        pretok::splitInto(family, text, pieces);
        for (const std::string_view piece : pieces)
            addPiece(piece, hasAsciiDigit(piece));
    }
    return counts;
}

} // namespace

LearnedMerges learnMerges(std::unordered_map<std::string, int64_t> counts, size_t maxMerges, int64_t minCount)
{
    // Words in byte order, so nothing depends on hash-map iteration order.
    std::vector<std::pair<std::string, int64_t>> unique(std::make_move_iterator(counts.begin()),
                                                        std::make_move_iterator(counts.end()));
    counts.clear();
    std::sort(unique.begin(), unique.end());
    std::vector<std::vector<int32_t>> words(unique.size());
    std::vector<int64_t> freq(unique.size());
    for (size_t w = 0; w < unique.size(); ++w) {
        for (const char c : unique[w].first)
            words[w].push_back(static_cast<uint8_t>(c));
        freq[w] = unique[w].second;
    }
    unique.clear();

    std::vector<std::string> tokenBytes(256);
    for (int b = 0; b < 256; ++b)
        tokenBytes[b] = std::string(1, static_cast<char>(b));

    std::unordered_map<uint64_t, int64_t> pairCount;
    std::unordered_map<uint64_t, std::vector<int32_t>> pairWords; // may list a word twice or stale
    for (size_t w = 0; w < words.size(); ++w) {
        for (size_t i = 0; i + 1 < words[w].size(); ++i) {
            const uint64_t key = pairKey(words[w][i], words[w][i + 1]);
            pairCount[key] += freq[w];
            auto& list = pairWords[key];
            if (list.empty() || list.back() != static_cast<int32_t>(w))
                list.push_back(static_cast<int32_t>(w));
        }
    }
    std::vector<HeapEntry> heap;
    heap.reserve(pairCount.size());
    for (const auto& [key, count] : pairCount)
        heap.push_back({count, key});
    std::make_heap(heap.begin(), heap.end());

    std::vector<std::pair<int32_t, int32_t>> merges;
    std::vector<int32_t> seenAt(words.size(), -1); // last merge id that revisited a word
    std::vector<int32_t> merged;
    std::vector<uint64_t> grown;
    while (merges.size() < maxMerges && !heap.empty()) {
        std::pop_heap(heap.begin(), heap.end());
        const HeapEntry top = heap.back();
        heap.pop_back();
        const auto found = pairCount.find(top.pair);
        const int64_t count = found == pairCount.end() ? 0 : found->second;
        if (count != top.count) { // stale: re-queue a drop (a rise was queued when it happened)
            if (count > 0 && count < top.count) {
                heap.push_back({count, top.pair});
                std::push_heap(heap.begin(), heap.end());
            }
            continue;
        }
        if (count < minCount)
            break;
        const int32_t left = leftOf(top.pair), right = rightOf(top.pair);
        std::string bytes = tokenBytes[left] + tokenBytes[right];
        if (hasAsciiDigit(bytes) || bytes == kEndOfText) { // unreachable by construction; never learn it
            pairCount.erase(top.pair);
            continue;
        }
        const auto newId = static_cast<int32_t>(tokenBytes.size());
        tokenBytes.push_back(std::move(bytes));
        merges.emplace_back(left, right);

        std::vector<int32_t> affected = std::move(pairWords[top.pair]);
        pairWords.erase(top.pair);
        grown.clear();
        for (const int32_t w : affected) {
            if (seenAt[w] == newId)
                continue;
            seenAt[w] = newId;
            std::vector<int32_t>& word = words[w];
            const int64_t f = freq[w];
            merged.clear();
            for (size_t i = 0; i < word.size(); ++i) {
                if (i + 1 < word.size() && word[i] == left && word[i + 1] == right) {
                    merged.push_back(newId);
                    ++i;
                } else {
                    merged.push_back(word[i]);
                }
            }
            if (merged.size() == word.size())
                continue; // a stale entry: the word no longer holds the pair
            for (size_t i = 0; i + 1 < word.size(); ++i) {
                const auto it = pairCount.find(pairKey(word[i], word[i + 1]));
                if ((it->second -= f) == 0)
                    pairCount.erase(it);
            }
            for (size_t i = 0; i + 1 < merged.size(); ++i) {
                const uint64_t key = pairKey(merged[i], merged[i + 1]);
                pairCount[key] += f;
                if (merged[i] == newId || merged[i + 1] == newId) {
                    auto& list = pairWords[key];
                    if (list.empty() || list.back() != w)
                        list.push_back(w);
                    grown.push_back(key);
                }
            }
            word.swap(merged);
        }
        std::sort(grown.begin(), grown.end());
        grown.erase(std::unique(grown.begin(), grown.end()), grown.end());
        for (const uint64_t key : grown) {
            heap.push_back({pairCount.at(key), key});
            std::push_heap(heap.begin(), heap.end());
        }
    }

    return {std::move(tokenBytes), std::move(merges)};
}

Tokenizer Tokenizer::train(std::span<const std::string> texts, const BpeTrainingOptions& options)
{
    if (options.vocabSize < 257)
        throw std::invalid_argument("BPE vocab size " + std::to_string(options.vocabSize) +
                                    " is too small: it needs 256 byte tokens and <|endoftext|>");
    const size_t maxMerges = static_cast<size_t>(options.vocabSize) - 257;
    const int64_t minCount = std::max(1, options.minPairCount);
    const std::optional<pretok::Family> family = pretok::familyOf(options.pre);
    if (!family)
        throw std::invalid_argument("unknown pre-tokenizer '" + options.pre + "'");

    LearnedMerges learned = learnMerges(countWords(texts, *family), maxMerges, minCount);
    Tokenizer t;
    t.m_model = TokenizerModel::Bpe;
    t.m_pre = options.pre;
    for (const std::string& bytes : learned.tokenBytes) {
        t.m_tokens.push_back(byte_alphabet::encode(bytes));
        t.m_types.push_back(TokenType::Normal);
    }
    for (const auto& [left, right] : learned.merges)
        t.m_merges.emplace_back(t.m_tokens[left], t.m_tokens[right]);
    t.m_tokens.emplace_back(kEndOfText);
    t.m_types.push_back(TokenType::Control);
    t.m_bos = t.m_eos = static_cast<int>(t.m_tokens.size()) - 1;
    t.m_addBos = true;
    t.m_addEos = false;
    t.buildIndex();
    return t;
}

} // namespace moe

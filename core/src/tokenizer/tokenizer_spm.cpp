// SentencePiece encoding as llama.cpp's llm_tokenizer_spm_session does it: split into UTF-8
// characters (by lead byte, unchecked), repeatedly merge the adjacent pair whose concatenation is the
// token with the highest score (ties to the leftmost), then emit each symbol's token; a symbol that
// is no token is re-split into the pair that formed it, or emitted as byte-fallback tokens.
#include "tokenizer_index.h"

#include <map>
#include <queue>

namespace moe {
namespace {

struct SpmSymbol {
    size_t start;  // byte offset in the text
    size_t length; // 0 once merged into its left neighbour
    int prev, next;
};

struct SpmBigram {
    int left, right;
    float score;
    size_t length;
    // std::priority_queue keeps the "largest" on top: the highest score, then the leftmost.
    bool operator<(const SpmBigram& o) const
    {
        return score < o.score || (score == o.score && left > o.left);
    }
};

// The byte count of the UTF-8 character a lead byte starts (llama.cpp's unicode_len_utf8).
size_t utf8Length(char lead)
{
    static constexpr size_t kLength[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
    return kLength[static_cast<uint8_t>(lead) >> 4];
}

} // namespace

void Tokenizer::encodeSpm(std::string_view text, std::vector<int>& out) const
{
    const Index& index = *m_index;
    std::vector<SpmSymbol> symbols;
    for (size_t offset = 0; offset < text.size();) {
        const size_t n = std::min(utf8Length(text[offset]), text.size() - offset);
        const int i = static_cast<int>(symbols.size());
        symbols.push_back({offset, n, i - 1, offset + n == text.size() ? -1 : i + 1});
        offset += n;
    }
    std::priority_queue<SpmBigram> queue;
    std::map<std::string, std::pair<int, int>, std::less<>> formedBy; // merged text -> the pair that made it
    const auto tryAdd = [&](int left, int right) {
        if (left < 0 || right < 0)
            return;
        const std::string merged(
            text.substr(symbols[left].start, symbols[left].length + symbols[right].length));
        const auto it = index.idOfText.find(merged);
        if (it == index.idOfText.end())
            return;
        queue.push({left, right, m_scores.empty() ? 0.0f : m_scores[it->second], merged.size()});
        formedBy[merged] = {left, right};
    };
    for (int i = 1; i < static_cast<int>(symbols.size()); ++i)
        tryAdd(i - 1, i);
    while (!queue.empty()) {
        const SpmBigram b = queue.top();
        queue.pop();
        SpmSymbol& left = symbols[b.left];
        SpmSymbol& right = symbols[b.right];
        // llama.cpp checks only the lengths: a symbol that changed but kept its length still merges.
        if (left.length == 0 || right.length == 0 || left.length + right.length != b.length)
            continue;
        left.length += right.length;
        right.length = 0;
        left.next = right.next;
        if (right.next >= 0)
            symbols[right.next].prev = b.left;
        tryAdd(left.prev, b.left);
        tryAdd(b.left, left.next);
    }
    // depth: llama.cpp recurses without a bound; a cycle cannot come from a consistent queue, but a
    // bound keeps a malformed vocabulary from overflowing the stack (its bytes are emitted instead).
    const auto emit = [&](auto&& self, const SpmSymbol& symbol, int depth) -> void {
        const std::string_view piece = text.substr(symbol.start, symbol.length);
        if (const auto it = index.idOfText.find(std::string(piece)); it != index.idOfText.end()) {
            out.push_back(it->second);
            return;
        }
        const auto formed = formedBy.find(piece);
        if (formed == formedBy.end() || depth > 64) {
            for (const char c : piece)
                out.push_back(index.byteToken[static_cast<uint8_t>(c)]);
            return;
        }
        self(self, symbols[formed->second.first], depth + 1);
        self(self, symbols[formed->second.second], depth + 1);
    };
    for (int i = symbols.empty() ? -1 : 0; i != -1; i = symbols[i].next)
        emit(emit, symbols[i], 0);
}

} // namespace moe

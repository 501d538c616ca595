// Small real vocabularies of each kind llama.cpp reads, for models with random weights: so that a
// random qwen2moe carries a qwen2 BPE vocabulary and a random Mixtral a SentencePiece one, and
// llama.cpp and moe can be compared on the tokenizer those files really use.
#include "bpe_learner.h"
#include "pre_tokenizer.h"
#include "tokenizer_index.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace moe {
namespace {

constexpr int kMinVocab = 300;
constexpr const char* kSpace = "\xE2\x96\x81"; // U+2581, SentencePiece's space
constexpr char kSpacePlaceholder = '\x01'; // stands for U+2581 while learning (one byte, never merged apart)

// The special tokens of a BPE family as its real models name them: BOS, EOS, then others.
struct FamilySpecials {
    std::vector<std::string> tokens;
    int bos, eos;
    bool addBos; // tokenizer.ggml.add_bos_token of the real models
};

FamilySpecials specialsOf(std::string_view pre)
{
    switch (pretok::familyOf(pre).value_or(pretok::Family::Gpt2)) {
    case pretok::Family::Llama3:
        if (pre == "dbrx" || pre == "smaug-bpe")
            break;
        return {{"<|begin_of_text|>", "<|end_of_text|>", "<|eot_id|>"}, 0, 1, true};
    case pretok::Family::Qwen2:
        return {{"<|endoftext|>", "<|im_start|>", "<|im_end|>"}, 0, 0, false};
    case pretok::Family::DeepseekLlm:
    case pretok::Family::DeepseekV3:
        return {{"<\xEF\xBD\x9C"
                 "begin\xE2\x96\x81of\xE2\x96\x81sentence\xEF\xBD\x9C>",
                 "<\xEF\xBD\x9C"
                 "end\xE2\x96\x81of\xE2\x96\x81sentence\xEF\xBD\x9C>"},
                0,
                1,
                true};
    default:
        break;
    }
    return {{"<|endoftext|>"}, 0, 0, false};
}

bool isValidUtf8(std::string_view bytes)
{
    for (size_t i = 0; i < bytes.size();) {
        const pretok::Unit unit = pretok::decodeUnit(bytes, i);
        if (unit.codePoint == 0xFFFD && unit.length == 1)
            return false;
        i += unit.length;
    }
    return true;
}

std::string withSpaces(std::string_view bytes) // the placeholder back to U+2581
{
    std::string out;
    for (const char c : bytes)
        out += c == kSpacePlaceholder ? std::string_view(kSpace) : std::string_view(&c, 1);
    return out;
}

} // namespace

VocabKind vocabKindOfArchitecture(std::string_view arch)
{
    if (arch == "llama" || arch == "phimoe")
        return {TokenizerModel::SentencePiece, ""};
    if (arch == "qwen2moe" || arch == "qwen3moe")
        return {TokenizerModel::Bpe, "qwen2"};
    if (arch == "olmoe")
        return {TokenizerModel::Bpe, "olmo"};
    if (arch == "deepseek2")
        return {TokenizerModel::Bpe, "deepseek-llm"};
    if (arch == "dbrx")
        return {TokenizerModel::Bpe, "dbrx"};
    if (arch == "granitemoe")
        return {TokenizerModel::Bpe, "refact"};
    throw std::invalid_argument("no vocabulary kind is known for architecture '" + std::string(arch) + "'");
}

Tokenizer Tokenizer::buildVocab(const VocabKind& kind, std::span<const std::string> texts, int vocabSize)
{
    if (vocabSize < kMinVocab)
        throw std::invalid_argument("vocabulary size " + std::to_string(vocabSize) + " is below " +
                                    std::to_string(kMinVocab));
    if (kind.model == TokenizerModel::Bpe) {
        if (!isKnownPreTokenizer(kind.pre))
            throw std::invalid_argument("unknown pre-tokenizer '" + kind.pre + "'");
        const FamilySpecials specials = specialsOf(kind.pre);
        Tokenizer t = train(texts, {.vocabSize = vocabSize - static_cast<int>(specials.tokens.size()) + 1,
                                    .minPairCount = 2,
                                    .pre = kind.pre});
        t.m_tokens.pop_back(); // train()'s <|endoftext|>: the family's own special tokens follow
        t.m_types.pop_back();
        const int first = static_cast<int>(t.m_tokens.size());
        for (const std::string& special : specials.tokens) {
            t.m_tokens.push_back(special);
            t.m_types.push_back(TokenType::Control);
        }
        t.m_bos = first + specials.bos;
        t.m_eos = first + specials.eos;
        t.m_addBos = specials.addBos;
        t.buildIndex();
        return t;
    }

    // SentencePiece, laid out like Mixtral's vocabulary.
    Tokenizer t;
    t.m_model = TokenizerModel::SentencePiece;
    t.m_pre.clear();
    const auto add = [&](std::string text, TokenType type, float score) {
        t.m_tokens.push_back(std::move(text));
        t.m_types.push_back(type);
        t.m_scores.push_back(score);
    };
    add("<unk>", TokenType::Unknown, 0.0f);
    add("<s>", TokenType::Control, 0.0f);
    add("</s>", TokenType::Control, 0.0f);
    for (int b = 0; b < 256; ++b)
        add(byteTokenText(static_cast<uint8_t>(b)), TokenType::Byte, 0.0f);
    std::set<std::string> known(t.m_tokens.begin(), t.m_tokens.end());

    // Words as SentencePiece sees them: "▁word" after each whitespace run; control characters
    // (newlines, tabs) separate words and are left to byte fallback.
    std::unordered_map<std::string, int64_t> words;
    std::map<std::string, int64_t> characters;
    for (const std::string& text : texts) {
        std::string word(1, kSpacePlaceholder);
        const auto flush = [&] {
            if (word.size() > 1)
                ++words[word];
            word.assign(1, kSpacePlaceholder);
        };
        for (size_t i = 0; i < text.size();) {
            const pretok::Unit unit = pretok::decodeUnit(text, i);
            const std::string_view bytes(text.data() + i, unit.length);
            i += unit.length;
            if (unit.codePoint <= 0x20 || unit.codePoint == 0x7F ||
                (unit.codePoint == 0xFFFD && unit.length == 1)) {
                flush();
                continue;
            }
            ++characters[std::string(bytes)];
            word += bytes;
        }
        flush();
    }
    // "▁" first, then characters by frequency (ties by bytes), scored below every learned piece.
    std::vector<std::pair<int64_t, std::string>> byCount;
    for (const auto& [c, n] : characters)
        byCount.emplace_back(-n, c);
    std::sort(byCount.begin(), byCount.end());
    std::vector<std::string> singles{kSpace};
    for (const auto& [negCount, c] : byCount)
        singles.push_back(c);
    const size_t budget = static_cast<size_t>(vocabSize);
    float charScore = -1e6f;
    for (const std::string& c : singles) {
        if (t.m_tokens.size() >= budget)
            break;
        if (known.insert(c).second)
            add(c, TokenType::Normal, charScore--);
    }
    // Learned pieces: earlier merges are more frequent and score higher, so llama.cpp's
    // highest-score-first merging rebuilds them. Pieces that split a character are skipped.
    const size_t room = budget - std::min(budget, t.m_tokens.size());
    const LearnedMerges learned = learnMerges(std::move(words), 2 * room + 16, 2);
    float score = -1.0f;
    for (size_t k = 256; k < learned.tokenBytes.size() && t.m_tokens.size() < budget; ++k) {
        const std::string& bytes = learned.tokenBytes[k];
        if (!isValidUtf8(bytes))
            continue;
        std::string piece = withSpaces(bytes);
        if (known.insert(piece).second)
            add(std::move(piece), TokenType::Normal, score--);
    }
    t.m_unk = 0;
    t.m_bos = 1;
    t.m_eos = 2;
    t.m_addBos = true;
    t.m_addEos = false;
    t.m_addSpacePrefix = true;
    t.buildIndex();
    return t;
}

} // namespace moe

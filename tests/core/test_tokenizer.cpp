// Tests of the byte-level BPE tokenizer: the GPT-2 pre-tokenizer splits (as llama.cpp's "gpt-2"
// pre-tokenizer makes them), merge order, the byte round trip for any input, the trainer's
// guarantees (digits never merged, deterministic), and tokenizer.ggml.* reading and writing.
#include "moe/error.h"
#include "moe/gguf.h"
#include "moe/tokenizer.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(std::vector<std::string>)

namespace {

using Pieces = std::vector<std::string>;

// GPT-2's spelling of one byte (the same rule as the library's, restated so the test is independent).
std::string spellByte(uint8_t byte)
{
    const auto printable = [](int b) {
        return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    };
    uint32_t codePoint = byte;
    if (!printable(byte)) {
        codePoint = 0x100;
        for (int b = 0; b < byte; ++b)
            codePoint += printable(b) ? 0 : 1;
    }
    std::string out;
    if (codePoint < 0x80) {
        out.push_back(static_cast<char>(codePoint));
    } else {
        out.push_back(static_cast<char>(0xC0 | (codePoint >> 6)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    }
    return out;
}

std::string spell(std::string_view bytes)
{
    std::string out;
    for (const char c : bytes)
        out += spellByte(static_cast<uint8_t>(c));
    return out;
}

// A vocabulary in GGUF form: the 256 byte tokens (ids 0..255), one token per merge result (merges
// given as raw bytes, in rank order), then <|endoftext|>.
moe::GgufMetadata craftedMetadata(const std::vector<std::pair<std::string, std::string>>& merges)
{
    std::vector<std::string> tokens;
    for (int b = 0; b < 256; ++b)
        tokens.push_back(spellByte(static_cast<uint8_t>(b)));
    moe::GgufArray mergeArray{moe::GgufValueType::String, {}};
    for (const auto& [left, right] : merges) {
        const std::string result = spell(left + right);
        if (std::find(tokens.begin(), tokens.end(), result) == tokens.end())
            tokens.push_back(result);
        mergeArray.items.emplace_back(spell(left) + " " + spell(right));
    }
    tokens.push_back("<|endoftext|>");
    moe::GgufArray tokenArray{moe::GgufValueType::String, {}};
    moe::GgufArray typeArray{moe::GgufValueType::Int32, {}};
    for (size_t i = 0; i < tokens.size(); ++i) {
        tokenArray.items.emplace_back(tokens[i]);
        typeArray.items.emplace_back(int32_t{i + 1 == tokens.size() ? 3 : 1});
    }
    moe::GgufMetadata m("crafted.gguf");
    m.add("tokenizer.ggml.model", moe::GgufScalar{std::string("gpt2")});
    m.add("tokenizer.ggml.pre", moe::GgufScalar{std::string("gpt-2")});
    m.add("tokenizer.ggml.tokens", tokenArray);
    m.add("tokenizer.ggml.token_type", typeArray);
    m.add("tokenizer.ggml.merges", mergeArray);
    m.add("tokenizer.ggml.bos_token_id", moe::GgufScalar{static_cast<uint32_t>(tokens.size() - 1)});
    m.add("tokenizer.ggml.eos_token_id", moe::GgufScalar{static_cast<uint32_t>(tokens.size() - 1)});
    m.add("tokenizer.ggml.add_bos_token", moe::GgufScalar{true});
    m.add("tokenizer.ggml.add_eos_token", moe::GgufScalar{false});
    return m;
}

Pieces piecesOf(const moe::Tokenizer& tokenizer, const std::vector<int>& ids)
{
    Pieces out;
    for (const int id : ids)
        out.push_back(tokenizer.tokenBytes(id));
    return out;
}

// Deterministic across platforms: raw mt19937 output only (the std distributions are not portable).
struct Rng {
    explicit Rng(uint32_t seed) : engine(seed) {}
    uint32_t below(uint32_t n) { return static_cast<uint32_t>(engine() % n); }
    std::mt19937 engine;
};

std::string utf8(uint32_t cp)
{
    std::string out;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    return out;
}

// Prose-like text with numbers, punctuation, whitespace runs and some non-ASCII words.
std::string syntheticCorpus(uint32_t seed, size_t bytes)
{
    static const char* const kWords[] = {
        "the",  "expert", "router",   "token", "model",   "layer", "attention", "is",    "a",       "of",
        "and",  "to",     "mixture",  "gate",  "softmax", "sum",   "it's",      "we're", "they've", "Über",
        "café", "naïve",  "Ελληνικά", "漢字",  "données", "😀",     "straße",    "ñandú", "Москва",  "and"};
    static const char* const kSyllables[] = {"ka", "to", "ri", "men", "sol", "ex", "pra", "tion", "ver", "qu",
                                             "in", "de", "lo", "ba",  "st",  "ou", "gh",  "ny",   "zo",  "ph",
                                             "é",  "ü",  "ß",  "ça",  "ñe",  "λο", "ки",  "字"};
    Rng rng(seed);
    std::string out;
    while (out.size() < bytes) {
        const uint32_t kind = rng.below(20);
        if (kind < 7) {
            out += kWords[rng.below(std::size(kWords))];
        } else if (kind < 13) { // made-up words give the trainer many distinct pairs
            const uint32_t syllables = 1 + rng.below(4);
            for (uint32_t i = 0; i < syllables; ++i)
                out += kSyllables[rng.below(std::size(kSyllables))];
        } else if (kind < 16) {
            const uint32_t digits = 1 + rng.below(5);
            for (uint32_t d = 0; d < digits; ++d)
                out.push_back(static_cast<char>('0' + rng.below(10)));
        } else {
            static const char* const kPunct[] = {",", ".", "!", "?", " +", " =", ":", "(", ")", "--"};
            out += kPunct[rng.below(std::size(kPunct))];
        }
        const uint32_t gap = rng.below(30);
        out += gap < 24 ? " " : gap < 27 ? "\n" : gap < 29 ? "  " : "\n\n";
    }
    return out;
}

// Random inputs of several flavours, invalid UTF-8 included.
std::string randomInput(Rng& rng)
{
    const uint32_t length = rng.below(48);
    std::string out;
    const uint32_t flavour = rng.below(4);
    for (uint32_t i = 0; i < length; ++i) {
        switch (flavour) {
        case 0: // any bytes
            out.push_back(static_cast<char>(rng.below(256)));
            break;
        case 1: { // valid UTF-8 from several planes
            static const uint32_t kBases[] = {0x20,   0x30,   0xA0,   0x370,  0x400,
                                              0x2000, 0x3000, 0x4E00, 0x1F600};
            out += utf8(kBases[rng.below(std::size(kBases))] + rng.below(64));
            break;
        }
        case 2: { // ASCII text with spaces, digits and apostrophes
            static const char kChars[] = "ab cd'st re\n\t0123456789 ,.!";
            out.push_back(kChars[rng.below(sizeof kChars - 1)]);
            break;
        }
        default: { // valid UTF-8 with truncated, overlong and stray bytes mixed in
            static const char* const kOdd[] = {"\xC3",
                                               "\x80",
                                               "\xC0\xA0",
                                               "\xE2\x82",
                                               "\xF0\x9F\x98",
                                               "\xFF",
                                               "\xED\xA0\x80",
                                               "\xF4\x90\x80\x80",
                                               "'",
                                               " ",
                                               "é",
                                               "1"};
            out += kOdd[rng.below(std::size(kOdd))];
            break;
        }
        }
    }
    return out;
}

std::string join(const Pieces& pieces)
{
    std::string out;
    for (const std::string& p : pieces)
        out += "[" + p + "]";
    return out;
}

bool containsDigit(std::string_view bytes)
{
    return std::any_of(bytes.begin(), bytes.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The textbook reading of rank-ordered BPE: repeatedly merge the lowest-ranked adjacent pair,
// the leftmost on a tie. An independent check of the library's priority-queue version.
class ReferenceBpe {
public:
    explicit ReferenceBpe(const moe::Tokenizer& tokenizer)
    {
        for (size_t i = 0; i < tokenizer.merges().size(); ++i)
            m_rank.emplace(tokenizer.merges()[i], i);
        for (int id = 0; id < tokenizer.vocabSize(); ++id)
            m_idOf[tokenizer.tokens()[id]] = id;
    }

    std::vector<int> encode(std::string_view text) const
    {
        std::vector<int> out;
        for (const std::string_view piece : moe::preTokenizeGpt2(text)) {
            std::vector<std::string> symbols;
            for (const char c : piece)
                symbols.push_back(spellByte(static_cast<uint8_t>(c)));
            for (;;) {
                size_t best = SIZE_MAX, bestRank = SIZE_MAX;
                for (size_t i = 0; i + 1 < symbols.size(); ++i) {
                    const auto it = m_rank.find({symbols[i], symbols[i + 1]});
                    if (it != m_rank.end() && it->second < bestRank) {
                        best = i;
                        bestRank = it->second;
                    }
                }
                if (best == SIZE_MAX)
                    break;
                symbols[best] += symbols[best + 1];
                symbols.erase(symbols.begin() + static_cast<std::ptrdiff_t>(best) + 1);
            }
            for (const std::string& s : symbols)
                out.push_back(m_idOf.at(s));
        }
        return out;
    }

private:
    std::map<std::pair<std::string, std::string>, size_t> m_rank;
    std::map<std::string, int> m_idOf;
};

const std::vector<std::string>& trainingTexts()
{
    static const std::vector<std::string> texts{syntheticCorpus(/*seed=*/11, 200'000),
                                                syntheticCorpus(/*seed=*/12, 50'000)};
    return texts;
}

// Vocab 700 trained on trainingTexts(); shared by the tests that only read it.
const moe::Tokenizer& trainedTokenizer()
{
    static const moe::Tokenizer tokenizer =
        moe::Tokenizer::train(trainingTexts(), moe::BpeTrainingOptions{.vocabSize = 700, .minPairCount = 2});
    return tokenizer;
}

} // namespace

class TestTokenizer : public QObject {
    Q_OBJECT
private slots:
    void preTokenizerSplits_data();
    void preTokenizerSplits();
    void piecesCoverAnyInput();
    void documentedDigitExample();
    void mergesApplyInRankOrder();
    void encodingMatchesReferenceBpe();
    void roundTripsAnyBytes();
    void digitsAreSingleTokens();
    void trainedVocabularyLayout();
    void trainerIsDeterministic();
    void trainerStopsAtMinPairCount();
    void trainerRejectsTinyVocab();
    void trainsFastEnough();
    void decodeSkipsControlAndRejectsBadIds();
    void writeToWritesLlamaCppKeys();
    void metadataRoundTrip();
    void ggufFileRoundTrip();
    void fromGgufRejects_data();
    void fromGgufRejects();
    void encodesFromManyThreads();
};

void TestTokenizer::preTokenizerSplits_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<Pieces>("pieces");
    QTest::newRow("documented example")
        << std::string("x 12345 abc1 it's") << Pieces{"x", " 12345", " abc", "1", " it", "'s"};
    QTest::newRow("empty") << std::string() << Pieces{};
    QTest::newRow("contractions") << std::string("I'm we're they've he'll she'd don't")
                                  << Pieces{"I",   "'m",  " we",  "'re", " they", "'ve",
                                            " he", "'ll", " she", "'d",  " don",  "'t"};
    QTest::newRow("upper-case contraction is punctuation") << std::string("IT'S") << Pieces{"IT", "'", "S"};
    QTest::newRow("apostrophe run") << std::string("x''s") << Pieces{"x", "''", "s"};
    QTest::newRow("trailing apostrophe") << std::string("dogs'") << Pieces{"dogs", "'"};
    QTest::newRow("punctuation") << std::string("hello, world!! ?!")
                                 << Pieces{"hello", ",", " world", "!!", " ?!"};
    QTest::newRow("double space before word") << std::string("a  b") << Pieces{"a", " ", " b"};
    QTest::newRow("leading spaces") << std::string("   a") << Pieces{"  ", " a"};
    QTest::newRow("trailing spaces") << std::string("a   ") << Pieces{"a", "   "};
    QTest::newRow("only spaces") << std::string("    ") << Pieces{"    "};
    QTest::newRow("single space") << std::string(" ") << Pieces{" "};
    QTest::newRow("newlines") << std::string("a\n\nb") << Pieces{"a", "\n", "\n", "b"};
    QTest::newRow("space newline space") << std::string("a \n b") << Pieces{"a", " \n", " b"};
    QTest::newRow("whitespace before punctuation") << std::string("x \t !") << Pieces{"x", " \t", " !"};
    QTest::newRow("tab is not a prefix") << std::string("\tx") << Pieces{"\t", "x"};
    QTest::newRow("space before number") << std::string("pay 100 now") << Pieces{"pay", " 100", " now"};
    QTest::newRow("number then letters") << std::string("3rd 42nd") << Pieces{"3", "rd", " 42", "nd"};
    QTest::newRow("decimal") << std::string("3.14") << Pieces{"3", ".", "14"};
    QTest::newRow("accented letters") << std::string("café naïve über") << Pieces{"café", " naïve", " über"};
    QTest::newRow("greek") << std::string("Ελληνικά γράμματα") << Pieces{"Ελληνικά", " γράμματα"};
    QTest::newRow("cjk letters join latin") << std::string("漢字abc 日本") << Pieces{"漢字abc", " 日本"};
    QTest::newRow("emoji are symbols") << std::string("😀😀 ok 🎉!") << Pieces{"😀😀", " ok", " 🎉!"};
    QTest::newRow("combining mark is not a letter")
        << std::string("e\xCC\x81t") << Pieces{"e", "\xCC\x81", "t"};
    QTest::newRow("superscript is a number") << std::string("x² ٣٤") << Pieces{"x", "²", " ٣٤"};
    QTest::newRow("no-break space is whitespace, not a prefix") << std::string("a\xC2\xA0\xC2\xA0"
                                                                               "b")
                                                                << Pieces{"a", "\xC2\xA0", "\xC2\xA0", "b"};
    QTest::newRow("ideographic space") << std::string("a\xE3\x80\x80"
                                                      "b")
                                       << Pieces{"a", "\xE3\x80\x80", "b"};
    QTest::newRow("invalid bytes are symbols") << std::string("a\xFF\xFE"
                                                              "b")
                                               << Pieces{"a", "\xFF\xFE", "b"};
    QTest::newRow("stray continuation") << std::string("\x80 x \xFF") << Pieces{"\x80", " x", " \xFF"};
    QTest::newRow("truncated sequence") << std::string("ab\xC3") << Pieces{"ab", "\xC3"};
    // llama.cpp decodes overlong forms: C0 A0 reads as a space, C1 A7 as 'g'.
    QTest::newRow("overlong space prefixes a word") << std::string("\xC0\xA0"
                                                                   "abc")
                                                    << Pieces{"\xC0\xA0"
                                                              "abc"};
    QTest::newRow("overlong letter") << std::string("a\xC1\xA7"
                                                    "b")
                                     << Pieces{"a\xC1\xA7"
                                               "b"};
    QTest::newRow("control characters are symbols")
        << std::string("a\x01\x02 b") << Pieces{"a", "\x01\x02", " b"};
}

void TestTokenizer::preTokenizerSplits()
{
    QFETCH(std::string, text);
    QFETCH(Pieces, pieces);
    Pieces got;
    for (const std::string_view p : moe::preTokenizeGpt2(text))
        got.emplace_back(p);
    QVERIFY2(got == pieces, ("got " + join(got) + ", expected " + join(pieces)).c_str());
}

void TestTokenizer::piecesCoverAnyInput()
{
    const uint32_t seed = 20240601;
    qInfo("seed %u", seed);
    Rng rng(seed);
    for (int i = 0; i < 3000; ++i) {
        const std::string text = randomInput(rng);
        std::string joined;
        const char* expectedStart = text.data();
        for (const std::string_view p : moe::preTokenizeGpt2(text)) {
            QVERIFY(!p.empty());
            QCOMPARE(static_cast<const void*>(p.data()), static_cast<const void*>(expectedStart));
            expectedStart += p.size();
            joined += p;
        }
        QCOMPARE(joined, text);
    }
}

void TestTokenizer::documentedDigitExample()
{
    // gguf-mixtral.md section 5, with merges crafted so that " 12345" and " abc" are tokens.
    const moe::Tokenizer tokenizer = moe::Tokenizer::fromGguf(craftedMetadata({{" ", "1"},
                                                                               {" 1", "2"},
                                                                               {" 12", "3"},
                                                                               {" 123", "4"},
                                                                               {" 1234", "5"},
                                                                               {" ", "a"},
                                                                               {" a", "b"},
                                                                               {" ab", "c"},
                                                                               {"'", "s"}}));
    const Pieces got = piecesOf(tokenizer, tokenizer.encode("x 12345 abc1 it's"));
    const Pieces expected{"x", " 12345", " abc", "1", " ", "i", "t", "'s"};
    QVERIFY2(got == expected, join(got).c_str());
}

void TestTokenizer::mergesApplyInRankOrder()
{
    const auto encode = [](const std::vector<std::pair<std::string, std::string>>& merges, const char* text) {
        const moe::Tokenizer tokenizer = moe::Tokenizer::fromGguf(craftedMetadata(merges));
        return join(piecesOf(tokenizer, tokenizer.encode(text)));
    };
    QCOMPARE(encode({{"b", "c"}, {"a", "b"}}, "abc"), std::string("[a][bc]"));
    QCOMPARE(encode({{"a", "b"}, {"b", "c"}}, "abc"), std::string("[ab][c]"));
    // Equal ranks go to the leftmost pair; a merge's result can merge again at a later rank.
    QCOMPARE(encode({{"a", "a"}}, "aaa"), std::string("[aa][a]"));
    QCOMPARE(encode({{"a", "a"}, {"aa", "aa"}}, "aaaaa"), std::string("[aaaa][a]"));
    QCOMPARE(encode({{"aa", "b"}, {"a", "a"}}, "aab"), std::string("[aab]")); // "aa b" waits for "aa"
    QCOMPARE(encode({{"a", "a"}, {"aa", "a"}}, "aaa"), std::string("[aaa]"));
    // A lower-ranked pair made by a merge wins over pairs queued before it.
    QCOMPARE(encode({{"x", "b"}, {"c", "d"}, {"b", "c"}, {"a", "bc"}}, "abcd"), std::string("[a][b][cd]"));
    QCOMPARE(encode({{"a", "bc"}, {"b", "c"}, {"c", "d"}}, "abcd"), std::string("[abc][d]"));
    // Merges never cross pre-token boundaries.
    QCOMPARE(encode({{"a", " "}, {" ", "b"}}, "a b"), std::string("[a][ b]"));
}

void TestTokenizer::encodingMatchesReferenceBpe()
{
    const moe::Tokenizer& tokenizer = trainedTokenizer();
    const uint32_t seed = 7;
    qInfo("seed %u", seed);
    Rng rng(seed);
    const ReferenceBpe reference(tokenizer);
    const std::string corpus = syntheticCorpus(/*seed=*/99, 20'000);
    for (int i = 0; i < 1000; ++i) {
        const size_t start = rng.below(static_cast<uint32_t>(corpus.size()));
        const std::string text = i % 2 ? corpus.substr(start, 1 + rng.below(200)) : randomInput(rng);
        QCOMPARE(tokenizer.encode(text), reference.encode(text));
    }
}

void TestTokenizer::roundTripsAnyBytes()
{
    const moe::Tokenizer& tokenizer = trainedTokenizer();
    const uint32_t seed = 12345;
    qInfo("seed %u", seed);
    Rng rng(seed);
    int nonAscii = 0;
    for (int i = 0; i < 5000; ++i) {
        const std::string text = randomInput(rng);
        nonAscii +=
            std::any_of(text.begin(), text.end(), [](char c) { return static_cast<uint8_t>(c) >= 0x80; });
        const std::vector<int> ids = tokenizer.encode(text);
        for (const int id : ids)
            QVERIFY(id >= 0 && id < tokenizer.vocabSize() && id != tokenizer.eosId());
        QCOMPARE(tokenizer.decode(ids), text);
    }
    QVERIFY(nonAscii > 1000);
    // Every single byte, and a long text with merges in use.
    for (int b = 0; b < 256; ++b) {
        const std::string text(1, static_cast<char>(b));
        QCOMPARE(tokenizer.encode(text), std::vector<int>{b});
    }
    const std::string corpus = syntheticCorpus(/*seed=*/5, 30'000);
    const std::vector<int> ids = tokenizer.encode(corpus);
    QVERIFY(ids.size() < corpus.size() / 2); // the merges do compress
    QCOMPARE(tokenizer.decode(ids), corpus);
}

void TestTokenizer::digitsAreSingleTokens()
{
    // A corpus full of numbers: the trainer still never merges a digit, nor a space into one.
    std::string text;
    for (int i = 0; i < 4000; ++i)
        text += std::to_string(i * 37 % 1000) + " + " + std::to_string(i) + " = " +
                std::to_string(i * 37 % 1000 + i) + "\n";
    const std::vector<std::string> texts{text, syntheticCorpus(3, 50'000)};
    const moe::Tokenizer tokenizer = moe::Tokenizer::train(texts, {.vocabSize = 600, .minPairCount = 2});
    QCOMPARE(tokenizer.vocabSize(), 600);
    for (int id = 0; id < tokenizer.vocabSize(); ++id) {
        const std::string bytes = tokenizer.tokenBytes(id);
        QVERIFY2(!containsDigit(bytes) || bytes.size() == 1, bytes.c_str());
    }
    for (const std::string sample :
         {"12 + 345 = 357", "pay 100 now", "x 12345 abc1 it's", "in 1999, 2024."}) {
        for (const std::string& piece : piecesOf(tokenizer, tokenizer.encode(sample)))
            QVERIFY2(!containsDigit(piece) || piece.size() == 1, (sample + " -> " + piece).c_str());
    }
    QCOMPARE(piecesOf(tokenizer, tokenizer.encode(" 123")), (Pieces{" ", "1", "2", "3"}));
    QCOMPARE(piecesOf(trainedTokenizer(), trainedTokenizer().encode("in 2024.")),
             (Pieces{"in", " ", "2", "0", "2", "4", "."}));
}

void TestTokenizer::trainedVocabularyLayout()
{
    const moe::Tokenizer& tokenizer = trainedTokenizer();
    QCOMPARE(tokenizer.vocabSize(), 700);
    QCOMPARE(static_cast<int>(tokenizer.merges().size()), 700 - 257);
    for (int b = 0; b < 256; ++b) {
        QCOMPARE(tokenizer.tokenBytes(b), std::string(1, static_cast<char>(b)));
        QCOMPARE(tokenizer.tokens()[b], spellByte(static_cast<uint8_t>(b)));
        QCOMPARE(tokenizer.tokenTypes()[b], moe::TokenType::Normal);
    }
    QCOMPARE(tokenizer.tokens()[32], std::string("Ġ"));
    QCOMPARE(tokenizer.tokens()[10], std::string("Ċ"));
    const int last = tokenizer.vocabSize() - 1;
    QCOMPARE(tokenizer.tokens()[last], std::string("<|endoftext|>"));
    QCOMPARE(tokenizer.tokenTypes()[last], moe::TokenType::Control);
    QCOMPARE(tokenizer.bosId(), last);
    QCOMPARE(tokenizer.eosId(), last);
    QVERIFY(tokenizer.addBos());
    QVERIFY(!tokenizer.addEos());
    // Merge i creates token 256 + i, whose text is the two parts joined.
    for (size_t i = 0; i < tokenizer.merges().size(); ++i) {
        const auto& [left, right] = tokenizer.merges()[i];
        QCOMPARE(tokenizer.tokens()[256 + i], left + right);
        QCOMPARE(tokenizer.tokenTypes()[256 + i], moe::TokenType::Normal);
    }
    std::vector<std::string> sorted = tokenizer.tokens();
    std::sort(sorted.begin(), sorted.end());
    QVERIFY(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    // The first merge is the corpus's most frequent byte pair (outside numbers), counted here.
    std::map<std::pair<uint8_t, uint8_t>, int> pairCounts;
    for (const std::string& text : trainingTexts())
        for (const std::string_view piece : moe::preTokenizeGpt2(text))
            if (!containsDigit(piece))
                for (size_t i = 0; i + 1 < piece.size(); ++i)
                    ++pairCounts[{static_cast<uint8_t>(piece[i]), static_cast<uint8_t>(piece[i + 1])}];
    const auto best =
        std::max_element(pairCounts.begin(), pairCounts.end(), [](const auto& a, const auto& b) {
            return a.second < b.second || (a.second == b.second && a.first > b.first);
        });
    QVERIFY(tokenizer.merges()[0] ==
            (std::pair{spellByte(best->first.first), spellByte(best->first.second)}));
}

void TestTokenizer::trainerIsDeterministic()
{
    const std::vector<std::string> texts{syntheticCorpus(/*seed=*/21, 60'000)};
    const moe::Tokenizer a = moe::Tokenizer::train(texts, {.vocabSize = 500, .minPairCount = 2});
    const moe::Tokenizer b = moe::Tokenizer::train(texts, {.vocabSize = 500, .minPairCount = 2});
    QVERIFY(a == b);
    QVERIFY(a.merges() == b.merges());
    const std::vector<std::string> otherTexts{syntheticCorpus(/*seed=*/22, 60'000)};
    const moe::Tokenizer other = moe::Tokenizer::train(otherTexts, {.vocabSize = 500});
    QVERIFY(!(a == other));
}

void TestTokenizer::trainerStopsAtMinPairCount()
{
    // Pre-tokens "ab" " ab" " ab" " cd" " cd" " x": pairs a+b 3 times; Ġ+a, Ġ+c, c+d twice; Ġ+x once.
    using Merge = std::pair<std::string, std::string>;
    const std::vector<std::string> texts{"ab ab ab cd cd x"};
    const moe::Tokenizer three = moe::Tokenizer::train(texts, {.vocabSize = 1000, .minPairCount = 3});
    QVERIFY(three.merges() == (std::vector<Merge>{{"a", "b"}}));
    QCOMPARE(three.vocabSize(), 256 + 1 + 1);
    // Ties go to the smaller (left id, right id): Ġ+c (32, 99) before Ġ+ab (32, 256) before c+d.
    const moe::Tokenizer two = moe::Tokenizer::train(texts, {.vocabSize = 1000, .minPairCount = 2});
    QVERIFY(two.merges() == (std::vector<Merge>{{"a", "b"}, {"Ġ", "c"}, {"Ġ", "ab"}, {"Ġc", "d"}}));
    const moe::Tokenizer none = moe::Tokenizer::train(texts, {.vocabSize = 1000, .minPairCount = 100});
    QCOMPARE(none.vocabSize(), 257);
    QCOMPARE(none.encode("ab"), (std::vector<int>{'a', 'b'}));
    // The vocabulary size caps the merges too.
    QCOMPARE(moe::Tokenizer::train(texts, {.vocabSize = 259, .minPairCount = 1}).merges().size(), size_t{2});
}

void TestTokenizer::trainerRejectsTinyVocab()
{
    const std::vector<std::string> texts{"abc"};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::Tokenizer::train(texts, {.vocabSize = 256}));
    QCOMPARE(moe::Tokenizer::train(texts, {.vocabSize = 257}).vocabSize(), 257);
}

void TestTokenizer::trainsFastEnough()
{
    // 500 kB at vocab 2048: about 0.2 s in Release. Printed, not asserted (sanitizer builds are slow).
    const std::vector<std::string> texts{syntheticCorpus(/*seed=*/31, 500'000)};
    QElapsedTimer timer;
    timer.start();
    const moe::Tokenizer tokenizer = moe::Tokenizer::train(texts, {.vocabSize = 2048, .minPairCount = 2});
    qInfo("trained %zu bytes to vocab %d in %lld ms", texts[0].size(), tokenizer.vocabSize(),
          static_cast<long long>(timer.elapsed()));
    QVERIFY(tokenizer.vocabSize() > 300);
}

void TestTokenizer::decodeSkipsControlAndRejectsBadIds()
{
    const moe::Tokenizer& tokenizer = trainedTokenizer();
    const std::vector<int> ids{tokenizer.bosId(), 'h', 'i', tokenizer.eosId()};
    QCOMPARE(tokenizer.decode(ids), std::string("hi"));
    QCOMPARE(tokenizer.tokenBytes(tokenizer.bosId()), std::string());
    // The special token's text is ordinary text to encode(): no special-token parsing.
    const std::string text = "<|endoftext|>";
    const std::vector<int> encoded = tokenizer.encode(text);
    QVERIFY(std::find(encoded.begin(), encoded.end(), tokenizer.eosId()) == encoded.end());
    QCOMPARE(tokenizer.decode(encoded), text);
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, tokenizer.decode(std::vector<int>{tokenizer.vocabSize()}));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, tokenizer.decode(std::vector<int>{-1}));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, tokenizer.tokenBytes(tokenizer.vocabSize()));
    const moe::Tokenizer empty;
    QVERIFY_THROWS_EXCEPTION(std::logic_error, empty.encode("x"));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, empty.decode(std::vector<int>{0}));
}

void TestTokenizer::writeToWritesLlamaCppKeys()
{
    const moe::Tokenizer& tokenizer = trainedTokenizer();
    moe::GgufMetadata m;
    tokenizer.writeTo(m);
    QCOMPARE(m.getString("tokenizer.ggml.model"), std::string("gpt2"));
    QCOMPARE(m.getString("tokenizer.ggml.pre"), std::string("gpt-2"));
    QCOMPARE(m.getStringArray("tokenizer.ggml.tokens"), tokenizer.tokens());
    const std::vector<int32_t> types = m.getI32Array("tokenizer.ggml.token_type");
    QCOMPARE(types.size(), static_cast<size_t>(tokenizer.vocabSize()));
    QCOMPARE(types[0], 1);
    QCOMPARE(types[300], 1);
    QCOMPARE(types.back(), 3);
    const std::vector<std::string> merges = m.getStringArray("tokenizer.ggml.merges");
    QCOMPARE(merges.size(), tokenizer.merges().size());
    QCOMPARE(merges[0], tokenizer.merges()[0].first + " " + tokenizer.merges()[0].second);
    QCOMPARE(m.getU32("tokenizer.ggml.bos_token_id"), static_cast<uint32_t>(tokenizer.bosId()));
    QCOMPARE(m.getU32("tokenizer.ggml.eos_token_id"), static_cast<uint32_t>(tokenizer.eosId()));
    QCOMPARE(m.getBool("tokenizer.ggml.add_bos_token"), true);
    QCOMPARE(m.getBool("tokenizer.ggml.add_eos_token"), false);
    QVERIFY(!m.contains("tokenizer.ggml.scores"));
    QVERIFY(!m.contains("tokenizer.ggml.add_space_prefix"));
    // Writing twice replaces rather than duplicates.
    tokenizer.writeTo(m);
    QCOMPARE(m.entries().size(), size_t{9});
}

void TestTokenizer::metadataRoundTrip()
{
    const moe::Tokenizer& tokenizer = trainedTokenizer();
    moe::GgufMetadata m;
    tokenizer.writeTo(m);
    const moe::Tokenizer loaded = moe::Tokenizer::fromGguf(m);
    QVERIFY(loaded == tokenizer);
    const std::string text = syntheticCorpus(/*seed=*/41, 5'000) + "\xFF\xC3 x";
    QCOMPARE(loaded.encode(text), tokenizer.encode(text));
}

void TestTokenizer::ggufFileRoundTrip()
{
    const moe::Tokenizer& tokenizer = trainedTokenizer();
    moe::GgufWriter writer;
    tokenizer.writeTo(writer.metadata());
    const std::vector<std::byte> bytes = writer.toBytes();
    const moe::GgufFile file = moe::GgufFile::parse(bytes, "tokenizer-only.gguf");
    const moe::Tokenizer loaded = moe::Tokenizer::fromGguf(file.metadata());
    QVERIFY(loaded == tokenizer);
    const std::string text = syntheticCorpus(/*seed=*/42, 5'000);
    QCOMPARE(loaded.encode(text), tokenizer.encode(text));
}

namespace {

using Mutation = std::function<void(moe::GgufMetadata&)>;

struct RejectCase {
    const char* name;
    Mutation mutate;
    std::vector<std::string> mustMention;
};

// Applies edit to a copy of the array under key and stores it back.
void editArray(moe::GgufMetadata& m, const char* key,
               const std::function<void(std::vector<moe::GgufScalar>&)>& edit)
{
    moe::GgufArray array = std::get<moe::GgufArray>(*m.find(key));
    edit(array.items);
    m.setOrReplace(key, array);
}

// Rebuilds the metadata without one key (GgufMetadata has no remove()).
void removeKey(moe::GgufMetadata& m, const std::string& key)
{
    moe::GgufMetadata copy(m.source());
    for (const auto& [k, v] : m.entries())
        if (k != key)
            copy.add(k, v);
    m = copy;
}

const std::vector<RejectCase>& rejectCases()
{
    using moe::GgufArray;
    using moe::GgufScalar;
    using moe::GgufValueType;
    static const std::vector<RejectCase> cases = {
        {"model missing",
         [](auto& m) { removeKey(m, "tokenizer.ggml.model"); },
         {"tokenizer.ggml.model", "missing"}},
        {"model bert",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.model", GgufScalar{std::string("bert")}); },
         {"tokenizer.ggml.model", "'bert'", "gpt2", "llama"}},
        {"model llama without byte-fallback tokens",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.model", GgufScalar{std::string("llama")}); },
         {"tokenizer.ggml.tokens", "<0x00>"}},
        {"model wrong type",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.model", GgufScalar{uint32_t{2}}); },
         {"tokenizer.ggml.model", "u32"}},
        {"pre missing",
         [](auto& m) { removeKey(m, "tokenizer.ggml.pre"); },
         {"tokenizer.ggml.pre", "missing"}},
        {"pre gpt2 without hyphen",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.pre", GgufScalar{std::string("gpt2")}); },
         {"tokenizer.ggml.pre", "'gpt2'", "not supported"}},
        {"pre tekken (known to llama.cpp, not implemented)",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.pre", GgufScalar{std::string("tekken")}); },
         {"tokenizer.ggml.pre", "'tekken'", "not supported"}},
        {"pre unknown",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.pre", GgufScalar{std::string("no-such-pre")}); },
         {"tokenizer.ggml.pre", "'no-such-pre'", "not supported"}},
        {"tokens missing",
         [](auto& m) { removeKey(m, "tokenizer.ggml.tokens"); },
         {"tokenizer.ggml.tokens", "missing"}},
        {"tokens wrong type",
         [](auto& m) {
             m.setOrReplace("tokenizer.ggml.tokens", GgufArray{GgufValueType::Int32, {int32_t{1}}});
         },
         {"tokenizer.ggml.tokens", "array of i32"}},
        {"token duplicate",
         [](auto& m) { editArray(m, "tokenizer.ggml.tokens", [](auto& items) { items[300] = items[256]; }); },
         {"tokenizer.ggml.tokens[300]", "duplicates", "[256]"}},
        {"token empty",
         [](auto& m) {
             editArray(m, "tokenizer.ggml.tokens", [](auto& items) { items[270] = std::string(); });
         },
         {"tokenizer.ggml.tokens[270]", "empty"}},
        {"byte token missing",
         [](auto& m) {
             editArray(m, "tokenizer.ggml.tokens", [](auto& items) { items[10] = std::string("XYZ"); });
         },
         {"tokenizer.ggml.tokens", "0x0A"}},
        {"normal token outside the byte alphabet",
         [](auto& m) {
             editArray(m, "tokenizer.ggml.tokens", [](auto& items) { items[299] = std::string("a b"); });
         },
         {"tokenizer.ggml.tokens[299]", "byte alphabet"}},
        {"token_type missing",
         [](auto& m) { removeKey(m, "tokenizer.ggml.token_type"); },
         {"tokenizer.ggml.token_type", "missing"}},
        {"token_type as u32",
         [](auto& m) {
             GgufArray a{GgufValueType::UInt32, {}};
             for (size_t i = 0; i < std::get<GgufArray>(*m.find("tokenizer.ggml.tokens")).items.size(); ++i)
                 a.items.emplace_back(uint32_t{1});
             m.setOrReplace("tokenizer.ggml.token_type", a);
         },
         {"tokenizer.ggml.token_type", "array of u32", "array of i32"}},
        {"token_type short",
         [](auto& m) { editArray(m, "tokenizer.ggml.token_type", [](auto& items) { items.pop_back(); }); },
         {"tokenizer.ggml.token_type", "entries", "one per token"}},
        {"token_type BYTE",
         [](auto& m) {
             editArray(m, "tokenizer.ggml.token_type", [](auto& items) { items[5] = int32_t{6}; });
         },
         {"tokenizer.ggml.token_type[5]", "6"}},
        {"scores short",
         [](auto& m) {
             m.setOrReplace("tokenizer.ggml.scores", GgufArray{GgufValueType::Float32, {0.0f}});
         },
         {"tokenizer.ggml.scores", "entries"}},
        {"scores as f64",
         [](auto& m) {
             m.setOrReplace("tokenizer.ggml.scores", GgufArray{GgufValueType::Float64, {0.0}});
         },
         {"tokenizer.ggml.scores", "f64"}},
        {"merges missing",
         [](auto& m) { removeKey(m, "tokenizer.ggml.merges"); },
         {"tokenizer.ggml.merges", "missing"}},
        {"merge without space",
         [](auto& m) {
             editArray(m, "tokenizer.ggml.merges", [](auto& items) { items[3] = std::string("ab"); });
         },
         {"tokenizer.ggml.merges[3]", "'left right'"}},
        {"merge with empty right part",
         [](auto& m) {
             editArray(m, "tokenizer.ggml.merges", [](auto& items) { items[4] = std::string("a "); });
         },
         {"tokenizer.ggml.merges[4]"}},
        {"merge part unknown",
         [](auto& m) {
             editArray(m, "tokenizer.ggml.merges", [](auto& items) { items[7] = std::string("a €"); });
         },
         {"tokenizer.ggml.merges[7]", "right part"}},
        {"merge result unknown",
         [](auto& m) {
             editArray(m, "tokenizer.ggml.merges", [](auto& items) { items[8] = std::string("q z"); });
         },
         {"tokenizer.ggml.merges[8]", "result", "'qz'"}},
        {"merge of the control token",
         [](auto& m) {
             editArray(m, "tokenizer.ggml.merges",
                       [](auto& items) { items[9] = std::string("<|endoftext|> a"); });
         },
         {"tokenizer.ggml.merges[9]", "left part"}},
        {"merge duplicate",
         [](auto& m) { editArray(m, "tokenizer.ggml.merges", [](auto& items) { items[12] = items[2]; }); },
         {"tokenizer.ggml.merges[12]", "duplicates", "[2]"}},
        {"bos missing",
         [](auto& m) { removeKey(m, "tokenizer.ggml.bos_token_id"); },
         {"tokenizer.ggml.bos_token_id", "missing"}},
        {"bos out of range",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.bos_token_id", GgufScalar{uint32_t{700}}); },
         {"tokenizer.ggml.bos_token_id", "700", "outside"}},
        {"bos as i32",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.bos_token_id", GgufScalar{int32_t{1}}); },
         {"tokenizer.ggml.bos_token_id", "i32", "u32"}},
        {"eos out of range",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.eos_token_id", GgufScalar{uint32_t{123456}}); },
         {"tokenizer.ggml.eos_token_id", "123456"}},
        {"add_bos as u8",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.add_bos_token", GgufScalar{uint8_t{1}}); },
         {"tokenizer.ggml.add_bos_token", "u8", "bool"}},
        {"add_eos as string",
         [](auto& m) { m.setOrReplace("tokenizer.ggml.add_eos_token", GgufScalar{std::string("no")}); },
         {"tokenizer.ggml.add_eos_token", "string"}},
    };
    return cases;
}

} // namespace

void TestTokenizer::fromGgufRejects_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < rejectCases().size(); ++i)
        QTest::newRow(rejectCases()[i].name) << static_cast<int>(i);
}

void TestTokenizer::fromGgufRejects()
{
    QFETCH(int, index);
    const RejectCase& c = rejectCases()[static_cast<size_t>(index)];
    moe::GgufMetadata m("bad.gguf");
    trainedTokenizer().writeTo(m);
    QVERIFY(moe::Tokenizer::fromGguf(m) == trainedTokenizer()); // the unmodified metadata loads
    c.mutate(m);
    try {
        moe::Tokenizer::fromGguf(m);
        QFAIL("the damaged tokenizer was accepted");
    } catch (const moe::FormatError& e) {
        const std::string message = e.what();
        QVERIFY2(message.starts_with("bad.gguf: "), e.what());
        for (const std::string& part : c.mustMention)
            QVERIFY2(message.find(part) != std::string::npos,
                     (message + "  [missing: " + part + "]").c_str());
    }
}

void TestTokenizer::encodesFromManyThreads()
{
    const moe::Tokenizer& tokenizer = trainedTokenizer();
    const std::string text = syntheticCorpus(/*seed=*/51, 20'000);
    const std::vector<int> expected = tokenizer.encode(text);
    std::vector<std::vector<int>> results(4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([&, t] {
            for (int repeat = 0; repeat < 3; ++repeat)
                results[t] = tokenizer.encode(text);
        });
    for (std::thread& t : threads)
        t.join();
    for (const std::vector<int>& r : results)
        QCOMPARE(r, expected);
}

QTEST_APPLESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"

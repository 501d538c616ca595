// SentencePiece, special tokens, the BPE pre-tokenizers inside encode(), and the vocabulary
// builders: known encodings from hand-made vocabularies (the ids llama.cpp's algorithms give),
// round trips, and what fromGguf refuses.
#include "moe/error.h"
#include "moe/gguf.h"
#include "moe/tokenizer.h"

#include <QTest>

#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

using moe::GgufArray;
using moe::GgufScalar;
using moe::GgufValueType;

const std::string kSpace = "\xE2\x96\x81"; // U+2581

struct Token {
    std::string text;
    int type;
    float score;
};

// A SentencePiece vocabulary like Mixtral's: <unk>, <s>, </s>, <0x00>..<0xFF> (ids 3..258), then
// the given pieces from id 259.
moe::GgufMetadata spmMetadata(const std::vector<Token>& pieces,
                              const std::function<void(std::vector<Token>&)>& edit = {})
{
    std::vector<Token> all{{"<unk>", 2, 0}, {"<s>", 3, 0}, {"</s>", 3, 0}};
    for (int b = 0; b < 256; ++b) {
        char text[8];
        std::snprintf(text, sizeof text, "<0x%02X>", b);
        all.push_back({text, 6, 0});
    }
    all.insert(all.end(), pieces.begin(), pieces.end());
    if (edit)
        edit(all);
    moe::GgufMetadata m("spm.gguf");
    GgufArray tokens{GgufValueType::String, {}}, types{GgufValueType::Int32, {}},
        scores{GgufValueType::Float32, {}};
    for (const Token& t : all) {
        tokens.items.emplace_back(t.text);
        types.items.emplace_back(int32_t{t.type});
        scores.items.emplace_back(t.score);
    }
    m.setOrReplace("tokenizer.ggml.model", GgufScalar{std::string("llama")});
    m.setOrReplace("tokenizer.ggml.tokens", tokens);
    m.setOrReplace("tokenizer.ggml.token_type", types);
    m.setOrReplace("tokenizer.ggml.scores", scores);
    return m;
}

// Ids of the pieces above: "▁" 259, "a" 260, "b" 261, "c" 262, "▁a" 263, "ab" 264, "bc" 265,
// "▁ab" 266, "▁abc" 267, "<tool>" 268 (USER_DEFINED), "x" 269, "▁x" 270, "<|im_end|>" 271 (NORMAL
// in the file, CONTROL to llama.cpp).
moe::Tokenizer spmTokenizer()
{
    return moe::Tokenizer::fromGguf(spmMetadata({{kSpace, 1, -5},
                                                 {"a", 1, -6},
                                                 {"b", 1, -7},
                                                 {"c", 1, -8},
                                                 {kSpace + "a", 1, -2},
                                                 {"ab", 1, -3},
                                                 {"bc", 1, -0.5f},
                                                 {kSpace + "ab", 1, -4},
                                                 {kSpace + "abc", 1, -10},
                                                 {"<tool>", 4, 0},
                                                 {"x", 1, -9},
                                                 {kSpace + "x", 1, -1},
                                                 {"<|im_end|>", 1, 0}}));
}

int byteId(uint8_t b)
{
    return 3 + b;
}

// Seeded sentences: enough repeated words for a few hundred merges.
std::vector<std::string> sampleTexts()
{
    static const std::vector<std::string> words = {
        "the",   "quick", "brown",  "fox",    "jumps", "over",    "lazy",  "dog",    "and",    "we're",
        "it's",  "late",  "number", "answer", "is",    "friends", "said",  "hello",  "every",  "day",
        "river", "stone", "light",  "under",  "again", "before",  "water", "garden", "people", "small"};
    static const std::vector<std::string> marks = {" ",  " ",  " ",  ", ", ". ", "! ",
                                                   "? ", "; ", "\n", " (", ") "};
    std::mt19937 rng(3);
    std::vector<std::string> texts;
    for (int t = 0; t < 40; ++t) {
        std::string text;
        for (int w = 0; w < 60; ++w) {
            text += words[std::uniform_int_distribution<size_t>(0, words.size() - 1)(rng)];
            if (w % 9 == 4) {
                text += ' ';
                text += std::to_string(std::uniform_int_distribution<int>(0, 99999)(rng));
            }
            text += marks[std::uniform_int_distribution<size_t>(0, marks.size() - 1)(rng)];
        }
        texts.push_back(text);
    }
    return texts;
}

std::string randomUtf8(std::mt19937& rng)
{
    static const std::vector<std::string> atoms = {"a",    "b", "x", " ",  "  ", "\n",  "\t", "é",
                                                   "中",   "😀", "1", "23", "!",  "'s",  "ab", "c",
                                                   "\r\n", "Ω", "~", ".",  "ß",  "ab c"};
    std::string s;
    const int n = std::uniform_int_distribution<int>(0, 12)(rng);
    for (int i = 0; i < n; ++i)
        s += atoms[std::uniform_int_distribution<size_t>(0, atoms.size() - 1)(rng)];
    return s;
}

} // namespace

class TestTokenizerKinds : public QObject {
    Q_OBJECT
private slots:
    void spmKnownEncodings_data();
    void spmKnownEncodings();
    void spmSpecialTokensAndBos();
    void spmDecodeIsTokenToPiece();
    void endOfGenerationNamesAreControl();
    void spmRoundTrip();
    void spmDefaultsAndKeys();
    void spmRejects_data();
    void spmRejects();
    void bpeIgnoreMergesOnlyForLlamaBpe();
    void bpeUsesItsPreTokenizer();
    void userDefinedTokensAlwaysSplitOut();
    void bpeUserDefinedTokens();
    void builtVocabularies_data();
    void builtVocabularies();
    void builderRejectsBadInput();
    void architectures();
};

void TestTokenizerKinds::spmKnownEncodings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("ids");
    // The space prefix makes "ab" "▁ab"; merges go by score: "bc" (-0.5) before "▁a" (-2), so
    // "abc" ends as "▁a"+"bc" -> "▁abc" although "ab" and "▁ab" are tokens too.
    QTest::newRow("space prefix") << "ab" << QList<int>{266};
    QTest::newRow("highest score first") << "abc" << QList<int>{267};
    // "bc" (-0.5) beats "ab" (-3): lowest-score-first would give "▁x" "ab" "c".
    QTest::newRow("score order") << "xabc" << QList<int>{270, 260, 265};
    QTest::newRow("spaces become U+2581") << "ab x" << QList<int>{266, 270};
    QTest::newRow("two spaces") << "x  x" << QList<int>{270, 259, 270};
    QTest::newRow("leading space") << " x" << QList<int>{259, 270};
    // é (C3 A9) and the newline have no pieces: byte-fallback tokens, upper-case hex.
    QTest::newRow("byte fallback") << "x\xC3\xA9\n"
                                   << QList<int>{270, byteId(0xC3), byteId(0xA9), byteId(0x0A)};
    QTest::newRow("four-byte character")
        << "😀" << QList<int>{259, byteId(0xF0), byteId(0x9F), byteId(0x98), byteId(0x80)};
    QTest::newRow("empty") << "" << QList<int>{};
}

void TestTokenizerKinds::spmKnownEncodings()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, ids);
    const std::vector<int> got = spmTokenizer().encode(text.toStdString());
    QCOMPARE(QList<int>(got.begin(), got.end()), ids);
}

void TestTokenizerKinds::spmSpecialTokensAndBos()
{
    const moe::Tokenizer t = spmTokenizer();
    QVERIFY(t.addBos());
    QVERIFY(!t.addEos());
    // llama_tokenize(add_special, parse_special): BOS, then a space prefix after each special token.
    QCOMPARE(t.encode("x</s>ab", {.addSpecial = true, .parseSpecial = true}),
             (std::vector<int>{1, 270, 2, 266}));
    // Without parse_special "</s>" is text: "▁x" then bytes for "<", "/", "s", ">" and "▁ab" merged.
    QCOMPARE(t.encode("x</s>", {.addSpecial = true}),
             (std::vector<int>{1, 270, byteId('<'), byteId('/'), byteId('s'), byteId('>')}));
}

void TestTokenizerKinds::endOfGenerationNamesAreControl()
{
    const moe::Tokenizer t = spmTokenizer();
    QCOMPARE(t.tokenTypes()[271], moe::TokenType::Normal); // as the file says, and as writeTo writes it
    QCOMPARE(t.encode("x<|im_end|>", {.parseSpecial = true}), (std::vector<int>{270, 271}));
    QCOMPARE(t.tokenBytes(271), std::string()); // hidden like a control token
}

void TestTokenizerKinds::spmDecodeIsTokenToPiece()
{
    const moe::Tokenizer t = spmTokenizer();
    QCOMPARE(t.tokenBytes(266), std::string(" ab"));
    QCOMPARE(t.tokenBytes(byteId(0x41)), std::string("A"));
    QCOMPARE(t.tokenBytes(1), std::string());           // CONTROL
    QCOMPARE(t.tokenBytes(0), std::string());           // UNKNOWN
    QCOMPARE(t.tokenBytes(268), std::string("<tool>")); // USER_DEFINED verbatim
    // One leading space is dropped (add_space_prefix), from the first piece only.
    QCOMPARE(t.decode(std::vector<int>{266, 270}), std::string("ab x"));
    QCOMPARE(t.decode(std::vector<int>{1, 266}),
             std::string(" ab")); // a leading BOS keeps it, as in llama.cpp
    QCOMPARE(t.decode(std::vector<int>{byteId(0xC3), byteId(0xA9)}), std::string("\xC3\xA9"));
}

void TestTokenizerKinds::spmRoundTrip()
{
    const moe::Tokenizer t = spmTokenizer();
    std::mt19937 rng(5);
    for (int i = 0; i < 2000; ++i) {
        const std::string text = randomUtf8(rng);
        QCOMPARE(t.decode(t.encode(text)), text);
    }
}

void TestTokenizerKinds::spmDefaultsAndKeys()
{
    const moe::Tokenizer t = spmTokenizer();
    QCOMPARE(t.model(), moe::TokenizerModel::SentencePiece);
    QCOMPARE(t.unknownId(), 0);
    QCOMPARE(t.bosId(), 1);
    QCOMPARE(t.eosId(), 2);
    QVERIFY(t.addSpacePrefix());
    moe::GgufMetadata m;
    t.writeTo(m);
    QCOMPARE(m.getString("tokenizer.ggml.model"), std::string("llama"));
    QVERIFY(!m.contains("tokenizer.ggml.merges"));
    QVERIFY(!m.contains("tokenizer.ggml.pre"));
    QCOMPARE(m.getF32Array("tokenizer.ggml.scores").size(), static_cast<size_t>(t.vocabSize()));
    QCOMPARE(m.getU32("tokenizer.ggml.unknown_token_id"), 0u);
    QCOMPARE(m.getBool("tokenizer.ggml.add_space_prefix"), true);
    QVERIFY(moe::Tokenizer::fromGguf(m) == t);
    m.setOrReplace("tokenizer.ggml.add_space_prefix", GgufScalar{false});
    m.setOrReplace("tokenizer.ggml.add_bos_token", GgufScalar{false});
    const moe::Tokenizer noPrefix = moe::Tokenizer::fromGguf(m);
    QCOMPARE(noPrefix.encode("ab x", {.addSpecial = true}), (std::vector<int>{264, 270}));
}

void TestTokenizerKinds::spmRejects_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("byte token missing") << 0;
    QTest::newRow("malformed byte token") << 1;
    QTest::newRow("scores short") << 2;
    QTest::newRow("token type 7") << 3;
}

void TestTokenizerKinds::spmRejects()
{
    QFETCH(int, which);
    std::function<void(std::vector<Token>&)> edit;
    std::vector<std::string> mention;
    switch (which) {
    case 0:
        edit = [](auto& all) { all[3 + 0x41] = {"<0xZZ_>", 1, 0}; };
        mention = {"tokenizer.ggml.tokens", "<0x41>"};
        break;
    case 1:
        edit = [](auto& all) { all[3 + 0x41].text = "<0x4>"; };
        mention = {"tokenizer.ggml.tokens[68]", "BYTE", "<0xXX>"};
        break;
    case 3:
        edit = [](auto& all) { all[259].type = 7; };
        mention = {"tokenizer.ggml.token_type[259]", "7"};
        break;
    }
    moe::GgufMetadata m = spmMetadata({{kSpace, 1, 0}}, edit);
    if (which == 2) {
        m.setOrReplace("tokenizer.ggml.scores", GgufArray{GgufValueType::Float32, {0.0f, 1.0f}});
        mention = {"tokenizer.ggml.scores", "2 entries"};
    }
    try {
        moe::Tokenizer::fromGguf(m);
        QFAIL("a broken SentencePiece vocabulary was accepted");
    } catch (const moe::FormatError& e) {
        for (const std::string& part : mention)
            QVERIFY2(std::string(e.what()).find(part) != std::string::npos, e.what());
    }
}

namespace {

// A BPE vocabulary by hand: the 256 byte tokens of a trained one, then "ab", "bc", "abc", with the
// merges "b c" (rank 0) and "a b" (rank 1): no merge makes "abc" from "a" + "bc".
moe::Tokenizer handBpe(const std::string& pre)
{
    const moe::Tokenizer trained =
        moe::Tokenizer::train(sampleTexts(), {.vocabSize = 257, .minPairCount = 2, .pre = "gpt-2"});
    moe::GgufMetadata m("bpe.gguf");
    trained.writeTo(m);
    GgufArray tokens{GgufValueType::String, {}}, types{GgufValueType::Int32, {}};
    for (int i = 0; i < 256; ++i) {
        tokens.items.emplace_back(trained.tokens()[i]);
        types.items.emplace_back(int32_t{1});
    }
    for (const char* t : {"ab", "bc", "abc"}) {
        tokens.items.emplace_back(std::string(t));
        types.items.emplace_back(int32_t{1});
    }
    tokens.items.emplace_back(std::string("<|endoftext|>"));
    types.items.emplace_back(int32_t{3});
    tokens.items.emplace_back(std::string("|||IP ADDRESS|||")); // USER_DEFINED, raw text (as OLMo's)
    types.items.emplace_back(int32_t{4});
    m.setOrReplace("tokenizer.ggml.tokens", tokens);
    m.setOrReplace("tokenizer.ggml.token_type", types);
    m.setOrReplace("tokenizer.ggml.merges",
                   GgufArray{GgufValueType::String, {std::string("b c"), std::string("a b")}});
    m.setOrReplace("tokenizer.ggml.bos_token_id", GgufScalar{uint32_t{259}});
    m.setOrReplace("tokenizer.ggml.eos_token_id", GgufScalar{uint32_t{259}});
    m.setOrReplace("tokenizer.ggml.pre", GgufScalar{pre});
    return moe::Tokenizer::fromGguf(m);
}

} // namespace

void TestTokenizerKinds::bpeIgnoreMergesOnlyForLlamaBpe()
{
    const int a = 'a', abc = 258, bc = 257;
    // llama-bpe looks the whole pre-token up first (llama.cpp's ignore_merges).
    QCOMPARE(handBpe("llama-bpe").encode("abc"), (std::vector<int>{abc}));
    QCOMPARE(handBpe("dbrx").encode("abc"), (std::vector<int>{a, bc}));
    QCOMPARE(handBpe("gpt-2").encode("abc"), (std::vector<int>{a, bc}));
    // Without tokenizer.ggml.add_bos_token, llama.cpp adds BOS for llama-bpe only.
    for (const char* pre : {"llama-bpe", "qwen2"}) {
        moe::GgufMetadata m, without;
        handBpe(pre).writeTo(m);
        QCOMPARE(m.getString("tokenizer.ggml.pre"), std::string(pre));
        for (const auto& [key, value] : m.entries())
            if (key != "tokenizer.ggml.add_bos_token")
                without.add(key, value);
        QCOMPARE(moe::Tokenizer::fromGguf(without).addBos(), std::string(pre) == "llama-bpe");
    }
}

void TestTokenizerKinds::bpeUsesItsPreTokenizer()
{
    const std::string text = "x 1234567 WE'RE";
    for (const char* pre : {"gpt-2", "llama-bpe", "qwen2", "deepseek-v3", "default"}) {
        const moe::Tokenizer t = handBpe(pre);
        // Every byte is a token and no merge applies, so the ids are the bytes; what the
        // pre-tokenizer decides shows where "ab"/"bc" could (not) merge: here only in the spelling.
        std::string decoded = t.decode(t.encode(text));
        QCOMPARE(decoded, text);
    }
    // "ab c" vs "abc": the pre-tokenizer's pieces bound the merges.
    QCOMPARE(handBpe("gpt-2").encode("bc1bc"), (std::vector<int>{257, '1', 257}));
    QCOMPARE(handBpe("default").encode("a.bc"), (std::vector<int>{'a', '.', 257}));
}

void TestTokenizerKinds::userDefinedTokensAlwaysSplitOut()
{
    const moe::Tokenizer t = spmTokenizer();
    // "<tool>" is USER_DEFINED: split out even without parse_special; the text after it gets the
    // space prefix (llama.cpp's is_prev_special), so decoding shows that space.
    QCOMPARE(t.encode("x<tool>x"), (std::vector<int>{270, 268, 270}));
    QCOMPARE(t.decode(t.encode("x<tool>x")), std::string("x<tool> x"));
}

void TestTokenizerKinds::bpeUserDefinedTokens()
{
    const moe::Tokenizer t = handBpe("olmo");
    const std::string text = "a|||IP ADDRESS|||bc";
    QCOMPARE(t.encode(text), (std::vector<int>{'a', 260, 257}));
    QCOMPARE(t.decode(t.encode(text)), text);
    QCOMPARE(t.tokenBytes(260), std::string("|||IP ADDRESS|||"));
}

void TestTokenizerKinds::builtVocabularies_data()
{
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"spm", "gpt-2", "olmo", "llama-bpe", "dbrx", "qwen2", "deepseek-llm",
                             "deepseek-v3", "refact", "default"})
        QTest::newRow(kind) << QString(kind);
}

void TestTokenizerKinds::builtVocabularies()
{
    QFETCH(QString, kind);
    const bool spm = kind == "spm";
    const moe::VocabKind vocabKind{spm ? moe::TokenizerModel::SentencePiece : moe::TokenizerModel::Bpe,
                                   spm ? std::string() : kind.toStdString()};
    const moe::Tokenizer t = moe::Tokenizer::buildVocab(vocabKind, sampleTexts(), 400);
    QVERIFY(t.vocabSize() <= 400);
    QVERIFY(t.vocabSize() > 300);
    QCOMPARE(t.model(), vocabKind.model);
    moe::GgufWriter writer;
    t.writeTo(writer.metadata());
    const std::vector<std::byte> bytes = writer.toBytes();
    const moe::Tokenizer loaded =
        moe::Tokenizer::fromGguf(moe::GgufFile::parse(bytes, "vocab.gguf").metadata());
    QVERIFY(loaded == t);
    // Pieces learned from the texts: their words take fewer tokens than bytes.
    const std::string sample = "the dog and the fox";
    QVERIFY(t.encode(sample).size() < sample.size() * 3 / 4);
    std::mt19937 rng(9);
    for (int i = 0; i < 300; ++i) {
        const std::string text = randomUtf8(rng);
        QCOMPARE(t.decode(t.encode(text)), text);
    }
    if (spm) {
        QCOMPARE(t.tokens()[0], std::string("<unk>"));
        QCOMPARE(t.tokenTypes()[1], moe::TokenType::Control);
        QCOMPARE(t.tokens()[3 + 0x0A], std::string("<0x0A>"));
        QCOMPARE(t.tokenTypes()[258], moe::TokenType::Byte);
        QCOMPARE(t.scores().size(), static_cast<size_t>(t.vocabSize()));
        QVERIFY(t.addBos() && t.addSpacePrefix());
    } else {
        QCOMPARE(t.pre(), kind.toStdString());
        QCOMPARE(t.tokenTypes()[t.bosId()], moe::TokenType::Control);
        QCOMPARE(t.tokenTypes()[t.eosId()], moe::TokenType::Control);
        // Special tokens are one id each when parsed.
        const std::string bos = t.tokens()[t.bosId()];
        QCOMPARE(t.encode(bos + "x", {.parseSpecial = true}).front(), t.bosId());
        QCOMPARE(t.addBos(), kind == "llama-bpe" || kind.startsWith("deepseek"));
    }
}

void TestTokenizerKinds::builderRejectsBadInput()
{
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        moe::Tokenizer::buildVocab({moe::TokenizerModel::Bpe, "tekken"}, sampleTexts(), 400));
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        moe::Tokenizer::buildVocab({moe::TokenizerModel::SentencePiece, ""}, sampleTexts(), 100));
}

void TestTokenizerKinds::architectures()
{
    QCOMPARE(moe::vocabKindOfArchitecture("llama").model, moe::TokenizerModel::SentencePiece);
    QCOMPARE(moe::vocabKindOfArchitecture("qwen2moe").pre, std::string("qwen2"));
    QCOMPARE(moe::vocabKindOfArchitecture("dbrx").pre, std::string("dbrx"));
    QCOMPARE(moe::vocabKindOfArchitecture("olmoe").pre, std::string("olmo"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::vocabKindOfArchitecture("bert"));
}

QTEST_GUILESS_MAIN(TestTokenizerKinds)
#include "test_tokenizer_kinds.moc"

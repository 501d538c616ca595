// The pre-tokenizers against a reference: llama.cpp b4748's regex list of each tokenizer.ggml.pre,
// run with PCRE2 (UTF, UCP) over 10,000 random strings per pre-tokenizer, fragment by fragment as
// llama.cpp's unicode_regex_split runs them. The reference copies what llama.cpp does before a regex
// sees the text: non-ASCII whitespace becomes U+000B (both its std::regex and std::wregex paths do
// this; it also makes PCRE2's \s, which misses U+0085, agree). Where llama.cpp's result differs from
// the pure regex, the reference pattern is adjusted and says why.
#include "moe/tokenizer.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <QTest>

#include <algorithm>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Regex {
    std::string pattern;
};

struct Reference {
    const char* pre;
    std::vector<Regex> regexes;
};

const std::string kGpt2 = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S))";
const std::string kLlama3 =
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|)"
    R"(\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
const std::string kQwen2 =
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|)"
    R"(\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// The lists of llama.cpp b4748's llm_tokenizer_bpe. gpt-2/olmo and llama-bpe/dbrx run there through
// hand-written splitters; they split as these regexes do (the GPT-2 list lacks a final \s+, so a
// lone space before a word is unmatched text, a fragment of its own, as the splitter makes it).
const std::vector<Reference>& references()
{
    static const std::vector<Reference> refs = {
        {"gpt-2", {{kGpt2}}},
        {"olmo", {{kGpt2}}},
        {"llama-bpe", {{kLlama3}}},
        {"dbrx", {{kLlama3}}},
        {"qwen2", {{kQwen2}}},
        // deepseek-llm's non-ASCII characters written as \x{..}, so no editor can normalise them.
        {"deepseek-llm",
         {{"[\r\n]"},
          {R"(\s?[A-Za-z\x{B5}\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{1BA}\x{1BC}-\x{1BF}\x{1C4}-\x{293})"
           R"(\x{295}-\x{2AF}\x{370}-\x{373}\x{376}\x{377}\x{37B}-\x{37D}\x{37F}\x{386}\x{388}-\x{38A})"
           R"(\x{38C}\x{38E}-\x{3A1}\x{3A3}-\x{3F5}\x{3F7}-\x{481}\x{48A}-\x{52F}\x{531}-\x{556})"
           R"(\x{10A0}-\x{10C5}\x{13A0}-\x{13F5}\x{13F8}-\x{13FD}\x{1C90}-\x{1CBA}\x{1CBD}-\x{1CBF})"
           R"(\x{1D00}-\x{1D2B}\x{1D6B}-\x{1D77}\x{1D79}-\x{1D9A}\x{1E00}-\x{1F15}\x{1F18}-\x{1F1D})"
           R"(\x{1F20}-\x{1F45}\x{1F48}-\x{1F4D}\x{1F50}-\x{1F57}\x{1F59}\x{1F5B}\x{1F5D}\x{1F5F}-\x{1F7D})"
           R"(\x{1F80}-\x{1FB4}\x{1FB6}-\x{1FBC}\x{1FBE}\x{1FC2}-\x{1FC4}\x{1FC6}-\x{1FCC})"
           R"(\x{1FD0}-\x{1FD3}\x{1FD6}-\x{1FDB}\x{1FE0}-\x{1FEC}\x{1FF2}-\x{1FF4}\x{1FF6}-\x{1FFC})"
           R"(\x{2102}\x{2107}\x{210A}-\x{2113}\x{2115}\x{2119}-\x{211D}\x{2124}\x{2126}\x{2128})"
           R"(\x{212A}-\x{212D}\x{212F}-\x{2134}\x{2139}\x{213C}-\x{213F}\x{2145}-\x{2149}\x{214E}\x{2183})"
           R"(\x{2184}\x{2C00}-\x{2C7B}\x{2C7E}-\x{2CE4}\x{2CEB}-\x{2CEE}\x{2CF2}\x{2CF3}\x{A640}-\x{A66D})"
           R"(\x{A680}-\x{A69B}\x{A722}-\x{A76F}\x{A771}-\x{A787}\x{A78B}-\x{A78E}\x{AB70}-\x{ABBF})"
           R"(\x{FB00}-\x{FB06}\x{FB13}-\x{FB17}\x{FF21}-\x{FF3A}\x{FF41}-\x{FF5A}\x{10400}-\x{1044F})"
           R"(\x{104B0}-\x{104D3}\x{104D8}-\x{104FB}\x{10C80}-\x{10CB2}\x{10CC0}-\x{10CF2})"
           R"(\x{118A0}-\x{118DF}\x{1E900}-\x{1E943}]+)"},
          {R"(\s?[!-/:-~\x{FF01}-\x{FF0F}\x{FF1A}-\x{FF5E}\x{2018}-\x{201F}\x{3000}-\x{3002}]+)"},
          {"\\s+$"},
          {R"([\x{4E00}-\x{9FA5}\x{800}-\x{4E00}\x{AC00}-\x{D7FF}]+)"},
          {"\\p{N}+"}}},
        // The last regex is rewritten for llama.cpp's collapsed text, whose ASCII \p{S} lacks '~':
        // [^\r\n\p{L}\p{P}\p{S}] accepts '~' and [\p{P}\p{S}] refuses it.
        {"deepseek-v3",
         {{"\\p{N}{1,3}"},
          {R"([\x{4E00}-\x{9FA5}\x{3040}-\x{309F}\x{30A0}-\x{30FF}]+)"},
          {"[!\"#$%&'()*+,\\-./"
           ":;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|(?:~|[^\r\n\\p{L}\\p{P}\\p{S}])?[\\p{L}\\p{M}]+|"
           " ?(?:(?!~)[\\p{P}\\p{S}])+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+"}}},
        {"refact", {{"\\p{N}"}, {kGpt2}}},
        {"default", {{"[\\p{P}\\$\\+<=>\\^~\\|]+"}, {kGpt2}, {"\\p{N}+"}, {"[0-9][0-9][0-9]"}}},
    };
    return refs;
}

std::vector<uint32_t> decodeUtf8(const std::string& s) // valid UTF-8 only
{
    std::vector<uint32_t> cps;
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<uint8_t>(s[i]);
        const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        uint32_t cp = n == 1 ? b : n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
        for (int k = 1; k < n; ++k)
            cp = (cp << 6) | (static_cast<uint8_t>(s[i + k]) & 0x3F);
        cps.push_back(cp);
        i += n;
    }
    return cps;
}

std::string encodeUtf8(uint32_t cp)
{
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

// Unicode's White_Space property above ASCII, which llama.cpp replaces by U+000B before a regex.
bool isNonAsciiWhitespace(uint32_t cp)
{
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

struct CodeDeleter {
    void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
using Code = std::unique_ptr<pcre2_code, CodeDeleter>;

Code compile(const std::string& pattern)
{
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_DOLLAR_ENDONLY, &error, &offset, nullptr);
    if (!code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw std::runtime_error("PCRE2 cannot compile '" + pattern + "' at " + std::to_string(offset) +
                                 ": " + reinterpret_cast<const char*>(message));
    }
    return Code(code);
}

// The reference: every regex over every fragment (code point ranges), unmatched text kept.
class ReferenceSplitter {
public:
    explicit ReferenceSplitter(const Reference& ref)
    {
        for (const Regex& r : ref.regexes)
            m_codes.push_back(compile(r.pattern));
        m_match.reset(pcre2_match_data_create(8, nullptr));
    }

    std::vector<std::string> split(const std::string& text) const
    {
        const std::vector<uint32_t> cps = decodeUtf8(text);
        std::vector<std::pair<size_t, size_t>> fragments{{0, cps.size()}}, next;
        if (cps.empty())
            fragments.clear();
        for (const Code& code : m_codes) {
            next.clear();
            for (const auto& [begin, end] : fragments)
                splitFragment(code.get(), cps, begin, end, next);
            fragments.swap(next);
        }
        std::vector<std::string> pieces;
        for (const auto& [begin, end] : fragments) {
            std::string piece;
            for (size_t i = begin; i < end; ++i)
                piece += encodeUtf8(cps[i]);
            pieces.push_back(piece);
        }
        return pieces;
    }

private:
    void splitFragment(pcre2_code* code, const std::vector<uint32_t>& cps, size_t begin, size_t end,
                       std::vector<std::pair<size_t, size_t>>& out) const
    {
        std::string subject;
        std::vector<size_t> cpAt; // byte offset -> code point index (at character starts)
        for (size_t i = begin; i < end; ++i) {
            const std::string bytes = encodeUtf8(isNonAsciiWhitespace(cps[i]) ? 0x0B : cps[i]);
            cpAt.resize(subject.size() + bytes.size(), 0);
            cpAt[subject.size()] = i;
            subject += bytes;
        }
        cpAt.push_back(end);
        size_t offset = 0, gap = begin;
        while (offset < subject.size()) {
            const int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(),
                                       offset, 0, m_match.get(), nullptr);
            if (rc < 0)
                break;
            const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(m_match.get());
            if (ov[1] == ov[0])
                throw std::runtime_error("a reference regex matched the empty string");
            const size_t first = cpAt[ov[0]], last = cpAt[ov[1]];
            if (gap < first)
                out.emplace_back(gap, first);
            out.emplace_back(first, last);
            gap = last;
            offset = ov[1];
        }
        if (gap < end)
            out.emplace_back(gap, end);
    }

    struct MatchDeleter {
        void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
    };
    std::vector<Code> m_codes;
    std::unique_ptr<pcre2_match_data, MatchDeleter> m_match;
};

// Random text from atoms that exercise every branch of the regexes. Only code points whose
// categories are the same in PCRE2's Unicode tables (14.0) and llama.cpp's (15.1).
std::string randomText(std::mt19937& rng)
{
    static const std::vector<std::string> kAtoms = {
        // whitespace runs, \r\n, tabs, and non-ASCII whitespace (NEL, NBSP, em space, ideographic space, ...)
        " ", " ", "  ", "   ", "\t", "\n", "\r\n", "\r", "\v", "\f", " \n", "\n\n", " \t ", "\u00A0",
        "\u3000", "\u2003", "\u0085", "\u2028", "\u1680", "\u202F",
        // contractions in both cases
        "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'RE", "'Ll", "'",
        // accented and other Latin, Greek, Cyrillic, Georgian, Arabic, Devanagari, Thai letters
        "é", "ñ", "Ö", "ß", "ç", "Å", "ø", "ł", "ğ", "µ", "α", "Ω", "ж", "Д", "ქ", "Ⴀ", "ب", "क", "ก", "ǅ",
        "ʰ",
        // CJK ideographs (at the ends of deepseek's ranges too), kana, Hangul, Extension B
        "中", "文", "字", "一", "龥", "龦", "の", "カ", "ー", "ゝ", "한", "글", "ᄀ", "ㄱ", "𠀀",
        // full-width letters, digits, punctuation
        "Ａ", "ｚ", "！", "～", "１", "：",
        // digits beyond ASCII: Arabic-Indic, superscript, Roman numeral, fraction
        "٣", "²", "Ⅻ", "½", "߀",
        // punctuation and symbols
        "“", "”", "‘", "’", "…", "—", "。", "、", "€", "©", "°", "±", "→", "√", "¬", "´",
        // emoji with skin tone modifier, ZWJ, variation selector; combining marks
        "😀", "🎉", "👍🏽", "\u200D", "\uFE0F", "\u0301", "\u0308", "\u0650", "\u0902", "\u20DD",
        // controls, format, private use, unassigned
        "\x01", "\x1f", "\x7f", "\u200B", "\uE000", "\u0378"};
    static const std::string kPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    std::string text;
    const int atoms = std::uniform_int_distribution<int>(0, 24)(rng);
    for (int i = 0; i < atoms; ++i) {
        switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
        case 0:
        case 1: { // an ASCII word
            const int n = std::uniform_int_distribution<int>(1, 6)(rng);
            for (int k = 0; k < n; ++k) {
                const int c = std::uniform_int_distribution<int>(0, 51)(rng);
                text += static_cast<char>(c < 26 ? 'a' + c : 'A' + c - 26);
            }
            break;
        }
        case 2: { // digits
            const int n = std::uniform_int_distribution<int>(1, 7)(rng);
            for (int k = 0; k < n; ++k)
                text += static_cast<char>('0' + std::uniform_int_distribution<int>(0, 9)(rng));
            break;
        }
        case 3: // ASCII punctuation
            text += kPunctuation[std::uniform_int_distribution<size_t>(0, kPunctuation.size() - 1)(rng)];
            break;
        default:
            text += kAtoms[std::uniform_int_distribution<size_t>(0, kAtoms.size() - 1)(rng)];
        }
    }
    return text;
}

std::string escaped(const std::string& s)
{
    std::string out;
    for (const char c : s) {
        const auto b = static_cast<uint8_t>(c);
        if (b < 0x20 || b == 0x7F) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", b);
            out += hex;
        } else {
            out += c;
        }
    }
    return out;
}

std::string joined(const std::vector<std::string>& pieces)
{
    std::string out;
    for (const std::string& p : pieces) {
        out += '[';
        out += escaped(p);
        out += ']';
    }
    return out;
}

std::vector<std::string> ours(const char* pre, const std::string& text)
{
    std::vector<std::string> pieces;
    for (const std::string_view piece : moe::preTokenize(pre, text))
        pieces.emplace_back(piece);
    return pieces;
}

} // namespace

class TestPreTokenizers : public QObject {
    Q_OBJECT
private slots:
    void randomStringsSplitAsTheReferenceRegex_data();
    void randomStringsSplitAsTheReferenceRegex();
    void knownSplits_data();
    void knownSplits();
    void piecesCoverInvalidUtf8();
    void unknownPreIsRefusedByName();
};

void TestPreTokenizers::randomStringsSplitAsTheReferenceRegex_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < references().size(); ++i)
        QTest::newRow(references()[i].pre) << static_cast<int>(i);
}

void TestPreTokenizers::randomStringsSplitAsTheReferenceRegex()
{
    QFETCH(int, index);
    const Reference& ref = references()[static_cast<size_t>(index)];
    const ReferenceSplitter reference(ref);
    const uint32_t seed = 1000 + static_cast<uint32_t>(index);
    std::mt19937 rng(seed);
    int nonTrivial = 0;
    for (int i = 0; i < 10000; ++i) {
        const std::string text = randomText(rng);
        const std::vector<std::string> want = reference.split(text);
        const std::vector<std::string> got = ours(ref.pre, text);
        nonTrivial += want.size() > 3;
        if (got != want)
            QFAIL(qPrintable(QString::fromStdString(std::string(ref.pre) + " (seed " + std::to_string(seed) +
                                                    ", string " + std::to_string(i) + ") '" + escaped(text) +
                                                    "'\n  ours:      " + joined(got) +
                                                    "\n  reference: " + joined(want))));
    }
    QVERIFY2(nonTrivial > 5000, "the random strings are too simple to test anything");
}

void TestPreTokenizers::knownSplits_data()
{
    QTest::addColumn<QString>("pre");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("pieces");
    const auto row = [](const char* name, const char* pre, const char* text, QStringList pieces) {
        QTest::newRow(name) << QString(pre) << QString::fromUtf8(text) << pieces;
    };
    row("gpt-2 digits and spaces", "gpt-2", "Hi  12345 you're", {"Hi", " ", " 12345", " you", "'re"});
    row("llama-bpe groups digits by three", "llama-bpe", "x 1234567", {"x", " ", "123", "456", "7"});
    row("llama-bpe contractions any case", "llama-bpe", "WE'RE ok\n\n", {"WE", "'RE", " ok", "\n\n"});
    row("qwen2 single digits", "qwen2", "ab 123", {"ab", " ", "1", "2", "3"});
    row("dbrx like llama-bpe", "dbrx", "a+b=10", {"a", "+b", "=", "10"});
    row("deepseek-llm punctuation runs", "deepseek-llm", "Hi, you!\n", {"Hi", ",", " you", "!", "\n"});
    row("deepseek-llm trailing spaces", "deepseek-llm", "a 中文 ", {"a", " ", "中文", " "});
    // U+3000 is in the ranges [　-。] and [ࠀ-一] of the regexes, but llama.cpp turned it into
    // U+000B first: it only joins the punctuation after it as \s? and then stands alone.
    row("deepseek-llm ideographic space", "deepseek-llm", "。\u3000。", {"。", "\u3000", "。"});
    row("deepseek-v3 digits and kana", "deepseek-v3", "12345カナ漢字", {"123", "45", "カナ漢字"});
    row("deepseek-v3 punctuation before letters", "deepseek-v3", "(hello) x", {"(hello", ")", " x"});
    // '~' is no \p{S} in llama.cpp's collapsed text: it prefixes a word and ends a symbol run.
    row("deepseek-v3 tilde", "deepseek-v3", "é~é ++~", {"é", "~é", " ++", "~"});
    row("default punctuation first", "default", "a.b 1234", {"a", ".", "b", " ", "123", "4"});
    row("refact digits alone", "refact", "ab 12", {"ab", " ", "1", "2"});
    row("olmo is gpt-2", "olmo", "I'll go", {"I", "'ll", " go"});
}

void TestPreTokenizers::knownSplits()
{
    QFETCH(QString, pre);
    QFETCH(QString, text);
    QFETCH(QStringList, pieces);
    QStringList got;
    for (const std::string& piece : ours(pre.toUtf8().constData(), text.toStdString()))
        got << QString::fromStdString(piece);
    QCOMPARE(got, pieces);
}

void TestPreTokenizers::piecesCoverInvalidUtf8()
{
    const std::string text = "ab\xff\xc3 12\xe2\x82 x\x80";
    for (const Reference& ref : references()) {
        std::string rebuilt;
        for (const std::string_view piece : moe::preTokenize(ref.pre, text)) {
            QVERIFY(!piece.empty());
            rebuilt += piece;
        }
        QCOMPARE(rebuilt, text);
    }
}

void TestPreTokenizers::unknownPreIsRefusedByName()
{
    QVERIFY(!moe::isKnownPreTokenizer("tekken"));
    try {
        moe::preTokenize("tekken", "text");
        QFAIL("an unknown pre-tokenizer was accepted");
    } catch (const std::invalid_argument& e) {
        QVERIFY2(std::string_view(e.what()).find("'tekken'") != std::string_view::npos, e.what());
    }
}

QTEST_GUILESS_MAIN(TestPreTokenizers)
#include "test_pre_tokenizers.moc"

// The pre-tokenizers of the BPE families, evaluated as llama.cpp b4748's unicode_regex_split
// evaluates their regex lists: each regex cuts every fragment the previous one made; a regex search
// runs inside one fragment (so `$` and lookaheads end at its end); the text between two matches
// becomes a fragment of its own. Each regex here is a function that says how far a match starting
// at a position reaches (leftmost-first alternation, as std::regex and PCRE choose).
//
// llama.cpp runs a regex one of three ways, and each matcher sees what that way sees:
//  - gpt-2 and llama-bpe/dbrx: hand-written splitters, which split as their regexes do.
//  - regexes naming \p{..}: std::regex over a "collapsed" text, one byte per code point standing for
//    its class. Its ASCII table leaves '~' out of \p{S}, so for deepseek-v3 '~' is no symbol.
//  - other regexes: std::wregex over code points, with non-ASCII whitespace replaced by U+000B
//    first, so U+3000 IDEOGRAPHIC SPACE never matches the explicit ranges [　-。] or [ࠀ-一].
// In both regex ways \s is White_Space (ASCII \t\n\v\f\r and space, plus the replaced ones).
#include "pre_tokenizer.h"

#include "unicode_tables.h"

#include <algorithm>
#include <array>
#include <span>

namespace moe::pretok {
namespace {

using unicode::CharClass;

// The text as llama.cpp's regexes see it: code points (an invalid byte is U+FFFD) and their classes,
// with the byte offset of each so that pieces keep the raw bytes.
struct Text {
    std::vector<uint32_t> cps;
    std::vector<CharClass> classes;
    std::vector<size_t> offsets; // byte offset of each code point, then the text's size
};

Text decodeText(std::string_view bytes)
{
    Text t;
    t.cps.reserve(bytes.size());
    t.classes.reserve(bytes.size());
    t.offsets.reserve(bytes.size() + 1);
    for (size_t i = 0; i < bytes.size();) {
        const Unit unit = decodeUnit(bytes, i);
        t.cps.push_back(unit.codePoint);
        t.classes.push_back(unicode::classify(unit.codePoint));
        t.offsets.push_back(i);
        i += unit.length;
    }
    t.offsets.push_back(bytes.size());
    return t;
}

struct Range {
    uint32_t first, last;
};

bool inRanges(std::span<const Range> ranges, uint32_t cp)
{
    const auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                                     [](uint32_t c, const Range& r) { return c < r.first; });
    return it != ranges.begin() && cp <= (it - 1)->last;
}

// deepseek-llm's letter class, the ranges of its regex
// \s?[A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-ՖႠ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-ώᾀ-ᾴᾶ-ᾼιῂ-ῄῆ-ῌῐ-ΐῖ-Ίῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤΩℨK-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄⰀ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ𐐀-𐑏𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃]+
// as sorted code point ranges.
constexpr std::array<Range, 87> kDeepseekLetters{{
    {0x0041, 0x005A},   {0x0061, 0x007A},   {0x00B5, 0x00B5},   {0x00C0, 0x00D6},   {0x00D8, 0x00F6},
    {0x00F8, 0x01BA},   {0x01BC, 0x01BF},   {0x01C4, 0x0293},   {0x0295, 0x02AF},   {0x0370, 0x0373},
    {0x0376, 0x0376},   {0x0377, 0x0377},   {0x037B, 0x037D},   {0x037F, 0x037F},   {0x0386, 0x0386},
    {0x0388, 0x038A},   {0x038C, 0x038C},   {0x038E, 0x03A1},   {0x03A3, 0x03F5},   {0x03F7, 0x0481},
    {0x048A, 0x052F},   {0x0531, 0x0556},   {0x10A0, 0x10C5},   {0x13A0, 0x13F5},   {0x13F8, 0x13FD},
    {0x1C90, 0x1CBA},   {0x1CBD, 0x1CBF},   {0x1D00, 0x1D2B},   {0x1D6B, 0x1D77},   {0x1D79, 0x1D9A},
    {0x1E00, 0x1F15},   {0x1F18, 0x1F1D},   {0x1F20, 0x1F45},   {0x1F48, 0x1F4D},   {0x1F50, 0x1F57},
    {0x1F59, 0x1F59},   {0x1F5B, 0x1F5B},   {0x1F5D, 0x1F5D},   {0x1F5F, 0x1F7D},   {0x1F80, 0x1FB4},
    {0x1FB6, 0x1FBC},   {0x1FBE, 0x1FBE},   {0x1FC2, 0x1FC4},   {0x1FC6, 0x1FCC},   {0x1FD0, 0x1FD3},
    {0x1FD6, 0x1FDB},   {0x1FE0, 0x1FEC},   {0x1FF2, 0x1FF4},   {0x1FF6, 0x1FFC},   {0x2102, 0x2102},
    {0x2107, 0x2107},   {0x210A, 0x2113},   {0x2115, 0x2115},   {0x2119, 0x211D},   {0x2124, 0x2124},
    {0x2126, 0x2126},   {0x2128, 0x2128},   {0x212A, 0x212D},   {0x212F, 0x2134},   {0x2139, 0x2139},
    {0x213C, 0x213F},   {0x2145, 0x2149},   {0x214E, 0x214E},   {0x2183, 0x2183},   {0x2184, 0x2184},
    {0x2C00, 0x2C7B},   {0x2C7E, 0x2CE4},   {0x2CEB, 0x2CEE},   {0x2CF2, 0x2CF2},   {0x2CF3, 0x2CF3},
    {0xA640, 0xA66D},   {0xA680, 0xA69B},   {0xA722, 0xA76F},   {0xA771, 0xA787},   {0xA78B, 0xA78E},
    {0xAB70, 0xABBF},   {0xFB00, 0xFB06},   {0xFB13, 0xFB17},   {0xFF21, 0xFF3A},   {0xFF41, 0xFF5A},
    {0x10400, 0x1044F}, {0x104B0, 0x104D3}, {0x104D8, 0x104FB}, {0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2},
    {0x118A0, 0x118DF}, {0x1E900, 0x1E943},
}};
// deepseek-llm: \s?[!-/:-~！-／：-～‘-‟　-。]+
constexpr std::array<Range, 6> kDeepseekPunctuation{
    {{0x21, 0x2F}, {0x3A, 0x7E}, {0x2018, 0x201F}, {0x3000, 0x3002}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF5E}}};
// deepseek-llm: [一-龥ࠀ-一가-퟿]+ (U+0800..U+4E00, U+4E00..U+9FA5, U+AC00..U+D7FF)
constexpr std::array<Range, 2> kDeepseekCjk{{{0x0800, 0x9FA5}, {0xAC00, 0xD7FF}}};
// deepseek-v3: [一-龥぀-ゟ゠-ヿ]+ (CJK ideographs, Hiragana, Katakana)
constexpr std::array<Range, 2> kDeepseekV3Cjk{{{0x3040, 0x30FF}, {0x4E00, 0x9FA5}}};

// One regex: the end of the match that starts at pos, or pos when none does. The match may not
// pass end, the end of the fragment being searched.
using Matcher = size_t (*)(const Text& t, size_t pos, size_t end);

// Predicates on the code point at i (the caller keeps i < end).
bool isWhitespace(const Text& t, size_t i)
{
    return t.classes[i] == CharClass::Whitespace;
}
bool isLetter(const Text& t, size_t i)
{
    return t.classes[i] == CharClass::Letter;
}
bool isNumber(const Text& t, size_t i)
{
    return t.classes[i] == CharClass::Number;
}
bool isNewline(const Text& t, size_t i)
{
    return t.cps[i] == '\r' || t.cps[i] == '\n';
}
// [^\s\p{L}\p{N}]
bool isOtherThanSpaceLetterNumber(const Text& t, size_t i)
{
    return !isWhitespace(t, i) && !isLetter(t, i) && !isNumber(t, i);
}
// An explicit range class of a std::wregex: non-ASCII whitespace was replaced by U+000B.
template <size_t N> bool inWideClass(const Text& t, size_t i, const std::array<Range, N>& ranges)
{
    return !isWhitespace(t, i) && inRanges(ranges, t.cps[i]);
}

// The end of the run from i of code points that satisfy pred.
template <typename Pred> size_t runEnd(const Text& t, size_t i, size_t end, Pred pred)
{
    while (i < end && pred(t, i))
        ++i;
    return i;
}

// [\r\n]* after a match
size_t newlinesEnd(const Text& t, size_t i, size_t end)
{
    return runEnd(t, i, end, isNewline);
}

// \s*[\r\n]+|\s+(?!\S)|\s+ (with finalRun false: \s+(?!\S) alone, as GPT-2 has it)
size_t matchSpaces(const Text& t, size_t pos, size_t end, bool withNewlines, bool finalRun)
{
    const size_t runStop = runEnd(t, pos, end, isWhitespace);
    if (runStop == pos)
        return pos;
    if (withNewlines) // \s*[\r\n]+ ends after the run's last newline
        for (size_t i = runStop; i > pos; --i)
            if (isNewline(t, i - 1))
                return i;
    if (runStop == end) // \s+(?!\S): nothing follows
        return runStop;
    if (runStop - pos > 1) // \s+(?!\S): leave the last space to start the next piece
        return runStop - 1;
    return finalRun ? runStop : pos; // \s+
}

uint32_t asciiLower(uint32_t cp)
{
    return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
}

// 's|'t|'re|'ve|'m|'ll|'d, case-sensitive (GPT-2) or not (Llama 3's (?:'[sS]|'[tT]|...))
size_t matchContraction(const Text& t, size_t pos, size_t end, bool anyCase)
{
    if (t.cps[pos] != '\'' || pos + 1 >= end)
        return pos;
    const auto at = [&](size_t i) { return anyCase ? asciiLower(t.cps[i]) : t.cps[i]; };
    const uint32_t a = at(pos + 1);
    if (a == 's' || a == 't' || a == 'm' || a == 'd')
        return pos + 2;
    if (pos + 2 < end) {
        const uint32_t b = at(pos + 2);
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l'))
            return pos + 3;
    }
    return pos;
}

// (?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,D}|
//  ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
template <size_t MaxDigits> size_t matchLlama3(const Text& t, size_t pos, size_t end)
{
    if (const size_t e = matchContraction(t, pos, end, true); e != pos)
        return e;
    if (isLetter(t, pos))
        return runEnd(t, pos + 1, end, isLetter);
    if (!isNewline(t, pos) && !isNumber(t, pos) && pos + 1 < end && isLetter(t, pos + 1))
        return runEnd(t, pos + 2, end, isLetter);
    if (isNumber(t, pos))
        return std::min(runEnd(t, pos, end, isNumber), pos + MaxDigits);
    const size_t p = pos + (t.cps[pos] == ' ' ? 1 : 0);
    if (p < end && isOtherThanSpaceLetterNumber(t, p))
        return newlinesEnd(t, runEnd(t, p, end, isOtherThanSpaceLetterNumber), end);
    return matchSpaces(t, pos, end, true, true);
}

// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)
size_t matchGpt2(const Text& t, size_t pos, size_t end)
{
    if (const size_t e = matchContraction(t, pos, end, false); e != pos)
        return e;
    const size_t p = t.cps[pos] == ' ' && pos + 1 < end ? pos + 1 : pos;
    for (const auto pred : {isLetter, isNumber, isOtherThanSpaceLetterNumber})
        if (pred(t, p))
            return runEnd(t, p + 1, end, pred);
    return matchSpaces(t, pos, end, false, false);
}

// ---- deepseek-llm

size_t matchNewline(const Text& t, size_t pos, size_t)
{
    return isNewline(t, pos) ? pos + 1 : pos;
}

// \s?[RANGES]+
template <const auto& Ranges> size_t matchSpaceAndRun(const Text& t, size_t pos, size_t end)
{
    const auto inClass = [](const Text& text, size_t i) { return inWideClass(text, i, Ranges); };
    if (isWhitespace(t, pos) && pos + 1 < end && inClass(t, pos + 1))
        return runEnd(t, pos + 2, end, inClass);
    return inClass(t, pos) ? runEnd(t, pos + 1, end, inClass) : pos;
}

// \s+$
size_t matchTrailingSpaces(const Text& t, size_t pos, size_t end)
{
    const size_t e = runEnd(t, pos, end, isWhitespace);
    return e > pos && e == end ? e : pos;
}

// [RANGES]+
template <const auto& Ranges> size_t matchRun(const Text& t, size_t pos, size_t end)
{
    const auto inClass = [](const Text& text, size_t i) { return inWideClass(text, i, Ranges); };
    return runEnd(t, pos, end, inClass);
}

size_t matchNumbers(const Text& t, size_t pos, size_t end) // \p{N}+
{
    return runEnd(t, pos, end, isNumber);
}

size_t matchNumber(const Text& t, size_t pos, size_t) // \p{N}
{
    return isNumber(t, pos) ? pos + 1 : pos;
}

// ---- deepseek-v3

size_t matchUpToThreeNumbers(const Text& t, size_t pos, size_t end) // \p{N}{1,3}
{
    return std::min(runEnd(t, pos, end, isNumber), pos + 3);
}

bool isAsciiPunctuation(uint32_t cp) // [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]
{
    return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
           (cp >= 0x7B && cp <= 0x7E);
}
bool isAsciiLetter(const Text& t, size_t i) // [A-Za-z]
{
    const uint32_t cp = t.cps[i] | 0x20;
    return t.cps[i] < 0x80 && cp >= 'a' && cp <= 'z';
}
// [\p{P}\p{S}] in llama.cpp's collapsed text, where '~' (U+007E, Sm) is neither.
bool isPunctuationOrSymbol(const Text& t, size_t i)
{
    return (t.classes[i] == CharClass::Punctuation || t.classes[i] == CharClass::Symbol) && t.cps[i] != '~';
}
bool isLetterOrMark(const Text& t, size_t i) // [\p{L}\p{M}]
{
    return t.classes[i] == CharClass::Letter || t.classes[i] == CharClass::Mark;
}

// [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+|
//  ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
size_t matchDeepseekV3Words(const Text& t, size_t pos, size_t end)
{
    if (isAsciiPunctuation(t.cps[pos]) && pos + 1 < end && isAsciiLetter(t, pos + 1))
        return runEnd(t, pos + 2, end, isAsciiLetter);
    if (isLetterOrMark(t, pos))
        return runEnd(t, pos + 1, end, isLetterOrMark);
    if (!isNewline(t, pos) && !isLetter(t, pos) && !isPunctuationOrSymbol(t, pos) && pos + 1 < end &&
        isLetterOrMark(t, pos + 1))
        return runEnd(t, pos + 2, end, isLetterOrMark);
    const size_t p = pos + (t.cps[pos] == ' ' ? 1 : 0);
    if (p < end && isPunctuationOrSymbol(t, p))
        return newlinesEnd(t, runEnd(t, p, end, isPunctuationOrSymbol), end);
    return matchSpaces(t, pos, end, true, true);
}

// ---- default

// [\p{P}\$\+<=>\^~\|]+
size_t matchPunctuationRun(const Text& t, size_t pos, size_t end)
{
    const auto inClass = [](const Text& text, size_t i) {
        const uint32_t cp = text.cps[i];
        return text.classes[i] == CharClass::Punctuation || cp == '$' || cp == '+' || cp == '<' ||
               cp == '=' || cp == '>' || cp == '^' || cp == '~' || cp == '|';
    };
    return runEnd(t, pos, end, inClass);
}

size_t matchThreeAsciiDigits(const Text& t, size_t pos, size_t end) // [0-9][0-9][0-9]
{
    const auto digit = [&](size_t i) { return i < end && t.cps[i] >= '0' && t.cps[i] <= '9'; };
    return digit(pos) && digit(pos + 1) && digit(pos + 2) ? pos + 3 : pos;
}

// Fragments as code point ranges [first, second).
using Fragments = std::vector<std::pair<size_t, size_t>>;

// One regex over every fragment: matches and the unmatched text between them become fragments.
void applyRegex(const Text& t, Matcher match, const Fragments& in, Fragments& out)
{
    out.clear();
    for (const auto& [begin, end] : in) {
        size_t gap = begin;
        for (size_t pos = begin; pos < end;) {
            const size_t stop = match(t, pos, end);
            if (stop == pos) {
                ++pos;
                continue;
            }
            if (gap < pos)
                out.emplace_back(gap, pos);
            out.emplace_back(pos, stop);
            pos = gap = stop;
        }
        if (gap < end)
            out.emplace_back(gap, end);
    }
}

constexpr Matcher kLlama3[] = {matchLlama3<3>};
constexpr Matcher kQwen2[] = {matchLlama3<1>};
constexpr Matcher kDeepseekLlm[] = {matchNewline,
                                    matchSpaceAndRun<kDeepseekLetters>,
                                    matchSpaceAndRun<kDeepseekPunctuation>,
                                    matchTrailingSpaces,
                                    matchRun<kDeepseekCjk>,
                                    matchNumbers};
constexpr Matcher kDeepseekV3[] = {matchUpToThreeNumbers, matchRun<kDeepseekV3Cjk>, matchDeepseekV3Words};
constexpr Matcher kRefact[] = {matchNumber, matchGpt2};
constexpr Matcher kDefault[] = {matchPunctuationRun, matchGpt2, matchNumbers, matchThreeAsciiDigits};

std::span<const Matcher> regexesOf(Family family)
{
    switch (family) {
    case Family::Gpt2:
        break;
    case Family::Llama3:
        return kLlama3;
    case Family::Qwen2:
        return kQwen2;
    case Family::DeepseekLlm:
        return kDeepseekLlm;
    case Family::DeepseekV3:
        return kDeepseekV3;
    case Family::Refact:
        return kRefact;
    case Family::Default:
        return kDefault;
    }
    static constexpr Matcher kGpt2[] = {matchGpt2};
    return kGpt2;
}

} // namespace

std::optional<Family> familyOf(std::string_view name)
{
    // llama.cpp b4748's names (llama_vocab::impl::load) for the regex lists implemented here.
    struct Name {
        std::string_view name;
        Family family;
    };
    static constexpr Name kNames[] = {
        {"gpt-2", Family::Gpt2},
        {"olmo", Family::Gpt2},
        {"mpt", Family::Gpt2},
        {"jais", Family::Gpt2},
        {"llama-bpe", Family::Llama3},
        {"llama3", Family::Llama3},
        {"llama-v3", Family::Llama3},
        {"falcon3", Family::Llama3},
        {"dbrx", Family::Llama3},
        {"smaug-bpe", Family::Llama3},
        {"qwen2", Family::Qwen2},
        {"deepseek-r1-qwen", Family::Qwen2},
        {"megrez", Family::Qwen2},
        {"deepseek-llm", Family::DeepseekLlm},
        {"deepseek-v3", Family::DeepseekV3},
        {"refact", Family::Refact},
        {"starcoder", Family::Refact},
        {"smollm", Family::Refact},
        {"default", Family::Default},
    };
    for (const Name& n : kNames)
        if (n.name == name)
            return n.family;
    return std::nullopt;
}

void splitInto(Family family, std::string_view text, std::vector<std::string_view>& out)
{
    if (text.empty())
        return;
    if (family == Family::Gpt2) { // the streaming splitter, same pieces, no decoding pass
        Gpt2Splitter splitter(text);
        for (Piece piece; splitter.next(piece);)
            out.push_back(piece.text);
        return;
    }
    const Text t = decodeText(text);
    Fragments fragments{{0, t.cps.size()}}, next;
    for (const Matcher match : regexesOf(family)) {
        applyRegex(t, match, fragments, next);
        fragments.swap(next);
    }
    for (const auto& [begin, end] : fragments)
        out.push_back(text.substr(t.offsets[begin], t.offsets[end] - t.offsets[begin]));
}

} // namespace moe::pretok

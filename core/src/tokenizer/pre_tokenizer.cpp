// The GPT-2 pre-tokenizer regex
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// evaluated the way llama.cpp's hand-written "gpt-2" splitter does, over code points decoded the
// way llama.cpp decodes them. Decoding only decides where pieces end: the pieces keep the raw
// bytes, where llama.cpp would substitute U+FFFD for an invalid byte (see tokenizer.h).
#include "pre_tokenizer.h"

#include "moe/tokenizer.h"
#include "unicode_tables.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace moe {
namespace unicode {

CharClass classify(uint32_t codePoint)
{
    const CharRange* end = kCharRanges + kCharRangeCount;
    const CharRange* next = std::upper_bound(kCharRanges, end, codePoint,
                                             [](uint32_t cp, const CharRange& r) { return cp < r.start; });
    // kCharRanges[0].start == 0, so next > kCharRanges; the last run (unassigned up to U+10FFFF)
    // is Other, which also covers the code points above it.
    return (next - 1)->charClass;
}

} // namespace unicode

namespace pretok {
namespace {

bool isContinuation(std::string_view text, size_t i)
{
    return i < text.size() && (static_cast<uint8_t>(text[i]) & 0xC0) == 0x80;
}

// What the splitter asks of a position: its class, or None past the end of the text.
enum class Kind { None, Other, Letter, Number, Whitespace };

Kind kindOf(uint32_t codePoint)
{
    if (codePoint < 0x80) { // the common case, without the table search
        if ((codePoint | 0x20) >= 'a' && (codePoint | 0x20) <= 'z')
            return Kind::Letter;
        if (codePoint >= '0' && codePoint <= '9')
            return Kind::Number;
        if (codePoint == ' ' || (codePoint >= '\t' && codePoint <= '\r'))
            return Kind::Whitespace;
        return Kind::Other;
    }
    switch (unicode::classify(codePoint)) {
    case unicode::CharClass::Letter:
        return Kind::Letter;
    case unicode::CharClass::Number:
        return Kind::Number;
    case unicode::CharClass::Whitespace:
        return Kind::Whitespace;
    case unicode::CharClass::Other:
    case unicode::CharClass::Punctuation:
    case unicode::CharClass::Symbol:
    case unicode::CharClass::Mark:
        break;
    }
    return Kind::Other;
}

Kind kindAt(std::string_view text, size_t offset)
{
    return offset < text.size() ? kindOf(decodeUnit(text, offset).codePoint) : Kind::None;
}

size_t nextOffset(std::string_view text, size_t offset)
{
    return offset + decodeUnit(text, offset).length;
}

} // namespace

Unit decodeUnit(std::string_view text, size_t offset)
{
    const auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<uint8_t>(text[offset + k])); };
    const uint32_t b0 = b(0);
    constexpr Unit kInvalid{0xFFFD, 1};
    if (b0 < 0x80)
        return {b0, 1};
    if (!(b0 & 0x40))
        return kInvalid; // a stray continuation byte
    if (!(b0 & 0x20)) {
        if (!isContinuation(text, offset + 1))
            return kInvalid;
        return {((b0 & 0x1F) << 6) | (b(1) & 0x3F), 2};
    }
    if (!(b0 & 0x10)) {
        if (!isContinuation(text, offset + 1) || !isContinuation(text, offset + 2))
            return kInvalid;
        return {((b0 & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F), 3};
    }
    if (!(b0 & 0x08)) {
        if (!isContinuation(text, offset + 1) || !isContinuation(text, offset + 2) ||
            !isContinuation(text, offset + 3))
            return kInvalid;
        return {((b0 & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F), 4};
    }
    return kInvalid; // 0xF8..0xFF never start a sequence
}

bool Gpt2Splitter::next(Piece& piece)
{
    const std::string_view text = m_text;
    const size_t start = m_pos;
    if (start >= text.size())
        return false;
    const auto finish = [&](size_t end, bool number = false) {
        piece = {text.substr(start, end - start), number};
        m_pos = end;
        return true;
    };
    const uint32_t c = decodeUnit(text, start).codePoint;
    const size_t second = nextOffset(text, start);

    // 's|'t|'re|'ve|'m|'ll|'d (lower case only, as in GPT-2)
    if (c == '\'' && second < text.size()) {
        const uint32_t n1 = decodeUnit(text, second).codePoint;
        const size_t third = nextOffset(text, second);
        if (n1 == 's' || n1 == 't' || n1 == 'm' || n1 == 'd')
            return finish(third);
        if (third < text.size()) {
            const uint32_t n2 = decodeUnit(text, third).codePoint;
            if ((n1 == 'r' && n2 == 'e') || (n1 == 'v' && n2 == 'e') || (n1 == 'l' && n2 == 'l'))
                return finish(nextOffset(text, third));
        }
    }

    // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`: an ASCII space joins the run after it.
    const size_t runStart = c == ' ' ? second : start;
    const Kind run = kindAt(text, runStart);
    if (run == Kind::Letter || run == Kind::Number || run == Kind::Other) {
        size_t end = runStart;
        while (end < text.size()) {
            const Unit unit = decodeUnit(text, end);
            if (kindOf(unit.codePoint) != run)
                break;
            end += unit.length;
        }
        return finish(end, run == Kind::Number);
    }

    size_t spaces = 0, end = start, lastSpace = start;
    while (end < text.size()) {
        const Unit unit = decodeUnit(text, end);
        if (kindOf(unit.codePoint) != Kind::Whitespace)
            break;
        lastSpace = end;
        end += unit.length;
        ++spaces;
    }
    // \s+(?!\S): a whitespace run followed by more text leaves its last character to start the
    // next piece (so " word" keeps its space).
    if (spaces > 1 && end < text.size())
        return finish(lastSpace);
    if (spaces > 0) // \s+
        return finish(end);
    return finish(second); // unreachable with the classes above; llama.cpp's "no match" step
}

std::vector<Piece> split(std::string_view text)
{
    std::vector<Piece> pieces;
    Gpt2Splitter splitter(text);
    for (Piece piece; splitter.next(piece);)
        pieces.push_back(piece);
    return pieces;
}

} // namespace pretok

std::vector<std::string_view> preTokenize(std::string_view pre, std::string_view text)
{
    const std::optional<pretok::Family> family = pretok::familyOf(pre);
    if (!family)
        throw std::invalid_argument("unknown pre-tokenizer '" + std::string(pre) + "'");
    std::vector<std::string_view> pieces;
    pretok::splitInto(*family, text, pieces);
    return pieces;
}

bool isKnownPreTokenizer(std::string_view pre)
{
    return pretok::familyOf(pre).has_value();
}

std::vector<std::string_view> preTokenizeGpt2(std::string_view text)
{
    std::vector<std::string_view> views;
    for (const pretok::Piece& piece : pretok::split(text))
        views.push_back(piece.text);
    return views;
}

} // namespace moe

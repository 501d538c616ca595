// Fortune files (the strfile text format): parsing, normalising an entry, its key, blocked words.
#include "moe/corpus.h"
#include "moe/error.h"

#include "corpus_rng.h"

#include <algorithm>
#include <unordered_set>

namespace moe {
namespace {

// Length of the valid UTF-8 sequence at `at`, or 0 if it is invalid (overlong, surrogate, too big).
size_t utf8Length(std::string_view s, size_t at)
{
    const auto byte = [&s](size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char c = byte(at);
    if (c < 0x80)
        return 1;
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (at + n > s.size())
        return 0;
    for (size_t i = 1; i < n; ++i) {
        if ((byte(at + i) & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (byte(at + i) & 0x3Fu);
    }
    const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    return n;
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

std::string_view trimRight(std::string_view s)
{
    while (!s.empty() && isBlank(s.back()))
        s.remove_suffix(1);
    return s;
}

// "\t\t-- Mark Twain": an indented line starting with "--" and a space (or nothing after it).
bool isAttribution(std::string_view line)
{
    size_t i = 0;
    while (i < line.size() && isBlank(line[i]))
        ++i;
    if (i == 0 || line.substr(i, 2) != "--")
        return false;
    return i + 2 == line.size() || isBlank(line[i + 2]);
}

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

} // namespace

std::vector<FortuneEntry> parseFortunes(std::string_view text, const std::string& source)
{
    size_t line = 1;
    for (size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '\0')
            throw FormatError(source, "NUL byte at offset " + std::to_string(i) + " (line " +
                                          std::to_string(line) +
                                          "): a binary file, not fortune text (the .dat index?)");
        if (c == '\r')
            throw FormatError(source, "carriage return at offset " + std::to_string(i) + " (line " +
                                          std::to_string(line) + "): fortune files use \\n line endings");
        const size_t n = utf8Length(text, i);
        if (n == 0)
            throw FormatError(source, "invalid UTF-8 at offset " + std::to_string(i) + " (line " +
                                          std::to_string(line) + ")");
        line += c == '\n' ? 1 : 0;
        i += n;
    }

    std::vector<FortuneEntry> entries;
    std::string current;
    size_t currentLine = 1;
    const auto finish = [&](size_t nextLine) {
        const bool empty =
            std::all_of(current.begin(), current.end(), [](char ch) { return ch == '\n' || isBlank(ch); });
        if (!empty) {
            if (!current.empty() && current.back() == '\n')
                current.pop_back();
            entries.push_back({current, entries.size(), currentLine});
        }
        current.clear();
        currentLine = nextLine;
    };
    const std::vector<std::string_view> lines = splitLines(text);
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string_view l = lines[i];
        if (l == "%") {
            finish(i + 2);
            continue;
        }
        if (!l.empty() && l[0] == '%')
            throw FormatError(source, "line " + std::to_string(i + 1) + ": \"" +
                                          std::string(l.substr(0, 20)) +
                                          "\" starts like a separator but is not exactly \"%\"");
        if (i + 1 == lines.size() && l.empty())
            break; // the newline that ends the file
        current.append(l);
        current.push_back('\n');
    }
    finish(lines.size() + 1);
    if (entries.empty())
        throw FormatError(source, "no fortune entries (an empty file?)");
    return entries;
}

std::string normaliseFortune(std::string_view entry)
{
    std::vector<std::string_view> lines = splitLines(entry);
    const auto dropTrailingBlank = [&lines] {
        while (!lines.empty() && trimRight(lines.back()).empty())
            lines.pop_back();
    };
    // Strip attribution blocks from the end: the "-- Author" line and the indented lines after it.
    for (;;) {
        dropTrailingBlank();
        size_t at = lines.size();
        while (at > 0 && !isAttribution(lines[at - 1]))
            --at;
        if (at == 0)
            break;
        const bool tail =
            std::all_of(lines.begin() + static_cast<ptrdiff_t>(at), lines.end(),
                        [](std::string_view l) { return trimRight(l).empty() || isBlank(l[0]); });
        if (!tail)
            break;
        lines.resize(at - 1);
    }

    std::string out;
    bool pendingBlank = false;
    for (const std::string_view raw : lines) {
        std::string line;
        size_t i = 0;
        while (i < raw.size() && isBlank(raw[i]))
            ++i;
        const std::string_view body = trimRight(raw.substr(i));
        if (body.empty()) {
            pendingBlank = !out.empty();
            continue;
        }
        if (i > 0)
            line = "  "; // tab widths carry no meaning once tabs are gone: keep that it was indented
        for (size_t j = 0; j < body.size(); ++j) {
            if (isBlank(body[j])) {
                if (!isBlank(body[j - 1]))
                    line.push_back(' ');
            } else {
                line.push_back(body[j]);
            }
        }
        if (pendingBlank)
            out.push_back('\n');
        pendingBlank = false;
        out += line;
        out.push_back('\n');
    }
    return out;
}

uint64_t fortuneKey(std::string_view text)
{
    std::string key;
    key.reserve(text.size());
    for (const char c : text) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (space) {
            if (!key.empty() && key.back() != ' ')
                key.push_back(' ');
        } else {
            key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        }
    }
    if (!key.empty() && key.back() == ' ')
        key.pop_back();
    return corpus::stableHash(key);
}

bool containsBlockedWord(std::string_view text, const std::vector<std::string>& words)
{
    std::unordered_set<std::string_view> exact;
    std::vector<std::string_view> prefixes;
    for (const std::string& w : words) {
        if (!w.empty() && w.back() == '*')
            prefixes.push_back(std::string_view(w).substr(0, w.size() - 1));
        else
            exact.insert(w);
    }
    std::string word;
    const auto check = [&]() {
        if (word.empty())
            return false;
        if (exact.count(word) != 0)
            return true;
        return std::any_of(prefixes.begin(), prefixes.end(), [&word](std::string_view p) {
            return std::string_view(word).substr(0, p.size()) == p;
        });
    };
    for (const char c : text) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (letter) {
            word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        } else {
            if (check())
                return true;
            word.clear();
        }
    }
    return check();
}

} // namespace moe

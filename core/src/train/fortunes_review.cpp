// The reviewed lists of resources/corpus/: which fortune categories, which entries were rejected,
// which words drop an entry. The built-in copies are compiled in (corpus_review_data.cpp, generated
// by CMake from resources/corpus/), so the library needs no data files besides Debian's fortunes.
#include "moe/corpus.h"
#include "moe/error.h"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace moe {
namespace corpus {
// Defined in the generated corpus_review_data.cpp.
std::string_view builtInCategories();
std::string_view builtInExcludedEntries();
std::string_view builtInBlockedWords();
} // namespace corpus

namespace {

constexpr const char* kCategoriesFile = "resources/corpus/categories.txt";
constexpr const char* kExcludedFile = "resources/corpus/excluded-entries.txt";
constexpr const char* kBlockedFile = "resources/corpus/blocked-words.txt";

// Whitespace-separated fields of each non-empty line, '#' starting a comment; with line numbers.
struct Line {
    size_t number;
    std::vector<std::string> fields;
};
std::vector<Line> fieldLines(std::string_view text)
{
    std::vector<Line> out;
    size_t number = 0, start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        ++number;
        std::string_view line = text.substr(start, end - start);
        line = line.substr(0, line.find('#'));
        std::istringstream in{std::string(line)};
        Line l{number, {}};
        for (std::string field; in >> field;)
            l.fields.push_back(field);
        if (!l.fields.empty())
            out.push_back(std::move(l));
        start = end + 1;
    }
    return out;
}

uint64_t parseHex64(const std::string& field, const char* file, size_t line)
{
    uint64_t value = 0;
    const auto [end, err] = std::from_chars(field.data(), field.data() + field.size(), value, 16);
    if (field.size() != 16 || err != std::errc() || end != field.data() + field.size())
        throw FormatError(file, "line " + std::to_string(line) + ": \"" + field +
                                    "\" is not a 16-digit hexadecimal hash");
    return value;
}

} // namespace

FortuneReview FortuneReview::parse(std::string_view categories, std::string_view excludedEntries,
                                   std::string_view blockedWords)
{
    FortuneReview review;
    // categories.txt: <name> <poem|english> <package> <16-hex file hash>
    for (const Line& l : fieldLines(categories)) {
        const auto where = [&l] { return "line " + std::to_string(l.number) + ": "; };
        if (l.fields.size() != 4)
            throw FormatError(kCategoriesFile, where() +
                                                   "expected 4 fields (name domain package hash), got " +
                                                   std::to_string(l.fields.size()));
        FortuneCategory c;
        c.name = l.fields[0];
        if (c.name.find('/') != std::string::npos || c.name.find("..") != std::string::npos ||
            c.name == "off" || c.name.rfind("off.", 0) == 0)
            throw FormatError(kCategoriesFile,
                              where() + "category \"" + c.name +
                                  "\" is refused: a plain file name is required, and never the "
                                  "offensive set (off/)");
        if (l.fields[1] == "poem")
            c.domain = Domain::Poem;
        else if (l.fields[1] == "english")
            c.domain = Domain::English;
        else
            throw FormatError(kCategoriesFile,
                              where() + "domain \"" + l.fields[1] + "\", expected poem or english");
        c.package = l.fields[2];
        c.fileHash = parseHex64(l.fields[3], kCategoriesFile, l.number);
        for (const FortuneCategory& seen : review.categories)
            if (seen.name == c.name)
                throw FormatError(kCategoriesFile, where() + "category \"" + c.name + "\" is listed twice");
        review.categories.push_back(std::move(c));
    }
    // excluded-entries.txt: <category> <16-hex fortuneKey> <reason and first line, for people>
    for (const Line& l : fieldLines(excludedEntries)) {
        if (l.fields.size() < 2)
            throw FormatError(kExcludedFile,
                              "line " + std::to_string(l.number) + ": expected <category> <hash>");
        review.excludedKeys.push_back(parseHex64(l.fields[1], kExcludedFile, l.number));
    }
    // blocked-words.txt: one lower-case word or "prefix*" per line
    for (const Line& l : fieldLines(blockedWords)) {
        const std::string& w = l.fields[0];
        const bool valid = l.fields.size() == 1 && w != "*" &&
                           std::all_of(w.begin(), w.end() - (w.back() == '*' ? 1 : 0),
                                       [](char c) { return c >= 'a' && c <= 'z'; });
        if (!valid)
            throw FormatError(kBlockedFile, "line " + std::to_string(l.number) + ": \"" + w +
                                                "\" is not a lower-case word or prefix*");
        review.blockedWords.push_back(w);
    }
    return review;
}

FortuneReview FortuneReview::builtIn()
{
    static const FortuneReview review =
        parse(corpus::builtInCategories(), corpus::builtInExcludedEntries(), corpus::builtInBlockedWords());
    return review;
}

} // namespace moe

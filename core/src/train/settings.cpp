// `key = value` settings files (the training recipe), with errors that name file, line and key.
#include "moe/error.h"
#include "moe/train.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace moe {

namespace {

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

} // namespace

Settings Settings::parse(std::string_view text, const std::string& source)
{
    Settings settings;
    settings.m_source = source;
    int lineNumber = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        const size_t end = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNumber;
        line = trim(line.substr(0, line.find('#')));
        if (line.empty())
            continue;
        const auto eq = line.find('=');
        const std::string where = "line " + std::to_string(lineNumber) + ": ";
        if (eq == std::string_view::npos)
            throw FormatError(source, where + "expected 'key = value', got '" + std::string(line) + "'");
        const std::string key(trim(line.substr(0, eq)));
        if (key.empty())
            throw FormatError(source, where + "empty key before '='");
        if (const Entry* previous = settings.find(key))
            throw FormatError(source, where + "key '" + key + "' is already set on line " +
                                          std::to_string(previous->line));
        settings.m_entries.push_back({key, std::string(trim(line.substr(eq + 1))), lineNumber});
    }
    return settings;
}

Settings Settings::load(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path, "cannot open the settings file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw FormatError(path, "cannot read the settings file");
    return parse(text.str(), path);
}

const Settings::Entry* Settings::find(const std::string& key) const
{
    for (const Entry& entry : m_entries) {
        if (entry.key == key)
            return &entry;
    }
    return nullptr;
}

void Settings::fail(const Entry& entry, const std::string& message) const
{
    const std::string where =
        entry.line > 0 ? "line " + std::to_string(entry.line) + ": " : "(command line) ";
    throw FormatError(m_source,
                      where + "key '" + entry.key + "': " + message + ", got '" + entry.value + "'");
}

bool Settings::has(const std::string& key) const
{
    return find(key) != nullptr;
}

void Settings::set(const std::string& key, const std::string& value)
{
    for (Entry& entry : m_entries) {
        if (entry.key == key) {
            entry.value = value;
            entry.line = 0;
            return;
        }
    }
    m_entries.push_back({key, value, 0});
}

std::string Settings::text(const std::string& key, const std::string& fallback) const
{
    const Entry* entry = find(key);
    if (!entry)
        return fallback;
    entry->used = true;
    return entry->value;
}

int Settings::integer(const std::string& key, int fallback, int min, int max) const
{
    const Entry* entry = find(key);
    if (!entry)
        return fallback;
    entry->used = true;
    int value = 0;
    const char* first = entry->value.data();
    const char* last = first + entry->value.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || ptr != last)
        fail(*entry, "expected an integer");
    if (value < min || value > max)
        fail(*entry, "expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    return value;
}

double Settings::real(const std::string& key, double fallback, double min, double max) const
{
    const Entry* entry = find(key);
    if (!entry)
        return fallback;
    entry->used = true;
    // strtod reads what toText() writes (std::to_chars, shortest round-trip form) in the C locale,
    // which moe never changes.
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(entry->value.c_str(), &end);
    if (entry->value.empty() || end != entry->value.c_str() + entry->value.size() || errno == ERANGE)
        fail(*entry, "expected a number");
    if (!(value >= min && value <= max))
        fail(*entry, "expected a number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    return value;
}

uint64_t Settings::unsignedInteger(const std::string& key, uint64_t fallback) const
{
    const Entry* entry = find(key);
    if (!entry)
        return fallback;
    entry->used = true;
    uint64_t value = 0;
    const char* first = entry->value.data();
    const char* last = first + entry->value.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || ptr != last)
        fail(*entry, "expected an unsigned integer");
    return value;
}

bool Settings::boolean(const std::string& key, bool fallback) const
{
    const Entry* entry = find(key);
    if (!entry)
        return fallback;
    entry->used = true;
    const std::string& v = entry->value;
    if (v == "true" || v == "yes" || v == "1" || v == "on")
        return true;
    if (v == "false" || v == "no" || v == "0" || v == "off")
        return false;
    fail(*entry, "expected true or false");
}

void Settings::requireAllUsed() const
{
    for (const Entry& entry : m_entries) {
        if (!entry.used) {
            const std::string where = entry.line > 0 ? "line " + std::to_string(entry.line) + ": " : "";
            throw FormatError(m_source, where + "unknown key '" + entry.key + "'");
        }
    }
}

} // namespace moe

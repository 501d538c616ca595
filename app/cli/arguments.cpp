#include "arguments.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <limits>

namespace cli {

std::string CommandSpec::helpText() const
{
    std::string text = "usage: tiny-experts-cli " + name + " " + usage + "\n\n" + summary + "\n";
    if (!options.empty())
        text += "\noptions:\n";
    size_t width = 0;
    for (const OptionSpec& o : options)
        width = std::max(width, o.name.size() + (o.valueName.empty() ? 0 : o.valueName.size() + 1));
    for (const OptionSpec& o : options) {
        std::string left = o.name + (o.valueName.empty() ? "" : " " + o.valueName);
        text += "  " + left + std::string(width - left.size() + 2, ' ') + o.help + "\n";
    }
    text += "  --help" + std::string(width > 4 ? width - 4 : 2, ' ') + "show this help\n";
    return text;
}

Arguments Arguments::parse(const CommandSpec& spec, std::span<const std::string> args)
{
    Arguments parsed;
    parsed.m_spec = &spec;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        if (word == "--help" || word == "-h") {
            parsed.m_help = true;
            continue;
        }
        if (word.size() > 2 && word.rfind("--", 0) == 0) {
            std::string name = word;
            std::optional<std::string> inlineValue;
            if (const size_t eq = word.find('='); eq != std::string::npos) {
                name = word.substr(0, eq);
                inlineValue = word.substr(eq + 1);
            }
            const auto option = std::find_if(spec.options.begin(), spec.options.end(),
                                             [&](const OptionSpec& o) { return o.name == name; });
            if (option == spec.options.end())
                throw UsageError("unknown option '" + name + "' for '" + spec.name + "'");
            if (parsed.value(name) || parsed.flag(name))
                throw UsageError("option '" + name + "' given twice");
            if (option->valueName.empty()) {
                if (inlineValue)
                    throw UsageError("option '" + name + "' takes no value");
                parsed.m_values.emplace_back(name, "");
            } else if (inlineValue) {
                parsed.m_values.emplace_back(name, *inlineValue);
            } else {
                if (i + 1 >= args.size())
                    throw UsageError("option '" + name + "' needs a value (" + option->valueName + ")");
                parsed.m_values.emplace_back(name, args[++i]);
            }
            continue;
        }
        parsed.m_positional.push_back(word);
    }
    if (!parsed.m_help && static_cast<int>(parsed.m_positional.size()) != spec.positionalCount)
        throw UsageError("'" + spec.name + "' expects " + spec.usage + " (got " +
                         std::to_string(parsed.m_positional.size()) + " positional arguments)");
    return parsed;
}

bool Arguments::flag(const std::string& name) const
{
    return std::any_of(m_values.begin(), m_values.end(),
                       [&](const auto& entry) { return entry.first == name && entry.second.empty(); }) &&
           std::any_of(m_spec->options.begin(), m_spec->options.end(),
                       [&](const OptionSpec& o) { return o.name == name && o.valueName.empty(); });
}

std::optional<std::string> Arguments::value(const std::string& name) const
{
    for (const auto& [key, value] : m_values)
        if (key == name)
            for (const OptionSpec& o : m_spec->options)
                if (o.name == name && !o.valueName.empty())
                    return value;
    return std::nullopt;
}

std::string Arguments::text(const std::string& name, const std::string& fallback) const
{
    return value(name).value_or(fallback);
}

std::string Arguments::required(const std::string& name) const
{
    const auto v = value(name);
    if (!v)
        throw UsageError("'" + m_spec->name + "' needs " + name);
    return *v;
}

int Arguments::integer(const std::string& name, int fallback, int min, int max) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    int result = 0;
    const auto [end, error] = std::from_chars(v->data(), v->data() + v->size(), result);
    if (error != std::errc() || end != v->data() + v->size())
        throw UsageError(name + " expects a whole number, got '" + *v + "'");
    if (result < min || result > max)
        throw UsageError(name + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                         ", got " + *v);
    return result;
}

double Arguments::real(const std::string& name, double fallback, double min, double max) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    char* end = nullptr;
    const double result = std::strtod(v->c_str(), &end);
    if (v->empty() || end != v->c_str() + v->size())
        throw UsageError(name + " expects a number, got '" + *v + "'");
    if (!(result >= min && result <= max))
        throw UsageError(name + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                         ", got " + *v);
    return result;
}

uint64_t Arguments::unsignedInteger(const std::string& name, uint64_t fallback) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    uint64_t result = 0;
    const auto [end, error] = std::from_chars(v->data(), v->data() + v->size(), result);
    if (error != std::errc() || end != v->data() + v->size())
        throw UsageError(name + " expects a non-negative whole number, got '" + *v + "'");
    return result;
}

} // namespace cli

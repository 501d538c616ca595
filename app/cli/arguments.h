// Command-line parsing for tiny-experts-cli: each command declares its options (with help text),
// unknown options and malformed values are refused with a message that names them.
#pragma once

#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace cli {

// A mistake on the command line (exit code 2, with a hint to use --help).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name;      // "--max-tokens"
    std::string valueName; // "N"; empty for a flag
    std::string help;
};

struct CommandSpec {
    std::string name;  // "generate"
    std::string usage; // "MODEL --prompt TEXT [options]"
    std::string summary;
    std::vector<OptionSpec> options;
    int positionalCount = 1;
    std::string helpText() const;
};

class Arguments {
public:
    // args are the words after the command name. Throws UsageError.
    static Arguments parse(const CommandSpec& spec, std::span<const std::string> args);

    bool helpRequested() const { return m_help; }
    const std::vector<std::string>& positional() const { return m_positional; }
    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::string text(const std::string& name, const std::string& fallback) const;
    std::string required(const std::string& name) const;
    int integer(const std::string& name, int fallback, int min, int max) const;
    double real(const std::string& name, double fallback, double min, double max) const;
    uint64_t unsignedInteger(const std::string& name, uint64_t fallback) const;

private:
    const CommandSpec* m_spec = nullptr;
    bool m_help = false;
    std::vector<std::string> m_positional;
    std::vector<std::pair<std::string, std::string>> m_values; // flags hold ""
};

} // namespace cli

// Errors thrown by moe's load, save and parse code. step() and other hot paths never throw.
#pragma once

#include <stdexcept>
#include <string>

namespace moe {

// A file or byte buffer that is not what it claims to be. The message names the source (path),
// what is wrong, and where (key, tensor, byte offset), with the expected and the found value.
class FormatError : public std::runtime_error {
public:
    FormatError(const std::string& source, const std::string& message)
        : std::runtime_error(source + ": " + message)
    {
    }
};

// Model::load stopped because its caller asked it to (LoadMonitor::cancel); nothing was kept.
class LoadCancelled : public std::runtime_error {
public:
    explicit LoadCancelled(const std::string& source) : std::runtime_error(source + ": loading cancelled") {}
};

} // namespace moe

// generate --dump-quantised-inputs: every input row of a product with quantised weights, as text,
// so tests/llamacpp/explain_divergence.py can find the first activation that llama.cpp rounds to a
// different 8-bit value than we do.
#pragma once

#include "moe/session.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace cli {

// One line per row: "TENSOR EXPERT POSITION TYPE v0 v1 ...", EXPERT -1 outside expert tensors, values
// printed with 9 significant digits (exact for floats).
class QuantisedInputDump {
public:
    // Throws std::runtime_error if the file cannot be written.
    QuantisedInputDump(const moe::Model& model, const std::string& path);
    ~QuantisedInputDump();
    QuantisedInputDump(const QuantisedInputDump&) = delete;
    QuantisedInputDump& operator=(const QuantisedInputDump&) = delete;

    void write(const moe::QuantisedInput& input);

private:
    struct Range {
        const std::byte* begin;
        const std::byte* end;
        std::string name;
        size_t expertBytes; // bytes of one expert's slice; 0 if the tensor is not per expert
    };
    std::vector<Range> m_ranges; // the file's tensors, by address
    std::FILE* m_file;
};

} // namespace cli

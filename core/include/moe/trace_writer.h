// Writes a run's routing trace as JSON or CSV: for every prompt and generated token and every layer,
// the router probabilities, the chosen experts and their gate weights.
//
// JSON: {"model": NAME, "routing_override": {"top_k": K, "disabled": [[layer, expert], ...]},
//        "tokens": [{"id", "text", "prompt": bool, "layers": [{"probs": [E], "experts": [k], "gates":
//        [k]}]}]}
// CSV:  token,id,text,prompt,layer,experts,gates,p0..p{E-1}   (experts and gates joined with ';')
// Token text is UTF-8; bytes that are not valid UTF-8 on their own (half a character) become U+FFFD.
#pragma once

#include "moe/generation.h"
#include "moe/routing.h"

#include <ostream>
#include <string>
#include <vector>

namespace moe {

struct Trace {
    std::string model;
    RoutingOverride routingOverride;
    std::vector<GeneratedToken> tokens;
};

void writeTraceJson(std::ostream& out, const Trace& trace);
void writeTraceCsv(std::ostream& out, const Trace& trace);
// Picks the format from the extension (.json or .csv) and writes the file; throws std::runtime_error
// (unknown extension, I/O failure).
void writeTraceFile(const std::string& path, const Trace& trace);

// Bytes made valid UTF-8: every byte that is not part of a well-formed sequence becomes U+FFFD.
std::string toValidUtf8(std::string_view bytes);
// A JSON string literal (quotes included) of the bytes, made valid UTF-8 first.
std::string jsonString(std::string_view bytes);

} // namespace moe

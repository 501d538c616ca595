// JSON and CSV forms of a routing trace (format documented in moe/trace_writer.h).
#include "moe/trace_writer.h"

#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace moe {

namespace {

// Shortest text that reads back as the same float.
std::string number(float value)
{
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when it is not one.
size_t utf8SequenceLength(std::string_view s, size_t i)
{
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    size_t length;
    uint32_t codepoint;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        length = 2;
        codepoint = c & 0x1fu;
    } else if (c >= 0xe0 && c <= 0xef) {
        length = 3;
        codepoint = c & 0x0fu;
    } else if (c >= 0xf0 && c <= 0xf4) {
        length = 4;
        codepoint = c & 0x07u;
    } else {
        return 0;
    }
    if (i + length > s.size())
        return 0;
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xc0u) != 0x80u)
            return 0;
        codepoint = (codepoint << 6) | (byte(i + k) & 0x3fu);
    }
    const bool overlong = (length == 3 && codepoint < 0x800) || (length == 4 && codepoint < 0x10000);
    const bool surrogate = codepoint >= 0xd800 && codepoint <= 0xdfff;
    if (overlong || surrogate || codepoint > 0x10ffff)
        return 0;
    return length;
}

} // namespace

std::string jsonString(std::string_view bytes)
{
    const std::string text = toValidUtf8(bytes);
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                static const char* hex = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

namespace {

std::string csvField(std::string_view bytes)
{
    const std::string text = toValidUtf8(bytes);
    std::string out = "\"";
    for (const char ch : text) {
        if (ch == '"')
            out += '"';
        out += ch;
    }
    out += '"';
    return out;
}

template <typename T, typename Format>
std::string joined(const std::vector<T>& values, const char* separator, Format format)
{
    std::string out;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += separator;
        out += format(values[i]);
    }
    return out;
}

} // namespace

std::string toValidUtf8(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) {
        const size_t length = utf8SequenceLength(bytes, i);
        if (length == 0) {
            out += "\xef\xbf\xbd"; // U+FFFD
            ++i;
        } else {
            out.append(bytes.substr(i, length));
            i += length;
        }
    }
    return out;
}

void writeTraceJson(std::ostream& out, const Trace& trace)
{
    const auto toNumber = [](float v) { return number(v); };
    const auto toInt = [](int v) { return std::to_string(v); };
    out << "{\"model\": " << jsonString(trace.model)
        << ",\n \"routing_override\": {\"top_k\": " << trace.routingOverride.topK << ", \"disabled\": [";
    bool first = true;
    for (size_t l = 0; l < trace.routingOverride.disabled.size(); ++l)
        for (size_t e = 0; e < trace.routingOverride.disabled[l].size(); ++e)
            if (trace.routingOverride.disabled[l][e]) {
                out << (first ? "" : ", ") << "[" << l << ", " << e << "]";
                first = false;
            }
    out << "]},\n \"tokens\": [";
    for (size_t t = 0; t < trace.tokens.size(); ++t) {
        const GeneratedToken& token = trace.tokens[t];
        out << (t ? ",\n  " : "\n  ") << "{\"id\": " << token.id << ", \"text\": " << jsonString(token.bytes)
            << ", \"prompt\": " << (token.prompt ? "true" : "false") << ", \"layers\": [";
        for (size_t l = 0; l < token.routing.layers.size(); ++l) {
            const LayerRouting& layer = token.routing.layers[l];
            out << (l ? ", " : "") << "{\"probs\": [" << joined(layer.probs, ", ", toNumber)
                << "], \"experts\": [" << joined(layer.experts, ", ", toInt) << "], \"gates\": ["
                << joined(layer.gates, ", ", toNumber) << "]}";
        }
        out << "]}";
    }
    out << "\n ]}\n";
}

void writeTraceCsv(std::ostream& out, const Trace& trace)
{
    const size_t experts = trace.tokens.empty() || trace.tokens[0].routing.layers.empty()
                               ? 0
                               : static_cast<size_t>(trace.tokens[0].routing.expertCount());
    out << "token,id,text,prompt,layer,experts,gates";
    for (size_t e = 0; e < experts; ++e)
        out << ",p" << e;
    out << "\n";
    const auto toNumber = [](float v) { return number(v); };
    const auto toInt = [](int v) { return std::to_string(v); };
    for (size_t t = 0; t < trace.tokens.size(); ++t) {
        const GeneratedToken& token = trace.tokens[t];
        for (size_t l = 0; l < token.routing.layers.size(); ++l) {
            const LayerRouting& layer = token.routing.layers[l];
            out << t << "," << token.id << "," << csvField(token.bytes) << "," << (token.prompt ? 1 : 0)
                << "," << l << "," << joined(layer.experts, ";", toInt) << ","
                << joined(layer.gates, ";", toNumber);
            for (float p : layer.probs)
                out << "," << number(p);
            out << "\n";
        }
    }
}

void writeTraceFile(const std::string& path, const Trace& trace)
{
    const std::string extension = std::filesystem::path(path).extension().string();
    if (extension != ".json" && extension != ".csv")
        throw std::runtime_error("trace file '" + path + "' must end in .json or .csv");
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file)
        throw std::runtime_error("cannot write trace file '" + path + "'");
    if (extension == ".json")
        writeTraceJson(file, trace);
    else
        writeTraceCsv(file, trace);
    file.flush();
    if (!file)
        throw std::runtime_error("writing trace file '" + path + "' failed");
}

} // namespace moe

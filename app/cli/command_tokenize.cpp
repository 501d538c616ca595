// tokenize and embed: the two views llama.cpp's tools also give (llama-tokenize, llama-embedding),
// so our engine can be compared with the reference implementation on the same file.
#include "commands.h"

#include "moe/generation.h"
#include "moe/model.h"
#include "moe/session.h"
#include "moe/trace_writer.h"

#include <array>
#include <charconv>
#include <iostream>
#include <stdexcept>

namespace cli {

const CommandSpec& tokenizeSpec()
{
    static const CommandSpec spec{
        "tokenize",
        "MODEL.gguf --prompt TEXT [--json] [--add-special] [--parse-special]",
        "Split text into the model's tokens (BPE or SentencePiece, as the file says). By default\n"
        "no BOS is added and special-token texts are ordinary text; with --add-special\n"
        "--parse-special the ids are llama-tokenize's (which adds BOS when the model asks).",
        {{"--prompt", "TEXT", "the text to split (required)"},
         {"--json", "", "print the ids as llama-tokenize --ids does: [1, 2, 3]"},
         {"--add-special", "", "BOS/EOS as the vocabulary asks (add_bos_token, add_eos_token)"},
         {"--parse-special", "", "the text of a control token in the prompt is that token"}}};
    return spec;
}

int runTokenize(const Arguments& args)
{
    const auto model = moe::Model::load(args.positional()[0]);
    const moe::EncodeOptions options{.addSpecial = args.flag("--add-special"),
                                     .parseSpecial = args.flag("--parse-special")};
    const std::vector<int> ids = model->tokenizer().encode(args.required("--prompt"), options);
    if (args.flag("--json")) {
        std::cout << "[";
        for (size_t i = 0; i < ids.size(); ++i)
            std::cout << (i ? ", " : "") << ids[i];
        std::cout << "]\n";
        return 0;
    }
    for (const int id : ids)
        std::cout << id << "\t" << moe::jsonString(model->tokenizer().tokenBytes(id)) << "\n";
    return 0;
}

const CommandSpec& embedSpec()
{
    static const CommandSpec spec{
        "embed",
        "MODEL.gguf --prompt TEXT",
        "Print the final hidden state (after output_norm) of every prompt token as a JSON array\n"
        "[tokens][embedding], BOS first when the model adds it: the same numbers as\n"
        "llama-embedding --pooling none --embd-normalize -1.",
        {{"--prompt", "TEXT", "the text to run (required)"}, {"--threads", "N", "threads (default 2)"}}};
    return spec;
}

int runEmbed(const Arguments& args)
{
    const auto model = moe::Model::load(args.positional()[0]);
    const std::vector<int> ids = moe::promptTokens(model->tokenizer(), args.required("--prompt"));
    moe::Session session(model, {.threads = args.integer("--threads", 2, 1, 256), .contextLength = 0});
    if (static_cast<int>(ids.size()) > session.contextLength())
        throw std::invalid_argument("the prompt has " + std::to_string(ids.size()) +
                                    " tokens, but the model's context holds " +
                                    std::to_string(session.contextLength()));
    std::vector<std::vector<float>> hidden;
    session.prefill(ids, &hidden);
    std::array<char, 32> buffer{};
    std::cout << "[";
    for (size_t t = 0; t < hidden.size(); ++t) {
        std::cout << (t ? ",\n [" : "[");
        for (size_t i = 0; i < hidden[t].size(); ++i) {
            const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), hidden[t][i]);
            std::cout << (i ? "," : "") << std::string_view(buffer.data(), result.ptr - buffer.data());
        }
        std::cout << "]";
    }
    std::cout << "]\n";
    return 0;
}

} // namespace cli

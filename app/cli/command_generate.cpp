// generate: read a prompt, write a continuation token by token, optionally save the routing trace.
#include "commands.h"

#include "moe/generation.h"
#include "moe/model.h"
#include "moe/session.h"
#include "moe/trace_writer.h"
#include "quantised_input_dump.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

namespace cli {

const CommandSpec& generateSpec()
{
    static const CommandSpec spec{
        "generate",
        "MODEL.gguf --prompt TEXT [options]",
        "Read the prompt, then write a continuation token by token (printed as it is made).\n"
        "With --trace, save every prompt and generated token's routing in every layer: the\n"
        "router probabilities, the chosen experts and their gate weights (.json or .csv).",
        {{"--prompt", "TEXT", "the text to continue (required)"},
         {"--max-tokens", "N", "tokens to generate (default 64)"},
         {"--min-tokens", "N", "tokens to write before end of text may come (default 0)"},
         {"--temp", "T", "temperature; 0 = greedy (default 0.8)"},
         {"--top-k", "K", "sample among the K most likely tokens; 0 = all (default 40)"},
         {"--top-p", "P", "sample within the top P probability mass (default 0.95)"},
         {"--seed", "S", "random seed; same seed, same text (default 42)"},
         {"--trace", "FILE", "write the routing trace to FILE.json or FILE.csv"},
         {"--threads", "N", "threads for matrix products (default 2)"},
         {"--dump-quantised-inputs", "FILE",
          "diagnostics: write every input row of a product with quantised weights to FILE (text)"},
         {"--ignore-eos", "", "keep generating past the end-of-text token"},
         {"--quiet", "", "print only the generated text, no statistics"}}};
    return spec;
}

int runGenerate(const Arguments& args)
{
    const auto model = moe::Model::load(args.positional()[0]);
    moe::GenerationRequest request;
    request.prompt = args.required("--prompt");
    request.maxTokens = args.integer("--max-tokens", 64, 0, 1 << 20);
    request.minTokens = args.integer("--min-tokens", 0, 0, 1 << 20);
    request.sampler.temperature = static_cast<float>(args.real("--temp", 0.8, 0.0, 100.0));
    request.sampler.topK = args.integer("--top-k", 40, 0, 1 << 30);
    request.sampler.topP = static_cast<float>(args.real("--top-p", 0.95, 1e-6, 1.0));
    request.sampler.seed = args.unsignedInteger("--seed", 42);
    request.stopAtEndOfText = !args.flag("--ignore-eos");
    const auto tracePath = args.value("--trace");
    if (tracePath && !tracePath->ends_with(".json") && !tracePath->ends_with(".csv"))
        throw UsageError("--trace file must end in .json or .csv, got '" + *tracePath + "'");

    moe::Session session(model, {.threads = args.integer("--threads", 2, 1, 256), .contextLength = 0});
    moe::Trace trace{model->name(), session.routingOverride(), {}};
    std::unique_ptr<QuantisedInputDump> dump;
    if (const auto dumpPath = args.value("--dump-quantised-inputs")) {
        dump = std::make_unique<QuantisedInputDump>(*model, *dumpPath);
        session.setQuantisedInputObserver([&dump](const moe::QuantisedInput& input) { dump->write(input); });
    }
    int generated = 0;
    const auto start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point firstGenerated;
    std::cout << request.prompt << std::flush;
    const moe::FinishReason reason = moe::generate(session, request, [&](const moe::GeneratedToken& token) {
        if (!token.prompt) {
            if (generated++ == 0)
                firstGenerated = std::chrono::steady_clock::now();
            std::cout << token.bytes << std::flush;
        }
        if (tracePath)
            trace.tokens.push_back(token);
        return true;
    });
    const auto end = std::chrono::steady_clock::now();
    std::cout << "\n";
    if (tracePath)
        moe::writeTraceFile(*tracePath, trace);
    if (!args.flag("--quiet")) {
        const double seconds = std::chrono::duration<double>(end - start).count();
        const double genSeconds =
            generated > 1 ? std::chrono::duration<double>(end - firstGenerated).count() : 0.0;
        std::fprintf(
            stderr, "[%d tokens generated in %.3f s; %.1f tokens/s after the first; stopped: %s%s%s]\n",
            generated, seconds, genSeconds > 0 ? (generated - 1) / genSeconds : 0.0,
            moe::finishReasonName(reason), tracePath ? "; trace: " : "", tracePath ? tracePath->c_str() : "");
    }
    return 0;
}

} // namespace cli

// info: what a model file holds, and how much of it one token uses.
#include "commands.h"

#include "moe/kernel_variant.h"
#include "moe/model.h"
#include "moe/trace_writer.h"

#include <cstdio>
#include <iostream>

namespace cli {

namespace {

std::string millions(int64_t count)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%lld (%.2f M)", static_cast<long long>(count), count / 1e6);
    return buffer;
}

std::string percent(int64_t part, int64_t whole)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%",
                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buffer;
}

} // namespace

const CommandSpec& infoSpec()
{
    static const CommandSpec spec{
        "info",
        "MODEL.gguf [--json]",
        "Show a model's shape: layers, experts, top-k, vocabulary, context, and its\n"
        "total parameters against the parameters one token actually uses.",
        {{"--json", "", "print one JSON object instead of text"}}};
    return spec;
}

int runInfo(const Arguments& args)
{
    const auto model = moe::Model::load(args.positional()[0]);
    const moe::ModelConfig& c = model->config();
    const int64_t total = c.totalParameters();
    const int64_t active = c.activeParametersPerToken();
    if (args.flag("--json")) {
        std::cout << "{\"name\": " << moe::jsonString(model->name())
                  << ", \"architecture\": \"llama\", \"layers\": " << c.nLayer
                  << ", \"experts\": " << c.nExpert << ", \"top_k\": " << c.nExpertUsed
                  << ", \"embedding\": " << c.nEmbd << ", \"heads\": " << c.nHead
                  << ", \"kv_heads\": " << c.nHeadKv << ", \"ffn\": " << c.nFf << ", \"vocab\": " << c.nVocab
                  << ", \"context\": " << c.nCtx << ", \"type\": \"" << moe::tensorTypeName(model->mainType())
                  << "\", \"total_parameters\": " << total << ", \"active_parameters\": " << active
                  << ", \"bytes_per_token\": " << model->bytesReadPerToken() << ", \"kernels\": \""
                  << moe::kernelVariant() << "\"}\n";
        return 0;
    }
    std::cout << "model          " << model->name() << "  (" << args.positional()[0] << ", "
              << model->file().fileSize() / 1024 << " KiB, " << moe::tensorTypeName(model->mainType())
              << ")\n"
              << "architecture   llama (Mixtral-style mixture of experts)\n"
              << "layers         " << c.nLayer << "\n"
              << "experts        " << c.nExpert << " per layer, top-" << c.nExpertUsed
              << " chosen per token\n"
              << "embedding      " << c.nEmbd << " (" << c.nHead << " heads, " << c.nHeadKv
              << " key/value heads, "
              << "head size " << c.headDim() << ")\n"
              << "expert ffn     " << c.nFf << "\n"
              << "vocabulary     " << c.nVocab << " tokens\n"
              << "context        " << c.nCtx << " tokens\n"
              << "parameters     " << millions(total) << " in total\n"
              << "active         " << millions(active) << " per token (" << percent(active, total) << ")\n"
              << "kernels        " << moe::kernelVariant() << "\n";
    return 0;
}

} // namespace cli

// info: what a model file holds, and how much of it one token uses.
#include "commands.h"

#include "moe/kernel_variant.h"
#include "moe/model.h"
#include "moe/trace_writer.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <vector>

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

// "Q4_K x 96, Q6_K x 14, F32 x 61": the tensor types of the file, most tensors first.
std::string typeCounts(const moe::GgufFile& file, bool json)
{
    std::map<std::string, int> counts;
    for (const moe::GgufTensorInfo& info : file.tensors())
        ++counts[std::string(moe::tensorTypeName(info.type))];
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string text;
    for (const auto& [type, count] : sorted) {
        if (json)
            text += (text.empty() ? "" : ", ") + ("\"" + type + "\": " + std::to_string(count));
        else
            text += (text.empty() ? "" : ", ") + type + " x " + std::to_string(count);
    }
    return json ? "{" + text + "}" : text;
}

std::string attentionKind(const moe::ModelConfig& c)
{
    if (c.kvLoraRank > 0)
        return "multi-head latent attention (kv rank " + std::to_string(c.kvLoraRank) + ")";
    if (c.nHeadKv == c.nHead)
        return "multi-head attention";
    return "grouped-query attention";
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
        std::cout << "{\"name\": " << moe::jsonString(model->name()) << ", \"architecture\": \""
                  << moe::architectureName(c.arch) << "\", \"layers\": " << c.nLayer
                  << ", \"dense_layers\": " << c.nLeadingDense << ", \"experts\": " << c.nExpert
                  << ", \"shared_experts\": " << c.nExpertShared << ", \"shared_ffn\": " << c.nFfShared
                  << ", \"top_k\": " << c.nExpertUsed << ", \"embedding\": " << c.nEmbd
                  << ", \"heads\": " << c.nHead << ", \"kv_heads\": " << c.nHeadKv << ", \"ffn\": " << c.nFf
                  << ", \"vocab\": " << c.nVocab << ", \"context\": " << c.nCtx << ", \"type\": \""
                  << moe::tensorTypeName(model->mainType())
                  << "\", \"tensor_types\": " << typeCounts(model->file(), true)
                  << ", \"total_parameters\": " << total << ", \"active_parameters\": " << active
                  << ", \"bytes_per_token\": " << model->bytesReadPerToken() << ", \"kernels\": \""
                  << moe::kernelVariant() << "\"}\n";
        return 0;
    }
    std::cout << "model          " << model->name() << "  (" << args.positional()[0] << ", "
              << model->file().fileSize() / 1024 << " KiB, " << moe::tensorTypeName(model->mainType())
              << ")\n"
              << "architecture   " << moe::architectureName(c.arch) << " (" << moe::architectureFamily(c.arch)
              << ")\n"
              << "tensor types   " << typeCounts(model->file(), false) << "\n"
              << "layers         " << c.nLayer;
    if (c.nLeadingDense > 0)
        std::cout << " (the first " << c.nLeadingDense << " dense: one always-on feed-forward, no routing)";
    std::cout << "\n"
              << "experts        " << c.nExpert << " per layer, top-" << c.nExpertUsed
              << " chosen per token\n";
    if (c.nFfShared > 0)
        std::cout << "shared experts " << c.nExpertShared << " always on (width " << c.nFfShared
                  << (c.sharedExpertGated ? ", scaled by a sigmoid gate" : "") << ")\n";
    std::cout << "attention      " << attentionKind(c) << ": " << c.nHead << " heads, " << c.nHeadKv
              << " key/value heads, key size " << c.keyDim() << ", value size " << c.valueDim() << "\n"
              << "embedding      " << c.nEmbd << "\n"
              << "expert ffn     " << c.nFf << "\n"
              << "vocabulary     " << c.nVocab << " tokens\n"
              << "context        " << c.nCtx << " tokens\n"
              << "parameters     " << millions(total) << " in total\n"
              << "active         " << millions(active) << " per token (" << percent(active, total) << ")\n"
              << "kernels        " << moe::kernelVariant() << "\n";
    return 0;
}

} // namespace cli

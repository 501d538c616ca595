// quantize: shrink a GGUF model with llama-quantize's recipes (Q4_K_M, Q8_0, IQ4_XS, ...), writing
// the bytes llama.cpp b4748 writes without an importance matrix. Works on any architecture: only
// metadata and tensor names are read, never the model itself.
#include "commands.h"

#include "moe/quantize.h"

#include <cstdio>
#include <iostream>
#include <map>

namespace cli {

namespace {

std::string mebibytes(uint64_t bytes)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buffer;
}

std::string recipeNames()
{
    std::string names;
    for (moe::QuantRecipe recipe : moe::allQuantRecipes())
        names += (names.empty() ? "" : ", ") + std::string(moe::quantRecipeName(recipe));
    return names + " (Q3_K, Q4_K, Q5_K: the _M recipes)";
}

} // namespace

const CommandSpec& quantizeSpec()
{
    static const CommandSpec spec{
        "quantize",
        "IN.gguf OUT.gguf TYPE [--pure]",
        "Convert a GGUF model's matrices to a quantised type, tensor by tensor as\n"
        "llama.cpp's llama-quantize decides for that TYPE (a recipe such as Q4_K_M, Q5_K_S,\n"
        "Q3_K_L, Q2_K, Q8_0, IQ4_XS; any case). Norms, routers and other 1-D tensors stay as\n"
        "they are; all metadata is kept. The output loads in llama.cpp.",
        {{"--pure", "", "every quantisable tensor gets TYPE's base type, no per-tensor mix"}},
        /*positionalCount=*/3};
    return spec;
}

int runQuantize(const Arguments& args)
{
    const std::string& inPath = args.positional()[0];
    const std::string& outPath = args.positional()[1];
    const std::string& typeName = args.positional()[2];
    const std::optional<moe::QuantRecipe> recipe = moe::quantRecipeFromName(typeName);
    if (!recipe)
        throw UsageError("unknown TYPE '" + typeName + "'; expected one of " + recipeNames());

    const moe::GgufFile input = moe::GgufFile::open(inPath);
    const moe::QuantiseReport report = moe::quantiseGguf(input, *recipe, outPath, args.flag("--pure"));

    struct Tally {
        int tensors = 0;
        uint64_t bytes = 0;
    };
    std::map<std::string, Tally> byType; // output type -> count and bytes
    uint64_t before = 0, after = 0;
    int converted = 0;
    for (const moe::QuantisedTensor& t : report.tensors) {
        Tally& tally = byType[std::string(moe::tensorTypeName(t.to))];
        ++tally.tensors;
        tally.bytes += t.bytesAfter;
        before += t.bytesBefore;
        after += t.bytesAfter;
        converted += t.converted ? 1 : 0;
    }
    std::cout << "wrote " << outPath << " as " << moe::quantRecipeName(*recipe)
              << (args.flag("--pure") ? " (pure)" : "") << ", general.file_type "
              << static_cast<uint32_t>(*recipe) << ": " << converted << " of " << report.tensors.size()
              << " tensors converted\n"
              << "  type     tensors  size\n";
    for (const auto& [type, tally] : byType) {
        char line[96];
        std::snprintf(line, sizeof line, "  %-8s %7d  %s\n", type.c_str(), tally.tensors,
                      mebibytes(tally.bytes).c_str());
        std::cout << line;
    }
    std::cout << "tensor data " << mebibytes(before) << " -> " << mebibytes(after) << "; file "
              << mebibytes(input.fileSize()) << " -> " << mebibytes(report.fileBytes) << "\n";
    for (const moe::QuantisedTensor& t : report.tensors)
        if (t.fallback)
            std::cout << "fallback: " << t.name << " -> " << moe::tensorTypeName(t.to)
                      << " (its rows are not a whole number of the chosen type's blocks)\n";
    return 0;
}

} // namespace cli

// Names and traits of the architectures moe reads.
#include "moe/architecture.h"

#include <array>

namespace moe {

namespace {

struct ArchitectureInfo {
    Architecture arch;
    std::string_view name;
    bool neoxRope, layerNorm;
    std::string_view family; // the models people know it by
};

// llama.cpp b4748's names and RoPE types (llama_model_rope_type).
constexpr std::array kArchitectures{
    ArchitectureInfo{Architecture::Llama, "llama", false, false, "Mixtral and other Llama-layout mixtures"},
    ArchitectureInfo{Architecture::Olmoe, "olmoe", true, false, "OLMoE"},
    ArchitectureInfo{Architecture::Qwen2Moe, "qwen2moe", true, false, "Qwen1.5-MoE, Qwen2-MoE"},
    ArchitectureInfo{Architecture::GraniteMoe, "granitemoe", false, false, "IBM Granite 3 MoE"},
    ArchitectureInfo{Architecture::Deepseek2, "deepseek2", false, false, "DeepSeek-V2, V2-Lite, V3, R1"},
    ArchitectureInfo{Architecture::PhiMoe, "phimoe", true, false, "Phi-3.5-MoE"},
    ArchitectureInfo{Architecture::Dbrx, "dbrx", true, true, "DBRX"},
};

constexpr std::array<Architecture, kArchitectures.size()> kList = [] {
    std::array<Architecture, kArchitectures.size()> list{};
    for (size_t i = 0; i < list.size(); ++i)
        list[i] = kArchitectures[i].arch;
    return list;
}();

const ArchitectureInfo& infoOf(Architecture arch)
{
    for (const ArchitectureInfo& info : kArchitectures)
        if (info.arch == arch)
            return info;
    return kArchitectures[0];
}

} // namespace

std::span<const Architecture> allArchitectures()
{
    return kList;
}

std::string_view architectureName(Architecture arch)
{
    return infoOf(arch).name;
}

std::optional<Architecture> architectureFromName(std::string_view name)
{
    for (const ArchitectureInfo& info : kArchitectures)
        if (info.name == name)
            return info.arch;
    return std::nullopt;
}

std::string_view architectureFamily(Architecture arch)
{
    return infoOf(arch).family;
}

bool usesNeoxRope(Architecture arch)
{
    return infoOf(arch).neoxRope;
}

bool usesLayerNorm(Architecture arch)
{
    return infoOf(arch).layerNorm;
}

} // namespace moe

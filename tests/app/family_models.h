// Random models of each MoE family's layout at a tiny width, for the app's tests of counts and
// loading: the features init-random gives each family (shared experts, a dense leading layer,
// latent attention, QKV biases), built in memory with the sample tokenizer.
#pragma once

#include "tiny_model.h"

#include "moe/gguf.h"
#include "moe/model.h"
#include "moe/model_writer.h"

#include <QString>

#include <memory>
#include <vector>

namespace moe::test {

inline ModelConfig familyConfig(Architecture arch)
{
    ModelConfig c;
    c.arch = arch;
    c.nVocab = sampleTokenizer().vocabSize();
    c.nEmbd = 64;
    c.nLayer = 4;
    c.nHead = 4;
    c.nHeadKv = 4;
    c.nCtx = 64;
    c.nFf = 32;
    c.nExpert = 16;
    c.nExpertUsed = 4;
    switch (arch) {
    case Architecture::Olmoe:
        c.normaliseGates = false;
        break;
    case Architecture::Qwen2Moe: // one gated shared expert, biases on Q, K and V
        c.nFfShared = 64;
        c.nExpertShared = 1;
        c.sharedExpertGated = true;
        c.normaliseGates = false;
        break;
    case Architecture::Deepseek2: // V2-Lite: latent attention, one dense layer, two shared experts
        c.keyLength = 24;
        c.valueLength = 16;
        c.ropeDims = 8;
        c.kvLoraRank = 32;
        c.nLeadingDense = 1;
        c.nFfDense = 128;
        c.nExpertShared = 2;
        c.nFfShared = 64;
        c.normaliseGates = false;
        c.expertWeightsScale = 1.0f;
        break;
    default:
        c.nHeadKv = 2; // Mixtral's grouped-query attention
        break;
    }
    return c;
}

inline std::vector<std::byte> familyModelBytes(Architecture arch, uint64_t seed)
{
    const ModelConfig c = familyConfig(arch);
    WriteOptions options;
    options.name = "family-" + std::string(architectureName(arch));
    return buildGguf(c, sampleTokenizer(), randomTensors(c, seed), options).toBytes();
}

inline std::shared_ptr<const Model> familyModel(Architecture arch, uint64_t seed)
{
    return Model::fromGguf(GgufFile::parseOwned(familyModelBytes(arch, seed), "family.gguf"));
}

} // namespace moe::test

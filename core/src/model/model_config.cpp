// ModelConfig: parameter counts and the consistency rules every loaded or written model obeys.
#include "model_layout.h"
#include "moe/model.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace moe {

namespace {

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw std::invalid_argument("model config: " + message);
}

std::string str(int64_t v)
{
    return std::to_string(v);
}

int moeLayers(const ModelConfig& c)
{
    return c.nLayer - c.nLeadingDense;
}

} // namespace

int64_t ModelConfig::expertParameters() const
{
    return 3 * static_cast<int64_t>(nEmbd) * nFf; // gate, up (nFf x nEmbd) and down (nEmbd x nFf)
}

int64_t ModelConfig::totalParameters() const
{
    int64_t total = 0;
    for (const TensorSpec& spec : modelLayout(*this))
        total += spec.elements();
    return total;
}

// The convention behind Mixtral's "12.9B active of 46.7B": everything but the unchosen routed
// experts, with the whole embedding table counted although a token's lookup reads one row of it
// (Model::bytesReadPerToken counts that one row instead). Shared experts and dense layers count whole.
int64_t ModelConfig::activeParametersPerToken() const
{
    return totalParameters() - int64_t{moeLayers(*this)} * (nExpert - nExpertUsed) * expertParameters();
}

void ModelConfig::validate() const
{
    const std::string a(architectureName(arch)); // the keys' prefix
    // Bounds keep every size below 2^31 per dimension and give llama.cpp's own limits where it has them.
    require(nVocab >= 1, "nVocab (tokenizer.ggml.tokens) is " + str(nVocab) + ", must be >= 1");
    require(nEmbd >= 1 && nEmbd <= 65536,
            "nEmbd (" + a + ".embedding_length) is " + str(nEmbd) + ", must be in [1, 65536]");
    require(nLayer >= 1 && nLayer <= 512,
            "nLayer (" + a + ".block_count) is " + str(nLayer) + ", must be in [1, 512]");
    require(nHead >= 1, "nHead (" + a + ".attention.head_count) is " + str(nHead) + ", must be >= 1");
    require(nHeadKv >= 1,
            "nHeadKv (" + a + ".attention.head_count_kv) is " + str(nHeadKv) + ", must be >= 1");
    require(nEmbd % nHead == 0, "nEmbd (" + a + ".embedding_length) " + str(nEmbd) +
                                    " is not a multiple of nHead (" + a + ".attention.head_count) " +
                                    str(nHead));
    require(nHead % nHeadKv == 0, "nHead (" + a + ".attention.head_count) " + str(nHead) +
                                      " is not a multiple of nHeadKv (" + a + ".attention.head_count_kv) " +
                                      str(nHeadKv));
    require(headDim() % 2 == 0,
            "head dimension " + str(headDim()) + " (nEmbd / nHead) is odd; RoPE needs pairs");
    require(nCtx >= 1 && nCtx <= (1 << 20),
            "nCtx (" + a + ".context_length) is " + str(nCtx) + ", must be in [1, 1048576]");
    require(nExpert >= 1 && nExpert <= 256,
            "nExpert (" + a + ".expert_count) is " + str(nExpert) + ", must be in [1, 256]");
    require(nExpertUsed >= 1 && nExpertUsed <= nExpert,
            "nExpertUsed (" + a + ".expert_used_count) is " + str(nExpertUsed) +
                ", must be in [1, nExpert = " + str(nExpert) + "]");
    require(nFf >= 1 && nFf <= (1 << 20),
            "nFf (" + a + ".feed_forward_length) is " + str(nFf) + ", must be in [1, 1048576]");
    require(std::isfinite(rmsEps) && rmsEps >= 0.0f,
            "rmsEps (" + a + ".attention.layer_norm_rms_epsilon) is " + std::to_string(rmsEps) +
                ", must be finite and >= 0");
    require(std::isfinite(ropeFreqBase) && ropeFreqBase > 0.0f,
            "ropeFreqBase (" + a + ".rope.freq_base) is " + std::to_string(ropeFreqBase) +
                ", must be finite and > 0");
    require(static_cast<int64_t>(nVocab) * nEmbd <= (int64_t{1} << 40), "nVocab * nEmbd is too large");
    validateArchitecture();
}

// What each family's graph in llama.cpp assumes of the shapes (its GGML_ASSERTs and tensor sizes).
void ModelConfig::validateArchitecture() const
{
    const std::string arch(architectureName(this->arch));
    require(keyLength >= 0 && keyLength <= 4096 && valueLength >= 0 && valueLength <= 4096,
            "key_length " + str(keyLength) + " / value_length " + str(valueLength) + " must be in [0, 4096]");
    require(ropeDims >= 0 && rotaryDims() % 2 == 0 && rotaryDims() <= keyDim(),
            "rope.dimension_count " + str(rotaryDims()) + " must be even and at most the key length " +
                str(keyDim()));
    require(std::isfinite(ropeFreqScale) && ropeFreqScale > 0.0f,
            "the RoPE frequency scale (1 / rope.scaling.factor) must be finite and > 0");
    require(ropeOriginalContext >= 0, "rope.scaling.original_context_length must be >= 0");
    require(nFfShared >= 0 && nFfShared <= (1 << 20), "the shared expert width must be in [0, 1048576]");
    require(nLeadingDense >= 0 && nLeadingDense < nLayer,
            "leading_dense_block_count " + str(nLeadingDense) + " must be below block_count " + str(nLayer));
    require(nLeadingDense == 0 || (nFfDense >= 1 && nFfDense <= (1 << 20)),
            "the dense layers' feed_forward_length " + str(nFfDense) + " must be in [1, 1048576]");
    require(std::isfinite(expertWeightsScale) && expertWeightsScale >= 0.0f,
            "expert_weights_scale must be finite and >= 0");
    for (float v : {embeddingScale, residualScale, logitScale, attentionScale, clampKqv, ropeAttnFactor,
                    yarnLogMultiplier})
        require(std::isfinite(v), arch + ": a scale or clamp value is not finite");
    require(!tiedOutput || this->arch == Architecture::Llama || this->arch == Architecture::GraniteMoe,
            arch + ": llama.cpp requires an output.weight (only llama and granitemoe reuse token_embd)");
    switch (this->arch) {
    case Architecture::Deepseek2:
        require(kvLoraRank >= 1 && kvLoraRank <= 65536, "deepseek2: kv_lora_rank must be in [1, 65536]");
        require(qLoraRank >= 0 && qLoraRank <= 65536, "deepseek2: q_lora_rank must be in [0, 65536]");
        require(rotaryDims() < keyDim(), "deepseek2: rope.dimension_count " + str(rotaryDims()) +
                                             " must be below key_length " + str(keyDim()));
        require(nHeadKv == nHead, "deepseek2: head_count_kv must equal head_count");
        break;
    case Architecture::Olmoe:
        require(keyDim() == headDim() && valueDim() == headDim() && rotaryDims() == headDim() &&
                    nHeadKv == nHead,
                "olmoe: QK-norm weights are n_embd wide, so head_count_kv must equal head_count");
        break;
    default:
        for (const auto& [key, value] :
             {std::pair{"attention.key_length", keyDim()}, std::pair{"attention.value_length", valueDim()},
              std::pair{"rope.dimension_count", rotaryDims()}})
            require(value == headDim(), arch + "." + key + " is " + str(value) +
                                            ", must equal embedding_length / head_count = " + str(headDim()));
        require(nLeadingDense == 0, arch + ": leading dense layers are a deepseek2 feature");
        break;
    }
}

} // namespace moe

// ModelConfig: parameter counts and the consistency rules every loaded or written model obeys.
#include "moe/model.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace moe {

namespace {

// Weights shared by every token of one layer: two norms, attention and the router.
int64_t sharedLayerParameters(const ModelConfig& c)
{
    const int64_t n = c.nEmbd;
    const int64_t kvDim = static_cast<int64_t>(c.nHeadKv) * c.headDim();
    const int64_t attention = n * n + 2 * n * kvDim + n * n; // wq, wk, wv, wo
    return 2 * n + attention + static_cast<int64_t>(c.nExpert) * n;
}

int64_t embeddingAndOutputParameters(const ModelConfig& c)
{
    const int64_t table = static_cast<int64_t>(c.nVocab) * c.nEmbd;
    return table + c.nEmbd + (c.tiedOutput ? 0 : table); // token_embd, output_norm, output
}

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw std::invalid_argument("model config: " + message);
}

std::string str(int64_t v)
{
    return std::to_string(v);
}

} // namespace

int64_t ModelConfig::expertParameters() const
{
    return 3 * static_cast<int64_t>(nEmbd) * nFf; // gate, up (nFf x nEmbd) and down (nEmbd x nFf)
}

int64_t ModelConfig::totalParameters() const
{
    const int64_t perLayer = sharedLayerParameters(*this) + nExpert * expertParameters();
    return embeddingAndOutputParameters(*this) + nLayer * perLayer;
}

// The convention behind Mixtral's "12.9B active of 46.7B": everything but the unchosen experts,
// with the whole embedding table counted although a token's lookup reads one row of it
// (Model::bytesReadPerToken counts that one row instead).
int64_t ModelConfig::activeParametersPerToken() const
{
    const int64_t perLayer = sharedLayerParameters(*this) + nExpertUsed * expertParameters();
    return embeddingAndOutputParameters(*this) + nLayer * perLayer;
}

void ModelConfig::validate() const
{
    // Bounds keep every size below 2^31 per dimension and give llama.cpp's own limits where it has them.
    require(nVocab >= 1, "nVocab (tokenizer.ggml.tokens) is " + str(nVocab) + ", must be >= 1");
    require(nEmbd >= 1 && nEmbd <= 65536,
            "nEmbd (llama.embedding_length) is " + str(nEmbd) + ", must be in [1, 65536]");
    require(nLayer >= 1 && nLayer <= 512,
            "nLayer (llama.block_count) is " + str(nLayer) + ", must be in [1, 512]");
    require(nHead >= 1, "nHead (llama.attention.head_count) is " + str(nHead) + ", must be >= 1");
    require(nHeadKv >= 1, "nHeadKv (llama.attention.head_count_kv) is " + str(nHeadKv) + ", must be >= 1");
    require(nEmbd % nHead == 0, "nEmbd (llama.embedding_length) " + str(nEmbd) +
                                    " is not a multiple of nHead (llama.attention.head_count) " + str(nHead));
    require(nHead % nHeadKv == 0, "nHead (llama.attention.head_count) " + str(nHead) +
                                      " is not a multiple of nHeadKv (llama.attention.head_count_kv) " +
                                      str(nHeadKv));
    require(headDim() % 2 == 0,
            "head dimension " + str(headDim()) + " (nEmbd / nHead) is odd; RoPE needs pairs");
    require(nCtx >= 1 && nCtx <= (1 << 20),
            "nCtx (llama.context_length) is " + str(nCtx) + ", must be in [1, 1048576]");
    require(nFf >= 1 && nFf <= (1 << 20),
            "nFf (llama.feed_forward_length) is " + str(nFf) + ", must be in [1, 1048576]");
    require(nExpert >= 1 && nExpert <= 256,
            "nExpert (llama.expert_count) is " + str(nExpert) + ", must be in [1, 256]");
    require(nExpertUsed >= 1 && nExpertUsed <= nExpert,
            "nExpertUsed (llama.expert_used_count) is " + str(nExpertUsed) +
                ", must be in [1, nExpert = " + str(nExpert) + "]");
    require(std::isfinite(rmsEps) && rmsEps >= 0.0f, "rmsEps (llama.attention.layer_norm_rms_epsilon) is " +
                                                         std::to_string(rmsEps) +
                                                         ", must be finite and >= 0");
    require(std::isfinite(ropeFreqBase) && ropeFreqBase > 0.0f, "ropeFreqBase (llama.rope.freq_base) is " +
                                                                    std::to_string(ropeFreqBase) +
                                                                    ", must be finite and > 0");
    require(static_cast<int64_t>(nVocab) * nEmbd <= (int64_t{1} << 40), "nVocab * nEmbd is too large");
}

} // namespace moe

// Writes a model (config, tokenizer and float weights) as a llama.cpp-compatible GGUF file.
// Used by init-random, by the trainer's export and by tests.
#pragma once

#include "moe/gguf.h"
#include "moe/model.h"
#include "moe/tokenizer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace moe {

// Row-major float weights with the same shapes and names as the GGUF tensors (out x in).
struct FloatLayer {
    std::vector<float> attnNorm, ffnNorm; // (nEmbd)
    std::vector<float> wq, wk, wv, wo;    // (nHead*hd x nEmbd), (nHeadKv*hd x nEmbd) x2, (nEmbd x nHead*hd)
    std::vector<float> router;            // (nExpert x nEmbd)
    std::vector<float> gate, up, down;    // (nExpert x nFf x nEmbd), same, (nExpert x nEmbd x nFf)
};
struct FloatWeights {
    std::vector<float> tokenEmbd; // (nVocab x nEmbd)
    std::vector<FloatLayer> layers;
    std::vector<float> outputNorm; // (nEmbd)
    std::vector<float> output;     // (nVocab x nEmbd); empty = tied to tokenEmbd
};

// Gaussian weights scaled like a freshly initialised transformer (std 1/sqrt(fan-in), residual
// outputs further by 1/sqrt(2 nLayer)); norms are 1; output empty if config.tiedOutput. The same
// seed gives the same weights with any standard library (mt19937_64 + Box-Muller). Throws
// std::invalid_argument if config.validate() does.
FloatWeights randomWeights(const ModelConfig& config, uint64_t seed);

struct WriteOptions {
    TensorType matrixType = TensorType::F32; // norms and the router always stay F32 (as llama-quantize)
    std::string name = "tiny-experts";
};

// Builds the GGUF (all keys of shared/reference/gguf-mixtral.md section 8). Throws std::invalid_argument
// if shapes disagree with config, or a quantised type gets a row length that is not a multiple of 32.
GgufWriter buildModelGguf(const ModelConfig& config, const Tokenizer& tokenizer, const FloatWeights& weights,
                          const WriteOptions& options = {});
void writeModel(const std::string& path, const ModelConfig& config, const Tokenizer& tokenizer,
                const FloatWeights& weights, const WriteOptions& options = {});

// The weights of a loaded model decoded to floats (output empty when tied): with the model's name
// and mainType(), buildModelGguf writes the same bytes back for a file this writer made.
FloatWeights floatWeights(const Model& model);

} // namespace moe

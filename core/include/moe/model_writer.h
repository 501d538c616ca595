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

// One tensor as floats, named and shaped as in the file (ggml order: ne[0] is the row length).
struct NamedTensor {
    std::string name;
    std::vector<int64_t> ne;
    bool isMatrix = true; // takes WriteOptions::matrixType; norms, biases, routers and vectors stay F32
    std::vector<float> values;
};

// Random weights for a model of any architecture: every tensor modelLayout has for config, in the
// converters' order. Matrices as randomWeights scales them; norm weights 1 + N(0, 0.1^2) and
// biases N(0, 0.1^2) (so that a forward pass that forgot one is caught); RoPE factors in [1, 4).
// Throws std::invalid_argument if config.validate() does.
std::vector<NamedTensor> randomTensors(const ModelConfig& config, uint64_t seed);

// Every tensor of a loaded model (any architecture) decoded to floats, in modelLayout's order:
// buildGguf writes them back as a model with the same config.
std::vector<NamedTensor> modelTensors(const Model& model);

// The llama-layout weights as named tensors, in the order buildModelGguf writes them.
std::vector<NamedTensor> namedTensors(const ModelConfig& config, const FloatWeights& weights);

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

// Any architecture: the keys llama.cpp reads for config.arch and the given tensors, which must be
// exactly modelLayout(config)'s (names and shapes; any order). Throws std::invalid_argument.
GgufWriter buildGguf(const ModelConfig& config, const Tokenizer& tokenizer,
                     const std::vector<NamedTensor>& tensors, const WriteOptions& options = {});

// The weights of a loaded model decoded to floats (output empty when tied): with the model's name
// and mainType(), buildModelGguf writes the same bytes back for a file this writer made.
FloatWeights floatWeights(const Model& model);

} // namespace moe

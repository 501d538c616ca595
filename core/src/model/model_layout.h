// Every tensor of a model, by architecture: its GGUF name, ggml shape and role. The one place that
// knows which tensors an architecture has: the loader checks files against it, the writer and
// init-random fill it, and the parameter counts add it up.
#pragma once

#include "moe/model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace moe {

enum class TensorRole {
    Embedding,  // token_embd: a table of rows
    Output,     // the LM head
    Matrix,     // a projection y = W x
    Experts,    // nExpert projections stacked along ne[2]
    Router,     // ffn_gate_inp (never quantised by llama-quantize)
    NormWeight, // a norm's scale (ones when random)
    Vector,     // a bias, a shared-expert gate vector, a selection bias, RoPE factors
};

struct TensorSpec {
    std::string name;
    std::vector<int64_t> ne; // ggml order: ne[0] is the row length
    TensorRole role;
    int layer = -1; // -1: not in a block
    bool isVector() const { return role == TensorRole::NormWeight || role == TensorRole::Vector; }
    int64_t elements() const;
};

// The tensors a file of this config holds, in the order llama.cpp's converters write them.
// config must be valid (ModelConfig::validate).
std::vector<TensorSpec> modelLayout(const ModelConfig& config);

// The GGUF key of an architecture-prefixed hyperparameter: keyOf(olmoe config, "block_count") is
// "olmoe.block_count".
std::string keyOf(Architecture arch, const std::string& suffix);

} // namespace moe

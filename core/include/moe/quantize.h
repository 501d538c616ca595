// Quantising a GGUF model as llama.cpp b4748's llama-quantize does without an importance matrix:
// its file types ("recipes": Q4_K_M, Q3_K_S, IQ4_XS, ...), the per-tensor type each recipe picks
// (llama_tensor_get_type in src/llama-quant.cpp, with its row-length fallbacks), and the file
// conversion itself. Works on GGUF metadata and tensor names only, so any architecture is handled.
#pragma once

#include "moe/gguf.h"
#include "moe/tensor_types.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace moe {

// llama-quantize's file types moe writes; the values are llama_ftype numbers, which is what
// general.file_type stores (not ggml type ids: Q8_0 is 7 here, 8 as a tensor type).
enum class QuantRecipe : uint32_t {
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q8_0 = 7,
    Q5_0 = 8,
    Q5_1 = 9,
    Q2_K = 10,
    Q3_K_S = 11,
    Q3_K_M = 12,
    Q3_K_L = 13,
    Q4_K_S = 14,
    Q4_K_M = 15,
    Q5_K_S = 16,
    Q5_K_M = 17,
    Q6_K = 18,
    IQ4_NL = 25,
    IQ4_XS = 30,
    BF16 = 32,
};

std::span<const QuantRecipe> allQuantRecipes();
std::string_view quantRecipeName(QuantRecipe recipe); // "Q4_K_M", ...
// Case-insensitive; also llama-quantize's aliases Q3_K, Q4_K and Q5_K (the _M recipes).
std::optional<QuantRecipe> quantRecipeFromName(std::string_view name);
TensorType recipeBaseType(QuantRecipe recipe); // Q4_K for Q4_K_S and Q4_K_M, ...

// What the recipes read from a model: llama.cpp's hparams and a look at the tensor names.
struct QuantModelFacts {
    std::string architecture;   // general.architecture
    int nLayer = 0;             // {arch}.block_count
    int nHead = 0, nHeadKv = 0; // layer 0's {arch}.attention.head_count(_kv); kv defaults to head
    int nExpert = 0;            // {arch}.expert_count, 0 when absent
    bool hasOutput = false;     // an output.weight exists (else token_embd is quantised as the output)
    int nAttentionV = 0;        // attn_v, attn_qkv and attn_kv_b weights: the attn_v schedule's length
    bool is70B = false;         // llama.cpp's LLM_TYPE_70B, which bumps attn_v
    // Throws FormatError when general.architecture or {arch}.block_count is missing or mistyped.
    static QuantModelFacts of(const GgufMetadata& metadata, std::span<const GgufTensorInfo> tensors);
};

// True for the tensors llama-quantize converts: names ending in "weight" with two or more
// dimensions (trailing 1s ignored), except norms, routers (ffn_gate_inp), position and token-type
// embeddings and a few non-MoE special cases; everything else keeps its type and bytes.
bool isQuantisable(const GgufTensorInfo& tensor);

// The order llama.cpp visits (and llama-quantize writes) tensors: by the N of "blk.N." (none
// first), then by name. Indices into `tensors`.
std::vector<size_t> llamaCppTensorOrder(std::span<const GgufTensorInfo> tensors);

struct TensorChoice {
    TensorType type;       // the type this tensor gets in the output
    bool quantisable;      // false: copied unchanged
    bool fallback = false; // the recipe's type could not hold the row length, a fallback was taken
};

// The type of every tensor (same order as `tensors`). The attn_v and ffn_* rules count tensors in
// llama.cpp's order (by layer number, then name), which is what is used here whatever the file's
// order. `pure` gives every quantisable tensor the recipe's base type (llama-quantize --pure).
// Throws std::invalid_argument naming the tensor when its row length fits neither the chosen type
// nor one of llama.cpp's fallbacks (llama-quantize refuses those too), or when a ffn tensor of a
// mixture-of-experts model has no valid "blk.N." layer in its name.
std::vector<TensorChoice> chooseTensorTypes(QuantRecipe recipe, const QuantModelFacts& model,
                                            std::span<const GgufTensorInfo> tensors, bool pure = false);

struct QuantisedTensor {
    std::string name;
    TensorType from, to;
    uint64_t bytesBefore, bytesAfter;
    bool converted; // false: copied byte for byte
    bool fallback;
};

struct QuantiseReport {
    std::vector<QuantisedTensor> tensors; // in the output file's order
    uint64_t fileBytes = 0;               // of the written file
};

// Reads `input`, converts each tensor as chooseTensorTypes says (quantised inputs are decoded to
// F32 first), keeps every metadata key (minus split keys) and sets general.quantization_version = 2
// and general.file_type = the recipe, as llama-quantize does; writes outPath (atomically) with the
// tensors in llamaCppTensorOrder, so that the file equals llama-quantize's byte for byte.
// Throws FormatError for I/O problems and std::invalid_argument as chooseTensorTypes does.
QuantiseReport quantiseGguf(const GgufFile& input, QuantRecipe recipe, const std::string& outPath,
                            bool pure = false);

} // namespace moe

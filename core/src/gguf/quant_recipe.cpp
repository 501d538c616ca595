// llama-quantize's recipes: which type each tensor gets, as llama.cpp b4748 decides in
// src/llama-quant.cpp (llama_tensor_get_type and the eligibility tests of
// llama_model_quantize_impl), for the file types moe writes and without an importance matrix.
// Summary with examples: shared/reference/moe-architectures.md section 15.
#include "moe/error.h"
#include "moe/quantize.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <numeric>
#include <stdexcept>
#include <string>

namespace moe {

namespace {

using R = QuantRecipe;

struct RecipeInfo {
    QuantRecipe recipe;
    std::string_view name;
    TensorType base;
};

constexpr RecipeInfo kRecipes[] = {
    {R::F32, "F32", TensorType::F32},          {R::F16, "F16", TensorType::F16},
    {R::BF16, "BF16", TensorType::BF16},       {R::Q4_0, "Q4_0", TensorType::Q4_0},
    {R::Q4_1, "Q4_1", TensorType::Q4_1},       {R::Q5_0, "Q5_0", TensorType::Q5_0},
    {R::Q5_1, "Q5_1", TensorType::Q5_1},       {R::Q8_0, "Q8_0", TensorType::Q8_0},
    {R::Q2_K, "Q2_K", TensorType::Q2_K},       {R::Q3_K_S, "Q3_K_S", TensorType::Q3_K},
    {R::Q3_K_M, "Q3_K_M", TensorType::Q3_K},   {R::Q3_K_L, "Q3_K_L", TensorType::Q3_K},
    {R::Q4_K_S, "Q4_K_S", TensorType::Q4_K},   {R::Q4_K_M, "Q4_K_M", TensorType::Q4_K},
    {R::Q5_K_S, "Q5_K_S", TensorType::Q5_K},   {R::Q5_K_M, "Q5_K_M", TensorType::Q5_K},
    {R::Q6_K, "Q6_K", TensorType::Q6_K},       {R::IQ4_NL, "IQ4_NL", TensorType::IQ4_NL},
    {R::IQ4_XS, "IQ4_XS", TensorType::IQ4_XS},
};

constexpr std::array<QuantRecipe, std::size(kRecipes)> kRecipeList = [] {
    std::array<QuantRecipe, std::size(kRecipes)> list{};
    for (size_t i = 0; i < list.size(); ++i)
        list[i] = kRecipes[i].recipe;
    return list;
}();

const RecipeInfo& infoOf(QuantRecipe recipe)
{
    for (const RecipeInfo& info : kRecipes)
        if (info.recipe == recipe)
            return info;
    throw std::invalid_argument("unknown quantisation recipe " +
                                std::to_string(static_cast<uint32_t>(recipe)));
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool contains(std::string_view name, std::string_view part)
{
    return name.find(part) != std::string_view::npos;
}

// sscanf(name, "blk.%d.", &layer) == 1, as llama.cpp parses layer numbers.
std::optional<int> layerOf(std::string_view name)
{
    if (!name.starts_with("blk."))
        return std::nullopt;
    size_t i = 4;
    while (i < name.size() && std::isspace(static_cast<unsigned char>(name[i])))
        ++i;
    bool negative = false;
    if (i < name.size() && (name[i] == '-' || name[i] == '+'))
        negative = name[i++] == '-';
    if (i >= name.size() || !std::isdigit(static_cast<unsigned char>(name[i])))
        return std::nullopt;
    long long value = 0;
    for (; i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])); ++i)
        value = std::min<long long>(value * 10 + (name[i] - '0'), 1LL << 40);
    value = negative ? -value : value;
    return static_cast<int>(std::clamp<long long>(value, -(1LL << 30), 1LL << 30));
}

// Any integer scalar, or the first item of an integer array (per-layer keys); nullopt if absent.
std::optional<int64_t> integerOf(const GgufMetadata& metadata, const std::string& key)
{
    const GgufValue* value = metadata.find(key);
    if (value == nullptr)
        return std::nullopt;
    const GgufScalar* scalar = std::get_if<GgufScalar>(value);
    if (scalar == nullptr) {
        const GgufArray& array = std::get<GgufArray>(*value);
        if (array.items.empty())
            return std::nullopt;
        scalar = &array.items.front();
    }
    return std::visit(
        [](const auto& v) -> std::optional<int64_t> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
                return static_cast<int64_t>(v);
            else
                return std::nullopt;
        },
        *scalar);
}

// llama.cpp's use_more_bits: the first and last eighth of the layers and every third in between.
bool useMoreBits(int layer, int nLayer)
{
    return layer < nLayer / 8 || layer >= 7 * nLayer / 8 || (layer - nLayer / 8) % 3 == 2;
}

// The running counters of llama.cpp's quantize_state_impl.
struct Counters {
    int attentionV = 0, ffnDown = 0, ffnGate = 0, ffnUp = 0;
};

class TypeChooser {
public:
    TypeChooser(QuantRecipe recipe, const QuantModelFacts& model) : m_recipe(recipe), m_model(model) {}

    // llama_tensor_get_type for one quantisable tensor; `fallback` says a fallback was taken.
    TensorType choose(const GgufTensorInfo& tensor, bool& fallback)
    {
        const std::string& name = tensor.name;
        const int64_t nx = tensor.ne.empty() ? 0 : tensor.ne[0];
        const bool falcon = m_model.architecture == "falcon";
        TensorType type = recipeBaseType(m_recipe);
        if (name == "output.weight" || (!m_model.hasOutput && name == "token_embd.weight")) {
            // The output matrix (or a tied embedding) gets Q6_K, or Q8_0 when rows do not fit.
            if (falcon || nx % blockSize(type) != 0)
                type = TensorType::Q8_0;
            else if (type != TensorType::Q8_0)
                type = TensorType::Q6_K;
        } else if (name == "token_embd.weight") {
            // The untied embedding keeps the base type in these recipes.
        } else if (contains(name, "attn_v.weight")) {
            type = attentionV(type);
            ++m_counters.attentionV;
        } else if (contains(name, "attn_k.weight")) {
            if (m_model.nExpert == 8)
                type = TensorType::Q8_0;
        } else if (contains(name, "attn_q.weight")) {
            // Only the IQ3 recipes, which moe does not write, change attn_q.
        } else if (contains(name, "ffn_down")) {
            const int layer = layerFor(m_counters.ffnDown, name);
            type = ffnDown(type, layer, m_model.nLayer, falcon);
            ++m_counters.ffnDown;
        } else if (contains(name, "attn_output.weight")) {
            type = attentionOutput(type, falcon);
        } else if (contains(name, "attn_qkv.weight")) {
            if (is(R::Q3_K_M) || is(R::Q3_K_L))
                type = TensorType::Q4_K;
            else if (is(R::Q4_K_M))
                type = TensorType::Q5_K;
            else if (is(R::Q5_K_M))
                type = TensorType::Q6_K;
        } else if (contains(name, "ffn_gate")) {
            layerFor(m_counters.ffnGate, name); // validates the name, as llama.cpp does
            ++m_counters.ffnGate;
        } else if (contains(name, "ffn_up")) {
            layerFor(m_counters.ffnUp, name);
            ++m_counters.ffnUp;
        }
        return fitRowLength(type, tensor, fallback);
    }

private:
    bool is(QuantRecipe r) const { return m_recipe == r; }

    int gqa() const { return m_model.nHeadKv == 0 ? 0 : m_model.nHead / m_model.nHeadKv; }

    TensorType attentionV(TensorType type) const
    {
        const int i = m_counters.attentionV;
        if (is(R::Q2_K))
            type = gqa() >= 4 ? TensorType::Q4_K : TensorType::Q3_K;
        else if (is(R::Q3_K_M))
            type = i < 2 ? TensorType::Q5_K : TensorType::Q4_K;
        else if (is(R::Q3_K_L))
            type = TensorType::Q5_K;
        else if ((is(R::IQ4_NL) || is(R::IQ4_XS)) && gqa() >= 4)
            type = TensorType::Q5_K;
        else if ((is(R::Q4_K_M) || is(R::Q5_K_M)) && useMoreBits(i, m_model.nAttentionV))
            type = TensorType::Q6_K;
        else if (is(R::Q4_K_S) && i < 4)
            type = TensorType::Q5_K;
        if (m_model.is70B && (type == TensorType::Q3_K || type == TensorType::Q4_K))
            type = TensorType::Q5_K;
        if (m_model.nExpert == 8) // Mixtral: "bumping this to Q8_0 trades just ~128MB"
            type = TensorType::Q8_0;
        return type;
    }

    TensorType ffnDown(TensorType type, int i, int n, bool falcon) const
    {
        if (is(R::Q2_K))
            return TensorType::Q3_K;
        if (is(R::Q3_K_M))
            return i < n / 16                     ? TensorType::Q5_K
                   : !falcon || useMoreBits(i, n) ? TensorType::Q4_K
                                                  : TensorType::Q3_K;
        if (is(R::Q3_K_L))
            return falcon ? TensorType::Q4_K : TensorType::Q5_K;
        if (is(R::Q4_K_M)) {
            if (falcon)
                return i < n / 16          ? TensorType::Q6_K
                       : useMoreBits(i, n) ? TensorType::Q5_K
                                           : TensorType::Q4_K;
            return useMoreBits(i, n) ? TensorType::Q6_K : type;
        }
        if (i < n / 8 && (is(R::IQ4_NL) || is(R::IQ4_XS))) // "&& !has_imatrix"
            return TensorType::Q5_K;
        if (is(R::Q5_K_M))
            return useMoreBits(i, n) ? TensorType::Q6_K : type;
        if (is(R::Q4_K_S) && !falcon && i < n / 8)
            return TensorType::Q5_K;
        return type; // Q4_0/Q5_0 change ffn_down only with an importance matrix
    }

    TensorType attentionOutput(TensorType type, bool falcon) const
    {
        if (falcon)
            return is(R::Q3_K_L) ? TensorType::Q4_K : type;
        if (m_model.nExpert == 8) {
            if (is(R::Q2_K) || is(R::Q3_K_S) || is(R::Q3_K_M) || is(R::IQ4_NL) || is(R::Q4_K_S) ||
                is(R::Q4_K_M) || is(R::IQ4_XS))
                return TensorType::Q5_K;
            return type;
        }
        if (is(R::Q2_K))
            return TensorType::Q3_K;
        if (is(R::Q3_K_M))
            return TensorType::Q4_K;
        if (is(R::Q3_K_L))
            return TensorType::Q5_K;
        return type;
    }

    // llama.cpp's layer_info: with experts, the layer is parsed from "blk.N."; without, the counter.
    int layerFor(int counter, const std::string& name) const
    {
        if (std::max(1, m_model.nExpert) <= 1)
            return counter;
        const std::optional<int> layer = layerOf(name);
        if (!layer)
            throw std::invalid_argument("cannot tell the layer of tensor '" + name +
                                        "' (expected a name starting \"blk.N.\")");
        if (*layer < 0 || *layer >= m_model.nLayer)
            throw std::invalid_argument("tensor '" + name + "' names layer " + std::to_string(*layer) +
                                        ", but the model has " + std::to_string(m_model.nLayer));
        return *layer;
    }

    // A row (ne[0]) must be a whole number of blocks: otherwise llama.cpp's fallback types, and F16
    // when even 32 does not divide it.
    static TensorType fitRowLength(TensorType type, const GgufTensorInfo& tensor, bool& fallback)
    {
        const int64_t nx = tensor.ne.empty() ? 0 : tensor.ne[0];
        fallback = false;
        if (nx % blockSize(type) == 0)
            return type;
        const TensorType wanted = type;
        switch (type) {
        case TensorType::Q2_K:
        case TensorType::Q3_K:
        case TensorType::IQ4_XS:
            type = TensorType::IQ4_NL;
            break;
        case TensorType::Q4_K:
            type = TensorType::Q5_0;
            break;
        case TensorType::Q5_K:
            type = TensorType::Q5_1;
            break;
        case TensorType::Q6_K:
            type = TensorType::Q8_0;
            break;
        default:
            throw std::invalid_argument("tensor '" + tensor.name + "' has rows of " + std::to_string(nx) +
                                        " values, which " + std::string(tensorTypeName(wanted)) +
                                        " (blocks of " + std::to_string(blockSize(wanted)) +
                                        ") cannot hold and llama.cpp has no fallback for");
        }
        if (nx % blockSize(type) != 0)
            type = TensorType::F16;
        fallback = true;
        return type;
    }

    QuantRecipe m_recipe;
    const QuantModelFacts& m_model;
    Counters m_counters;
};

bool endsWith(std::string_view name, std::string_view tail)
{
    return name.size() >= tail.size() && name.substr(name.size() - tail.size()) == tail;
}

// ggml_n_dims: the number of dimensions up to the last one larger than 1 (at least 1).
int dimensions(const GgufTensorInfo& tensor)
{
    for (int i = static_cast<int>(tensor.ne.size()) - 1; i >= 1; --i)
        if (tensor.ne[static_cast<size_t>(i)] > 1)
            return i + 1;
    return 1;
}

} // namespace

std::span<const QuantRecipe> allQuantRecipes()
{
    return kRecipeList;
}

std::string_view quantRecipeName(QuantRecipe recipe)
{
    return infoOf(recipe).name;
}

std::optional<QuantRecipe> quantRecipeFromName(std::string_view name)
{
    for (const RecipeInfo& info : kRecipes)
        if (equalsIgnoringCase(name, info.name))
            return info.recipe;
    // llama-quantize's aliases.
    if (equalsIgnoringCase(name, "Q3_K"))
        return R::Q3_K_M;
    if (equalsIgnoringCase(name, "Q4_K"))
        return R::Q4_K_M;
    if (equalsIgnoringCase(name, "Q5_K"))
        return R::Q5_K_M;
    return std::nullopt;
}

TensorType recipeBaseType(QuantRecipe recipe)
{
    return infoOf(recipe).base;
}

QuantModelFacts QuantModelFacts::of(const GgufMetadata& metadata, std::span<const GgufTensorInfo> tensors)
{
    QuantModelFacts facts;
    facts.architecture = metadata.getString("general.architecture");
    const std::string& arch = facts.architecture;
    const std::optional<int64_t> layers = integerOf(metadata, arch + ".block_count");
    if (!layers || *layers < 0 || *layers > (1 << 20))
        throw FormatError(metadata.source(),
                          "key '" + arch + ".block_count' is missing or not a layer count");
    facts.nLayer = static_cast<int>(*layers);
    const auto small = [](std::optional<int64_t> v) {
        return static_cast<int>(std::clamp<int64_t>(v.value_or(0), 0, 1 << 20));
    };
    facts.nHead = small(integerOf(metadata, arch + ".attention.head_count"));
    const std::optional<int64_t> kv = integerOf(metadata, arch + ".attention.head_count_kv");
    facts.nHeadKv = kv ? small(kv) : facts.nHead;
    facts.nExpert = small(integerOf(metadata, arch + ".expert_count"));
    for (const GgufTensorInfo& t : tensors) {
        if (contains(t.name, "attn_v.weight") || contains(t.name, "attn_qkv.weight") ||
            contains(t.name, "attn_kv_b.weight"))
            ++facts.nAttentionV;
        else if (t.name == "output.weight")
            facts.hasOutput = true;
    }
    // llama.cpp's LLM_TYPE_70B (80 layers; for llama only without 8 experts and with GQA).
    if (facts.nLayer == 80) {
        if (arch == "llama")
            facts.is70B = facts.nExpert != 8 && facts.nHead != facts.nHeadKv;
        else
            facts.is70B = arch == "deci" || arch == "qwen2" || arch == "olmo";
    }
    return facts;
}

bool isQuantisable(const GgufTensorInfo& tensor)
{
    const std::string_view name = tensor.name;
    if (!endsWith(name, "weight") || dimensions(tensor) < 2)
        return false;
    for (std::string_view never :
         {"_norm.weight", "ffn_gate_inp.weight", "ssm_conv1d.weight", "time_mix_first.weight",
          "time_mix_w1.weight", "time_mix_w2.weight", "time_mix_decay_w1.weight", "time_mix_decay_w2.weight",
          "time_mix_lerp_fused.weight", "attn_rel_b.weight"})
        if (contains(name, never))
            return false;
    return name != "position_embd.weight" && name != "token_types.weight";
}

std::vector<size_t> llamaCppTensorOrder(std::span<const GgufTensorInfo> tensors)
{
    // llama_model_loader's weight_name_comparer: layer number (-1 for none), then name.
    std::vector<size_t> order(tensors.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const int la = layerOf(tensors[a].name).value_or(-1), lb = layerOf(tensors[b].name).value_or(-1);
        return la != lb ? la < lb : tensors[a].name < tensors[b].name;
    });
    return order;
}

std::vector<TensorChoice> chooseTensorTypes(QuantRecipe recipe, const QuantModelFacts& model,
                                            std::span<const GgufTensorInfo> tensors, bool pure)
{
    // The counters of the attn_v and ffn rules follow llama.cpp's visiting order.
    const std::vector<size_t> order = llamaCppTensorOrder(tensors);
    const TensorType base = recipeBaseType(recipe);
    TypeChooser chooser(recipe, model);
    std::vector<TensorChoice> choices(tensors.size(), TensorChoice{TensorType::F32, false, false});
    for (size_t i : order) {
        const GgufTensorInfo& tensor = tensors[i];
        TensorChoice& choice = choices[i];
        choice.quantisable = isQuantisable(tensor);
        if (!choice.quantisable) {
            choice.type = tensor.type;
            continue;
        }
        if (pure || !isQuantised(base)) {
            const int64_t nx = tensor.ne.empty() ? 0 : tensor.ne[0];
            if (nx % blockSize(base) != 0)
                throw std::invalid_argument("tensor '" + tensor.name + "' has rows of " + std::to_string(nx) +
                                            " values, which " + std::string(tensorTypeName(base)) +
                                            " (blocks of " + std::to_string(blockSize(base)) +
                                            ") cannot hold");
            choice.type = base;
            continue;
        }
        choice.type = chooser.choose(tensor, choice.fallback);
    }
    return choices;
}

} // namespace moe

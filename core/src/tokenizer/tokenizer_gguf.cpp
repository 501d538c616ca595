// Reading and writing tokenizer.ggml.* (see shared/reference/gguf-mixtral.md section 5 and
// moe-architectures.md sections 12-13). The reader refuses what llama.cpp would abort on or silently
// mis-tokenise: an unknown model or pre-tokenizer, duplicate tokens, missing byte tokens, merges that
// name unknown tokens, token_type or scores of the wrong type or length.
#include "moe/error.h"
#include "moe/tokenizer.h"

#include "byte_alphabet.h"
#include "pre_tokenizer.h"
#include "tokenizer_index.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <unordered_map>
#include <variant>

namespace moe {
namespace {

constexpr const char* kModel = "tokenizer.ggml.model";
constexpr const char* kPre = "tokenizer.ggml.pre";
constexpr const char* kTokens = "tokenizer.ggml.tokens";
constexpr const char* kTokenType = "tokenizer.ggml.token_type";
constexpr const char* kScores = "tokenizer.ggml.scores";
constexpr const char* kMerges = "tokenizer.ggml.merges";
constexpr const char* kBos = "tokenizer.ggml.bos_token_id";
constexpr const char* kEos = "tokenizer.ggml.eos_token_id";
constexpr const char* kAddBos = "tokenizer.ggml.add_bos_token";
constexpr const char* kAddEos = "tokenizer.ggml.add_eos_token";
constexpr const char* kUnk = "tokenizer.ggml.unknown_token_id";
constexpr const char* kPad = "tokenizer.ggml.padding_token_id";
constexpr const char* kAddSpacePrefix = "tokenizer.ggml.add_space_prefix";

std::string typeName(GgufValueType type)
{
    return std::string(ggufValueTypeName(type));
}

std::string describe(const GgufValue& value)
{
    if (const auto* array = std::get_if<GgufArray>(&value))
        return "array of " + typeName(array->elementType);
    return typeName(typeOf(value));
}

class Reader {
public:
    explicit Reader(const GgufMetadata& metadata) : m_metadata(metadata) {}

    [[noreturn]] void fail(const std::string& message) const
    {
        throw FormatError(m_metadata.source(), message);
    }

    template <typename T> const T* findScalar(const char* key, GgufValueType type) const
    {
        const GgufValue* value = m_metadata.find(key);
        if (!value)
            return nullptr;
        const auto* scalar = std::get_if<GgufScalar>(value);
        const T* typed = scalar ? std::get_if<T>(scalar) : nullptr;
        if (!typed)
            fail(std::string(key) + " has type " + describe(*value) + ", expected " + typeName(type));
        return typed;
    }
    template <typename T>
    const T& scalar(const char* key, GgufValueType type, const std::string& why = "") const
    {
        const T* value = findScalar<T>(key, type);
        if (!value)
            fail(std::string(key) + " is missing" + why);
        return *value;
    }
    const GgufArray* findArray(const char* key, GgufValueType elementType) const
    {
        const GgufValue* value = m_metadata.find(key);
        if (!value)
            return nullptr;
        const auto* array = std::get_if<GgufArray>(value);
        if (!array || array->elementType != elementType)
            fail(std::string(key) + " has type " + describe(*value) + ", expected array of " +
                 typeName(elementType));
        return array;
    }
    const GgufArray& array(const char* key, GgufValueType elementType, const std::string& why = "") const
    {
        const GgufArray* value = findArray(key, elementType);
        if (!value)
            fail(std::string(key) + " is missing" + why);
        return *value;
    }
    // Element i of an array already checked to hold elements of T.
    template <typename T> const T& element(const char* key, const GgufArray& array, size_t i) const
    {
        const T* value = std::get_if<T>(&array.items[i]);
        if (!value)
            fail(std::string(key) + "[" + std::to_string(i) + "] has type " +
                 typeName(typeOf(array.items[i])) + ", expected " + typeName(array.elementType));
        return *value;
    }

private:
    const GgufMetadata& m_metadata;
};

std::string quoted(std::string_view text)
{
    constexpr size_t kMax = 40;
    std::string out = "'";
    out += text.substr(0, kMax);
    out += text.size() > kMax ? "...'" : "'";
    return out;
}

} // namespace

Tokenizer Tokenizer::fromGguf(const GgufMetadata& metadata)
{
    const Reader in(metadata);
    Tokenizer t;

    const std::string& model = in.scalar<std::string>(kModel, GgufValueType::String);
    if (model == "gpt2")
        t.m_model = TokenizerModel::Bpe;
    else if (model == "llama")
        t.m_model = TokenizerModel::SentencePiece;
    else
        in.fail(
            std::string(kModel) + " is " + quoted(model) +
            ", expected 'gpt2' (byte-level BPE) or 'llama' (SentencePiece), the tokenizers moe implements");
    const bool bpe = t.m_model == TokenizerModel::Bpe;
    if (bpe) {
        const std::string& pre =
            in.scalar<std::string>(kPre, GgufValueType::String,
                                   " (moe needs the pre-tokenizer's name; llama.cpp would guess 'default')");
        if (!pretok::familyOf(pre))
            in.fail(
                std::string(kPre) + " is " + quoted(pre) +
                ": this pre-tokenizer is not supported (moe implements gpt-2, olmo, llama-bpe, dbrx, qwen2, "
                "deepseek-llm, deepseek-v3, refact, default and llama.cpp's aliases of them); another "
                "splits text differently");
        t.m_pre = pre;
    } else { // llama.cpp ignores the pre-tokenizer of a SentencePiece vocabulary; kept for writeTo
        const std::string* pre = in.findScalar<std::string>(kPre, GgufValueType::String);
        t.m_pre = pre ? *pre : std::string();
    }

    const GgufArray& tokens = in.array(kTokens, GgufValueType::String);
    const size_t nVocab = tokens.items.size();
    if (nVocab == 0)
        in.fail(std::string(kTokens) + " is empty");
    if (nVocab > static_cast<size_t>(INT32_MAX))
        in.fail(std::string(kTokens) + " has " + std::to_string(nVocab) +
                " entries, more than token ids can hold");
    std::unordered_map<std::string_view, size_t> idOfText;
    idOfText.reserve(nVocab);
    t.m_tokens.reserve(nVocab);
    for (size_t i = 0; i < nVocab; ++i) {
        const std::string& text = in.element<std::string>(kTokens, tokens, i);
        if (text.empty())
            in.fail(std::string(kTokens) + "[" + std::to_string(i) + "] is empty");
        t.m_tokens.push_back(text);
    }
    for (size_t i = 0; i < nVocab; ++i) {
        const auto [it, added] = idOfText.emplace(t.m_tokens[i], i);
        if (!added)
            in.fail(std::string(kTokens) + "[" + std::to_string(i) + "] " + quoted(t.m_tokens[i]) +
                    " duplicates " + kTokens + "[" + std::to_string(it->second) +
                    "] (llama.cpp aborts on duplicate tokens)");
    }

    // llama.cpp reads token_type unchecked, so a short or mistyped array is refused here.
    const GgufArray& types = in.array(kTokenType, GgufValueType::Int32);
    if (types.items.size() != nVocab)
        in.fail(std::string(kTokenType) + " has " + std::to_string(types.items.size()) +
                " entries, expected " + std::to_string(nVocab) + " (one per token)");
    t.m_types.reserve(nVocab);
    for (size_t i = 0; i < nVocab; ++i) {
        const int32_t type = in.element<int32_t>(kTokenType, types, i);
        const std::string where = std::string(kTokenType) + "[" + std::to_string(i) + "]";
        const std::string token =
            std::string(kTokens) + "[" + std::to_string(i) + "] " + quoted(t.m_tokens[i]);
        switch (type) {
        case static_cast<int32_t>(TokenType::Normal):
            if (bpe && !byte_alphabet::decode(t.m_tokens[i]))
                in.fail(token + " is NORMAL but not spelled in GPT-2's byte alphabet");
            break;
        case static_cast<int32_t>(TokenType::Byte): {
            if (bpe)
                in.fail(where + " is 6 (BYTE): a BPE vocabulary spells bytes as NORMAL tokens");
            const std::string& text = t.m_tokens[i];
            const bool hex = text.size() == 6 && text.starts_with("<0x") && text.back() == '>' &&
                             std::isxdigit(static_cast<unsigned char>(text[3])) &&
                             std::isxdigit(static_cast<unsigned char>(text[4]));
            if (!hex)
                in.fail(token + " is BYTE but not of the form <0xXX>");
            break;
        }
        case static_cast<int32_t>(TokenType::Unknown):
        case static_cast<int32_t>(TokenType::Control):
        case static_cast<int32_t>(TokenType::UserDefined):
        case static_cast<int32_t>(TokenType::Unused):
            break;
        default:
            in.fail(
                where + " is " + std::to_string(type) +
                ", expected 1 (NORMAL), 2 (UNKNOWN), 3 (CONTROL), 4 (USER_DEFINED), 5 (UNUSED) or 6 (BYTE)");
        }
        t.m_types.push_back(static_cast<TokenType>(type));
    }
    const auto isNormal = [&](std::string_view text, size_t* id = nullptr) {
        const auto it = idOfText.find(text);
        if (it == idOfText.end() || t.m_types[it->second] != TokenType::Normal)
            return false;
        if (id)
            *id = it->second;
        return true;
    };
    for (int byte = 0; byte < 256; ++byte) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", byte);
        if (bpe) {
            const std::string_view spelled = byte_alphabet::encodeByte(static_cast<uint8_t>(byte));
            if (!isNormal(spelled))
                in.fail(std::string(kTokens) + " has no NORMAL token " + quoted(spelled) + " for byte " +
                        hex +
                        " (a byte-level vocab needs all 256, or text with that byte cannot be encoded)");
        } else if (!idOfText.contains(byteTokenText(static_cast<uint8_t>(byte))) &&
                   !idOfText.contains(std::string(1, static_cast<char>(byte)))) {
            in.fail(std::string(kTokens) + " has no byte-fallback token " +
                    byteTokenText(static_cast<uint8_t>(byte)) + " for byte " + hex +
                    " (llama.cpp aborts when text needs it)");
        }
    }

    if (const GgufArray* scores = in.findArray(kScores, GgufValueType::Float32)) {
        if (scores->items.size() != nVocab)
            in.fail(std::string(kScores) + " has " + std::to_string(scores->items.size()) +
                    " entries, expected " + std::to_string(nVocab) + " (one per token)");
        t.m_scores.reserve(nVocab);
        for (size_t i = 0; i < nVocab; ++i)
            t.m_scores.push_back(in.element<float>(kScores, *scores, i));
    }

    if (bpe) {
        const GgufArray& merges =
            in.array(kMerges, GgufValueType::String, " (required for 'gpt2': llama.cpp refuses the model)");
        std::unordered_map<std::string, size_t> rankOf;
        rankOf.reserve(merges.items.size());
        t.m_merges.reserve(merges.items.size());
        for (size_t i = 0; i < merges.items.size(); ++i) {
            const std::string& merge = in.element<std::string>(kMerges, merges, i);
            const std::string where = std::string(kMerges) + "[" + std::to_string(i) + "] " + quoted(merge);
            // llama.cpp splits at the first space after position 0.
            const size_t space = merge.size() > 1 ? merge.find(' ', 1) : std::string::npos;
            if (space == std::string::npos || space + 1 >= merge.size())
                in.fail(where + " is not of the form 'left right'");
            std::string left = merge.substr(0, space), right = merge.substr(space + 1);
            if (!isNormal(left))
                in.fail(where + ": left part " + quoted(left) + " is not a NORMAL token");
            if (!isNormal(right))
                in.fail(where + ": right part " + quoted(right) + " is not a NORMAL token");
            if (!isNormal(left + right))
                in.fail(where + ": result " + quoted(left + right) + " is not a NORMAL token");
            const auto [it, added] = rankOf.emplace(merge, i);
            if (!added)
                in.fail(where + " duplicates " + kMerges + "[" + std::to_string(it->second) + "]");
            t.m_merges.emplace_back(std::move(left), std::move(right));
        }
    } // SentencePiece: llama.cpp reads no merges

    // BPE needs the ids (llama.cpp's fallback, id 11, is meaningless for a moe vocab); SentencePiece
    // has llama.cpp's defaults unk 0, bos 1, eos 2.
    const auto specialId = [&](const char* key, int fallback, bool required) {
        const uint32_t* value = in.findScalar<uint32_t>(key, GgufValueType::UInt32);
        if (!value && required)
            in.fail(std::string(key) + " is missing (llama.cpp would fall back to id 11 for gpt2 vocabs)");
        const int64_t id = value ? static_cast<int64_t>(*value) : fallback;
        if (id >= static_cast<int64_t>(nVocab))
            in.fail(std::string(key) + " is " + std::to_string(id) + (value ? "" : " (llama.cpp's default)") +
                    ", outside the vocabulary of " + std::to_string(nVocab));
        return static_cast<int>(id);
    };
    t.m_bos = specialId(kBos, 1, bpe);
    t.m_eos = specialId(kEos, 2, bpe);
    t.m_unk = specialId(kUnk, bpe ? -1 : 0, false);
    t.m_pad = specialId(kPad, -1, false);
    // llama.cpp's defaults: SentencePiece adds BOS and a space prefix; BPE adds BOS only for llama-bpe.
    const bool* addBos = in.findScalar<bool>(kAddBos, GgufValueType::Bool);
    const bool* addEos = in.findScalar<bool>(kAddEos, GgufValueType::Bool);
    const bool* addSpacePrefix = in.findScalar<bool>(kAddSpacePrefix, GgufValueType::Bool);
    const bool llama3 =
        t.m_pre == "llama-bpe" || t.m_pre == "llama3" || t.m_pre == "llama-v3" || t.m_pre == "falcon3";
    t.m_addBos = addBos ? *addBos : (!bpe || llama3);
    t.m_addEos = addEos && *addEos;
    t.m_addSpacePrefix = addSpacePrefix ? *addSpacePrefix : !bpe;

    t.buildIndex();
    return t;
}

void Tokenizer::writeTo(GgufMetadata& metadata) const
{
    const auto strings = [](const auto& range, auto&& text) {
        GgufArray array{GgufValueType::String, {}};
        array.items.reserve(range.size());
        for (const auto& item : range)
            array.items.emplace_back(text(item));
        return array;
    };
    const bool bpe = m_model == TokenizerModel::Bpe;
    metadata.setOrReplace(kModel, GgufScalar{std::string(bpe ? "gpt2" : "llama")});
    if (bpe || !m_pre.empty())
        metadata.setOrReplace(kPre, GgufScalar{m_pre});
    metadata.setOrReplace(kTokens, strings(m_tokens, [](const std::string& s) { return s; }));
    GgufArray types{GgufValueType::Int32, {}};
    types.items.reserve(m_types.size());
    for (const TokenType type : m_types)
        types.items.emplace_back(static_cast<int32_t>(type));
    metadata.setOrReplace(kTokenType, std::move(types));
    if (!m_scores.empty()) {
        GgufArray scores{GgufValueType::Float32, {}};
        scores.items.reserve(m_scores.size());
        for (const float score : m_scores)
            scores.items.emplace_back(score);
        metadata.setOrReplace(kScores, std::move(scores));
    }
    if (bpe)
        metadata.setOrReplace(kMerges,
                              strings(m_merges, [](const auto& m) { return m.first + " " + m.second; }));
    metadata.setOrReplace(kBos, GgufScalar{static_cast<uint32_t>(m_bos)});
    metadata.setOrReplace(kEos, GgufScalar{static_cast<uint32_t>(m_eos)});
    if (m_unk >= 0)
        metadata.setOrReplace(kUnk, GgufScalar{static_cast<uint32_t>(m_unk)});
    if (m_pad >= 0)
        metadata.setOrReplace(kPad, GgufScalar{static_cast<uint32_t>(m_pad)});
    metadata.setOrReplace(kAddBos, GgufScalar{m_addBos});
    metadata.setOrReplace(kAddEos, GgufScalar{m_addEos});
    if (!bpe)
        metadata.setOrReplace(kAddSpacePrefix, GgufScalar{m_addSpacePrefix});
}

} // namespace moe

// init-random: a model of any architecture and shape with random weights and a real byte-level BPE
// vocabulary, in exactly the layout llama.cpp loads. Used by tests, comparisons with llama.cpp and
// benchmarks before (and beside) training.
#include "commands.h"
#include "tokenizer_text.h"

#include "moe/model_writer.h"
#include "moe/tokenizer.h"

#include <algorithm>
#include <iostream>
#include <optional>

namespace cli {

const CommandSpec& initRandomSpec()
{
    static const CommandSpec spec{
        "init-random",
        "OUT.gguf [options]",
        "Write a model with random weights (seeded) and a BPE vocabulary trained on built-in\n"
        "text, in the layout of any architecture moe reads. Any shape; loads in tiny-experts\n"
        "and in llama.cpp.",
        {{"--arch", "NAME",
          "llama (Mixtral, default), olmoe, qwen2moe, granitemoe, deepseek2, phimoe or dbrx; each with\n"
          "its family's features (shared experts, dense first layer, latent attention, ...)"},
         {"--layers", "N", "transformer blocks (default 2)"},
         {"--dim", "N", "embedding width (default 64)"},
         {"--heads", "N", "attention heads (default 4)"},
         {"--kv-heads", "N", "key/value heads, for grouped-query attention (default: --heads)"},
         {"--experts", "N", "experts per layer (default 8)"},
         {"--top-k", "N", "experts chosen per token (default 2)"},
         {"--ffn", "N", "hidden width of one expert (default 128)"},
         {"--vocab", "N", "vocabulary size to train, >= 260 (default 512)"},
         {"--tokenizer", "KIND",
          "gpt-2, spm (SentencePiece, as Mixtral), or another BPE pre-tokenizer: olmo, llama-bpe,\n"
          "dbrx, qwen2, deepseek-llm, deepseek-v3, refact, default (vocab >= 300). Default: gpt-2 for\n"
          "llama (this project's own models), else the family's (olmo, qwen2, refact, deepseek-llm,\n"
          "spm for phimoe, dbrx)"},
         {"--ctx", "N", "context length (default 512)"},
         {"--type", "T", "matrix type: f32, f16, bf16 or q8_0 (default f32)"},
         {"--shared-ffn", "N", "qwen2moe: the shared expert's width (default 2 x --ffn)"},
         {"--shared-experts", "N", "deepseek2: shared experts (default 2)"},
         {"--dense-layers", "N", "deepseek2: leading dense layers (default 1)"},
         {"--gating", "G", "deepseek2: sigmoid (V3, with selection bias; default) or softmax (V2)"},
         {"--rope-base", "F", "RoPE frequency base (default 10000)"},
         {"--tied", "", "no output matrix: reuse the token embedding"},
         {"--seed", "S", "random seed (default 1)"},
         {"--name", "NAME", "general.name (default tiny-experts-random)"}}};
    return spec;
}

namespace {

// The features that set each family apart, at the small shape the other options give.
void applyArchitecture(moe::ModelConfig& c, const Arguments& args)
{
    using moe::Architecture;
    const int headDim = c.headDim();
    switch (c.arch) {
    case Architecture::Llama:
        break;
    case Architecture::Olmoe:
        c.nHeadKv = c.nHead; // its QK-norm weights are n_embd wide
        c.normaliseGates = false;
        break;
    case Architecture::Qwen2Moe:
        c.nFfShared = args.integer("--shared-ffn", 2 * c.nFf, 1, 1 << 20);
        c.nExpertShared = 1;
        c.sharedExpertGated = true;
        c.normaliseGates = false;
        break;
    case Architecture::GraniteMoe: // Granite 3's multipliers
        c.embeddingScale = 12.0f;
        c.residualScale = 0.22f;
        c.logitScale = 6.0f;
        c.attentionScale = 0.015625f;
        c.tiedOutput = true;
        break;
    case Architecture::Deepseek2: {
        c.nHeadKv = c.nHead;
        c.ropeDims = std::max(2, headDim / 2 / 2 * 2); // decoupled RoPE part
        c.keyLength = headDim + c.ropeDims;
        c.valueLength = headDim;
        c.kvLoraRank = std::max(2, c.nEmbd / 2);
        c.qLoraRank = c.nLayer == 27 ? 0 : std::max(2, c.nEmbd / 2); // llama.cpp: 27 layers = V2-Lite
        c.nLeadingDense = args.integer("--dense-layers", 1, 0, c.nLayer - 1);
        c.nFfDense = 4 * c.nFf;
        c.nExpertShared = args.integer("--shared-experts", 2, 1, 64);
        c.nFfShared = c.nFf * c.nExpertShared;
        c.ropeYarn = true;
        c.ropeFreqScale = 0.25f;
        c.ropeOriginalContext = std::max(1, c.nCtx / 4);
        c.yarnLogMultiplier = 0.1f;
        const std::string gating = args.text("--gating", "sigmoid");
        if (gating == "sigmoid") { // DeepSeek-V3
            c.gating = moe::Gating::Sigmoid;
            c.selectionBias = true;
            c.normaliseGates = true;
            c.expertWeightsScale = 2.5f;
        } else if (gating == "softmax") { // DeepSeek-V2
            c.normaliseGates = false;
            c.expertWeightsScale = 1.0f;
        } else {
            throw UsageError("--gating must be sigmoid or softmax, got '" + gating + "'");
        }
        break;
    }
    case Architecture::PhiMoe:
        c.ropeFactors = true;
        c.ropeOriginalContext = c.nCtx;
        break;
    case Architecture::Dbrx:
        c.fusedQkv = true;
        c.clampKqv = 8.0f;
        break;
    }
}

} // namespace

int runInitRandom(const Arguments& args)
{
    moe::ModelConfig config;
    const std::string archName = args.text("--arch", "llama");
    const std::optional<moe::Architecture> arch = moe::architectureFromName(archName);
    if (!arch)
        throw UsageError(
            "--arch must be llama, olmoe, qwen2moe, granitemoe, deepseek2, phimoe or dbrx, got '" + archName +
            "'");
    config.arch = *arch;
    config.nLayer = args.integer("--layers", 2, 1, 512);
    config.nEmbd = args.integer("--dim", 64, 2, 1 << 16);
    config.nHead = args.integer("--heads", 4, 1, 1024);
    config.nHeadKv = args.integer("--kv-heads", config.nHead, 1, 1024);
    config.nExpert = args.integer("--experts", 8, 1, 256);
    config.nExpertUsed = args.integer("--top-k", 2, 1, 256);
    config.nFf = args.integer("--ffn", 128, 1, 1 << 20);
    config.nCtx = args.integer("--ctx", 512, 1, 1 << 20);
    config.ropeFreqBase = static_cast<float>(args.real("--rope-base", 10000.0, 1.0, 1e9));
    config.tiedOutput = args.flag("--tied");
    const int vocab = args.integer("--vocab", 512, 260, 1 << 18);
    const uint64_t seed = args.unsignedInteger("--seed", 1);
    const std::string typeName = args.text("--type", "f32");
    const auto type = moe::tensorTypeFromName(typeName);
    if (!type)
        throw UsageError("--type must be f32, f16, bf16 or q8_0, got '" + typeName + "'");

    // Our own models' BPE for llama (the shipped model's kind); the family's real kind otherwise.
    const moe::VocabKind family = moe::vocabKindOfArchitecture(moe::architectureName(config.arch));
    const std::string familyKind = config.arch == moe::Architecture::Llama              ? "gpt-2"
                                   : family.model == moe::TokenizerModel::SentencePiece ? "spm"
                                                                                        : family.pre;
    const std::string tokenizerKind = args.text("--tokenizer", familyKind);
    const std::vector<std::string> text = tokenizerTrainingText(vocab, seed);
    moe::Tokenizer tokenizer;
    if (tokenizerKind == "gpt-2") {
        tokenizer = moe::Tokenizer::train(text, {.vocabSize = vocab, .minPairCount = 2});
    } else {
        const bool spm = tokenizerKind == "spm";
        if (!spm && !moe::isKnownPreTokenizer(tokenizerKind))
            throw UsageError("--tokenizer must be gpt-2, spm or a BPE pre-tokenizer name, got '" +
                             tokenizerKind + "'");
        if (vocab < 300)
            throw UsageError("--tokenizer " + tokenizerKind + " needs --vocab >= 300");
        const moe::VocabKind kind{spm ? moe::TokenizerModel::SentencePiece : moe::TokenizerModel::Bpe,
                                  spm ? std::string() : tokenizerKind};
        // Non-ASCII words, repeated so that their bytes merge: the vocabulary then has pieces
        // that cross UTF-8 characters and CJK, which a comparison with llama.cpp should meet.
        std::vector<std::string> texts = text;
        for (int i = 0; i < 3; ++i)
            texts.insert(texts.end(), {"Café crème, naïve señor, Grüße aus München.",
                                       "東京と大阪、中文字符，한국어 문장。 Ελλάδα, Москва!",
                                       "Emoji 😀🎉 and symbols ½ ² € → … “quoted” ~tilde~"});
        tokenizer = moe::Tokenizer::buildVocab(kind, texts, vocab);
    }
    if (tokenizer.vocabSize() != vocab)
        std::cerr << "note: the built-in text gave a vocabulary of " << tokenizer.vocabSize()
                  << " tokens, not " << vocab << "\n";
    config.nVocab = tokenizer.vocabSize();
    applyArchitecture(config, args);
    config.validate();

    const std::string path = args.positional()[0];
    const moe::WriteOptions options{.matrixType = *type, .name = args.text("--name", "tiny-experts-random")};
    if (config.arch == moe::Architecture::Llama) // the trainer's layout and weight scheme
        moe::writeModel(path, config, tokenizer, moe::randomWeights(config, seed), options);
    else
        moe::buildGguf(config, tokenizer, moe::randomTensors(config, seed), options).writeFile(path);
    std::cout << "wrote " << path << ": " << moe::architectureName(config.arch) << ", " << config.nLayer
              << " layers, " << config.nExpert << " experts (top-" << config.nExpertUsed << "), dim "
              << config.nEmbd << ", vocab " << config.nVocab << ", " << moe::tensorTypeName(*type) << ", "
              << config.totalParameters() << " parameters (" << config.activeParametersPerToken()
              << " active per token)\n";
    return 0;
}

} // namespace cli

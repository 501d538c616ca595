// init-random: a model of any shape with random weights and a real byte-level BPE vocabulary, in
// exactly the layout llama.cpp loads. Used by tests and benchmarks before (and beside) training.
#include "commands.h"
#include "tokenizer_text.h"

#include "moe/model_writer.h"
#include "moe/tokenizer.h"

#include <iostream>

namespace cli {

const CommandSpec& initRandomSpec()
{
    static const CommandSpec spec{
        "init-random",
        "OUT.gguf [options]",
        "Write a Mixtral-style model with random weights (seeded) and a BPE vocabulary\n"
        "trained on built-in text. Any shape; loads in tiny-experts and in llama.cpp.",
        {{"--layers", "N", "transformer blocks (default 2)"},
         {"--dim", "N", "embedding width (default 64)"},
         {"--heads", "N", "attention heads (default 4)"},
         {"--kv-heads", "N", "key/value heads, for grouped-query attention (default: --heads)"},
         {"--experts", "N", "experts per layer (default 8)"},
         {"--top-k", "N", "experts chosen per token (default 2)"},
         {"--ffn", "N", "hidden width of one expert (default 128)"},
         {"--vocab", "N", "vocabulary size to train, >= 260 (default 512)"},
         {"--tokenizer", "KIND",
          "gpt-2 (default), spm (SentencePiece, as Mixtral), or another BPE pre-tokenizer:\n"
          "olmo, llama-bpe, dbrx, qwen2, deepseek-llm, deepseek-v3, refact, default (vocab >= 300)"},
         {"--ctx", "N", "context length (default 512)"},
         {"--type", "T", "matrix type: f32, f16, bf16 or q8_0 (default f32)"},
         {"--rope-base", "F", "RoPE frequency base (default 10000)"},
         {"--tied", "", "no output matrix: reuse the token embedding"},
         {"--seed", "S", "random seed (default 1)"},
         {"--name", "NAME", "general.name (default tiny-experts-random)"}}};
    return spec;
}

int runInitRandom(const Arguments& args)
{
    moe::ModelConfig config;
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

    const std::string tokenizerKind = args.text("--tokenizer", "gpt-2");
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
    config.validate();

    const moe::FloatWeights weights = moe::randomWeights(config, seed);
    const std::string path = args.positional()[0];
    moe::writeModel(path, config, tokenizer, weights,
                    {.matrixType = *type, .name = args.text("--name", "tiny-experts-random")});
    std::cout << "wrote " << path << ": " << config.nLayer << " layers, " << config.nExpert
              << " experts (top-" << config.nExpertUsed << "), dim " << config.nEmbd << ", vocab "
              << config.nVocab << ", " << moe::tensorTypeName(*type) << ", " << config.totalParameters()
              << " parameters (" << config.activeParametersPerToken() << " active per token)\n";
    return 0;
}

} // namespace cli

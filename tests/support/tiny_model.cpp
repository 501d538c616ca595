// Tiny seeded models for tests: a BPE tokenizer trained on a fixed text, random weights.
#include "tiny_model.h"

#include "moe/gguf.h"

#include <fstream>

namespace moe::test {

const std::string& sampleText()
{
    // Original text written for these tests: prose, verse, arithmetic, punctuation and some
    // non-ASCII letters, scripts and emoji, so the tokenizer meets every kind of byte.
    static const std::string text =
        R"(The lighthouse keeper counted the ships each evening. On Monday there were 12,
on Tuesday 7, and on the stormy Wednesday only 3 dared the harbour. "Numbers keep me honest," she said.

A small poem about the sea:
    The tide comes in, the tide goes out,
    the gulls complain, the sailors shout;
    the moon looks down on silver foam
    and every wave is walking home.

Some sums for the classroom:
23 + 45 = 68
17 + 26 = 43
90 - 37 = 53
8 * 7 = 56
144 / 12 = 12
3 * (4 + 5) = 27
What is 58 + 29? It is 87.
What is 100 - 64? It is 36.
Seven times eight is fifty-six; nine times nine is eighty-one.

At the café on the corner, a naïve young poet ordered crème brûlée and wrote: "Grüße aus Köln!"
Her friend had flown in from 東京 and spoke of 桜 in the spring; another wrote Привет to everyone.
The menu cost €4.50, or £3.90, and the receipt said ½ price after 5 o'clock. 🙂 🌊 ☕

Questions, answers, and lists:
- Why does the router choose two experts? Because the model was trained that way.
- Where do the words go? Into tokens, then vectors, then back out again.
- When will it rain? Perhaps at 4:30, perhaps never (who knows...).

Another verse, slower:
    I planted seven seeds in May,
    and watered them the Sunday way;
    by June there stood eleven flowers,
    grown out of patience, light and hours.

The recipe: mix 2 cups of flour with 1 cup of milk; add 3 eggs, a pinch of salt & stir for 10 minutes.
Bake at 180 degrees. If it's too dry, add milk; if it's too wet, add flour. Don't rush it!

Arithmetic again, because practice matters:
11 + 11 = 22
35 + 47 = 82
62 - 18 = 44
9 * 6 = 54
81 / 9 = 9
The answer to 19 + 23 is 42, and the answer to 50 - 8 is 42 as well.

She closed her notebook, looked at the dark water, and whispered: "Tomorrow, more ships."
The end; or rather, the beginning of the next page.
)";
    return text;
}

const Tokenizer& sampleTokenizer()
{
    static const Tokenizer tokenizer = [] {
        const std::vector<std::string> texts{sampleText()};
        BpeTrainingOptions options;
        options.vocabSize = 400;
        return Tokenizer::train(texts, options);
    }();
    return tokenizer;
}

ModelConfig tinyConfig()
{
    ModelConfig c;
    c.nVocab = sampleTokenizer().vocabSize();
    c.nEmbd = 64;
    c.nLayer = 2;
    c.nHead = 4;
    c.nHeadKv = 2;
    c.nCtx = 128;
    c.nFf = 64;
    c.nExpert = 4;
    c.nExpertUsed = 2;
    return c;
}

std::vector<std::byte> tinyModelBytes(uint64_t seed, TensorType type, const ModelConfig& config)
{
    ModelConfig c = config;
    c.nVocab = sampleTokenizer().vocabSize();
    WriteOptions options;
    options.matrixType = type;
    options.name = "tiny-test-" + std::to_string(seed);
    return buildModelGguf(c, sampleTokenizer(), randomWeights(c, seed), options).toBytes();
}

std::shared_ptr<const Model> tinyModel(uint64_t seed, TensorType type, const ModelConfig& config)
{
    return Model::fromGguf(GgufFile::parseOwned(tinyModelBytes(seed, type, config), "tiny-test.gguf"));
}

std::shared_ptr<const Model> modelFromWeights(const ModelConfig& config, const FloatWeights& weights,
                                              TensorType type)
{
    WriteOptions options;
    options.matrixType = type;
    options.name = "tiny-test";
    return Model::fromGguf(GgufFile::parseOwned(
        buildModelGguf(config, sampleTokenizer(), weights, options).toBytes(), "tiny-test.gguf"));
}

bool writeTinyModelFile(const std::string& path, uint64_t seed)
{
    const std::vector<std::byte> bytes = tinyModelBytes(seed);
    std::ofstream file(path, std::ios::binary);
    file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(file);
}

} // namespace moe::test

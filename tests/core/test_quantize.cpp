// llama-quantize's recipes (moe/quantize.h): the per-tensor types llama.cpp b4748's
// llama_tensor_get_type picks, written out here per rule for small MoE models, the row-length
// fallbacks, the tensors never quantised; and quantiseGguf end to end on a written file: metadata
// kept, tensors in llama.cpp's order, each in its chosen type with exactly encodeRow's bytes.
#include "moe/gguf.h"
#include "moe/quantize.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using moe::GgufTensorInfo;
using moe::QuantRecipe;
using moe::TensorType;

struct Shape {
    std::string architecture = "llama";
    int layers = 4, experts = 8, dim = 256, ffn = 512, vocab = 320, heads = 8, kvHeads = 2;
    bool output = true;
};

GgufTensorInfo info(std::string name, std::vector<int64_t> ne, TensorType type = TensorType::F32)
{
    GgufTensorInfo t;
    t.name = std::move(name);
    t.ne = std::move(ne);
    t.type = type;
    return t;
}

// The tensors of a Mixtral-style model, in the order llama.cpp's converter writes them.
std::vector<GgufTensorInfo> mixtralTensors(const Shape& s)
{
    const int64_t kv = s.dim / s.heads * s.kvHeads;
    std::vector<GgufTensorInfo> t;
    t.push_back(info("token_embd.weight", {s.dim, s.vocab}));
    for (int l = 0; l < s.layers; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        t.push_back(info(p + "attn_norm.weight", {s.dim}));
        t.push_back(info(p + "attn_q.weight", {s.dim, s.dim}));
        t.push_back(info(p + "attn_k.weight", {s.dim, kv}));
        t.push_back(info(p + "attn_v.weight", {s.dim, kv}));
        t.push_back(info(p + "attn_output.weight", {s.dim, s.dim}));
        t.push_back(info(p + "ffn_norm.weight", {s.dim}));
        t.push_back(info(p + "ffn_gate_inp.weight", {s.dim, s.experts}));
        t.push_back(info(p + "ffn_gate_exps.weight", {s.dim, s.ffn, s.experts}));
        t.push_back(info(p + "ffn_up_exps.weight", {s.dim, s.ffn, s.experts}));
        t.push_back(info(p + "ffn_down_exps.weight", {s.ffn, s.dim, s.experts}));
    }
    t.push_back(info("output_norm.weight", {s.dim}));
    if (s.output)
        t.push_back(info("output.weight", {s.dim, s.vocab}));
    return t;
}

moe::GgufMetadata metadataFor(const Shape& s)
{
    moe::GgufMetadata md;
    const auto u32 = [](int v) { return moe::GgufValue{moe::GgufScalar{static_cast<uint32_t>(v)}}; };
    md.add("general.architecture", moe::GgufValue{moe::GgufScalar{s.architecture}});
    md.add("general.name", moe::GgufValue{moe::GgufScalar{std::string("recipe test")}});
    md.add(s.architecture + ".block_count", u32(s.layers));
    md.add(s.architecture + ".embedding_length", u32(s.dim));
    md.add(s.architecture + ".attention.head_count", u32(s.heads));
    md.add(s.architecture + ".attention.head_count_kv", u32(s.kvHeads));
    if (s.experts > 0)
        md.add(s.architecture + ".expert_count", u32(s.experts));
    md.add("general.file_type", u32(0));
    return md;
}

// name -> chosen type
std::map<std::string, TensorType> choose(QuantRecipe recipe, const Shape& s,
                                         const std::vector<GgufTensorInfo>& tensors, bool pure = false)
{
    const moe::QuantModelFacts facts = moe::QuantModelFacts::of(metadataFor(s), tensors);
    const std::vector<moe::TensorChoice> choices = moe::chooseTensorTypes(recipe, facts, tensors, pure);
    std::map<std::string, TensorType> out;
    for (size_t i = 0; i < tensors.size(); ++i)
        out[tensors[i].name] = choices[i].type;
    return out;
}

std::string layer(int l, const char* tensor)
{
    return "blk." + std::to_string(l) + "." + tensor + ".weight";
}

const char* name(TensorType t)
{
    static std::map<TensorType, std::string> names;
    return names.emplace(t, std::string(moe::tensorTypeName(t))).first->second.c_str();
}

#define COMPARE_TYPE(map, key, want)                                                                         \
    QVERIFY2((map).at(key) == (want),                                                                        \
             (std::string(key) + " is " + name((map).at(key)) + ", want " + name(want)).c_str())

} // namespace

class TestQuantize : public QObject {
    Q_OBJECT
private slots:
    void recipeNamesAndFileTypes()
    {
        QCOMPARE(moe::quantRecipeFromName("q4_k_m"), std::optional(QuantRecipe::Q4_K_M));
        QCOMPARE(moe::quantRecipeFromName("Q4_K"),
                 std::optional(QuantRecipe::Q4_K_M)); // llama-quantize alias
        QCOMPARE(moe::quantRecipeFromName("q3_k"), std::optional(QuantRecipe::Q3_K_M));
        QCOMPARE(moe::quantRecipeFromName("IQ4_xs"), std::optional(QuantRecipe::IQ4_XS));
        QVERIFY(!moe::quantRecipeFromName("Q4_K_X"));
        QVERIFY(!moe::quantRecipeFromName(""));
        // general.file_type is llama_ftype, not the ggml type id.
        QCOMPARE(static_cast<uint32_t>(QuantRecipe::Q8_0), 7u);
        QCOMPARE(static_cast<uint32_t>(QuantRecipe::Q4_K_M), 15u);
        QCOMPARE(static_cast<uint32_t>(QuantRecipe::IQ4_XS), 30u);
        QCOMPARE(moe::recipeBaseType(QuantRecipe::Q5_K_S), TensorType::Q5_K);
        for (QuantRecipe r : moe::allQuantRecipes())
            QCOMPARE(moe::quantRecipeFromName(moe::quantRecipeName(r)), std::optional(r));
    }

    void q4KMOnAFourLayerEightExpertModel()
    {
        const Shape s; // 4 layers, 8 experts, rows of 256 and 512
        const auto types = choose(QuantRecipe::Q4_K_M, s, mixtralTensors(s));
        COMPARE_TYPE(types, "output.weight", TensorType::Q6_K);
        COMPARE_TYPE(types, "token_embd.weight", TensorType::Q4_K); // untied: the base type
        COMPARE_TYPE(types, "output_norm.weight", TensorType::F32);
        for (int l = 0; l < 4; ++l) {
            COMPARE_TYPE(types, layer(l, "attn_q"), TensorType::Q4_K);
            COMPARE_TYPE(types, layer(l, "attn_k"), TensorType::Q8_0);      // 8 experts
            COMPARE_TYPE(types, layer(l, "attn_v"), TensorType::Q8_0);      // 8 experts
            COMPARE_TYPE(types, layer(l, "attn_output"), TensorType::Q5_K); // 8 experts
            COMPARE_TYPE(types, layer(l, "ffn_gate_exps"), TensorType::Q4_K);
            COMPARE_TYPE(types, layer(l, "ffn_up_exps"), TensorType::Q4_K);
            COMPARE_TYPE(types, layer(l, "ffn_gate_inp"), TensorType::F32); // the router
            COMPARE_TYPE(types, layer(l, "attn_norm"), TensorType::F32);
            // use_more_bits(i, 4): i >= 7 * 4 / 8 = 3, or (i - 0) % 3 == 2: layers 2 and 3.
            COMPARE_TYPE(types, layer(l, "ffn_down_exps"), l >= 2 ? TensorType::Q6_K : TensorType::Q4_K);
        }
    }

    void ffnDownFollowsUseMoreBitsOver32Layers()
    {
        Shape s;
        s.layers = 32;
        const auto types = choose(QuantRecipe::Q5_K_M, s, mixtralTensors(s));
        // The reference's example: layers 0-3, 6, 9, ..., 27 and 28-31 get more bits.
        for (int l = 0; l < 32; ++l) {
            const bool more = l < 4 || l >= 28 || (l - 4) % 3 == 2;
            COMPARE_TYPE(types, layer(l, "ffn_down_exps"), more ? TensorType::Q6_K : TensorType::Q5_K);
            COMPARE_TYPE(types, layer(l, "attn_output"), TensorType::Q5_K); // Q5_K_M keeps its base
        }
    }

    void q3KMAndQ2KWithoutEightExperts()
    {
        Shape s;
        s.layers = 32;
        s.experts = 4; // not Mixtral's 8: attn_v and attn_output follow the recipe
        s.kvHeads = 2; // n_head / n_head_kv = 4
        const auto q3 = choose(QuantRecipe::Q3_K_M, s, mixtralTensors(s));
        for (int l = 0; l < 32; ++l) {
            // The first two attn_v tensors (by layer, not file position) get Q5_K.
            COMPARE_TYPE(q3, layer(l, "attn_v"), l < 2 ? TensorType::Q5_K : TensorType::Q4_K);
            COMPARE_TYPE(q3, layer(l, "attn_k"), TensorType::Q3_K);
            COMPARE_TYPE(q3, layer(l, "attn_output"), TensorType::Q4_K);
            COMPARE_TYPE(q3, layer(l, "ffn_down_exps"),
                         l < 2 ? TensorType::Q5_K : TensorType::Q4_K); // n/16 = 2
            COMPARE_TYPE(q3, layer(l, "ffn_up_exps"), TensorType::Q3_K);
        }
        const auto q2 = choose(QuantRecipe::Q2_K, s, mixtralTensors(s));
        COMPARE_TYPE(q2, layer(5, "attn_v"), TensorType::Q4_K); // gqa 4
        COMPARE_TYPE(q2, layer(5, "attn_output"), TensorType::Q3_K);
        COMPARE_TYPE(q2, layer(5, "ffn_down_exps"), TensorType::Q3_K);
        COMPARE_TYPE(q2, layer(5, "ffn_gate_exps"), TensorType::Q2_K);
        s.kvHeads = 4; // gqa 2
        COMPARE_TYPE(choose(QuantRecipe::Q2_K, s, mixtralTensors(s)), layer(5, "attn_v"), TensorType::Q3_K);
    }

    void smallRecipesAndPure()
    {
        const Shape s;
        const auto q4ks = choose(QuantRecipe::Q4_K_S, s, mixtralTensors(s));
        COMPARE_TYPE(q4ks, layer(0, "attn_v"), TensorType::Q8_0); // 8 experts win over "first four"
        COMPARE_TYPE(q4ks, layer(3, "ffn_down_exps"), TensorType::Q4_K);
        const auto q40 = choose(QuantRecipe::Q4_0, s, mixtralTensors(s));
        COMPARE_TYPE(q40, "output.weight", TensorType::Q6_K); // even in a Q4_0 file
        COMPARE_TYPE(q40, layer(0, "attn_q"), TensorType::Q4_0);
        COMPARE_TYPE(q40, layer(0, "attn_v"), TensorType::Q8_0);
        const auto q80 = choose(QuantRecipe::Q8_0, s, mixtralTensors(s));
        COMPARE_TYPE(q80, "output.weight", TensorType::Q8_0);
        const auto iq4 = choose(QuantRecipe::IQ4_XS, s, mixtralTensors(s));
        COMPARE_TYPE(iq4, layer(0, "ffn_down_exps"), TensorType::IQ4_XS); // n/8 = 0: no layer gets Q5_K
        COMPARE_TYPE(iq4, layer(0, "attn_output"), TensorType::Q5_K);
        const auto pure = choose(QuantRecipe::Q4_K_M, s, mixtralTensors(s), /*pure=*/true);
        COMPARE_TYPE(pure, "output.weight", TensorType::Q4_K);
        COMPARE_TYPE(pure, layer(0, "attn_v"), TensorType::Q4_K);
        COMPARE_TYPE(pure, layer(0, "ffn_gate_inp"), TensorType::F32); // still never quantised
        const auto f16 = choose(QuantRecipe::F16, s, mixtralTensors(s));
        COMPARE_TYPE(f16, "output.weight", TensorType::F16);
        COMPARE_TYPE(f16, layer(0, "attn_norm"), TensorType::F32);
    }

    void rowsThatDoNotFitFallBack()
    {
        Shape s;
        s.dim = 256;
        s.ffn = 1408; // Qwen1.5-MoE's expert width: ffn_down rows of 1408 = 5.5 x 256
        s.experts = 60;
        s.layers = 8;
        const auto q4 = choose(QuantRecipe::Q4_K_M, s, mixtralTensors(s));
        // use_more_bits(i, 8): layer 0, layers 7 and (i - 1) % 3 == 2: 3, 6.
        COMPARE_TYPE(q4, layer(1, "ffn_down_exps"), TensorType::Q5_0); // Q4_K -> Q5_0
        COMPARE_TYPE(q4, layer(0, "ffn_down_exps"), TensorType::Q8_0); // Q6_K -> Q8_0
        COMPARE_TYPE(q4, layer(1, "ffn_up_exps"), TensorType::Q4_K);
        COMPARE_TYPE(choose(QuantRecipe::Q5_K_S, s, mixtralTensors(s)), layer(1, "ffn_down_exps"),
                     TensorType::Q5_1);
        COMPARE_TYPE(choose(QuantRecipe::Q2_K, s, mixtralTensors(s)), layer(1, "ffn_down_exps"),
                     TensorType::IQ4_NL);
        COMPARE_TYPE(choose(QuantRecipe::IQ4_XS, s, mixtralTensors(s)), layer(4, "ffn_down_exps"),
                     TensorType::IQ4_NL);

        s.dim = 96; // rows of 96 everywhere: 3 x 32, no K-quant fits
        s.ffn = 256;
        const auto narrow = choose(QuantRecipe::Q4_K_M, s, mixtralTensors(s));
        COMPARE_TYPE(narrow, "output.weight", TensorType::Q8_0); // the output's own rule
        COMPARE_TYPE(narrow, layer(1, "attn_q"), TensorType::Q5_0);
        COMPARE_TYPE(narrow, layer(1, "ffn_down_exps"), TensorType::Q4_K); // its rows are 256
        COMPARE_TYPE(choose(QuantRecipe::Q3_K_S, s, mixtralTensors(s)), layer(1, "attn_q"),
                     TensorType::IQ4_NL);

        // Rows of 80 (not even 32 divides them): F16 after the K-quant's fallback...
        s.dim = 256;
        std::vector<GgufTensorInfo> odd = mixtralTensors(s);
        for (GgufTensorInfo& t : odd)
            if (t.name == layer(1, "attn_q"))
                t.ne = {80, 256};
        COMPARE_TYPE(choose(QuantRecipe::Q4_K_M, s, odd), layer(1, "attn_q"), TensorType::F16);
        // ... but a legacy type has no fallback: refused, naming the tensor, as llama.cpp refuses.
        try {
            choose(QuantRecipe::Q4_0, s, odd);
            QFAIL("rows of 80 were accepted for Q4_0");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("'blk.1.attn_q.weight' has rows of 80") != std::string::npos,
                     e.what());
        }
        // The output's Q8_0 has no fallback either.
        s.dim = 80;
        try {
            choose(QuantRecipe::Q4_K_M, s, mixtralTensors(s));
            QFAIL("an output with rows of 80 was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("'output.weight'") != std::string::npos, e.what());
        }
    }

    void tiedEmbeddingIsQuantisedAsTheOutput()
    {
        Shape s;
        s.output = false;
        COMPARE_TYPE(choose(QuantRecipe::Q4_K_M, s, mixtralTensors(s)), "token_embd.weight",
                     TensorType::Q6_K);
        s.dim = 96;
        COMPARE_TYPE(choose(QuantRecipe::Q4_K_M, s, mixtralTensors(s)), "token_embd.weight",
                     TensorType::Q8_0);
    }

    void neverQuantisedTensors()
    {
        QVERIFY(moe::isQuantisable(info("blk.0.ffn_up_exps.weight", {256, 512, 8})));
        QVERIFY(!moe::isQuantisable(info("blk.0.attn_norm.weight", {256})));
        QVERIFY(!moe::isQuantisable(info("blk.0.attn_q_a_norm.weight", {256, 2})));
        QVERIFY(!moe::isQuantisable(info("blk.0.ffn_gate_inp.weight", {256, 8})));
        QVERIFY(!moe::isQuantisable(info("blk.0.attn_q.bias", {256, 256})));
        QVERIFY(!moe::isQuantisable(info("blk.0.exp_probs_b.bias", {8})));
        QVERIFY(!moe::isQuantisable(info("blk.0.attn_q.weight", {256, 1, 1}))); // trailing 1s: 1-D
        QVERIFY(moe::isQuantisable(info("blk.0.attn_q.weight", {256, 1, 2})));
        QVERIFY(!moe::isQuantisable(info("position_embd.weight", {256, 256})));
    }

    void countersFollowLayerOrderNotFileOrder()
    {
        Shape s;
        s.experts = 2;
        s.layers = 12;
        std::vector<GgufTensorInfo> tensors = mixtralTensors(s);
        std::reverse(tensors.begin(), tensors.end());
        const auto q3 = choose(QuantRecipe::Q3_K_M, s, tensors);
        const auto q4 = choose(QuantRecipe::Q4_K_M, s, tensors);
        for (int l = 0; l < 12; ++l) {
            COMPARE_TYPE(q3, layer(l, "attn_v"), l < 2 ? TensorType::Q5_K : TensorType::Q4_K);
            // use_more_bits(i, 12) over the attn_v count: 0, 3, 6, 9, 10, 11. Counted as text
            // (blk.0, blk.1, blk.10, ...) blk.11 would be third and blk.2 fourth.
            const bool more = l == 0 || l == 3 || l == 6 || l == 9 || l >= 10;
            COMPARE_TYPE(q4, layer(l, "attn_v"), more ? TensorType::Q6_K : TensorType::Q4_K);
        }
    }

    void expertTensorsNeedALayerInTheirName()
    {
        const Shape s;
        std::vector<GgufTensorInfo> tensors = mixtralTensors(s);
        tensors.push_back(info("extra.ffn_up_exps.weight", {256, 512, 8}));
        try {
            choose(QuantRecipe::Q4_K_M, s, tensors);
            QFAIL("a layer-less expert tensor was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("extra.ffn_up_exps.weight") != std::string::npos, e.what());
        }
        tensors.back().name = "blk.9.ffn_up_exps.weight"; // the model has 4 layers
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, choose(QuantRecipe::Q4_K_M, s, tensors));
    }

    void quantiseGgufKeepsMetadataAndEncodesEveryTensor()
    {
        Shape s;
        s.layers = 2;
        s.ffn = 288; // ffn_down rows of 288: Q4_K falls back to Q5_0, Q6_K to Q8_0
        s.vocab = 64;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string in = dir.filePath("in.gguf").toStdString(),
                          out = dir.filePath("out.gguf").toStdString();
        moe::GgufWriter writer;
        writer.metadata() = metadataFor(s);
        std::mt19937 rng(4);
        std::normal_distribution<float> normal(0.0f, 0.02f);
        for (const GgufTensorInfo& t : mixtralTensors(s)) {
            std::vector<float> values(static_cast<size_t>(t.elementCount()));
            for (float& v : values)
                v = normal(rng);
            // The router arrives as F16 to check that unquantised tensors keep their type and bytes.
            const TensorType type =
                t.name.find("ffn_gate_inp") != std::string::npos ? TensorType::F16 : TensorType::F32;
            std::vector<std::byte> bytes;
            moe::encodeRow(type, values, bytes);
            writer.addTensor(t.name, type, t.ne, std::move(bytes));
        }
        writer.writeFile(in);

        const moe::GgufFile input = moe::GgufFile::open(in);
        const moe::QuantiseReport report = moe::quantiseGguf(input, QuantRecipe::Q4_K_M, out);
        const moe::GgufFile output = moe::GgufFile::open(out);
        QCOMPARE(report.fileBytes, output.fileSize());

        // Metadata: every input key kept with its value; the two quantisation keys last.
        const auto& entries = output.metadata().entries();
        QCOMPARE(entries.size(), input.metadata().entries().size() + 1);
        for (const auto& [key, value] : input.metadata().entries())
            if (key != "general.file_type")
                QVERIFY2(*output.metadata().find(key) == value, key.c_str());
        QCOMPARE(entries[entries.size() - 2].first, std::string("general.quantization_version"));
        QCOMPARE(output.metadata().getU32("general.quantization_version"), 2u);
        QCOMPARE(entries.back().first, std::string("general.file_type"));
        QCOMPARE(output.metadata().getU32("general.file_type"), 15u);

        const std::vector<moe::TensorChoice> choices = moe::chooseTensorTypes(
            QuantRecipe::Q4_K_M, moe::QuantModelFacts::of(input.metadata(), input.tensors()),
            input.tensors());
        QCOMPARE(output.tensors().size(), input.tensors().size());
        // llama-quantize's order: tensors outside the blocks by name, then block by block by name.
        const char* firstNames[] = {"output.weight", "output_norm.weight", "token_embd.weight",
                                    "blk.0.attn_k.weight", "blk.0.attn_norm.weight"};
        for (size_t k = 0; k < std::size(firstNames); ++k)
            QCOMPARE(output.tensors()[k].name, std::string(firstNames[k]));
        const std::vector<size_t> order = moe::llamaCppTensorOrder(input.tensors());
        int fallbacks = 0;
        for (size_t k = 0; k < order.size(); ++k) {
            const size_t i = order[k];
            const GgufTensorInfo& a = input.tensors()[i];
            const GgufTensorInfo& b = output.tensors()[k];
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.ne, a.ne);
            QVERIFY2(b.type == choices[i].type, b.name.c_str());
            fallbacks += choices[i].fallback ? 1 : 0;
            // The bytes are exactly the quantiser's, row by row, from the input's floats.
            const auto inData = input.tensorData(a);
            std::vector<float> row(static_cast<size_t>(a.ne[0]));
            std::vector<std::byte> want;
            const int64_t rows = a.elementCount() / a.ne[0];
            const size_t rowBytes = inData.size() / static_cast<size_t>(rows);
            for (int64_t r = 0; r < rows; ++r) {
                moe::decodeRow(a.type, inData.data() + static_cast<size_t>(r) * rowBytes, row);
                moe::encodeRow(b.type, row, want);
            }
            const auto outData = output.tensorData(b);
            QVERIFY2(std::equal(outData.begin(), outData.end(), want.begin(), want.end()), b.name.c_str());
        }
        QCOMPARE(fallbacks, 2); // both ffn_down_exps
        // use_more_bits(i, 2) holds for layer 1 only: Q4_K -> Q5_0 and Q6_K -> Q8_0.
        QCOMPARE(output.findTensor("blk.0.ffn_down_exps.weight")->type, TensorType::Q5_0);
        QCOMPARE(output.findTensor("blk.1.ffn_down_exps.weight")->type, TensorType::Q8_0);
        QCOMPARE(output.findTensor("blk.0.ffn_gate_inp.weight")->type, TensorType::F16);

        // A quantised input is decoded first; a tensor already in its target type is copied.
        const std::string again = dir.filePath("again.gguf").toStdString();
        const moe::QuantiseReport second = moe::quantiseGguf(output, QuantRecipe::Q8_0, again);
        const moe::GgufFile q8 = moe::GgufFile::open(again);
        QCOMPARE(q8.findTensor("blk.0.ffn_up_exps.weight")->type, TensorType::Q8_0);
        QCOMPARE(q8.findTensor("blk.0.attn_k.weight")->type, TensorType::Q8_0);
        for (const moe::QuantisedTensor& t : second.tensors)
            if (t.name == "blk.0.attn_k.weight") // already Q8_0: copied unchanged
                QVERIFY(!t.converted);
        QCOMPARE(q8.metadata().getU32("general.file_type"), 7u);
    }
};

QTEST_GUILESS_MAIN(TestQuantize)
#include "test_quantize.moc"

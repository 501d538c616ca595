// Model-level damage: files that are valid GGUF but not a consistent Mixtral-style model. Each is
// refused with a FormatError naming the key or tensor, where llama.cpp would abort, crash or (for
// some) run on. Each row edits one thing of a good tiny model with GgufWriter.
#include "moe/error.h"
#include "moe/gguf.h"
#include "moe/model.h"
#include "moe/session.h"
#include "tiny_model.h"

#include <QTest>

#include <functional>

using moe::GgufArray;
using moe::GgufScalar;
using moe::GgufValue;
using moe::GgufValueType;

namespace {

constexpr uint64_t kSeed = 5;

struct TensorSpec {
    std::string name;
    moe::TensorType type;
    std::vector<int64_t> ne;
    std::vector<std::byte> data;
};

// What one row changes in the good file.
struct Damage {
    std::vector<std::string> dropKeys;
    std::vector<std::pair<std::string, GgufValue>> setKeys;
    std::function<void(std::vector<TensorSpec>&)> editTensors;
};

GgufValue u32(uint32_t v)
{
    return GgufValue{GgufScalar{v}};
}

GgufValue u32Array(std::vector<uint32_t> values)
{
    GgufArray array;
    array.elementType = GgufValueType::UInt32;
    for (uint32_t v : values)
        array.items.emplace_back(v);
    return GgufValue{array};
}

std::vector<std::byte> damaged(const Damage& damage)
{
    const moe::GgufFile good = moe::GgufFile::parseOwned(moe::test::tinyModelBytes(kSeed));
    moe::GgufWriter writer;
    for (const auto& [key, value] : good.metadata().entries()) {
        if (std::find(damage.dropKeys.begin(), damage.dropKeys.end(), key) == damage.dropKeys.end())
            writer.metadata().add(key, value);
    }
    for (const auto& [key, value] : damage.setKeys)
        writer.metadata().setOrReplace(key, value);
    std::vector<TensorSpec> tensors;
    for (const moe::GgufTensorInfo& info : good.tensors()) {
        const std::span<const std::byte> data = good.tensorData(info);
        tensors.push_back({info.name, info.type, info.ne, std::vector<std::byte>(data.begin(), data.end())});
    }
    if (damage.editTensors)
        damage.editTensors(tensors);
    for (TensorSpec& t : tensors)
        writer.addTensor(t.name, t.type, t.ne, std::move(t.data));
    return writer.toBytes();
}

std::function<void(std::vector<TensorSpec>&)> dropTensor(std::string name)
{
    return [name](std::vector<TensorSpec>& tensors) {
        std::erase_if(tensors, [&](const TensorSpec& t) { return t.name == name; });
    };
}

std::function<void(std::vector<TensorSpec>&)> editTensor(std::string name,
                                                         std::function<void(TensorSpec&)> edit)
{
    return [name, edit](std::vector<TensorSpec>& tensors) {
        for (TensorSpec& t : tensors)
            if (t.name == name)
                edit(t);
    };
}

struct Case {
    const char* name;
    Damage damage;
    std::vector<std::string> mustMention; // all of these appear in the error message
};

// tinyConfig(): 2 layers, n_embd 64, 4 heads / 2 kv heads (head_dim 16), 4 experts top-2, ffn 64.
const std::vector<Case>& cases()
{
    static const std::vector<Case> all = {
        {"ffn_gate_exps missing (llama.cpp segfaults)",
         {{}, {}, dropTensor("blk.1.ffn_gate_exps.weight")},
         {"missing tensor", "blk.1.ffn_gate_exps.weight"}},
        {"ffn_down_exps missing",
         {{}, {}, dropTensor("blk.0.ffn_down_exps.weight")},
         {"missing", "blk.0.ffn_down_exps.weight"}},
        {"ffn_up_exps missing",
         {{}, {}, dropTensor("blk.1.ffn_up_exps.weight")},
         {"missing", "blk.1.ffn_up_exps.weight"}},
        {"router missing",
         {{}, {}, dropTensor("blk.0.ffn_gate_inp.weight")},
         {"missing", "blk.0.ffn_gate_inp.weight"}},
        {"output_norm missing",
         {{}, {}, dropTensor("output_norm.weight")},
         {"missing", "output_norm.weight"}},
        {"expert_used_count > expert_count (llama.cpp aborts)",
         {{}, {{"llama.expert_used_count", u32(5)}}, {}},
         {"llama.expert_used_count", "5"}},
        {"expert_used_count 0 (llama.cpp aborts)",
         {{}, {{"llama.expert_used_count", u32(0)}}, {}},
         {"llama.expert_used_count", "0"}},
        {"expert_used_count missing", {{"llama.expert_used_count"}, {}, {}}, {"llama.expert_used_count"}},
        {"expert_count 0: dense",
         {{}, {{"llama.expert_count", u32(0)}}, {}},
         {"not an MoE model", "llama.expert_count"}},
        {"expert_count absent: dense", {{"llama.expert_count"}, {}, {}}, {"not an MoE model"}},
        {"expert_count 300 > 256",
         {{}, {{"llama.expert_count", u32(300)}}, {}},
         {"llama.expert_count", "300"}},
        {"attn_k transposed",
         {{},
          {},
          editTensor("blk.0.attn_k.weight",
                     [](TensorSpec& t) {
                         t.ne = {32, 64};
                     })},
         {"blk.0.attn_k.weight", "[32, 64]", "expected [64, 32]"}},
        {"router stored as (E, n)",
         {{},
          {},
          editTensor("blk.1.ffn_gate_inp.weight",
                     [](TensorSpec& t) {
                         t.ne = {4, 64};
                     })},
         {"blk.1.ffn_gate_inp.weight", "shape"}},
        {"experts flattened to 2-D",
         {{},
          {},
          editTensor("blk.0.ffn_up_exps.weight",
                     [](TensorSpec& t) {
                         t.ne = {64, 256};
                     })},
         {"blk.0.ffn_up_exps.weight", "[64, 256]", "expected [64, 64, 4]"}},
        {"extra per-expert tensor (llama.cpp: wrong number of tensors)",
         {{},
          {},
          [](std::vector<TensorSpec>& t) {
              t.push_back({"blk.0.ffn_gate.0.weight",
                           moe::TensorType::F32,
                           {64, 64},
                           std::vector<std::byte>(64 * 64 * 4)});
          }},
         {"unexpected tensor", "blk.0.ffn_gate.0.weight"}},
        {"attention bias (not supported)",
         {{},
          {},
          [](std::vector<TensorSpec>& t) {
              t.push_back({"blk.1.attn_q.bias", moe::TensorType::F32, {64}, std::vector<std::byte>(64 * 4)});
          }},
         {"unexpected tensor", "blk.1.attn_q.bias"}},
        {"block_count u64 (llama.cpp: wrong type)",
         {{}, {{"llama.block_count", GgufValue{GgufScalar{uint64_t{2}}}}}, {}},
         {"llama.block_count", "u64"}},
        {"embedding_length i32",
         {{}, {{"llama.embedding_length", GgufValue{GgufScalar{int32_t{64}}}}}, {}},
         {"llama.embedding_length"}},
        {"rms epsilon f64",
         {{}, {{"llama.attention.layer_norm_rms_epsilon", GgufValue{GgufScalar{1e-5}}}}, {}},
         {"llama.attention.layer_norm_rms_epsilon"}},
        {"embedding_length missing", {{"llama.embedding_length"}, {}, {}}, {"llama.embedding_length"}},
        {"block_count 3 with 2 blocks",
         {{}, {{"llama.block_count", u32(3)}}, {}},
         {"missing tensor", "blk.2."}},
        {"block_count 1 with 2 blocks",
         {{}, {{"llama.block_count", u32(1)}}, {}},
         {"unexpected tensor", "blk.1."}},
        {"head_count_kv does not divide head_count",
         {{}, {{"llama.attention.head_count_kv", u32(3)}}, {}},
         {"llama.attention.head_count_kv", "3"}},
        {"head_count does not divide embedding_length",
         {{}, {{"llama.attention.head_count", u32(5)}}, {}},
         {"llama.attention.head_count", "5"}},
        {"odd head dimension", {{}, {{"llama.attention.head_count", u32(64)}}, {}}, {"head dimension 1"}},
        {"per-layer head_count differs",
         {{}, {{"llama.attention.head_count", u32Array({4, 8})}}, {}},
         {"llama.attention.head_count", "not supported"}},
        {"per-layer array of the wrong length",
         {{}, {{"llama.feed_forward_length", u32Array({64, 64, 64})}}, {}},
         {"llama.feed_forward_length"}},
        {"rope dimension_count != head_dim (llama.cpp: invalid n_rot)",
         {{}, {{"llama.rope.dimension_count", u32(8)}}, {}},
         {"llama.rope.dimension_count", "8", "16"}},
        {"key_length != head_dim",
         {{}, {{"llama.attention.key_length", u32(32)}}, {}},
         {"llama.attention.key_length"}},
        {"longrope rope scaling (not supported; yarn and linear are)",
         {{}, {{"llama.rope.scaling.type", GgufValue{GgufScalar{std::string("longrope")}}}}, {}},
         {"llama.rope.scaling.type", "longrope"}},
        {"vocab_size key disagrees with the tokenizer",
         {{}, {{"llama.vocab_size", u32(7)}}, {}},
         {"llama.vocab_size", "7"}},
        {"token_embd has one row fewer than the vocabulary",
         {{},
          {},
          editTensor("token_embd.weight",
                     [](TensorSpec& t) {
                         t.ne[1] -= 1;
                         t.data.resize(t.data.size() - 64 * 4);
                     })},
         {"token_embd.weight", "n_vocab"}},
        {"output has one row more than the vocabulary",
         {{},
          {},
          editTensor("output.weight",
                     [](TensorSpec& t) {
                         t.ne[1] += 1;
                         t.data.resize(t.data.size() + 64 * 4);
                     })},
         {"output.weight", "shape"}},
        {"architecture gpt2 (not a mixture moe reads)",
         {{}, {{"general.architecture", GgufValue{GgufScalar{std::string("gpt2")}}}}, {}},
         {"general.architecture", "gpt2"}},
        {"architecture qwen2moe with llama's keys: its own are missing",
         {{}, {{"general.architecture", GgufValue{GgufScalar{std::string("qwen2moe")}}}}, {}},
         {"qwen2moe.expert_count"}},
        {"tokenizer tokens missing", {{"tokenizer.ggml.tokens"}, {}, {}}, {"tokenizer.ggml.tokens"}},
    };
    return all;
}

} // namespace

class TestModelCorruption : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void refusedWithItsName_data();
    void refusedWithItsName();
    void acceptedVariants();
    void hugeContextRefusedBySession();
};

void TestModelCorruption::initTestCase()
{
    qInfo("seed %llu", static_cast<unsigned long long>(kSeed));
    // The undamaged copy loads: the rows below each break exactly one thing.
    QVERIFY(moe::Model::fromGguf(moe::GgufFile::parseOwned(damaged({}))));
}

void TestModelCorruption::refusedWithItsName_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < cases().size(); ++i)
        QTest::newRow(cases()[i].name) << int(i);
}

void TestModelCorruption::refusedWithItsName()
{
    QFETCH(int, index);
    const Case& c = cases()[size_t(index)];
    const std::vector<std::byte> bytes = damaged(c.damage);
    try {
        moe::Model::fromGguf(moe::GgufFile::parse(bytes, "damaged.gguf"));
        QFAIL("the damaged model was loaded");
    } catch (const moe::FormatError& e) {
        const std::string message = e.what();
        qInfo("%s", e.what());
        QVERIFY2(message.starts_with("damaged.gguf: "), e.what()); // names the source
        for (const std::string& word : c.mustMention)
            QVERIFY2(message.find(word) != std::string::npos,
                     qPrintable(QString("'%1' not in: %2").arg(QString::fromStdString(word)).arg(e.what())));
    }
}

// Files that look different but are valid: llama.cpp loads them, so must we.
void TestModelCorruption::acceptedVariants()
{
    // Per-layer keys as arrays with the same value for every layer.
    const auto perLayer = moe::Model::fromGguf(
        moe::GgufFile::parseOwned(damaged({{},
                                           {{"llama.attention.head_count", u32Array({4, 4})},
                                            {"llama.feed_forward_length", u32Array({64, 64})}},
                                           {}})));
    QCOMPARE(perLayer->config().nHead, 4);
    // No output.weight: tied to token_embd.
    const auto tied =
        moe::Model::fromGguf(moe::GgufFile::parseOwned(damaged({{}, {}, dropTensor("output.weight")})));
    QVERIFY(tied->config().tiedOutput);
    // Optional keys absent: defaults (rope base 10000, head_count_kv = head_count would not fit the
    // GQA tensors, so only the keys with no effect on shapes are dropped).
    const auto sparse = moe::Model::fromGguf(moe::GgufFile::parseOwned(
        damaged({{"llama.rope.freq_base", "llama.rope.dimension_count", "llama.vocab_size", "general.name"},
                 {},
                 {}})));
    QCOMPARE(sparse->config().ropeFreqBase, 10000.0f);
    // An F16 norm (any float type is decoded) and trailing 1 dims, which llama.cpp ignores.
    const auto f16Norm = moe::Model::fromGguf(
        moe::GgufFile::parseOwned(damaged({{}, {}, editTensor("blk.0.attn_norm.weight", [](TensorSpec& t) {
                                               std::vector<float> values(64);
                                               moe::decodeRow(t.type, t.data.data(), values);
                                               t.type = moe::TensorType::F16;
                                               t.ne = {64, 1};
                                               t.data.clear();
                                               moe::encodeRow(moe::TensorType::F16, values, t.data);
                                           })})));
    QCOMPARE(f16Norm->weights().layers[0].attnNorm.weight[5], 1.0f);
}

// A valid file may declare a context of 2^20 positions: a session of the model's context refuses it
// clearly instead of allocating gigabytes of KV cache (a hostile file must not exhaust memory).
void TestModelCorruption::hugeContextRefusedBySession()
{
    moe::ModelConfig config = moe::test::tinyConfig();
    config.nHeadKv = config.nHead; // kv dim 64: K and V of 2 layers x 2^20 positions are 1 GiB
    config.nCtx = 1 << 20;
    const auto model = moe::Model::fromGguf(moe::GgufFile::parseOwned(
        moe::test::tinyModelBytes(kSeed, moe::TensorType::F32, config), "huge-context.gguf"));
    QCOMPARE(model->config().nCtx, 1 << 20);
    try {
        moe::Session session(model);
        QFAIL("a session of 2^20 positions was created");
    } catch (const std::invalid_argument& e) {
        const std::string message = e.what();
        qInfo("%s", e.what());
        for (const char* word : {"1048576", "llama.context_length", "huge-context.gguf", "1024 MiB"})
            QVERIFY2(message.find(word) != std::string::npos,
                     qPrintable(QString("'%1' not in: %2").arg(word, e.what())));
    }
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             moe::Session(model, {.threads = 1, .contextLength = 1 << 20}));
    // A shorter context of the same model runs.
    moe::Session shorter(model, {.threads = 1, .contextLength = 64});
    QCOMPARE(shorter.contextLength(), 64);
    shorter.step(1);
    QCOMPARE(shorter.position(), 1);
}

QTEST_APPLESS_MAIN(TestModelCorruption)
#include "test_model_corruption.moc"

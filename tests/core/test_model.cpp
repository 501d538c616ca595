// Model loading and writing: GGUF round trips in every type, weights viewed in place, parameter and
// byte counts computed by hand, and the writer's refusals. Damaged files: test_model_corruption.cpp.
#include "moe/error.h"
#include "moe/model.h"
#include "moe/model_writer.h"
#include "tiny_model.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cstring>

using moe::TensorType;

Q_DECLARE_METATYPE(moe::TensorType)

namespace {

constexpr uint64_t kSeed = 7;

// The config whose counts are worked out by hand below.
moe::ModelConfig handConfig()
{
    moe::ModelConfig c;
    c.nVocab = 100;
    c.nEmbd = 64;
    c.nLayer = 2;
    c.nHead = 4;
    c.nHeadKv = 2;
    c.nCtx = 32;
    c.nFf = 32;
    c.nExpert = 4;
    c.nExpertUsed = 2;
    return c;
}

bool sameBytes(const std::vector<std::byte>& a, const std::vector<std::byte>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

class TestModel : public QObject {
    Q_OBJECT
private slots:
    void roundTripIsByteIdentical_data();
    void roundTripIsByteIdentical();
    void readsTheConfigBack();
    void weightsAreViewsIntoTheFile();
    void tiedOutputReusesTheEmbedding();
    void parameterCountsByHand();
    void mixtralParameterCounts();
    void bytesReadPerTokenByHand_data();
    void bytesReadPerTokenByHand();
    void loadsFromAFile();
    void missingFileIsAFormatError();
    void fileLargerThanMemoryIsRefused();
    void loadReportsProgressAndStops();
    void randomWeightsAreDeterministic();
    void writerRefusesInconsistentInput();
};

void TestModel::roundTripIsByteIdentical_data()
{
    QTest::addColumn<TensorType>("type");
    QTest::addColumn<bool>("tied");
    QTest::newRow("F32") << TensorType::F32 << false;
    QTest::newRow("F16") << TensorType::F16 << false;
    QTest::newRow("BF16") << TensorType::BF16 << false;
    QTest::newRow("Q8_0") << TensorType::Q8_0 << false;
    QTest::newRow("F32 tied") << TensorType::F32 << true;
    QTest::newRow("Q8_0 tied") << TensorType::Q8_0 << true;
}

// buildModelGguf -> bytes -> Model -> floatWeights -> buildModelGguf gives the same bytes.
void TestModel::roundTripIsByteIdentical()
{
    QFETCH(TensorType, type);
    QFETCH(bool, tied);
    moe::ModelConfig config = moe::test::tinyConfig();
    config.tiedOutput = tied;
    const std::vector<std::byte> bytes = moe::test::tinyModelBytes(kSeed, type, config);
    const auto model = moe::Model::fromGguf(moe::GgufFile::parse(bytes));
    QCOMPARE(model->mainType(), type);
    QCOMPARE(model->config().tiedOutput, tied);

    moe::WriteOptions options;
    options.matrixType = model->mainType();
    options.name = model->name();
    const std::vector<std::byte> again =
        moe::buildModelGguf(model->config(), model->tokenizer(), moe::floatWeights(*model), options)
            .toBytes();
    QVERIFY2(sameBytes(bytes, again), "re-written model differs from the original bytes");
}

void TestModel::readsTheConfigBack()
{
    const moe::ModelConfig want = moe::test::tinyConfig();
    const auto model = moe::test::tinyModel(kSeed);
    const moe::ModelConfig& got = model->config();
    QCOMPARE(got.nVocab, moe::test::sampleTokenizer().vocabSize());
    QCOMPARE(got.nEmbd, want.nEmbd);
    QCOMPARE(got.nLayer, want.nLayer);
    QCOMPARE(got.nHead, want.nHead);
    QCOMPARE(got.nHeadKv, want.nHeadKv);
    QCOMPARE(got.nCtx, want.nCtx);
    QCOMPARE(got.nFf, want.nFf);
    QCOMPARE(got.nExpert, want.nExpert);
    QCOMPARE(got.nExpertUsed, want.nExpertUsed);
    QCOMPARE(got.rmsEps, want.rmsEps);
    QCOMPARE(got.ropeFreqBase, want.ropeFreqBase);
    QVERIFY(!got.tiedOutput);
    QCOMPARE(model->name(), std::string("tiny-test-7"));
    QVERIFY(model->tokenizer() == moe::test::sampleTokenizer());
    const auto& md = model->file().metadata();
    QCOMPARE(md.getU32("general.file_type"), 0u);
    QVERIFY(!md.contains("general.quantization_version"));
    const auto q8 = moe::test::tinyModel(kSeed, TensorType::Q8_0);
    QCOMPARE(q8->file().metadata().getU32("general.file_type"), 7u);
    QCOMPARE(q8->file().metadata().getU32("general.quantization_version"), 2u);
    QCOMPARE(moe::test::tinyModel(kSeed, TensorType::BF16)->file().metadata().getU32("general.file_type"),
             32u);
}

void TestModel::weightsAreViewsIntoTheFile()
{
    const auto model = moe::test::tinyModel(kSeed, TensorType::Q8_0);
    const moe::GgufFile& file = model->file();
    const moe::ModelConfig& c = model->config();
    const moe::LayerWeights& layer = model->weights().layers[1];
    const moe::GgufTensorInfo* gate = file.findTensor("blk.1.ffn_gate_exps.weight");
    QVERIFY(gate);
    QCOMPARE(static_cast<int>(layer.gate.size()), c.nExpert);
    for (int e = 0; e < c.nExpert; ++e) {
        const moe::WeightMatrix& w = layer.gate[static_cast<size_t>(e)];
        QCOMPARE(w.type, TensorType::Q8_0);
        QCOMPARE(w.rows, c.nFf);
        QCOMPARE(w.cols, c.nEmbd);
        QCOMPARE(w.rowBytes, size_t(c.nEmbd / 32 * 34));
        QCOMPARE(static_cast<const void*>(w.data),
                 static_cast<const void*>(file.tensorData(*gate).data() + size_t(e) * c.nFf * w.rowBytes));
    }
    QCOMPARE(layer.down[3].rows, c.nEmbd);
    QCOMPARE(layer.down[3].cols, c.nFf);
    QCOMPARE(layer.router.type, TensorType::F32); // kept F32, as llama-quantize does
    QCOMPARE(layer.router.rows, c.nExpert);
    QCOMPARE(file.findTensor("blk.1.ffn_norm.weight")->type, TensorType::F32);
    QCOMPARE(static_cast<const void*>(model->weights().tokenEmbd.data),
             static_cast<const void*>(file.tensorData(*file.findTensor("token_embd.weight")).data()));
    QCOMPARE(static_cast<int>(layer.attnNorm.weight.size()), c.nEmbd);
}

void TestModel::tiedOutputReusesTheEmbedding()
{
    moe::ModelConfig config = moe::test::tinyConfig();
    config.tiedOutput = true;
    const auto model = moe::test::tinyModel(kSeed, TensorType::F32, config);
    QVERIFY(model->config().tiedOutput);
    QVERIFY(model->file().findTensor("output.weight") == nullptr);
    QCOMPARE(static_cast<const void*>(model->weights().output.data),
             static_cast<const void*>(model->weights().tokenEmbd.data));
    const auto untied = moe::test::tinyModel(kSeed);
    const int64_t table = int64_t(model->config().nVocab) * model->config().nEmbd;
    QCOMPARE(untied->config().totalParameters() - model->config().totalParameters(), table);
}

void TestModel::parameterCountsByHand()
{
    // head_dim 16; attention q 64*64 + k 64*32 + v 64*32 + o 64*64 = 12288; two norms 128; router
    // 4*64 = 256; one expert 3*64*32 = 6144, four of them 24576 -> 37248 per layer, 74496 for two.
    // Embedding 100*64 = 6400, output norm 64, output 6400.
    const moe::ModelConfig c = handConfig();
    QCOMPARE(c.expertParameters(), int64_t(6144));
    QCOMPARE(c.totalParameters(), int64_t(74496 + 6400 + 64 + 6400));      // 87360
    QCOMPARE(c.activeParametersPerToken(), int64_t(87360 - 2 * 2 * 6144)); // two unchosen experts per layer
    moe::ModelConfig tied = c;
    tied.tiedOutput = true;
    QCOMPARE(tied.totalParameters(), int64_t(87360 - 6400));
    QCOMPARE(tied.activeParametersPerToken(), int64_t(62784 - 6400));
    // A loaded model agrees with the file: every element of every tensor.
    const auto model = moe::test::tinyModel(kSeed);
    int64_t elements = 0;
    for (const moe::GgufTensorInfo& info : model->file().tensors())
        elements += info.elementCount();
    QCOMPARE(model->config().totalParameters(), elements);
}

// Mixtral 8x7B's published "46.7B total, 12.9B active" follow from the same conventions.
void TestModel::mixtralParameterCounts()
{
    moe::ModelConfig c;
    c.nVocab = 32000;
    c.nEmbd = 4096;
    c.nLayer = 32;
    c.nHead = 32;
    c.nHeadKv = 8;
    c.nCtx = 32768;
    c.nFf = 14336;
    c.nExpert = 8;
    c.nExpertUsed = 2;
    c.validate();
    QCOMPARE(c.totalParameters(), int64_t(46702792704));
    QCOMPARE(c.activeParametersPerToken(), int64_t(12879925248));
}

void TestModel::bytesReadPerTokenByHand_data()
{
    QTest::addColumn<TensorType>("type");
    QTest::addColumn<qint64>("fixed"); // everything except the output matrix
    QTest::addColumn<qint64>("perVocabRow");
    // F32: embedding row 256; per layer norms 512, q 16384, k 8192, v 8192, o 16384, router 1024,
    // two experts 2 * 3 * 32 * 64 * 4 = 49152 -> 99840, two layers 199680; output norm 256.
    QTest::newRow("F32") << TensorType::F32 << qint64(256 + 199680 + 256) << qint64(256);
    // Q8_0 (34 bytes per 32 values, norms and router stay F32): embedding row 68; per layer norms 512,
    // q 64*68 = 4352, k 32*68 = 2176, v 2176, o 4352, router 1024, two experts 2 * (2176 * 3) = 13056
    // -> 27648, two layers 55296; output norm 256.
    QTest::newRow("Q8_0") << TensorType::Q8_0 << qint64(68 + 55296 + 256) << qint64(68);
}

void TestModel::bytesReadPerTokenByHand()
{
    QFETCH(TensorType, type);
    QFETCH(qint64, fixed);
    QFETCH(qint64, perVocabRow);
    const auto model = moe::test::tinyModel(kSeed, type, handConfig());
    const qint64 vocab = model->config().nVocab;
    QCOMPARE(qint64(model->bytesReadPerToken()), fixed + vocab * perVocabRow);
    QCOMPARE(model->mainType(), type);
}

void TestModel::loadsFromAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("tiny.gguf").toStdString();
    const moe::ModelConfig config = moe::test::tinyConfig();
    moe::WriteOptions options;
    options.name = "";
    moe::writeModel(path, config, moe::test::sampleTokenizer(), moe::randomWeights(config, kSeed), options);
    const auto model = moe::Model::load(path);
    QCOMPARE(model->name(), std::string("tiny.gguf")); // no general.name: the file name
    QCOMPARE(model->config().nLayer, config.nLayer);
    QCOMPARE(model->file().source(), path);
}

void TestModel::missingFileIsAFormatError()
{
    try {
        moe::Model::load("/nonexistent/dir/model.gguf");
        QFAIL("a missing file was loaded");
    } catch (const moe::FormatError& e) {
        QVERIFY2(std::string(e.what()).find("/nonexistent/dir/model.gguf") != std::string::npos, e.what());
    }
}

// A sparse file one GiB larger than this computer's memory: refused before it is mapped or read,
// with both sizes in the message.
void TestModel::fileLargerThanMemoryIsRefused()
{
    const uint64_t memory = moe::Model::physicalMemory();
    QVERIFY(memory > 0);
    QTemporaryDir dir;
    const std::string path = dir.filePath("huge.gguf").toStdString();
    {
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (!file.resize(qint64(memory + (uint64_t{1} << 30))))
            QSKIP("this file system cannot make a sparse file that large");
    }
    try {
        moe::Model::load(path);
        QFAIL("a file larger than memory was loaded");
    } catch (const moe::FormatError& e) {
        const std::string message = e.what();
        const auto gib = [](uint64_t bytes) {
            return QByteArray::number(double(bytes) / double(1 << 30), 'f', 1).toStdString();
        };
        QVERIFY2(message.find(gib(memory + (uint64_t{1} << 30)) + " GiB") != std::string::npos, e.what());
        QVERIFY2(message.find(gib(memory) + " GiB") != std::string::npos, e.what());
        QVERIFY2(message.find("memory") != std::string::npos, e.what());
    }
}

// The app's progress bar and Cancel: progress rises to 1 through every layer; a cancel flag set
// part way stops the load with LoadCancelled, never a half-loaded model.
void TestModel::loadReportsProgressAndStops()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("tiny.gguf").toStdString();
    QVERIFY(moe::test::writeTinyModelFile(path, /*seed=*/4));
    std::vector<double> seen;
    moe::LoadMonitor monitor;
    monitor.progress = [&](double f) { seen.push_back(f); };
    QVERIFY(moe::Model::load(path, monitor));
    QVERIFY(seen.size() >= size_t(moe::test::tinyConfig().nLayer) + 2);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QVERIFY(seen.front() > 0.0);
    QCOMPARE(seen.back(), 1.0);

    std::atomic<bool> cancel{false};
    monitor.cancel = &cancel;
    seen.clear();
    monitor.progress = [&](double f) {
        seen.push_back(f);
        if (f > 0.5)
            cancel = true; // as Cancel does from the GUI thread
    };
    QVERIFY_THROWS_EXCEPTION(moe::LoadCancelled, moe::Model::load(path, monitor));
    QVERIFY(!seen.empty() && seen.back() < 1.0);
    QVERIFY_THROWS_EXCEPTION(moe::LoadCancelled, moe::Model::load(path, monitor)); // already set
    QCOMPARE(moe::Model::requireFitsInMemory(path), uint64_t(QFileInfo(QString::fromStdString(path)).size()));
}

void TestModel::randomWeightsAreDeterministic()
{
    const moe::ModelConfig config = moe::test::tinyConfig();
    const moe::FloatWeights a = moe::randomWeights(config, 11), b = moe::randomWeights(config, 11);
    const moe::FloatWeights c = moe::randomWeights(config, 12);
    QVERIFY(a.tokenEmbd == b.tokenEmbd && a.layers[1].down == b.layers[1].down && a.output == b.output);
    QVERIFY(a.tokenEmbd != c.tokenEmbd);
    // Fan-in scaling: std 1/sqrt(nEmbd) = 0.125 for the embedding (within sampling error).
    double sum = 0.0, sumSq = 0.0;
    for (float v : a.tokenEmbd) {
        sum += v;
        sumSq += double(v) * v;
    }
    const double n = double(a.tokenEmbd.size()), stddev = std::sqrt(sumSq / n - (sum / n) * (sum / n));
    QVERIFY2(std::abs(stddev - 0.125) < 0.005, qPrintable(QString::number(stddev)));
    QVERIFY(std::abs(sum / n) < 0.005);
    QCOMPARE(a.layers[0].attnNorm, std::vector<float>(size_t(config.nEmbd), 1.0f));
}

void TestModel::writerRefusesInconsistentInput()
{
    const moe::ModelConfig config = moe::test::tinyConfig();
    const moe::Tokenizer& tokenizer = moe::test::sampleTokenizer();
    const moe::FloatWeights weights = moe::randomWeights(config, kSeed);
    const auto refused = [&](const moe::ModelConfig& c, const moe::FloatWeights& w, TensorType type) {
        moe::WriteOptions options;
        options.matrixType = type;
        try {
            moe::buildModelGguf(c, tokenizer, w, options);
        } catch (const std::invalid_argument&) {
            return true;
        }
        return false;
    };
    QVERIFY(!refused(config, weights, TensorType::Q8_0));
    moe::ModelConfig wrongVocab = config;
    wrongVocab.nVocab += 1;
    QVERIFY(refused(wrongVocab, weights, TensorType::F32));
    moe::FloatWeights shortUp = weights;
    shortUp.layers[1].up.pop_back();
    QVERIFY(refused(config, shortUp, TensorType::F32));
    moe::ModelConfig odd = config;
    odd.nFf = 48; // rows of down_exps are 48 values: not a whole number of Q8_0 blocks
    QVERIFY(!refused(odd, moe::randomWeights(odd, kSeed), TensorType::F16));
    QVERIFY(refused(odd, moe::randomWeights(odd, kSeed), TensorType::Q8_0));
    moe::ModelConfig badK = config;
    badK.nExpertUsed = 5;
    QVERIFY(refused(badK, weights, TensorType::F32));
    moe::ModelConfig tied = config;
    tied.tiedOutput = true; // but weights.output is given
    QVERIFY(refused(tied, weights, TensorType::F32));
}

QTEST_APPLESS_MAIN(TestModel)
#include "test_model.moc"

// Loading models for the app: a good tiny file loads; truncated, garbage, missing and directory
// paths fail with a message naming the file; ModelHolder keeps the model it had; the embedded
// loader reports a missing resource clearly and parses bytes the same way a file load does.
#include "run/model_source.h"
#include "tiny_model.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <random>

namespace {

constexpr uint64_t kModelSeed = 11;

QString writeFile(const QTemporaryDir& dir, const QString& name, const char* data, qint64 size)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data, size) != size)
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString writeBytes(const QTemporaryDir& dir, const QString& name, const std::vector<std::byte>& bytes,
                   size_t size)
{
    return writeFile(dir, name, reinterpret_cast<const char*>(bytes.data()), qint64(size));
}

} // namespace

class TestModelLoading : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void tinyModelFileLoads();
    void brokenFilesNameTheFile_data();
    void brokenFilesNameTheFile();
    void holderKeepsThePreviousModel();
    void embeddedModelMissingFailsClearly();
    void embeddedLoaderParsesBytes();
    void backgroundLoadReportsProgress();
    void tooBigIsRefusedBeforeLoading();
    void fileLargerThanMemoryIsRefused();
    void cancelKeepsThePreviousModel();
    void backgroundFailureKeepsThePreviousModel_data();
    void backgroundFailureKeepsThePreviousModel();

private:
    QTemporaryDir m_dir;
    std::vector<std::byte> m_bytes;
};

void TestModelLoading::initTestCase()
{
    qInfo("tiny model seed %llu", static_cast<unsigned long long>(kModelSeed));
    QVERIFY(m_dir.isValid());
    m_bytes = moe::test::tinyModelBytes(kModelSeed);
}

void TestModelLoading::tinyModelFileLoads()
{
    const QString path = writeBytes(m_dir, QStringLiteral("tiny.gguf"), m_bytes, m_bytes.size());
    const LoadedModel loaded = loadModelFile(path);
    QVERIFY(loaded.model);
    QVERIFY(!loaded.name.isEmpty());
    QCOMPARE(loaded.source, QFileInfo(path).absoluteFilePath());
    const moe::ModelConfig want = moe::test::tinyConfig();
    QCOMPARE(loaded.model->config().nLayer, want.nLayer);
    QCOMPARE(loaded.model->config().nExpert, want.nExpert);
    QCOMPARE(loaded.model->config().nExpertUsed, want.nExpertUsed);
}

void TestModelLoading::brokenFilesNameTheFile_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<int>("kind"); // 0 truncated, 1 garbage, 2 missing, 3 directory, 4 empty
    QTest::addColumn<QString>("reason");
    QTest::newRow("truncated") << "cut-short.gguf" << 0 << "";
    QTest::newRow("garbage") << "noise.gguf" << 1 << "";
    QTest::newRow("missing") << "nowhere.gguf" << 2 << "does not exist";
    QTest::newRow("a directory") << "folder.gguf" << 3 << "not a file";
    QTest::newRow("empty") << "empty.gguf" << 4 << "";
}

void TestModelLoading::brokenFilesNameTheFile()
{
    QFETCH(QString, fileName);
    QFETCH(int, kind);
    QFETCH(QString, reason);
    QString path = m_dir.filePath(fileName);
    if (kind == 0) {
        writeBytes(m_dir, fileName, m_bytes, m_bytes.size() - 9);
    } else if (kind == 1) {
        std::mt19937 rng(5);
        std::vector<std::byte> noise(4096);
        for (auto& b : noise)
            b = std::byte(rng() & 0xff);
        writeBytes(m_dir, fileName, noise, noise.size());
    } else if (kind == 3) {
        QVERIFY(QDir(m_dir.path()).mkdir(fileName));
    } else if (kind == 4) {
        writeFile(m_dir, fileName, "", 0);
    }
    try {
        loadModelFile(path);
        QFAIL("a broken model was accepted");
    } catch (const ModelLoadError& e) {
        const QString message = e.message();
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains(fileName), qPrintable(message));
        QVERIFY2(message.contains(reason), qPrintable(message));
        QVERIFY2(message.count(path) <= 1, "the path should not be repeated");
    }
}

void TestModelLoading::holderKeepsThePreviousModel()
{
    const QString good = writeBytes(m_dir, QStringLiteral("good.gguf"), m_bytes, m_bytes.size());
    const QString bad = writeBytes(m_dir, QStringLiteral("bad.gguf"), m_bytes, 100);
    ModelHolder holder;
    QSignalSpy changed(&holder, &ModelHolder::modelChanged);
    QSignalSpy failed(&holder, &ModelHolder::loadFailed);
    QVERIFY(holder.current().isNull());

    QVERIFY(holder.open(good));
    QCOMPARE(changed.count(), 1);
    QVERIFY(holder.lastError().isEmpty());
    const moe::Model* before = holder.current().model.get();
    QVERIFY(before);

    QVERIFY(!holder.open(bad));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(failed.count(), 1);
    QVERIFY2(holder.lastError().contains(QStringLiteral("bad.gguf")), qPrintable(holder.lastError()));
    QCOMPARE(failed.first().at(0).toString(), holder.lastError());
    QCOMPARE(holder.current().model.get(), before);
    QCOMPARE(holder.current().source, QFileInfo(good).absoluteFilePath());

    QVERIFY(!holder.open(m_dir.filePath(QStringLiteral("absent.gguf"))));
    QCOMPARE(holder.current().model.get(), before);
    QVERIFY(!holder.openEmbedded(QStringLiteral(":/models/not-there.gguf")));
    QCOMPARE(holder.current().model.get(), before);
    QCOMPARE(failed.count(), 3);

    QVERIFY(holder.open(good)); // a success clears the error
    QVERIFY(holder.lastError().isEmpty());
    QCOMPARE(changed.count(), 2);
}

void TestModelLoading::embeddedModelMissingFailsClearly()
{
    // The embedded model is linked into the executable only, so tests see it missing.
    const QString resource = QStringLiteral(":/models/tiny-experts.gguf");
    QVERIFY(!QFile::exists(resource));
    try {
        loadEmbeddedModel();
        QFAIL("a missing embedded model was accepted");
    } catch (const ModelLoadError& e) {
        QVERIFY2(e.message().contains(resource), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QStringLiteral("missing")), qPrintable(e.message()));
    }
}

void TestModelLoading::embeddedLoaderParsesBytes()
{
    // loadEmbeddedModel reads whatever QFile opens; a plain file exercises the same byte path.
    const QString good = writeBytes(m_dir, QStringLiteral("embedded.gguf"), m_bytes, m_bytes.size());
    const LoadedModel loaded = loadEmbeddedModel(good);
    QVERIFY(loaded.model);
    QCOMPARE(loaded.source, good);
    QCOMPARE(loaded.model->config().nLayer, moe::test::tinyConfig().nLayer);

    const QString bad = writeBytes(m_dir, QStringLiteral("embedded-cut.gguf"), m_bytes, m_bytes.size() / 2);
    try {
        loadEmbeddedModel(bad);
        QFAIL("a damaged embedded model was accepted");
    } catch (const ModelLoadError& e) {
        QVERIFY2(e.message().contains(QStringLiteral("damaged")), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QStringLiteral("embedded-cut.gguf")), qPrintable(e.message()));
    }
}

namespace {

// A holder that already shows the tiny model, as the app does before the learner opens a file.
const moe::Model* openGood(ModelHolder& holder, const QString& path)
{
    if (!holder.open(path))
        qFatal("the tiny model did not load: %s", qPrintable(holder.lastError()));
    return holder.current().model.get();
}

QString gib(uint64_t bytes)
{
    return QString::number(double(bytes) / double(uint64_t{1} << 30), 'f', 1) + QStringLiteral(" GiB");
}

} // namespace

void TestModelLoading::backgroundLoadReportsProgress()
{
    const QString good = writeBytes(m_dir, QStringLiteral("background.gguf"), m_bytes, m_bytes.size());
    ModelHolder holder;
    QSignalSpy started(&holder, &ModelHolder::loadStarted);
    QSignalSpy progress(&holder, &ModelHolder::loadProgress);
    QSignalSpy changed(&holder, &ModelHolder::modelChanged);
    QSignalSpy finished(&holder, &ModelHolder::loadFinished);
    QVERIFY(holder.openInBackground(good));
    QVERIFY(holder.isLoading());
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.first().at(0).toString(), QStringLiteral("background.gguf"));
    QVERIFY(holder.current().isNull()); // nothing changes until the load is complete
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(!holder.isLoading());
    QCOMPARE(changed.count(), 1);
    QVERIFY(holder.current().model);
    QCOMPARE(holder.current().source, QFileInfo(good).absoluteFilePath());
    // Progress arrives in order, before the model, and reaches the end.
    QVERIFY(progress.count() >= moe::test::tinyConfig().nLayer);
    double last = 0;
    for (const QList<QVariant>& p : progress) {
        QVERIFY(p.at(0).toDouble() >= last);
        last = p.at(0).toDouble();
    }
    QCOMPARE(last, 1.0);
}

// Refused at once, before any thread starts: the message names the file and both sizes.
void TestModelLoading::tooBigIsRefusedBeforeLoading()
{
    const QString good = writeBytes(m_dir, QStringLiteral("first.gguf"), m_bytes, m_bytes.size());
    const QString other = writeBytes(m_dir, QStringLiteral("second.gguf"), m_bytes, m_bytes.size());
    ModelHolder holder;
    const moe::Model* before = openGood(holder, good);
    QSignalSpy started(&holder, &ModelHolder::loadStarted);
    QSignalSpy failed(&holder, &ModelHolder::loadFailed);
    const uint64_t memory = uint64_t(m_bytes.size()) / 2; // as if the computer had half the file's size
    QVERIFY(!holder.openInBackground(other, memory));
    QVERIFY(!holder.isLoading());
    QCOMPARE(started.count(), 0);
    QCOMPARE(failed.count(), 1);
    const QString message = holder.lastError();
    QVERIFY2(message.contains(QStringLiteral("second.gguf")), qPrintable(message));
    QVERIFY2(message.contains(gib(m_bytes.size())), qPrintable(message));
    QVERIFY2(message.contains(gib(memory)), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("memory")), qPrintable(message));
    QCOMPARE(holder.current().model.get(), before);
}

// The real check, against this computer's memory: a sparse file 1 GiB larger than it.
void TestModelLoading::fileLargerThanMemoryIsRefused()
{
    const uint64_t memory = moe::Model::physicalMemory();
    QVERIFY(memory > 0);
    const QString good = writeBytes(m_dir, QStringLiteral("kept.gguf"), m_bytes, m_bytes.size());
    const QString huge = m_dir.filePath(QStringLiteral("huge.gguf"));
    const uint64_t size = memory + (uint64_t{1} << 30);
    {
        QFile file(huge);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (!file.resize(qint64(size)))
            QSKIP("this file system cannot make a sparse file that large");
    }
    ModelHolder holder;
    const moe::Model* before = openGood(holder, good);
    QSignalSpy started(&holder, &ModelHolder::loadStarted);
    QVERIFY(!holder.openInBackground(huge));
    QCOMPARE(started.count(), 0);
    const QString message = holder.lastError();
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.contains(gib(size)) && message.contains(gib(memory)), qPrintable(message));
    QCOMPARE(holder.current().model.get(), before);
    // The synchronous path refuses it too (the core's own check), and keeps the model as well.
    QVERIFY(!holder.open(huge));
    QVERIFY2(holder.lastError().contains(gib(size)), qPrintable(holder.lastError()));
    QCOMPARE(holder.current().model.get(), before);
    QFile::remove(huge);
}

void TestModelLoading::cancelKeepsThePreviousModel()
{
    const QString good = writeBytes(m_dir, QStringLiteral("current.gguf"), m_bytes, m_bytes.size());
    const QString next = writeBytes(m_dir, QStringLiteral("next.gguf"), m_bytes, m_bytes.size());
    ModelHolder holder;
    const moe::Model* before = openGood(holder, good);
    QSignalSpy changed(&holder, &ModelHolder::modelChanged);
    QSignalSpy cancelled(&holder, &ModelHolder::loadCancelled);
    QSignalSpy finished(&holder, &ModelHolder::loadFinished);
    QSignalSpy progress(&holder, &ModelHolder::loadProgress);
    QVERIFY(holder.openInBackground(next));
    holder.cancelLoad();
    QVERIFY(!holder.isLoading());
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(finished.count(), 1);
    // Whatever the thread did meanwhile is thrown away: let it end, then look again.
    QTest::qWait(200);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(progress.count(), 0);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(holder.current().model.get(), before);
    QCOMPARE(holder.current().source, QFileInfo(good).absoluteFilePath());

    // Opening another file cancels the running load; the last one asked for wins.
    QVERIFY(holder.openInBackground(next));
    QVERIFY(holder.openInBackground(good));
    QCOMPARE(cancelled.count(), 2);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(holder.current().source, QFileInfo(good).absoluteFilePath());
    QVERIFY(holder.current().model.get() != before);

    // A model opened at once (Playground's "Explore this model") wins over a load still running.
    QVERIFY(holder.openInBackground(good));
    QVERIFY(holder.open(next));
    QCOMPARE(cancelled.count(), 3);
    QTest::qWait(200);
    QCOMPARE(holder.current().source, QFileInfo(next).absoluteFilePath());
}

void TestModelLoading::backgroundFailureKeepsThePreviousModel_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<int>("kind"); // 0 truncated, 1 a hostile header (tensor count 2^40), 2 missing
    QTest::newRow("truncated") << "cut.gguf" << 0;
    QTest::newRow("hostile header") << "hostile.gguf" << 1;
    QTest::newRow("missing") << "gone.gguf" << 2;
}

void TestModelLoading::backgroundFailureKeepsThePreviousModel()
{
    QFETCH(QString, fileName);
    QFETCH(int, kind);
    const QString good = writeBytes(m_dir, QStringLiteral("stays.gguf"), m_bytes, m_bytes.size());
    QString path = m_dir.filePath(fileName);
    if (kind == 0) {
        writeBytes(m_dir, fileName, m_bytes, m_bytes.size() * 2 / 3);
    } else if (kind == 1) {
        std::vector<std::byte> bytes = m_bytes;
        const uint64_t count = uint64_t{1} << 40; // GGUF v3: magic, version, then the tensor count
        std::memcpy(bytes.data() + 8, &count, sizeof count);
        writeBytes(m_dir, fileName, bytes, bytes.size());
    }
    ModelHolder holder;
    const moe::Model* before = openGood(holder, good);
    QSignalSpy failed(&holder, &ModelHolder::loadFailed);
    QSignalSpy finished(&holder, &ModelHolder::loadFinished);
    const bool started = holder.openInBackground(path);
    QCOMPARE(started, kind != 2); // a missing file is refused at once
    QTRY_COMPARE(failed.count(), 1);
    if (started)
        QTRY_COMPARE(finished.count(), 1);
    const QString message = holder.lastError();
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.contains(fileName), qPrintable(message));
    QVERIFY2(message.startsWith(QStringLiteral("Could not load the model")), qPrintable(message));
    QCOMPARE(holder.current().model.get(), before);
}

QTEST_MAIN(TestModelLoading)
#include "tst_model_loading.moc"

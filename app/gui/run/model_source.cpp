// Model loading for the app: files through the core's memory-mapped loader, the embedded model
// from Qt's resource system, both with errors rewritten for people rather than logs.
#include "run/model_source.h"

#include "moe/error.h"
#include "moe/gguf.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QThread>

#include <cstddef>
#include <exception>
#include <vector>

namespace {

QString trModelSource(const char* text)
{
    return QCoreApplication::translate("ModelSource", text);
}

// The core's message starts with the path it was given; the dialog already names the file.
QString reasonWithoutSource(const std::exception& e, const std::string& source)
{
    std::string_view reason = e.what();
    const std::string prefix = source + ": ";
    if (reason.substr(0, prefix.size()) == prefix)
        reason.remove_prefix(prefix.size());
    return QString::fromStdString(std::string(reason));
}

LoadedModel describe(std::shared_ptr<const moe::Model> model, const QString& source)
{
    LoadedModel loaded;
    loaded.name = QString::fromStdString(model->name());
    loaded.model = std::move(model);
    loaded.source = source;
    return loaded;
}

} // namespace

ModelLoadError::ModelLoadError(const QString& message) : std::runtime_error(message.toStdString()) {}

namespace {

QString fileNameOf(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    return name.isEmpty() ? path : name;
}

QString gibibytes(uint64_t bytes)
{
    return trModelSource(QT_TRANSLATE_NOOP("ModelSource", "%1 GiB"))
        .arg(static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace

void checkModelFileFits(const QString& path, uint64_t memory)
{
    const QFileInfo info(path);
    const QString fileName = fileNameOf(path);
    if (!info.exists())
        throw ModelLoadError(
            trModelSource(QT_TRANSLATE_NOOP("ModelSource",
                                            "Could not load the model “%1”: the file does not exist (%2)."))
                .arg(fileName, QDir::toNativeSeparators(info.absoluteFilePath())));
    if (!info.isFile())
        throw ModelLoadError(
            trModelSource(
                QT_TRANSLATE_NOOP("ModelSource", "Could not load the model “%1”: it is not a file."))
                .arg(fileName));
    // The core makes the same check in Model::load; made here first, it words it for people.
    const uint64_t size = static_cast<uint64_t>(info.size());
    if (memory > 0 && size > memory)
        throw ModelLoadError(
            trModelSource(
                QT_TRANSLATE_NOOP("ModelSource",
                                  "The model “%1” is %2, larger than this computer's memory (%3): it "
                                  "cannot run here. A smaller quantisation of the model (for example "
                                  "Q4_K_M) may fit."))
                .arg(fileName, gibibytes(size), gibibytes(memory)));
}

LoadedModel loadModelFile(const QString& path, const moe::LoadMonitor& monitor)
{
    checkModelFileFits(path, 0); // existence only: Model::load checks the size against memory
    const QFileInfo info(path);
    const QString fileName = fileNameOf(path);
    const std::string nativePath = QFile::encodeName(path).toStdString();
    try {
        return describe(moe::Model::load(nativePath, monitor), info.absoluteFilePath());
    } catch (const moe::LoadCancelled&) {
        throw;
    } catch (const std::exception& e) {
        throw ModelLoadError(
            trModelSource(QT_TRANSLATE_NOOP("ModelSource", "Could not load the model “%1”: %2"))
                .arg(fileName, reasonWithoutSource(e, nativePath)));
    }
}

LoadedModel loadEmbeddedModel(const QString& resourcePath)
{
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly))
        throw ModelLoadError(
            trModelSource(QT_TRANSLATE_NOOP("ModelSource",
                                            "The built-in model (%1) is missing from this build: %2. Open a "
                                            "model file instead."))
                .arg(resourcePath, file.errorString()));
    std::vector<std::byte> bytes(static_cast<size_t>(file.size()));
    if (file.read(reinterpret_cast<char*>(bytes.data()), file.size()) != file.size())
        throw ModelLoadError(
            trModelSource(QT_TRANSLATE_NOOP("ModelSource", "Could not read the built-in model (%1): %2"))
                .arg(resourcePath, file.errorString()));
    const std::string source = resourcePath.toStdString();
    try {
        return describe(moe::Model::fromGguf(moe::GgufFile::parseOwned(std::move(bytes), source)),
                        resourcePath);
    } catch (const std::exception& e) {
        throw ModelLoadError(
            trModelSource(QT_TRANSLATE_NOOP("ModelSource", "The built-in model (%1) is damaged: %2"))
                .arg(resourcePath, reasonWithoutSource(e, source)));
    }
}

// One background load: the thread, its cancel flag and what it produced. Shared with the thread,
// so a cancelled job may finish after the holder has moved on (or is gone).
struct ModelHolder::Job {
    QString path;
    std::atomic<bool> cancel{false};
    QThread* thread = nullptr;
    // Written by the thread before it finishes; read on the GUI thread after `finished`.
    LoadedModel result;
    QString error;
    bool cancelled = false;
};

ModelHolder::ModelHolder(QObject* parent) : QObject(parent) {}

ModelHolder::~ModelHolder()
{
    // A load must not outlive its holder: stop the running one and wait for every thread, the
    // cancelled ones too (each stops at its next step).
    if (m_job)
        m_job->cancel = true;
    for (const QPointer<QThread>& thread : std::as_const(m_threads))
        if (thread)
            thread->wait();
}

template <typename Load> bool ModelHolder::tryLoad(const QString& what, Load load)
{
    cancelLoad(); // the model asked for last wins, not a background load that ends later
    try {
        LoadedModel loaded = load();
        m_lastError.clear();
        setModel(loaded);
        return true;
    } catch (const ModelLoadError& e) {
        m_lastError = e.message();
    } catch (const std::exception& e) { // e.g. std::bad_alloc for a huge file
        m_lastError = trModelSource(QT_TRANSLATE_NOOP("ModelSource", "Could not load the model “%1”: %2"))
                          .arg(what, QString::fromStdString(e.what()));
    }
    emit loadFailed(m_lastError);
    return false;
}

void ModelHolder::fail(const QString& message)
{
    m_lastError = message;
    emit loadFailed(m_lastError);
}

bool ModelHolder::openInBackground(const QString& path, uint64_t memory)
{
    cancelLoad();
    try {
        checkModelFileFits(path, memory); // refused before anything is mapped
    } catch (const ModelLoadError& e) {
        fail(e.message());
        return false;
    }
    auto job = std::make_shared<Job>();
    job->path = path;
    moe::LoadMonitor monitor;
    monitor.cancel = &job->cancel;
    // Called on the loading thread (the holder waits for it before it is destroyed): the value
    // crosses to the GUI thread in a queued call, dropped if the job is no longer the holder's.
    monitor.progress = [this, raw = job.get()](double fraction) {
        QMetaObject::invokeMethod(
            this,
            [this, raw, fraction] {
                if (m_job.get() == raw)
                    emit loadProgress(fraction);
            },
            Qt::QueuedConnection);
    };
    job->thread = QThread::create([job, monitor] {
        try {
            job->result = loadModelFile(job->path, monitor);
        } catch (const moe::LoadCancelled&) {
            job->cancelled = true;
        } catch (const ModelLoadError& e) {
            job->error = e.message();
        } catch (const std::exception& e) {
            job->error = trModelSource(QT_TRANSLATE_NOOP("ModelSource", "Could not load the model “%1”: %2"))
                             .arg(fileNameOf(job->path), QString::fromStdString(e.what()));
        }
    });
    connect(job->thread, &QThread::finished, this, [this, job] { jobDone(job); });
    connect(job->thread, &QThread::finished, job->thread, &QObject::deleteLater);
    m_threads.removeAll(nullptr);
    m_threads << job->thread;
    m_job = job;
    emit loadStarted(fileNameOf(path));
    job->thread->start();
    return true;
}

void ModelHolder::cancelLoad()
{
    if (!m_job)
        return;
    // The thread stops at its next step; its result is thrown away. Tell the views now.
    const std::shared_ptr<Job> job = std::move(m_job);
    job->cancel = true;
    emit loadCancelled();
    emit loadFinished();
}

void ModelHolder::jobDone(const std::shared_ptr<Job>& job)
{
    if (m_job != job)
        return; // cancelled earlier: already reported
    m_job.reset();
    if (job->cancelled) {
        emit loadCancelled();
    } else if (!job->error.isEmpty()) {
        fail(job->error);
    } else {
        m_lastError.clear();
        setModel(job->result);
    }
    job->result = {};
    emit loadFinished();
}

bool ModelHolder::open(const QString& path)
{
    return tryLoad(QFileInfo(path).fileName(), [&] { return loadModelFile(path); });
}

bool ModelHolder::openEmbedded(const QString& resourcePath)
{
    return tryLoad(resourcePath, [&] { return loadEmbeddedModel(resourcePath); });
}

void ModelHolder::setModel(const LoadedModel& model)
{
    m_current = model;
    emit modelChanged();
}

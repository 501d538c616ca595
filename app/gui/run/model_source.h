// Where the app's model comes from: a GGUF file the learner opens, or the default model compiled
// into the executable. Loading failures become ModelLoadError with a message fit for a dialog.
// Big files load on a thread of their own (ModelHolder::openInBackground) with progress and Cancel;
// the model in use stays current until the new one has loaded completely.
#pragma once

#include "moe/model.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>
#include <stdexcept>

// A model that could not be loaded; what() names the file and the core's reason.
class ModelLoadError : public std::runtime_error {
public:
    explicit ModelLoadError(const QString& message);
    QString message() const { return QString::fromUtf8(what()); }
};

struct LoadedModel {
    std::shared_ptr<const moe::Model> model;
    QString name;   // general.name, or the file name
    QString source; // the file path, or the resource path of the embedded model
    bool isNull() const { return !model; }
};

// Memory-maps and validates a GGUF model. Throws ModelLoadError, or moe::LoadCancelled once
// monitor.cancel is set.
LoadedModel loadModelFile(const QString& path, const moe::LoadMonitor& monitor = {});
// The checks made before any loading starts: the file exists, is a file, and fits in `memory`
// bytes (the message names both sizes). Throws ModelLoadError.
void checkModelFileFits(const QString& path, uint64_t memory = moe::Model::physicalMemory());
// The default model, compiled into the executable (not into tiny_experts_app, so tests pass a
// resource of their own or see it missing). Throws ModelLoadError.
LoadedModel loadEmbeddedModel(const QString& resourcePath = QStringLiteral(":/models/tiny-experts.gguf"));

// The app's current model. A failed load keeps the model in use.
class ModelHolder : public QObject {
    Q_OBJECT
public:
    explicit ModelHolder(QObject* parent = nullptr);

    ~ModelHolder() override;

    // Loads a file; on success makes it current (modelChanged), on failure sets lastError() and
    // emits loadFailed. Returns whether it loaded. Cancels a background load.
    bool open(const QString& path);
    // The same off the GUI thread: loadStarted, loadProgress, then modelChanged or loadFailed or
    // loadCancelled, and loadFinished last. A file that cannot fit in `memory` is refused before
    // any loading starts (loadFailed, no loadStarted). Opening another file cancels a running load.
    // Returns false when refused at once.
    bool openInBackground(const QString& path, uint64_t memory = moe::Model::physicalMemory());
    void cancelLoad();
    bool isLoading() const { return m_job != nullptr; }
    bool openEmbedded(const QString& resourcePath = QStringLiteral(":/models/tiny-experts.gguf"));
    void setModel(const LoadedModel& model);
    const LoadedModel& current() const { return m_current; }
    QString lastError() const { return m_lastError; }

signals:
    void modelChanged();
    void loadFailed(const QString& message);
    void loadStarted(const QString& fileName);
    void loadProgress(double fraction); // 0..1
    void loadCancelled();
    void loadFinished(); // after modelChanged, loadFailed or loadCancelled of a background load

private:
    struct Job;
    template <typename Load> bool tryLoad(const QString& what, Load load);
    void fail(const QString& message);
    void jobDone(const std::shared_ptr<Job>& job);

    LoadedModel m_current;
    QString m_lastError;
    std::shared_ptr<Job> m_job;         // the background load in progress, or null
    QList<QPointer<QThread>> m_threads; // every load thread not yet finished, cancelled ones too
};

// Where the app's model comes from: a GGUF file the learner opens, or the default model compiled
// into the executable. Loading failures become ModelLoadError with a message fit for a dialog.
#pragma once

#include "moe/model.h"

#include <QObject>
#include <QString>

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

// Memory-maps and validates a GGUF model. Throws ModelLoadError.
LoadedModel loadModelFile(const QString& path);
// The default model, compiled into the executable (not into tiny_experts_app, so tests pass a
// resource of their own or see it missing). Throws ModelLoadError.
LoadedModel loadEmbeddedModel(const QString& resourcePath = QStringLiteral(":/models/tiny-experts.gguf"));

// The app's current model. A failed load keeps the model in use.
class ModelHolder : public QObject {
    Q_OBJECT
public:
    explicit ModelHolder(QObject* parent = nullptr);

    // Loads a file; on success makes it current (modelChanged), on failure sets lastError() and
    // emits loadFailed. Returns whether it loaded.
    bool open(const QString& path);
    bool openEmbedded(const QString& resourcePath = QStringLiteral(":/models/tiny-experts.gguf"));
    void setModel(const LoadedModel& model);
    const LoadedModel& current() const { return m_current; }
    QString lastError() const { return m_lastError; }

signals:
    void modelChanged();
    void loadFailed(const QString& message);

private:
    template <typename Load> bool tryLoad(const QString& what, Load load);

    LoadedModel m_current;
    QString m_lastError;
};

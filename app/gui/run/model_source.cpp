// Model loading for the app: files through the core's memory-mapped loader, the embedded model
// from Qt's resource system, both with errors rewritten for people rather than logs.
#include "run/model_source.h"

#include "moe/error.h"
#include "moe/gguf.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstddef>
#include <exception>
#include <vector>

namespace {

QString translate(const char* text)
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

LoadedModel loadModelFile(const QString& path)
{
    const QFileInfo info(path);
    const QString fileName = info.fileName().isEmpty() ? path : info.fileName();
    if (!info.exists())
        throw ModelLoadError(translate("Could not load the model “%1”: the file does not exist (%2).")
                                 .arg(fileName, QDir::toNativeSeparators(info.absoluteFilePath())));
    if (!info.isFile())
        throw ModelLoadError(translate("Could not load the model “%1”: it is not a file.").arg(fileName));
    const std::string nativePath = QFile::encodeName(path).toStdString();
    try {
        return describe(moe::Model::load(nativePath), info.absoluteFilePath());
    } catch (const std::exception& e) {
        throw ModelLoadError(
            translate("Could not load the model “%1”: %2").arg(fileName, reasonWithoutSource(e, nativePath)));
    }
}

LoadedModel loadEmbeddedModel(const QString& resourcePath)
{
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly))
        throw ModelLoadError(translate("The built-in model (%1) is missing from this build: %2. Open a "
                                       "model file instead.")
                                 .arg(resourcePath, file.errorString()));
    std::vector<std::byte> bytes(static_cast<size_t>(file.size()));
    if (file.read(reinterpret_cast<char*>(bytes.data()), file.size()) != file.size())
        throw ModelLoadError(
            translate("Could not read the built-in model (%1): %2").arg(resourcePath, file.errorString()));
    const std::string source = resourcePath.toStdString();
    try {
        return describe(moe::Model::fromGguf(moe::GgufFile::parseOwned(std::move(bytes), source)),
                        resourcePath);
    } catch (const std::exception& e) {
        throw ModelLoadError(translate("The built-in model (%1) is damaged: %2")
                                 .arg(resourcePath, reasonWithoutSource(e, source)));
    }
}

ModelHolder::ModelHolder(QObject* parent) : QObject(parent) {}

template <typename Load> bool ModelHolder::tryLoad(const QString& what, Load load)
{
    try {
        LoadedModel loaded = load();
        m_lastError.clear();
        setModel(loaded);
        return true;
    } catch (const ModelLoadError& e) {
        m_lastError = e.message();
    } catch (const std::exception& e) { // e.g. std::bad_alloc for a huge file
        m_lastError =
            translate("Could not load the model “%1”: %2").arg(what, QString::fromStdString(e.what()));
    }
    emit loadFailed(m_lastError);
    return false;
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

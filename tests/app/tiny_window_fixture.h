// For tests that drive the whole main window: a tiny seeded model written to a temporary file, and
// the options that open the window on it. Settings go to Qt's test locations.
#pragma once

#include "shell/app_options.h"
#include "tiny_model.h"

#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdint>

class TinyWindowFixture {
public:
    // From initTestCase; false when the model file cannot be written.
    bool init(uint64_t modelSeed)
    {
        QStandardPaths::setTestModeEnabled(true);
        m_modelPath = m_dir.filePath(QStringLiteral("tiny.gguf"));
        return m_dir.isValid() && moe::test::writeTinyModelFile(m_modelPath.toStdString(), modelSeed);
    }

    // The window in `mode`, on the tiny model; `language` empty: the saved or system language.
    AppOptions options(const QString& mode = QStringLiteral("explore"),
                       const QString& language = QString()) const
    {
        AppOptions o;
        o.modelPath = m_modelPath;
        o.mode = mode;
        o.language = language;
        return o;
    }
    // A path for another file beside the model.
    QString filePath(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    QString m_modelPath;
};

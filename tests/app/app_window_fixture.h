// The whole app on a tiny seeded model, for the tests that drive MainWindow: the model written to a
// temporary GGUF file, and the options that open the window on it in Explore mode.
#pragma once

#include "shell/app_options.h"
#include "tiny_model.h"

#include <QString>
#include <QTemporaryDir>

#include <cstdint>

namespace moe::test {

class AppWindowFixture {
public:
    // Writes the model file; false when it cannot be written (fail the test's initTestCase on it).
    bool writeModel(uint64_t seed)
    {
        if (!m_dir.isValid())
            return false;
        m_modelPath = m_dir.filePath(QStringLiteral("tiny.gguf"));
        return writeTinyModelFile(m_modelPath.toStdString(), seed);
    }
    // --model pointing at the file, --mode explore.
    AppOptions options() const
    {
        AppOptions o;
        o.modelPath = m_modelPath;
        o.mode = QStringLiteral("explore");
        return o;
    }
    // A path for another file beside the model.
    QString filePath(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    QString m_modelPath;
};

} // namespace moe::test

// Trace export through the core's writers, so the CLI's --trace and the app write the same files.
#include "run/trace_export.h"

#include "run/trace_model.h"

#include "moe/trace_writer.h"

#include <QFileInfo>
#include <QSaveFile>

#include <sstream>
#include <stdexcept>
#include <string>

void exportTrace(const TraceModel& trace, const QString& path)
{
    // Not moe::writeTraceFile: that one wants the exact lower-case extension and writes in place;
    // QSaveFile never leaves a half-written file behind and keeps the old one on failure.
    const QString suffix = QFileInfo(path).suffix().toLower();
    const std::string where = "cannot save the trace as '" + path.toStdString() + "'";
    if (suffix != QLatin1String("json") && suffix != QLatin1String("csv"))
        throw std::runtime_error(where + ": the name must end in .json or .csv");

    std::ostringstream text;
    if (suffix == QLatin1String("json"))
        moe::writeTraceJson(text, trace.toTrace());
    else
        moe::writeTraceCsv(text, trace.toTrace());
    const std::string bytes = text.str();

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error(where + ": " + file.errorString().toStdString());
    if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) ||
        !file.commit())
        throw std::runtime_error(where + ": " + file.errorString().toStdString());
}

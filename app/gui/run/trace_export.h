// Saves a run's routing trace (every token, every layer: probabilities, chosen experts, gates) for
// analysis elsewhere, in the core's JSON or CSV format (moe/trace_writer.h).
#pragma once

#include <QString>

class TraceModel;

// The format follows the extension: .json or .csv (any letter case). The file is replaced whole or
// not at all. Throws std::runtime_error naming the file (unknown extension, cannot write).
void exportTrace(const TraceModel& trace, const QString& path);

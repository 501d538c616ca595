// The menu side of the printable material: ask which test and where to save, write the PDF, and
// show any failure (no prompt yet, a folder that cannot be written) in a message box.
#pragma once

#include "learn/quiz_bank.h"
#include "run/model_source.h"

#include <QString>

class QWidget;

// The worksheet for `prompt` on `model`: a save dialog, then the PDF. Returns the path written,
// empty when cancelled or failed (the learner has been told why).
QString exportWorksheetWithDialog(QWidget* parent, const LoadedModel& model, const QString& prompt);

// A printed quiz: a dialog for the track (preselected: `track`, may be empty) and the test number,
// a save dialog, then the PDF. Returns the path written, empty when cancelled or failed.
QString printQuizWithDialog(QWidget* parent, const QuizBank* bank, const QString& track = {});

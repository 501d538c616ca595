// A quiz as a printed test (A4, pdf_pages.h): name, class and date lines, the numbered questions with
// boxes to tick or a line to write on, then a separate answer key with each right answer and why.
#pragma once

#include "print/quiz_sheet.h"

#include <QString>

// Writes the test and its answer key to `path` and returns the number of pages. A question is never
// split over two pages. Throws PdfExportError when the file cannot be written.
int writeQuizPdf(const PrintedQuiz& quiz, const QString& path);

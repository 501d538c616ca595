#include "print/print_command.h"

#include "learn/quiz_bank.h"
#include "print/quiz_pdf.h"
#include "print/worksheet_pdf.h"
#include "run/model_source.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>
#include <exception>

namespace {
struct PrintCommand { // the translation context of this file's strings
    Q_DECLARE_TR_FUNCTIONS(PrintCommand)
};

void say(const QString& text)
{
    std::printf("%s\n", qPrintable(text));
}

void fail(const QString& text)
{
    std::fprintf(stderr, "tiny-experts: %s\n", qPrintable(text));
}

bool exportWorksheet(const AppOptions& options)
{
    try {
        const LoadedModel model =
            options.modelPath.isEmpty() ? loadEmbeddedModel() : loadModelFile(options.modelPath);
        const Worksheet sheet = buildWorksheet(model.model, model.name, options.prompt);
        const int pages = writeWorksheetPdf(sheet, options.exportWorksheet);
        say(PrintCommand::tr("Wrote the worksheet (%1 pages) to %2")
                .arg(pages)
                .arg(QDir::toNativeSeparators(options.exportWorksheet)));
        return true;
    } catch (const std::exception& e) {
        fail(PrintCommand::tr("could not export the worksheet: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
}

bool exportQuiz(const AppOptions& options)
{
    try {
        QStringList problems;
        const QuizBank bank =
            loadQuizFor(options.language.isEmpty() ? QStringLiteral("en") : options.language, &problems);
        for (const QString& problem : problems)
            fail(problem);
        // Without --quiz-seed a new test each time; its number is printed on every page to print it again.
        const uint32_t seed = options.quizSeed.value_or(newTestNumber());
        const PrintedQuiz quiz = makePrintedQuiz(bank, options.exportQuizTrack, seed);
        const int pages = writeQuizPdf(quiz, options.exportQuizFile);
        say(PrintCommand::tr("Wrote the %1 test number %2 (%3 questions, %4 pages) to %5")
                .arg(quiz.title)
                .arg(seed)
                .arg(quiz.questions.size())
                .arg(pages)
                .arg(QDir::toNativeSeparators(options.exportQuizFile)));
        return true;
    } catch (const std::exception& e) {
        fail(PrintCommand::tr("could not export the quiz: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
}
} // namespace

int runPrintExports(const AppOptions& options)
{
    bool ok = true;
    if (!options.exportWorksheet.isEmpty())
        ok = exportWorksheet(options) && ok;
    if (!options.exportQuizTrack.isEmpty())
        ok = exportQuiz(options) && ok;
    return ok ? 0 : 1;
}

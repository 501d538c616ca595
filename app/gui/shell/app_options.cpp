#include "shell/app_options.h"

#include "playground/playground_presets.h"
#include "print/quiz_sheet.h"
#include "shell/mode_table.h"

#include <QCommandLineParser>
#include <QCoreApplication>

std::optional<AppOptions> parseAppOptions(const QStringList& arguments, QString* error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("AppOptions", "Watch a real Mixture-of-Experts language model think."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption prompt(
        "prompt", QCoreApplication::translate("AppOptions", "Run this prompt at start-up."), "TEXT");
    const QCommandLineOption mode(
        "mode", QCoreApplication::translate("AppOptions", "Open this mode: %1.").arg(modeIdList()), "MODE");
    const QCommandLineOption screenshot(
        "screenshot",
        QCoreApplication::translate("AppOptions",
                                    "Save a PNG of the window once the runs settle, then quit."),
        "FILE");
    const QCommandLineOption quitAfter(
        "quit-after",
        QCoreApplication::translate("AppOptions",
                                    "Quit after this many seconds (taking the screenshot first)."),
        "SECONDS");
    const QCommandLineOption model(
        "model",
        QCoreApplication::translate("AppOptions", "Open this GGUF model instead of the built-in one."),
        "FILE");
    const QCommandLineOption theme(
        "theme", QCoreApplication::translate("AppOptions", "Colour theme: system, light, dark or contrast."),
        "THEME");
    const QCommandLineOption frameLog(
        "frame-log",
        QCoreApplication::translate("AppOptions", "Write frame times and the start-up time to FILE at exit."),
        "FILE");
    const QCommandLineOption fullScreen("fullscreen",
                                        QCoreApplication::translate("AppOptions", "Start in full screen."));
    const QCommandLineOption classroom(
        "classroom",
        QCoreApplication::translate("AppOptions", "Start in classroom mode: full screen, projector-size."));
    const QCommandLineOption language(
        "lang", QCoreApplication::translate("AppOptions", "Language of the app: en or de."), "LANG");
    const QCommandLineOption lesson(
        "lesson", QCoreApplication::translate("AppOptions", "Open this lesson, at this step (1-based)."),
        "ID[:STEP]");
    const QCommandLineOption quiz(
        "quiz", QCoreApplication::translate("AppOptions", "Start a quiz on this track."), "TRACK");
    const QCommandLineOption quizAnswer(
        "quiz-answer",
        QCoreApplication::translate("AppOptions",
                                    "Answer the quiz's first question with choice N (1-based)."),
        "N");
    const QCommandLineOption quizHint(
        "quiz-hint", QCoreApplication::translate(
                         "AppOptions", "Show the hint of the quiz's first question (before any answer)."));
    const QCommandLineOption playgroundPreset(
        "playground-preset",
        QCoreApplication::translate("AppOptions",
                                    "Choose this Playground preset (e.g. balanced, no-balancing)."),
        "ID");
    const QCommandLineOption playgroundStart(
        "playground-start",
        QCoreApplication::translate("AppOptions",
                                    "Start training in the Playground at start-up; with --mode playground, "
                                    "--screenshot waits until the training has finished."));
    const QCommandLineOption exportWorksheet(
        "export-worksheet",
        QCoreApplication::translate("AppOptions",
                                    "Write a worksheet for --prompt (the model's real routing on its answer "
                                    "page) to FILE.pdf, then exit."),
        "FILE.pdf");
    const QCommandLineOption exportQuiz(
        "export-quiz",
        QCoreApplication::translate("AppOptions",
                                    "Write a printed test of this track with its answer key to the PDF file "
                                    "given after the options (--export-quiz TRACK FILE.pdf), then exit."),
        "TRACK");
    const QCommandLineOption quizSeed(
        "quiz-seed",
        QCoreApplication::translate(
            "AppOptions", "Which test --export-quiz prints: the same number gives the same questions."),
        "N");
    parser.addOptions({prompt, mode, screenshot, quitAfter, model, theme, frameLog, fullScreen, classroom,
                       language, lesson, quiz, quizAnswer, quizHint, playgroundPreset, playgroundStart,
                       exportWorksheet, exportQuiz, quizSeed});
    // parse(), not process(): a mistyped option is an error for the caller to report, not an exit
    // from inside the parser. --help and --version still print and exit.
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(help) || parser.isSet(QStringLiteral("help-all")))
        parser.showHelp();
    if (parser.isSet(version))
        parser.showVersion();

    AppOptions options;
    options.prompt = parser.value(prompt);
    options.mode = parser.value(mode).toLower();
    options.screenshot = parser.value(screenshot);
    options.modelPath = parser.value(model);
    options.theme = parser.value(theme).toLower();
    options.frameLog = parser.value(frameLog);
    options.fullScreen = parser.isSet(fullScreen);
    options.classroom = parser.isSet(classroom);
    options.language = parser.value(language).toLower();
    options.lesson = parser.value(lesson);
    options.quizTrack = parser.value(quiz).toLower();
    options.playgroundPreset = parser.value(playgroundPreset).toLower();
    options.playgroundStart = parser.isSet(playgroundStart);
    options.quizHint = parser.isSet(quizHint);
    if (!options.playgroundPreset.isEmpty()) {
        QStringList ids;
        for (const PlaygroundPreset& preset : loadPlaygroundPresets(QStringLiteral("en")))
            ids << preset.id;
        if (!ids.contains(options.playgroundPreset)) {
            *error =
                QCoreApplication::translate("AppOptions", "--playground-preset must be one of %1, not \"%2\"")
                    .arg(ids.join(QStringLiteral(", ")), options.playgroundPreset);
            return std::nullopt;
        }
    }
    if (!options.mode.isEmpty() && !modeFromId(options.mode)) {
        *error = QCoreApplication::translate("AppOptions", "--mode must be %1, not \"%2\"")
                     .arg(modeIdList(), options.mode);
        return std::nullopt;
    }
    const QStringList themes = {"system", "light", "dark", "contrast"};
    if (!options.theme.isEmpty() && !themes.contains(options.theme)) {
        *error = QCoreApplication::translate("AppOptions",
                                             "--theme must be system, light, dark or contrast, not \"%1\"")
                     .arg(options.theme);
        return std::nullopt;
    }
    if (!options.language.isEmpty() && options.language != "en" && options.language != "de") {
        *error = QCoreApplication::translate("AppOptions", "--lang must be en or de, not \"%1\"")
                     .arg(options.language);
        return std::nullopt;
    }
    const QStringList tracks = {"explorer", "builder", "creator", "live"};
    if (!options.quizTrack.isEmpty() && !tracks.contains(options.quizTrack)) {
        *error = QCoreApplication::translate("AppOptions",
                                             "--quiz must be explorer, builder, creator or live, not \"%1\"")
                     .arg(options.quizTrack);
        return std::nullopt;
    }
    if (parser.isSet(quizAnswer)) {
        bool ok = false;
        options.quizAnswer = parser.value(quizAnswer).toInt(&ok);
        if (!ok || options.quizAnswer < 1 || options.quizAnswer > 6) {
            *error = QCoreApplication::translate("AppOptions",
                                                 "--quiz-answer needs a choice from 1 to 6, not \"%1\"")
                         .arg(parser.value(quizAnswer));
            return std::nullopt;
        }
    }
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        options.quitAfterSeconds = parser.value(quitAfter).toDouble(&ok);
        if (!ok || options.quitAfterSeconds <= 0 || options.quitAfterSeconds > 86400) {
            *error = QCoreApplication::translate("AppOptions",
                                                 "--quit-after needs a number of seconds, not \"%1\"")
                         .arg(parser.value(quitAfter));
            return std::nullopt;
        }
    }
    options.exportWorksheet = parser.value(exportWorksheet);
    if (!options.exportWorksheet.isEmpty()) {
        if (!options.exportWorksheet.endsWith(".pdf", Qt::CaseInsensitive)) {
            *error = QCoreApplication::translate("AppOptions", "--export-worksheet needs a .pdf file name");
            return std::nullopt;
        }
        if (options.prompt.trimmed().isEmpty()) {
            *error = QCoreApplication::translate("AppOptions",
                                                 "--export-worksheet needs a prompt: add --prompt TEXT");
            return std::nullopt;
        }
    }
    if (parser.isSet(exportQuiz)) {
        options.exportQuizTrack = parser.value(exportQuiz).toLower();
        if (!printableTracks().contains(options.exportQuizTrack)) {
            *error = QCoreApplication::translate(
                         "AppOptions", "--export-quiz must be explorer, builder or creator, not \"%1\"")
                         .arg(options.exportQuizTrack);
            return std::nullopt;
        }
        // The file is the one argument that belongs to no option: --export-quiz TRACK FILE.pdf.
        const QStringList files = parser.positionalArguments();
        if (files.size() != 1 || !files[0].endsWith(".pdf", Qt::CaseInsensitive)) {
            *error = QCoreApplication::translate("AppOptions",
                                                 "--export-quiz needs a track and one .pdf file name: "
                                                 "--export-quiz TRACK FILE.pdf");
            return std::nullopt;
        }
        options.exportQuizFile = files[0];
    }
    if (parser.isSet(quizSeed)) {
        bool ok = false;
        const qulonglong seed = parser.value(quizSeed).toULongLong(&ok);
        if (!ok || seed > 0xffffffffULL) {
            *error = QCoreApplication::translate(
                         "AppOptions", "--quiz-seed needs a whole number from 0 to 4294967295, not \"%1\"")
                         .arg(parser.value(quizSeed));
            return std::nullopt;
        }
        options.quizSeed = static_cast<uint32_t>(seed);
    }
    if (!options.screenshot.isEmpty() && !options.screenshot.endsWith(".png", Qt::CaseInsensitive)) {
        *error = QCoreApplication::translate("AppOptions", "--screenshot needs a .png file name");
        return std::nullopt;
    }
    return options;
}

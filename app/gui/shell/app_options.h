// The command line of tiny-experts, for scripted use (screenshots, classroom set-ups, CI).
#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>

struct AppOptions {
    QString prompt;     // --prompt TEXT: run it at start-up (explore) or as the math side (compare)
    QString mode;       // --mode explore|compare|scale|lessons|quiz|playground; empty: the last mode used
    QString screenshot; // --screenshot FILE.png: save the window once the runs settle, then quit
    double quitAfterSeconds = 0;  // --quit-after SECONDS: quit (and take the screenshot) at the latest then
    QString modelPath;            // --model FILE.gguf instead of the embedded model
    QString theme;                // --theme system|light|dark|contrast
    QString frameLog;             // --frame-log FILE: frame times and start-up time, written at exit
    bool fullScreen = false;      // --fullscreen
    bool classroom = false;       // --classroom: start in classroom mode (full screen, projector-size)
    QString language;             // --lang en|de; empty: the saved choice, else the system's language
    QString lesson;               // --lesson ID[:STEP]: open this lesson (at this 1-based step)
    QString quizTrack;            // --quiz TRACK: start a quiz sitting on this track
    int quizAnswer = -1;          // --quiz-answer N: answer its first question with choice N (1-based)
    QString playgroundPreset;     // --playground-preset ID: the Playground's preset (e.g. balanced)
    bool quizHint = false;        // --quiz-hint: show the first question's hint
    bool playgroundStart = false; // --playground-start: train at start-up; the screenshot waits for the end
    // Printable material for teachers, written without opening the window (then the app exits):
    QString exportWorksheet; // --export-worksheet FILE.pdf: the worksheet for --prompt on --model
    QString exportQuizTrack; // --export-quiz TRACK FILE.pdf: a printed test for explorer|builder|creator
    QString exportQuizFile;  //   ... and its file (the one argument after the options)
    std::optional<uint32_t> quizSeed; // --quiz-seed N: which test (the same N prints the same questions)
    bool exportsOnly() const { return !exportWorksheet.isEmpty() || !exportQuizTrack.isEmpty(); }
};

// Parses the arguments (QCoreApplication's). On a bad value, an unknown option or a missing value
// returns std::nullopt and sets `error`; --help and --version print and exit as usual with
// QCommandLineParser.
std::optional<AppOptions> parseAppOptions(const QStringList& arguments, QString* error);

#include "shell/app_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>

std::optional<AppOptions> parseAppOptions(const QStringList& arguments, QString* error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("AppOptions", "Watch a real Mixture-of-Experts language model think."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption prompt(
        "prompt", QCoreApplication::translate("AppOptions", "Run this prompt at start-up."), "TEXT");
    const QCommandLineOption mode(
        "mode", QCoreApplication::translate("AppOptions", "Open this mode: explore, compare or scale."),
        "MODE");
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
        "theme", QCoreApplication::translate("AppOptions", "Colour theme: system, light or dark."), "THEME");
    const QCommandLineOption frameLog(
        "frame-log",
        QCoreApplication::translate("AppOptions", "Write frame times and the start-up time to FILE at exit."),
        "FILE");
    const QCommandLineOption fullScreen("fullscreen",
                                        QCoreApplication::translate("AppOptions", "Start in full screen."));
    parser.addOptions({prompt, mode, screenshot, quitAfter, model, theme, frameLog, fullScreen});
    parser.process(arguments); // --help / --version / unknown options: prints and exits

    AppOptions options;
    options.prompt = parser.value(prompt);
    options.mode = parser.value(mode).toLower();
    options.screenshot = parser.value(screenshot);
    options.modelPath = parser.value(model);
    options.theme = parser.value(theme).toLower();
    options.frameLog = parser.value(frameLog);
    options.fullScreen = parser.isSet(fullScreen);
    if (!options.mode.isEmpty() && options.mode != "explore" && options.mode != "compare" &&
        options.mode != "scale") {
        *error =
            QCoreApplication::translate("AppOptions", "--mode must be explore, compare or scale, not \"%1\"")
                .arg(options.mode);
        return std::nullopt;
    }
    if (!options.theme.isEmpty() && options.theme != "system" && options.theme != "light" &&
        options.theme != "dark") {
        *error =
            QCoreApplication::translate("AppOptions", "--theme must be system, light or dark, not \"%1\"")
                .arg(options.theme);
        return std::nullopt;
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
    if (!options.screenshot.isEmpty() && !options.screenshot.endsWith(".png", Qt::CaseInsensitive)) {
        *error = QCoreApplication::translate("AppOptions", "--screenshot needs a .png file name");
        return std::nullopt;
    }
    return options;
}

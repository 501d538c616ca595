// tiny-experts: the desktop app. Parses the command line, applies the language and the theme, opens
// the main window (or only writes the PDFs asked for) and hands scripted use (screenshot, quit-after, frame
// log) to a ScriptedRun.
#include "print/print_command.h"
#include "shell/app_options.h"
#include "shell/language.h"
#include "shell/main_window.h"
#include "shell/scripted_run.h"
#include "shell/theme.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <cstdio>

int main(int argc, char** argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tiny Experts"));
    QApplication::setOrganizationName(QStringLiteral("Tiny Experts"));
    QApplication::setApplicationVersion(QStringLiteral(TINY_EXPERTS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("tiny-experts"));

    QString error;
    std::optional<AppOptions> options = parseAppOptions(QApplication::arguments(), &error);
    if (!options) {
        std::fprintf(stderr, "tiny-experts: %s\n", qPrintable(error));
        return 2;
    }
    options->language = chooseLanguage(options->language);
    if (!installLanguage(app, options->language)) {
        std::fprintf(stderr, "tiny-experts: no translation for \"%s\"; using English\n",
                     qPrintable(options->language));
        options->language = QStringLiteral("en");
    }
    if (options->exportsOnly()) // a teacher's PDF, written without the window
        return runPrintExports(*options);
    const QString theme = options->theme.isEmpty()
                              ? QSettings().value(QStringLiteral("view/theme")).toString()
                              : options->theme;
    Theme::apply(Theme::fromName(theme));

    MainWindow window(*options);
    window.show();
    ScriptedRun script(&window, *options, sinceStart);
    script.start();
    const int status = script.exitStatus(QApplication::exec());
    script.writeFrameLog();
    return status;
}

// tiny-experts: the desktop app. Parses the command line, applies the theme, opens the main window
// and, for scripted use, takes the screenshot and quits when asked.
#include "shell/app_options.h"
#include "shell/language.h"
#include "shell/main_window.h"
#include "shell/theme.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QTextStream>
#include <QTimer>
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
    const QString theme = options->theme.isEmpty()
                              ? QSettings().value(QStringLiteral("view/theme")).toString()
                              : options->theme;
    Theme::apply(Theme::fromName(theme));

    MainWindow window(*options);
    window.show();
    bool finished = false;
    bool settledFirst = false; // the picture shows the settled run, not --quit-after's moment
    const auto finish = [&](bool settled) {
        if (finished)
            return;
        finished = true;
        settledFirst = settled;
        // Layouts settle in posted events (a scroll area hides a bar it no longer needs only then):
        // run them before the picture is taken, or it shows a moment that a user never sees.
        QCoreApplication::sendPostedEvents();
        if (!options->screenshot.isEmpty()) {
            if (window.saveScreenshot(options->screenshot))
                std::fprintf(stderr, "tiny-experts: screenshot saved to %s\n",
                             qPrintable(options->screenshot));
            else
                std::fprintf(stderr, "tiny-experts: cannot write %s\n", qPrintable(options->screenshot));
        }
        window.close();
        QApplication::quit();
    };
    QTimer::singleShot(0, &window, [&] {
        window.setStartupMs(static_cast<double>(sinceStart.nsecsElapsed()) / 1e6);
        window.startScriptedWork();
    });
    if (!options->screenshot.isEmpty()) // as soon as the scripted work is drawn
        QObject::connect(
            &window, &MainWindow::settled, &window, [&] { finish(true); }, Qt::QueuedConnection);
    if (options->quitAfterSeconds > 0)
        QTimer::singleShot(static_cast<int>(options->quitAfterSeconds * 1000), &window,
                           [&] { finish(false); });

    int status = QApplication::exec();
    // A screenshot taken by the deadline may show a run half done: say so, and fail the script.
    if (!options->screenshot.isEmpty() && finished && !settledFirst && status == 0) {
        std::fprintf(stderr, "tiny-experts: --quit-after %g fired before the run settled\n",
                     options->quitAfterSeconds);
        status = 3;
    }
    if (!options->frameLog.isEmpty()) {
        QFile log(options->frameLog);
        if (log.open(QIODevice::WriteOnly | QIODevice::Text))
            QTextStream(&log) << window.frameReport();
        else
            std::fprintf(stderr, "tiny-experts: cannot write %s\n", qPrintable(options->frameLog));
    }
    return status;
}

// What the command line asks of the window beyond opening it, for screenshots, classroom set-ups
// and CI: the work to start once the window is up (classroom mode, a lesson step, a quiz answer, a
// comparison, a prompt to run, a Playground training), the screenshot saved when that work has settled
// (--screenshot), the latest time to quit (--quit-after), and the frame times written at exit (--frame-log).
#pragma once

#include "shell/app_options.h"

#include <QElapsedTimer>
#include <QObject>

class MainWindow;
struct FrameStats;

class ScriptedRun : public QObject {
    Q_OBJECT
public:
    // The exit status when --quit-after fired before the screenshot's work settled.
    static constexpr int kUnsettledStatus = 3;

    // sinceStart: running since the process started, for the start-up time in the frame log.
    ScriptedRun(MainWindow* window, const AppOptions& options, QElapsedTimer sinceStart);

    // Starts the work on the next turn of the event loop, and the --quit-after clock.
    void start();
    // The process's exit status given the event loop's: kUnsettledStatus when the screenshot was
    // taken because --quit-after fired before the work settled.
    int exitStatus(int loopStatus) const;
    // Writes --frame-log, if asked; call once the event loop has ended. False when it cannot write.
    bool writeFrameLog() const;
    // The frame log's text: start-up time and the expert grid's frame timing.
    static QString frameReport(const FrameStats& stats, double startupMs);

Q_SIGNALS:
    void settled(); // the scripted work is done and drawn

private:
    void startWork();
    // Takes the screenshot (if asked), closes the window and quits; settled: the work was done and
    // drawn (false: --quit-after fired first, which fails a screenshot: exitStatus()).
    void finish(bool settled);

    MainWindow* m_window;
    AppOptions m_options;
    QElapsedTimer m_sinceStart;
    double m_startupMs = 0;
    double m_modelLoadedMs = -1;  // start-up to a --model file loaded and shown; -1 = none
    double m_firstRoutingMs = -1; // start-up to the first routed token drawn; -1 = none yet
    bool m_finished = false;
    bool m_unsettled = false; // the screenshot was taken before the work settled
};

#include "shell/scripted_run.h"

#include "compare/compare_page.h"
#include "explore/classroom_mode.h"
#include "explore/expert_grid_view.h"
#include "explore/explore_page.h"
#include "lessons/learning_wiring.h"
#include "lessons/lesson_driver.h"
#include "playground/playground_page.h"
#include "playground/training_controller.h"
#include "quiz/question_card.h"
#include "quiz/quiz_page.h"
#include "run/model_source.h"
#include "run/trace_model.h"
#include "shell/main_window.h"

#include <QApplication>
#include <QFile>
#include <QTextStream>
#include <QTimer>
#include <cstdio>

ScriptedRun::ScriptedRun(MainWindow* window, const AppOptions& options, QElapsedTimer sinceStart)
    : m_window(window), m_options(options), m_sinceStart(sinceStart)
{
}

void ScriptedRun::start()
{
    QTimer::singleShot(0, this, [this] {
        m_startupMs = static_cast<double>(m_sinceStart.nsecsElapsed()) / 1e6;
        startWork();
    });
    if (!m_options.screenshot.isEmpty()) // as soon as the scripted work is drawn
        connect(
            this, &ScriptedRun::settled, this, [this] { finish(true); }, Qt::QueuedConnection);
    if (m_options.quitAfterSeconds > 0)
        QTimer::singleShot(static_cast<int>(m_options.quitAfterSeconds * 1000), this,
                           [this] { finish(false); });
}

void ScriptedRun::startWork()
{
    // --model loads on its own thread: the scripted work runs on the model it asked for.
    ModelHolder* models = m_window->models();
    if (models->isLoading()) {
        connect(
            models, &ModelHolder::loadFinished, this,
            [this] { m_modelLoadedMs = static_cast<double>(m_sinceStart.nsecsElapsed()) / 1e6; },
            Qt::SingleShotConnection);
        connect(models, &ModelHolder::loadFinished, this, &ScriptedRun::startWork, Qt::SingleShotConnection);
        return;
    }
    // The time from start-up to the first token's routing drawn (the first paint after it).
    connect(
        m_window->explorePage()->traceModel(), &TraceModel::tokenAppended, this,
        [this] {
            QTimer::singleShot(0, this, [this] {
                if (m_firstRoutingMs < 0)
                    m_firstRoutingMs = static_cast<double>(m_sinceStart.nsecsElapsed()) / 1e6;
            });
        },
        Qt::SingleShotConnection);
    if (m_options.classroom)
        m_window->enterClassroom();
    PlaygroundPage* playground = m_window->playgroundPage();
    if (!m_options.playgroundPreset.isEmpty())
        playground->applyPreset(m_options.playgroundPreset);
    if (m_options.playgroundStart) { // in any mode: Explore can run a prompt while it trains
        if (m_window->mode() == AppMode::Playground) {
            connect(playground, &PlaygroundPage::settled, this, &ScriptedRun::settled, Qt::UniqueConnection);
            playground->startTraining();
            if (!playground->isTraining()) // settings with problems: nothing will come
                Q_EMIT settled();
            return;
        }
        playground->startTraining();
    }
    if (!m_options.lesson.isEmpty()) {
        const QString id = m_options.lesson.section(QLatin1Char(':'), 0, 0);
        const int step = m_options.lesson.section(QLatin1Char(':'), 1, 1).toInt() - 1;
        connect(m_window->learning()->driver(), &LessonDriver::settled, this, &ScriptedRun::settled,
                Qt::UniqueConnection);
        if (!m_window->startLesson(id, step))
            Q_EMIT settled();
        return;
    }
    if (!m_options.quizTrack.isEmpty()) {
        QuizPage* quiz = m_window->quizPage();
        m_window->setMode(AppMode::Quiz);
        quiz->setSeed(1); // scripted runs (screenshots) always ask the same questions
        if (quiz->startQuiz(m_options.quizTrack)) {
            if (m_options.quizHint)
                quiz->questionCard()->showTip();
            if (m_options.quizAnswer > 0) {
                quiz->questionCard()->selectChoice(m_options.quizAnswer - 1);
                quiz->check();
            }
        }
        Q_EMIT settled();
        return;
    }
    if (m_window->mode() == AppMode::Compare) {
        connect(m_window->comparePage(), &ComparePage::settled, this, &ScriptedRun::settled,
                Qt::UniqueConnection);
        m_window->comparePage()->compare();
    } else if (m_window->mode() == AppMode::Explore && !m_options.prompt.isEmpty()) {
        connect(m_window->explorePage(), &ExplorePage::settled, this, &ScriptedRun::settled,
                Qt::UniqueConnection);
        m_window->explorePage()->run();
    } else {
        Q_EMIT settled();
    }
}

void ScriptedRun::finish(bool settled)
{
    if (m_finished)
        return;
    m_finished = true;
    // Layouts settle in posted events (a scroll area hides a bar it no longer needs only then):
    // run them before the picture is taken, or it shows a moment that a user never sees.
    QCoreApplication::sendPostedEvents();
    if (!m_options.screenshot.isEmpty()) {
        if (m_window->saveScreenshot(m_options.screenshot))
            std::fprintf(stderr, "tiny-experts: screenshot saved to %s\n", qPrintable(m_options.screenshot));
        else
            std::fprintf(stderr, "tiny-experts: cannot write %s\n", qPrintable(m_options.screenshot));
    }
    m_window->close();
    // A screenshot taken by the deadline may show a run half done: say so, and fail the script.
    m_unsettled = !m_options.screenshot.isEmpty() && !settled;
    if (m_unsettled)
        std::fprintf(stderr, "tiny-experts: --quit-after %g fired before the run settled\n",
                     m_options.quitAfterSeconds);
    QApplication::quit();
}

int ScriptedRun::exitStatus(int loopStatus) const
{
    return m_unsettled && loopStatus == 0 ? kUnsettledStatus : loopStatus;
}

bool ScriptedRun::writeFrameLog() const
{
    if (m_options.frameLog.isEmpty())
        return true;
    QFile log(m_options.frameLog);
    if (!log.open(QIODevice::WriteOnly | QIODevice::Text)) {
        std::fprintf(stderr, "tiny-experts: cannot write %s\n", qPrintable(m_options.frameLog));
        return false;
    }
    QTextStream out(&log);
    out << frameReport(m_window->explorePage()->expertGrid()->frameStats(), m_startupMs);
    if (m_modelLoadedMs >= 0)
        out << QStringLiteral("model_loaded_ms %1\n").arg(m_modelLoadedMs, 0, 'f', 1);
    if (m_firstRoutingMs >= 0)
        out << QStringLiteral("first_routing_ms %1\n").arg(m_firstRoutingMs, 0, 'f', 1);
    const TrainingController* training = m_window->playgroundPage()->controller();
    if (!training->record()->steps().empty()) // a Playground run happened: how it went beside the frames
        out << QStringLiteral("playground_steps %1\nplayground_training_seconds %2\nplayground_pause_ms "
                              "%3\nplayground_stop_ms %4\n")
                   .arg(training->record()->steps().size())
                   .arg(training->progress().trainingSeconds, 0, 'f', 2)
                   .arg(training->lastPauseLatencyMs(), 0, 'f', 1)
                   .arg(training->lastStopLatencyMs(), 0, 'f', 1);
    return true;
}

QString ScriptedRun::frameReport(const FrameStats& s, double startupMs)
{
    return QStringLiteral("startup_ms %1\nframes %2\nmean_interval_ms %3\np95_interval_ms "
                          "%4\nmax_interval_ms %5\nfps %6\n")
        .arg(startupMs, 0, 'f', 1)
        .arg(s.frames)
        .arg(s.meanIntervalMs, 0, 'f', 2)
        .arg(s.p95IntervalMs, 0, 'f', 2)
        .arg(s.maxIntervalMs, 0, 'f', 2)
        .arg(s.fps, 0, 'f', 1);
}

// The training loop on the worker thread and its pause/stop handshake with the GUI thread.
#include "playground/training_worker.h"

#include "playground/corpus_cache.h"

#include <QElapsedTimer>
#include <QFile>

#include <deque>
#include <exception>
#include <numeric>
#include <string>
#include <utility>

namespace {

// Progress and step batches go out at most this often (20 a second): the GUI redraws for each.
constexpr qint64 kReportIntervalMs = 50;
// Steps averaged for the speed shown: enough to steady the number, few enough to follow changes.
constexpr size_t kSpeedWindow = 20;

} // namespace

TrainingWorker::TrainingWorker(moe::PlaygroundCorpusOptions corpusOptions, QObject* parent)
    : QObject(parent), m_corpusOptions(std::move(corpusOptions))
{
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::resetControls()
{
    const std::lock_guard lock(m_flagMutex);
    m_pause = false;
    m_stop = false;
    m_interrupt.store(false);
}

void TrainingWorker::setPaused(bool paused)
{
    const std::lock_guard lock(m_flagMutex);
    m_pause = paused;
    m_interrupt.store(m_pause || m_stop);
    m_wake.notify_all();
}

void TrainingWorker::requestStop()
{
    const std::lock_guard lock(m_flagMutex);
    m_stop = true;
    m_interrupt.store(true);
    m_wake.notify_all();
}

bool TrainingWorker::waitWhilePaused(int runId)
{
    std::unique_lock lock(m_flagMutex);
    if (m_pause && !m_stop) {
        emit pausedChanged(runId, true);
        m_wake.wait(lock, [this] { return !m_pause || m_stop; });
        if (!m_stop)
            emit pausedChanged(runId, false);
    }
    m_interrupt.store(m_stop);
    return !m_stop;
}

template <typename Result, typename Call> bool TrainingWorker::untilDone(int runId, Call call, Result* result)
{
    // A pause cancels the measurement under way; it starts again after the pause. Measuring never
    // changes the weights, so the repeated one gives the same numbers.
    while (waitWhilePaused(runId)) {
        std::optional<Result> done = call(&m_interrupt);
        if (done) {
            *result = std::move(*done);
            return true;
        }
    }
    return false;
}

void TrainingWorker::train(int runId, const moe::PlaygroundSettings& settings)
{
    bool reachedEnd = false;
    try {
        std::unique_lock runLock(m_runMutex);
        emit preparing(runId);
        std::shared_ptr<const moe::PlaygroundCorpus> data =
            sharedPlaygroundCorpus(m_corpusOptions, settings.vocab);
        m_run.reset(); // the last run's memory goes before the new one takes its own
        m_run = std::make_unique<moe::PlaygroundRun>(settings, std::move(data));
        emit started(runId);

        moe::PlaygroundRun& run = *m_run;
        StepStatsBatch pending;
        std::deque<double> recentSeconds;
        QElapsedTimer sinceReport;
        sinceReport.start();
        const auto report = [&] {
            if (!pending.empty())
                emit stepsTrained(runId, pending);
            pending.clear();
            TrainingProgress progress;
            progress.step = run.stepsDone();
            progress.steps = settings.steps;
            progress.trainingSeconds = run.trainingSeconds();
            const double seconds = std::accumulate(recentSeconds.begin(), recentSeconds.end(), 0.0);
            if (run.finished() && progress.trainingSeconds > 0) { // the whole run's speed, at its end
                progress.tokensPerSecond =
                    static_cast<double>(progress.step * settings.tokensPerStep()) / progress.trainingSeconds;
            } else if (seconds > 0) {
                progress.tokensPerSecond =
                    static_cast<double>(recentSeconds.size() * settings.tokensPerStep()) / seconds;
                progress.secondsLeft = seconds / static_cast<double>(recentSeconds.size()) *
                                       static_cast<double>(settings.steps - progress.step);
            }
            emit progressed(runId, progress);
            sinceReport.restart();
        };
        // Measure and probe whenever due (the untrained model before step 1, then every few
        // steps, and after the last), else train the next step.
        bool wasStopped = false;
        while (true) {
            if (run.measureDue()) {
                report(); // the steps before a point reach the GUI before the point
                moe::PlaygroundPoint point;
                if (!untilDone(
                        runId, [&](auto* cancel) { return run.measure(cancel); }, &point)) {
                    wasStopped = true;
                    break;
                }
                emit measured(runId, point);
            }
            if (run.probeDue()) {
                moe::PlaygroundProbe shown;
                if (!untilDone(
                        runId, [&](auto* cancel) { return run.probe(cancel); }, &shown)) {
                    wasStopped = true;
                    break;
                }
                emit probed(runId, shown);
            }
            if (run.finished())
                break;
            if (!waitWhilePaused(runId)) {
                wasStopped = true;
                break;
            }
            const moe::StepStats stats = run.step();
            pending.push_back(stats);
            recentSeconds.push_back(stats.seconds);
            if (recentSeconds.size() > kSpeedWindow)
                recentSeconds.pop_front();
            if (sinceReport.elapsed() >= kReportIntervalMs)
                report();
        }
        report();
        reachedEnd = !wasStopped;
    } catch (const std::exception& e) {
        emit failed(runId, QString::fromUtf8(e.what()));
        return;
    }
    // After the run lock is released, so that an export the GUI starts on this signal finds it free.
    if (reachedEnd)
        emit finished(runId);
    else
        emit stopped(runId);
}

bool TrainingWorker::exportModel(const QString& path, const QString& name, QString* error)
{
    std::unique_lock lock(m_runMutex, std::try_to_lock);
    if (!lock.owns_lock() || !m_run) {
        *error = tr("There is no trained model to save yet.");
        return false;
    }
    try {
        m_run->exportModel(QFile::encodeName(path).toStdString(), name.toStdString());
        return true;
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
}

// Worker-thread ownership (the STYLE.md pattern), run numbering and state on the GUI thread.
#include "playground/training_controller.h"

#include "playground/training_worker.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcPlayground, "tinyexperts.playground")

namespace {

double elapsedMs(const QElapsedTimer& clock)
{
    return static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

} // namespace

TrainingController::TrainingController(QObject* parent) : QObject(parent), m_record(new TrainingRecord(this))
{
    registerTrainingMetaTypes();
    m_thread.setObjectName(QStringLiteral("training"));
    m_worker = new TrainingWorker(moe::PlaygroundCorpusOptions{});
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(m_worker, &TrainingWorker::preparing, this, [this](int runId) {
        if (isCurrent(runId))
            setState(State::Preparing);
    });
    connect(m_worker, &TrainingWorker::started, this, [this](int runId) {
        if (isCurrent(runId) && m_state == State::Preparing)
            setState(State::Training);
    });
    connect(m_worker, &TrainingWorker::progressed, this, [this](int runId, const TrainingProgress& progress) {
        if (!isCurrent(runId))
            return;
        m_progress = progress;
        emit progressed(progress);
    });
    connect(m_worker, &TrainingWorker::stepsTrained, this, [this](int runId, const StepStatsBatch& steps) {
        if (isCurrent(runId))
            m_record->appendSteps(steps);
    });
    connect(m_worker, &TrainingWorker::measured, this, [this](int runId, const moe::PlaygroundPoint& point) {
        if (!isCurrent(runId))
            return;
        // The feasibility numbers (time from Start to specialisation) come from this log.
        const double js =
            point.jsBits.empty() ? 0 : *std::max_element(point.jsBits.begin(), point.jsBits.end());
        qCInfo(lcPlayground,
               "step %d: %.1f s after Start (training %.1f s), poems %.3f bits/byte, math %.3f, "
               "largest divergence %.3f bits",
               point.step, elapsedMs(m_startClock) / 1000.0, point.seconds, point.poemBitsPerByte,
               point.mathBitsPerByte, js);
        m_record->appendPoint(point);
    });
    connect(m_worker, &TrainingWorker::probed, this, [this](int runId, const moe::PlaygroundProbe& probe) {
        if (isCurrent(runId))
            m_record->appendProbe(probe);
    });
    connect(m_worker, &TrainingWorker::pausedChanged, this, [this](int runId, bool paused) {
        if (!isCurrent(runId) || !paused || m_state != State::Paused || !m_pauseClock.isValid())
            return;
        m_pauseLatencyMs = elapsedMs(m_pauseClock);
        m_pauseClock.invalidate();
        qCInfo(lcPlayground, "paused %.1f ms after the request", m_pauseLatencyMs);
    });
    connect(m_worker, &TrainingWorker::finished, this, [this](int runId) {
        if (!isCurrent(runId))
            return;
        setState(State::Finished);
        emit finished();
    });
    connect(m_worker, &TrainingWorker::stopped, this, [this](int runId) {
        if (!isCurrent(runId))
            return;
        if (m_stopClock.isValid()) {
            m_stopLatencyMs = elapsedMs(m_stopClock);
            m_stopClock.invalidate();
            qCInfo(lcPlayground, "stopped %.1f ms after the request", m_stopLatencyMs);
        }
        setState(State::Stopped);
    });
    connect(m_worker, &TrainingWorker::failed, this, [this](int runId, const QString& message) {
        if (!isCurrent(runId))
            return;
        m_lastError = message;
        setState(State::Failed);
        emit failed(message);
    });
    m_thread.start(QThread::LowPriority);
}

TrainingController::~TrainingController()
{
    m_worker->requestStop(); // the loop ends at its next step; a measurement stops at once
    m_thread.quit();
    m_thread.wait();
}

bool TrainingController::isRunning() const
{
    return m_state == State::Preparing || m_state == State::Training || m_state == State::Paused ||
           m_state == State::Stopping;
}

bool TrainingController::hasModel() const
{
    return (m_state == State::Finished || m_state == State::Stopped) && !m_record->steps().empty();
}

bool TrainingController::start(const moe::PlaygroundSettings& settings)
{
    if (isRunning())
        return false;
    const int runId = ++m_runId;
    m_lastError.clear();
    m_progress = TrainingProgress{};
    m_progress.steps = settings.steps;
    m_record->reset(settings);
    m_worker->resetControls();
    m_startClock.start();
    setState(State::Preparing);
    emit progressed(m_progress);
    TrainingWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, runId, settings] { worker->train(runId, settings); }, Qt::QueuedConnection);
    return true;
}

void TrainingController::pause()
{
    if (m_state != State::Training && m_state != State::Preparing)
        return;
    m_pauseClock.start();
    m_pauseLatencyMs = -1; // until the worker is waiting
    m_worker->setPaused(true);
    setState(State::Paused);
}

void TrainingController::resume()
{
    if (m_state != State::Paused)
        return;
    m_pauseClock.invalidate();
    m_worker->setPaused(false);
    setState(State::Training);
}

void TrainingController::stop()
{
    if (!isRunning() || m_state == State::Stopping)
        return;
    m_stopClock.start();
    m_stopLatencyMs = -1; // until the worker is done
    m_worker->requestStop();
    setState(State::Stopping);
}

bool TrainingController::reset()
{
    if (isRunning())
        return false;
    m_record->reset(m_record->settings());
    m_progress = TrainingProgress{};
    emit progressed(m_progress);
    setState(State::Idle);
    return true;
}

bool TrainingController::exportModel(const QString& path, const QString& name, QString* error) const
{
    if (isRunning()) {
        *error = tr("The model is still training: stop it or let it finish first.");
        return false;
    }
    return m_worker->exportModel(path, name, error);
}

void TrainingController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

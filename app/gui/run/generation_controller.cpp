// Worker-thread ownership (the STYLE.md pattern) and run bookkeeping on the GUI thread.
#include "run/generation_controller.h"

#include <limits>
#include <numeric>

namespace {
// Tokens averaged for the speed shown: enough to steady the number, few enough to follow changes.
constexpr size_t kSpeedWindow = 8;
} // namespace

GenerationController::GenerationController(QObject* parent) : QObject(parent)
{
    registerRunMetaTypes();
    m_thread.setObjectName(QStringLiteral("generation"));
    m_worker = new GenerationWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &GenerationWorker::tokenRouted, this, &GenerationController::onTokenRouted);
    connect(m_worker, &GenerationWorker::generationFinished, this,
            &GenerationController::onGenerationFinished);
    connect(m_worker, &GenerationWorker::failed, this, &GenerationController::onFailed);
    m_thread.start();
}

GenerationController::~GenerationController()
{
    // Wakes any paused or pacing wait and makes every queued run a no-op; the thread then leaves
    // its event loop after the token it is computing, if any.
    m_worker->cancelRunsUpTo(std::numeric_limits<int>::max());
    m_thread.quit();
    m_thread.wait();
}

void GenerationController::setModel(std::shared_ptr<const moe::Model> model)
{
    if (m_running)
        stop();
    m_model = std::move(model);
    GenerationWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, model = m_model] { worker->setModel(model); }, Qt::QueuedConnection);
}

int GenerationController::start(const QString& prompt, const GenerationSettings& settings)
{
    m_worker->cancelRunsUpTo(m_runId);
    const int runId = ++m_runId;
    m_running = true;
    m_stopRequested = false;
    m_recentSeconds.clear();
    m_worker->setDelayMs(settings.delayMs);
    emit runStarted(runId);
    GenerationWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, runId, prompt, settings] { worker->generate(runId, prompt, settings); },
        Qt::QueuedConnection);
    return runId;
}

void GenerationController::stop()
{
    if (!m_running)
        return;
    m_stopRequested = true;
    m_worker->cancelRunsUpTo(m_runId);
}

void GenerationController::setPaused(bool paused)
{
    if (paused == m_worker->isPaused())
        return;
    m_worker->setPaused(paused);
    emit pausedChanged(paused);
}

bool GenerationController::isPaused() const
{
    return m_worker->isPaused();
}

bool GenerationController::isHoldingToken() const
{
    return m_worker->isHoldingToken();
}

void GenerationController::stepOnce()
{
    const bool wasPaused = m_worker->isPaused();
    m_worker->stepOnce();
    if (!wasPaused)
        emit pausedChanged(true);
}

void GenerationController::setDelayMs(int delayMs)
{
    m_worker->setDelayMs(delayMs);
}

double GenerationController::recordSeconds(double secondsForToken)
{
    m_recentSeconds.push_back(secondsForToken);
    if (m_recentSeconds.size() > kSpeedWindow)
        m_recentSeconds.pop_front();
    const double total = std::accumulate(m_recentSeconds.begin(), m_recentSeconds.end(), 0.0);
    return total > 0 ? static_cast<double>(m_recentSeconds.size()) / total : 0.0;
}

void GenerationController::onTokenRouted(int runId, const moe::GeneratedToken& token, double secondsForToken)
{
    if (runId != m_runId || !m_running || m_stopRequested)
        return;
    emit tokenRouted(runId, token, recordSeconds(secondsForToken));
}

void GenerationController::onGenerationFinished(int runId, moe::FinishReason reason)
{
    if (runId != m_runId || !m_running)
        return;
    m_running = false;
    emit runFinished(runId, reason);
}

void GenerationController::onFailed(int runId, const QString& message)
{
    if (runId != m_runId || !m_running)
        return;
    m_running = false;
    emit failed(message);
}

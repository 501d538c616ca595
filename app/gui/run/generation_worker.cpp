// The generation loop around moe::generate(): timing, pacing, pause/step and cancellation.
#include "run/generation_worker.h"

#include <algorithm>
#include <chrono>
#include <exception>

namespace {
using Clock = std::chrono::steady_clock;

constexpr int kMaxContext = 4096; // tokens the app's Session holds at most

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The core's messages are lower-case clauses (made to follow "error: "); a dialog wants a sentence.
QString sentence(const char* message)
{
    QString text = QString::fromUtf8(message);
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}
} // namespace

GenerationWorker::GenerationWorker(QObject* parent) : QObject(parent)
{
    registerRunMetaTypes();
}

GenerationWorker::~GenerationWorker() = default;

void GenerationWorker::requestCancel()
{
    cancelRunsUpTo(m_activeRun.load());
}

void GenerationWorker::cancelRunsUpTo(int runId)
{
    {
        // Changed under the lock, so a waiting run cannot miss the wake-up.
        std::lock_guard lock(m_mutex);
        int current = m_cancelUpTo.load();
        while (current < runId && !m_cancelUpTo.compare_exchange_weak(current, runId)) {
        }
        m_steps = 0;
    }
    m_wake.notify_all();
}

void GenerationWorker::setPaused(bool paused)
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = paused;
        if (!paused)
            m_steps = 0;
    }
    m_wake.notify_all();
}

bool GenerationWorker::isPaused() const
{
    std::lock_guard lock(m_mutex);
    return m_paused;
}

void GenerationWorker::stepOnce()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = true;
        ++m_steps;
    }
    m_wake.notify_all();
}

void GenerationWorker::setDelayMs(int delayMs)
{
    {
        std::lock_guard lock(m_mutex);
        m_delayMs = std::max(0, delayMs);
    }
    m_wake.notify_all();
}

int GenerationWorker::delayMs() const
{
    std::lock_guard lock(m_mutex);
    return m_delayMs;
}

bool GenerationWorker::isHoldingToken() const
{
    std::lock_guard lock(m_mutex);
    return m_holding && !(m_paused && m_steps > 0);
}

bool GenerationWorker::isCancelled(int runId) const
{
    return runId <= m_cancelUpTo.load();
}

bool GenerationWorker::waitForTurn(int runId)
{
    std::unique_lock lock(m_mutex);
    const Clock::time_point arrived = Clock::now();
    m_holding = true;
    const struct Release {
        bool& holding;
        ~Release() { holding = false; } // still under the lock: every return passes here
    } release{m_holding};
    for (;;) {
        if (isCancelled(runId))
            return false;
        if (m_paused) {
            if (m_steps > 0) {
                --m_steps;
                return true;
            }
            m_wake.wait(lock);
            continue;
        }
        // Measured from the token's arrival, so moving the speed slider takes effect at once.
        const Clock::time_point due = arrived + std::chrono::milliseconds(m_delayMs);
        if (Clock::now() >= due)
            return true;
        m_wake.wait_until(lock, due);
    }
}

void GenerationWorker::setModel(std::shared_ptr<const moe::Model> model)
{
    m_session.reset();
    m_modelError.clear();
    if (!model)
        return;
    try {
        // The app never needs a long context (a prompt and a few dozen tokens); a model made for
        // 32k tokens would otherwise ask for a KV cache the Session refuses or the laptop lacks.
        moe::SessionOptions options;
        options.contextLength = std::min(model->config().nCtx, kMaxContext);
        m_session = std::make_unique<moe::Session>(std::move(model), options);
    } catch (const std::exception& e) {
        m_modelError = tr("This model cannot run here: %1").arg(QString::fromUtf8(e.what()));
    }
}

void GenerationWorker::generate(int runId, const QString& prompt, const GenerationSettings& settings)
{
    if (isCancelled(runId)) { // replaced or stopped before it began
        emit generationFinished(runId, moe::FinishReason::Stopped);
        return;
    }
    if (!m_session) {
        emit failed(runId, m_modelError.isEmpty() ? tr("No model is loaded.") : m_modelError);
        return;
    }
    m_activeRun.store(runId);
    try {
        const moe::GenerationRequest request = settings.request(prompt);
        m_session->setRoutingOverride(settings.routing);
        const size_t promptCount = moe::promptTokens(m_session->model().tokenizer(), request.prompt).size();

        // The prompt arrives as one batched prefill: its time is shared by its tokens.
        Clock::time_point computeStart = Clock::now();
        double promptSecondsEach = -1;
        const auto onToken = [&](const moe::GeneratedToken& token) {
            double seconds = secondsSince(computeStart);
            if (token.prompt) {
                if (promptSecondsEach < 0)
                    promptSecondsEach = seconds / static_cast<double>(std::max<size_t>(1, promptCount));
                seconds = promptSecondsEach;
            }
            if (!waitForTurn(runId))
                return false;
            emit tokenRouted(runId, token, seconds);
            computeStart = Clock::now();
            return !isCancelled(runId);
        };
        const moe::FinishReason reason = moe::generate(*m_session, request, onToken);
        m_activeRun.store(-1);
        emit generationFinished(runId, reason);
    } catch (const std::exception& e) {
        m_activeRun.store(-1);
        emit failed(runId, sentence(e.what()));
    }
}

// The GUI thread's handle on generation: owns the worker thread, numbers the runs, and forwards
// only the current run's tokens, so views never see a token of a run that was replaced or stopped.
#pragma once

#include "run/generation_worker.h"
#include "run/run_types.h"

#include <QObject>
#include <QThread>

#include <deque>
#include <memory>

class GenerationController : public QObject {
    Q_OBJECT
public:
    explicit GenerationController(QObject* parent = nullptr);
    // Cancels any run and waits for the worker thread (at most one token's compute).
    ~GenerationController() override;

    // Cancels a running run first (its runFinished(Stopped) still comes).
    void setModel(std::shared_ptr<const moe::Model> model);
    const moe::Model* model() const { return m_model.get(); }

    // Cancels the old run (its remaining tokens and finish are dropped), applies settings.delayMs
    // and queues the new run. Returns its id; runStarted is emitted before this returns.
    int start(const QString& prompt, const GenerationSettings& settings);
    // Stops the current run: no more of its tokens are forwarded; runFinished follows.
    void stop();
    void setPaused(bool paused);
    bool isPaused() const;
    // A computed token waits (paused without a step, or pacing): see GenerationWorker.
    bool isHoldingToken() const;
    // One more token while paused (pauses first if it was not). Steps granted but unused are
    // dropped by start() and stop(): to step into a new run, call start() first, then stepOnce().
    void stepOnce();
    void setDelayMs(int delayMs);
    // From start() until the current run's runFinished or failed.
    bool isRunning() const { return m_running; }

signals:
    void runStarted(int runId);
    // tokensPerSecond: the model's own speed over the last few tokens, pacing and pauses excluded.
    void tokenRouted(int runId, const moe::GeneratedToken& token, double tokensPerSecond);
    void runFinished(int runId, moe::FinishReason reason);
    void failed(const QString& message);
    void pausedChanged(bool paused);

private slots:
    void onTokenRouted(int runId, const moe::GeneratedToken& token, double secondsForToken);
    void onGenerationFinished(int runId, moe::FinishReason reason);
    void onFailed(int runId, const QString& message);

private:
    double recordSeconds(double secondsForToken);

    QThread m_thread;
    GenerationWorker* m_worker = nullptr; // lives on m_thread; deleted when it finishes
    std::shared_ptr<const moe::Model> m_model;
    int m_runId = 0;
    bool m_running = false;
    bool m_stopRequested = false;       // stop() called for m_runId: drop its remaining tokens
    std::deque<double> m_recentSeconds; // compute time of the last few tokens, for tokens/s
};

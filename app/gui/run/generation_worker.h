// Runs the model off the GUI thread. Lives on a QThread (GenerationController owns both) and owns
// the moe::Session; the GUI thread talks to it through queued slots, plus a few thread-safe
// controls (cancel, pause, single step, pacing) that it may call directly while a run is going.
#pragma once

#include "run/run_types.h"

#include "moe/generation.h"
#include "moe/model.h"
#include "moe/session.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

class GenerationWorker : public QObject {
    Q_OBJECT
public:
    explicit GenerationWorker(QObject* parent = nullptr);
    ~GenerationWorker() override;

    // ---- Thread-safe: callable from any thread while generate() runs. Each wakes a waiting run.
    // Stops the run that is going now (at its next token; no further token is emitted).
    void requestCancel();
    // Stops every run with id <= runId, including ones still queued: generate() then finishes them
    // at once with FinishReason::Stopped. Also drops single steps granted but not yet used.
    void cancelRunsUpTo(int runId);
    // While paused, a computed token waits before it is emitted.
    void setPaused(bool paused);
    bool isPaused() const;
    // Lets exactly one more token through. Pauses first if not paused (a Step button means "one
    // token at a time from here").
    void stepOnce();
    // Minimum time between emitted tokens (prompt tokens included, so the learner sees the prompt
    // being read); 0 emits as fast as the model computes.
    void setDelayMs(int delayMs);
    int delayMs() const;
    // Whether a computed token is held back right now, paused without a step to spend or waiting
    // out the delay: the run has gone as far as it may until something changes. Lets a test wait
    // for that instead of sleeping.
    bool isHoldingToken() const;

public slots:
    // Builds a new Session for the model (nullptr: no model). A model whose Session cannot be
    // built makes every later generate() fail with that reason.
    void setModel(std::shared_ptr<const moe::Model> model);
    // One run: tokenRouted for every prompt and generated token, then generationFinished; or
    // failed (empty or too long prompt, bad routing override or sampler settings, no model).
    // settings.delayMs is not read here: the pacing is the live value of setDelayMs().
    void generate(int runId, const QString& prompt, const GenerationSettings& settings);

signals:
    // secondsForToken: the model's compute for this token, without pacing or pause (prompt tokens
    // share their batched prefill time equally).
    void tokenRouted(int runId, const moe::GeneratedToken& token, double secondsForToken);
    void generationFinished(int runId, moe::FinishReason reason);
    void failed(int runId, const QString& message);

private:
    bool isCancelled(int runId) const;
    // Holds a computed token until it may be shown (delay, pause, steps); false once cancelled.
    bool waitForTurn(int runId);

    std::unique_ptr<moe::Session> m_session;
    QString m_modelError; // why m_session could not be built, if it could not

    mutable std::mutex m_mutex; // guards the wait state below; m_wake signals any change of it
    std::condition_variable m_wake;
    std::atomic<int> m_cancelUpTo{-1}; // runs with id <= this are cancelled
    std::atomic<int> m_activeRun{-1};  // the run generate() is working on, -1 when idle
    bool m_paused = false;
    int m_steps = 0; // tokens granted by stepOnce() while paused
    int m_delayMs = 0;
    bool m_holding = false; // waitForTurn() holds a token
};

// Trains the Playground's model off the GUI thread. Lives on a QThread (TrainingController owns
// both) and owns the moe::PlaygroundRun: takes the corpus from sharedPlaygroundCorpus (built once, shared
// with the race, for the app's lifetime), then steps, measures when a measurement is due and probes when a
// probe is due, reporting each as a signal. Pause and stop are thread-safe calls that take effect at the next
// step, or at once inside a measurement or probe (their cancel flag), so within one step's time.
#pragma once

#include "playground/training_types.h"

#include "moe/playground.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(moe::PlaygroundCorpusOptions corpusOptions, QObject* parent = nullptr);
    ~TrainingWorker() override;

    // Clears pause and stop for the next run; call before queuing train() (the worker is idle).
    void resetControls();
    // ---- Thread-safe: callable from any thread while train() runs.
    void setPaused(bool paused);
    // Ends the current run at its next step (or inside a measurement); stopped() follows.
    void requestStop();
    // Writes the last run's model as GGUF. Only between runs: false with *error while one trains,
    // when there is no model yet, or when the file cannot be written.
    bool exportModel(const QString& path, const QString& name, QString* error);

public slots:
    // Trains a run to its last step, or until requestStop(). Runs on the worker's thread.
    void train(int runId, const moe::PlaygroundSettings& settings);

signals:
    void preparing(int runId); // building or fetching the corpus
    void started(int runId);   // the run's first step is next
    void progressed(int runId, const TrainingProgress& progress);
    void stepsTrained(int runId, const StepStatsBatch& steps); // in order, none left out
    void measured(int runId, const moe::PlaygroundPoint& point);
    void probed(int runId, const moe::PlaygroundProbe& probe);
    void pausedChanged(int runId, bool paused); // the worker is (no longer) waiting
    void finished(int runId);                   // the last step was trained and measured
    void stopped(int runId);                    // ended by requestStop()
    void failed(int runId, const QString& message);

private:
    // Blocks while paused; false once stop was asked.
    bool waitWhilePaused(int runId);
    // measure()/probe() until one completes; false when stopped on the way.
    template <typename Result, typename Call> bool untilDone(int runId, Call call, Result* result);

    moe::PlaygroundCorpusOptions m_corpusOptions;
    std::mutex m_runMutex; // held while a run trains; exportModel() only gets it between runs
    std::unique_ptr<moe::PlaygroundRun> m_run;

    std::mutex m_flagMutex;
    std::condition_variable m_wake;
    bool m_pause = false, m_stop = false; // guarded by m_flagMutex
    std::atomic<bool> m_interrupt{false}; // pause or stop asked: cancels a measurement
};

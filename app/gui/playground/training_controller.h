// The GUI thread's handle on training: owns the worker's thread (low priority, so the window keeps
// its frame rate), numbers the runs so that nothing of a stopped run reaches a new one, feeds the
// TrainingRecord, and keeps the state the buttons follow. Pause and stop latencies (from the call
// to the worker being idle) are logged under the category "tinyexperts.playground".
#pragma once

#include "playground/training_record.h"
#include "playground/training_types.h"

#include "moe/playground.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>

class TrainingWorker;

class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Preparing, Training, Paused, Stopping, Finished, Stopped, Failed };
    Q_ENUM(State)

    explicit TrainingController(QObject* parent = nullptr);
    // Stops any run and joins the worker thread (at most one training step, or the corpus being built).
    ~TrainingController() override;

    // Starts a run with these settings (the record is reset to them). False while a run is going.
    bool start(const moe::PlaygroundSettings& settings);
    void pause();
    void resume();
    void stop();
    // Empties the record (only between runs; false while one is going).
    bool reset();

    State state() const { return m_state; }
    // From start() until the run finished, stopped or failed.
    bool isRunning() const;
    bool hasModel() const; // a run finished or was stopped after at least one step
    TrainingRecord* record() const { return m_record; }
    const TrainingProgress& progress() const { return m_progress; }
    QString lastError() const { return m_lastError; }
    // Writes the last run's model (only between runs); false with *error.
    bool exportModel(const QString& path, const QString& name, QString* error) const;

    // The last pause's and stop's latency in ms, from the call to the worker waiting or done (-1: not yet).
    double lastPauseLatencyMs() const { return m_pauseLatencyMs; }
    double lastStopLatencyMs() const { return m_stopLatencyMs; }

signals:
    void stateChanged(State state);
    void progressed(const TrainingProgress& progress);
    void finished(); // the run reached its last step (not on stop)
    void failed(const QString& message);

private:
    void setState(State state);
    bool isCurrent(int runId) const { return runId == m_runId; }

    QThread m_thread;
    TrainingWorker* m_worker = nullptr; // lives on m_thread; deleted when it finishes
    TrainingRecord* m_record = nullptr;
    int m_runId = 0;
    State m_state = State::Idle;
    TrainingProgress m_progress;
    QString m_lastError;
    QElapsedTimer m_startClock, m_pauseClock, m_stopClock;
    double m_pauseLatencyMs = -1, m_stopLatencyMs = -1;
};

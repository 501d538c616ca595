// The Playground's Race: the mixture as set in the form against a dense model with the same
// active parameters and one with the same total parameters (moe::raceSettings), trained in turns
// on the same data and token budget by a RaceWorker on its own low-priority thread. Shows held-out
// bits per byte against tokens and against seconds, a table of the three models and a caption in
// plain words computed from the measured numbers.
#pragma once

#include "moe/playground.h"

#include <QThread>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class RaceChart;
class RaceRecord;
class RaceTable;
class RaceWorker;
struct RacePoint;

class RacePanel : public QWidget {
    Q_OBJECT
public:
    explicit RacePanel(QWidget* parent = nullptr);
    // Stops the race and joins the worker thread (within one training step, or after the corpus
    // build if one is under way).
    ~RacePanel() override;

    // The Playground form's settings; the next race trains these (a running race goes on).
    void setMixtureSettings(const moe::PlaygroundSettings& settings);
    const moe::PlaygroundSettings& mixtureSettings() const { return m_mixture; }
    // Where the corpus comes from (fortunes directory, probe prompts); default PlaygroundCorpusOptions{}.
    // Applies from the next race on.
    void setCorpusOptions(const moe::PlaygroundCorpusOptions& options);

    // Starts a race of the current settings; a running one is stopped first. Settings with
    // problems are refused with a message in the panel.
    void startRace();
    // Stops the running race: no more of its points are shown; isRacing() turns false once the
    // worker has left it (within one training step or measurement window).
    void stopRace();
    bool isRacing() const { return m_racing; }

    const RaceRecord& record() const { return *m_record; }
    QString caption() const;
    QString errorText() const; // the last race's failure, empty if none

signals:
    void raceFinished(); // a race ran to its end (not when stopped or failed)
    void racingChanged(bool racing);

private:
    void onPreparing(int raceId);
    void onPrepared(int raceId);
    void onPointMeasured(const RacePoint& point);
    void onProgressed(int raceId, qint64 stepsDone, qint64 stepsTotal);
    void onEnded(int raceId, bool completed);
    void onFailed(int raceId, const QString& message);
    void setRacing(bool racing);
    void showError(const QString& message);
    void updateBudget();
    void updateCaption();

    QThread m_thread;
    RaceWorker* m_worker = nullptr; // lives on m_thread; deleted when it finishes
    RaceRecord* m_record = nullptr;
    moe::PlaygroundSettings m_mixture;
    int m_raceId = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel; // the current race's stop flag
    bool m_racing = false;

    QLabel* m_budget = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_caption = nullptr;
    RaceChart* m_tokensChart = nullptr;
    RaceChart* m_secondsChart = nullptr;
    RaceTable* m_table = nullptr;
};

// The Race's worker, moved to its own low-priority QThread by RacePanel: builds the corpus, then
// trains the three race models in turns on it (moe::trainInTurns: a few steps of each in
// round-robin, so their curves grow together), measuring each when its measurement is due. Each run's seconds
// are its own steps' time only. Nothing crosses the event loop but values; exceptions become failed().
#pragma once

#include "moe/playground.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

// One measurement of one race model, for a queued signal.
struct RacePoint {
    int raceId = 0;
    moe::RaceModel model = moe::RaceModel::Mixture;
    moe::PlaygroundPoint point;
};
Q_DECLARE_METATYPE(RacePoint)

class RaceWorker : public QObject {
    Q_OBJECT
public:
    // Steps of one model per turn: small, so the three curves grow together and each model's
    // steps run close in time to the others' (the same machine load for all three).
    static constexpr int kStepsPerTurn = moe::kRaceStepsPerTurn;

    explicit RaceWorker(const moe::PlaygroundCorpusOptions& corpusOptions);
    // For the races after this one.
    void setCorpusOptions(const moe::PlaygroundCorpusOptions& corpusOptions);

    // Runs race `raceId` of `mixture` to its end, or until *cancel is true: checked between steps
    // and inside measurements, so a stop takes effect within one step (the corpus build, on the
    // first race of a vocabulary size, runs to its end first). Emits prepared, points and progress,
    // then ended; or, instead of ended, failed (settings the trainer refuses, a corpus that cannot be built).
    // Called on the worker's thread (queued), like setCorpusOptions.
    void race(int raceId, const moe::PlaygroundSettings& mixture,
              std::shared_ptr<const std::atomic<bool>> cancel);

signals:
    void preparing(int raceId); // building the corpus and its vocabulary
    void prepared(int raceId);  // the corpus is ready; training starts
    void pointMeasured(const RacePoint& point);
    void progressed(int raceId, qint64 stepsDone, qint64 stepsTotal); // over all three models
    void ended(int raceId, bool completed);                           // completed: every run finished
    void failed(int raceId, const QString& message);

private:
    // The corpus comes from sharedPlaygroundCorpus: the one training runs use, built once.
    moe::PlaygroundCorpusOptions m_corpusOptions;
};

// Registers RacePoint with Qt's meta-type system; cheap and safe to call more than once.
void registerRaceMetaTypes();

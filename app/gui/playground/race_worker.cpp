#include "playground/race_worker.h"

#include "playground/corpus_cache.h"
#include "playground/race_models.h"

#include <array>
#include <exception>
#include <vector>

RaceWorker::RaceWorker(const moe::PlaygroundCorpusOptions& corpusOptions) : m_corpusOptions(corpusOptions) {}

void RaceWorker::setCorpusOptions(const moe::PlaygroundCorpusOptions& corpusOptions)
{
    m_corpusOptions = corpusOptions;
}

void RaceWorker::race(int raceId, const moe::PlaygroundSettings& mixture,
                      std::shared_ptr<const std::atomic<bool>> cancel)
{
    const auto cancelled = [&] { return cancel->load(std::memory_order_relaxed); };
    if (cancelled()) {
        emit ended(raceId, false);
        return;
    }
    try {
        emit preparing(raceId);
        const std::shared_ptr<const moe::PlaygroundCorpus> data =
            sharedPlaygroundCorpus(m_corpusOptions, mixture.vocab);
        std::vector<std::unique_ptr<moe::PlaygroundRun>> runs;
        std::vector<moe::PlaygroundRun*> turns;
        qint64 stepsTotal = 0;
        for (const moe::RaceModel model : kRaceModels) {
            runs.push_back(std::make_unique<moe::PlaygroundRun>(moe::raceSettings(mixture, model), data));
            turns.push_back(runs.back().get());
            stepsTotal += runs.back()->settings().steps;
        }
        emit prepared(raceId);
        emit progressed(raceId, 0, stepsTotal);
        const bool completed = moe::trainInTurns(
            turns, kStepsPerTurn,
            [&](size_t index, moe::PlaygroundPoint&& point) {
                emit pointMeasured(RacePoint{raceId, kRaceModels[index], std::move(point)});
            },
            [&] {
                qint64 stepsDone = 0;
                for (const moe::PlaygroundRun* run : turns)
                    stepsDone += run->stepsDone();
                emit progressed(raceId, stepsDone, stepsTotal);
            },
            cancel.get());
        if (!completed) {
            emit ended(raceId, false);
            return;
        }
        emit ended(raceId, true);
    } catch (const std::exception& e) {
        emit failed(raceId, QString::fromUtf8(e.what()));
    }
}

void registerRaceMetaTypes()
{
    qRegisterMetaType<RacePoint>("RacePoint");
}

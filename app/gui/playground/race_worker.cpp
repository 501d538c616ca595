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
        qint64 stepsTotal = 0, stepsDone = 0;
        for (const moe::RaceModel model : kRaceModels) {
            runs.push_back(std::make_unique<moe::PlaygroundRun>(moe::raceSettings(mixture, model), data));
            stepsTotal += runs.back()->settings().steps;
        }
        emit prepared(raceId);
        emit progressed(raceId, 0, stepsTotal);

        bool anyLeft = true;
        while (anyLeft) {
            anyLeft = false;
            for (const moe::RaceModel model : kRaceModels) {
                moe::PlaygroundRun& run = *runs[raceIndex(model)];
                // A measurement is due before the first step (the untrained model), every
                // measureEvery steps and after the last one.
                for (int i = 0;; ++i) {
                    if (run.measureDue()) {
                        std::optional<moe::PlaygroundPoint> point = run.measure(cancel.get());
                        if (!point) {
                            emit ended(raceId, false);
                            return;
                        }
                        emit pointMeasured(RacePoint{raceId, model, std::move(*point)});
                    }
                    if (run.finished() || i == kStepsPerTurn)
                        break;
                    if (cancelled()) {
                        emit ended(raceId, false);
                        return;
                    }
                    run.step();
                    ++stepsDone;
                }
                anyLeft = anyLeft || !run.finished();
            }
            emit progressed(raceId, stepsDone, stepsTotal);
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

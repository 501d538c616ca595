#include "playground/race_record.h"

#include "playground/race_models.h"

#include <algorithm>

RaceRecord::RaceRecord(QObject* parent) : QObject(parent)
{
    reset(moe::PlaygroundSettings{});
}

void RaceRecord::reset(const moe::PlaygroundSettings& mixture)
{
    for (const moe::RaceModel model : kRaceModels) {
        m_settings[raceIndex(model)] = moe::raceSettings(mixture, model);
        m_curves[raceIndex(model)].clear();
    }
    m_finished = false;
    emit cleared();
}

void RaceRecord::append(moe::RaceModel model, const moe::PlaygroundPoint& point)
{
    m_curves[raceIndex(model)].push_back(point);
    emit pointAdded(model);
}

void RaceRecord::setFinished(bool finished)
{
    if (finished == m_finished)
        return;
    m_finished = finished;
    emit finishedChanged(finished);
}

const moe::PlaygroundSettings& RaceRecord::settings(moe::RaceModel model) const
{
    return m_settings[raceIndex(model)];
}

const std::vector<moe::PlaygroundPoint>& RaceRecord::curve(moe::RaceModel model) const
{
    return m_curves[raceIndex(model)];
}

bool RaceRecord::isEmpty() const
{
    return std::all_of(m_curves.begin(), m_curves.end(), [](const auto& c) { return c.empty(); });
}

std::optional<moe::RaceSummary> RaceRecord::summary() const
{
    // The untrained models' points (step 0) compare nothing yet.
    const bool everyModelTrained = std::all_of(m_curves.begin(), m_curves.end(),
                                               [](const auto& c) { return !c.empty() && c.back().step > 0; });
    if (!everyModelTrained)
        return std::nullopt;
    return moe::summariseRace(
        std::vector<std::vector<moe::PlaygroundPoint>>(m_curves.begin(), m_curves.end()),
        std::vector<moe::PlaygroundSettings>(m_settings.begin(), m_settings.end()));
}

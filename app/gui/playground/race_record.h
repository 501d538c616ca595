// The Race's record: the settings of its three models and every measurement of each, in order.
// The one source the Race's charts, table and caption read (they subscribe to its signals).
#pragma once

#include "moe/playground.h"

#include <QObject>

#include <array>
#include <optional>
#include <vector>

class RaceRecord : public QObject {
    Q_OBJECT
public:
    using Settings = std::array<moe::PlaygroundSettings, moe::kRaceModelCount>;

    explicit RaceRecord(QObject* parent = nullptr);

    // The three models of a race of `mixture` (moe::raceSettings), and no points: emits cleared().
    void reset(const moe::PlaygroundSettings& mixture);
    // A measurement of `model`, after the ones before: emits pointAdded(model).
    void append(moe::RaceModel model, const moe::PlaygroundPoint& point);
    // The race ran to its end (or not): emits finishedChanged().
    void setFinished(bool finished);

    const moe::PlaygroundSettings& settings(moe::RaceModel model) const;
    const std::vector<moe::PlaygroundPoint>& curve(moe::RaceModel model) const;
    bool isFinished() const { return m_finished; }
    bool isEmpty() const;

    // moe::summariseRace of the curves so far; nullopt until every model has a point after
    // training (step > 0).
    std::optional<moe::RaceSummary> summary() const;

signals:
    void cleared();
    void pointAdded(moe::RaceModel model);
    void finishedChanged(bool finished);

private:
    Settings m_settings;
    std::array<std::vector<moe::PlaygroundPoint>, moe::kRaceModelCount> m_curves;
    bool m_finished = false;
};

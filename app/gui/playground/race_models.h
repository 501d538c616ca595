// What the Race calls its three models and how it draws them: the same name, colour and line
// style in both charts and the table, so a learner matches a line to a row at a glance. The line
// style differs too, so colour is never the only cue.
#pragma once

#include "moe/playground.h"

#include <QColor>
#include <QString>

#include <array>

inline constexpr std::array<moe::RaceModel, moe::kRaceModelCount> kRaceModels = {
    moe::RaceModel::Mixture, moe::RaceModel::DenseSameActive, moe::RaceModel::DenseSameTotal};

// The legend's and table's name: "Mixture of experts", "Dense, same active parameters", ...
QString raceModelName(moe::RaceModel model);
// The caption's name, usable anywhere in a sentence: "the mixture", "the small dense model", ...
QString raceModelCaptionName(moe::RaceModel model);
// What the model is, for a tooltip, from the settings it trains with (moe::raceSettings).
QString raceModelDescription(moe::RaceModel model, const moe::PlaygroundSettings& settings);

// Training seconds as the table and caption write them: two decimals under one second (the
// micro preset), one under ten, none from ten on.
QString raceSecondsNumber(double seconds);

QColor raceModelColour(moe::RaceModel model);
Qt::PenStyle raceModelPenStyle(moe::RaceModel model);

inline int raceIndex(moe::RaceModel model)
{
    return static_cast<int>(model);
}

// The core's reasons why Playground settings cannot be trained (PlaygroundSettings::problems), in
// the learner's language, and the names of the settings as the form labels them.
#pragma once

#include "moe/playground.h"

#include <QString>
#include <QStringList>

// The form's label of a setting: "Experts per layer".
QString settingName(moe::PlaygroundSettings::Field field);
// One sentence per problem: "Top-k (9) cannot be more than the experts per layer (8): …".
QString problemText(const moe::PlaygroundSettings::Problem& problem, const moe::PlaygroundSettings& settings);
QStringList problemTexts(const moe::PlaygroundSettings& settings);

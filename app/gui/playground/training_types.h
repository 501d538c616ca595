// The values that travel from the training worker to the GUI thread: a progress report, and the
// core's steps, measurements and probes, registered as Qt metatypes for queued connections.
#pragma once

#include "moe/playground.h"

#include <QMetaType>

#include <vector>

struct TrainingProgress {
    int step = 0;               // steps done
    int steps = 0;              // steps the run will take
    double tokensPerSecond = 0; // over the recent steps (training only); at the end, the whole run's
    double secondsLeft = 0;     // at that speed, for the steps still to go
    double trainingSeconds = 0; // the steps' own wall time so far
};

using StepStatsBatch = std::vector<moe::StepStats>;

Q_DECLARE_METATYPE(TrainingProgress)
Q_DECLARE_METATYPE(StepStatsBatch)
Q_DECLARE_METATYPE(moe::PlaygroundPoint)
Q_DECLARE_METATYPE(moe::PlaygroundProbe)
Q_DECLARE_METATYPE(moe::PlaygroundSettings)

// Registers the types above; cheap and safe to call more than once.
void registerTrainingMetaTypes();

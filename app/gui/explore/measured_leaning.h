// The leaning the experiments filter reads: how each expert of each layer leaned to math or to
// poems in the last two Compare runs, computed by the same compareRuns() Compare shows.
#pragma once

#include "explore/experiments_panel.h"

class TraceModel;

// Empty when either run has no tokens or the runs cannot be compared (a malformed record).
ExpertLeaning measuredLeaning(const TraceModel& math, const TraceModel& poem);

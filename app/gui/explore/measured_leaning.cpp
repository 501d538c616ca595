#include "explore/measured_leaning.h"

#include "compare/compare_stats.h"
#include "run/trace_model.h"

#include <stdexcept>

ExpertLeaning measuredLeaning(const TraceModel& math, const TraceModel& poem)
{
    if (math.tokenCount() == 0 || poem.tokenCount() == 0)
        return {};
    try {
        const CompareStats stats = compareRuns(math.tokens(), poem.tokens());
        if (stats.isEmpty())
            return {};
        return {stats.leaning, static_cast<int>(stats.math.tokens()), static_cast<int>(stats.poem.tokens())};
    } catch (const std::invalid_argument&) { // runs of two different shapes: nothing to measure
        return {};
    }
}

// The Playground tests' reference: the same settings trained directly with the core (no Qt, no
// thread), on the corpus the app's worker uses, stepping, measuring and probing as the worker does.
#pragma once

#include "playground/corpus_cache.h"

#include "moe/playground.h"

#include <QtGlobal>

#include <vector>

namespace moe::test {

struct DirectPlaygroundRun {
    std::vector<StepStats> steps;
    std::vector<PlaygroundPoint> points;
    std::vector<PlaygroundProbe> probes;
};

inline DirectPlaygroundRun runPlaygroundDirectly(const PlaygroundSettings& settings)
{
    PlaygroundRun run(settings, sharedPlaygroundCorpus(PlaygroundCorpusOptions{}, settings.vocab));
    DirectPlaygroundRun result;
    while (true) { // as the worker: measure and probe when due (step 0 too), else step
        if (run.measureDue())
            result.points.push_back(*run.measure());
        if (run.probeDue())
            result.probes.push_back(*run.probe());
        if (run.finished())
            break;
        run.step();
    }
    result.steps = run.log();
    return result;
}

} // namespace moe::test

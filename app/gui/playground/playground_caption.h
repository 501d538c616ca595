// The Playground's captions in plain words, computed from the record's measured numbers (never a
// fixed sentence): how well the model predicts held-out text, which layer routes math and poems
// most differently and how that changed, how even the work is shared, and where the probe prompts
// went now against the earlier probe.
#pragma once

#include "moe/playground.h"

#include <QString>

#include <vector>

class TrainingRecord;

// A layer counts as collapsed when its least-used expert gets less than this fraction of the even
// share (1 / experts): the caption says so, and the lessons quote the threshold (content_facts.h).
inline constexpr double kCollapsedFractionOfEvenShare = 0.25;

// The layer whose math-vs-poem divergence is highest at this point (0 when there is none).
int mostDivergentLayer(const moe::PlaygroundPoint& point);
// The experts of `layer` that took most of the prompt's gate weight, most first, at most `count`.
std::vector<int> topProbeExperts(const moe::ProbeRouting& routing, int layer, int count);

// What the charts show now (rich text).
QString trainingCaption(const TrainingRecord& record);
// Where the probe prompts went in the most divergent layer, now and at the probe before (rich text).
QString probeCaption(const TrainingRecord& record);

// The Race's caption: plain sentences computed from the measured race (moe::RaceSummary), never a
// fixed claim about who wins. Scores closer than a small margin read as "about equal", so noise
// is not sold as a victory.
#pragma once

#include "moe/playground.h"

#include <QString>

// Held-out scores this close (bits per byte) are about equal: a learner should not read a
// difference this small as a win (it is under 1% of the scores these models reach, about 2.6).
inline constexpr double kRaceAboutEqualBitsPerByte = 0.02;
// Training times within this fraction of the fastest are about equally long: timing on a shared
// machine wobbles by a few percent from run to run.
inline constexpr double kRaceAboutEqualTimeFraction = 0.05;

// Three sentences: which model predicts held-out text best after the same tokens, which is best
// after the same training time (the fastest model's), and how long each took; a fourth says the
// numbers will change while `finished` is false. Empty unless the summary has all three models.
QString raceCaption(const moe::RaceSummary& summary, bool finished);

// The caption's wording. Every sentence is a whole translatable piece with numbered places, so a
// translator can reorder it; model names are the caption forms of race_models.h.
#include "playground/race_caption.h"

#include "playground/race_models.h"
#include "style/number_format.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace {

// The translation context "RaceCaption", in a form lupdate recognises.
class RaceCaption {
    Q_DECLARE_TR_FUNCTIONS(RaceCaption)
};

QString bits(double bitsPerByte)
{
    return QLocale().toString(bitsPerByte, 'f', 2);
}

QString seconds(double s)
{
    return RaceCaption::tr("%1 s").arg(raceSecondsNumber(s));
}

// The three entries ordered from the summary's winner (`best`) on, then by `score` (lower is
// better); `tied` is how many of them, the winner included, are about equal to it.
struct Ranking {
    std::vector<const moe::RaceEntry*> order;
    int tied = 1;
};

Ranking rank(const moe::RaceSummary& summary, moe::RaceModel best,
             const std::function<double(const moe::RaceEntry&)>& score,
             const std::function<bool(double winner, double other)>& aboutEqual)
{
    Ranking r;
    for (const moe::RaceEntry& e : summary.entries)
        r.order.push_back(&e);
    std::stable_sort(r.order.begin(), r.order.end(), [&](const moe::RaceEntry* a, const moe::RaceEntry* b) {
        if ((a->model == best) != (b->model == best))
            return a->model == best;
        return score(*a) < score(*b);
    });
    const double winner = score(*r.order.front());
    r.tied = static_cast<int>(std::count_if(r.order.begin(), r.order.end(), [&](const moe::RaceEntry* e) {
        return aboutEqual(winner, score(*e));
    }));
    return r;
}

bool bitsAboutEqual(double winner, double other)
{
    return std::abs(other - winner) <= kRaceAboutEqualBitsPerByte;
}

bool timeAboutEqual(double fastest, double other)
{
    return std::abs(other - fastest) <= kRaceAboutEqualTimeFraction * fastest;
}

QString name(const moe::RaceEntry* e)
{
    return raceModelCaptionName(e->model);
}

QString perTokenSentence(const moe::RaceSummary& summary)
{
    const Ranking r = rank(
        summary, summary.bestPerToken, [](const moe::RaceEntry& e) { return e.bitsPerByteAtTokens; },
        bitsAboutEqual);
    const auto& o = r.order;
    const QString tokens = compactNumber(static_cast<double>(summary.comparedAtTokens));
    if (r.tied >= 3)
        return RaceCaption::tr("After the same %1 training tokens, all three models predict the held-out "
                               "text about equally well (%2, %3 and %4 bits per byte).")
            .arg(tokens, bits(o[0]->bitsPerByteAtTokens), bits(o[1]->bitsPerByteAtTokens),
                 bits(o[2]->bitsPerByteAtTokens));
    if (r.tied == 2)
        return RaceCaption::tr("After the same %1 training tokens, %2 and %3 predict the held-out text "
                               "about equally well (%4 and %5 bits per byte); %6 is behind with %7.")
            .arg(tokens, name(o[0]), name(o[1]), bits(o[0]->bitsPerByteAtTokens),
                 bits(o[1]->bitsPerByteAtTokens), name(o[2]), bits(o[2]->bitsPerByteAtTokens));
    return RaceCaption::tr("After the same %1 training tokens, %2 predicts the held-out text best: "
                           "%3 bits per byte, against %4 for %5 and %6 for %7.")
        .arg(tokens, name(o[0]), bits(o[0]->bitsPerByteAtTokens), bits(o[1]->bitsPerByteAtTokens), name(o[1]),
             bits(o[2]->bitsPerByteAtTokens), name(o[2]));
}

QString perSecondSentence(const moe::RaceSummary& summary)
{
    const Ranking r = rank(
        summary, summary.bestPerSecond, [](const moe::RaceEntry& e) { return e.bitsPerByteAtTime; },
        bitsAboutEqual);
    const auto& o = r.order;
    const QString time = seconds(summary.comparedAtSeconds);
    const QString fastest = raceModelCaptionName(summary.fastest);
    if (r.tied >= 3)
        return RaceCaption::tr("Given the same %1 of training (as long as %2 trained), all three are about "
                               "equal (%3, %4 and %5 bits per byte).")
            .arg(time, fastest, bits(o[0]->bitsPerByteAtTime), bits(o[1]->bitsPerByteAtTime),
                 bits(o[2]->bitsPerByteAtTime));
    if (r.tied == 2)
        return RaceCaption::tr("Given the same %1 of training (as long as %2 trained), %3 and %4 are about "
                               "equal (%5 and %6 bits per byte); %7 is behind with %8.")
            .arg(time, fastest, name(o[0]), name(o[1]), bits(o[0]->bitsPerByteAtTime),
                 bits(o[1]->bitsPerByteAtTime), name(o[2]), bits(o[2]->bitsPerByteAtTime));
    return RaceCaption::tr("Given the same %1 of training (as long as %2 trained), %3 is best: %4 bits per "
                           "byte, against %5 for %6 and %7 for %8.")
        .arg(time, fastest, name(o[0]), bits(o[0]->bitsPerByteAtTime), bits(o[1]->bitsPerByteAtTime),
             name(o[1]), bits(o[2]->bitsPerByteAtTime), name(o[2]));
}

QString timeSentence(const moe::RaceSummary& summary)
{
    const Ranking r = rank(
        summary, summary.fastest, [](const moe::RaceEntry& e) { return e.seconds; }, timeAboutEqual);
    const auto& o = r.order;
    if (r.tied >= 3)
        return RaceCaption::tr("All three took about as long to train (%1, %2 and %3).")
            .arg(seconds(o[0]->seconds), seconds(o[1]->seconds), seconds(o[2]->seconds));
    if (r.tied == 2)
        return RaceCaption::tr("Training took about as long for %1 and %2 (%3 and %4) and %5 for %6.")
            .arg(name(o[0]), name(o[1]), seconds(o[0]->seconds), seconds(o[1]->seconds),
                 seconds(o[2]->seconds), name(o[2]));
    return RaceCaption::tr("The fastest to train was %1 (%2), then %3 (%4) and %5 (%6).")
        .arg(name(o[0]), seconds(o[0]->seconds), name(o[1]), seconds(o[1]->seconds), name(o[2]),
             seconds(o[2]->seconds));
}

} // namespace

QString raceCaption(const moe::RaceSummary& summary, bool finished)
{
    if (summary.entries.size() != static_cast<size_t>(moe::kRaceModelCount))
        return {};
    QStringList sentences = {perTokenSentence(summary), perSecondSentence(summary), timeSentence(summary)};
    if (!finished)
        sentences << RaceCaption::tr("The race is still running: these numbers will change.");
    return sentences.join(QLatin1Char(' '));
}

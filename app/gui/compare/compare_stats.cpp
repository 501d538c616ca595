// Compare mode's numbers, all from moe:: analysis functions, and the caption written from them.
#include "compare/compare_stats.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <numeric>

namespace {

std::vector<moe::TokenRouting> countedRoutings(std::span<const moe::GeneratedToken> tokens,
                                               CountedTokens counted)
{
    std::vector<moe::TokenRouting> out;
    out.reserve(tokens.size());
    for (const moe::GeneratedToken& token : tokens) {
        if (counted == CountedTokens::PromptAndGenerated || !token.prompt)
            out.push_back(token.routing);
    }
    return out;
}

// The caption's strings, under one translation context that lupdate can see.
struct CompareCaption {
    Q_DECLARE_TR_FUNCTIONS(CompareCaption)
};

QString percent(double share)
{
    return CompareCaption::tr("%1%").arg(QLocale().toString(share * 100.0, 'f', 0));
}

QString bits(double value)
{
    return QLocale().toString(value, 'f', 2);
}

} // namespace

int CompareStats::mostDifferentLayer() const
{
    if (divergenceBits.empty())
        return -1;
    return static_cast<int>(std::max_element(divergenceBits.begin(), divergenceBits.end()) -
                            divergenceBits.begin());
}

CompareStats compareRuns(std::span<const moe::GeneratedToken> math, std::span<const moe::GeneratedToken> poem,
                         CountedTokens counted)
{
    const std::vector<moe::TokenRouting> mathRoutings = countedRoutings(math, counted);
    const std::vector<moe::TokenRouting> poemRoutings = countedRoutings(poem, counted);

    CompareStats stats;
    stats.math = moe::expertUsage(mathRoutings);
    stats.poem = moe::expertUsage(poemRoutings);
    if (stats.math.layers() == 0 && stats.poem.layers() == 0)
        return stats;
    // A run with no counted tokens is zero usage of the other's shape, so the two still line up.
    if (stats.math.layers() == 0)
        stats.math = moe::ExpertUsage(stats.poem.layers(), stats.poem.experts());
    if (stats.poem.layers() == 0)
        stats.poem = moe::ExpertUsage(stats.math.layers(), stats.math.experts());

    stats.mathShares = stats.math.shares();
    stats.poemShares = stats.poem.shares();
    stats.leaning = moe::expertLeaning(stats.math, stats.poem, moe::Leaning::ShareDifference);
    stats.divergenceBits = moe::jsDivergenceBitsPerLayer(stats.math, stats.poem);
    stats.meanDivergenceBits =
        std::accumulate(stats.divergenceBits.begin(), stats.divergenceBits.end(), 0.0) /
        static_cast<double>(stats.divergenceBits.size());
    stats.mostMathLeaning = moe::mostLeaningExperts(stats.math, stats.poem);
    stats.mostPoemLeaning = moe::mostLeaningExperts(stats.poem, stats.math);
    return stats;
}

QString compareCaption(const CompareStats& stats)
{
    if (stats.isEmpty())
        return CompareCaption::tr("Run a math prompt and a poem to see whether they wake different experts.");

    const int layer = stats.mostDifferentLayer();
    const double top = stats.divergenceBits[static_cast<size_t>(layer)];
    if (top < kSameDivergenceBits)
        return CompareCaption::tr(
                   "No real difference: in every layer the two texts used the experts almost the same way "
                   "(divergence below %1 bits). The router sent math and poem tokens to the same experts "
                   "about equally often.")
            .arg(bits(kSameDivergenceBits));

    const auto l = static_cast<size_t>(layer);
    const int mathExpert = stats.mostMathLeaning[l];
    const int poemExpert = stats.mostPoemLeaning[l];
    const auto m = static_cast<size_t>(mathExpert), p = static_cast<size_t>(poemExpert);

    QString caption =
        top >= kClearDivergenceBits
            ? CompareCaption::tr("Yes: math and the poem woke different experts.")
            : CompareCaption::tr("A little: math and the poem used the experts somewhat differently.");
    caption += QLatin1Char(' ');
    // "none of" reads better than "only 0% of", and is said only when the count is really zero.
    const auto isNone = [](double share) { return share == 0.0; };
    const QString mathPart =
        isNone(stats.poemShares[l][m])
            ? CompareCaption::tr("expert %1 did %2 of the math work there and none of the poem's")
                  .arg(QString::number(mathExpert + 1), percent(stats.mathShares[l][m]))
            : CompareCaption::tr("expert %1 did %2 of the math work there but only %3 of the poem's")
                  .arg(QString::number(mathExpert + 1), percent(stats.mathShares[l][m]),
                       percent(stats.poemShares[l][m]));
    const QString poemPart =
        isNone(stats.mathShares[l][p])
            ? CompareCaption::tr("expert %1 did %2 of the poem's work and none of the math work")
                  .arg(QString::number(poemExpert + 1), percent(stats.poemShares[l][p]))
            : CompareCaption::tr("expert %1 did %2 of the poem's work and only %3 of the math work")
                  .arg(QString::number(poemExpert + 1), percent(stats.poemShares[l][p]),
                       percent(stats.mathShares[l][p]));
    caption += CompareCaption::tr("The biggest difference is in layer %1 (%2 bits): %3, while %4.")
                   .arg(QString::number(layer + 1), bits(top), mathPart, poemPart);

    const int others = stats.layers() - 1;
    if (others > 0) {
        const int same =
            static_cast<int>(std::count_if(stats.divergenceBits.begin(), stats.divergenceBits.end(),
                                           [](double d) { return d < kSameDivergenceBits; }));
        caption += QLatin1Char(' ');
        if (same == 0)
            caption += CompareCaption::tr("Every layer shows some difference (%1 bits on average).")
                           .arg(bits(stats.meanDivergenceBits));
        else if (same == others && others == 1)
            caption +=
                CompareCaption::tr("In the other layer the two texts used the experts almost the same way.");
        else if (same == others)
            caption += CompareCaption::tr(
                "In all the other layers the two texts used the experts almost the same way.");
        else if (same == 1)
            caption +=
                CompareCaption::tr("In one other layer the two texts used the experts almost the same way.");
        else
            caption += CompareCaption::tr(
                "In %n other layers the two texts used the experts almost the same way.", nullptr, same);
    }
    return caption;
}

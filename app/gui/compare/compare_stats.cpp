// Compare mode's numbers, all from moe:: analysis functions, and the caption written from them.
#include "compare/compare_stats.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>
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

int CompareStats::routedLayers() const
{
    return layers() - static_cast<int>(std::count(denseLayers.begin(), denseLayers.end(), true));
}

std::vector<int> expertsByDifference(const CompareStats& stats, int layer)
{
    if (layer < 0 || layer >= stats.layers())
        return {};
    const std::vector<double>& leaning = stats.leaning[static_cast<size_t>(layer)];
    std::vector<int> order(leaning.size());
    std::iota(order.begin(), order.end(), 0);
    // Compared in billionths: two experts whose shares differ by the same count of slots tie exactly,
    // whatever rounding the subtraction left, and the lower number comes first.
    const auto key = [&](int e) { return std::llround(std::abs(leaning[static_cast<size_t>(e)]) * 1e9); };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) > key(b); });
    return order;
}

double leaningThreshold(int experts)
{
    return experts > 0 ? std::min(kLeaningDifference, 1.0 / experts) : kLeaningDifference;
}

std::vector<LeaningExpert> leaningExperts(const CompareStats& stats, int layer, Side side, int maxCount)
{
    std::vector<LeaningExpert> out;
    if (stats.isDense(layer) || stats.isEmpty())
        return out;
    const auto l = static_cast<size_t>(layer);
    const double threshold = leaningThreshold(stats.experts());
    for (const int e : expertsByDifference(stats, layer)) {
        if (static_cast<int>(out.size()) >= maxCount)
            break;
        const auto ei = static_cast<size_t>(e);
        const double toward = side == Side::Math ? stats.leaning[l][ei] : -stats.leaning[l][ei];
        if (toward >= threshold)
            out.push_back({e, stats.mathShares[l][ei], stats.poemShares[l][ei]});
    }
    return out;
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
    // A dense layer records no router: the first token of either run says which layers those are.
    const std::vector<moe::TokenRouting>& any = mathRoutings.empty() ? poemRoutings : mathRoutings;
    stats.denseLayers.assign(static_cast<size_t>(stats.layers()), false);
    for (size_t l = 0; l < any.front().layers.size() && l < stats.denseLayers.size(); ++l)
        stats.denseLayers[l] = any.front().layers[l].isDense();
    // The average is over the layers that route: a dense layer's 0 bits is no evidence of sameness.
    double sum = 0;
    for (int l = 0; l < stats.layers(); ++l)
        sum += stats.isDense(l) ? 0.0 : stats.divergenceBits[static_cast<size_t>(l)];
    stats.meanDivergenceBits = stats.routedLayers() > 0 ? sum / stats.routedLayers() : 0.0;
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

    // Dense layers have no router: nothing there can differ, so they count as neither kind.
    const int others = stats.routedLayers() - 1;
    if (others > 0) {
        int same = 0;
        for (int l = 0; l < stats.layers(); ++l)
            same += !stats.isDense(l) && stats.divergenceBits[static_cast<size_t>(l)] < kSameDivergenceBits
                        ? 1
                        : 0;
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

QString compareFootnote(const CompareStats& stats)
{
    QString note;
    const int dense = stats.layers() - stats.routedLayers();
    if (dense == 1) {
        const int l = static_cast<int>(std::find(stats.denseLayers.begin(), stats.denseLayers.end(), true) -
                                       stats.denseLayers.begin());
        note += QLatin1Char(' ') +
                CompareCaption::tr("Layer %1 is dense: it has no router, so it is left out.").arg(l + 1);
    } else if (dense > 1) {
        note += QLatin1Char(' ') +
                CompareCaption::tr("%n layers are dense: they have no router, so they are left out.", nullptr,
                                   dense);
    }
    if (stats.sharedExperts > 0)
        note +=
            QLatin1Char(' ') + CompareCaption::tr("The model's shared experts (%n) worked on every token of "
                                                  "both texts, so they lean to neither.",
                                                  nullptr, stats.sharedExperts);
    return note.trimmed();
}

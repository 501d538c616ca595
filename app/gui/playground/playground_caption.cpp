#include "playground/playground_caption.h"

#include "playground/training_record.h"
#include "style/number_format.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <numeric>

namespace {

// The translation context of these words.
class PlaygroundCaption {
    Q_DECLARE_TR_FUNCTIONS(PlaygroundCaption)
};

QString bits(double value)
{
    return QLocale().toString(value, 'f', 2);
}

// "E3 and E6", "E3": experts as every view names them.
QString expertList(const std::vector<int>& experts)
{
    QStringList names;
    for (int e : experts)
        names << PlaygroundCaption::tr("E%1").arg(e + 1);
    if (names.size() < 2)
        return names.join(QString());
    const QString last = names.takeLast();
    return PlaygroundCaption::tr("%1 and %2").arg(names.join(QStringLiteral(", ")), last);
}

} // namespace

int mostDivergentLayer(const moe::PlaygroundPoint& point)
{
    if (point.jsBits.empty())
        return 0;
    return static_cast<int>(std::max_element(point.jsBits.begin(), point.jsBits.end()) -
                            point.jsBits.begin());
}

std::vector<int> topProbeExperts(const moe::ProbeRouting& routing, int layer, int count)
{
    std::vector<double> weight;
    for (const moe::TokenRouting& token : routing.routing) {
        if (layer < 0 || static_cast<size_t>(layer) >= token.layers.size())
            continue;
        const moe::LayerRouting& l = token.layers[static_cast<size_t>(layer)];
        for (size_t i = 0; i < l.experts.size() && i < l.gates.size(); ++i) {
            const auto e = static_cast<size_t>(std::max(0, l.experts[i]));
            if (weight.size() <= e)
                weight.resize(e + 1, 0.0);
            weight[e] += l.gates[i];
        }
    }
    std::vector<int> order(weight.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return weight[static_cast<size_t>(a)] > weight[static_cast<size_t>(b)];
    });
    order.erase(std::remove_if(order.begin(), order.end(),
                               [&](int e) { return weight[static_cast<size_t>(e)] <= 0; }),
                order.end());
    if (static_cast<int>(order.size()) > count)
        order.resize(static_cast<size_t>(count));
    return order;
}

QString trainingCaption(const TrainingRecord& record)
{
    if (record.points().empty())
        return record.steps().empty()
                   ? PlaygroundCaption::tr(
                         "Choose a preset and press <b>Start</b>: a small mixture of experts trains right "
                         "here, and the charts show its experts learning.")
                   : PlaygroundCaption::tr("Training… the first measurement comes after step %1.")
                         .arg(record.settings().measureEvery);
    const moe::PlaygroundPoint& now = record.points().back();
    const moe::PlaygroundPoint& first = record.points().front();
    QStringList sentences;
    sentences << PlaygroundCaption::tr(
                     "After %1 steps (%2 tokens) the model predicts text it never trained on at "
                     "<b>%3</b> bits per byte for poems and <b>%4</b> for math.")
                     .arg(QLocale().toString(now.step), compactNumber(static_cast<double>(now.tokens)),
                          bits(now.poemBitsPerByte), bits(now.mathBitsPerByte));
    if (!now.jsBits.empty()) {
        const int layer = mostDivergentLayer(now);
        const double js = now.jsBits[static_cast<size_t>(layer)];
        const double before =
            static_cast<size_t>(layer) < first.jsBits.size() ? first.jsBits[static_cast<size_t>(layer)] : 0;
        if (&now == &first)
            sentences << PlaygroundCaption::tr(
                             "Layer %1 routes math and poems most differently: <b>%2</b> bits.")
                             .arg(layer + 1)
                             .arg(bits(js));
        else
            sentences << PlaygroundCaption::tr(
                             "Layer %1 routes math and poems most differently: <b>%2</b> bits (at step %3 "
                             "it was %4).")
                             .arg(layer + 1)
                             .arg(bits(js), QLocale().toString(first.step), bits(before));
    }
    if (!now.leastUsed.empty() && record.settings().experts > 0) {
        const auto least = *std::min_element(now.leastUsed.begin(), now.leastUsed.end(),
                                             [](const auto& a, const auto& b) { return a.share < b.share; });
        const double even = 1.0 / record.settings().experts;
        QString sentence =
            PlaygroundCaption::tr("The least-used expert, E%1 in layer %2, gets %3 of the tokens; an even "
                                  "share is %4.")
                .arg(least.expert + 1)
                .arg(least.layer + 1)
                .arg(percentText(least.share), percentText(even));
        if (least.share < even * kCollapsedFractionOfEvenShare)
            sentence +=
                QLatin1Char(' ') + PlaygroundCaption::tr("The router has almost abandoned it: collapse.");
        sentences << sentence;
    }
    return sentences.join(QLatin1Char(' '));
}

QString probeCaption(const TrainingRecord& record)
{
    const moe::PlaygroundProbe* now = record.latestProbe();
    if (!now)
        return PlaygroundCaption::tr("The probe routes two fixed prompts through the model as it trains.");
    const int layer = record.points().empty() ? 0 : mostDivergentLayer(record.points().back());
    QString text =
        PlaygroundCaption::tr("Step %1, layer %2: the math prompt went mostly to %3, the poem to %4.")
            .arg(QLocale().toString(now->step))
            .arg(layer + 1)
            .arg(expertList(topProbeExperts(now->math, layer, 2)),
                 expertList(topProbeExperts(now->poem, layer, 2)));
    if (record.probes().size() >= 2) {
        const moe::PlaygroundProbe& before = record.probes()[record.probes().size() - 2];
        text +=
            QLatin1Char(' ') + PlaygroundCaption::tr("At step %1 the math prompt went to %2, the poem to %3.")
                                   .arg(QLocale().toString(before.step))
                                   .arg(expertList(topProbeExperts(before.math, layer, 2)),
                                        expertList(topProbeExperts(before.poem, layer, 2)));
    }
    return text;
}

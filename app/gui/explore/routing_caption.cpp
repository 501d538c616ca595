// The caption's wording. Sentences are built from whole translatable pieces (never glued words), so
// a translator can reorder them; counts of one get their own sentence instead of "expert(s)".
#include "explore/routing_caption.h"

#include "style/visible_text.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace {

// The translation context "RoutingCaption", in a form lupdate recognises.
class RoutingCaption {
    Q_DECLARE_TR_FUNCTIONS(RoutingCaption)
};

// "expert 4 (71%)": one chosen expert with its share of the token's expert output.
QString expertWithGate(int expert, int percent)
{
    return RoutingCaption::tr("expert %1 (%2%)").arg(expert + 1).arg(percent);
}

// "a, b and c": English list joining, translatable piece by piece.
QString joinList(const QStringList& items)
{
    if (items.isEmpty())
        return {};
    QString text = items.first();
    for (qsizetype i = 1; i < items.size(); ++i) {
        text = (i + 1 == items.size()) ? RoutingCaption::tr("%1 and %2").arg(text, items[i])
                                       : RoutingCaption::tr("%1, %2").arg(text, items[i]);
    }
    return text;
}

QString sleepersSentence(int sleeping)
{
    if (sleeping <= 0)
        return RoutingCaption::tr("No expert slept: every one of them worked on it.");
    if (sleeping == 1)
        return RoutingCaption::tr("The other expert slept.");
    return RoutingCaption::tr("The other %1 experts slept.").arg(sleeping);
}

} // namespace

std::vector<int> gatePercents(const moe::LayerRouting& layer)
{
    const size_t k = layer.gates.size();
    std::vector<int> percents(k, 0);
    if (k == 0)
        return percents;
    const double total = std::accumulate(layer.gates.begin(), layer.gates.end(), 0.0);
    if (!(total > 0.0))
        return percents;
    // Largest remainder: floor every share, then hand the missing points to the largest remainders.
    std::vector<double> remainders(k);
    int assigned = 0;
    for (size_t i = 0; i < k; ++i) {
        const double exact = 100.0 * static_cast<double>(layer.gates[i]) / total;
        percents[i] = static_cast<int>(std::floor(exact));
        remainders[i] = exact - percents[i];
        assigned += percents[i];
    }
    std::vector<size_t> order(k);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
    for (size_t i = 0; assigned < 100 && i < k; ++i, ++assigned)
        ++percents[order[i]];
    return percents;
}

QString describeRouting(const QString& tokenText, const moe::TokenRouting& routing, int layer, int nExpert)
{
    if (layer < 0 || layer >= static_cast<int>(routing.layers.size()))
        return {};
    const moe::LayerRouting& chosen = routing.layers[static_cast<size_t>(layer)];
    if (chosen.isDense()) // DeepSeek's first layers: one feed-forward block, no router
        return RoutingCaption::tr("Layer %1 is dense: it has no router and no experts; every token goes "
                                  "through its one feed-forward block.")
            .arg(layer + 1);
    // One multi-argument arg() per sentence: a token such as "%2" must not be substituted again.
    // The token's characters as the token strip draws them: a space token reads '␣', never ' '.
    const QString token = RoutingCaption::tr("'%1'").arg(visibleText(tokenText));
    const int k = static_cast<int>(chosen.experts.size());
    const int sleeping = std::max(0, nExpert - k);

    QString sent;
    if (k == 0) {
        sent = RoutingCaption::tr("The router in layer %1 sent %2 to no expert at all.")
                   .arg(QString::number(layer + 1), token);
    } else if (k == 1) {
        sent = RoutingCaption::tr("The router in layer %1 sent %2 to expert %3 alone.")
                   .arg(QString::number(layer + 1), token, QString::number(chosen.experts[0] + 1));
    } else {
        const std::vector<int> percents = gatePercents(chosen);
        QStringList items;
        for (int i = 0; i < k; ++i)
            items << expertWithGate(chosen.experts[static_cast<size_t>(i)],
                                    i < static_cast<int>(percents.size()) ? percents[static_cast<size_t>(i)]
                                                                          : 0);
        sent = RoutingCaption::tr("The router in layer %1 sent %2 to %3.")
                   .arg(QString::number(layer + 1), token, joinList(items));
    }
    return sent + QLatin1Char(' ') + sleepersSentence(sleeping);
}

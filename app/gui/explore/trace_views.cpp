// The connections between a TraceModel and the Explore views: each view keeps its own setters (its
// tests drive them directly); these functions are the only place that calls them with a trace.
#include "explore/trace_views.h"

#include "explore/cost_panel.h"
#include "explore/expert_grid_view.h"
#include "explore/router_chart_view.h"
#include "explore/token_strip_view.h"
#include "run/trace_model.h"

namespace {

// Calls show(token) for every valid shown token; -1 (a reset) is left to the reset handler.
template <typename View, typename Show> void followShownToken(const TraceModel* trace, View* view, Show show)
{
    QObject::connect(trace, &TraceModel::shownTokenChanged, view, [trace, show](int index) {
        if (index >= 0 && index < trace->tokenCount())
            show(trace->token(index));
    });
}

} // namespace

void followTrace(const TraceModel* trace, TokenStripView* strip)
{
    QObject::connect(trace, &TraceModel::modelReset, strip, &TokenStripView::clear);
    QObject::connect(trace, &TraceModel::tokenAppended, strip, [trace, strip](int index) {
        const moe::GeneratedToken& token = trace->token(index);
        strip->appendToken(TraceModel::tokenText(token), token.prompt, token.routing);
    });
    QObject::connect(trace, &TraceModel::shownTokenChanged, strip, &TokenStripView::setCurrentToken);
}

void followTrace(const TraceModel* trace, ExpertGridView* grid)
{
    QObject::connect(trace, &TraceModel::modelReset, grid, [trace, grid] {
        const moe::ModelConfig& c = trace->config();
        std::vector<bool> dense(static_cast<size_t>(std::max(0, c.nLayer)));
        bool same = grid->layers() == c.nLayer && grid->experts() == c.nExpert &&
                    grid->sharedExperts() == c.sharedExpertCount();
        for (int l = 0; l < c.nLayer; ++l) {
            dense[static_cast<size_t>(l)] = c.isDenseLayer(l);
            same = same && grid->isDenseLayer(l) == c.isDenseLayer(l);
        }
        if (!same)
            grid->setShape(c.nLayer, c.nExpert, c.sharedExpertCount(), dense);
        grid->clearRouting();
    });
    followShownToken(trace, grid,
                     [grid](const moe::GeneratedToken& token) { grid->showRouting(token.routing, true); });
}

void followTrace(const TraceModel* trace, RouterChartView* chart)
{
    QObject::connect(trace, &TraceModel::modelReset, chart, &RouterChartView::clear);
    followShownToken(trace, chart, [chart](const moe::GeneratedToken& token) {
        chart->showRouting(TraceModel::tokenText(token), token.routing);
    });
}

void followTrace(const TraceModel* trace, CostPanel* cost)
{
    QObject::connect(trace, &TraceModel::modelReset, cost, [trace, cost] {
        cost->setModelConfig(trace->config()); // clears the figures too
    });
    followShownToken(trace, cost, [trace, cost](const moe::GeneratedToken& token) {
        cost->showToken(token.routing, trace->routingOverride());
    });
}

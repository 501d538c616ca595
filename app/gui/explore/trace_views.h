// Subscribes an Explore view to a TraceModel: from then on the view follows the trace by itself
// (cleared on reset, a chip per appended token, the shown token drawn in detail). Adding a view to
// a page is one of these calls; pages never push tokens into views. The connections live as long
// as both the trace and the view.
#pragma once

class CostPanel;
class ExpertGridView;
class RouterChartView;
class TokenStripView;
class TraceModel;

// One chip per token; the shown token outlined.
void followTrace(const TraceModel* trace, TokenStripView* strip);
// Takes the trace's shape (layers x experts) on reset and lights the shown token's experts.
void followTrace(const TraceModel* trace, ExpertGridView* grid);
// The shown token's router at the chart's layer.
void followTrace(const TraceModel* trace, RouterChartView* chart);
// The shown token's cost under the routing override the trace ran with.
void followTrace(const TraceModel* trace, CostPanel* cost);

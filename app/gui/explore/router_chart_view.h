// One token's router at one layer, as bars: the softmax probability of every expert, each bar in
// its expert's colour, the chosen top-k at full strength and outlined, the sleeping ones faded.
// With more experts than fit as readable bars (a real model's 64-256), the chart shows the top
// experts by probability plus one "others" bar holding the rest, and a button shows the whole
// distribution on demand (remembered). A dense layer has no router: the chart says so, no bars.
// A QtCharts chart whose colours follow the widget palette (light and dark).
#pragma once

#include "moe/routing.h"

#include <QString>
#include <QWidget>

#include <vector>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QGraphicsPathItem;
class QGraphicsSimpleTextItem;
class QStackedBarSeries;
class QToolButton;
class QValueAxis;

// One bar of the chart: an expert, or the "others" bar (expert -1) summing `count` experts.
struct RouterBar {
    int expert = -1;
    double probability = 0; // the router's, [0, 1]; for "others" the sum of theirs
    int count = 1;          // experts in the bar
    bool chosen = false;
    bool isOthers() const { return expert < 0; }
};

// The bars for one layer's router. Up to `topN` experts: every expert in number order. More: the
// topN experts by probability (highest first, the lower number on a tie), every chosen expert among
// them even when its probability is lower (grouped routing may skip a high one), then one "others"
// bar with the summed probability of the rest (left out when there is no rest). A dense layer
// (no probabilities) has no bars.
std::vector<RouterBar> routerBars(const moe::LayerRouting& layer, int topN);

class RouterChartView : public QWidget {
    Q_OBJECT
public:
    // Up to this many experts every bar is drawn; with more, the top ones plus "others".
    static constexpr int kAllBarsUpTo = 16;
    static constexpr int kTopBars = 10;

    explicit RouterChartView(QWidget* parent = nullptr);
    ~RouterChartView() override;

    // The layer whose router is drawn (0-based); redraws the last token.
    void setLayer(int layer);
    int layer() const { return m_layer; }
    void showRouting(const QString& tokenText, const moe::TokenRouting& routing);
    // Bars with no token yet, one per expert.
    void setExpertCount(int experts);
    // [layer][expert]; a switched-off expert's bar is hatched and labelled "off".
    void setDisabledExperts(const std::vector<std::vector<bool>>& disabled);
    void clear();
    // Every expert's bar, in number order, even when there are many (the learner's toggle, kept in
    // the settings). Off: the top experts plus "others" when the experts do not fit.
    void setShowAll(bool all);
    bool showsAll() const { return m_showAll; }

    // What is drawn, for the page and for tests.
    QString title() const;
    int expertCount() const { return m_experts; }
    double barPercent(int expert) const; // router probability in %, 0 without routing
    bool isChosen(int expert) const;     // among the layer's top-k
    QColor barColor(int expert) const;   // the fill of the expert's bar; invalid when it has none
    QRectF barRect(int expert) const;    // in this widget's coordinates; empty when not drawn
    const std::vector<RouterBar>& bars() const { return m_bars; } // as drawn, left to right
    bool hasOthersBar() const { return !m_bars.empty() && m_bars.back().isOthers(); }
    QToolButton* showAllButton() const { return m_showAllButton; }
    QChart* chart() const { return m_chart; }

signals:
    void showAllChanged(bool all);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // The expert labels' font: big and bold while the bars have room, smaller when they do not.
    QFont expertLabelFont(int bars) const;
    void updateExpertLabelFont(); // sets it on the axis when it changed (refresh and resize)
    struct Overlay {
        QGraphicsSimpleTextItem* value = nullptr;
        QGraphicsSimpleTextItem* note = nullptr; // "chosen" / "off"
        QGraphicsPathItem* outline = nullptr;
    };
    // Bar fills: one set per expert (each its own colour) while colours tell experts apart, else
    // one set per role, since 256 sets of 256 values would redraw slowly.
    enum Role { Chosen, Asleep, Off, Others, RoleCount };

    void rebuildSeries(int bars, bool perExpert);
    void refresh();
    void applyPalette();
    void placeOverlays();
    void updateButton();
    bool isDisabled(int expert) const;
    bool perExpertSets() const;
    int barIndex(int expert) const; // -1 when not drawn
    const moe::LayerRouting* currentLayer() const;
    void showBarToolTip(bool status, int index, QBarSet* set);

    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QToolButton* m_showAllButton = nullptr;
    QStackedBarSeries* m_series = nullptr;
    QBarCategoryAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    std::vector<QBarSet*> m_sets; // per expert (non-zero only in its own column) or per Role
    bool m_setsPerExpert = true;
    std::vector<Overlay> m_overlays; // per bar
    std::vector<RouterBar> m_bars;
    QStringList m_categories;
    std::vector<QColor> m_barColors; // per bar

    int m_experts = 0;
    int m_layer = 0;
    bool m_showAll = false;
    QString m_tokenText;
    moe::TokenRouting m_routing;
    bool m_hasToken = false;
    std::vector<std::vector<bool>> m_disabled;
};

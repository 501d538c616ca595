// One token's router at one layer, as bars: the softmax probability of every expert, each bar in
// its expert's colour, the chosen top-k at full strength and outlined, the sleeping ones faded.
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
class QValueAxis;

class RouterChartView : public QWidget {
    Q_OBJECT
public:
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

    // What is drawn, for the page and for tests.
    QString title() const;
    int expertCount() const { return static_cast<int>(m_sets.size()); }
    double barPercent(int expert) const; // router probability in %, 0 without routing
    bool isChosen(int expert) const;     // among the layer's top-k
    QColor barColor(int expert) const;   // the fill of the expert's bar
    QRectF barRect(int expert) const;    // in this widget's coordinates
    QChart* chart() const { return m_chart; }

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Overlay {
        QGraphicsSimpleTextItem* value = nullptr;
        QGraphicsSimpleTextItem* note = nullptr; // "chosen" / "off"
        QGraphicsPathItem* outline = nullptr;
    };

    void rebuildSeries(int experts);
    void refresh();
    void applyPalette();
    void placeOverlays();
    bool isDisabled(int expert) const;
    const moe::LayerRouting* currentLayer() const;
    void showBarToolTip(bool status, int index, QBarSet* set);

    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QStackedBarSeries* m_series = nullptr;
    QBarCategoryAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    std::vector<QBarSet*> m_sets; // one per expert, non-zero only in its own column
    std::vector<Overlay> m_overlays;

    int m_layer = 0;
    QString m_tokenText;
    moe::TokenRouting m_routing;
    bool m_hasToken = false;
    std::vector<std::vector<bool>> m_disabled;
};

// The difference map of Compare mode: one cell per layer and expert, coloured on a diverging scale
// from indigo (the expert did more of the math's work) through the background to brown (more of the
// poem's), with the difference printed in the cell. Paints from the palette, so light and dark
// themes both read.
#pragma once

#include "compare/compare_stats.h"

#include <QRectF>

class QPainter;
#include <QWidget>

class UsageHeatMap : public QWidget {
    Q_OBJECT
public:
    // A share difference of this many (fraction of the layer's work) or more gets the full colour.
    static constexpr double kFullColourDifference = 0.25;
    // Rows grow with the widget up to this many text lines: taller only stretches the colour.
    static constexpr double kMaxRowLines = 4.5;

    explicit UsageHeatMap(QWidget* parent = nullptr);

    void setStats(const CompareStats& stats);
    void clear();
    // The highlighted row (0-based), e.g. the layer the bar chart shows; -1 for none.
    void setSelectedLayer(int layer);
    int selectedLayer() const { return m_selectedLayer; }

    // The fill of a cell with share difference `leaning` (math - poem) on `background`.
    static QColor cellColor(double leaning, const QColor& background);
    // "+12%", "−8%", "0%": the difference in percentage points of the layer's work.
    static QString cellText(double leaning);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void layerClicked(int layer);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Geometry {
        QRectF grid;          // the cells
        qreal labelWidth = 0; // row labels, left of grid
        qreal headerHeight = 0;
        QRectF legend;
        double cellWidth = 0, cellHeight = 0;
    };
    Geometry geometry() const;
    // The (layer, expert) under a point, or {-1, -1}.
    std::pair<int, int> cellAt(const QPointF& point) const;
    // Lays out the legend in area's width, painting it when painter is given; returns its height.
    qreal legend(QPainter* painter, const QRectF& area) const;

    CompareStats m_stats;
    int m_selectedLayer = -1;
};

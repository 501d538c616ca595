// The difference map of Compare mode: one cell per layer and expert, coloured on a diverging scale
// from indigo (the expert did more of the math's work) through the background to brown (more of the
// poem's), with the difference printed in the cell where it fits. At a real model's 64-256 experts
// the cells become a plain heat map (numbers in the tooltip), and each row can be sorted by
// difference so the leaning experts gather on the left. Dense layers are a hatched row with no
// routing; shared experts a grey block apart, always on for both texts. Paints from the palette, so
// light and dark themes both read.
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
    // Each row's experts ordered by |math share - poem share|, largest left (expertsByDifference).
    void setSortedByDifference(bool sorted);
    bool isSortedByDifference() const { return m_sorted; }
    // The expert drawn in `column` of `layer`'s row (-1 out of range).
    int expertAt(int layer, int column) const;
    // Where a cell is drawn (empty out of range); column in drawing order.
    QRectF cellRect(int layer, int column) const;
    // True when the cells are large enough to print their numbers.
    bool printsNumbers() const;

    // The fill of a cell with share difference `leaning` (math - poem) on `background`.
    // `full`: the difference that gets the full colour.
    static QColor cellColor(double leaning, const QColor& background, double full = kFullColourDifference);
    // kFullColourDifference, or four even shares when that is less: with 64-256 experts a share is a
    // few percent at most, and a 25-point scale would leave the whole map white.
    static double fullColourDifference(int experts);
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
        QRectF shared; // the shared experts' block, right of the grid (empty without any)
        double cellWidth = 0, cellHeight = 0;
    };
    Geometry geometry() const;
    bool printsNumbers(const Geometry& g) const; // for a geometry already computed
    // The (layer, expert) under a point, or {-1, -1}.
    std::pair<int, int> cellAt(const QPointF& point) const;
    // Lays out the legend in area's width, painting it when painter is given; returns its height.
    qreal legend(QPainter* painter, const QRectF& area) const;

    CompareStats m_stats;
    std::vector<std::vector<int>> m_order; // [layer] experts in drawing order when sorted
    bool m_sorted = false;
    int m_selectedLayer = -1;
};

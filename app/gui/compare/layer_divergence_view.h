// Compare mode's per-layer summary: how different the two texts' expert usage is in each layer
// (Jensen-Shannon divergence, 0 to 1 bits, as a bar with its value) and which expert leans most
// towards each text there. One row per layer; clicking a row selects that layer.
#pragma once

#include "compare/compare_stats.h"

#include <QStringList>
#include <QWidget>

class LayerDivergenceView : public QWidget {
    Q_OBJECT
public:
    explicit LayerDivergenceView(QWidget* parent = nullptr);

    void setStats(const CompareStats& stats);
    void clear();
    void setSelectedLayer(int layer); // highlighted row, -1 for none
    int selectedLayer() const { return m_selectedLayer; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;

signals:
    void layerClicked(int layer);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    struct Columns { // left edges and widths, from the font and the widget's width
        qreal layerWidth = 0, bar = 0, barWidth = 0, barText = 0, barTextWidth = 0, math = 0, poem = 0;
        qreal chipColumn = 0;
        bool wrapHeaders = false;
    };
    QStringList headers() const;
    Columns columns(qreal width) const;
    qreal rowHeight() const;
    qreal headerHeight(qreal width) const;
    QString footnote() const;
    int layerAt(qreal y) const;

    CompareStats m_stats;
    int m_selectedLayer = -1;
};

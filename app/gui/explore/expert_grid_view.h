// The layers x experts grid of Explore mode: for the current token, the experts each layer's router
// chose light up in their own colour, glowing with their gate weight; the sleeping ones stay dim
// but visible (seeing the idle experts is the lesson). From one token to the next every cell fades
// smoothly. Takes routing records through setters; never runs the model.
#pragma once

#include "moe/routing.h"

#include <QElapsedTimer>
#include <QPixmap>
#include <QRegion>
#include <QWidget>

#include <vector>

class QVariantAnimation;

// How smoothly the grid animates: frames painted while an animation ran and the time between them.
struct FrameStats {
    int frames = 0;
    double meanIntervalMs = 0.0;
    double p95IntervalMs = 0.0;
    double maxIntervalMs = 0.0;
    double fps = 0.0; // 1000 / mean interval; 0 before two frames
};

class ExpertGridView : public QWidget {
    Q_OBJECT
public:
    explicit ExpertGridView(QWidget* parent = nullptr);
    ~ExpertGridView() override;

    // Rows L1..Ln, columns E1..En. Clears the routing, the switched-off table and the selection.
    void setShape(int layers, int experts);
    int layers() const { return m_layers; }
    int experts() const { return m_experts; }

    // Lights the chosen experts of every layer. A grid without a shape takes it from the routing;
    // layers or experts beyond the shape are ignored. animate = false (or an animation time of 0)
    // jumps straight to the new picture.
    void showRouting(const moe::TokenRouting& routing, bool animate = true);
    void clearRouting();
    // [layer][expert] = switched off in the current experiment; drawn hatched and labelled "off".
    void setDisabledExperts(const std::vector<std::vector<bool>>& disabled);

    // Length of the fade between tokens in ms (0 = instant); eased in and out.
    void setAnimationMs(int ms);
    int animationMs() const { return m_animationMs; }
    bool isAnimating() const;

    // The highlighted row (-1 = none), e.g. the layer the token strip and chart follow.
    void setSelectedLayer(int layer);
    int selectedLayer() const { return m_selectedLayer; }
    // The column a lesson points at (-1 = none): outlined from top to bottom.
    void setHighlightedExpert(int expert);
    int highlightedExpert() const { return m_highlightedExpert; }

    void setShowLegend(bool show);
    void setShowFrameStats(bool show); // a small fps overlay, for checking smoothness
    FrameStats frameStats() const;
    void resetFrameStats();

    // Where a cell is drawn, in widget coordinates (empty for an index outside the shape).
    QRect cellRect(int layer, int expert) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void layerClicked(int layer);
    void expertClicked(int layer, int expert);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // One cell's look, as two quantities that fade independently: lit (chosen or not) and gate weight.
    struct Cell {
        double litFrom = 0.0, litTo = 0.0, lit = 0.0;
        double gateFrom = 0.0, gateTo = 0.0, gate = 0.0;
        int percent = 0; // gate % printed in the cell; kept while a cell fades out
    };
    struct Layout {
        QRectF grid;       // the cells' area
        double pitchX = 0; // cell width plus gap
        double pitchY = 0; // cell height plus gap
        double gap = 0;
        double labelScale = 1.0;
        QRectF rowLabels, header, legend;
    };

    Layout computeLayout() const;
    QRectF cellRectF(const Layout& layout, int layer, int expert) const;
    Cell& cell(int layer, int expert);
    const Cell& cell(int layer, int expert) const;
    bool isDisabled(int layer, int expert) const;
    bool hitTest(const QPoint& pos, int* layer, int* expert) const;
    void applyProgress(double t);
    void recordFrame();

    void paintRowBand(QPainter& p, const Layout& layout) const;
    void paintColumnBand(QPainter& p, const Layout& layout) const;
    void paintLabels(QPainter& p, const Layout& layout) const;
    void paintGlow(QPainter& p, const QRectF& r, int expert, const Cell& c) const;
    void paintCell(QPainter& p, const QRectF& r, int layer, int expert, const Cell& c) const;
    void paintLegend(QPainter& p, const Layout& layout) const;
    void paintFrameStats(QPainter& p) const;
    void invalidateCaches();
    void ensureCaches(const Layout& layout);
    double glowReach(const QRectF& cellRect) const;

    int m_layers = 0;
    int m_experts = 0;
    std::vector<Cell> m_cells; // row-major [layer][expert]
    moe::TokenRouting m_routing;
    std::vector<std::vector<bool>> m_disabled;
    int m_selectedLayer = -1;
    int m_highlightedExpert = -1;
    int m_animationMs = 200;
    bool m_showLegend = true;
    bool m_showFrameStats = false;
    QVariantAnimation* m_animation = nullptr;
    // The grid with every expert asleep (labels, legend, switched-off hatching), the gaps between
    // cells, and one halo per expert: rebuilt on a change of size, palette, font or table.
    QPixmap m_background;
    QRegion m_gaps;
    std::vector<QPixmap> m_glows;

    QElapsedTimer m_frameClock;
    qint64 m_lastFrameNs = -1;
    int m_frames = 0;
    std::vector<double> m_intervalsMs;
};

// The layers x experts grid of Explore mode: for the current token, the experts each layer's router
// chose light up in their own colour, glowing with their gate weight; the sleeping ones stay dim
// but visible (seeing the idle experts is the lesson). From one token to the next every cell fades
// smoothly. Takes routing records through setters; never runs the model.
//
// A real model's shape (16-61 layers x 60-256 experts, shared experts, dense layers) does not fit
// as readable cells: the grid then becomes a zoomable heat map (expert_grid_heat_*.cpp) whose
// colour is the router probability, with the chosen experts outlined, the focused layer enlarged
// below it, shared experts in a strip of their own and dense layers as one always-on block.
#pragma once

#include "moe/routing.h"

#include <QElapsedTimer>
#include <QImage>
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

    // Rows L1..Ln, columns E1..En, plus sharedExperts always-on experts per routed layer and the
    // dense layers ([layer] = true: no router, one always-on block). Clears the routing, the
    // switched-off table, the zoom and the selection.
    void setShape(int layers, int experts, int sharedExperts = 0, const std::vector<bool>& denseLayers = {});
    int layers() const { return m_layers; }
    int experts() const { return m_experts; }
    int sharedExperts() const { return m_shared; }
    bool isDenseLayer(int layer) const;
    // Cells (the built-in 4 x 8 look) up to kMaxCellExperts x kMaxCellLayers without shared experts
    // or dense layers; a heat map beyond that.
    static constexpr int kMaxCellExperts = 16;
    static constexpr int kMaxCellLayers = 16;
    bool isHeatMap() const;

    // Heat map only: zoom 1 = every layer and expert fit; the wheel and + / - zoom, 0 fits all.
    double zoom() const { return m_zoom; }
    double maxZoom() const;
    // Zooms keeping the point anchor (widget coordinates) where it is; the viewport's centre if null.
    void setZoom(double zoom, QPointF anchor = QPointF(-1, -1));
    void zoomIn();
    void zoomOut();
    void fitAll();

    // The expert the keyboard is on (heat map: arrows, Home / End, Enter switches it off). Its
    // layer is the selected layer.
    int focusedExpert() const { return m_focusExpert; }
    void setFocusedExpert(int expert);
    // What hover and keyboard focus say about one expert, e.g. "Layer 3, expert 17: router
    // probability 4.2%, chosen, gate 31.0%". expert -1 names a dense layer's block.
    QString describeExpert(int layer, int expert) const;
    QString describeSharedExpert(int layer, int index) const;
    // The heat map's information line: the hovered expert, else the focused one, else a hint.
    QString statusText() const { return m_statusText; }
    // The expert under a point, as hover and clicks see it: false outside every expert. layer is
    // set for a row label or a dense block too (expert -1 then).
    bool expertAt(const QPoint& pos, int* layer, int* expert) const;
    // Heat map: the focused layer's enlarged cell of an expert (empty if none is focused).
    QRect detailCellRect(int expert) const;
    // The always-on blocks the last paint drew: one per shared expert of every routed layer and
    // one per dense layer (widget coordinates, clipped to the map).
    const std::vector<QRect>& drawnAlwaysOnBlocks() const { return m_drawnAlwaysOn; }

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

    // Where a cell is drawn, in widget coordinates (empty for an index outside the shape). In the
    // heat map: the cell in the overview at the current zoom (possibly outside the visible part).
    QRect cellRect(int layer, int expert) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void layerClicked(int layer);
    void expertClicked(int layer, int expert);
    void statusTextChanged(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // One cell's look, as two quantities that fade independently: lit (chosen or not) and gate weight.
    struct Cell {
        double litFrom = 0.0, litTo = 0.0, lit = 0.0;
        double gateFrom = 0.0, gateTo = 0.0, gate = 0.0;
        int percent = 0;                          // gate % printed in the cell; kept while a cell fades out
        float heatFrom = 0, heatTo = 0, heat = 0; // heat map: router probability on a log scale, [0, 1]
    };
    // The heat map's geometry at the current size and zoom.
    struct HeatLayout {
        QRectF viewport; // the visible part of the overview
        QRectF matrix;   // the whole overview at this zoom (may extend past the viewport)
        double pitchX = 0, pitchY = 0;
        QRectF rowLabels, header, shared; // shared: the always-on strip left of the viewport
        double sharedPitch = 0;
        QRectF fitButton;           // "Fit all", shown while zoomed
        QRectF detailTitle, detail; // the focused layer, enlarged
        int detailPerRow = 0;
        double detailPitchX = 0, detailPitchY = 0;
        QRectF info, legend;
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
    int detailLayer() const;

    // Heat map (expert_grid_heat_map.cpp: geometry and events; expert_grid_heat_paint.cpp: painting).
    HeatLayout computeHeatLayout() const;
    QRectF heatCellRectF(const HeatLayout& layout, int layer, int expert) const;
    QRectF detailCellRectF(const HeatLayout& layout, int expert) const;
    QRectF sharedRectF(const HeatLayout& layout, int layer, int index) const;
    QRectF denseRectF(const HeatLayout& layout, int layer) const;
    bool heatHitTest(const QPointF& pos, int* layer, int* expert, int* shared) const;
    void paintHeatMap(QPainter& p);
    void ensureHeatCaches(const HeatLayout& layout);
    void updateHeatImage();
    void ensureHeatLut();
    void paintHeatLabels(QPainter& p, const HeatLayout& layout) const;
    void paintHeatOverlay(QPainter& p, const HeatLayout& layout); // records m_drawnAlwaysOn
    void paintDetail(QPainter& p, const HeatLayout& layout) const;
    void paintHeatLegend(QPainter& p, const HeatLayout& layout) const;
    QColor heatColour(float heat) const;
    QColor alwaysOnColour() const;
    QColor offColour() const; // a switched-off expert
    void clampPan(const HeatLayout& layout);
    void scrollToFocus();
    void setHover(int layer, int expert, int shared);
    void refreshStatus();
    void moveFocus(int dLayer, int dExpert);
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
    int m_shared = 0;
    std::vector<bool> m_dense; // [layer]
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

    // Heat map state: one pixel per expert, rows rewritten only when their values changed.
    QImage m_heatImage;
    std::vector<char> m_heatRowDirty;
    std::vector<QRgb> m_heatLut;
    double m_zoom = 1.0;
    QPointF m_pan; // how far the zoomed overview is scrolled, in pixels
    int m_focusExpert = -1;
    int m_hoverLayer = -1, m_hoverExpert = -1, m_hoverShared = -1;
    QString m_statusText;
    QPoint m_pressPos;
    QPointF m_pressPan;
    bool m_pressed = false, m_panning = false;
    std::vector<QRect> m_drawnAlwaysOn;

    QElapsedTimer m_frameClock;
    qint64 m_lastFrameNs = -1;
    int m_frames = 0;
    std::vector<double> m_intervalsMs;
};

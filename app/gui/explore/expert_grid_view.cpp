// Painting and animation of the expert grid. Every size derives from the cell pitch and the
// widget's font metrics, so the grid reads on a laptop and on a projector alike.
#include "explore/expert_grid_view.h"

#include "explore/routing_caption.h"
#include "style/colour_maths.h"
#include "style/expert_palette.h"

#include <QAccessible>
#include <QEasingCurve>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>

namespace {

QFont scaledFont(QFont font, double pixelSize, bool bold = false)
{
    font.setPixelSize(std::max(1, static_cast<int>(std::lround(pixelSize))));
    font.setBold(bold);
    return font;
}

// Ranges for the cell pitch: wide cells read better than tall ones, but not without limit.
constexpr double kMaxAspect = 1.8; // cell width / height
constexpr double kMinAspect = 0.9;
constexpr int kMaxRecordedFrames = 100000;

} // namespace

ExpertGridView::ExpertGridView(QWidget* parent) : QWidget(parent), m_animation(new QVariantAnimation(this))
{
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(1.0);
    m_animation->setEasingCurve(QEasingCurve::InOutCubic);
    m_animation->setDuration(m_animationMs);
    connect(m_animation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant& value) { applyProgress(value.toDouble()); });
    connect(m_animation, &QVariantAnimation::finished, this, [this] { applyProgress(1.0); });
    m_frameClock.start();
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Expert grid"));
    setAccessibleDescription(tr("Layers as rows and experts as columns; the experts the router chose for the "
                                "current token light up, the others sleep."));
}

ExpertGridView::~ExpertGridView() = default;

void ExpertGridView::setShape(int layers, int experts, int sharedExperts,
                              const std::vector<bool>& denseLayers)
{
    m_animation->stop();
    m_layers = std::max(0, layers);
    m_experts = std::max(0, experts);
    m_shared = std::max(0, sharedExperts);
    m_dense = denseLayers;
    m_dense.resize(static_cast<size_t>(m_layers), false);
    m_cells.assign(static_cast<size_t>(m_layers) * static_cast<size_t>(m_experts), Cell{});
    m_routing = {};
    m_disabled.clear();
    if (m_selectedLayer >= m_layers)
        m_selectedLayer = -1;
    if (m_highlightedExpert >= m_experts)
        m_highlightedExpert = -1;
    m_focusExpert = -1;
    m_hoverLayer = m_hoverExpert = m_hoverShared = -1;
    m_zoom = 1.0;
    m_pan = {};
    m_heatImage = QImage();
    const bool heat = isHeatMap();
    setMouseTracking(heat); // hover names the expert under the mouse
    setFocusPolicy(heat ? Qt::StrongFocus : Qt::NoFocus);
    refreshStatus();
    updateGeometry();
    invalidateCaches();
}

bool ExpertGridView::isDenseLayer(int layer) const
{
    return layer >= 0 && layer < static_cast<int>(m_dense.size()) && m_dense[static_cast<size_t>(layer)];
}

bool ExpertGridView::isHeatMap() const
{
    const bool anyDense = std::find(m_dense.begin(), m_dense.end(), true) != m_dense.end();
    return m_experts > kMaxCellExperts || m_layers > kMaxCellLayers || m_shared > 0 || anyDense;
}

ExpertGridView::Cell& ExpertGridView::cell(int layer, int expert)
{
    return m_cells[static_cast<size_t>(layer) * static_cast<size_t>(m_experts) + static_cast<size_t>(expert)];
}

const ExpertGridView::Cell& ExpertGridView::cell(int layer, int expert) const
{
    return m_cells[static_cast<size_t>(layer) * static_cast<size_t>(m_experts) + static_cast<size_t>(expert)];
}

bool ExpertGridView::isDisabled(int layer, int expert) const
{
    if (layer < 0 || layer >= static_cast<int>(m_disabled.size()))
        return false;
    const std::vector<bool>& row = m_disabled[static_cast<size_t>(layer)];
    return expert >= 0 && expert < static_cast<int>(row.size()) && row[static_cast<size_t>(expert)];
}

void ExpertGridView::showRouting(const moe::TokenRouting& routing, bool animate)
{
    if (m_layers == 0 && !routing.layers.empty()) {
        std::vector<bool> dense;
        for (const moe::LayerRouting& layer : routing.layers)
            dense.push_back(layer.isDense());
        setShape(static_cast<int>(routing.layers.size()), routing.expertCount(), 0, dense);
    }
    m_routing = routing;

    // Start from what is on screen now, so a token arriving mid-fade continues without a jump.
    for (Cell& c : m_cells) {
        c.litFrom = c.lit;
        c.gateFrom = c.gate;
        c.heatFrom = c.heat;
        c.litTo = 0.0;
        c.gateTo = 0.0;
        c.heatTo = 0.0f;
    }
    const int nLayers = std::min(m_layers, static_cast<int>(routing.layers.size()));
    // Heat: log scale from the uniform 1/E (or less) to 1, so "several times more likely than
    // average" already shows, while a router sure of one expert saturates it. Each score is taken
    // as its share of the layer's total: softmax probabilities are unchanged, and DeepSeek-V3's
    // sigmoid scores (about 0.5 each) no longer paint every cell at full strength.
    const double logExperts = std::log(std::max(2, m_experts));
    for (int l = 0; l < nLayers; ++l) {
        const moe::LayerRouting& layer = routing.layers[static_cast<size_t>(l)];
        const int nProbs = std::min(m_experts, static_cast<int>(layer.probs.size()));
        double total = 0.0;
        for (int e = 0; e < nProbs; ++e)
            total += std::max(0.0f, layer.probs[static_cast<size_t>(e)]);
        for (int e = 0; e < nProbs; ++e) {
            const double prob = total > 0.0 ? layer.probs[static_cast<size_t>(e)] / total : 0.0;
            cell(l, e).heatTo =
                prob > 0.0 ? static_cast<float>(std::clamp(1.0 + std::log(prob) / logExperts, 0.0, 1.0))
                           : 0.0f;
        }
        const std::vector<int> percents = gatePercents(layer);
        for (size_t i = 0; i < layer.experts.size(); ++i) {
            const int e = layer.experts[i];
            if (e < 0 || e >= m_experts)
                continue;
            Cell& c = cell(l, e);
            c.litTo = 1.0;
            c.gateTo =
                i < layer.gates.size() ? std::clamp(static_cast<double>(layer.gates[i]), 0.0, 1.0) : 0.0;
            c.percent = i < percents.size() ? percents[i] : 0;
        }
    }

    m_animation->stop();
    if (animate && m_animationMs > 0 && isVisible()) {
        m_lastFrameNs = -1; // the pause before this token is not a frame interval
        m_animation->setDuration(m_animationMs);
        m_animation->start();
    } else {
        applyProgress(1.0);
    }
}

void ExpertGridView::clearRouting()
{
    m_animation->stop();
    m_routing = {};
    for (Cell& c : m_cells)
        c = Cell{};
    std::fill(m_heatRowDirty.begin(), m_heatRowDirty.end(), 1);
    refreshStatus();
    update();
}

void ExpertGridView::setDisabledExperts(const std::vector<std::vector<bool>>& disabled)
{
    m_disabled = disabled;
    std::fill(m_heatRowDirty.begin(), m_heatRowDirty.end(), 1);
    refreshStatus();
    invalidateCaches();
}

void ExpertGridView::setAnimationMs(int ms)
{
    m_animationMs = std::max(0, ms);
    if (m_animationMs == 0 && m_animation->state() == QAbstractAnimation::Running) {
        m_animation->stop();
        applyProgress(1.0);
    }
}

bool ExpertGridView::isAnimating() const
{
    return m_animation->state() == QAbstractAnimation::Running;
}

void ExpertGridView::setSelectedLayer(int layer)
{
    const int selected = (layer >= 0 && layer < m_layers) ? layer : -1;
    if (selected == m_selectedLayer)
        return;
    m_selectedLayer = selected;
    if (isHeatMap())
        scrollToFocus();
    refreshStatus();
    invalidateCaches();
}

void ExpertGridView::setHighlightedExpert(int expert)
{
    const int highlighted = (expert >= 0 && expert < m_experts) ? expert : -1;
    if (highlighted == m_highlightedExpert)
        return;
    m_highlightedExpert = highlighted;
    invalidateCaches();
}

void ExpertGridView::setShowLegend(bool show)
{
    m_showLegend = show;
    invalidateCaches();
}

void ExpertGridView::setShowFrameStats(bool show)
{
    m_showFrameStats = show;
    update();
}

FrameStats ExpertGridView::frameStats() const
{
    FrameStats stats;
    stats.frames = m_frames;
    if (m_intervalsMs.empty())
        return stats;
    std::vector<double> sorted = m_intervalsMs;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0.0;
    for (const double ms : sorted)
        sum += ms;
    stats.meanIntervalMs = sum / static_cast<double>(sorted.size());
    const size_t p95 = std::min(sorted.size() - 1, static_cast<size_t>(std::ceil(0.95 * sorted.size())) - 1);
    stats.p95IntervalMs = sorted[p95];
    stats.maxIntervalMs = sorted.back();
    stats.fps = stats.meanIntervalMs > 0.0 ? 1000.0 / stats.meanIntervalMs : 0.0;
    return stats;
}

void ExpertGridView::resetFrameStats()
{
    m_frames = 0;
    m_intervalsMs.clear();
    m_lastFrameNs = -1;
}

void ExpertGridView::applyProgress(double t)
{
    const bool done = t >= 1.0; // exactly the target, so the last frame equals an instant render
    m_heatRowDirty.resize(static_cast<size_t>(m_layers), 1);
    for (int l = 0; l < m_layers; ++l) {
        bool changed = false;
        for (int e = 0; e < m_experts; ++e) {
            Cell& c = cell(l, e);
            c.lit = done ? c.litTo : c.litFrom + (c.litTo - c.litFrom) * t;
            c.gate = done ? c.gateTo : c.gateFrom + (c.gateTo - c.gateFrom) * t;
            const float heat = done ? c.heatTo : c.heatFrom + (c.heatTo - c.heatFrom) * static_cast<float>(t);
            changed = changed || heat != c.heat;
            c.heat = heat;
        }
        if (changed)
            m_heatRowDirty[static_cast<size_t>(l)] = 1;
    }
    if (done)
        refreshStatus();
    update();
}

void ExpertGridView::recordFrame()
{
    const qint64 now = m_frameClock.nsecsElapsed();
    ++m_frames;
    if (m_lastFrameNs >= 0 && static_cast<int>(m_intervalsMs.size()) < kMaxRecordedFrames)
        m_intervalsMs.push_back(static_cast<double>(now - m_lastFrameNs) / 1e6);
    m_lastFrameNs = now;
}

// ---- Geometry -----------------------------------------------------------------------------------

ExpertGridView::Layout ExpertGridView::computeLayout() const
{
    Layout layout;
    const QFontMetricsF fm(font());
    const double margin = fm.height() * 0.5;
    const QRectF area = QRectF(rect()).adjusted(margin, margin * 0.5, -margin, -margin * 0.5);
    if (m_layers <= 0 || m_experts <= 0 || area.isEmpty())
        return layout;

    // Two passes: labels grow with the cells (projector mode), and their room shrinks the cells.
    double scale = 1.0;
    for (int pass = 0; pass < 2; ++pass) {
        const double rowLabelWidth = fm.horizontalAdvance(QStringLiteral("L88")) * scale + margin;
        const double headerHeight = fm.height() * scale * 1.7;
        const double legendHeight = m_showLegend ? fm.height() * 2.0 : 0.0;
        const QRectF cells = area.adjusted(rowLabelWidth, headerHeight, 0, -legendHeight);
        double pitchX = cells.width() / m_experts;
        double pitchY = cells.height() / m_layers;
        pitchY = std::min(pitchY, pitchX / kMinAspect);
        pitchX = std::min(pitchX, pitchY * kMaxAspect);
        scale = std::clamp(std::min(pitchX, pitchY) / (fm.height() * 3.2), 1.0, 2.2);
        if (pass == 0)
            continue;

        const QSizeF gridSize(pitchX * m_experts, pitchY * m_layers);
        const double blockWidth = rowLabelWidth + gridSize.width();
        const double blockHeight = headerHeight + gridSize.height() + legendHeight;
        const QPointF blockTopLeft(area.left() + (area.width() - blockWidth) / 2.0,
                                   area.top() + (area.height() - blockHeight) / 2.0);
        layout.pitchX = pitchX;
        layout.pitchY = pitchY;
        layout.gap = std::max(2.0, std::min(pitchX, pitchY) * 0.14);
        layout.labelScale = scale;
        layout.grid = QRectF(blockTopLeft + QPointF(rowLabelWidth, headerHeight), gridSize);
        layout.rowLabels = QRectF(blockTopLeft.x(), layout.grid.top(), rowLabelWidth, gridSize.height());
        layout.header = QRectF(layout.grid.left(), blockTopLeft.y(), gridSize.width(), headerHeight);
        layout.legend = QRectF(area.left(), layout.grid.bottom(), area.width(), legendHeight);
    }
    return layout;
}

QRectF ExpertGridView::cellRectF(const Layout& layout, int layer, int expert) const
{
    const double half = layout.gap / 2.0;
    return QRectF(layout.grid.left() + expert * layout.pitchX + half,
                  layout.grid.top() + layer * layout.pitchY + half, layout.pitchX - layout.gap,
                  layout.pitchY - layout.gap);
}

QRect ExpertGridView::cellRect(int layer, int expert) const
{
    if (layer < 0 || layer >= m_layers || expert < 0 || expert >= m_experts)
        return {};
    if (isHeatMap())
        return heatCellRectF(computeHeatLayout(), layer, expert).toAlignedRect();
    return cellRectF(computeLayout(), layer, expert).toAlignedRect();
}

bool ExpertGridView::expertAt(const QPoint& pos, int* layer, int* expert) const
{
    int l = -1, e = -1;
    if (!hitTest(pos, &l, &e))
        return false;
    *layer = l;
    *expert = e;
    return true;
}

bool ExpertGridView::hitTest(const QPoint& pos, int* layer, int* expert) const
{
    if (isHeatMap()) {
        int shared = -1;
        return heatHitTest(QPointF(pos) + QPointF(0.5, 0.5), layer, expert, &shared);
    }
    const Layout layout = computeLayout();
    if (layout.pitchX <= 0 || layout.pitchY <= 0)
        return false;
    const QPointF p(pos);
    const int l = static_cast<int>(std::floor((p.y() - layout.grid.top()) / layout.pitchY));
    if (l < 0 || l >= m_layers)
        return false;
    *layer = l;
    *expert = -1;
    if (layout.grid.contains(p)) {
        const int e = static_cast<int>(std::floor((p.x() - layout.grid.left()) / layout.pitchX));
        if (e >= 0 && e < m_experts)
            *expert = e;
        return true;
    }
    return layout.rowLabels.contains(p);
}

QSize ExpertGridView::sizeHint() const
{
    const QFontMetrics fm(font());
    if (isHeatMap())
        return {fm.height() * 30, fm.height() * 24};
    const int experts = std::max(1, m_experts);
    const int layers = std::max(1, m_layers);
    return {fm.horizontalAdvance(QStringLiteral("L88")) + experts * fm.height() * 4 + fm.height(),
            fm.height() * 5 + layers * fm.height() * 3 + fm.height()};
}

QSize ExpertGridView::minimumSizeHint() const
{
    // Smallest readable cell: room for "E8" over "100%" in the normal font.
    const QFontMetrics fm(font());
    if (isHeatMap()) // zoom and the enlarged layer make up for a small map
        return {fm.height() * 16, fm.height() * 16};
    const int experts = std::max(1, m_experts);
    const int layers = std::max(1, m_layers);
    const int cellWidth = fm.horizontalAdvance(QStringLiteral("100%")) + fm.height() / 2;
    const int cellHeight = fm.height() * 2;
    return {fm.horizontalAdvance(QStringLiteral("L88")) + experts * cellWidth + fm.height(),
            fm.height() * 4 + layers * cellHeight + (m_showLegend ? fm.height() * 2 : 0)};
}

// ---- Events -------------------------------------------------------------------------------------

void ExpertGridView::mouseReleaseEvent(QMouseEvent* event)
{
    if (isHeatMap()) {
        const bool click = m_pressed && !m_panning && event->button() == Qt::LeftButton;
        m_pressed = m_panning = false;
        if (!click)
            return QWidget::mouseReleaseEvent(event);
        const HeatLayout layout = computeHeatLayout();
        if (m_zoom > 1.0 && layout.fitButton.contains(event->position())) {
            fitAll();
            return;
        }
        // The overview picks a layer and an expert; only the enlarged layer switches experts off,
        // where a cell is big enough to aim at.
        int layer = -1, expert = -1, shared = -1;
        if (heatHitTest(event->position(), &layer, &expert, &shared)) {
            const bool inDetail = layout.detail.contains(event->position());
            if (!inDetail) {
                setSelectedLayer(layer);
                emit layerClicked(layer);
            }
            if (expert >= 0) {
                setFocusedExpert(expert);
                if (inDetail)
                    emit expertClicked(layer, expert);
            }
        }
        return;
    }
    int layer = -1, expert = -1;
    if (event->button() == Qt::LeftButton && hitTest(event->position().toPoint(), &layer, &expert)) {
        emit layerClicked(layer);
        if (expert >= 0)
            emit expertClicked(layer, expert);
    }
    QWidget::mouseReleaseEvent(event);
}

bool ExpertGridView::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride && isHeatMap()) {
        // The window's + / - (speed) and classroom arrows yield while the map has the focus.
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
        case Qt::Key_Minus:
        case Qt::Key_0:
        case Qt::Key_Left:
        case Qt::Key_Right:
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_Home:
        case Qt::Key_End:
        case Qt::Key_Return:
        case Qt::Key_Enter:
            event->accept();
            return true;
        default:
            break;
        }
    }
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    if (isHeatMap()) {
        int layer = -1, expert = -1, shared = -1;
        if (!heatHitTest(help->pos(), &layer, &expert, &shared)) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        QToolTip::showText(help->globalPos(),
                           shared >= 0 ? describeSharedExpert(layer, shared) : describeExpert(layer, expert),
                           this);
        return true;
    }
    int layer = -1, expert = -1;
    if (!hitTest(help->pos(), &layer, &expert) || expert < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    QString text = tr("Layer %1, expert %2").arg(layer + 1).arg(expert + 1);
    if (layer < static_cast<int>(m_routing.layers.size())) {
        const moe::LayerRouting& routing = m_routing.layers[static_cast<size_t>(layer)];
        if (expert < static_cast<int>(routing.probs.size()))
            text +=
                QLatin1Char('\n') + tr("Router probability: %1%")
                                        .arg(100.0 * routing.probs[static_cast<size_t>(expert)], 0, 'f', 1);
        const auto chosen = std::find(routing.experts.begin(), routing.experts.end(), expert);
        if (chosen != routing.experts.end())
            text += QLatin1Char('\n') +
                    tr("Chosen: gets %1% of the layer's expert output").arg(cell(layer, expert).percent);
        else
            text += QLatin1Char('\n') + tr("Asleep for this token");
    }
    if (isDisabled(layer, expert))
        text += QLatin1Char('\n') + tr("Switched off in this experiment");
    QToolTip::showText(help->globalPos(), text, this, cellRect(layer, expert));
    return true;
}

void ExpertGridView::changeEvent(QEvent* event)
{
    // The heat map's colour table and image follow the palette only: zoom, pan and resize keep them.
    if (event->type() == QEvent::PaletteChange)
        m_heatLut.clear();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        invalidateCaches();
    QWidget::changeEvent(event);
}

void ExpertGridView::resizeEvent(QResizeEvent* event)
{
    invalidateCaches();
    QWidget::resizeEvent(event);
}

// ---- Painting -----------------------------------------------------------------------------------

void ExpertGridView::paintEvent(QPaintEvent* /*event*/)
{
    if (isAnimating())
        recordFrame();

    QPainter p(this);
    if (isHeatMap()) {
        paintHeatMap(p);
        if (m_showFrameStats)
            paintFrameStats(p);
        return;
    }
    const Layout layout = computeLayout();
    if (layout.pitchX <= 0) {
        p.fillRect(rect(), palette().color(QPalette::Window));
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No model loaded"));
        return;
    }
    // Every frame is the cached picture of a grid asleep plus the cells that are (fading) lit:
    // a frame during a fade touches a handful of cells, not all of them, and stays well in 16 ms.
    ensureCaches(layout);
    p.drawPixmap(0, 0, m_background);
    p.setRenderHint(QPainter::Antialiasing);
    // Halos go into the gaps only, so a neighbouring cell is never covered.
    p.setClipRegion(m_gaps);
    for (int l = 0; l < m_layers; ++l)
        for (int e = 0; e < m_experts; ++e)
            paintGlow(p, cellRectF(layout, l, e), e, cell(l, e));
    p.setClipping(false);
    for (int l = 0; l < m_layers; ++l)
        for (int e = 0; e < m_experts; ++e)
            if (cell(l, e).lit > 0.0)
                paintCell(p, cellRectF(layout, l, e), l, e, cell(l, e));
    if (m_showFrameStats)
        paintFrameStats(p);
}

void ExpertGridView::invalidateCaches()
{
    m_background = QPixmap();
    m_glows.clear();
    update();
}

void ExpertGridView::ensureCaches(const Layout& layout)
{
    const qreal dpr = devicePixelRatioF();
    if (m_background.isNull() || m_background.size() != size() * dpr ||
        m_background.devicePixelRatio() != dpr) {
        m_background = QPixmap(size() * dpr);
        m_background.setDevicePixelRatio(dpr);
        m_background.fill(palette().color(QPalette::Window));
        QPainter p(&m_background);
        p.setRenderHint(QPainter::Antialiasing);
        paintRowBand(p, layout);
        paintColumnBand(p, layout);
        paintLabels(p, layout);
        for (int l = 0; l < m_layers; ++l)
            for (int e = 0; e < m_experts; ++e)
                paintCell(p, cellRectF(layout, l, e), l, e, Cell{});
        if (m_showLegend)
            paintLegend(p, layout);
        m_gaps = QRegion(rect());
        for (int l = 0; l < m_layers; ++l)
            for (int e = 0; e < m_experts; ++e)
                m_gaps -= QRegion(cellRectF(layout, l, e).adjusted(1, 1, -1, -1).toAlignedRect());
        m_glows.clear();
    }
    if (static_cast<int>(m_glows.size()) != m_experts) {
        // One halo per expert colour at full strength; a frame draws it with the gate as opacity.
        const QRectF r = cellRectF(layout, 0, 0);
        const double reach = glowReach(r);
        const double radius = std::min(r.width(), r.height()) * 0.12;
        const QRectF box(QPointF(0, 0), r.size() + QSizeF(2 * reach, 2 * reach));
        const int rings = 8;
        const double ringAlpha = isDark(palette()) ? 0.30 : 0.24;
        m_glows.clear();
        for (int e = 0; e < m_experts; ++e) {
            QPixmap glow((box.size() * dpr).toSize());
            glow.setDevicePixelRatio(dpr);
            glow.fill(Qt::transparent);
            QPainter p(&glow);
            p.setRenderHint(QPainter::Antialiasing);
            p.setBrush(Qt::NoBrush);
            const QRectF cellBox(reach, reach, r.width(), r.height());
            for (int i = rings; i >= 1; --i) {
                const double grow = reach * i / rings;
                p.setPen(QPen(withAlpha(ExpertPalette::color(e), ringAlpha * (1.0 - (i - 1.0) / rings)),
                              grow * 2.0 / rings + 0.5));
                p.drawRoundedRect(cellBox.adjusted(-grow, -grow, grow, grow), radius + grow, radius + grow);
            }
            m_glows.push_back(glow);
        }
    }
}

double ExpertGridView::glowReach(const QRectF& cellRect) const
{
    return std::min(cellRect.width(), cellRect.height()) * 0.22 + 1.0;
}

void ExpertGridView::paintRowBand(QPainter& p, const Layout& layout) const
{
    if (m_selectedLayer < 0)
        return;
    const QRectF band(layout.rowLabels.left(), layout.grid.top() + m_selectedLayer * layout.pitchY,
                      layout.grid.right() - layout.rowLabels.left(), layout.pitchY);
    const QColor highlight = palette().color(QPalette::Highlight);
    p.setPen(QPen(withAlpha(highlight, 0.8), std::max(1.5, layout.gap * 0.25)));
    p.setBrush(withAlpha(highlight, isDark(palette()) ? 0.22 : 0.14));
    const double radius = layout.gap * 0.8;
    p.drawRoundedRect(band.adjusted(-layout.gap * 0.3, 0, layout.gap * 0.3, 0), radius, radius);
}

void ExpertGridView::paintColumnBand(QPainter& p, const Layout& layout) const
{
    if (m_highlightedExpert < 0)
        return;
    // An outline only: the cells inside keep their own lit or sleeping look.
    const QRectF band(layout.grid.left() + m_highlightedExpert * layout.pitchX, layout.header.top(),
                      layout.pitchX, layout.grid.bottom() - layout.header.top());
    p.setPen(QPen(palette().color(QPalette::Highlight), std::max(2.0, layout.gap * 0.4), Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    const double radius = layout.gap * 0.8;
    p.drawRoundedRect(band.adjusted(-layout.gap * 0.3, -layout.gap * 0.2, layout.gap * 0.3, layout.gap * 0.3),
                      radius, radius);
}

void ExpertGridView::paintLabels(QPainter& p, const Layout& layout) const
{
    const QFontMetricsF fm(font());
    const QColor text = palette().color(QPalette::WindowText);
    const double labelPx = fm.height() * 0.8 * layout.labelScale;

    for (int l = 0; l < m_layers; ++l) {
        const bool selected = l == m_selectedLayer;
        p.setFont(scaledFont(font(), labelPx, true));
        p.setPen(selected ? palette().color(QPalette::Highlight) : text);
        if (selected && isDark(palette()))
            p.setPen(palette().color(QPalette::HighlightedText));
        const QRectF r(layout.rowLabels.left(), layout.grid.top() + l * layout.pitchY,
                       layout.rowLabels.width() - fm.height() * 0.4, layout.pitchY);
        p.drawText(r, Qt::AlignRight | Qt::AlignVCenter, tr("L%1").arg(l + 1));
    }
    // Column headers: the number, with a bar of the expert's colour under it.
    p.setFont(scaledFont(font(), labelPx, true));
    for (int e = 0; e < m_experts; ++e) {
        const QRectF column(layout.grid.left() + e * layout.pitchX, layout.header.top(), layout.pitchX,
                            layout.header.height());
        p.setPen(text);
        p.drawText(column.adjusted(0, 0, 0, -layout.header.height() * 0.3), Qt::AlignCenter,
                   tr("E%1").arg(e + 1));
        const double barHeight = std::max(3.0, layout.header.height() * 0.12);
        const QRectF bar(column.left() + layout.pitchX * 0.25, column.bottom() - barHeight - layout.gap * 0.4,
                         layout.pitchX * 0.5, barHeight);
        p.setPen(Qt::NoPen);
        p.setBrush(ExpertPalette::color(e));
        p.drawRoundedRect(bar, barHeight / 2, barHeight / 2);
    }
}

void ExpertGridView::paintGlow(QPainter& p, const QRectF& r, int expert, const Cell& c) const
{
    const double strength = c.lit * (0.35 + 0.65 * c.gate);
    if (strength < 0.01 || expert >= static_cast<int>(m_glows.size()))
        return;
    const double reach = glowReach(r);
    p.setOpacity(strength);
    p.drawPixmap(r.topLeft() - QPointF(reach, reach), m_glows[static_cast<size_t>(expert)]);
    p.setOpacity(1.0);
}

void ExpertGridView::paintCell(QPainter& p, const QRectF& r, int layer, int expert, const Cell& c) const
{
    const QPalette& pal = palette();
    const bool dark = isDark(pal);
    const QColor background = pal.color(QPalette::Window);
    const QColor colour = ExpertPalette::color(expert);
    const double radius = std::min(r.width(), r.height()) * 0.12;
    const bool off = isDisabled(layer, expert);

    // Asleep: a faint tint of the expert's colour. Lit: the colour itself, stronger with the gate.
    const QColor asleep = mix(background, colour, dark ? 0.20 : 0.16);
    const double strength = c.lit * (0.62 + 0.38 * c.gate);
    const QColor fill = mix(asleep, colour, strength);
    p.setPen(QPen(mix(asleep, colour, 0.35 + 0.65 * c.lit), std::max(1.0, r.height() * 0.02)));
    p.setBrush(fill);
    p.drawRoundedRect(r, radius, radius);

    if (off) {
        // Hatched and crossed: an expert the experiment switched off cannot be chosen.
        QPainterPath clip;
        clip.addRoundedRect(r, radius, radius);
        p.save();
        p.setClipPath(clip);
        QBrush hatch(withAlpha(pal.color(QPalette::WindowText), 0.35), Qt::BDiagPattern);
        hatch.setTransform(
            QTransform::fromScale(std::max(1.0, r.height() / 40.0), std::max(1.0, r.height() / 40.0)));
        p.fillRect(r, hatch);
        p.setPen(QPen(withAlpha(pal.color(QPalette::WindowText), 0.55), std::max(1.5, r.height() * 0.03)));
        p.drawLine(r.topLeft(), r.bottomRight());
        p.drawLine(r.topRight(), r.bottomLeft());
        p.restore();
    }

    const QColor ink = ExpertPalette::textOn(fill);
    const QColor dimInk = withAlpha(pal.color(QPalette::WindowText), 0.6);
    const double unit = std::min(r.height(), r.width() / 1.4);

    // The expert's number, top left: colour is never the only cue.
    p.setFont(scaledFont(font(), std::max(unit * 0.2, 8.0), true));
    p.setPen(c.lit > 0.0 ? mix(dimInk, ink, c.lit) : dimInk);
    const double pad = unit * 0.08 + 2.0;
    p.drawText(r.adjusted(pad, pad * 0.6, -pad, -pad), Qt::AlignLeft | Qt::AlignTop,
               tr("E%1").arg(expert + 1));

    if (off) {
        p.setFont(scaledFont(font(), std::max(unit * 0.26, 9.0), true));
        // "off" on a small plate of background colour, readable over the hatching.
        const QFontMetricsF fm(p.font());
        const QSizeF plate(fm.horizontalAdvance(tr("off")) + pad * 2, fm.height());
        const QPointF centre = r.adjusted(pad, unit * 0.2, -pad, -pad).center();
        const QRectF box(centre - QPointF(plate.width() / 2, plate.height() / 2), plate);
        p.setPen(Qt::NoPen);
        p.setBrush(background);
        p.drawRoundedRect(box, fm.height() * 0.3, fm.height() * 0.3);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(box, Qt::AlignCenter, tr("off"));
    } else if (c.lit > 0.01) {
        // The gate weight, big, fading with the cell.
        p.setFont(scaledFont(font(), std::max(unit * 0.34, 10.0), true));
        p.setPen(withAlpha(ink, c.lit));
        p.drawText(r.adjusted(pad, unit * 0.18, -pad, -pad * 0.5), Qt::AlignCenter, tr("%1%").arg(c.percent));
    }
}

void ExpertGridView::paintLegend(QPainter& p, const Layout& layout) const
{
    const QFontMetricsF fm(font());
    const QPalette& pal = palette();
    const QColor background = pal.color(QPalette::Window);
    const QColor sample = ExpertPalette::color(0);
    struct Item {
        QColor fill;
        bool hatched;
        QString text, shortText;
    };
    const Item items[] = {
        {sample, false, tr("lit: chosen, % = gate weight"), tr("chosen")},
        {mix(background, sample, isDark(pal) ? 0.20 : 0.16), false, tr("dim: asleep"), tr("asleep")},
        {mix(background, sample, 0.16), true, tr("off: switched off"), tr("off")},
    };
    const double swatch = fm.height() * 0.9;
    const double spacing = fm.height() * 1.2;
    const auto widthOf = [&](bool useShort) {
        double total = -spacing;
        for (const Item& item : items)
            total += swatch + fm.height() * 0.4 +
                     fm.horizontalAdvance(useShort ? item.shortText : item.text) + spacing;
        return total;
    };
    // The long wording where it fits, else the short one, else no legend (a narrow window).
    const bool useShort = widthOf(false) > layout.legend.width();
    const double total = widthOf(useShort);
    if (total > layout.legend.width())
        return;
    double x = layout.legend.center().x() - total / 2.0;
    const double y = layout.legend.center().y() + fm.height() * 0.15;
    p.setFont(font());
    for (const Item& item : items) {
        const QRectF box(x, y - swatch / 2.0, swatch, swatch);
        p.setPen(QPen(mix(background, sample, 0.6), 1.0));
        p.setBrush(item.fill);
        p.drawRoundedRect(box, swatch * 0.2, swatch * 0.2);
        if (item.hatched) {
            p.fillRect(box.adjusted(1, 1, -1, -1),
                       QBrush(withAlpha(pal.color(QPalette::WindowText), 0.45), Qt::BDiagPattern));
        }
        x += swatch + fm.height() * 0.4;
        p.setPen(withAlpha(pal.color(QPalette::WindowText), 0.75));
        const QString& text = useShort ? item.shortText : item.text;
        const QRectF textBox(x, y - fm.height() / 2.0, fm.horizontalAdvance(text) + 1.0, fm.height());
        p.drawText(textBox, Qt::AlignLeft | Qt::AlignVCenter, text);
        x += textBox.width() + spacing;
    }
}

void ExpertGridView::paintFrameStats(QPainter& p) const
{
    const FrameStats stats = frameStats();
    const QString text = tr("%1 fps  p95 %2 ms  max %3 ms  %4 frames")
                             .arg(stats.fps, 0, 'f', 0)
                             .arg(stats.p95IntervalMs, 0, 'f', 1)
                             .arg(stats.maxIntervalMs, 0, 'f', 1)
                             .arg(stats.frames);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    const QFontMetricsF fm(small);
    const QRectF box(width() - fm.horizontalAdvance(text) - fm.height(), height() - fm.height() * 1.4,
                     fm.horizontalAdvance(text) + fm.height() * 0.6, fm.height() * 1.2);
    p.setPen(Qt::NoPen);
    p.setBrush(withAlpha(palette().color(QPalette::ToolTipBase), 0.85));
    p.drawRoundedRect(box, 4, 4);
    p.setPen(palette().color(QPalette::ToolTipText));
    p.drawText(box, Qt::AlignCenter, text);
}

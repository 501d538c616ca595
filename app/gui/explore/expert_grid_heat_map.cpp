// The expert grid as a heat map, for real models (16-61 layers x 60-256 experts): one pixel of a
// cached QImage per expert (colour = the shown token's router probability), scaled to the zoomed
// overview; the chosen experts outlined; the focused layer enlarged below it, where a click switches
// an expert off; shared experts in an always-on strip and dense layers as one always-on block.
// A frame rewrites only the image rows whose values changed and draws a few hundred outlines, so
// 61 x 256 animates at 60 frames/s.
#include "explore/expert_grid_view.h"

#include "style/colour_maths.h"
#include "style/expert_palette.h"
#include "style/number_format.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QRegion>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {

constexpr int kMaxDetailRows = 4;   // the enlarged layer wraps into at most this many rows
constexpr double kZoomStep = 1.25;  // one wheel notch or one + / -
constexpr double kPanThreshold = 4; // pixels a press must move before it pans instead of clicking

QFont sizedFont(QFont font, double pixelSize, bool bold = false)
{
    font.setPixelSize(std::max(1, static_cast<int>(std::lround(pixelSize))));
    font.setBold(bold);
    return font;
}

// 1, 2, 5, 10, 20, 50 ... at least `minimum`, so labels every step never overlap.
int niceStep(double minimum)
{
    int step = 1;
    for (int scale = 1;; scale *= 10)
        for (const int m : {1, 2, 5})
            if ((step = m * scale) >= minimum)
                return step;
}

// Pixels whose centres lie inside r: every one of them maps back to r's expert.
QRect innerPixels(const QRectF& r)
{
    const int left = static_cast<int>(std::lround(r.left()));
    const int top = static_cast<int>(std::lround(r.top()));
    const int right = static_cast<int>(std::lround(r.right()));
    const int bottom = static_cast<int>(std::lround(r.bottom()));
    if (right <= left || bottom <= top)
        return {};
    return QRect(QPoint(left, top), QPoint(right - 1, bottom - 1));
}

// Black around a blue cell on a light page; on a dark page, where the top of the ramp is yellow,
// white would vanish: magenta there.
QColor chosenOutline(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xff, 0x4f, 0xd8) : palette.color(QPalette::WindowText);
}

} // namespace

// ---- Geometry -----------------------------------------------------------------------------------

ExpertGridView::HeatLayout ExpertGridView::computeHeatLayout() const
{
    HeatLayout layout;
    const QFontMetricsF fm(font());
    const double margin = fm.height() * 0.5;
    const QRectF area = QRectF(rect()).adjusted(margin, margin * 0.5, -margin, -margin * 0.5);
    if (m_layers <= 0 || m_experts <= 0 || area.isEmpty())
        return layout;

    const double legendHeight = m_showLegend ? fm.height() * 1.5 : 0.0;
    const double infoHeight = fm.height() * 1.4;

    const double rowLabelWidth = fm.horizontalAdvance(QStringLiteral("E888")) + fm.height() * 0.3;
    const double sharedWidth =
        m_shared > 0 ? std::max(fm.height() * 0.8 * m_shared, fm.horizontalAdvance(tr("shared")) + 2.0) : 0.0;
    const double sharedGap = m_shared > 0 ? fm.height() * 0.4 : 0.0;
    const double left = area.left() + rowLabelWidth + sharedWidth + sharedGap;
    const double width = std::max(1.0, area.right() - left);

    // The enlarged layer: as many experts a row as stay readable, in at most kMaxDetailRows rows.
    const double minCell = fm.height() * 1.5;
    int perRow = 0, fallback = 0;
    for (int c = 8;; c *= 2) {
        const int columns = std::min(c, m_experts);
        const int rows = (m_experts + columns - 1) / columns;
        if (rows <= kMaxDetailRows) {
            if (fallback == 0)
                fallback = columns;
            if (width / columns >= minCell)
                perRow = columns;
        }
        if (columns == m_experts)
            break;
    }
    layout.detailPerRow = perRow > 0 ? perRow : fallback;
    const int detailRows = (m_experts + layout.detailPerRow - 1) / layout.detailPerRow;
    layout.detailPitchX = width / layout.detailPerRow;
    layout.detailPitchY = fm.height() * 1.3;
    const double titleHeight = fm.height() * 1.4;
    const double headerHeight = fm.height() * 1.4;
    const double below =
        fm.height() * 0.3 + titleHeight + detailRows * layout.detailPitchY + infoHeight + legendHeight;

    // Top down: header, overview, the enlarged layer, the information line, the legend; the whole
    // block centred vertically when rows reach their largest height.
    const double available = area.height() - headerHeight - below;
    const double fitPitchX = width / m_experts;
    const double fitPitchY =
        std::clamp(available / m_layers, 0.5, std::max(fm.height() * 1.4, fitPitchX * 0.8));
    const double blockTop = area.top() + std::max(0.0, (available - fitPitchY * m_layers) / 2.0);
    layout.header = QRectF(left, blockTop, width, headerHeight);
    const double top = layout.header.bottom();
    layout.viewport = QRectF(left, top, width, fitPitchY * m_layers);
    layout.detailTitle =
        QRectF(area.left(), layout.viewport.bottom() + fm.height() * 0.3, area.width(), titleHeight);
    layout.detail = QRectF(left, layout.detailTitle.bottom(), layout.detailPitchX * layout.detailPerRow,
                           detailRows * layout.detailPitchY);
    layout.info = QRectF(area.left(), layout.detail.bottom(), area.width(), infoHeight);
    layout.legend = QRectF(area.left(), layout.info.bottom(), area.width(), legendHeight);
    layout.pitchX = fitPitchX * m_zoom;
    layout.pitchY = fitPitchY * m_zoom;
    layout.matrix =
        QRectF(left - m_pan.x(), top - m_pan.y(), layout.pitchX * m_experts, layout.pitchY * m_layers);
    layout.rowLabels = QRectF(area.left(), top, rowLabelWidth, layout.viewport.height());
    layout.shared = QRectF(area.left() + rowLabelWidth, top, sharedWidth, layout.viewport.height());
    layout.sharedPitch = m_shared > 0 ? sharedWidth / m_shared : 0.0;

    const QString fit = tr("Fit all (0)");
    const double buttonWidth = fm.horizontalAdvance(fit) + fm.height();
    layout.fitButton = QRectF(layout.header.right() - buttonWidth, layout.header.top() + fm.height() * 0.1,
                              buttonWidth, fm.height() * 1.2);
    return layout;
}

QRectF ExpertGridView::heatCellRectF(const HeatLayout& layout, int layer, int expert) const
{
    return QRectF(layout.matrix.left() + expert * layout.pitchX, layout.matrix.top() + layer * layout.pitchY,
                  layout.pitchX, layout.pitchY);
}

QRectF ExpertGridView::detailCellRectF(const HeatLayout& layout, int expert) const
{
    if (layout.detailPerRow <= 0)
        return {};
    const int row = expert / layout.detailPerRow;
    const int column = expert % layout.detailPerRow;
    return QRectF(layout.detail.left() + column * layout.detailPitchX,
                  layout.detail.top() + row * layout.detailPitchY, layout.detailPitchX, layout.detailPitchY);
}

QRectF ExpertGridView::sharedRectF(const HeatLayout& layout, int layer, int index) const
{
    return QRectF(layout.shared.left() + index * layout.sharedPitch,
                  layout.matrix.top() + layer * layout.pitchY, layout.sharedPitch, layout.pitchY);
}

QRectF ExpertGridView::denseRectF(const HeatLayout& layout, int layer) const
{
    const double left = m_shared > 0 ? layout.shared.left() : layout.viewport.left();
    return QRectF(left, layout.matrix.top() + layer * layout.pitchY, layout.viewport.right() - left,
                  layout.pitchY);
}

QRect ExpertGridView::detailCellRect(int expert) const
{
    if (!isHeatMap() || expert < 0 || expert >= m_experts || detailLayer() < 0 || isDenseLayer(detailLayer()))
        return {};
    return innerPixels(detailCellRectF(computeHeatLayout(), expert));
}

int ExpertGridView::detailLayer() const
{
    return m_selectedLayer;
}

bool ExpertGridView::heatHitTest(const QPointF& pos, int* layer, int* expert, int* shared) const
{
    const HeatLayout layout = computeHeatLayout();
    if (layout.pitchX <= 0)
        return false;
    *expert = -1;
    *shared = -1;
    if (layout.detail.contains(pos)) {
        const int l = detailLayer();
        if (l < 0)
            return false;
        *layer = l;
        if (isDenseLayer(l))
            return true;
        const int column =
            static_cast<int>(std::floor((pos.x() - layout.detail.left()) / layout.detailPitchX));
        const int row = static_cast<int>(std::floor((pos.y() - layout.detail.top()) / layout.detailPitchY));
        const int e = row * layout.detailPerRow + column;
        if (column < 0 || column >= layout.detailPerRow || e < 0 || e >= m_experts)
            return false;
        *expert = e;
        return true;
    }
    if (pos.y() < layout.viewport.top() || pos.y() >= layout.viewport.bottom())
        return false;
    const int l = static_cast<int>(std::floor((pos.y() - layout.matrix.top()) / layout.pitchY));
    if (l < 0 || l >= m_layers)
        return false;
    if (layout.viewport.contains(pos)) {
        *layer = l;
        if (isDenseLayer(l))
            return true;
        const int e = static_cast<int>(std::floor((pos.x() - layout.matrix.left()) / layout.pitchX));
        if (e < 0 || e >= m_experts)
            return false;
        *expert = e;
        return true;
    }
    if (layout.shared.contains(pos)) {
        *layer = l;
        if (!isDenseLayer(l))
            *shared = std::clamp(
                static_cast<int>(std::floor((pos.x() - layout.shared.left()) / layout.sharedPitch)), 0,
                m_shared - 1);
        return true;
    }
    if (layout.rowLabels.contains(pos)) {
        *layer = l;
        return true;
    }
    return false;
}

// ---- Zoom, focus, hover -------------------------------------------------------------------------

double ExpertGridView::maxZoom() const
{
    // Far enough that a cell is as wide as a line of text is high, and always at least 4x.
    const double fitPitch = computeHeatLayout().viewport.width() / std::max(1, m_experts);
    return fitPitch > 0 ? std::max(4.0, QFontMetricsF(font()).height() * 2.0 / fitPitch) : 1.0;
}

void ExpertGridView::setZoom(double zoom, QPointF anchor)
{
    if (!isHeatMap())
        return;
    const HeatLayout before = computeHeatLayout();
    if (before.pitchX <= 0)
        return;
    zoom = std::clamp(zoom, 1.0, maxZoom());
    if (anchor.x() < 0) {
        const QRectF focus = (m_selectedLayer >= 0 && m_focusExpert >= 0)
                                 ? heatCellRectF(before, m_selectedLayer, m_focusExpert)
                                 : QRectF();
        anchor = before.viewport.contains(focus.center()) ? focus.center() : before.viewport.center();
    }
    // The overview point under the anchor stays under it.
    const double u = (anchor.x() - before.matrix.left()) / before.pitchX;
    const double v = (anchor.y() - before.matrix.top()) / before.pitchY;
    const double ratio = zoom / m_zoom;
    m_zoom = zoom;
    m_pan = QPointF(before.viewport.left() + u * before.pitchX * ratio - anchor.x(),
                    before.viewport.top() + v * before.pitchY * ratio - anchor.y());
    clampPan(computeHeatLayout());
    invalidateCaches();
}

void ExpertGridView::zoomIn()
{
    setZoom(m_zoom * kZoomStep);
}

void ExpertGridView::zoomOut()
{
    setZoom(m_zoom / kZoomStep);
}

void ExpertGridView::fitAll()
{
    m_zoom = 1.0;
    m_pan = {};
    invalidateCaches();
}

void ExpertGridView::clampPan(const HeatLayout& layout)
{
    const double maxX = std::max(0.0, layout.matrix.width() - layout.viewport.width());
    const double maxY = std::max(0.0, layout.matrix.height() - layout.viewport.height());
    m_pan = QPointF(std::clamp(m_pan.x(), 0.0, maxX), std::clamp(m_pan.y(), 0.0, maxY));
}

void ExpertGridView::scrollToFocus()
{
    if (m_zoom <= 1.0 || m_selectedLayer < 0)
        return;
    const HeatLayout layout = computeHeatLayout();
    const QRectF cell = heatCellRectF(layout, m_selectedLayer, std::max(0, m_focusExpert));
    if (m_focusExpert >= 0) {
        if (cell.left() < layout.viewport.left())
            m_pan.rx() -= layout.viewport.left() - cell.left();
        else if (cell.right() > layout.viewport.right())
            m_pan.rx() += cell.right() - layout.viewport.right();
    }
    if (cell.top() < layout.viewport.top())
        m_pan.ry() -= layout.viewport.top() - cell.top();
    else if (cell.bottom() > layout.viewport.bottom())
        m_pan.ry() += cell.bottom() - layout.viewport.bottom();
    clampPan(computeHeatLayout());
    invalidateCaches();
}

void ExpertGridView::setFocusedExpert(int expert)
{
    m_focusExpert = (expert >= 0 && expert < m_experts) ? expert : -1;
    scrollToFocus();
    refreshStatus();
    update();
}

void ExpertGridView::moveFocus(int dLayer, int dExpert)
{
    if (m_layers <= 0 || m_experts <= 0)
        return;
    const int layer = std::clamp(m_selectedLayer < 0 ? 0 : m_selectedLayer + dLayer, 0, m_layers - 1);
    const int expert = std::clamp(m_focusExpert < 0 ? 0 : m_focusExpert + dExpert, 0, m_experts - 1);
    if (layer != m_selectedLayer) {
        setSelectedLayer(layer);
        emit layerClicked(layer);
    }
    setFocusedExpert(expert);
}

void ExpertGridView::setHover(int layer, int expert, int shared)
{
    if (layer == m_hoverLayer && expert == m_hoverExpert && shared == m_hoverShared)
        return;
    // Only the old and new hover marks and the information line change: repainting just those
    // keeps a hover event far below a frame, whatever the map's size.
    const HeatLayout layout = computeHeatLayout();
    QRegion dirty(layout.info.toAlignedRect());
    const auto mark = [&](int l, int e) {
        if (l < 0 || e < 0)
            return;
        dirty += heatCellRectF(layout, l, e).adjusted(-4, -4, 4, 4).toAlignedRect();
        if (l == detailLayer())
            dirty += detailCellRectF(layout, e).adjusted(-4, -4, 4, 4).toAlignedRect();
    };
    mark(m_hoverLayer, m_hoverExpert);
    mark(layer, expert);
    m_hoverLayer = layer;
    m_hoverExpert = expert;
    m_hoverShared = shared;
    refreshStatus();
    update(dirty);
}

QString ExpertGridView::describeExpert(int layer, int expert) const
{
    if (layer < 0 || layer >= m_layers)
        return {};
    if (isDenseLayer(layer))
        return tr("Layer %1 is dense: no router, one always-on feed-forward block").arg(layer + 1);
    if (expert < 0 || expert >= m_experts)
        return tr("Layer %1").arg(layer + 1);
    QString text;
    const moe::LayerRouting* routing = layer < static_cast<int>(m_routing.layers.size())
                                           ? &m_routing.layers[static_cast<size_t>(layer)]
                                           : nullptr;
    if (routing && expert < static_cast<int>(routing->probs.size())) {
        const double prob = routing->probs[static_cast<size_t>(expert)];
        const QString probText = percentText(prob, prob < 0.01 ? 2 : 1);
        const auto chosen = std::find(routing->experts.begin(), routing->experts.end(), expert);
        const size_t rank = static_cast<size_t>(chosen - routing->experts.begin());
        if (chosen != routing->experts.end() && rank < routing->gates.size())
            text = tr("Layer %1, expert %2: router probability %3, chosen, gate %4")
                       .arg(layer + 1)
                       .arg(expert + 1)
                       .arg(probText, percentText(routing->gates[rank], 1));
        else
            text = tr("Layer %1, expert %2: router probability %3, asleep")
                       .arg(layer + 1)
                       .arg(expert + 1)
                       .arg(probText);
    } else {
        text = tr("Layer %1, expert %2").arg(layer + 1).arg(expert + 1);
    }
    if (isDisabled(layer, expert))
        text += tr(" (switched off in this experiment)");
    return text;
}

QString ExpertGridView::describeSharedExpert(int layer, int index) const
{
    return tr("Layer %1, shared expert %2: always on, no router probability").arg(layer + 1).arg(index + 1);
}

void ExpertGridView::refreshStatus()
{
    QString text;
    if (m_hoverLayer >= 0)
        text = m_hoverShared >= 0 ? describeSharedExpert(m_hoverLayer, m_hoverShared)
                                  : describeExpert(m_hoverLayer, m_hoverExpert);
    else if (m_selectedLayer >= 0 && (m_focusExpert >= 0 || isDenseLayer(m_selectedLayer)))
        text = describeExpert(m_selectedLayer, m_focusExpert);
    else if (isHeatMap())
        text = tr("Point at an expert or use the arrow keys · + − zoom · 0 fits all");
    // Screen readers hear the expert the keyboard is on.
    const QString focusText = (m_selectedLayer >= 0 && m_focusExpert >= 0)
                                  ? tr("Expert grid: %1").arg(describeExpert(m_selectedLayer, m_focusExpert))
                                  : tr("Expert grid");
    if (accessibleName() != focusText)
        setAccessibleName(focusText);
    if (text == m_statusText)
        return;
    m_statusText = text;
    emit statusTextChanged(text);
}

// ---- Events -------------------------------------------------------------------------------------

void ExpertGridView::mousePressEvent(QMouseEvent* event)
{
    if (isHeatMap() && event->button() == Qt::LeftButton) {
        m_pressed = true;
        m_panning = false;
        m_pressPos = event->position().toPoint();
        m_pressPan = m_pan;
        setFocus(Qt::MouseFocusReason);
    }
    QWidget::mousePressEvent(event);
}

void ExpertGridView::mouseMoveEvent(QMouseEvent* event)
{
    if (!isHeatMap())
        return QWidget::mouseMoveEvent(event);
    const QPoint pos = event->position().toPoint();
    if (m_pressed && m_zoom > 1.0 && (pos - m_pressPos).manhattanLength() > kPanThreshold) {
        m_panning = true;
        m_pan = m_pressPan - QPointF(pos - m_pressPos);
        clampPan(computeHeatLayout());
        invalidateCaches();
    }
    int layer = -1, expert = -1, shared = -1;
    if (heatHitTest(event->position(), &layer, &expert, &shared))
        setHover(layer, expert, shared);
    else
        setHover(-1, -1, -1);
}

void ExpertGridView::leaveEvent(QEvent* event)
{
    setHover(-1, -1, -1);
    QWidget::leaveEvent(event);
}

void ExpertGridView::wheelEvent(QWheelEvent* event)
{
    if (!isHeatMap())
        return QWidget::wheelEvent(event);
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ShiftModifier || delta.x() != 0) {
        m_pan -= QPointF(delta.x() != 0 ? delta.x() : delta.y(), 0) / 2.0;
        clampPan(computeHeatLayout());
        invalidateCaches();
    } else if (delta.y() != 0) {
        setZoom(m_zoom * std::pow(kZoomStep, delta.y() / 120.0), event->position());
    }
    event->accept();
}

void ExpertGridView::keyPressEvent(QKeyEvent* event)
{
    if (!isHeatMap())
        return QWidget::keyPressEvent(event);
    switch (event->key()) {
    case Qt::Key_Left:
        moveFocus(0, -1);
        break;
    case Qt::Key_Right:
        moveFocus(0, 1);
        break;
    case Qt::Key_Up:
        moveFocus(-1, 0);
        break;
    case Qt::Key_Down:
        moveFocus(1, 0);
        break;
    case Qt::Key_Home:
        moveFocus(0, -m_experts);
        break;
    case Qt::Key_End:
        moveFocus(0, m_experts);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        fitAll();
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_selectedLayer >= 0 && m_focusExpert >= 0 && !isDenseLayer(m_selectedLayer))
            emit expertClicked(m_selectedLayer, m_focusExpert);
        break;
    default:
        return QWidget::keyPressEvent(event);
    }
    event->accept();
}

// ---- Painting -----------------------------------------------------------------------------------

QColor ExpertGridView::alwaysOnColour() const
{
    // Vermillion (Okabe-Ito): apart from the probability ramp in both themes.
    return isDark(palette()) ? QColor(0xe6, 0x7a, 0x3a) : QColor(0xd5, 0x5e, 0x00);
}

QColor ExpertGridView::heatColour(float heat) const
{
    if (m_heatLut.empty())
        return {};
    const int i = std::clamp(static_cast<int>(std::lround(heat * 255.0f)), 0, 255);
    return QColor::fromRgb(m_heatLut[static_cast<size_t>(i)]);
}

void ExpertGridView::ensureHeatLut()
{
    if (!m_heatLut.empty())
        return;
    // Faint at "no more likely than average", strong where the router is sure: dark blue on a
    // light page, bright yellow on a dark one (YlGnBu / viridis-like, colour-blind safe).
    const QColor background = palette().color(QPalette::Window);
    const bool dark = isDark(palette());
    const QColor stops[] = {dark ? mix(background, QColor(0x21, 0x91, 0x8c), 0.10)
                                 : mix(background, QColor(0x41, 0xb6, 0xc4), 0.10),
                            dark ? QColor(0x3b, 0x52, 0x8b) : QColor(0x7f, 0xcd, 0xbb),
                            dark ? QColor(0x21, 0x91, 0x8c) : QColor(0x1d, 0x91, 0xc0),
                            dark ? QColor(0x5e, 0xc9, 0x62) : QColor(0x22, 0x5e, 0xa8),
                            dark ? QColor(0xfd, 0xe7, 0x25) : QColor(0x25, 0x34, 0x94)};
    constexpr int kStops = 5;
    m_heatLut.resize(256);
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0 * (kStops - 1);
        const int k = std::min(kStops - 2, static_cast<int>(t));
        m_heatLut[static_cast<size_t>(i)] = mix(stops[k], stops[k + 1], t - k).rgb();
    }
    std::fill(m_heatRowDirty.begin(), m_heatRowDirty.end(), 1);
}

void ExpertGridView::updateHeatImage()
{
    ensureHeatLut();
    if (m_heatImage.width() != m_experts || m_heatImage.height() != m_layers) {
        m_heatImage = QImage(m_experts, m_layers, QImage::Format_RGB32);
        m_heatRowDirty.assign(static_cast<size_t>(m_layers), 1);
    }
    m_heatRowDirty.resize(static_cast<size_t>(m_layers), 1);
    const QRgb offColour =
        mix(palette().color(QPalette::Window), palette().color(QPalette::WindowText), 0.45).rgb();
    const QRgb alwaysOn = alwaysOnColour().rgb();
    for (int l = 0; l < m_layers; ++l) {
        if (!m_heatRowDirty[static_cast<size_t>(l)])
            continue;
        m_heatRowDirty[static_cast<size_t>(l)] = 0;
        auto* line = reinterpret_cast<QRgb*>(m_heatImage.scanLine(l));
        const bool dense = isDenseLayer(l);
        for (int e = 0; e < m_experts; ++e) {
            const int i = std::clamp(static_cast<int>(cell(l, e).heat * 255.0f + 0.5f), 0, 255);
            line[e] = dense ? alwaysOn : isDisabled(l, e) ? offColour : m_heatLut[static_cast<size_t>(i)];
        }
    }
}

void ExpertGridView::ensureHeatCaches(const HeatLayout& layout)
{
    const qreal dpr = devicePixelRatioF();
    if (!m_background.isNull() && m_background.size() == size() * dpr &&
        m_background.devicePixelRatio() == dpr)
        return;
    m_heatLut.clear(); // the palette may have changed
    ensureHeatLut();
    m_background = QPixmap(size() * dpr);
    m_background.setDevicePixelRatio(dpr);
    m_background.fill(palette().color(QPalette::Window));
    QPainter p(&m_background);
    p.setRenderHint(QPainter::Antialiasing);
    paintHeatLabels(p, layout);
    if (m_showLegend)
        paintHeatLegend(p, layout);
}

void ExpertGridView::paintHeatLabels(QPainter& p, const HeatLayout& layout) const
{
    const QFontMetricsF fm(font());
    const QColor text = palette().color(QPalette::WindowText);
    const QColor dim = withAlpha(text, 0.7);
    const double labelPx = fm.height() * 0.72;
    p.setFont(sizedFont(font(), labelPx));
    const QFontMetricsF small(p.font());

    // Rows: every step-th layer, and always the selected one (bold, highlighted).
    const int rowStep = niceStep(small.height() * 1.05 / layout.pitchY);
    p.save();
    p.setClipRect(layout.rowLabels.adjusted(0, -small.height(), 0, small.height()));
    for (int l = 0; l < m_layers; ++l) {
        const QRectF row(layout.rowLabels.left(), layout.matrix.top() + l * layout.pitchY,
                         layout.rowLabels.width() - fm.height() * 0.3, layout.pitchY);
        if (row.bottom() < layout.viewport.top() || row.top() > layout.viewport.bottom())
            continue;
        const bool selected = l == m_selectedLayer;
        const bool nearSelected =
            m_selectedLayer >= 0 && std::abs(l - m_selectedLayer) < rowStep && !selected;
        if (!selected && ((l + 1) % rowStep != 0 && l != 0))
            continue;
        if (nearSelected)
            continue;
        const QRectF box(row.left(), row.center().y() - small.height() / 2, row.width(), small.height());
        p.setFont(sizedFont(font(), labelPx, selected));
        p.setPen(selected
                     ? palette().color(isDark(palette()) ? QPalette::HighlightedText : QPalette::Highlight)
                     : dim);
        p.drawText(box, Qt::AlignRight | Qt::AlignVCenter, tr("L%1").arg(l + 1));
    }
    p.restore();

    // Columns: E1 and every step-th expert, over the visible part.
    p.setFont(sizedFont(font(), labelPx));
    const int columnStep =
        niceStep((small.horizontalAdvance(QStringLiteral("E888")) + small.height() * 0.5) / layout.pitchX);
    p.save();
    p.setClipRect(layout.header.adjusted(-small.height(), 0, small.height(), 0));
    p.setPen(dim);
    for (int e = 0; e < m_experts; ++e) {
        if (e != 0 && (e + 1) % columnStep != 0)
            continue;
        if (e == 0 && columnStep > 1 &&
            columnStep * layout.pitchX < small.horizontalAdvance(QStringLiteral("E88")) * 2)
            continue;
        const double x = layout.matrix.left() + (e + 0.5) * layout.pitchX;
        if (x < layout.viewport.left() - 1 || x > layout.viewport.right() + 1)
            continue;
        const QRectF box(x - small.height() * 2, layout.header.top(), small.height() * 4,
                         layout.header.height());
        p.drawText(box, Qt::AlignHCenter | Qt::AlignBottom, tr("E%1").arg(e + 1));
    }
    p.restore();
    if (m_shared > 0) {
        p.setPen(dim);
        p.drawText(QRectF(layout.shared.left() - fm.height(), layout.header.top(),
                          layout.shared.width() + 2 * fm.height(), layout.header.height()),
                   Qt::AlignHCenter | Qt::AlignBottom, tr("shared"));
    }

    // The zoom and the way back.
    if (m_zoom > 1.0) {
        p.setFont(font());
        p.setPen(QPen(withAlpha(text, 0.5), 1.0));
        p.setBrush(palette().color(QPalette::Button));
        p.drawRoundedRect(layout.fitButton, fm.height() * 0.3, fm.height() * 0.3);
        p.setPen(palette().color(QPalette::ButtonText));
        p.drawText(layout.fitButton, Qt::AlignCenter, tr("Fit all (0)"));
        p.setPen(dim);
        const QString zoomText = tr("zoom ×%1").arg(m_zoom, 0, 'f', 1);
        p.drawText(QRectF(layout.fitButton.left() - fm.horizontalAdvance(zoomText) - fm.height(),
                          layout.fitButton.top(), fm.horizontalAdvance(zoomText) + fm.height() * 0.5,
                          layout.fitButton.height()),
                   Qt::AlignRight | Qt::AlignVCenter, zoomText);
    }

    // The enlarged layer's title and the first expert of each of its rows.
    const int l = detailLayer();
    p.setFont(sizedFont(font(), fm.height() * 0.8, true));
    p.setPen(text);
    QString title;
    if (l < 0)
        title = tr("Click a layer (or use ↑ ↓) to see its experts enlarged");
    else if (isDenseLayer(l))
        title = tr("Layer %1, enlarged: a dense layer, no router").arg(l + 1);
    else
        title = tr("Layer %1 enlarged (click an expert to switch it off)").arg(l + 1);
    p.drawText(layout.detailTitle, Qt::AlignLeft | Qt::AlignBottom,
               QFontMetricsF(p.font()).elidedText(title, Qt::ElideRight, layout.detailTitle.width()));
    if (l >= 0 && !isDenseLayer(l)) {
        p.setFont(sizedFont(font(), labelPx));
        p.setPen(dim);
        for (int e = 0; e < m_experts; e += layout.detailPerRow) {
            const QRectF cellBox = detailCellRectF(layout, e);
            p.drawText(QRectF(layout.rowLabels.left(), cellBox.top(),
                              layout.detail.left() - layout.rowLabels.left() - fm.height() * 0.3,
                              cellBox.height()),
                       Qt::AlignRight | Qt::AlignVCenter, tr("E%1").arg(e + 1));
        }
    }
}

void ExpertGridView::paintHeatLegend(QPainter& p, const HeatLayout& layout) const
{
    const QFontMetricsF fm(font());
    const QPalette& pal = palette();
    const QColor text = withAlpha(pal.color(QPalette::WindowText), 0.75);
    p.setFont(sizedFont(font(), fm.height() * 0.75));
    const QFontMetricsF small(p.font());
    const double swatch = small.height() * 0.9;
    double rampWidth = small.height() * 6;
    const QString low = tr("≤ 1/%1").arg(m_experts);
    const QString high = tr("100%");
    QString probability = tr("router probability");
    const QString chosen = tr("chosen");
    const QString alwaysOn = tr("always on");
    const QString off = tr("off");
    const double spacing = small.height();
    const bool showAlwaysOn =
        m_shared > 0 || std::find(m_dense.begin(), m_dense.end(), true) != m_dense.end();
    const auto totalWidth = [&] {
        double total = small.horizontalAdvance(probability) + spacing * 0.5 + small.horizontalAdvance(low) +
                       rampWidth + small.horizontalAdvance(high) + small.height() * 0.6;
        for (const QString* s : {&chosen, &off})
            total += spacing + swatch + small.height() * 0.3 + small.horizontalAdvance(*s);
        if (showAlwaysOn)
            total += spacing + swatch + small.height() * 0.3 + small.horizontalAdvance(alwaysOn);
        return total;
    };
    // Narrower: a shorter ramp, then the ramp without its title (the information line names the
    // probability of whatever is pointed at); else no legend.
    if (totalWidth() > layout.legend.width())
        rampWidth = small.height() * 3;
    if (totalWidth() > layout.legend.width())
        probability.clear();
    const double total = totalWidth();
    if (total > layout.legend.width())
        return;
    double x = layout.legend.center().x() - total / 2.0;
    const double y = layout.legend.center().y();
    const auto label = [&](const QString& s) {
        p.setPen(text);
        p.drawText(QRectF(x, y - small.height() / 2, small.horizontalAdvance(s) + 1, small.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, s);
        x += small.horizontalAdvance(s);
    };
    label(probability);
    x += spacing * 0.5;
    label(low);
    x += small.height() * 0.3;
    for (int i = 0; i < 64; ++i) {
        const QRectF slice(x + rampWidth * i / 64.0, y - swatch / 2, rampWidth / 64.0 + 0.5, swatch);
        p.fillRect(slice, heatColour(static_cast<float>(i / 63.0)));
    }
    x += rampWidth + small.height() * 0.3;
    label(high);
    const auto box = [&](const QColor& fill, bool outlined, bool hatched) {
        x += spacing;
        const QRectF r(x, y - swatch / 2, swatch, swatch);
        p.setPen(outlined ? QPen(chosenOutline(pal), 2.0) : QPen(Qt::NoPen));
        p.setBrush(fill);
        p.drawRect(r);
        if (hatched) {
            p.setPen(QPen(pal.color(QPalette::WindowText), 1.0));
            p.drawLine(r.topLeft(), r.bottomRight());
            p.drawLine(r.topRight(), r.bottomLeft());
        }
        x += swatch + small.height() * 0.3;
    };
    box(heatColour(0.6f), true, false);
    label(chosen);
    if (showAlwaysOn) {
        box(alwaysOnColour(), false, false);
        label(alwaysOn);
    }
    box(mix(pal.color(QPalette::Window), pal.color(QPalette::WindowText), 0.45), false, true);
    label(off);
}

void ExpertGridView::paintHeatMap(QPainter& p)
{
    const HeatLayout layout = computeHeatLayout();
    if (layout.pitchX <= 0) {
        p.fillRect(rect(), palette().color(QPalette::Window));
        return;
    }
    ensureHeatCaches(layout);
    updateHeatImage();
    p.drawPixmap(0, 0, m_background);
    paintHeatOverlay(p, layout);
    paintDetail(p, layout);

    p.setFont(sizedFont(font(), QFontMetricsF(font()).height() * 0.8));
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(layout.info, Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(p.font()).elidedText(m_statusText, Qt::ElideRight, layout.info.width()));
}

void ExpertGridView::paintHeatOverlay(QPainter& p, const HeatLayout& layout) const
{
    const QPalette& pal = palette();
    const QColor ink = pal.color(QPalette::WindowText);
    const QColor background = pal.color(QPalette::Window);
    const QColor highlight = pal.color(QPalette::Highlight);
    auto& drawn = const_cast<std::vector<QRect>&>(m_drawnAlwaysOn);
    drawn.clear();

    // Always-on: the shared strip (rows follow the vertical zoom), and dense rows drawn over it all.
    p.save();
    p.setClipRect(layout.shared.united(layout.viewport));
    const QColor alwaysOn = alwaysOnColour();
    const double sharedGap = layout.sharedPitch > 4 ? 1.0 : 0.0;
    for (int l = 0; l < m_layers; ++l) {
        if (isDenseLayer(l))
            continue;
        for (int s = 0; s < m_shared; ++s) {
            const QRectF r = sharedRectF(layout, l, s).adjusted(0, 0, -sharedGap, 0);
            if (!r.intersects(layout.shared))
                continue;
            p.fillRect(r, alwaysOn);
            drawn.push_back(r.intersected(layout.shared).toAlignedRect());
        }
    }
    // The heat itself: one image pixel per expert, scaled without smoothing.
    p.setClipRect(layout.viewport);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(layout.matrix, m_heatImage);
    // Gaps between cells once they are big enough to show them.
    p.setPen(QPen(background, 1.0));
    if (layout.pitchX >= 6) {
        const int first =
            std::max(1, static_cast<int>((layout.viewport.left() - layout.matrix.left()) / layout.pitchX));
        for (int e = first; e < m_experts; ++e) {
            const double x = layout.matrix.left() + e * layout.pitchX;
            if (x > layout.viewport.right())
                break;
            p.drawLine(QPointF(x, layout.viewport.top()), QPointF(x, layout.viewport.bottom()));
        }
    }
    if (layout.pitchY >= 6)
        for (int l = 1; l < m_layers; ++l) {
            const double y = layout.matrix.top() + l * layout.pitchY;
            if (y > layout.viewport.top() && y < layout.viewport.bottom())
                p.drawLine(QPointF(layout.viewport.left(), y), QPointF(layout.viewport.right(), y));
        }
    p.setClipRect(layout.shared.united(layout.viewport));
    const QFontMetricsF fm(font());
    for (int l = 0; l < m_layers; ++l) {
        if (!isDenseLayer(l))
            continue;
        const QRectF r = denseRectF(layout, l);
        if (!r.intersects(layout.viewport))
            continue;
        const QRectF block = r.adjusted(0, 0, 0, r.height() >= 4 ? -1.0 : 0.0); // dense rows apart
        p.fillRect(block, alwaysOn);
        drawn.push_back(block.intersected(layout.shared.united(layout.viewport)).toAlignedRect());
        if (r.height() >= fm.height() * 0.8) {
            p.setFont(sizedFont(font(), std::min(fm.height() * 0.75, r.height() * 0.85)));
            p.setPen(ExpertPalette::textOn(alwaysOn));
            p.drawText(r, Qt::AlignCenter, tr("dense layer: no router, always on"));
        }
    }

    // Chosen experts outlined; switched-off ones crossed once there is room.
    p.setClipRect(layout.viewport.adjusted(-2, -2, 2, 2));
    p.setBrush(Qt::NoBrush);
    // Whole pixels, drawn as four filled strips: hundreds of stroked rectangles a frame would go
    // through the path stroker.
    const int outline = std::clamp(static_cast<int>(std::min(layout.pitchX, layout.pitchY) * 0.25), 1, 2);
    const QColor outlineColour = chosenOutline(pal);
    const int nRouted = std::min(m_layers, static_cast<int>(m_routing.layers.size()));
    for (int l = 0; l < nRouted; ++l) {
        const double y = layout.matrix.top() + l * layout.pitchY;
        if (y + layout.pitchY < layout.viewport.top() || y > layout.viewport.bottom())
            continue;
        for (const int e : m_routing.layers[static_cast<size_t>(l)].experts) {
            if (e < 0 || e >= m_experts)
                continue;
            const QRect r = heatCellRectF(layout, l, e).toAlignedRect().adjusted(-1, -1, 0, 0);
            p.fillRect(QRect(r.left(), r.top(), r.width(), outline), outlineColour);
            p.fillRect(QRect(r.left(), r.bottom() - outline + 1, r.width(), outline), outlineColour);
            p.fillRect(QRect(r.left(), r.top(), outline, r.height()), outlineColour);
            p.fillRect(QRect(r.right() - outline + 1, r.top(), outline, r.height()), outlineColour);
        }
    }
    if (layout.pitchX >= 6 && layout.pitchY >= 6) {
        p.setPen(QPen(ink, 1.0));
        for (size_t l = 0; l < m_disabled.size() && static_cast<int>(l) < m_layers; ++l)
            for (size_t e = 0; e < m_disabled[l].size() && static_cast<int>(e) < m_experts; ++e)
                if (m_disabled[l][e]) {
                    const QRectF r = heatCellRectF(layout, static_cast<int>(l), static_cast<int>(e))
                                         .adjusted(2, 2, -2, -2);
                    p.drawLine(r.topLeft(), r.bottomRight());
                    p.drawLine(r.topRight(), r.bottomLeft());
                }
    }
    // The selected layer's band, the lesson's column, hover and keyboard focus.
    if (m_selectedLayer >= 0) {
        const QRectF band(layout.viewport.left(), layout.matrix.top() + m_selectedLayer * layout.pitchY,
                          layout.viewport.width(), layout.pitchY);
        p.setClipping(false);
        p.setPen(QPen(highlight, 2.0));
        p.drawRect(band.adjusted(-2, -1.5, 2, 1.5).intersected(layout.viewport.adjusted(-3, -3, 3, 3)));
    }
    if (m_highlightedExpert >= 0) {
        const QRectF column(layout.matrix.left() + m_highlightedExpert * layout.pitchX, layout.viewport.top(),
                            layout.pitchX, layout.viewport.height());
        p.setPen(QPen(highlight, 2.0, Qt::DashLine));
        p.drawRect(column.adjusted(-2, -2, 2, 2));
    }
    p.setClipRect(layout.viewport.adjusted(-3, -3, 3, 3));
    if (m_hoverLayer >= 0 && m_hoverExpert >= 0) {
        p.setPen(QPen(highlight, 2.0, Qt::DotLine));
        p.drawRect(heatCellRectF(layout, m_hoverLayer, m_hoverExpert).adjusted(-2, -2, 2, 2));
    }
    if (m_selectedLayer >= 0 && m_focusExpert >= 0 && hasFocus()) {
        p.setPen(QPen(highlight, 2.0));
        p.drawRect(heatCellRectF(layout, m_selectedLayer, m_focusExpert).adjusted(-2.5, -2.5, 2.5, 2.5));
    }
    p.restore();
}

void ExpertGridView::paintDetail(QPainter& p, const HeatLayout& layout) const
{
    const int l = detailLayer();
    if (l < 0)
        return;
    const QPalette& pal = palette();
    const QColor ink = pal.color(QPalette::WindowText);
    const QFontMetricsF fm(font());
    p.save();
    if (isDenseLayer(l)) {
        const QColor alwaysOn = alwaysOnColour();
        p.fillRect(layout.detail, alwaysOn);
        p.setPen(ExpertPalette::textOn(alwaysOn));
        p.setFont(font());
        p.drawText(layout.detail, Qt::AlignCenter | Qt::TextWordWrap,
                   tr("One feed-forward block that every token goes through: no router, nothing to choose"));
        p.restore();
        return;
    }
    const moe::LayerRouting* routing =
        l < static_cast<int>(m_routing.layers.size()) ? &m_routing.layers[static_cast<size_t>(l)] : nullptr;
    const QColor off = mix(pal.color(QPalette::Window), ink, 0.45);
    const double gap = layout.detailPitchX >= 8 ? 1.5 : 0.5;
    const bool numbers = layout.detailPitchX >= fm.height() * 1.4;
    p.setFont(sizedFont(font(), std::min(fm.height() * 0.7, layout.detailPitchY * 0.6)));
    for (int e = 0; e < m_experts; ++e) {
        const QRectF r = detailCellRectF(layout, e).adjusted(gap, gap, -gap, -gap);
        const bool disabled = isDisabled(l, e);
        const QColor fill = disabled ? off : heatColour(cell(l, e).heat);
        p.fillRect(r, fill);
        if (disabled) {
            p.setPen(QPen(ink, 1.0));
            p.drawLine(r.topLeft(), r.bottomRight());
            p.drawLine(r.topRight(), r.bottomLeft());
        } else if (numbers) {
            p.setPen(withAlpha(contrastRatio(fill, Qt::white) > contrastRatio(fill, Qt::black)
                                   ? QColor(Qt::white)
                                   : QColor(Qt::black),
                               0.75));
            p.drawText(r, Qt::AlignCenter, QString::number(e + 1));
        }
    }
    p.setBrush(Qt::NoBrush);
    if (routing) {
        p.setPen(QPen(chosenOutline(pal), 2.5));
        for (const int e : routing->experts)
            if (e >= 0 && e < m_experts)
                p.drawRect(detailCellRectF(layout, e).adjusted(0.5, 0.5, -0.5, -0.5));
    }
    const QColor highlight = pal.color(QPalette::Highlight);
    if (m_hoverLayer == l && m_hoverExpert >= 0) {
        p.setPen(QPen(highlight, 2.0, Qt::DotLine));
        p.drawRect(detailCellRectF(layout, m_hoverExpert).adjusted(-1, -1, 1, 1));
    }
    if (m_focusExpert >= 0 && hasFocus()) {
        p.setPen(QPen(highlight, 2.5));
        p.drawRect(detailCellRectF(layout, m_focusExpert).adjusted(-1.5, -1.5, 1.5, 1.5));
    }
    p.restore();
}

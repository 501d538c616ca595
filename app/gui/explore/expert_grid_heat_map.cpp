// The expert grid as a heat map, for real models (16-61 layers x 60-256 experts): its geometry
// (the zoomable overview, the shared strip, the focused layer enlarged below), hit testing, zoom,
// keyboard focus, hover and the words they show. Painting: expert_grid_heat_paint.cpp.
#include "explore/expert_grid_view.h"

#include "style/number_format.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QRegion>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {

constexpr int kMaxDetailRows = 4;   // the enlarged layer wraps into at most this many rows
constexpr double kZoomStep = 1.25;  // one wheel notch or one + / -
constexpr double kPanThreshold = 4; // pixels a press must move before it pans instead of clicking

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

// Painting the difference map: layer rows, expert columns (headers in the expert's own colour),
// a diverging indigo-background-brown fill and the signed difference printed in every cell.
#include "compare/usage_heat_map.h"

#include "style/colour_maths.h"
#include "style/expert_palette.h"
#include "style/number_format.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace {

} // namespace

UsageHeatMap::UsageHeatMap(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Difference map"));
    setAccessibleDescription(
        tr("Layers by experts. Each cell shows how much more of the math work (plus, indigo) "
           "or of the poem's work (minus, brown) the expert did."));
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void UsageHeatMap::setStats(const CompareStats& stats)
{
    m_stats = stats;
    if (m_selectedLayer >= m_stats.layers())
        m_selectedLayer = -1;
    updateGeometry();
    update();
}

void UsageHeatMap::clear()
{
    setStats(CompareStats{});
}

void UsageHeatMap::setSelectedLayer(int layer)
{
    m_selectedLayer = (layer >= 0 && layer < m_stats.layers()) ? layer : -1;
    update();
}

QColor UsageHeatMap::cellColor(double leaning, const QColor& background)
{
    const double t = std::clamp(std::abs(leaning) / kFullColourDifference, 0.0, 1.0);
    return mix(background, leaning >= 0 ? ExpertPalette::mathColor() : ExpertPalette::poemColor(), t);
}

QString UsageHeatMap::cellText(double leaning)
{
    const int points = static_cast<int>(std::lround(leaning * 100.0));
    if (points == 0)
        return percentText(0.0, 0);
    // A real minus sign: the hyphen is too short to read on a projector. The number itself in the
    // app's one percent format (German "13 %").
    return (points > 0 ? QStringLiteral("+") : QStringLiteral("\u2212")) +
           percentText(std::abs(points) / 100.0, 0);
}

QSize UsageHeatMap::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    const int experts = std::max(m_stats.experts(), 8), layers = std::max(m_stats.layers(), 4);
    const int w = fm.horizontalAdvance(QStringLiteral("L00")) +
                  experts * fm.horizontalAdvance(QStringLiteral("+100%  "));
    return {w, static_cast<int>(fm.height() * (2.5 + kMaxRowLines * layers) +
                                legend(nullptr, QRectF(0, 0, w, 0)))};
}

QSize UsageHeatMap::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    const int experts = std::max(m_stats.experts(), 1), layers = std::max(m_stats.layers(), 1);
    const int w =
        fm.horizontalAdvance(QStringLiteral("L00")) + experts * fm.horizontalAdvance(QStringLiteral("+10%"));
    return {w, static_cast<int>(fm.height() * (2.5 + 1.6 * layers) + legend(nullptr, QRectF(0, 0, w, 0)))};
}

UsageHeatMap::Geometry UsageHeatMap::geometry() const
{
    const QFontMetricsF fm(font());
    const qreal line = fm.height(), margin = line * 0.4;
    Geometry g;
    g.labelWidth = fm.horizontalAdvance(QStringLiteral("L00")) + margin;
    g.headerHeight = line * 1.6;
    const qreal legendHeight = legend(nullptr, QRectF(margin, 0, width() - 2 * margin, 0));
    const int layers = std::max(m_stats.layers(), 1), experts = std::max(m_stats.experts(), 1);
    const qreal left = margin + g.labelWidth, top = margin + g.headerHeight;
    const qreal gridWidth = std::max<qreal>(width() - left - margin, 1);
    const qreal gridHeight = std::max<qreal>(height() - top - legendHeight - 2 * margin, 1);
    g.cellWidth = gridWidth / experts;
    // Cells stay roughly square-ish: tall rows on a wide screen would only stretch the colour.
    g.cellHeight =
        std::min({gridHeight / layers, line * kMaxRowLines, std::max(g.cellWidth * 0.8, line * 1.6)});
    g.grid = QRectF(left, top, gridWidth, g.cellHeight * layers);
    g.legend = QRectF(margin, g.grid.bottom() + margin, width() - 2 * margin, legendHeight);
    return g;
}

std::pair<int, int> UsageHeatMap::cellAt(const QPointF& point) const
{
    if (m_stats.layers() == 0)
        return {-1, -1};
    const Geometry g = geometry();
    const QRectF rows(0, g.grid.top(), g.grid.right(), g.grid.height()); // row labels count as the row
    if (!rows.contains(point))
        return {-1, -1};
    const int layer =
        std::clamp(static_cast<int>((point.y() - g.grid.top()) / g.cellHeight), 0, m_stats.layers() - 1);
    if (point.x() < g.grid.left())
        return {layer, -1};
    const int expert =
        std::clamp(static_cast<int>((point.x() - g.grid.left()) / g.cellWidth), 0, m_stats.experts() - 1);
    return {layer, expert};
}

void UsageHeatMap::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    if (m_stats.layers() == 0 || m_stats.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Run a math prompt and a poem to see the difference map."));
        return;
    }

    const Geometry g = geometry();
    const QColor base = pal.color(QPalette::Base);
    const QFontMetricsF fm(font());

    // Column headers: the expert's own colour with its number on it, as everywhere in the app.
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const qreal chipWidth =
        std::min(g.cellWidth - 4, QFontMetricsF(bold).horizontalAdvance(QStringLiteral("E00")) * 1.5);
    for (int e = 0; e < m_stats.experts(); ++e) {
        const QRectF chip(g.grid.left() + (e + 0.5) * g.cellWidth - chipWidth / 2,
                          g.grid.top() - g.headerHeight, chipWidth, g.headerHeight * 0.8);
        const QColor c = ExpertPalette::color(e);
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawRoundedRect(chip, chip.height() / 4, chip.height() / 4);
        p.setPen(ExpertPalette::textOn(c));
        p.drawText(chip, Qt::AlignCenter, tr("E%1").arg(e + 1));
    }

    // Cells, with the value sized to the cell so it stays readable from the back of a classroom.
    QFont valueFont = bold;
    valueFont.setPixelSize(std::clamp(static_cast<int>(std::min(g.cellHeight * 0.38, g.cellWidth / 3.4)),
                                      std::max(8, static_cast<int>(fm.height() * 0.7)),
                                      static_cast<int>(fm.height() * 2.2)));
    for (int l = 0; l < m_stats.layers(); ++l) {
        const qreal y = g.grid.top() + l * g.cellHeight;
        p.setFont(bold);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(g.grid.left() - g.labelWidth, y, g.labelWidth * 0.85, g.cellHeight),
                   Qt::AlignRight | Qt::AlignVCenter, tr("L%1").arg(l + 1));
        p.setFont(valueFont);
        for (int e = 0; e < m_stats.experts(); ++e) {
            const double v = m_stats.leaning[static_cast<size_t>(l)][static_cast<size_t>(e)];
            const QRectF cell = QRectF(g.grid.left() + e * g.cellWidth, y, g.cellWidth, g.cellHeight)
                                    .adjusted(1.5, 1.5, -1.5, -1.5);
            const QColor fill = cellColor(v, base);
            p.setPen(QPen(pal.color(QPalette::Mid), 1));
            p.setBrush(fill);
            p.drawRoundedRect(cell, 3, 3);
            p.setPen(ExpertPalette::textOn(fill));
            p.drawText(cell, Qt::AlignCenter, cellText(v));
        }
    }
    if (m_selectedLayer >= 0) {
        const QRectF row(g.grid.left() - g.labelWidth, g.grid.top() + m_selectedLayer * g.cellHeight,
                         g.grid.width() + g.labelWidth, g.cellHeight);
        p.setPen(QPen(pal.color(QPalette::Highlight), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(row.adjusted(-1, -1, 1, 1), 5, 5);
    }
    p.setFont(font());
    legend(&p, g.legend);
}

qreal UsageHeatMap::legend(QPainter* p, const QRectF& area) const
{
    const QFontMetricsF fm(font());
    const qreal line = fm.height(), swatch = line * 0.9, gap = line * 1.2;
    const QColor base = palette().color(QPalette::Base);
    qreal x = area.left(), y = area.top();
    // The two entries flow onto a second line when the widget is narrow.
    const auto entry = [&](const QColor& colour, const QString& text) {
        const qreal w = swatch * 2.0 + fm.horizontalAdvance(text) + 1;
        if (x > area.left() && x + w > area.right()) {
            x = area.left();
            y += line * 1.2;
        }
        if (p) {
            const QRectF box(x, y + (line - swatch) / 2, swatch * 1.6, swatch);
            p->setPen(QPen(palette().color(QPalette::Mid), 1));
            p->setBrush(colour);
            p->drawRoundedRect(box, 2, 2);
            p->setPen(palette().color(QPalette::WindowText));
            p->drawText(QRectF(box.right() + swatch * 0.4, y, w, line), Qt::AlignLeft | Qt::AlignVCenter,
                        text);
        }
        x += w + gap;
    };
    entry(cellColor(kFullColourDifference, base), tr("indigo (+) = used more for math"));
    entry(cellColor(-kFullColourDifference, base), tr("brown (\u2212) = used more for the poem"));
    y += line * 1.3;

    const QString note =
        tr("Each number: the expert's share of the math work minus its share of the poem's work, "
           "in percentage points. Click a row to show that layer in the chart.");
    const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    const QRectF noteRect = fm.boundingRect(QRectF(area.left(), y, area.width(), 1e6), flags, note);
    if (p) {
        p->setPen(palette().color(QPalette::PlaceholderText));
        p->drawText(QRectF(area.left(), y, area.width(), noteRect.height() + 1), flags, note);
    }
    return y + noteRect.height() - area.top();
}

void UsageHeatMap::mousePressEvent(QMouseEvent* event)
{
    const auto [layer, expert] = cellAt(event->position());
    Q_UNUSED(expert);
    if (layer >= 0 && event->button() == Qt::LeftButton) {
        setSelectedLayer(layer);
        emit layerClicked(layer);
    }
    QWidget::mousePressEvent(event);
}

bool UsageHeatMap::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const auto [layer, expert] = cellAt(help->pos());
        if (layer >= 0 && expert >= 0) {
            const auto l = static_cast<size_t>(layer), e = static_cast<size_t>(expert);
            QToolTip::showText(help->globalPos(),
                               tr("Layer %1, expert %2: %3 of the math work, %4 of the poem's work (%5)")
                                   .arg(QString::number(layer + 1), QString::number(expert + 1),
                                        percentText(m_stats.mathShares[l][e], 0),
                                        percentText(m_stats.poemShares[l][e], 0),
                                        cellText(m_stats.leaning[l][e])),
                               this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

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
    m_order.clear();
    for (int l = 0; l < m_stats.layers(); ++l)
        m_order.push_back(expertsByDifference(m_stats, l));
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

void UsageHeatMap::setSortedByDifference(bool sorted)
{
    m_sorted = sorted;
    update();
}

int UsageHeatMap::expertAt(int layer, int column) const
{
    if (layer < 0 || layer >= m_stats.layers() || column < 0 || column >= m_stats.experts())
        return -1;
    return m_sorted ? m_order[static_cast<size_t>(layer)][static_cast<size_t>(column)] : column;
}

double UsageHeatMap::fullColourDifference(int experts)
{
    return experts > 0 ? std::min(kFullColourDifference, 4.0 / experts) : kFullColourDifference;
}

QColor UsageHeatMap::cellColor(double leaning, const QColor& background, double full)
{
    const double t = std::clamp(std::abs(leaning) / full, 0.0, 1.0);
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
    // Past 16 experts or 8 layers the cells are colour only: the map asks for a screenful, no more.
    const int cellWidth = experts > 16 ? 4 : fm.horizontalAdvance(QStringLiteral("+100%  "));
    const double rowLines = layers > 8 ? std::max(0.35, 8.0 / layers) : kMaxRowLines;
    const int w =
        fm.horizontalAdvance(QStringLiteral("L00")) + std::min(experts * cellWidth, fm.height() * 40);
    return {w,
            static_cast<int>(fm.height() * (2.5 + rowLines * layers) + legend(nullptr, QRectF(0, 0, w, 0)))};
}

QSize UsageHeatMap::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    const int experts = std::max(m_stats.experts(), 1), layers = std::max(m_stats.layers(), 1);
    const int cellWidth = experts > 16 ? 1 : fm.horizontalAdvance(QStringLiteral("+10%"));
    const double rowHeight = layers > 8 ? 3.0 : fm.height() * 1.6;
    const int w = fm.horizontalAdvance(QStringLiteral("L00")) + experts * cellWidth;
    return {w,
            static_cast<int>(fm.height() * 2.5 + rowHeight * layers + legend(nullptr, QRectF(0, 0, w, 0)))};
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
    // Shared experts get a block of their own at the right, a gap apart: they are not routed.
    const int shared = std::max(m_stats.sharedExperts, 0);
    const qreal sharedCell = line * 1.4;
    const qreal sharedWidth =
        shared > 0 ? std::max(shared * sharedCell, fm.horizontalAdvance(tr("shared")) + 4) : 0.0;
    const qreal left = margin + g.labelWidth, top = margin + g.headerHeight;
    const qreal gridWidth =
        std::max<qreal>(width() - left - margin - (shared > 0 ? sharedWidth + margin : 0.0), 1);
    const qreal gridHeight = std::max<qreal>(height() - top - legendHeight - 2 * margin, 1);
    g.cellWidth = gridWidth / experts;
    // Cells stay roughly square-ish: tall rows on a wide screen would only stretch the colour.
    g.cellHeight =
        std::min({gridHeight / layers, line * kMaxRowLines, std::max(g.cellWidth * 0.8, line * 1.6)});
    g.grid = QRectF(left, top, gridWidth, g.cellHeight * layers);
    if (shared > 0)
        g.shared = QRectF(g.grid.right() + margin, top, sharedWidth, g.grid.height());
    g.legend = QRectF(margin, g.grid.bottom() + margin, width() - 2 * margin, legendHeight);
    return g;
}

bool UsageHeatMap::printsNumbers() const
{
    return printsNumbers(geometry());
}

bool UsageHeatMap::printsNumbers(const Geometry& g) const
{
    const QFontMetricsF fm(font());
    // Up to 16 experts the numbers are always printed, sized to the cell, as the map always did.
    return m_stats.experts() <= 16 || (g.cellWidth >= fm.horizontalAdvance(QStringLiteral("+10%")) + 4 &&
                                       g.cellHeight >= fm.height() * 1.1);
}

QRectF UsageHeatMap::cellRect(int layer, int column) const
{
    if (layer < 0 || layer >= m_stats.layers() || column < 0 || column >= m_stats.experts())
        return {};
    const Geometry g = geometry();
    return QRectF(g.grid.left() + column * g.cellWidth, g.grid.top() + layer * g.cellHeight, g.cellWidth,
                  g.cellHeight);
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
    const QPalette pal = palette();
    if (m_stats.layers() == 0 || m_stats.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Run a math prompt and a poem to see the difference map."));
        return;
    }

    const Geometry g = geometry();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::WindowText);
    const QFontMetricsF fm(font());
    const bool numbers = printsNumbers(g); // g once: it lays out the legend
    const int experts = m_stats.experts(), layers = m_stats.layers();
    const double full = fullColourDifference(experts);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const QFontMetricsF bfm(bold);

    // Column headers. Sorted rows: a column is a rank, not an expert, and the header says so.
    // Wide cells: the expert's chip with its number, as everywhere in the app. Narrow: every n-th number.
    const qreal chipWidth = std::min(g.cellWidth - 4, bfm.horizontalAdvance(QStringLiteral("E00")) * 1.5);
    const QRectF header(g.grid.left(), g.grid.top() - g.headerHeight, g.grid.width(), g.headerHeight * 0.8);
    if (m_sorted) {
        p.setPen(text);
        p.drawText(header, Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(tr("each row sorted: biggest difference on the left"), Qt::ElideRight,
                                 header.width()));
    } else if (chipWidth >= bfm.horizontalAdvance(QStringLiteral("E00")) &&
               experts <= ExpertPalette::kDistinctColours) {
        p.setRenderHint(QPainter::Antialiasing);
        for (int e = 0; e < experts; ++e) {
            const QRectF chip(g.grid.left() + (e + 0.5) * g.cellWidth - chipWidth / 2, header.top(),
                              chipWidth, header.height());
            const QColor c = ExpertPalette::color(e);
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawRoundedRect(chip, chip.height() / 4, chip.height() / 4);
            p.setPen(ExpertPalette::textOn(c));
            p.drawText(chip, Qt::AlignCenter, ExpertPalette::label(e));
        }
    } else {
        // A label every `step` experts (1, 2, 4, 8, ...), so the numbers never collide.
        const qreal labelWidth = bfm.horizontalAdvance(ExpertPalette::label(experts - 1)) * 1.3;
        int step = 1;
        while (step * g.cellWidth < labelWidth)
            step *= 2;
        p.setPen(text);
        for (int e = 0; e < experts; e += step) {
            const qreal x = g.grid.left() + (e + 0.5) * g.cellWidth;
            const QRectF box(x - labelWidth / 2, header.top(), labelWidth, header.height());
            if (box.right() <= g.grid.right() + labelWidth / 2)
                p.drawText(box, Qt::AlignCenter, ExpertPalette::label(e));
        }
    }
    if (!g.shared.isEmpty()) {
        p.setPen(text);
        p.drawText(QRectF(g.shared.left() - 4, header.top(), g.shared.width() + 8, header.height()),
                   Qt::AlignCenter, tr("shared"));
    }

    // Row labels: every row when there is room, else every n-th and the selected one.
    int rowStep = 1;
    while (rowStep * g.cellHeight < fm.height() * 0.95)
        ++rowStep;
    QFont valueFont = bold;
    valueFont.setPixelSize(std::clamp(static_cast<int>(std::min(g.cellHeight * 0.38, g.cellWidth / 3.4)),
                                      std::max(8, static_cast<int>(fm.height() * 0.7)),
                                      static_cast<int>(fm.height() * 2.2)));
    const QBrush denseBrush(withAlpha(text, 0.25), Qt::BDiagPattern);
    const QColor sharedFill = mix(base, text, 0.22);
    for (int l = 0; l < layers; ++l) {
        const qreal y = g.grid.top() + l * g.cellHeight;
        // The selected row always has its label; the regular ones near it give way.
        const bool nearSelected =
            m_selectedLayer >= 0 && l != m_selectedLayer && std::abs(l - m_selectedLayer) < rowStep;
        if ((l % rowStep == 0 && !nearSelected) || l == m_selectedLayer) {
            p.setFont(bold);
            p.setPen(text);
            p.drawText(QRectF(g.grid.left() - g.labelWidth, y + g.cellHeight / 2 - fm.height() / 2,
                              g.labelWidth * 0.85, fm.height()),
                       Qt::AlignRight | Qt::AlignVCenter, tr("L%1").arg(l + 1));
        }
        const QRectF row(g.grid.left(), y, g.grid.width(), g.cellHeight);
        if (m_stats.isDense(l)) { // no router: one hatched block, no experts to compare
            p.fillRect(row, base);
            p.fillRect(row, denseBrush);
            if (g.cellHeight >= fm.height() * 0.9) {
                p.setFont(font());
                p.setPen(text);
                p.drawText(row, Qt::AlignCenter, tr("dense layer: no router"));
            }
            continue;
        }
        if (numbers) {
            p.setRenderHint(QPainter::Antialiasing);
            p.setFont(valueFont);
        } else {
            p.setRenderHint(QPainter::Antialiasing, false);
        }
        const auto li = static_cast<size_t>(l);
        for (int c = 0; c < experts; ++c) {
            const double v = m_stats.leaning[li][static_cast<size_t>(expertAt(l, c))];
            const QColor fill = cellColor(v, base, full);
            const QRectF cell(g.grid.left() + c * g.cellWidth, y, g.cellWidth, g.cellHeight);
            if (!numbers) { // colour only: whole pixels, no borders, fast at 61 x 256
                p.fillRect(cell, fill);
                continue;
            }
            const QRectF inner = cell.adjusted(1.5, 1.5, -1.5, -1.5);
            p.setPen(QPen(pal.color(QPalette::Mid), 1));
            p.setBrush(fill);
            p.drawRoundedRect(inner, 3, 3);
            p.setPen(ExpertPalette::textOn(fill));
            p.drawText(inner, Qt::AlignCenter, cellText(v));
        }
        if (!g.shared.isEmpty()) {
            const QRectF block(g.shared.left(), y, g.shared.width(), g.cellHeight);
            p.fillRect(block.adjusted(0, g.cellHeight > 4 ? 0.5 : 0, 0, g.cellHeight > 4 ? -0.5 : 0),
                       sharedFill);
        }
    }
    p.setRenderHint(QPainter::Antialiasing);
    if (!numbers) { // a thin frame holds the colour cells together
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(g.grid);
    }
    if (m_selectedLayer >= 0) {
        // Thin rows: the outline holds the cells only, so it never strikes through the row's label.
        const qreal labelPart = numbers ? g.labelWidth : 0.0;
        const QRectF row(g.grid.left() - labelPart, g.grid.top() + m_selectedLayer * g.cellHeight,
                         g.grid.width() + labelPart, g.cellHeight);
        p.setPen(QPen(pal.color(QPalette::Highlight), numbers ? 3 : 2));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(row.adjusted(-1, -1, 1, 1), numbers ? 5 : 2, numbers ? 5 : 2);
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
    entry(cellColor(1.0, base), tr("indigo (+) = used more for math"));
    entry(cellColor(-1.0, base), tr("brown (\u2212) = used more for the poem"));
    if (m_stats.sharedExperts > 0)
        entry(mix(base, palette().color(QPalette::WindowText), 0.22),
              tr("grey = shared, always on for both texts"));
    y += line * 1.3;

    const bool many = m_stats.experts() > 16;
    const QString note =
        many ? tr("Each cell: the expert's share of the math work minus its share of the poem's work, full "
                  "colour from %1 points on (point at a cell for its numbers). Click a row to show that "
                  "layer in "
                  "the chart.")
                   .arg(QLocale().toString(fullColourDifference(m_stats.experts()) * 100.0, 'f', 1))
             : tr("Each number: the expert's share of the math work minus its share of the poem's work, "
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
        const int shown = expertAt(layer, expert);
        if (layer >= 0 && m_stats.isDense(layer)) {
            QToolTip::showText(help->globalPos(),
                               tr("Layer %1 is dense: it has no router, every token of both texts goes "
                                  "through the same block")
                                   .arg(layer + 1),
                               this);
        } else if (layer >= 0 && shown >= 0) {
            const auto l = static_cast<size_t>(layer), e = static_cast<size_t>(shown);
            QToolTip::showText(help->globalPos(),
                               tr("Layer %1, expert %2: %3 of the math work, %4 of the poem's work (%5)")
                                   .arg(QString::number(layer + 1), QString::number(shown + 1),
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

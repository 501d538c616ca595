// Painting the per-layer summary: a header, one row per layer (divergence bar with its value in
// bits, the most math- and poem-leaning experts as colour chips with their numbers) and a footnote
// saying what 0 and 1 bits mean.
#include "compare/layer_divergence_view.h"

#include "compare/usage_heat_map.h"
#include "style/expert_palette.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

LayerDivergenceView::LayerDivergenceView(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Difference per layer"));
    setToolTip(
        tr("How differently the two texts used the experts in each layer (Jensen-Shannon divergence)"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void LayerDivergenceView::setStats(const CompareStats& stats)
{
    m_stats = stats;
    if (m_selectedLayer >= m_stats.layers())
        m_selectedLayer = -1;
    updateGeometry();
    update();
}

void LayerDivergenceView::clear()
{
    setStats(CompareStats{});
}

void LayerDivergenceView::setSelectedLayer(int layer)
{
    m_selectedLayer = (layer >= 0 && layer < m_stats.layers()) ? layer : -1;
    update();
}

qreal LayerDivergenceView::rowHeight() const
{
    return QFontMetricsF(font()).height() * 1.9;
}

QStringList LayerDivergenceView::headers() const
{
    return {tr("Layer"), tr("How different? (bits)"), tr("Leans to math"), tr("Leans to the poem")};
}

LayerDivergenceView::Columns LayerDivergenceView::columns(qreal width) const
{
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF fm(font()), bfm(bold);
    const qreal line = fm.height(), pad = line * 0.6;
    const QStringList head = headers();
    Columns c;
    c.layerWidth = bfm.horizontalAdvance(head[0]) + pad;
    c.barTextWidth = fm.horizontalAdvance(tr("%1 bits").arg(QStringLiteral("0.00"))) + pad;
    const qreal chip = bfm.horizontalAdvance(QStringLiteral("E00")) * 1.3 + pad * 0.5 +
                       fm.horizontalAdvance(QStringLiteral("+100%")) + pad;
    const qreal headerWide = std::max(bfm.horizontalAdvance(head[2]), bfm.horizontalAdvance(head[3])) + pad;
    // On a narrow screen the headers wrap onto two lines rather than pushing the bars out.
    const qreal minimumBar = line * 6 + c.barTextWidth;
    c.wrapHeaders = c.layerWidth + minimumBar + 2 * std::max(chip, headerWide) > width;
    c.chipColumn = c.wrapHeaders ? chip : std::max(chip, headerWide);
    c.poem = width - c.chipColumn;
    c.math = c.poem - c.chipColumn;
    c.bar = c.layerWidth;
    c.barWidth = std::max<qreal>(c.math - c.bar - c.barTextWidth - pad, line * 2);
    c.barText = c.bar + c.barWidth + pad * 0.5;
    return c;
}

qreal LayerDivergenceView::headerHeight(qreal width) const
{
    return QFontMetricsF(font()).height() * (columns(width).wrapHeaders ? 2.6 : 1.5);
}

QString LayerDivergenceView::footnote() const
{
    return tr("0 bits: both texts used the experts in exactly the same way. 1 bit: they used completely "
              "different experts. Below %1 bits counts as almost the same.")
        .arg(QLocale().toString(kSameDivergenceBits, 'f', 2));
}

bool LayerDivergenceView::hasHeightForWidth() const
{
    return true;
}

int LayerDivergenceView::heightForWidth(int width) const
{
    const QFontMetricsF fm(font());
    const int rows = std::max(m_stats.layers(), 1);
    const QRectF note = fm.boundingRect(QRectF(0, 0, width, 1e6),
                                        Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, footnote());
    return static_cast<int>(
        std::ceil(headerHeight(width) + rows * rowHeight() + fm.height() * 0.3 + note.height()));
}

QSize LayerDivergenceView::sizeHint() const
{
    const int w = fontMetrics().horizontalAdvance(QStringLiteral("x")) * 70;
    return {w, heightForWidth(w)};
}

QSize LayerDivergenceView::minimumSizeHint() const
{
    const int w = fontMetrics().horizontalAdvance(QStringLiteral("x")) * 45;
    return {w, heightForWidth(w)};
}

int LayerDivergenceView::layerAt(qreal y) const
{
    const qreal top = headerHeight(width());
    if (y < top || m_stats.layers() == 0)
        return -1;
    const int row = static_cast<int>((y - top) / rowHeight());
    return row < m_stats.layers() ? row : -1;
}

void LayerDivergenceView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetricsF fm(font());
    const qreal line = fm.height(), pad = line * 0.6;
    if (m_stats.layers() == 0 || m_stats.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("The difference per layer appears when both texts have run."));
        return;
    }

    const QStringList head = headers();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF bfm(bold);
    const Columns c = columns(width());

    const qreal header = headerHeight(width()), row = rowHeight();
    p.setFont(bold);
    p.setPen(pal.color(QPalette::WindowText));
    const auto headerCell = [&](qreal x, qreal w, const QString& text) {
        p.drawText(QRectF(x, 0, w - pad * 0.3, header), Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap,
                   text);
    };
    headerCell(0, c.layerWidth, head[0]);
    headerCell(c.bar, c.math - c.bar, head[1]);
    headerCell(c.math, c.chipColumn, head[2]);
    headerCell(c.poem, c.chipColumn, head[3]);

    const auto chip = [&](qreal x, qreal y, int expert, double leaning) {
        const QString label = tr("E%1").arg(expert + 1);
        const QString widest = m_stats.experts() > 99 ? QStringLiteral("E000") : QStringLiteral("E00");
        const QRectF box(x, y + row * 0.15, bfm.horizontalAdvance(widest) * 1.3, row * 0.7);
        // Past eight experts the hues repeat: the chip takes the side's colour, the number names it.
        const QColor colour = m_stats.experts() <= ExpertPalette::kDistinctColours
                                  ? ExpertPalette::color(expert)
                              : leaning >= 0 ? ExpertPalette::mathColor()
                                             : ExpertPalette::poemColor();
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawRoundedRect(box, box.height() / 4, box.height() / 4);
        p.setFont(bold);
        p.setPen(ExpertPalette::textOn(colour));
        p.drawText(box, Qt::AlignCenter, label);
        p.setFont(font());
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(box.right() + pad * 0.5, y, c.chipColumn, row), Qt::AlignLeft | Qt::AlignVCenter,
                   UsageHeatMap::cellText(leaning));
    };

    for (int l = 0; l < m_stats.layers(); ++l) {
        const auto li = static_cast<size_t>(l);
        const qreal y = header + l * row;
        if (l == m_selectedLayer) {
            p.setPen(Qt::NoPen);
            QColor h = pal.color(QPalette::Highlight);
            h.setAlphaF(0.18f);
            p.setBrush(h);
            p.drawRoundedRect(QRectF(0, y, width(), row), 4, 4);
        }
        p.setFont(bold);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(0, y, c.layerWidth, row), Qt::AlignLeft | Qt::AlignVCenter, tr("L%1").arg(l + 1));

        if (m_stats.isDense(l)) { // no router: nothing to measure, and no expert leans
            p.setFont(font());
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRectF(c.bar, y, width() - c.bar, row), Qt::AlignLeft | Qt::AlignVCenter,
                       tr("dense layer: no router, nothing to compare"));
            continue;
        }
        const double bits = m_stats.divergenceBits[li];
        const QRectF track(c.bar, y + row * 0.25, c.barWidth, row * 0.5);
        QColor trackColour = pal.color(QPalette::WindowText);
        trackColour.setAlphaF(0.12f);
        p.setPen(Qt::NoPen);
        p.setBrush(trackColour);
        p.drawRoundedRect(track, 3, 3);
        p.setBrush(pal.color(QPalette::Highlight));
        p.drawRoundedRect(QRectF(track.left(), track.top(),
                                 std::max(track.width() * std::clamp(bits, 0.0, 1.0), 2.0), track.height()),
                          3, 3);
        p.setFont(font());
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(c.barText, y, c.barTextWidth, row), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("%1 bits").arg(QLocale().toString(bits, 'f', 2)));

        const int mathExpert = m_stats.mostMathLeaning[li], poemExpert = m_stats.mostPoemLeaning[li];
        chip(c.math, y, mathExpert, m_stats.leaning[li][static_cast<size_t>(mathExpert)]);
        chip(c.poem, y, poemExpert, m_stats.leaning[li][static_cast<size_t>(poemExpert)]);
    }

    p.setFont(font());
    p.setPen(pal.color(QPalette::PlaceholderText));
    const qreal top = header + m_stats.layers() * row + line * 0.3;
    p.drawText(QRectF(0, top, width(), height() - top), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               footnote());
}

void LayerDivergenceView::mousePressEvent(QMouseEvent* event)
{
    const int layer = layerAt(event->position().y());
    if (layer >= 0 && event->button() == Qt::LeftButton) {
        setSelectedLayer(layer);
        emit layerClicked(layer);
    }
    QWidget::mousePressEvent(event);
}

#include "playground/probe_grid_view.h"

#include "style/expert_palette.h"
#include "style/visible_text.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

ProbeGridView::ProbeGridView(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Probe routing"));
    setAccessibleDescription(tr("A column per token of the probe prompt and a row per expert, grouped by "
                                "layer; the experts the router chose for a token are lit."));
}

void ProbeGridView::setShape(int layers, int experts)
{
    m_layers = std::max(0, layers);
    m_experts = std::max(0, experts);
    updateGeometry();
    update();
}

void ProbeGridView::setRouting(const moe::ProbeRouting& routing)
{
    m_routing = routing;
    update();
}

void ProbeGridView::clear()
{
    m_routing = {};
    update();
}

QSize ProbeGridView::sizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 24, line * (2 + m_layers * (m_experts + 1))};
}

QSize ProbeGridView::minimumSizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 12, line * 6};
}

void ProbeGridView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const int tokens = static_cast<int>(m_routing.tokenTexts.size());
    if (m_layers == 0 || m_experts == 0 || tokens == 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("The probe appears after the first measurement."));
        return;
    }
    // Rows: every expert of every layer, with half a row between layers; a header row for tokens.
    const double labelWidth = fm.horizontalAdvance(QStringLiteral("L8 E16")) + fm.height() * 0.5;
    const double header = fm.height() * 1.6;
    const double rows = m_layers * m_experts + (m_layers - 1) * 0.5;
    const double rowHeight = std::max(3.0, (height() - header) / rows);
    const double colWidth = std::max(4.0, (width() - labelWidth) / tokens);
    QFont small = font();
    small.setPixelSize(std::max(7, static_cast<int>(std::min(rowHeight * 0.7, fm.height() * 0.9))));

    p.setPen(pal.color(QPalette::WindowText));
    for (int t = 0; t < tokens; ++t) {
        const QRectF cell(labelWidth + t * colWidth, 0, colWidth, header);
        const QString text = visibleText(QString::fromUtf8(m_routing.tokenTexts[static_cast<size_t>(t)]));
        p.drawText(cell, Qt::AlignCenter,
                   fm.elidedText(text, Qt::ElideRight, static_cast<int>(colWidth) - 2));
    }
    const QColor dim = pal.color(QPalette::Mid);
    for (int l = 0; l < m_layers; ++l) {
        const double top = header + l * (m_experts + 0.5) * rowHeight;
        p.setFont(small);
        for (int e = 0; e < m_experts; ++e) {
            const QRectF label(0, top + e * rowHeight, labelWidth - 4, rowHeight);
            p.setPen(pal.color(QPalette::WindowText));
            p.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                       e == 0 ? tr("L%1 E%2").arg(l + 1).arg(e + 1) : tr("E%1").arg(e + 1));
            for (int t = 0; t < tokens; ++t) {
                const QRectF cell =
                    QRectF(labelWidth + t * colWidth, top + e * rowHeight, colWidth, rowHeight)
                        .adjusted(1, 1, -1, -1);
                p.fillRect(cell, QColor(dim.red(), dim.green(), dim.blue(), 40));
            }
        }
        for (int t = 0; t < tokens; ++t) {
            const auto& routing = m_routing.routing[static_cast<size_t>(t)];
            if (static_cast<size_t>(l) >= routing.layers.size())
                continue;
            const moe::LayerRouting& layer = routing.layers[static_cast<size_t>(l)];
            for (size_t i = 0; i < layer.experts.size(); ++i) {
                const int e = layer.experts[i];
                if (e < 0 || e >= m_experts)
                    continue;
                const double gate =
                    i < layer.gates.size() ? std::clamp<double>(layer.gates[i], 0.0, 1.0) : 1.0;
                QColor colour = ExpertPalette::color(e);
                colour.setAlphaF(0.35 + 0.65 * gate);
                const QRectF cell =
                    QRectF(labelWidth + t * colWidth, top + e * rowHeight, colWidth, rowHeight)
                        .adjusted(1, 1, -1, -1);
                p.fillRect(cell, colour);
                if (cell.height() >= small.pixelSize() && cell.width() >= small.pixelSize() * 2) {
                    p.setPen(ExpertPalette::textOn(ExpertPalette::color(e)));
                    p.drawText(cell, Qt::AlignCenter, QString::number(e + 1));
                }
            }
        }
        p.setFont(font());
    }
}

// Painting of the expert grid's heat map (geometry, zoom and events: expert_grid_heat_map.cpp):
// a cached background of labels and legend, the heat image scaled without smoothing, then per frame
// the always-on blocks, outlines of the chosen experts, the enlarged layer and the information line.
#include "explore/expert_grid_view.h"

#include "style/colour_maths.h"
#include "style/expert_palette.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {

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

// Black around a blue cell on a light page; on a dark page, where the top of the ramp is yellow,
// white would vanish: magenta there.
QColor chosenOutline(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xff, 0x4f, 0xd8) : palette.color(QPalette::WindowText);
}

// A heat in [0, 1] as an index of the 256-entry colour table.
size_t heatIndex(float heat)
{
    return static_cast<size_t>(std::clamp(static_cast<int>(heat * 255.0f + 0.5f), 0, 255));
}

} // namespace

// ---- Painting -----------------------------------------------------------------------------------

QColor ExpertGridView::alwaysOnColour() const
{
    // Vermillion (Okabe-Ito): apart from the probability ramp in both themes.
    return isDark(palette()) ? QColor(0xe6, 0x7a, 0x3a) : QColor(0xd5, 0x5e, 0x00);
}

QColor ExpertGridView::offColour() const
{
    // A switched-off expert: grey between the page and its text, in the overview, the enlarged
    // layer and the legend alike.
    return mix(palette().color(QPalette::Window), palette().color(QPalette::WindowText), 0.45);
}

QColor ExpertGridView::heatColour(float heat) const
{
    if (m_heatLut.empty())
        return {};
    return QColor::fromRgb(m_heatLut[heatIndex(heat)]);
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
    const QRgb off = offColour().rgb();
    const QRgb alwaysOn = alwaysOnColour().rgb();
    for (int l = 0; l < m_layers; ++l) {
        if (!m_heatRowDirty[static_cast<size_t>(l)])
            continue;
        m_heatRowDirty[static_cast<size_t>(l)] = 0;
        auto* line = reinterpret_cast<QRgb*>(m_heatImage.scanLine(l));
        const bool dense = isDenseLayer(l);
        for (int e = 0; e < m_experts; ++e) {
            line[e] = dense ? alwaysOn : isDisabled(l, e) ? off : m_heatLut[heatIndex(cell(l, e).heat)];
        }
    }
}

void ExpertGridView::ensureHeatCaches(const HeatLayout& layout)
{
    const qreal dpr = devicePixelRatioF();
    if (!m_background.isNull() && m_background.size() == size() * dpr &&
        m_background.devicePixelRatio() == dpr)
        return;
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
    box(offColour(), false, true);
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

void ExpertGridView::paintHeatOverlay(QPainter& p, const HeatLayout& layout)
{
    const QPalette& pal = palette();
    const QColor ink = pal.color(QPalette::WindowText);
    const QColor background = pal.color(QPalette::Window);
    const QColor highlight = pal.color(QPalette::Highlight);
    std::vector<QRect>& drawn = m_drawnAlwaysOn;
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
    const QColor off = offColour();
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

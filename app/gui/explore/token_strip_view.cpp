// Layout and painting of the token chips. Chips are placed like words in a paragraph; appending
// places only the new chip, a resize or font change lays them all out again.
#include "explore/token_strip_view.h"

#include "explore/routing_caption.h"
#include "moe/trace_writer.h"
#include "style/colour_maths.h"
#include "style/expert_palette.h"
#include "style/scaled_font.h"
#include "style/visible_text.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPixmapCache>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <cmath>

TokenStripView::TokenStripView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setAccessibleName(tr("Token strip"));
    setAccessibleDescription(tr("The text one token at a time; each chip has the colour and number of the "
                                "expert its token went to first."));
    setToolTip(tr("Click a token to see how it was routed; Left and Right step through them."));
}

void TokenStripView::clear()
{
    m_chips.clear();
    m_current = m_hovered = m_pressed = -1;
    recolour();
    relayout();
    viewport()->update();
}

void TokenStripView::appendToken(const moe::GeneratedToken& token)
{
    appendToken(QString::fromStdString(moe::toValidUtf8(token.bytes)), token.prompt, token.routing);
}

void TokenStripView::appendToken(const QString& text, bool prompt, const moe::TokenRouting& routing)
{
    Chip chip;
    chip.text = text;
    chip.prompt = prompt;
    chip.routing = routing;
    for (const QChar c : text) {
        const QChar glyph = visibleGlyph(c);
        const bool marker = !glyph.isNull();
        const QChar shown = marker ? glyph : c;
        if (chip.runs.empty() || chip.runs.back().marker != marker)
            chip.runs.push_back({QString(), marker});
        chip.runs.back().text += shown;
    }
    chip.breakAfter = text.endsWith(QLatin1Char('\n'));

    QScrollBar* bar = verticalScrollBar();
    const bool wasAtEnd = bar->value() >= bar->maximum() - 2;
    m_chips.push_back(std::move(chip));
    const int expertsBefore = m_colours.expertCount();
    if (m_chips.size() == 1 || m_chips.back().routing.expertCount() != expertsBefore)
        recolour();
    else
        m_colours.note(chipExpert(tokenCount() - 1));
    const Metrics m = metrics();
    // A legend that grows a line moves every chip; otherwise only the new one is placed.
    if (legend(nullptr, m) != m_legendHeight)
        relayout();
    else
        placeChip(m_chips.back(), m);
    updateScrollRange();
    if (m_autoScroll && wasAtEnd)
        bar->setValue(bar->maximum());
    viewport()->update();
}

void TokenStripView::setColourLayer(int layer)
{
    m_colourLayer = std::max(0, layer);
    recolour();
    relayout();
    viewport()->update();
}

void TokenStripView::recolour()
{
    int experts = 0;
    for (const Chip& chip : m_chips)
        experts = std::max(experts, chip.routing.expertCount());
    m_colours = ExpertPalette::FirstChoiceColours(experts);
    for (int i = 0; i < tokenCount(); ++i)
        m_colours.note(chipExpert(i));
}

bool TokenStripView::colourLayerIsDense() const
{
    for (const Chip& chip : m_chips) {
        if (m_colourLayer < static_cast<int>(chip.routing.layers.size()) &&
            !chip.routing.layers[static_cast<size_t>(m_colourLayer)].isDense())
            return false;
    }
    return !m_chips.empty() && m_colourLayer < static_cast<int>(m_chips.front().routing.layers.size());
}

QString TokenStripView::legendText() const
{
    if (colourLayerIsDense())
        return tr("Layer %1 is dense: it has no router, every token goes through the same feed-forward "
                  "block, so the chips stay grey.")
            .arg(m_colourLayer + 1);
    if (m_colours.byExpert() || m_chips.empty())
        return {};
    QStringList coloured;
    for (const int expert : m_colours.coloured())
        coloured << m_colours.label(expert);
    return tr("%n experts here, more than there are clear colours. Colour = first choice in layer %1: %2; "
              "grey = any other expert (its number is on the chip).",
              nullptr, m_colours.expertCount())
        .arg(QString::number(m_colourLayer + 1), coloured.join(QStringLiteral(", ")));
}

void TokenStripView::setCurrentToken(int index)
{
    m_current = (index >= 0 && index < tokenCount()) ? index : -1;
    if (m_current >= 0)
        ensureChipVisible(m_current);
    viewport()->update();
}

int TokenStripView::chipExpert(int index) const
{
    if (index < 0 || index >= tokenCount())
        return -1;
    const moe::TokenRouting& routing = m_chips[static_cast<size_t>(index)].routing;
    if (m_colourLayer >= static_cast<int>(routing.layers.size()))
        return -1;
    const std::vector<int>& experts = routing.layers[static_cast<size_t>(m_colourLayer)].experts;
    return experts.empty() ? -1 : experts.front();
}

QColor TokenStripView::chipColour(int index) const
{
    const int expert = chipExpert(index);
    return expert >= 0 ? m_colours.color(expert) : palette().color(QPalette::Mid);
}

QString TokenStripView::chipLabel(int index) const
{
    const int expert = chipExpert(index);
    return expert >= 0 ? m_colours.label(expert) : QString();
}

QRect TokenStripView::chipRect(int index) const
{
    if (index < 0 || index >= tokenCount())
        return {};
    return m_chips[static_cast<size_t>(index)]
        .rect.translated(0, -verticalScrollBar()->value())
        .toAlignedRect();
}

QPixmap TokenStripView::chipPixmap(int index, const Metrics& m) const
{
    const Chip& chip = m_chips[static_cast<size_t>(index)];
    const int expert = chipExpert(index);
    const qreal dpr = devicePixelRatioF();
    // Everything the picture depends on is in the key, so strips share pictures and a change of
    // palette or font simply misses the cache.
    const QString key = QStringLiteral("TokenStripView/%1/%2/%3/%4/%5/")
                            .arg(palette().cacheKey())
                            .arg(font().key())
                            .arg(dpr)
                            .arg(expert)
                            .arg(chipColour(index).rgba()) +
                        chip.text;
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;

    const QRectF box(QPointF(0, 0), chip.rect.size());
    pixmap = QPixmap((box.size() * dpr).toSize());
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor fill = chipColour(index);
    const QColor ink = ExpertPalette::textOn(fill);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawRoundedRect(box, m.radius, m.radius);

    // The token's text, whitespace markers faint.
    const QFontMetricsF text(m.chipFont);
    const double baseline = box.center().y() + (text.ascent() - text.descent()) / 2.0;
    double x = m.padX;
    p.setFont(m.chipFont);
    for (const Run& run : chip.runs) {
        p.setPen(run.marker ? withAlpha(ink, 0.55) : ink);
        p.drawText(QPointF(x, baseline), run.text);
        x += text.horizontalAdvance(run.text);
    }
    if (chip.runs.empty()) {
        p.setFont(m.markerFont);
        p.setPen(withAlpha(ink, 0.7));
        p.drawText(QPointF(x, baseline), tr("start"));
    }
    // The expert's number, small, at the right: colour is never the only cue.
    if (expert >= 0) {
        p.setFont(m.tagFont);
        p.setPen(withAlpha(ink, 0.8));
        p.drawText(box.adjusted(m.padX, 0, -m.padX, -m.padX * 0.4), Qt::AlignRight | Qt::AlignBottom,
                   chipLabel(index));
    }
    p.end();
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

// ---- Layout -------------------------------------------------------------------------------------

TokenStripView::Metrics TokenStripView::metrics() const
{
    Metrics m;
    m.chipFont = scaledFont(font(), 1.25);
    m.tagFont = scaledFont(font(), 0.8);
    m.tagFont.setBold(true);
    m.markerFont = font();
    m.markerFont.setItalic(true);
    // Whole pixels, so cached chip pictures land exactly on the pixel grid.
    const double h = QFontMetricsF(m.chipFont).height();
    m.chipHeight = std::ceil(h * 1.45);
    m.padX = std::round(h * 0.3);
    m.tagGap = std::round(h * 0.25);
    m.spacing = std::round(h * 0.28);
    m.lineGap = std::round(h * 0.45);
    m.margin = std::round(h * 0.5);
    m.radius = h * 0.25;
    return m;
}

double TokenStripView::chipWidth(const Chip& chip, const Metrics& m) const
{
    const QFontMetricsF text(m.chipFont);
    double width = 0.0;
    for (const Run& run : chip.runs)
        width += text.horizontalAdvance(run.text);
    if (chip.runs.empty())
        width = text.horizontalAdvance(tr("start"));
    // Room for the widest label the model can print ("E88" at least, as chips always had).
    const QFontMetricsF tag(m.tagFont);
    const int widest = std::max(88, chip.routing.expertCount()) - 1;
    return std::ceil(m.padX * 2.0 + width + m.tagGap + tag.horizontalAdvance(ExpertPalette::label(widest)));
}

void TokenStripView::placeChip(Chip& chip, const Metrics& m)
{
    const double right = std::max(m.margin * 2.0, viewport()->width() - m.margin);
    const auto wrapFor = [&](double width) {
        if (m_cursorX > m.margin && m_cursorX + width > right) {
            m_cursorX = m.margin;
            m_cursorY += m.chipHeight + m.lineGap;
        }
    };
    // Markers before what the learner wrote and before what the model writes.
    const size_t index = static_cast<size_t>(&chip - m_chips.data());
    const auto placeMarker = [&](const QString& text) {
        const double width = std::ceil(QFontMetricsF(m.markerFont).horizontalAdvance(text) + m.padX);
        wrapFor(width);
        const QRectF marker(m_cursorX, m_cursorY, width, m.chipHeight);
        m_cursorX += width + m.spacing;
        return marker;
    };
    if (chip.prompt && index == 0)
        m_promptMarker = placeMarker(tr("prompt:"));
    if (!chip.prompt && index > 0 && m_chips[index - 1].prompt)
        m_writesMarker = placeMarker(tr("model writes:"));
    const double width = chipWidth(chip, m);
    wrapFor(width);
    chip.rect = QRectF(m_cursorX, m_cursorY, width, m.chipHeight);
    m_cursorX += width + m.spacing;
    if (chip.breakAfter) {
        m_cursorX = m.margin;
        m_cursorY += m.chipHeight + m.lineGap;
    }
    m_contentHeight = chip.rect.bottom() + m.margin;
}

void TokenStripView::relayout()
{
    const Metrics m = metrics();
    m_legendHeight = legend(nullptr, m);
    m_cursorX = m.margin;
    m_cursorY = m.margin + m_legendHeight;
    m_contentHeight = 0;
    m_promptMarker = {};
    m_writesMarker = {};
    for (Chip& chip : m_chips)
        placeChip(chip, m);
    updateScrollRange();
}

void TokenStripView::updateScrollRange()
{
    QScrollBar* bar = verticalScrollBar();
    const int visible = viewport()->height();
    bar->setRange(0, std::max(0, static_cast<int>(std::ceil(m_contentHeight)) - visible));
    bar->setPageStep(visible);
    bar->setSingleStep(static_cast<int>(metrics().chipHeight));
}

void TokenStripView::ensureChipVisible(int index)
{
    const QRectF r = m_chips[static_cast<size_t>(index)].rect;
    QScrollBar* bar = verticalScrollBar();
    const double margin = metrics().lineGap;
    if (r.top() - margin < bar->value())
        bar->setValue(static_cast<int>(r.top() - margin));
    else if (r.bottom() + margin > bar->value() + viewport()->height())
        bar->setValue(static_cast<int>(std::ceil(r.bottom() + margin - viewport()->height())));
}

int TokenStripView::chipAt(const QPoint& viewportPos) const
{
    const QPointF p(viewportPos.x(), viewportPos.y() + verticalScrollBar()->value());
    for (size_t i = 0; i < m_chips.size(); ++i)
        if (m_chips[i].rect.contains(p))
            return static_cast<int>(i);
    return -1;
}

QSize TokenStripView::sizeHint() const
{
    const Metrics m = metrics();
    return {static_cast<int>(m.chipHeight * 16), static_cast<int>(m.chipHeight * 5)};
}

QSize TokenStripView::minimumSizeHint() const
{
    const Metrics m = metrics();
    return {static_cast<int>(m.chipHeight * 6), static_cast<int>(m.chipHeight * 1.5 + m.margin * 2)};
}

double TokenStripView::legend(QPainter* painter, const Metrics& m) const
{
    const QString text = legendText();
    if (text.isEmpty())
        return 0.0;
    // A row of swatches, one per coloured expert, then the sentence that explains them.
    const double width = std::max(1.0, viewport()->width() - 2.0 * m.margin);
    const QFontMetricsF tag(m.tagFont);
    const double swatchHeight = std::ceil(tag.height() * 1.3);
    double y = m.margin;
    if (!m_colours.byExpert() && !colourLayerIsDense()) {
        double x = m.margin;
        std::vector<std::pair<int, QColor>> swatches;
        for (const int expert : m_colours.coloured())
            swatches.emplace_back(expert, m_colours.color(expert));
        swatches.emplace_back(-1, ExpertPalette::FirstChoiceColours::otherColor());
        for (const auto& [expert, colour] : swatches) {
            const QString label = expert >= 0 ? m_colours.label(expert) : tr("other");
            const double w = std::ceil(tag.horizontalAdvance(label) + m.padX * 2.0);
            if (x > m.margin && x + w > m.margin + width) {
                x = m.margin;
                y += swatchHeight + m.spacing;
            }
            if (painter) {
                const QRectF box(x, y, w, swatchHeight);
                painter->setPen(Qt::NoPen);
                painter->setBrush(colour);
                painter->drawRoundedRect(box, m.radius, m.radius);
                painter->setFont(m.tagFont);
                painter->setPen(ExpertPalette::textOn(colour));
                painter->drawText(box, Qt::AlignCenter, label);
            }
            x += w + m.spacing;
        }
        y += swatchHeight + m.spacing;
    }
    const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    const QFontMetricsF fm(m.markerFont);
    const QRectF box = fm.boundingRect(QRectF(m.margin, y, width, 1e6), flags, text);
    if (painter) {
        painter->setFont(m.markerFont);
        painter->setPen(palette().color(QPalette::PlaceholderText));
        painter->drawText(QRectF(m.margin, y, width, box.height() + 1), flags, text);
    }
    return std::ceil(y + box.height() + m.lineGap - m.margin);
}

// ---- Events -------------------------------------------------------------------------------------

void TokenStripView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void TokenStripView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        relayout();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        viewport()->update();
    QAbstractScrollArea::changeEvent(event);
}

void TokenStripView::scrollContentsBy(int /*dx*/, int /*dy*/)
{
    viewport()->update();
}

void TokenStripView::mousePressEvent(QMouseEvent* event)
{
    m_pressed = event->button() == Qt::LeftButton ? chipAt(event->position().toPoint()) : -1;
    if (m_pressed >= 0)
        event->accept();
    else
        QAbstractScrollArea::mousePressEvent(event);
}

void TokenStripView::mouseReleaseEvent(QMouseEvent* event)
{
    const int index = chipAt(event->position().toPoint());
    const bool clicked = event->button() == Qt::LeftButton && index >= 0 && index == m_pressed;
    m_pressed = -1;
    if (!clicked)
        return QAbstractScrollArea::mouseReleaseEvent(event);
    event->accept();
    setCurrentToken(index);
    emit tokenClicked(index);
}

void TokenStripView::mouseMoveEvent(QMouseEvent* event)
{
    const int index = chipAt(event->position().toPoint());
    if (index != m_hovered) {
        m_hovered = index;
        viewport()->update();
        emit tokenHovered(index);
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

void TokenStripView::keyPressEvent(QKeyEvent* event)
{
    if (m_chips.empty())
        return QAbstractScrollArea::keyPressEvent(event);
    int index = m_current;
    switch (event->key()) {
    case Qt::Key_Left:
        index = index < 0 ? tokenCount() - 1 : std::max(0, index - 1);
        break;
    case Qt::Key_Right:
        index = index < 0 ? 0 : std::min(tokenCount() - 1, index + 1);
        break;
    case Qt::Key_Home:
        index = 0;
        break;
    case Qt::Key_End:
        index = tokenCount() - 1;
        break;
    default:
        return QAbstractScrollArea::keyPressEvent(event);
    }
    setCurrentToken(index);
    emit tokenClicked(index);
}

bool TokenStripView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::Leave && m_hovered >= 0) {
        m_hovered = -1;
        viewport()->update();
        emit tokenHovered(-1);
    }
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = chipAt(help->pos());
        if (index >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(index), viewport(), chipRect(index));
        else
            QToolTip::showText(help->globalPos(), toolTip(), viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

QString TokenStripView::toolTipFor(int index) const
{
    const Chip& chip = m_chips[static_cast<size_t>(index)];
    QString text =
        (chip.prompt ? tr("Token %1 '%2', read from the prompt") : tr("Token %1 '%2', written by the model"))
            .arg(QString::number(index + 1), visibleText(chip.text));
    for (size_t l = 0; l < chip.routing.layers.size(); ++l) {
        const moe::LayerRouting& layer = chip.routing.layers[l];
        const std::vector<int> percents = gatePercents(layer);
        QStringList parts;
        for (size_t i = 0; i < layer.experts.size(); ++i)
            parts << tr("E%1 %2%").arg(layer.experts[i] + 1).arg(i < percents.size() ? percents[i] : 0);
        text +=
            QLatin1Char('\n') + tr("L%1: %2").arg(QString::number(l + 1), parts.join(QStringLiteral(", ")));
    }
    return text;
}

// ---- Painting -----------------------------------------------------------------------------------

void TokenStripView::paintEvent(QPaintEvent* /*event*/)
{
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    const Metrics m = metrics();
    const double scroll = verticalScrollBar()->value();
    p.translate(0, -scroll);
    const QRectF visible(0, scroll, viewport()->width(), viewport()->height());
    const QPalette& pal = palette();

    if (m_chips.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.setFont(m.markerFont);
        p.drawText(
            visible.adjusted(m.margin, m.margin, -m.margin, -m.margin),
            Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
            tr("Run a prompt: its tokens appear here, coloured by the expert each one went to first."));
        return;
    }

    if (m_legendHeight > 0 && visible.top() < m_legendHeight + m.margin)
        legend(&p, m);
    p.setFont(m.markerFont);
    p.setPen(pal.color(QPalette::PlaceholderText));
    if (!m_promptMarker.isNull() && m_promptMarker.intersects(visible))
        p.drawText(m_promptMarker, Qt::AlignLeft | Qt::AlignVCenter, tr("prompt:"));
    if (!m_writesMarker.isNull() && m_writesMarker.intersects(visible))
        p.drawText(m_writesMarker, Qt::AlignLeft | Qt::AlignVCenter, tr("model writes:"));

    // Only the chips in view, found by binary search (chips run top to bottom), each a cached picture:
    // text layout is what costs, and a long run repeats the same few tokens and experts.
    const double top = visible.top() - m.chipHeight, bottom = visible.bottom() + m.chipHeight;
    const auto first = std::lower_bound(m_chips.begin(), m_chips.end(), top,
                                        [](const Chip& chip, double y) { return chip.rect.bottom() < y; });
    const size_t begin = static_cast<size_t>(first - m_chips.begin());
    size_t end = begin;
    while (end < m_chips.size() && m_chips[end].rect.top() <= bottom)
        ++end;

    for (size_t i = begin; i < end; ++i)
        p.drawPixmap(m_chips[i].rect.topLeft(), chipPixmap(static_cast<int>(i), m));

    for (const int index : {m_hovered, m_current}) {
        if (index < 0 || index >= tokenCount())
            continue;
        const bool current = index == m_current;
        const double width = current ? std::max(2.5, m.chipHeight * 0.09) : 1.5;
        p.setPen(
            QPen(current ? pal.color(QPalette::Text) : withAlpha(pal.color(QPalette::Text), 0.5), width));
        p.setBrush(Qt::NoBrush);
        const double out = width / 2.0 + 1.5;
        const QRectF& r = m_chips[static_cast<size_t>(index)].rect;
        p.drawRoundedRect(r.adjusted(-out, -out, out, out), m.radius + out, m.radius + out);
    }
}

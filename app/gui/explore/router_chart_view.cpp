// The router chart. A stacked bar series with one set per expert (each set non-zero only in its
// own column) gives every bar its own colour; value labels, "chosen" notes and outlines are
// graphics items placed over the plot, because QtCharts has no per-bar label or border.
#include "explore/router_chart_view.h"

#include "style/colour_maths.h"
#include "style/expert_palette.h"
#include "style/visible_text.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QGraphicsPathItem>
#include <QGraphicsSimpleTextItem>
#include <QPainterPath>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace {

constexpr double kBarWidth = 0.62; // of a category's width

} // namespace

RouterChartView::RouterChartView(QWidget* parent) : QWidget(parent)
{
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation); // tokens arrive faster than series animations
    m_chart->legend()->hide();
    m_chart->setBackgroundRoundness(0);
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);

    m_axisX = new QBarCategoryAxis;
    m_axisY = new QValueAxis;
    m_axisY->setRange(0.0, 100.0);
    m_axisY->setTickCount(6);
    m_axisY->setLabelFormat(QStringLiteral("%.0f%%"));
    m_axisY->setTitleText(tr("router probability"));
    m_axisX->setTitleText(tr("experts"));
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    connect(m_chart, &QChart::plotAreaChanged, this, [this] { placeOverlays(); });
    setAccessibleName(tr("Router chart"));
    setAccessibleDescription(tr("One bar per expert: how strongly the router of the chosen layer wanted each "
                                "expert for the current token. The chosen experts are outlined."));
    setMinimumSize(fontMetrics().height() * 18, fontMetrics().height() * 12);
    applyPalette();
    clear();
}

RouterChartView::~RouterChartView() = default;

void RouterChartView::rebuildSeries(int experts)
{
    if (m_series && static_cast<int>(m_sets.size()) == experts)
        return;
    for (Overlay& overlay : m_overlays) {
        delete overlay.value;
        delete overlay.note;
        delete overlay.outline;
    }
    m_overlays.clear();
    if (m_series) {
        m_chart->removeSeries(m_series);
        delete m_series;
    }
    m_sets.clear();
    m_series = new QStackedBarSeries;
    m_series->setBarWidth(kBarWidth);
    QStringList categories;
    for (int e = 0; e < experts; ++e) {
        categories << tr("E%1").arg(e + 1);
        auto* set = new QBarSet(tr("Expert %1").arg(e + 1));
        for (int c = 0; c < experts; ++c)
            set->append(0.0);
        m_series->append(set);
        m_sets.push_back(set);
    }
    m_chart->addSeries(m_series);
    m_axisX->clear();
    m_axisX->append(categories);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    connect(m_series, &QStackedBarSeries::hovered, this, &RouterChartView::showBarToolTip);

    for (int e = 0; e < experts; ++e) {
        Overlay overlay;
        overlay.outline = new QGraphicsPathItem(m_chart);
        overlay.value = new QGraphicsSimpleTextItem(m_chart);
        overlay.note = new QGraphicsSimpleTextItem(m_chart);
        overlay.outline->setZValue(10);
        overlay.value->setZValue(11);
        overlay.note->setZValue(11);
        m_overlays.push_back(overlay);
    }
}

void RouterChartView::setExpertCount(int experts)
{
    rebuildSeries(std::max(0, experts));
    refresh();
}

void RouterChartView::setLayer(int layer)
{
    m_layer = std::max(0, layer);
    refresh();
}

void RouterChartView::showRouting(const QString& tokenText, const moe::TokenRouting& routing)
{
    m_tokenText = tokenText;
    m_routing = routing;
    m_hasToken = true;
    if (!routing.layers.empty())
        rebuildSeries(routing.expertCount());
    refresh();
}

void RouterChartView::setDisabledExperts(const std::vector<std::vector<bool>>& disabled)
{
    m_disabled = disabled;
    refresh();
}

void RouterChartView::clear()
{
    m_hasToken = false;
    m_routing = {};
    m_tokenText.clear();
    refresh();
}

const moe::LayerRouting* RouterChartView::currentLayer() const
{
    if (!m_hasToken || m_layer >= static_cast<int>(m_routing.layers.size()))
        return nullptr;
    return &m_routing.layers[static_cast<size_t>(m_layer)];
}

bool RouterChartView::isDisabled(int expert) const
{
    if (m_layer >= static_cast<int>(m_disabled.size()))
        return false;
    const std::vector<bool>& row = m_disabled[static_cast<size_t>(m_layer)];
    return expert >= 0 && expert < static_cast<int>(row.size()) && row[static_cast<size_t>(expert)];
}

QString RouterChartView::title() const
{
    return m_chart->title();
}

double RouterChartView::barPercent(int expert) const
{
    if (expert < 0 || expert >= expertCount())
        return 0.0;
    return m_sets[static_cast<size_t>(expert)]->at(expert);
}

bool RouterChartView::isChosen(int expert) const
{
    const moe::LayerRouting* layer = currentLayer();
    return layer && std::find(layer->experts.begin(), layer->experts.end(), expert) != layer->experts.end();
}

QColor RouterChartView::barColor(int expert) const
{
    if (expert < 0 || expert >= expertCount())
        return {};
    return m_sets[static_cast<size_t>(expert)]->color();
}

QRectF RouterChartView::barRect(int expert) const
{
    if (!m_series || expert < 0 || expert >= expertCount())
        return {};
    const double value = barPercent(expert);
    const QPointF topLeft = m_chart->mapToPosition(QPointF(expert - kBarWidth / 2.0, value), m_series);
    const QPointF bottomRight = m_chart->mapToPosition(QPointF(expert + kBarWidth / 2.0, 0.0), m_series);
    const QRectF inChart = QRectF(topLeft, bottomRight).normalized();
    const QPointF offset = m_view->mapTo(this, m_view->mapFromScene(m_chart->mapToScene(inChart.topLeft())));
    return QRectF(offset, inChart.size());
}

void RouterChartView::refresh()
{
    const moe::LayerRouting* layer = currentLayer();
    if (layer)
        m_chart->setTitle(
            tr("Router of layer %1 for '%2'").arg(QString::number(m_layer + 1), visibleText(m_tokenText)));
    else
        m_chart->setTitle(tr("Router of layer %1: run a prompt or click a token").arg(m_layer + 1));

    const QColor background = palette().color(QPalette::Window);
    const bool dark = isDark(background);
    for (int e = 0; e < expertCount(); ++e) {
        QBarSet* set = m_sets[static_cast<size_t>(e)];
        const double percent = layer && e < static_cast<int>(layer->probs.size())
                                   ? 100.0 * layer->probs[static_cast<size_t>(e)]
                                   : 0.0;
        set->replace(e, percent);
        const bool chosen = isChosen(e);
        const bool off = isDisabled(e);
        // Sleeping experts keep their hue, faded towards the background, as in the grid.
        QColor fill = ExpertPalette::color(e);
        if (!chosen)
            fill = mix(background, fill, dark ? 0.45 : 0.40);
        // setColor() would keep an earlier hatch style, so the brush is set whole.
        set->setBrush(
            QBrush(off ? ExpertPalette::color(e) : fill, off ? Qt::BDiagPattern : Qt::SolidPattern));
        set->setPen(off ? QPen(ExpertPalette::color(e), 1.0) : QPen(Qt::NoPen));
        const Overlay& overlay = m_overlays[static_cast<size_t>(e)];
        overlay.value->setText(layer ? tr("%1%").arg(percent, 0, 'f', percent < 9.95 ? 1 : 0) : QString());
        QString note;
        if (off)
            note = tr("off");
        else if (chosen)
            note = tr("chosen");
        overlay.note->setText(note);
        overlay.outline->setVisible(chosen);
    }
    placeOverlays();
}

void RouterChartView::placeOverlays()
{
    if (!m_series)
        return;
    const QColor text = palette().color(QPalette::WindowText);
    QFont valueFont = font();
    valueFont.setPointSizeF(font().pointSizeF() * 1.05);
    QFont noteFont = font();
    noteFont.setBold(true);
    for (int e = 0; e < expertCount(); ++e) {
        const Overlay& overlay = m_overlays[static_cast<size_t>(e)];
        const double value = barPercent(e);
        const QPointF top = m_chart->mapToPosition(QPointF(e, value), m_series);
        const QPointF topLeft = m_chart->mapToPosition(QPointF(e - kBarWidth / 2.0, value), m_series);
        const QPointF bottomRight = m_chart->mapToPosition(QPointF(e + kBarWidth / 2.0, 0.0), m_series);

        overlay.value->setFont(valueFont);
        overlay.value->setBrush(text);
        const QRectF valueBox = overlay.value->boundingRect();
        overlay.value->setPos(top.x() - valueBox.width() / 2.0, top.y() - valueBox.height() - 2.0);

        overlay.note->setFont(noteFont);
        overlay.note->setBrush(text);
        const QRectF noteBox = overlay.note->boundingRect();
        overlay.note->setPos(top.x() - noteBox.width() / 2.0,
                             top.y() - valueBox.height() - noteBox.height() - 2.0);

        // The chosen bars get a ring in the text colour, drawn just outside the bar.
        const QRectF bar = QRectF(topLeft, bottomRight).normalized().adjusted(-2.5, -2.5, 2.5, 0.0);
        QPainterPath path;
        path.moveTo(bar.bottomLeft());
        path.lineTo(bar.topLeft());
        path.lineTo(bar.topRight());
        path.lineTo(bar.bottomRight());
        overlay.outline->setPath(path);
        overlay.outline->setPen(QPen(text, std::max(2.0, fontMetrics().height() * 0.15), Qt::SolidLine,
                                     Qt::FlatCap, Qt::MiterJoin));
    }
}

void RouterChartView::applyPalette()
{
    const QPalette& pal = palette();
    const QColor background = pal.color(QPalette::Window);
    const QColor text = pal.color(QPalette::WindowText);
    const QColor grid = withAlpha(text, 0.15);
    m_chart->setBackgroundBrush(background);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    QFont titleFont = font();
    titleFont.setPointSizeF(font().pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_chart->setTitleFont(titleFont);
    m_chart->setTitleBrush(text);
    QFont labelFont = font();
    QFont axisLabelFont = font();
    axisLabelFont.setBold(true);
    axisLabelFont.setPointSizeF(font().pointSizeF() * 1.1);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(m_axisX), static_cast<QAbstractAxis*>(m_axisY)}) {
        axis->setLabelsBrush(text);
        axis->setTitleBrush(withAlpha(text, 0.7));
        axis->setTitleFont(labelFont);
        axis->setLinePen(QPen(withAlpha(text, 0.5), 1.0));
        axis->setGridLineColor(grid);
        axis->setGridLineVisible(axis == m_axisY);
    }
    m_axisX->setLabelsFont(axisLabelFont);
    m_axisY->setLabelsFont(labelFont);
    m_view->setBackgroundBrush(background);
    refresh();
}

void RouterChartView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void RouterChartView::showBarToolTip(bool status, int index, QBarSet* set)
{
    if (!status || !set) {
        QToolTip::hideText();
        return;
    }
    const int expert = static_cast<int>(std::find(m_sets.begin(), m_sets.end(), set) - m_sets.begin());
    if (expert != index || expert >= expertCount())
        return;
    QString text = tr("Expert %1: router probability %2%").arg(expert + 1).arg(barPercent(expert), 0, 'f', 1);
    if (isDisabled(expert))
        text += QLatin1Char('\n') + tr("Switched off in this experiment");
    else if (isChosen(expert))
        text += QLatin1Char('\n') + tr("Chosen: one of the experts that worked on this token");
    else if (currentLayer())
        text += QLatin1Char('\n') + tr("Asleep: not in the top-k");
    QToolTip::showText(QCursor::pos(), text, this);
}

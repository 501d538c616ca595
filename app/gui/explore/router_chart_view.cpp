// The router chart. A stacked bar series with one set per expert (each set non-zero only in its
// own column) gives every bar its own colour; value labels, "chosen" notes and outlines are
// graphics items placed over the plot, because QtCharts has no per-bar label or border.
#include "explore/router_chart_view.h"

#include "style/colour_maths.h"
#include "style/expert_palette.h"
#include "style/scaled_font.h"
#include "style/visible_text.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QGraphicsPathItem>
#include <QGraphicsSimpleTextItem>
#include <QPainterPath>
#include <QSettings>
#include <QStackedBarSeries>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <numeric>

namespace {

constexpr double kBarWidth = 0.62; // of a category's width
const QString kShowAllKey = QStringLiteral("explore/routerChartShowsAll");

} // namespace

std::vector<RouterBar> routerBars(const moe::LayerRouting& layer, int topN)
{
    const int experts = static_cast<int>(layer.probs.size());
    const auto chosen = [&](int e) {
        return std::find(layer.experts.begin(), layer.experts.end(), e) != layer.experts.end();
    };
    std::vector<RouterBar> bars;
    if (experts == 0)
        return bars;
    if (topN >= experts) {
        for (int e = 0; e < experts; ++e)
            bars.push_back({e, layer.probs[static_cast<size_t>(e)], 1, chosen(e)});
        return bars;
    }
    std::vector<int> order(static_cast<size_t>(experts));
    std::iota(order.begin(), order.end(), 0);
    // Highest probability first; stable, so a tie keeps the lower number first.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return layer.probs[static_cast<size_t>(a)] > layer.probs[static_cast<size_t>(b)];
    });
    RouterBar others;
    others.count = 0;
    for (size_t i = 0; i < order.size(); ++i) {
        const int e = order[i];
        const double p = layer.probs[static_cast<size_t>(e)];
        if (static_cast<int>(i) < std::max(topN, 0) || chosen(e)) {
            bars.push_back({e, p, 1, chosen(e)});
        } else {
            others.probability += p;
            ++others.count;
        }
    }
    if (others.count > 0)
        bars.push_back(others);
    return bars;
}

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
    m_showAllButton = new QToolButton(this);
    m_showAllButton->setObjectName(QStringLiteral("showAllExperts"));
    m_showAllButton->setCheckable(true);
    m_showAllButton->setFocusPolicy(Qt::StrongFocus);
    m_showAll = QSettings().value(kShowAllKey, false).toBool();
    m_showAllButton->setChecked(m_showAll);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_showAllButton, 0, Qt::AlignRight);
    layout->addWidget(m_view, 1);
    connect(m_showAllButton, &QToolButton::toggled, this, [this](bool all) {
        QSettings().setValue(kShowAllKey, all);
        setShowAll(all);
    });

    connect(m_chart, &QChart::plotAreaChanged, this, [this] { placeOverlays(); });
    setAccessibleName(tr("Router chart"));
    setAccessibleDescription(tr("One bar per expert: how strongly the router of the chosen layer wanted each "
                                "expert for the current token. The chosen experts are outlined."));
    setMinimumSize(fontMetrics().height() * 18, fontMetrics().height() * 12);
    applyPalette();
    clear();
}

RouterChartView::~RouterChartView() = default;

bool RouterChartView::perExpertSets() const
{
    return m_experts <= ExpertPalette::kDistinctColours;
}

void RouterChartView::rebuildSeries(int bars, bool perExpert)
{
    const int sets = perExpert ? bars : RoleCount;
    if (m_series && m_setsPerExpert == perExpert && static_cast<int>(m_overlays.size()) == bars &&
        static_cast<int>(m_sets.size()) == sets)
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
    m_setsPerExpert = perExpert;
    m_series = new QStackedBarSeries;
    m_series->setBarWidth(kBarWidth);
    const QStringList roleNames = {tr("chosen"), tr("asleep"), tr("off"), tr("others")};
    for (int i = 0; i < sets; ++i) {
        auto* set = new QBarSet(perExpert ? tr("Expert %1").arg(i + 1) : roleNames[i]);
        for (int c = 0; c < bars; ++c)
            set->append(0.0);
        m_series->append(set);
        m_sets.push_back(set);
    }
    m_chart->addSeries(m_series);
    m_categories.clear();
    m_axisX->clear();
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    connect(m_series, &QStackedBarSeries::hovered, this, &RouterChartView::showBarToolTip);

    for (int b = 0; b < bars; ++b) {
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
    m_experts = std::max(0, experts);
    refresh();
}

void RouterChartView::setLayer(int layer)
{
    m_layer = std::max(0, layer);
    refresh();
}

void RouterChartView::setShowAll(bool all)
{
    if (m_showAllButton->isChecked() != all) {
        m_showAllButton->setChecked(all); // toggled() comes back here
        return;
    }
    if (m_showAll == all)
        return;
    m_showAll = all;
    refresh();
    emit showAllChanged(all);
}

void RouterChartView::showRouting(const QString& tokenText, const moe::TokenRouting& routing)
{
    m_tokenText = tokenText;
    m_routing = routing;
    m_hasToken = true;
    if (routing.expertCount() > 0)
        m_experts = routing.expertCount();
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

int RouterChartView::barIndex(int expert) const
{
    if (expert < 0)
        return -1;
    for (size_t b = 0; b < m_bars.size(); ++b)
        if (m_bars[b].expert == expert)
            return static_cast<int>(b);
    return -1;
}

double RouterChartView::barPercent(int expert) const
{
    const moe::LayerRouting* layer = currentLayer();
    if (!layer || expert < 0 || expert >= static_cast<int>(layer->probs.size()))
        return 0.0;
    return 100.0 * layer->probs[static_cast<size_t>(expert)];
}

bool RouterChartView::isChosen(int expert) const
{
    const moe::LayerRouting* layer = currentLayer();
    return layer && std::find(layer->experts.begin(), layer->experts.end(), expert) != layer->experts.end();
}

QColor RouterChartView::barColor(int expert) const
{
    const int b = barIndex(expert);
    return b < 0 ? QColor() : m_barColors[static_cast<size_t>(b)];
}

QRectF RouterChartView::barRect(int expert) const
{
    const int b = barIndex(expert);
    if (!m_series || b < 0)
        return {};
    const double value = 100.0 * m_bars[static_cast<size_t>(b)].probability;
    const QPointF topLeft = m_chart->mapToPosition(QPointF(b - kBarWidth / 2.0, value), m_series);
    const QPointF bottomRight = m_chart->mapToPosition(QPointF(b + kBarWidth / 2.0, 0.0), m_series);
    const QRectF inChart = QRectF(topLeft, bottomRight).normalized();
    const QPointF offset = m_view->mapTo(this, m_view->mapFromScene(m_chart->mapToScene(inChart.topLeft())));
    return QRectF(offset, inChart.size());
}

void RouterChartView::updateButton()
{
    const bool many = m_experts > kAllBarsUpTo;
    m_showAllButton->setVisible(many);
    m_showAllButton->setText(m_showAll ? tr("Top %1 + others").arg(kTopBars)
                                       : tr("All %1 experts").arg(m_experts));
    m_showAllButton->setToolTip(tr("The chart shows the %1 experts the router wanted most and one bar for "
                                   "all the others; this button switches to every expert's bar and back.")
                                    .arg(kTopBars));
    m_showAllButton->setAccessibleName(m_showAllButton->text());
}

void RouterChartView::refresh()
{
    const moe::LayerRouting* layer = currentLayer();
    const bool dense = layer && layer->isDense();
    if (dense)
        m_chart->setTitle(tr("Layer %1 is dense: no router, no bars").arg(m_layer + 1));
    else if (layer)
        m_chart->setTitle(
            tr("Router of layer %1 for '%2'").arg(QString::number(m_layer + 1), visibleText(m_tokenText)));
    else
        m_chart->setTitle(tr("Router of layer %1: run a prompt or click a token").arg(m_layer + 1));
    updateButton();

    const bool all = m_showAll || m_experts <= kAllBarsUpTo;
    if (layer && !dense) {
        m_bars = routerBars(*layer, all ? m_experts : kTopBars);
    } else {
        m_bars.clear();
        if (!dense && m_experts <= kAllBarsUpTo) // no token yet: today's empty bars, one per expert
            for (int e = 0; e < m_experts; ++e)
                m_bars.push_back({e, 0.0, 1, false});
    }
    const int bars = static_cast<int>(m_bars.size());
    rebuildSeries(bars, perExpertSets());

    QStringList categories;
    for (const RouterBar& bar : m_bars)
        categories << (bar.isOthers() ? tr("others") : ExpertPalette::label(bar.expert));
    if (categories != m_categories) {
        m_axisX->clear();
        m_axisX->append(categories);
        m_categories = categories;
    }
    // Too many bars for a label each: the tooltips name them.
    // At scale the category labels would be elided ("E1..."), so each bar's name is printed above it.
    const bool namesAbove = m_experts > kAllBarsUpTo;
    const bool labelled = bars <= kAllBarsUpTo + 1;
    // Hidden labels would also hide the axis title, so they are drawn in no colour instead.
    m_axisX->setLabelsBrush(labelled && !namesAbove ? palette().color(QPalette::WindowText)
                                                    : QColor(Qt::transparent));
    // With no categories QtCharts draws the axis title at the top: no bars, no axis.
    m_axisX->setVisible(bars > 0);
    if (!labelled)
        m_axisX->setTitleText(tr("all %1 experts in number order; outlined = chosen").arg(m_experts));
    else if (hasOthersBar())
        m_axisX->setTitleText(tr("top %1 by probability, then the rest; outlined = chosen").arg(bars - 1));
    else
        m_axisX->setTitleText(tr("experts"));

    // Up to 16 experts the axis stays 0-100% (the built-in model's look); a real model spreads its
    // router over many experts, so the axis ends a step above the tallest bar.
    double yMax = 100.0;
    if (m_experts > kAllBarsUpTo && bars > 0) {
        double top = 0.0;
        for (const RouterBar& bar : m_bars)
            top = std::max(top, 100.0 * bar.probability);
        yMax = std::max(10.0, std::ceil((top * 1.15 + 1.0) / 10.0) * 10.0);
        if (yMax > 50.0) // ticks every 20 points above half
            yMax = std::ceil(yMax / 20.0) * 20.0;
        yMax = std::min(100.0, yMax);
    }
    if (m_axisY->max() != yMax) {
        m_axisY->setRange(0.0, yMax);
        m_axisY->setTickCount(static_cast<int>(yMax / (yMax <= 50.0 ? 10.0 : 20.0)) + 1);
    }
    updateExpertLabelFont();

    const QColor background = palette().color(QPalette::Window);
    const QColor highlight = palette().color(QPalette::Highlight);
    const QColor text = palette().color(QPalette::WindowText);
    const bool dark = isDark(background);
    m_barColors.assign(static_cast<size_t>(bars), QColor());
    std::array<QColor, RoleCount> roleColour{};
    // Each replace() signals the series to update its bars; most role-set values stay 0 from one
    // token to the next, so only a changed value is written.
    const auto setValue = [](QBarSet* set, int index, double value) {
        if (set->at(index) != value)
            set->replace(index, value);
    };
    for (int b = 0; b < bars; ++b) {
        const RouterBar& bar = m_bars[static_cast<size_t>(b)];
        const double percent = 100.0 * bar.probability;
        const bool off = !bar.isOthers() && isDisabled(bar.expert);
        // Colours tell experts apart up to eight; beyond that one highlight colour marks the chosen.
        const QColor own = m_setsPerExpert ? ExpertPalette::color(bar.expert) : highlight;
        // Sleeping experts keep their hue, faded towards the background, as in the grid.
        QColor fill = own;
        if (bar.isOthers())
            fill = mix(background, text, dark ? 0.35 : 0.30);
        else if (!bar.chosen)
            fill = mix(background, own, dark ? 0.45 : 0.40);
        m_barColors[static_cast<size_t>(b)] = off ? own : fill;
        if (m_setsPerExpert) {
            QBarSet* set = m_sets[static_cast<size_t>(b)];
            setValue(set, b, percent);
            // setColor() would keep an earlier hatch style, so the brush is set whole.
            set->setBrush(QBrush(off ? own : fill, off ? Qt::BDiagPattern : Qt::SolidPattern));
            set->setPen(off ? QPen(own, 1.0) : QPen(Qt::NoPen));
        } else {
            const Role role = bar.isOthers() ? Others : off ? Off : bar.chosen ? Chosen : Asleep;
            for (int r = 0; r < RoleCount; ++r)
                setValue(m_sets[static_cast<size_t>(r)], b, r == role ? percent : 0.0);
            roleColour[role] = off ? own : fill;
        }
        const Overlay& overlay = m_overlays[static_cast<size_t>(b)];
        const bool showValue = layer && (labelled || bar.chosen);
        const bool fewBars = m_experts <= kAllBarsUpTo;
        overlay.value->setText(showValue ? tr("%1%").arg(percent, 0, 'f', percent < 9.95 ? 1 : 0)
                                         : QString());
        QString note;
        if (bar.isOthers())
            note = tr("%n\nothers", nullptr, bar.count);
        else if (namesAbove && labelled)
            note = ExpertPalette::label(bar.expert);
        else if (off && fewBars)
            note = tr("off");
        else if (bar.chosen && fewBars)
            note = tr("chosen");
        overlay.note->setText(note);
        overlay.outline->setVisible(bar.chosen);
    }
    if (!m_setsPerExpert) {
        const QColor asleep = mix(background, highlight, dark ? 0.45 : 0.40);
        const std::array<QColor, RoleCount> defaults = {highlight, asleep, highlight,
                                                        mix(background, text, dark ? 0.35 : 0.30)};
        for (int r = 0; r < RoleCount; ++r) {
            const QColor c = roleColour[r].isValid() ? roleColour[r] : defaults[static_cast<size_t>(r)];
            m_sets[static_cast<size_t>(r)]->setBrush(
                QBrush(c, r == Off ? Qt::BDiagPattern : Qt::SolidPattern));
            m_sets[static_cast<size_t>(r)]->setPen(r == Off ? QPen(c, 1.0) : QPen(Qt::NoPen));
        }
    }
    placeOverlays();
}

void RouterChartView::placeOverlays()
{
    if (!m_series)
        return;
    const QColor text = palette().color(QPalette::WindowText);
    QFont valueFont = font();
    valueFont.setPointSizeF(font().pointSizeF() * (m_bars.size() > kAllBarsUpTo / 2 ? 0.85 : 1.05));
    QFont noteFont = font();
    noteFont.setBold(true);
    // Many thin bars get a thinner ring.
    const double ring = m_bars.size() > kAllBarsUpTo + 1 ? 1.0 : 2.5;
    const QPen outlinePen(text, ring > 1.0 ? std::max(2.0, fontMetrics().height() * 0.15) : 1.5,
                          Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
    const QRectF plot = m_chart->plotArea();
    // QGraphicsSimpleTextItem::setFont() does not compare: it lays the text out again. This runs for
    // every token and every bar, so the font is set only when it changed.
    const auto setFont = [](QGraphicsSimpleTextItem* item, const QFont& font) {
        if (item->font() != font)
            item->setFont(font);
    };
    for (size_t b = 0; b < m_overlays.size() && b < m_bars.size(); ++b) {
        const Overlay& overlay = m_overlays[b];
        const double value = 100.0 * m_bars[b].probability;
        const double x = static_cast<double>(b);
        const QPointF top = m_chart->mapToPosition(QPointF(x, value), m_series);
        const QPointF topLeft = m_chart->mapToPosition(QPointF(x - kBarWidth / 2.0, value), m_series);
        const QPointF bottomRight = m_chart->mapToPosition(QPointF(x + kBarWidth / 2.0, 0.0), m_series);

        setFont(overlay.value, valueFont);
        overlay.value->setBrush(text);
        const QRectF valueBox = overlay.value->boundingRect();
        // A value wider than its column would run into the next: the tooltip has it.
        const double column = (bottomRight.x() - topLeft.x()) / kBarWidth;
        overlay.value->setVisible(valueBox.width() <= column * 1.02);
        // Kept inside the plot: the last bar's text would otherwise run off the chart.
        const auto centred = [&](double width) {
            return std::clamp(top.x() - width / 2.0, plot.left(),
                              std::max(plot.left(), plot.right() - width));
        };
        overlay.value->setPos(centred(valueBox.width()), top.y() - valueBox.height() - 2.0);

        setFont(overlay.note, noteFont);
        overlay.note->setBrush(text);
        const QRectF noteBox = overlay.note->boundingRect();
        overlay.note->setPos(centred(noteBox.width()), top.y() - valueBox.height() - noteBox.height() - 2.0);

        // The chosen bars get a ring in the text colour, drawn just outside the bar.
        const QRectF bar = QRectF(topLeft, bottomRight).normalized().adjusted(-ring, -ring, ring, 0.0);
        QPainterPath path;
        path.moveTo(bar.bottomLeft());
        path.lineTo(bar.topLeft());
        path.lineTo(bar.topRight());
        path.lineTo(bar.bottomRight());
        overlay.outline->setPath(path);
        overlay.outline->setPen(outlinePen);
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
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(m_axisX), static_cast<QAbstractAxis*>(m_axisY)}) {
        axis->setLabelsBrush(text);
        axis->setTitleBrush(withAlpha(text, 0.7));
        axis->setTitleFont(labelFont);
        axis->setLinePen(QPen(withAlpha(text, 0.5), 1.0));
        axis->setGridLineColor(grid);
        axis->setGridLineVisible(axis == m_axisY);
    }
    m_axisY->setLabelsFont(labelFont); // the expert axis's font: updateExpertLabelFont(), in refresh()
    m_view->setBackgroundBrush(background);
    refresh();
}

QFont RouterChartView::expertLabelFont(int bars) const
{
    if (bars > kAllBarsUpTo / 2)
        return scaledFont(font(), m_experts >= 100 ? 0.75 : 0.85);
    // Big bold labels while each bar has room for its "E8"; smaller ones when a lesson panel
    // narrows the page, which QtCharts would otherwise cut to "…".
    const QFont big = scaledFont(font(), 1.1, true);
    const int shown = std::max(1, bars > 0 ? bars : std::min(m_experts, kAllBarsUpTo));
    const int perBar = width() * 3 / 4 / shown;
    const QString widest = QStringLiteral("E%1").arg(shown);
    return QFontMetrics(big).horizontalAdvance(widest) * 2 <= perBar ? big : scaledFont(font(), 0.85);
}

void RouterChartView::updateExpertLabelFont()
{
    const QFont wanted = expertLabelFont(static_cast<int>(m_bars.size()));
    if (m_axisX->labelsFont() != wanted)
        m_axisX->setLabelsFont(wanted);
}

void RouterChartView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateExpertLabelFont();
}

void RouterChartView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void RouterChartView::showBarToolTip(bool status, int index, QBarSet* set)
{
    if (!status || !set || index < 0 || index >= static_cast<int>(m_bars.size())) {
        QToolTip::hideText();
        return;
    }
    // Per-expert sets are non-zero only in their own column: hovering set e elsewhere means nothing.
    if (m_setsPerExpert && set != m_sets[static_cast<size_t>(index)])
        return;
    const RouterBar& bar = m_bars[static_cast<size_t>(index)];
    const double percent = 100.0 * bar.probability;
    if (bar.isOthers()) {
        QToolTip::showText(QCursor::pos(),
                           tr("%n other experts, together: router probability %1%", nullptr, bar.count)
                               .arg(percent, 0, 'f', 1),
                           this);
        return;
    }
    const int expert = bar.expert;
    QString text = tr("Expert %1: router probability %2%").arg(expert + 1).arg(percent, 0, 'f', 1);
    if (isDisabled(expert))
        text += QLatin1Char('\n') + tr("Switched off in this experiment");
    else if (bar.chosen)
        text += QLatin1Char('\n') + tr("Chosen: one of the experts that worked on this token");
    else if (currentLayer())
        text += QLatin1Char('\n') + tr("Asleep: not in the top-k");
    QToolTip::showText(QCursor::pos(), text, this);
}

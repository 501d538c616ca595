#include "playground/race_chart.h"

#include "playground/race_models.h"
#include "playground/race_record.h"
#include "style/chart_style.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// [lo, hi] widened to whole ticks of 1, 2, 2.5 or 5 times a power of ten, at most 7 intervals, with
// labels as precise as the ticks. Unlike QValueAxis::applyNiceNumbers, which may double the range
// and leave half the chart empty.
void setNiceRange(QValueAxis* axis, double lo, double hi)
{
    constexpr int kMaxIntervals = 7;
    const double span = std::max(hi - lo, 1e-9);
    const double magnitude = std::pow(10.0, std::floor(std::log10(span / kMaxIntervals)));
    double step = 10.0 * magnitude;
    for (const double m : {1.0, 2.0, 2.5, 5.0}) {
        if (std::ceil(hi / (m * magnitude)) - std::floor(lo / (m * magnitude)) <= kMaxIntervals) {
            step = m * magnitude;
            break;
        }
    }
    const double from = std::floor(lo / step) * step, to = std::ceil(hi / step) * step;
    axis->setRange(from, to);
    axis->setTickCount(static_cast<int>(std::lround((to - from) / step)) + 1);
    int decimals = 0; // as many as the step has: 0.25 needs two
    while (decimals < 3 &&
           std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
}

} // namespace

RaceChart::RaceChart(const RaceRecord* record, XAxis xAxis, QWidget* parent)
    : QWidget(parent), m_record(record), m_xAxis(xAxis)
{
    const bool tokens = xAxis == XAxis::Tokens;
    m_view =
        newChartView(this, tokens ? QStringLiteral("raceTokensChart") : QStringLiteral("raceSecondsChart"));
    QChart* chart = m_view->chart();
    chart->setTitle(tokens ? tr("Held-out text after the same number of training tokens")
                           : tr("Held-out text after the same training time"));
    // Axis labels in the learner's number format ("2,5" in German).
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale());
    m_axisX = new QValueAxis(this);
    m_axisY = new QValueAxis(this);
    m_axisY->setTitleText(tr("Bits per byte (lower is better)"));
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    for (const moe::RaceModel model : kRaceModels) {
        auto* series = new QLineSeries(this);
        QPen pen(raceModelColour(model));
        pen.setWidthF(model == moe::RaceModel::Mixture ? 3.0 : 2.5);
        pen.setStyle(raceModelPenStyle(model));
        series->setPen(pen);
        series->setPointsVisible(true);
        chart->addSeries(series);
        series->attachAxis(m_axisX);
        series->attachAxis(m_axisY);
        m_series[raceIndex(model)] = series;
    }
    setAccessibleName(chart->title());
    setAccessibleDescription(tokens ? tr("One line per model: how many bits each needs per byte of text it "
                                         "never trained on, as it sees more training tokens.")
                                    : tr("One line per model: how many bits each needs per byte of text it "
                                         "never trained on, as its training time goes by."));
    m_view->setMinimumSize(fontMetrics().height() * 20, fontMetrics().height() * 14);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    connect(record, &RaceRecord::cleared, this, &RaceChart::rebuild);
    connect(record, &RaceRecord::pointAdded, this, [this](moe::RaceModel model) {
        addPoint(model, m_record->curve(model).back());
        fitAxes();
    });
    applyPalette();
    rebuild();
}

const QLineSeries* RaceChart::series(moe::RaceModel model) const
{
    return m_series[raceIndex(model)];
}

void RaceChart::rebuild()
{
    if (m_xAxis == XAxis::Tokens) {
        // The unit follows the race's budget, so the axis reads "3" (millions), not "3000000".
        const moe::PlaygroundSettings& s = m_record->settings(moe::RaceModel::Mixture);
        const double budget = static_cast<double>(s.steps) * static_cast<double>(s.tokensPerStep());
        if (budget >= 1e6) {
            m_xUnit = 1e6;
            m_axisX->setTitleText(tr("Training tokens (millions)"));
        } else if (budget >= 1e4) {
            m_xUnit = 1e3;
            m_axisX->setTitleText(tr("Training tokens (thousands)"));
        } else {
            m_xUnit = 1.0;
            m_axisX->setTitleText(tr("Training tokens"));
        }
    } else {
        m_xUnit = 1.0;
        m_axisX->setTitleText(tr("Training time (seconds, measurements not counted)"));
    }
    for (const moe::RaceModel model : kRaceModels) {
        QLineSeries* series = m_series[raceIndex(model)];
        series->setName(raceModelName(model));
        series->clear();
        for (const moe::PlaygroundPoint& point : m_record->curve(model))
            addPoint(model, point);
    }
    fitAxes();
}

QPointF RaceChart::chartPoint(const moe::PlaygroundPoint& point) const
{
    const double x = m_xAxis == XAxis::Tokens ? static_cast<double>(point.tokens) / m_xUnit : point.seconds;
    return {x, point.heldOutBitsPerByte};
}

void RaceChart::addPoint(moe::RaceModel model, const moe::PlaygroundPoint& point)
{
    m_series[raceIndex(model)]->append(chartPoint(point));
}

void RaceChart::fitAxes()
{
    // The y axis fits the points after the first tenth of the race: the early ones (the untrained
    // model near 9 bits per byte, the first fast drop) would squeeze the differences that matter
    // into a sliver, so their lines enter from above.
    const int settled = m_record->settings(moe::RaceModel::Mixture).steps / 10;
    double maxX = 0, minY = std::numeric_limits<double>::max(), maxY = std::numeric_limits<double>::lowest();
    double earlyMaxY = maxY;
    for (const moe::RaceModel model : kRaceModels) {
        for (const moe::PlaygroundPoint& p : m_record->curve(model)) {
            const QPointF point = chartPoint(p);
            maxX = std::max(maxX, point.x());
            minY = std::min(minY, point.y());
            double& top = p.step >= std::max(settled, 1) ? maxY : earlyMaxY;
            top = std::max(top, point.y());
        }
    }
    if (maxY < minY)
        maxY = earlyMaxY; // only early points yet
    if (maxY < minY) {    // no points yet: a plausible empty frame
        minY = 2.0;
        maxY = 4.0;
    }
    setNiceRange(m_axisY, minY, maxY);
    // The x axis starts at zero: the race's start, before any token or second of training.
    setNiceRange(m_axisX, 0.0, maxX > 0 ? maxX : 1.0);
}

void RaceChart::applyPalette()
{
    applyPaletteToChart(m_view, palette(), font());
    m_view->chart()->setTitleBrush(palette().color(QPalette::WindowText));
    QFont title = font();
    title.setBold(true);
    m_view->chart()->setTitleFont(title);
}

void RaceChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

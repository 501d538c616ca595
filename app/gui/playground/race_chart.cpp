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
    m_axisY->setLabelFormat(QStringLiteral("%.2f"));
    m_axisY->setTickCount(6);
    m_axisX->setTickCount(6);
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
    // The y axis fits the trained models' points: the untrained ones (step 0, near the top) would
    // squeeze the differences that matter into a sliver, so their lines enter from above.
    double maxX = 0, minY = std::numeric_limits<double>::max(), maxY = std::numeric_limits<double>::lowest();
    double untrainedMaxY = maxY;
    for (const moe::RaceModel model : kRaceModels) {
        for (const moe::PlaygroundPoint& p : m_record->curve(model)) {
            const QPointF point = chartPoint(p);
            maxX = std::max(maxX, point.x());
            minY = std::min(minY, point.y());
            double& top = p.step > 0 ? maxY : untrainedMaxY;
            top = std::max(top, point.y());
        }
    }
    if (maxY < minY)
        maxY = untrainedMaxY; // only untrained points yet
    if (maxY < minY) {        // no points yet: a plausible empty frame
        minY = 2.0;
        maxY = 4.0;
    }
    const double pad = std::max(0.02, 0.05 * (maxY - minY));
    m_axisY->setRange(minY - pad, maxY + pad);
    m_axisY->applyNiceNumbers();
    // The x axis starts at zero: the race's start, before any token or second of training.
    m_axisX->setRange(0.0, maxX > 0 ? maxX : 1.0);
    m_axisX->applyNiceNumbers();
    // Whole numbers where the ticks are whole ("0, 20, 40"), one decimal where they are not.
    const double tick = m_axisX->max() / std::max(1, m_axisX->tickCount() - 1);
    m_axisX->setLabelFormat(tick == std::floor(tick) ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
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

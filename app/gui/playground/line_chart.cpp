#include "playground/line_chart.h"

#include "style/chart_style.h"
#include "style/scaled_font.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

LineChart::LineChart(const QString& objectName, const QString& title, const QString& yTitle, QWidget* parent)
    : QWidget(parent)
{
    setObjectName(objectName);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view = newChartView(this, objectName + QStringLiteral("View"));
    m_view->setAccessibleName(title);
    m_chart = m_view->chart();
    m_chart->setTitle(title);
    m_chart->setLocalizeNumbers(true);
    m_x = new QValueAxis(m_chart);
    m_x->setTitleText(tr("training step"));
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    m_y = new QValueAxis(m_chart);
    m_y->setTitleText(yTitle);
    m_y->setLabelFormat(QStringLiteral("%.2f"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    // Readable on a small screen too: the page scrolls rather than squeezing a chart below this.
    m_view->setMinimumSize(fontMetrics().height() * 16, fontMetrics().height() * 10);
    layout->addWidget(m_view);
    clear(1);
    applyPalette();
}

QLineSeries* LineChart::addLine(const QString& name, const QColor& colour, Qt::PenStyle style, double width)
{
    auto* series = new QLineSeries(m_chart);
    series->setName(name);
    QPen pen(colour);
    pen.setWidthF(width);
    pen.setStyle(style);
    series->setPen(pen);
    m_chart->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
    if (name.isEmpty())
        for (QLegendMarker* marker : m_chart->legend()->markers(series))
            marker->setVisible(false);
    return series;
}

void LineChart::clear(int steps)
{
    m_chart->removeAllSeries();
    m_x->setRange(0, std::max(1, steps));
    m_x->setTickCount(5);
    m_y->setRange(m_minLow, m_minHigh);
}

void LineChart::setMinimumYRange(double low, double high)
{
    m_minLow = low;
    m_minHigh = high;
    fitY();
}

void LineChart::fitY()
{
    double low = m_minLow, high = m_minHigh;
    for (QAbstractSeries* abstract : m_chart->series()) {
        auto* series = qobject_cast<QLineSeries*>(abstract);
        if (!series || series->attachedAxes().contains(m_y) == false)
            continue;
        for (const QPointF& p : series->points()) {
            low = std::min(low, p.y());
            high = std::max(high, p.y());
        }
    }
    const double headroom = (high - low) * 0.05;
    m_y->setRange(low == m_minLow ? low : low - headroom, high + headroom);
    m_y->applyNiceNumbers(); // ticks at round values: 0.5, 1.0, 1.5, not 0.42, 1.85, 3.27
}

void LineChart::setYLabelFormat(const QString& format)
{
    m_y->setLabelFormat(format);
}

void LineChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void LineChart::applyPalette()
{
    applyPaletteToChart(m_view, palette(), font());
    m_chart->setTitleBrush(palette().color(QPalette::WindowText));
    m_chart->setTitleFont(scaledFont(font(), 1.1, true));
}

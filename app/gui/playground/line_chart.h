// One live line chart of the Playground: a titled QChart in a view, an x axis of training steps
// fixed to the run's length, a y axis that follows the data, and lines added by colour and style.
// Values are appended as they arrive; nothing is redrawn from scratch.
#pragma once

#include <QColor>
#include <QWidget>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

class LineChart : public QWidget {
    Q_OBJECT
public:
    LineChart(const QString& objectName, const QString& title, const QString& yTitle,
              QWidget* parent = nullptr);

    // A new line: name in the legend (empty: left out of the legend), colour and pen style.
    QLineSeries* addLine(const QString& name, const QColor& colour, Qt::PenStyle style = Qt::SolidLine,
                         double width = 2.0);
    // Removes every line and sets the x axis to 0 … steps.
    void clear(int steps);
    // The y axis spans at least [low, high] and every value shown (with a little headroom).
    void setMinimumYRange(double low, double high);
    // Call after appending points: the y axis grows to take them.
    void fitY();
    // y labels: printf format, e.g. "%.1f" (numbers follow the locale).
    void setYLabelFormat(const QString& format);

    QChart* chart() const { return m_chart; }
    QChartView* view() const { return m_view; }
    QValueAxis* xAxis() const { return m_x; }
    QValueAxis* yAxis() const { return m_y; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();

    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    double m_minLow = 0, m_minHigh = 1;
};

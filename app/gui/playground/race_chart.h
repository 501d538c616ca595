// One of the Race's two charts: held-out bits per byte of each race model, against the training
// tokens it has seen or against its own training seconds. One line per model, drawn as the
// RaceRecord grows; colours, line styles and names from race_models.h.
#pragma once

#include "moe/playground.h"

#include <QWidget>

#include <array>

class QChartView;
class QLineSeries;
class QValueAxis;
class RaceRecord;

class RaceChart : public QWidget {
    Q_OBJECT
public:
    enum class XAxis { Tokens, Seconds };

    RaceChart(const RaceRecord* record, XAxis xAxis, QWidget* parent = nullptr);

    XAxis xAxis() const { return m_xAxis; }
    // What one unit of the x axis stands for: 1, 1,000 or 1,000,000 tokens (chosen from the race's
    // token budget), or 1 second.
    double xUnit() const { return m_xUnit; }
    const QLineSeries* series(moe::RaceModel model) const;
    const QValueAxis* axisX() const { return m_axisX; }
    const QValueAxis* axisY() const { return m_axisY; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    QPointF chartPoint(const moe::PlaygroundPoint& point) const;
    void addPoint(moe::RaceModel model, const moe::PlaygroundPoint& point);
    void fitAxes();
    void applyPalette();

    const RaceRecord* m_record;
    const XAxis m_xAxis;
    double m_xUnit = 1.0;
    QChartView* m_view = nullptr;
    std::array<QLineSeries*, moe::kRaceModelCount> m_series{};
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
};

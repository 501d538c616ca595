// Each expert's share of one layer's math tokens (solid line) and poem tokens (dashed line) over
// the training, in the expert's own colour, with a layer menu. Follows a TrainingRecord.
#pragma once

#include <QWidget>

#include <vector>

class LineChart;
class QComboBox;
class QLineSeries;
class TrainingRecord;

class ExpertShareChart : public QWidget {
    Q_OBJECT
public:
    explicit ExpertShareChart(TrainingRecord* record, QWidget* parent = nullptr);

    void setLayer(int layer);
    int layer() const { return m_layer; }
    // The line of an expert in the shown layer; nullptr outside the shape.
    QLineSeries* series(int expert, bool poem) const;

private:
    void rebuild();
    void appendPoint(int index);

    TrainingRecord* m_record;
    QComboBox* m_layerBox = nullptr;
    LineChart* m_chart = nullptr;
    int m_layer = 0;
    std::vector<QLineSeries*> m_math, m_poem;
};

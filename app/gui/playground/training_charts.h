// The Playground's live charts, all following one TrainingRecord: held-out bits per byte for math
// and poems (with the training loss), each expert's share of math and poem tokens in a chosen
// layer, the math-vs-poem divergence per layer, and the least- and most-used expert against the
// even share. Series hold the record's numbers as they are (shares in percent).
#pragma once

#include <QWidget>

#include <vector>

class ExpertShareChart;
class LineChart;
class QLineSeries;
class QValueAxis;
class TrainingRecord;

class TrainingCharts : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCharts(TrainingRecord* record, QWidget* parent = nullptr);

    QLineSeries* mathBitsSeries() const { return m_mathBits; }
    QLineSeries* poemBitsSeries() const { return m_poemBits; }
    QLineSeries* lossSeries() const { return m_loss; }
    QLineSeries* divergenceSeries(int layer) const;
    QLineSeries* leastUsedSeries() const { return m_least; }
    QLineSeries* mostUsedSeries() const { return m_most; }
    QLineSeries* evenShareSeries() const { return m_even; }
    ExpertShareChart* shareChart() const { return m_shares; }
    int refreshes() const { return m_refreshes; } // redraws asked for, for tests

private:
    void rebuild();
    void appendSteps(int first);
    void appendPoint(int index);
    void fitLossAxis();

    TrainingRecord* m_record;
    LineChart *m_bits = nullptr, *m_divergence = nullptr, *m_balance = nullptr;
    ExpertShareChart* m_shares = nullptr;
    QValueAxis* m_lossAxis = nullptr;
    QLineSeries *m_mathBits = nullptr, *m_poemBits = nullptr, *m_loss = nullptr;
    std::vector<QLineSeries*> m_layerDivergence;
    QLineSeries *m_least = nullptr, *m_most = nullptr, *m_even = nullptr;
    double m_lossLow = 0, m_lossHigh = 0;
    int m_refreshes = 0;
};

// Compare mode: "do math and poems wake different experts?" Takes two finished runs and shows the
// answer in big type first, then the evidence: the two texts, a grouped bar chart of each expert's
// share of the work in one layer (math indigo, poem brown, with the even-share line), the difference
// map (layers x experts), and the divergence and most-leaning experts per layer. Every number comes
// from compareRuns(); the view never calls the model.
#pragma once

#include "compare/compare_stats.h"

#include <QWidget>

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class LayerDivergenceView;
class UsageHeatMap;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);

    // Shows the comparison of two runs; the chart starts at the layer where they differ most. Runs
    // from models of different shapes are refused with a message in the caption (the view clears).
    void setRuns(const CompareRun& math, const CompareRun& poem);
    void clear();
    CompareStats stats() const { return m_stats; }
    QString caption() const;
    int selectedLayer() const; // 0-based, -1 when empty

public slots:
    void selectLayer(int layer);

signals:
    void layerChanged(int layer);

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* makeTextPanel(QLabel*& badge, QLabel*& text);
    void showRunText(QLabel* text, const CompareRun& run) const;
    void showCaption(const QString& caption);
    void rebuildChart();
    void applyChartPalette();

    CompareRun m_mathRun, m_poemRun;
    CompareStats m_stats;
    QString m_captionText;
    QLabel* m_caption = nullptr;
    QLabel* m_mathBadge = nullptr;
    QLabel* m_poemBadge = nullptr;
    QLabel* m_mathText = nullptr;
    QLabel* m_poemText = nullptr;
    QComboBox* m_layer = nullptr;
    QCheckBox* m_countPrompt = nullptr;
    QChartView* m_chartView = nullptr;
    QChart* m_chart = nullptr;
    UsageHeatMap* m_heatMap = nullptr;
    LayerDivergenceView* m_divergence = nullptr;
};

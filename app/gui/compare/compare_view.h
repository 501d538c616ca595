// Compare mode: "do math and poems wake different experts?" Reads two finished runs from their
// TraceModels (the page's, never a copy) and shows the answer in big type first, then the evidence: the two
// texts, a grouped bar chart of each expert's share of the work in one layer (math indigo, poem brown, with
// the even-share line), the difference map (layers x experts), and the divergence and most-leaning experts
// per layer. Every number comes from compareRuns(); the view never calls the model.
#pragma once

#include "compare/compare_stats.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QScrollArea;
class LayerDivergenceView;
class TraceModel;
class UsageHeatMap;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);

    // The two runs the view reads (not owned; null reads as an empty run). Nothing is copied: the
    // prompt switch counts again from the traces themselves.
    void setTraces(const TraceModel* math, const TraceModel* poem);
    // Both traces hold finished runs: shows their comparison, labelled with the prompts; the chart
    // starts at the layer where they differ most. Runs from models of different shapes are refused
    // with a message in the caption (the view clears). Until the next call, a trace that is reset or
    // grows leaves the picture as it is but stops the prompt switch from counting a half-made run.
    void showComparison(const QString& mathLabel, const QString& poemLabel);
    void clear();
    // Always-on experts of the model (they are not in the routing record); shown apart, never leaning.
    void setSharedExperts(int count);
    CompareStats stats() const { return m_stats; }
    // The leaning experts named for the selected layer, as on screen.
    QString leaningText() const;
    // The experts the usage chart shows, left to right (every expert up to kChartExperts).
    std::vector<int> chartExperts() const { return m_chartExperts; }
    static constexpr int kChartExperts = 8;
    UsageHeatMap* heatMap() const { return m_heatMap; }
    QCheckBox* sortToggle() const { return m_sortByDifference; }
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
    void countAndShow();
    void showRunText(QLabel* text, const TraceModel* trace) const;
    void showCaption(const QString& caption);
    void rebuildChart();
    void showLeaning();
    void fitRightColumn();
    void applyChartPalette();

    QPointer<const TraceModel> m_mathTrace, m_poemTrace;
    QString m_mathLabel, m_poemLabel;
    bool m_comparing = false; // the traces hold the runs on screen, finished
    CompareStats m_stats;
    QString m_captionText;
    QLabel* m_caption = nullptr;
    QLabel* m_mathBadge = nullptr;
    QLabel* m_poemBadge = nullptr;
    QLabel* m_mathText = nullptr;
    QLabel* m_poemText = nullptr;
    QComboBox* m_layer = nullptr;
    QCheckBox* m_countPrompt = nullptr;
    QCheckBox* m_sortByDifference = nullptr;
    QLabel* m_leaning = nullptr;
    QScrollArea* m_rightScroll = nullptr;
    int m_sharedExperts = 0;
    std::vector<int> m_chartExperts;
    QChartView* m_chartView = nullptr;
    QChart* m_chart = nullptr;
    UsageHeatMap* m_heatMap = nullptr;
    LayerDivergenceView* m_divergence = nullptr;
};

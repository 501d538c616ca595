// The scale calculator: this app's tiny model next to famous mixture-of-experts models (total vs
// active parameters, on a log scale so both fit), the share of weights each uses per token, what a
// dense model of the same size would cost, and a mini-calculator to build an MoE of one's own.
// The famous models come from resources/scale/models.json, named by their sources in
// resources/sources/sources.json; this app's numbers from moe::ModelConfig. With close to thirty
// models the chart scrolls and a filter shows the classics or the newest ones; closed models
// (no published sizes) are a labelled list of their own: confirmed MoE, or only rumoured.
#pragma once

#include "scale/scale_models.h"
#include "scale/source_registry.h"

#include "moe/model.h"

#include <QWidget>

#include <optional>

class QBoxLayout;
class QChart;
class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QScrollArea;
class QSpinBox;
class QTabBar;
class QTableWidget;

class ScaleView : public QWidget {
    Q_OBJECT
public:
    // Loads ":/scale/models.json" and ":/sources/sources.json"; problems in them are shown in the
    // view and in loadErrors().
    explicit ScaleView(QWidget* parent = nullptr);

    void setModels(const QList<ScaleModel>& models, const QStringList& notes = {});
    // The app's current model, listed first and compared with the others; builtIn false for a
    // file the learner opened (its row says so and is selected).
    void setModelConfig(const moe::ModelConfig& config, const QString& name, bool builtIn = true);
    QStringList loadErrors() const { return m_loadErrors; }
    // Every model in the table, this app's first when set.
    const QList<ScaleModel>& rows() const { return m_rows; }
    const QList<ClosedModel>& closedModels() const { return m_closed; }
    // The closed models' list as shown, plain text.
    QString closedText() const;

    // Which models the chart and table show: all, those up to 2024, or 2025 and later (this app's
    // model always).
    enum class Era { All, UpTo2024, From2025 };
    void setEra(Era era);
    // The rows the chart shows, top to bottom (indices into rows()).
    QList<int> chartRows() const { return m_chartOrder; }

    // Selects a table row: the headline, dense comparison and calculator follow it.
    void selectModel(int row);
    int selectedModel() const { return m_selected; }
    QString headline() const;
    QString denseComparison() const;

    // The calculator's inputs (sizes in parameters) and what it shows.
    void setCalculator(int experts, int used, double perExpert, double shared);
    ScaleEstimate calculatorEstimate() const;

signals:
    void modelSelected(int row);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void rebuildChart();
    void rebuildTable();
    void updateHeadline();
    void updateCalculator();
    void applyChartPalette();
    void updateCompactLayout();
    void rebuildClosed();
    bool shown(int row) const;
    double sizeUnit() const;
    QWidget* makeCalculator();

    QList<ScaleModel> m_famous;
    std::optional<ScaleModel> m_app;
    bool m_appBuiltIn = true;
    QList<ScaleModel> m_rows;
    QList<ClosedModel> m_closed;
    SourceRegistry m_registry;
    Era m_era = Era::All;
    QList<int> m_chartOrder;
    QStringList m_notes, m_loadErrors;
    int m_selected = -1;
    double m_shownUnit = 1e6; // the unit the size spin boxes are written in now

    QLabel* m_headline = nullptr;
    QLabel* m_dense = nullptr;
    QChart* m_chart = nullptr;
    QChartView* m_chartView = nullptr;
    QScrollArea* m_chartScroll = nullptr;
    QBoxLayout* m_pageLayout = nullptr;
    QBoxLayout* m_bodyLayout = nullptr;
    QComboBox* m_eraBox = nullptr;
    QGroupBox* m_closedBox = nullptr;
    QLabel* m_closedLabel = nullptr;
    QTabBar* m_bodyTabs = nullptr;
    int m_chartLabelWidth = 0; // the longest model name on the chart, in pixels
    int m_chartWidth = 0;      // what the chart needs to show its labels whole
    QTableWidget* m_table = nullptr;
    QLabel* m_notesLabel = nullptr;
    QWidget* m_calculator = nullptr;

    QSpinBox* m_experts = nullptr;
    QSpinBox* m_used = nullptr;
    QDoubleSpinBox* m_perExpert = nullptr;
    QDoubleSpinBox* m_shared = nullptr;
    QComboBox* m_unit = nullptr;
    QLabel* m_total = nullptr;
    QLabel* m_active = nullptr;
    QLabel* m_fraction = nullptr;
    QLabel* m_denseRatio = nullptr;
    QLabel* m_formula = nullptr;
    QLabel* m_calculatorSource = nullptr;
};

// The lab drawer of Explore mode: change top-k (1 ... all experts = dense) and switch single
// experts off. It only edits a moe::RoutingOverride; the page re-runs the prompt with it, and the
// session applies it (the core's routing override), so every effect shown is the model's own.
// Small models get one switch per expert; real shapes (up to 61 x 256) get a layer, an expert
// number and a filter that switches off a layer's most math- (or poem-) leaning experts, the
// leaning measured from the last Compare runs, never typed in.
#pragma once

#include "moe/routing.h"

#include <QWidget>

#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

// How each expert leaned in two measured runs: [layer][expert] = math share - poem share of the
// layer's routed slots (CompareStats::leaning), with the runs' token counts. Empty = not measured.
struct ExpertLeaning {
    std::vector<std::vector<double>> leaning;
    int mathTokens = 0, poemTokens = 0;
};

class ExperimentsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExperimentsPanel(QWidget* parent = nullptr);

    // A new model: top-k back to the model's own, every expert on.
    void setModelShape(int layers, int experts, int modelTopK);
    // Above this many experts in all, one switch per expert would not fit: the compact controls.
    static constexpr int kMaxSwitches = 64;
    bool hasSwitchGrid() const { return !m_switches.empty(); }
    // The layer the compact controls and the filter act on (the page's focused layer).
    void setCurrentLayer(int layer);
    int currentLayer() const;
    // Where the filter reads the leaning from (e.g. the last Compare runs); called when used.
    void setLeaningSource(std::function<ExpertLeaning()> source);
    // Switches off the `count` experts of `layer` that leaned most to math (or to poems) in the
    // measured runs, keeping at least one expert on; only experts that did lean that way count.
    // Returns the experts switched off (0-based); empty when nothing is measured for this shape.
    std::vector<int> switchOffMostLeaning(int layer, int count, bool math);
    const moe::RoutingOverride& routingOverride() const { return m_override; }
    // Flips one expert (e.g. a click on the expert grid). Refuses to switch off the last experts a
    // layer needs: at least one must stay on.
    void toggleExpert(int layer, int expert);
    void reset();
    // Sets experts per token without re-running anything (a lesson step sets up its own run);
    // k <= 0 or the model's own k: as trained.
    void setTopK(int k);
    // What is switched, in words ("top-1 routing; expert 3 off in layer 2"), empty if nothing.
    QString summary() const;
    // The result of the last run under this override, shown under the controls.
    void showResult(const QString& html);

Q_SIGNALS:
    void overrideChanged(const moe::RoutingOverride& routing);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void rebuildSwitches();
    void syncFromOverride();
    void emitChanged();
    ExpertLeaning measuredLeaning() const;
    void refreshLeaningNote();
    void refreshLeaningNote(const ExpertLeaning& measured);

    int m_layers = 0, m_experts = 0, m_modelTopK = 0;
    moe::RoutingOverride m_override;
    QSlider* m_topK = nullptr;
    QSpinBox* m_topKBox = nullptr;
    QLabel* m_topKLabel = nullptr;
    // The compact controls for real shapes.
    QWidget* m_compact = nullptr;
    QLabel* m_switchesTitle = nullptr;
    QSpinBox* m_layerBox = nullptr;
    QSpinBox* m_expertBox = nullptr;
    QPushButton* m_toggle = nullptr;
    QLabel* m_offList = nullptr;
    QSpinBox* m_filterCount = nullptr;
    QComboBox* m_filterDomain = nullptr;
    QPushButton* m_filterApply = nullptr;
    QLabel* m_filterNote = nullptr;
    std::function<ExpertLeaning()> m_leaningSource;
    QGridLayout* m_switchGrid = nullptr;
    QWidget* m_switchHost = nullptr;
    std::vector<std::vector<QCheckBox*>> m_switches; // [layer][expert]
    QPushButton* m_reset = nullptr;
    QLabel* m_result = nullptr;
    bool m_syncing = false;
};

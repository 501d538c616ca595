// The lab drawer of Explore mode: change top-k (1 ... all experts = dense) and switch single
// experts off. It only edits a moe::RoutingOverride; the page re-runs the prompt with it, and the
// session applies it (the core's routing override), so every effect shown is the model's own.
#pragma once

#include "moe/routing.h"

#include <QWidget>
#include <vector>

class QCheckBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QSlider;

class ExperimentsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExperimentsPanel(QWidget* parent = nullptr);

    // A new model: top-k back to the model's own, every expert on.
    void setModelShape(int layers, int experts, int modelTopK);
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

private:
    void rebuildSwitches();
    void syncFromOverride();
    void emitChanged();

    int m_layers = 0, m_experts = 0, m_modelTopK = 0;
    moe::RoutingOverride m_override;
    QSlider* m_topK = nullptr;
    QLabel* m_topKLabel = nullptr;
    QGridLayout* m_switchGrid = nullptr;
    QWidget* m_switchHost = nullptr;
    std::vector<std::vector<QCheckBox*>> m_switches; // [layer][expert]
    QPushButton* m_reset = nullptr;
    QLabel* m_result = nullptr;
    bool m_syncing = false;
};

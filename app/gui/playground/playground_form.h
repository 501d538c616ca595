// The Playground's settings form: a preset menu with its explanation, the free settings (spin boxes
// within PlaygroundSettings::limits), and the problems of the current settings in the learner's
// language. The page disables Start while problems() is not empty.
#pragma once

#include "playground/playground_presets.h"

#include "moe/playground.h"

#include <QMap>
#include <QWidget>

class QAbstractSpinBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

class PlaygroundForm : public QWidget {
    Q_OBJECT
public:
    explicit PlaygroundForm(QWidget* parent = nullptr);

    void setPresets(const QList<PlaygroundPreset>& presets);
    const QList<PlaygroundPreset>& presets() const { return m_presets; }
    // Selects the preset and fills the form from it; false for an unknown id.
    bool applyPreset(const QString& presetId);
    QString presetId() const;

    // The preset's settings with the form's values in place of its own.
    moe::PlaygroundSettings settings() const;
    // Fills the form (values outside a box's range are clamped by the box, and then reported).
    void setSettings(const moe::PlaygroundSettings& settings);
    // Why settings() cannot be trained, one sentence each; empty when it can.
    QStringList problems() const;
    // Off while a run trains: its settings stay as they were when it started.
    void setEditable(bool editable);
    // The box of a setting, by its preset key ("experts", "top_k"): tests type into it.
    QAbstractSpinBox* box(const QString& key) const;

signals:
    void settingsChanged();

private:
    void refresh();

    QList<PlaygroundPreset> m_presets;
    QComboBox* m_preset = nullptr;
    QLabel* m_explanation = nullptr;
    QLabel* m_problems = nullptr;
    QMap<QString, QAbstractSpinBox*> m_boxes;
    QSpinBox *m_layers = nullptr, *m_dim = nullptr, *m_heads = nullptr, *m_experts = nullptr,
             *m_topK = nullptr, *m_ffn = nullptr, *m_steps = nullptr, *m_batch = nullptr,
             *m_threads = nullptr, *m_mathShare = nullptr;
    QSpinBox* m_seed = nullptr;
    QDoubleSpinBox* m_balancing = nullptr;
    bool m_filling = false; // setSettings() is writing the boxes: one settingsChanged at the end
};

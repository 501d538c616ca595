// Compare mode: runs a math prompt and then a poem prompt through the model (its own worker, so
// Explore's run is left alone), records each in a TraceModel, which the CompareView reads.
#pragma once

#include "compare/compare_stats.h"
#include "moe/model.h"
#include "run/presets.h"
#include "run/run_types.h"

#include <QWidget>
#include <memory>

class CompareView;
class GenerationController;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class TraceModel;

class ComparePage : public QWidget {
    Q_OBJECT
public:
    explicit ComparePage(QWidget* parent = nullptr);

    void setModel(std::shared_ptr<const moe::Model> model);
    void setPresets(const QList<Preset>& presets);
    void setMathPrompt(const QString& prompt);
    void setPoemPrompt(const QString& prompt);
    CompareView* view() const { return m_view; }
    bool isRunning() const { return m_phase != Phase::Idle; }
    // The last comparison's runs, token by token (prompt and generated): what the view reads.
    const TraceModel* mathTrace() const { return m_mathTrace; }
    const TraceModel* poemTrace() const { return m_poemTrace; }

public Q_SLOTS:
    void compare();

Q_SIGNALS:
    void settled(); // both runs finished and the comparison is on screen
    void statusMessage(const QString& text);

private:
    enum class Phase { Idle, Math, Poem };
    QWidget* promptRow(const QString& label, const QColor& colour, QLineEdit*& edit, QComboBox*& presets);
    void startPhase(Phase phase);
    void onToken(int runId, const moe::GeneratedToken& token);
    void onFinished(int runId);
    // How a side is written: its preset's sampling (presetFor), greedy without presets.
    GenerationSettings sideSettings(Phase side) const;
    QString samplingSummary() const; // the sentence that says how both sides were written

    std::shared_ptr<const moe::Model> m_model;
    GenerationController* m_controller = nullptr;
    Phase m_phase = Phase::Idle;
    int m_runId = -1;
    QString m_mathLabel, m_poemLabel; // the prompts as they were when Compare was pressed
    TraceModel *m_mathTrace = nullptr, *m_poemTrace = nullptr;

    QLineEdit *m_mathPrompt = nullptr, *m_poemPrompt = nullptr;
    QComboBox *m_mathPresets = nullptr, *m_poemPresets = nullptr;
    QPushButton* m_compareButton = nullptr;
    QLabel* m_progress = nullptr;
    CompareView* m_view = nullptr;
    QList<Preset> m_presets;
};

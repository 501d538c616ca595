// Explore mode: the model reads a prompt and writes, token by token, while the expert grid, the
// token strip, the router chart and the cost panel show which experts wake up. The page wires the
// controls to the GenerationController and the views to the TraceModel; it runs no model math.
#pragma once

#include "moe/generation.h"
#include "moe/model.h"
#include "moe/routing.h"
#include "run/presets.h"

#include <QWidget>
#include <memory>

class CostPanel;
class ExperimentsPanel;
class ExpertGridView;
class GenerationController;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSlider;
class QSpinBox;
class RouterChartView;
class TokenStripView;
class TraceModel;

class ExplorePage : public QWidget {
    Q_OBJECT
public:
    explicit ExplorePage(QWidget* parent = nullptr);
    ~ExplorePage() override;

    void setModel(std::shared_ptr<const moe::Model> model, const QString& name);
    void setPresets(const QList<Preset>& presets);
    void setPrompt(const QString& prompt);
    TraceModel* traceModel() const { return m_trace; }
    ExpertGridView* expertGrid() const { return m_grid; }
    ExperimentsPanel* experiments() const { return m_lab; }
    TokenStripView* tokenStrip() const { return m_strip; }
    bool isRunning() const;
    bool isPaused() const { return m_paused; }

    // Classroom mode: projector-size text and grid; only the prompt, the text, the caption and the
    // grid stay on screen, with a line naming the keys that drive the run.
    void setPresentation(bool on);
    bool presentation() const { return m_presentation; }
    // Lessons drive the page: run the prompt and pause once `tokens` tokens are written (-1: to the
    // end); point at a layer or an expert (-1: none); an experiment with k experts per token
    // (-1: as trained).
    void runAndPauseAfter(int tokens);
    void setFocusLayer(int layer);
    void setHighlightedExpert(int expert);
    void setRouterTopK(int k);
    int focusLayer() const { return m_focusLayer; }
    QString speedName() const;

public Q_SLOTS:
    void run();
    void togglePause();
    void step();
    void stop();
    void toggleExperiments();
    void slower();
    void faster();
    void playPause(); // runs the prompt when nothing runs, else pauses or continues
    void previousToken();
    void nextToken(); // past the newest token of a paused run: writes one more
    void previousLayer();
    void nextLayer();

Q_SIGNALS:
    void runStateChanged(bool running);
    void settled(); // a run finished and its animation has played out
    void statusMessage(const QString& text);
    void tokenAppended(const moe::GeneratedToken& token); // after the views show it

private:
    void buildControls();
    void onToken(int runId, const moe::GeneratedToken& token, double tokensPerSecond);
    void onFinished(int runId, moe::FinishReason reason);
    void showToken(int index);
    void updateButtons();
    void applyFonts();
    void updateKeysHint();
    int delayMs() const;
    void applySpeed();
    void reportExperiment();

    std::shared_ptr<const moe::Model> m_model;
    QString m_modelName;
    GenerationController* m_controller = nullptr;
    TraceModel* m_trace = nullptr;
    int m_runId = -1;
    bool m_running = false, m_paused = false;
    bool m_presentation = false;
    int m_pauseAfterTokens = -1; // generated tokens after which the run pauses itself (-1: never)
    int m_focusLayer = 0;
    moe::RoutingOverride m_runOverride; // the routing of the run on screen
    QList<Preset> m_presets;

    // The last finished run per prompt without experiments: what an experiment is compared with.
    QString m_baselinePrompt, m_baselineText;
    QString m_lastPrompt;

    QLineEdit* m_prompt = nullptr;
    QComboBox* m_presetBox = nullptr;
    QPushButton *m_runButton = nullptr, *m_pauseButton = nullptr, *m_stepButton = nullptr,
                *m_stopButton = nullptr, *m_labButton = nullptr;
    QSlider *m_speed = nullptr, *m_temperature = nullptr;
    QLabel* m_temperatureLabel = nullptr;
    QSpinBox *m_seed = nullptr, *m_maxTokens = nullptr;
    QComboBox* m_layerBox = nullptr;
    TokenStripView* m_strip = nullptr;
    QLabel* m_caption = nullptr;
    QLabel* m_keysHint = nullptr;
    QList<QLabel*> m_headings;
    QList<QWidget*> m_hiddenInPresentation;
    ExpertGridView* m_grid = nullptr;
    RouterChartView* m_chart = nullptr;
    CostPanel* m_cost = nullptr;
    ExperimentsPanel* m_lab = nullptr;
    QScrollArea* m_labScroll = nullptr;
};

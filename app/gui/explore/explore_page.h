// Explore mode: the model reads a prompt and writes, token by token, while the expert grid, the
// token strip, the router chart, the cost panel and the caption show which experts wake up. The
// page hands the controls' requests to the GenerationController (the one keeper of the run state)
// and the controller's tokens to the TraceModel; every view follows the TraceModel by itself. It
// runs no model math.
#pragma once

#include "explore/experiment_report.h"
#include "moe/generation.h"
#include "moe/model.h"
#include "run/presets.h"

#include <QWidget>
#include <memory>

class CostPanel;
class ExperimentsPanel;
class ExploreControls;
class ExpertGridView;
class GenerationController;
class QComboBox;
class QLabel;
class QScrollArea;
class QVBoxLayout;
class RouterChartView;
class TokenStripView;
class TraceCaption;
class TraceModel;

class ExplorePage : public QWidget {
    Q_OBJECT
public:
    explicit ExplorePage(QWidget* parent = nullptr);
    ~ExplorePage() override;

    void setModel(std::shared_ptr<const moe::Model> model, const QString& name);
    void setPresets(const QList<Preset>& presets);
    void setPrompt(const QString& prompt);
    // The prompt typed now, else the prompt of the last run (empty when there is neither).
    QString prompt() const;
    TraceModel* traceModel() const { return m_trace; }
    GenerationController* controller() const { return m_controller; }
    ExpertGridView* expertGrid() const { return m_grid; }
    ExperimentsPanel* experiments() const { return m_lab; }
    // Both from the GenerationController; paused only while a run runs.
    bool isRunning() const;
    bool isPaused() const;

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
    void buildViews(QVBoxLayout* layout);
    void onToken(const moe::GeneratedToken& token);
    void onFinished(moe::FinishReason reason);
    void onFailed(const QString& message);
    void updateButtons();
    void applyFonts();
    void updateKeysHint();
    void applySpeed();
    void reportExperiment();

    GenerationController* m_controller = nullptr;
    TraceModel* m_trace = nullptr;
    ExperimentReport m_report;
    bool m_presentation = false;
    int m_pauseAfterTokens = -1; // generated tokens after which the run pauses itself (-1: never)
    int m_focusLayer = 0;

    ExploreControls* m_controls = nullptr;
    QComboBox* m_layerBox = nullptr;
    TokenStripView* m_strip = nullptr;
    TraceCaption* m_caption = nullptr;
    QLabel* m_keysHint = nullptr;
    QList<QLabel*> m_headings;
    QList<QWidget*> m_hiddenInPresentation;
    ExpertGridView* m_grid = nullptr;
    RouterChartView* m_chart = nullptr;
    CostPanel* m_cost = nullptr;
    ExperimentsPanel* m_lab = nullptr;
    QScrollArea* m_labScroll = nullptr;
};

// Explore's run controls: the prompt and its presets, Run / Pause / Step / Stop / Experiments, and
// the speed, temperature, seed and length of a run. The widgets only ask (signals); the page runs.
#pragma once

#include "run/presets.h"
#include "run/run_types.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

class ExploreControls : public QWidget {
    Q_OBJECT
public:
    explicit ExploreControls(QWidget* parent = nullptr);

    QString prompt() const;
    void setPrompt(const QString& prompt);
    void setPresets(const QList<Preset>& presets);
    // A new run's settings as set here (the routing override is the experiments drawer's).
    GenerationSettings settings() const;
    int maxTokens() const;

    // Pause between tokens at the chosen speed, and how long the grid's glide between two takes.
    int delayMs() const;
    int animationMs() const;
    QString speedName() const;
    void slower();
    void faster();

    // Enables Pause and Stop while a run runs; Pause reads "Continue" while it is paused.
    void setRunState(bool running, bool paused);
    void setExperimentsShown(bool shown);
    // Classroom mode keeps only the prompt and Run.
    void setPresentation(bool on);
    // The prompt's larger type, derived from this widget's (the page's) font.
    void applyFonts();

Q_SIGNALS:
    void runRequested();
    void pauseRequested();
    void stepRequested();
    void stopRequested();
    void experimentsRequested();
    void speedChanged();

private:
    QLineEdit* m_prompt = nullptr;
    QComboBox* m_presetBox = nullptr;
    QPushButton *m_runButton = nullptr, *m_pauseButton = nullptr, *m_stepButton = nullptr,
                *m_stopButton = nullptr, *m_labButton = nullptr;
    QSlider *m_speed = nullptr, *m_temperature = nullptr;
    QLabel* m_temperatureLabel = nullptr;
    QSpinBox *m_seed = nullptr, *m_maxTokens = nullptr;
    QWidget* m_settingsRow = nullptr;
};

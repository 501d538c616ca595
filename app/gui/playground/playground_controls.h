// The Playground's run controls: Start, Pause/Resume, Stop, Reset; the progress bar with the speed
// and the time left; and, once a model was trained, "Explore this model" and "Save as GGUF…".
// The buttons only ask (signals); the page acts and tells the controls the state.
#pragma once

#include "playground/training_controller.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

class PlaygroundControls : public QWidget {
    Q_OBJECT
public:
    explicit PlaygroundControls(QWidget* parent = nullptr);

    // canStart: the form's settings have no problems.
    void setState(TrainingController::State state, bool canStart, bool hasModel);
    void setProgress(const TrainingProgress& progress);
    // A line under the progress bar, e.g. why a run failed (empty: none).
    void setMessage(const QString& message);

    QPushButton* startButton() const { return m_start; }
    QPushButton* pauseButton() const { return m_pause; }
    QPushButton* stopButton() const { return m_stop; }
    QPushButton* resetButton() const { return m_reset; }
    QPushButton* exploreButton() const { return m_explore; }
    QPushButton* saveButton() const { return m_save; }
    QString progressText() const;

signals:
    void startClicked();
    void pauseClicked();
    void resumeClicked();
    void stopClicked();
    void resetClicked();
    void exploreClicked();
    void saveClicked();

private:
    TrainingController::State m_state = TrainingController::State::Idle;
    QPushButton *m_start = nullptr, *m_pause = nullptr, *m_stop = nullptr, *m_reset = nullptr;
    QPushButton *m_explore = nullptr, *m_save = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_speed = nullptr;
    QLabel* m_message = nullptr;
};

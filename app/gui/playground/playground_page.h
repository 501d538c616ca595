// Playground mode: "how do experts come to specialise?" The learner picks a preset or free
// settings, trains a small mixture of experts with the project's own trainer (on a worker thread),
// and watches live charts, a probe of two fixed prompts and captions computed from the measured
// numbers. A trained model can become the app's model (Explore, Compare) or be saved as GGUF.
// The page runs no model math: the TrainingController's worker does, the TrainingRecord holds
// what it reported, and every view follows the record.
#pragma once

#include <QTemporaryDir>
#include <QWidget>

class ModelHolder;
class PlaygroundControls;
class PlaygroundForm;
class ProbePanel;
class QLabel;
class QTabWidget;
class RacePanel;
class TrainingCharts;
class TrainingController;

class PlaygroundPage : public QWidget {
    Q_OBJECT
public:
    explicit PlaygroundPage(QWidget* parent = nullptr);
    // Stops a run and joins the worker (TrainingController's destructor).
    ~PlaygroundPage() override;

    // ---- For lessons and scripted runs.
    // Selects a preset and fills the form from it; false for an unknown id (and while a run
    // trains: the form keeps the running settings).
    bool applyPreset(const QString& presetId);
    // As the Start button (nothing happens when the settings have problems or a run is going).
    void startTraining();
    bool isTraining() const;
    void stopTraining();      // as the Stop button
    QString presetId() const; // the form's preset; empty once a setting was changed by hand
    // Shows the Race tab and races the form's settings (a training run is stopped first: the two
    // would share the same cores).
    void startRace();
    bool isRacing() const;
    RacePanel* race() const { return m_race; }

    // Where "Explore this model" puts the trained model (the main window's holder).
    void setModelHolder(ModelHolder* models) { m_models = models; }
    // Exports the trained model to a file of its own and makes it the app's model; false (with a
    // message on the page) when there is none or it cannot be written or loaded.
    bool exploreTrainedModel();
    // Writes the trained model to `path`; false and *error when it cannot.
    bool saveTrainedModel(const QString& path, QString* error);

    TrainingController* controller() const { return m_controller; }
    PlaygroundForm* form() const { return m_form; }
    PlaygroundControls* controls() const { return m_controls; }
    TrainingCharts* charts() const { return m_charts; }
    ProbePanel* probe() const { return m_probe; }
    // The page's tabs: "Train", then "Race".
    QTabWidget* tabs() const { return m_tabs; }
    QString captionText() const;

signals:
    void trainingFinished(); // the run reached its last step (not on stop)
    void raceFinished();     // a race ran to its end (not on stop)
    void settled();          // a run finished (or failed) and its charts are drawn
    void exploreRequested(); // the trained model is now the app's model: show Explore
    void statusMessage(const QString& text);

private:
    QWidget* buildTrainTab();
    void updateControls();
    void updateCaption();
    void saveWithDialog();

    TrainingController* m_controller = nullptr;
    ModelHolder* m_models = nullptr;
    PlaygroundForm* m_form = nullptr;
    PlaygroundControls* m_controls = nullptr;
    TrainingCharts* m_charts = nullptr;
    ProbePanel* m_probe = nullptr;
    QLabel* m_caption = nullptr;
    QTabWidget* m_tabs = nullptr;
    RacePanel* m_race = nullptr;
    int m_raceTab = -1;        // its index in m_tabs
    QTemporaryDir m_exportDir; // models handed to Explore: one file each, removed with the page
    int m_exports = 0;
};

#include "playground/playground_page.h"

#include "playground/playground_caption.h"
#include "playground/playground_controls.h"
#include "playground/playground_form.h"
#include "playground/playground_presets.h"
#include "playground/probe_panel.h"
#include "playground/race_panel.h"
#include "playground/training_charts.h"
#include "playground/training_controller.h"
#include "run/model_source.h"
#include "style/scaled_font.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// On a small screen (a 1024x700 school laptop) the window still fits and the charts keep a
// readable size: their area scrolls instead.
QScrollArea* scrolling(QWidget* content)
{
    auto* area = new QScrollArea;
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

} // namespace

PlaygroundPage::PlaygroundPage(QWidget* parent) : QWidget(parent), m_controller(new TrainingController(this))
{
    setAccessibleName(tr("Playground"));
    auto* layout = new QHBoxLayout(this);

    // Left: the question, the settings and the run controls, scrolling on a small screen.
    auto* side = new QWidget;
    auto* sideLayout = new QVBoxLayout(side);
    auto* question = new QLabel(tr("How do experts come to specialise?"), side);
    question->setFont(scaledFont(font(), 1.15, true));
    question->setWordWrap(true);
    sideLayout->addWidget(question);
    m_form = new PlaygroundForm(side);
    sideLayout->addWidget(m_form);
    m_controls = new PlaygroundControls(side);
    sideLayout->addWidget(m_controls);
    sideLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(side);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // As wide as the form needs in the language in use (German labels are longer), at least 46 characters.
    scroll->setFixedWidth(
        std::max(fontMetrics().averageCharWidth() * 46,
                 side->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width()));
    layout->addWidget(scroll);

    // Right: the tabs, training and the race. Both use the form's settings; one runs at a time.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("playgroundTabs"));
    m_tabs->addTab(buildTrainTab(), tr("Train"));
    m_race = new RacePanel;
    m_raceTab = m_tabs->addTab(scrolling(m_race), tr("Race"));
    layout->addWidget(m_tabs, 1);

    QStringList errors;
    m_form->setPresets(
        loadPlaygroundPresets(playgroundLanguage(), QStringLiteral(":/playground/presets.json"), &errors));
    for (const QString& e : errors)
        qWarning("%s", qPrintable(e));

    connect(m_form, &PlaygroundForm::settingsChanged, this, &PlaygroundPage::updateControls);
    connect(m_form, &PlaygroundForm::settingsChanged, this,
            [this] { m_race->setMixtureSettings(m_form->settings()); });
    m_race->setMixtureSettings(m_form->settings());
    connect(m_race, &RacePanel::raceFinished, this, &PlaygroundPage::raceFinished);
    connect(m_race, &RacePanel::racingChanged, this, [this](bool racing) {
        if (racing)
            m_controller->stop();
    });
    connect(m_controls, &PlaygroundControls::startClicked, this, &PlaygroundPage::startTraining);
    connect(m_controls, &PlaygroundControls::pauseClicked, m_controller, &TrainingController::pause);
    connect(m_controls, &PlaygroundControls::resumeClicked, m_controller, &TrainingController::resume);
    connect(m_controls, &PlaygroundControls::stopClicked, m_controller, &TrainingController::stop);
    connect(m_controls, &PlaygroundControls::resetClicked, m_controller, &TrainingController::reset);
    connect(m_controls, &PlaygroundControls::exploreClicked, this, &PlaygroundPage::exploreTrainedModel);
    connect(m_controls, &PlaygroundControls::saveClicked, this, &PlaygroundPage::saveWithDialog);
    connect(m_controller, &TrainingController::stateChanged, this, &PlaygroundPage::updateControls);
    connect(m_controller, &TrainingController::progressed, m_controls, &PlaygroundControls::setProgress);
    connect(m_controller, &TrainingController::failed, this, [this](const QString& message) {
        m_controls->setMessage(tr("Training could not run: %1").arg(message));
        QTimer::singleShot(0, this, &PlaygroundPage::settled);
    });
    connect(m_controller, &TrainingController::finished, this, [this] {
        emit trainingFinished();
        // After the record's last signals have been drawn (they were queued before this one).
        QTimer::singleShot(0, this, &PlaygroundPage::settled);
    });
    TrainingRecord* record = m_controller->record();
    connect(record, &TrainingRecord::resetDone, this, &PlaygroundPage::updateCaption);
    connect(record, &TrainingRecord::pointAppended, this, &PlaygroundPage::updateCaption);
    connect(record, &TrainingRecord::stepsAppended, this, [this] {
        if (m_controller->record()->points().empty())
            updateCaption();
    });
    updateControls();
    updateCaption();
}

PlaygroundPage::~PlaygroundPage() = default;

QWidget* PlaygroundPage::buildTrainTab()
{
    auto* tab = new QWidget;
    auto* layout = new QVBoxLayout(tab);
    m_caption = new QLabel(tab);
    m_caption->setObjectName(QStringLiteral("playgroundCaption"));
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setFont(scaledFont(font(), 1.3));
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setAccessibleName(tr("What the training shows now"));
    m_caption->setMinimumHeight(m_caption->fontMetrics().height() * 3);
    m_caption->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_caption);
    auto* bodyWidget = new QWidget;
    auto* body = new QHBoxLayout(bodyWidget);
    body->setContentsMargins(0, 0, 0, 0);
    m_charts = new TrainingCharts(m_controller->record(), bodyWidget);
    body->addWidget(m_charts, 2);
    m_probe = new ProbePanel(m_controller->record(), bodyWidget);
    body->addWidget(m_probe, 1);
    layout->addWidget(scrolling(bodyWidget), 1); // the caption above stays in view and wraps
    return tab;
}

bool PlaygroundPage::applyPreset(const QString& presetId)
{
    return !isTraining() && m_form->applyPreset(presetId);
}

void PlaygroundPage::startTraining()
{
    if (!m_form->problems().isEmpty() || isTraining())
        return;
    m_controls->setMessage(QString());
    m_race->stopRace();
    m_controller->start(m_form->settings());
}

void PlaygroundPage::startRace()
{
    m_tabs->setCurrentIndex(m_raceTab);
    m_race->setMixtureSettings(m_form->settings());
    m_race->startRace(); // its racingChanged stops a training run
}

void PlaygroundPage::stopTraining()
{
    m_controller->stop();
}

QString PlaygroundPage::presetId() const
{
    return m_form->presetId();
}

bool PlaygroundPage::isRacing() const
{
    return m_race->isRacing();
}

bool PlaygroundPage::isTraining() const
{
    return m_controller->isRunning();
}

QString PlaygroundPage::captionText() const
{
    return m_caption->text();
}

void PlaygroundPage::updateControls()
{
    const bool running = m_controller->isRunning();
    m_form->setEditable(!running);
    m_controls->setState(m_controller->state(), m_form->problems().isEmpty(), m_controller->hasModel());
}

void PlaygroundPage::updateCaption()
{
    m_caption->setText(trainingCaption(*m_controller->record()));
}

bool PlaygroundPage::exploreTrainedModel()
{
    QString error;
    const QString path = m_exportDir.filePath(QStringLiteral("playground-%1.gguf").arg(++m_exports));
    if (!m_exportDir.isValid())
        error = tr("No folder for the trained model: %1").arg(m_exportDir.errorString());
    else if (m_controller->exportModel(path, QStringLiteral("playground %1").arg(m_form->presetId()),
                                       &error)) {
        if (m_models && m_models->open(path)) {
            emit statusMessage(tr("The model you trained is now the app's model."));
            emit exploreRequested();
            return true;
        }
        error = m_models ? m_models->lastError() : tr("The app has no model holder.");
    }
    m_controls->setMessage(error);
    return false;
}

bool PlaygroundPage::saveTrainedModel(const QString& path, QString* error)
{
    return m_controller->exportModel(path, QStringLiteral("playground %1").arg(m_form->presetId()), error);
}

void PlaygroundPage::saveWithDialog()
{
    const QString dir = QSettings().value(QStringLiteral("files/modelDir")).toString();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the trained model"),
        QFileInfo(dir, QStringLiteral("playground-%1.gguf").arg(m_form->presetId())).filePath(),
        tr("GGUF models (*.gguf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (saveTrainedModel(path, &error))
        emit statusMessage(tr("Model saved to %1").arg(path));
    else
        QMessageBox::warning(this, tr("Save failed"), error);
}

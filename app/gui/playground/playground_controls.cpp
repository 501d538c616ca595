#include "playground/playground_controls.h"

#include "style/number_format.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace {

using State = TrainingController::State;

QString minutesSeconds(double seconds)
{
    const int total = static_cast<int>(std::lround(std::max(0.0, seconds)));
    return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

PlaygroundControls::PlaygroundControls(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QGridLayout;
    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(QStringLiteral("start"));
    m_start->setToolTip(tr("Train a new model with these settings, from random weights"));
    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setObjectName(QStringLiteral("pause"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stop"));
    m_stop->setToolTip(tr("End the training here; the model stays as far as it got"));
    m_reset = new QPushButton(tr("Reset"), this);
    m_reset->setObjectName(QStringLiteral("reset"));
    m_reset->setToolTip(tr("Clear the charts"));
    buttons->addWidget(m_start, 0, 0);
    buttons->addWidget(m_pause, 0, 1);
    buttons->addWidget(m_stop, 1, 0);
    buttons->addWidget(m_reset, 1, 1);
    layout->addLayout(buttons);

    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("trainingProgress"));
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_bar->setAccessibleName(tr("Training progress"));
    layout->addWidget(m_bar);
    m_speed = new QLabel(this);
    m_speed->setObjectName(QStringLiteral("trainingSpeed"));
    layout->addWidget(m_speed);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("trainingMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);

    m_explore = new QPushButton(tr("Explore this model"), this);
    m_explore->setObjectName(QStringLiteral("exploreModel"));
    m_explore->setToolTip(tr("Make the model you trained the app's model in Explore and Compare"));
    m_save = new QPushButton(tr("Save as GGUF…"), this);
    m_save->setObjectName(QStringLiteral("saveModel"));
    m_save->setToolTip(tr("Save the model you trained as a GGUF file (llama.cpp's format)"));
    layout->addWidget(m_explore);
    layout->addWidget(m_save);

    connect(m_start, &QPushButton::clicked, this, &PlaygroundControls::startClicked);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_state == State::Paused)
            emit resumeClicked();
        else
            emit pauseClicked();
    });
    connect(m_stop, &QPushButton::clicked, this, &PlaygroundControls::stopClicked);
    connect(m_reset, &QPushButton::clicked, this, &PlaygroundControls::resetClicked);
    connect(m_explore, &QPushButton::clicked, this, &PlaygroundControls::exploreClicked);
    connect(m_save, &QPushButton::clicked, this, &PlaygroundControls::saveClicked);
    setState(State::Idle, true, false);
}

void PlaygroundControls::setState(State state, bool canStart, bool hasModel)
{
    m_state = state;
    const bool running = state == State::Preparing || state == State::Training || state == State::Paused ||
                         state == State::Stopping;
    m_start->setEnabled(!running && canStart);
    m_pause->setEnabled(state == State::Training || state == State::Paused || state == State::Preparing);
    m_pause->setText(state == State::Paused ? tr("Resume") : tr("Pause"));
    m_stop->setEnabled(running && state != State::Stopping);
    m_reset->setEnabled(!running);
    m_explore->setEnabled(hasModel);
    m_save->setEnabled(hasModel);
    if (state == State::Preparing)
        m_speed->setText(tr("Preparing the text (the first time takes a while)…"));
    else if (state == State::Idle)
        m_speed->clear();
}

void PlaygroundControls::setProgress(const TrainingProgress& progress)
{
    m_bar->setRange(0, std::max(1, progress.steps));
    m_bar->setValue(progress.step);
    m_bar->setFormat(tr("step %1 of %2").arg(progress.step).arg(progress.steps));
    if (progress.step == 0)
        return;
    const QString speed = tr("%1 tokens/s").arg(compactNumber(progress.tokensPerSecond));
    if (progress.step >= progress.steps)
        m_speed->setText(tr("%1 · trained in %2").arg(speed, minutesSeconds(progress.trainingSeconds)));
    else
        m_speed->setText(tr("%1 · %2 left").arg(speed, minutesSeconds(progress.secondsLeft)));
}

void PlaygroundControls::setMessage(const QString& message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

QString PlaygroundControls::progressText() const
{
    return m_bar->text() + QLatin1Char(' ') + m_speed->text();
}

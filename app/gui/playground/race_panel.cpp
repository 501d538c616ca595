// The Race's screen and its worker thread (the STYLE.md pattern): race numbers keep a stopped
// race's late signals out of the next one's record.
#include "playground/race_panel.h"

#include "playground/race_caption.h"
#include "playground/race_chart.h"
#include "playground/race_record.h"
#include "playground/race_table.h"
#include "playground/race_worker.h"
#include "style/number_format.h"
#include "style/scaled_font.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
constexpr int kProgressSteps = 1000; // the bar's resolution
} // namespace

RacePanel::RacePanel(QWidget* parent) : QWidget(parent)
{
    registerRaceMetaTypes();
    setAccessibleName(tr("Race"));
    m_record = new RaceRecord(this);

    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Does a mixture of experts learn more for its cost than a dense model? Three "
                                "models train in turns on the same text: the mixture as set in the form, a "
                                "dense model that uses as many parameters per token, and a dense model as "
                                "big as the whole mixture."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_budget = new QLabel(this);
    m_budget->setWordWrap(true);
    m_budget->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_budget);

    auto* controls = new QHBoxLayout;
    m_start = new QPushButton(tr("Start race"), this);
    m_start->setObjectName(QStringLiteral("raceStart"));
    m_start->setToolTip(tr("Train the three models from scratch, in turns"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("raceStop"));
    m_stop->setToolTip(tr("Stop the race; what was measured stays on the charts"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("raceProgress"));
    m_progress->setAccessibleName(tr("Race progress"));
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("raceStatus"));
    controls->addWidget(m_start);
    controls->addWidget(m_stop);
    controls->addWidget(m_progress, 1);
    controls->addWidget(m_status, 1);
    layout->addLayout(controls);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("raceError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    layout->addWidget(m_error);

    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("raceCaption"));
    m_caption->setWordWrap(true);
    m_caption->setFont(scaledFont(font(), 1.15));
    m_caption->setAccessibleName(tr("What the race shows"));
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_caption);

    auto* charts = new QHBoxLayout;
    m_tokensChart = new RaceChart(m_record, RaceChart::XAxis::Tokens, this);
    m_secondsChart = new RaceChart(m_record, RaceChart::XAxis::Seconds, this);
    charts->addWidget(m_tokensChart);
    charts->addWidget(m_secondsChart);
    layout->addLayout(charts, 1);
    m_table = new RaceTable(m_record, this);
    m_table->setMaximumHeight(m_table->fontMetrics().height() * 8);
    layout->addWidget(m_table);

    connect(m_start, &QPushButton::clicked, this, &RacePanel::startRace);
    connect(m_stop, &QPushButton::clicked, this, &RacePanel::stopRace);
    connect(m_record, &RaceRecord::pointAdded, this, &RacePanel::updateCaption);
    connect(m_record, &RaceRecord::cleared, this, &RacePanel::updateCaption);
    connect(m_record, &RaceRecord::finishedChanged, this, &RacePanel::updateCaption);

    m_thread.setObjectName(QStringLiteral("race"));
    m_worker = new RaceWorker(moe::PlaygroundCorpusOptions{});
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &RaceWorker::preparing, this, &RacePanel::onPreparing);
    connect(m_worker, &RaceWorker::prepared, this, &RacePanel::onPrepared);
    connect(m_worker, &RaceWorker::pointMeasured, this, &RacePanel::onPointMeasured);
    connect(m_worker, &RaceWorker::progressed, this, &RacePanel::onProgressed);
    connect(m_worker, &RaceWorker::ended, this, &RacePanel::onEnded);
    connect(m_worker, &RaceWorker::failed, this, &RacePanel::onFailed);
    // Below the GUI and the Playground's own training: the race is the background task.
    m_thread.start(QThread::LowPriority);

    setMixtureSettings(m_mixture);
    setRacing(false);
    m_status->setText(tr("Not started"));
}

RacePanel::~RacePanel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_thread.quit();
    m_thread.wait();
}

void RacePanel::setMixtureSettings(const moe::PlaygroundSettings& settings)
{
    m_mixture = settings;
    updateBudget();
}

void RacePanel::setCorpusOptions(const moe::PlaygroundCorpusOptions& options)
{
    RaceWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, options] { worker->setCorpusOptions(options); }, Qt::QueuedConnection);
}

void RacePanel::startRace()
{
    if (m_cancel)
        m_cancel->store(true); // the old race's late signals are dropped by their race number
    m_cancel.reset();
    const int raceId = ++m_raceId;
    m_error->hide();
    m_error->clear();
    const std::vector<moe::PlaygroundSettings::Problem> problems = m_mixture.problems();
    if (!problems.empty()) {
        showError(tr("These settings cannot be trained; change them in the form first."));
        setRacing(false);
        return;
    }
    m_record->reset(m_mixture);
    m_progress->setValue(0);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    setRacing(true);
    m_status->setText(tr("Starting…"));
    RaceWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker, raceId, mixture = m_mixture, cancel = std::shared_ptr<const std::atomic<bool>>(m_cancel)] {
            worker->race(raceId, mixture, cancel);
        },
        Qt::QueuedConnection);
}

void RacePanel::stopRace()
{
    if (!m_racing || !m_cancel)
        return;
    m_cancel->store(true);
    m_status->setText(tr("Stopping…"));
}

QString RacePanel::caption() const
{
    return m_caption->text();
}

QString RacePanel::errorText() const
{
    return m_error->text();
}

void RacePanel::onPreparing(int raceId)
{
    if (raceId != m_raceId)
        return;
    m_progress->setRange(0, 0); // busy: the corpus build reports no progress
    m_status->setText(tr("Preparing the training text and its vocabulary…"));
}

void RacePanel::onPrepared(int raceId)
{
    if (raceId != m_raceId)
        return;
    m_progress->setRange(0, kProgressSteps);
    m_status->setText(tr("Training in turns…"));
}

void RacePanel::onPointMeasured(const RacePoint& point)
{
    if (point.raceId != m_raceId || !m_cancel || m_cancel->load())
        return;
    m_record->append(point.model, point.point);
}

void RacePanel::onProgressed(int raceId, qint64 stepsDone, qint64 stepsTotal)
{
    if (raceId != m_raceId || stepsTotal <= 0 || !m_cancel || m_cancel->load())
        return;
    m_progress->setValue(static_cast<int>(kProgressSteps * stepsDone / stepsTotal));
    m_status->setText(tr("Training in turns: %1 of %2 steps")
                          .arg(QLocale().toString(stepsDone), QLocale().toString(stepsTotal)));
}

void RacePanel::onEnded(int raceId, bool completed)
{
    if (raceId != m_raceId)
        return;
    m_progress->setRange(0, kProgressSteps);
    m_status->setText(completed ? tr("Finished") : tr("Stopped"));
    if (completed) {
        m_progress->setValue(kProgressSteps);
        m_record->setFinished(true);
    }
    setRacing(false);
    if (completed)
        emit raceFinished();
}

void RacePanel::onFailed(int raceId, const QString& message)
{
    if (raceId != m_raceId)
        return;
    m_progress->setRange(0, kProgressSteps);
    m_status->setText(tr("Failed"));
    showError(tr("The race could not run: %1").arg(message));
    setRacing(false);
}

void RacePanel::setRacing(bool racing)
{
    m_start->setEnabled(!racing);
    m_stop->setEnabled(racing);
    if (racing == m_racing)
        return;
    m_racing = racing;
    emit racingChanged(racing);
}

void RacePanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

void RacePanel::updateBudget()
{
    const qint64 tokens = static_cast<qint64>(m_mixture.steps) * m_mixture.tokensPerStep();
    m_budget->setText(tr("Each model: %1 steps of %2 tokens, %3 training tokens, the same training text for "
                         "all three.")
                          .arg(QLocale().toString(m_mixture.steps),
                               QLocale().toString(m_mixture.tokensPerStep()),
                               compactNumber(static_cast<double>(tokens))));
}

void RacePanel::updateCaption()
{
    const std::optional<moe::RaceSummary> summary = m_record->summary();
    m_caption->setText(summary ? raceCaption(*summary, m_record->isFinished())
                               : tr("Press Start race: the caption will say, from the measured numbers, "
                                    "which model learns most per token and per second."));
}

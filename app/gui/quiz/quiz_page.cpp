// The quiz page: three screens in a stack (start, question, review), each in a scroll area so that
// the page stays usable in a small window or with classroom-size fonts.
#include "quiz/quiz_page.h"

#include "learn/live_questions.h"
#include "lessons/model_note_label.h"
#include "print/print_dialogs.h"
#include "quiz/question_card.h"
#include "quiz/quiz_review.h"
#include "quiz/quiz_start.h"
#include "run/trace_model.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace {

const QString kLive = QStringLiteral("live");

QScrollArea* scrollFor(QWidget* content, QWidget* parent)
{
    auto* scroll = new QScrollArea(parent);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    // The column is centred and its text wraps: scrolling sideways never shows anything new.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    return scroll;
}

} // namespace

QuizPage::QuizPage(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Quiz"));
    QStringList titles, descriptions;
    for (const QString& id : trackIds())
        titles << trackTitle(id);
    descriptions
        << tr("Ages 8 to 11: a big AI is lots of tiny experts, and only a few wake up for each word.")
        << tr("Teens: total and active parameters, and why a mixture of experts runs fast.")
        << tr("Adults and engineers: the router, load balancing, and what experts really learn.")
        << tr("Questions about the run you just watched in Explore, checked against its trace.");

    m_start = new QuizStart(trackIds(), titles, descriptions);
    m_card = new QuestionCard;
    m_review = new QuizReview;
    m_screens = new QStackedWidget(this);
    m_startScroll = scrollFor(m_start, m_screens);
    m_cardScroll = scrollFor(m_card, m_screens);
    m_reviewScroll = scrollFor(m_review, m_screens);
    m_screens->addWidget(m_startScroll);
    m_screens->addWidget(m_cardScroll);
    m_screens->addWidget(m_reviewScroll);
    m_modelNote = new ModelNoteLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_modelNote);
    layout->addWidget(m_screens);

    connect(m_start, &QuizStart::trackChosen, this, [this](const QString& track) { startQuiz(track); });
    connect(m_start, &QuizStart::learnerNameEdited, this, [this](const QString& name) {
        if (m_store)
            m_store->setLearnerName(name.trimmed());
    });
    connect(m_start, &QuizStart::learnerNameFinished, this, [this] {
        // Kept for next time even when no quiz follows; a failure shows on the start screen.
        if (!m_store)
            return;
        m_store->setLearnerName(m_start->learnerName());
        QString error;
        if (!m_store->save(&error))
            m_start->setStatus(tr("Your name could not be saved: %1").arg(error), true);
    });
    connect(m_start, &QuizStart::exportRequested, this, &QuizPage::chooseExportFile);
    connect(m_start, &QuizStart::printRequested, this, &QuizPage::printTest);
    connect(m_card, &QuestionCard::checkRequested, this, &QuizPage::check);
    connect(m_card, &QuestionCard::nextRequested, this, &QuizPage::next);
    connect(m_card, &QuestionCard::stopRequested, this, &QuizPage::showStart);
    connect(m_card, &QuestionCard::glossaryRequested, this, &QuizPage::glossaryRequested);
    connect(m_card, &QuestionCard::lessonStepRequested, this, &QuizPage::lessonStepRequested);
    m_card->setLessonTitles([this](const QString& lessonId) {
        const Lesson* lesson = m_lessons ? m_lessons->lesson(lessonId) : nullptr;
        return lesson ? lesson->title : QString();
    });
    connect(m_review, &QuizReview::tryAgainRequested, this, [this] { startQuiz(m_session.track()); });
    connect(m_review, &QuizReview::chooseTrackRequested, this, &QuizPage::showStart);

    refreshStart();
}

void QuizPage::setModelNote(const QString& note)
{
    m_modelNote->setNote(note);
}

QString QuizPage::modelNote() const
{
    return m_modelNote->text();
}

QStringList QuizPage::trackIds()
{
    return {QStringLiteral("explorer"), QStringLiteral("builder"), QStringLiteral("creator"), kLive};
}

QString QuizPage::trackTitle(const QString& track)
{
    if (track == QLatin1String("explorer"))
        return tr("Explorer");
    if (track == QLatin1String("builder"))
        return tr("Builder");
    if (track == QLatin1String("creator"))
        return tr("Creator");
    if (track == kLive)
        return tr("Your last run");
    return track;
}

void QuizPage::setBank(const QuizBank* bank)
{
    m_bank = bank;
    refreshStart();
}

void QuizPage::setLessonBook(const LessonBook* book)
{
    m_lessons = book;
}

void QuizPage::setProgressStore(ProgressStore* store)
{
    m_store = store;
    m_start->setLearnerName(store ? store->learnerName() : QString());
    refreshStart();
}

void QuizPage::setLiveTrace(const TraceModel* trace)
{
    m_live = trace;
    // A run can be too short (or too even) for a question with one clear answer.
    m_liveHasQuestions = m_live && m_live->tokenCount() > 0 &&
                         !makeLiveQuestions(m_live->tokens(), m_live->config(), /*seed=*/1, 1).isEmpty();
    refreshStart();
}

void QuizPage::setSeed(uint32_t seed)
{
    m_fixedSeed = seed;
    m_sittings = 0;
}

QString QuizPage::unavailableReason(const QString& track) const
{
    if (track == kLive) {
        if (!m_live || m_live->tokenCount() == 0)
            return tr("Run a prompt in Explore first.");
        if (!m_liveHasQuestions)
            return tr("That run was too short to ask about. Run a longer prompt in Explore.");
        return QString();
    }
    if (!m_bank || m_bank->questionsOf(track).isEmpty())
        return tr("No questions for this track yet.");
    return QString();
}

QList<QuizQuestion> QuizPage::questionsFor(const QString& track, uint32_t seed) const
{
    if (track == kLive)
        return m_live ? makeLiveQuestions(m_live->tokens(), m_live->config(), seed, kLiveQuestions)
                      : QList<QuizQuestion>();
    if (!m_bank)
        return {};
    // Questions missed last time come back first (ProgressStore::missedQuestions).
    return drawSitting(m_bank->questionsOf(track), seed, kQuestionsPerSitting,
                       m_store ? m_store->missedQuestions(track) : QStringList());
}

bool QuizPage::startQuiz(const QString& track)
{
    const QString reason =
        trackIds().contains(track) ? unavailableReason(track) : tr("There is no such track.");
    if (!reason.isEmpty()) {
        m_start->setStatus(reason, true);
        return false;
    }
    m_sittingSeed = m_fixedSeed ? *m_fixedSeed + m_sittings
                                : static_cast<uint32_t>(QDateTime::currentMSecsSinceEpoch() & 0xFFFFFFFFu);
    ++m_sittings;
    const QList<QuizQuestion> questions = questionsFor(track, m_sittingSeed);
    if (questions.isEmpty()) {
        m_start->setStatus(tr("No questions for this track yet."), true);
        return false;
    }
    m_session = QuizSession(track, questions);
    m_screens->setCurrentWidget(m_cardScroll);
    showCurrentQuestion();
    return true;
}

QuizPage::Screen QuizPage::screen() const
{
    if (m_screens->currentWidget() == m_cardScroll)
        return Screen::Question;
    if (m_screens->currentWidget() == m_reviewScroll)
        return Screen::Review;
    return Screen::Start;
}

void QuizPage::showStart()
{
    refreshStart();
    m_screens->setCurrentWidget(m_startScroll);
    m_startScroll->ensureVisible(0, 0);
    m_start->focusFirstTrack();
}

void QuizPage::check()
{
    if (screen() != Screen::Question || m_session.finished() || m_session.answered())
        return;
    const std::optional<QuizAnswer> given = m_card->answer();
    if (!given)
        return; // the card says what is missing
    const QuizSession::Feedback feedback = m_session.answer(*given);
    m_card->showFeedback(feedback, m_session.score(), m_session.index() + 1 == m_session.count());
}

void QuizPage::next()
{
    if (screen() != Screen::Question || !m_session.next())
        return;
    if (m_session.finished())
        finish();
    else
        showCurrentQuestion();
}

void QuizPage::showCurrentQuestion()
{
    m_card->showQuestion(m_session.current(), tr("%1 quiz").arg(trackTitle(m_session.track())),
                         m_session.index() + 1, m_session.count(), m_session.score());
    m_cardScroll->ensureVisible(0, 0);
}

QStringList QuizPage::stillMissed() const
{
    // Missed before and not asked now, then the mistakes of this sitting: a question stays until
    // it is answered right.
    QStringList asked, missed;
    for (int i = 0; i < m_session.count(); ++i)
        asked << m_session.question(i).id;
    for (const QString& id : m_store->missedQuestions(m_session.track()))
        if (!asked.contains(id) && m_bank && m_bank->question(id))
            missed << id;
    for (const QuizSession::Mistake& mistake : m_session.mistakes())
        missed << mistake.question.id;
    return missed;
}

void QuizPage::finish()
{
    QuizResult result;
    result.learner = m_start->learnerName();
    result.track = m_session.track();
    result.score = m_session.score();
    result.total = m_session.count();
    result.finishedAt = QDateTime::currentDateTimeUtc();

    QuizReview::Summary summary;
    summary.trackTitle = tr("%1 quiz").arg(trackTitle(result.track));
    summary.score = result.score;
    summary.total = result.total;
    summary.mistakes = m_session.mistakes();
    if (m_store) {
        const std::optional<QuizResult> before = m_store->bestResult(result.track);
        // Best is the highest share right (ties keep the earlier), as the store counts it.
        if (!before) {
            summary.bestText = tr("Your first score on this track. Can you beat it next time?");
        } else if (static_cast<qint64>(result.score) * before->total >
                   static_cast<qint64>(before->score) * result.total) {
            summary.newBest = true;
            summary.bestText =
                tr("New best! Your best before was %1 of %2.").arg(before->score).arg(before->total);
        } else {
            summary.bestText = tr("Your best is still %1 of %2.").arg(before->score).arg(before->total);
        }
        m_store->setLearnerName(result.learner);
        m_store->addQuizResult(result);
        if (result.track != kLive)
            m_store->setMissedQuestions(result.track, stillMissed());
        QString error;
        if (!m_store->save(&error))
            summary.saveError = error;
    }
    m_screens->setCurrentWidget(m_reviewScroll);
    m_reviewScroll->ensureVisible(0, 0);
    m_review->showSummary(summary);
    refreshStart();
    emit quizFinished(result);
}

QString QuizPage::bestText(const QString& track) const
{
    const std::optional<QuizResult> best = m_store ? m_store->bestResult(track) : std::nullopt;
    if (!best)
        return tr("No score yet");
    return tr("Best: %1 of %2").arg(best->score).arg(best->total);
}

void QuizPage::refreshStart()
{
    for (const QString& id : trackIds())
        m_start->setTrack(id, bestText(id), unavailableReason(id));
    m_start->setExportEnabled(m_store != nullptr);
}

bool QuizPage::exportClassResults(const QString& path)
{
    if (!m_store) {
        m_start->setStatus(tr("There are no results to export."), true);
        return false;
    }
    const QList<QuizResult> results = m_store->results();
    QString error;
    if (!writeClassResultsCsv(path, results, &error)) {
        m_start->setStatus(tr("Could not export the class results: %1").arg(error), true);
        return false;
    }
    // English ships without a translation file, so one result gets its own sentence (no "result(s)").
    const int rows = static_cast<int>(results.size());
    const QString where = QDir::toNativeSeparators(path);
    m_start->setStatus(rows == 1 ? tr("Wrote 1 result to %1.").arg(where)
                                 : tr("Wrote %n results to %1.", nullptr, rows).arg(where),
                       false);
    return true;
}

void QuizPage::chooseExportFile()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export class results"),
                                                      QDir(documents).filePath(tr("class-results.csv")),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportClassResults(path);
}

void QuizPage::printTest()
{
    const QString path = printQuizWithDialog(this, m_bank);
    if (!path.isEmpty())
        m_start->setStatus(tr("Wrote the test to %1.").arg(QDir::toNativeSeparators(path)), false);
}

void QuizPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refreshStart(); // the progress may have changed elsewhere (another page, another sitting)
}

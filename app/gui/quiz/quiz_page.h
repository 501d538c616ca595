// The Quiz page: "Test yourself". The start screen picks a track (Explorer, Builder, Creator, or
// "Your last run": live questions about the last Explore run); a sitting asks up to 10 of the track's
// questions in a shuffled order with instant feedback (QuestionCard); the end screen gives the score,
// the best so far and the mistakes to review (QuizReview). Finished sittings go to the ProgressStore,
// which also feeds the teacher's class results CSV. The page never touches the model: it reads the
// Explore run's TraceModel (setLiveTrace).
#pragma once

#include "learn/lesson_book.h"
#include "learn/progress_store.h"
#include "learn/quiz_bank.h"
#include "learn/quiz_session.h"
#include <QPointer>
#include <QWidget>

#include <cstdint>
#include <optional>

class ModelNoteLabel;
class QScrollArea;
class QStackedWidget;
class QuestionCard;
class QuizReview;
class QuizStart;
class TraceModel;

class QuizPage : public QWidget {
    Q_OBJECT
public:
    enum class Screen { Start, Question, Review };

    static constexpr int kQuestionsPerSitting = 10;
    static constexpr int kLiveQuestions = 6;

    explicit QuizPage(QWidget* parent = nullptr);

    void setBank(const QuizBank* bank);          // not owned; null: no stored questions
    void setProgressStore(ProgressStore* store); // not owned; null: nothing is saved or exported
    // The lessons a mistake links back to (not owned); null: no "Review this step" button.
    void setLessonBook(const LessonBook* book);
    // The Explore run's trace (not owned): the "Your last run" track asks about it. Call again when
    // a run has finished, to check it anew; an empty trace turns that track off.
    void setLiveTrace(const TraceModel* trace);
    // Fixes the shuffling for tests: sitting n (0-based, counted from this call) uses seed + n.
    // Without it the seed comes from the clock.
    void setSeed(uint32_t seed);
    // Shown above every screen while another model than the questions' own is loaded
    // (written_for.h); empty hides it. Live questions always ask about the loaded model.
    void setModelNote(const QString& note);
    QString modelNote() const;

    // The tracks in the order shown: explorer, builder, creator, live.
    static QStringList trackIds();
    static QString trackTitle(const QString& track);
    // Empty when the track can be taken now, else why not ("Run a prompt in Explore first").
    QString unavailableReason(const QString& track) const;

    // Starts a sitting on `track`; false (and the start screen says why) when it has no questions.
    bool startQuiz(const QString& track);

    Screen screen() const;
    const QuizSession& session() const { return m_session; }
    uint32_t sittingSeed() const { return m_sittingSeed; } // the seed of the current sitting
    QuestionCard* questionCard() const { return m_card; }
    QuizReview* review() const { return m_review; }
    QuizStart* startScreen() const { return m_start; }

    // Writes the class results CSV to `path` and says so on the start screen (rows written, or why
    // not). What the export button does after its file dialog.
    bool exportClassResults(const QString& path);

public slots:
    void showStart();
    void check(); // checks the answer on screen (the card's Check button and Enter)
    void next();  // the next question, or the end screen after the last
    // A sitting as a printed test with an answer key (print/): asks for the track, test number and
    // file, then says on the start screen where it went.
    void printTest();

signals:
    void quizFinished(const QuizResult& result);
    void glossaryRequested();
    void lessonStepRequested(const QString& lessonId, int step); // a mistake's "Review this step"

protected:
    void showEvent(QShowEvent* event) override;

private:
    void refreshStart();
    void showCurrentQuestion();
    void finish();
    QStringList stillMissed() const; // the track's missed questions after this sitting
    void chooseExportFile();
    QList<QuizQuestion> questionsFor(const QString& track, uint32_t seed) const;
    QString bestText(const QString& track) const;

    const QuizBank* m_bank = nullptr;
    const LessonBook* m_lessons = nullptr;
    ProgressStore* m_store = nullptr;
    QPointer<const TraceModel> m_live;
    bool m_liveHasQuestions = false;
    std::optional<uint32_t> m_fixedSeed;
    uint32_t m_sittings = 0;
    uint32_t m_sittingSeed = 0;
    QuizSession m_session;

    ModelNoteLabel* m_modelNote = nullptr;
    QStackedWidget* m_screens = nullptr;
    QScrollArea* m_startScroll = nullptr;
    QScrollArea* m_cardScroll = nullptr;
    QScrollArea* m_reviewScroll = nullptr;
    QuizStart* m_start = nullptr;
    QuestionCard* m_card = nullptr;
    QuizReview* m_review = nullptr;
};

// The lesson panel: one lesson beside the live app, a step at a time. It shows the step's title and
// text, Back / Next, and for a "guess, then see" step the experts to pick from. It never touches the
// model: the main window applies each step's LessonAction (stepEntered), writes one more token when
// the learner checks a guess (revealRequested) and hands that token back (revealPrediction).
// Progress is written to the ProgressStore on every step shown, so a lesson resumes where it was left.
#pragma once

#include "learn/lesson_book.h"
#include "moe/generation.h"

#include <QHash>
#include <QList>
#include <QWidget>

class BeliefBox;
class ChipFlow;
class ModelNoteLabel;
class ExpertPickButton;
class ProgressStore;
class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);

    // Not owned. Replacing the book keeps the open lesson when the new book has it (same id).
    void setBook(const LessonBook* book);
    void setProgressStore(ProgressStore* store); // not owned; may be null (nothing is saved)
    // The live model's shape: the layers a guess may ask about, the experts to pick from and how
    // many the router takes per token.
    void setModelShape(int nLayer, int nExpert, int nExpertUsed);
    // Shown above the step while another model than the lessons' own is loaded (written_for.h);
    // empty hides it.
    void setModelNote(const QString& note);
    QString modelNote() const;
    // "You will be able to: • … • …  About 10 minutes." (lesson text markup), shown on step 1.
    static QString goalsText(const Lesson& lesson);

    // Opens a lesson at its saved step (the first for a new one). False when the book lacks it.
    bool start(const QString& lessonId);
    int currentStep() const { return m_step; } // 0-based; -1 when no lesson is open
    QString lessonId() const { return m_lessonId; }
    bool isOpen() const { return m_lesson != nullptr; }

    // The answer to revealRequested: the token the model wrote next. Compares the learner's guess
    // with the router's choice in the step's layer and says how it went; the guess is then fixed.
    // Ignored unless the current step asked for it.
    void revealPrediction(const moe::GeneratedToken& token);

    QString predictionResult() const; // the sentence shown after a reveal (empty before)
    QList<int> pickedExperts() const; // 0-based, ascending
    int expertsToPick() const;        // k for the current step; 0 without a model

    QSize sizeHint() const override;
    BeliefBox* beliefBox() const { return m_beliefBox; }

public slots:
    // On the last step: finishes the lesson (emits finished; saved as done at step 1, so that the
    // library offers "Again" and the next start begins at the beginning).
    void next();
    void previous();
    void closeLesson(); // ends the lesson (the widget stays) and emits closed

signals:
    void stepEntered(const LessonStep& step, int index);
    void revealRequested(int layer); // 0-based
    void glossaryRequested();
    void finished(const QString& lessonId);
    void closed();

protected:
    void changeEvent(QEvent* event) override;

private:
    // A guess once shown: kept per step so that going back shows it again, and fixed.
    struct Reveal {
        QList<int> picked, chosen;
        QString text;
    };

    void showStep(int index);
    void saveProgress();
    void updateHeader();
    void updatePrediction();
    void rebuildExpertButtons();
    void updateFonts();
    void announce(QWidget* label);
    void checkGuess();
    const LessonStep* currentStepData() const;

    const LessonBook* m_book = nullptr;
    ProgressStore* m_store = nullptr;
    const Lesson* m_lesson = nullptr;
    QString m_lessonId;
    int m_step = -1;
    int m_nLayer = 0, m_nExpert = 0, m_nExpertUsed = 0;
    int m_pendingStep = -1; // the step whose guess awaits revealPrediction
    QHash<int, Reveal> m_reveals;
    QString m_saveError;

    QLabel* m_lessonTitle = nullptr;
    QLabel* m_trackLine = nullptr; // track and objective
    QPushButton* m_closeButton = nullptr;
    QLabel* m_stepCounter = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_stepTitle = nullptr;
    QScrollArea* m_scroll = nullptr;
    QLabel* m_stepText = nullptr;
    QFrame* m_predictBox = nullptr;
    BeliefBox* m_beliefBox = nullptr;
    QLabel* m_question = nullptr;
    QLabel* m_pickHint = nullptr;
    ChipFlow* m_expertArea = nullptr;
    QList<ExpertPickButton*> m_expertButtons;
    QPushButton* m_checkButton = nullptr;
    QLabel* m_result = nullptr;
    ModelNoteLabel* m_modelNote = nullptr;
    QPushButton* m_glossaryButton = nullptr;
    QLabel* m_saveErrorLabel = nullptr;
    QPushButton* m_backButton = nullptr;
    QPushButton* m_nextButton = nullptr;
};

// One quiz question on screen: "Question 3 of 10", the score so far, the prompt in big type, the
// answer widgets (radio buttons for a choice or true/false, a number box with its unit), Check, and
// after checking the right/wrong line with the explanation, announced to screen readers, the answer
// locked and Next focused. Before answering, "Show a hint" (H) gives the question's hint; after a
// wrong answer the card says why that answer tempts and offers the lesson step that teaches it.
// Keyboard: 1..6 pick a choice, arrows move between choices, Enter checks and then moves on. It only
// shows; the quiz page owns the QuizSession and decides (checkRequested).
#pragma once

#include "learn/quiz_bank.h"
#include "learn/quiz_session.h"
#include "quiz/quiz_screen.h"

#include <QList>
#include <QLocale>

#include <functional>
#include <optional>

class QButtonGroup;
class FeedbackPanel;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QVBoxLayout;

class QuestionCard : public QuizScreen {
    Q_OBJECT
public:
    static constexpr int kMaxChoices = 6; // docs/content-format.md: 2 to 6 choices
    explicit QuestionCard(QWidget* parent = nullptr);

    // Shows question `number` (1-based) of `total` with the learner's score on the `answered`
    // questions before it; the answer widgets empty and unlocked, the focus on the first of them.
    void showQuestion(const QuizQuestion& question, const QString& trackTitle, int number, int total,
                      int score);
    // After Check: the verdict and the explanation (announced), the answer locked, Next focused;
    // `last` makes Next read "See my score".
    void showFeedback(const QuizSession::Feedback& feedback, int score, bool last);

    // The answer given so far; std::nullopt when there is none yet (no choice picked, or no number
    // in the box), and then a hint on screen says what is missing.
    std::optional<QuizAnswer> answer();
    bool isLocked() const { return m_locked; }

    // Picks a choice (0-based; true/false: 0 True, 1 False) and moves the focus to it, as keys 1..6 do.
    // Ignored when locked or out of range.
    void selectChoice(int index);
    int selectedChoice() const; // -1 when none
    int choiceCount() const { return static_cast<int>(m_choices.size()); }

    QString feedbackText() const; // "✔ Right!" / "✘ Not quite. …"; empty before checking
    QString hintText() const;     // the keyboard help line, or what is missing before Check
    QString tipText() const;      // the question's hint once shown, else empty
    QString whyWrongText() const; // why the wrong answer tempts; empty when right or none given
    // The lesson step offered after a mistake ("Review this step: …"); empty when none.
    QString reviewStepText() const;
    // Names a lesson for the review button: its title, or empty when there is no such lesson.
    void setLessonTitles(std::function<QString(const QString& lessonId)> titleOf);

public slots:
    void showTip(); // the hint, announced; nothing when locked or the question has none

    // A number as typed: in `locale`'s notation or with '.' as the decimal point, spaces and the
    // question's unit allowed ("5,5 %" in German, "5.5%"); std::nullopt when it is not a number.
    static std::optional<double> parseNumber(const QString& text, const QLocale& locale,
                                             const QString& unit = QString());

signals:
    void checkRequested();
    void nextRequested();
    void stopRequested();
    void glossaryRequested();
    void lessonStepRequested(const QString& lessonId, int step); // step 0-based

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void clearAnswerWidgets();
    void buildChoices(const QStringList& texts);
    // Sets a choice's text, wrapped to the column (kept whole in the "fullText" property).
    void setChoiceText(QRadioButton* button, const QString& text);
    void rewrapChoices(); // after a resize or a font change
    void buildNumberBox();
    void setLocked(bool locked);
    void markChoices();
    void updateScore(int score, int answered);
    void updateColours() override;
    int rightChoice() const; // -1 for a number question
    void updateWidths() override;

    QuizQuestion m_question;
    int m_position = 0; // the question's number, 1-based
    bool m_locked = false;
    bool m_hasFeedback = false;
    bool m_lastCorrect = false;

    QLabel* m_track = nullptr;
    QLabel* m_counter = nullptr;
    QLabel* m_score = nullptr;
    QPushButton* m_stopButton = nullptr;
    QWidget* m_column = nullptr;
    QLabel* m_prompt = nullptr;
    QWidget* m_answerArea = nullptr;
    QVBoxLayout* m_answerLayout = nullptr;
    QButtonGroup* m_group = nullptr;
    QList<QRadioButton*> m_allChoices; // kMaxChoices, made once
    QList<QRadioButton*> m_choices;    // the ones this question shows
    QWidget* m_numberRow = nullptr;
    QLineEdit* m_number = nullptr;
    QLabel* m_unit = nullptr;
    QLabel* m_hint = nullptr;
    QLabel* m_tip = nullptr;
    QPushButton* m_tipButton = nullptr;
    FeedbackPanel* m_feedbackPanel = nullptr;
    QLabel* m_feedback = nullptr;
    QLabel* m_whyWrong = nullptr;
    QPushButton* m_reviewButton = nullptr;
    std::function<QString(const QString&)> m_lessonTitle;
    QLabel* m_explanation = nullptr;
    QPushButton* m_checkButton = nullptr;
    QPushButton* m_nextButton = nullptr;
};

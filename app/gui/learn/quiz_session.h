// One sitting of the quiz: the questions in order, one answer each, instant feedback, the score and
// the mistakes to review at the end. Plain logic, no widgets: the quiz page shows it.
#pragma once

#include "learn/quiz_bank.h"

#include <QList>
#include <QString>

class QuizSession {
public:
    struct Feedback {
        bool correct = false;
        QString correctAnswer; // correctAnswerText()
        QString explanation;
        QString whyWrong; // feedbackFor(): why the chosen wrong answer tempts; empty when right
    };
    struct Mistake {
        QuizQuestion question;
        QuizAnswer given;
    };

    QuizSession() = default;
    QuizSession(QString track, QList<QuizQuestion> questions);

    QString track() const { return m_track; }
    int count() const { return static_cast<int>(m_questions.size()); }
    int index() const { return m_index; } // the question on screen, 0-based
    bool finished() const { return m_index >= count(); }
    const QuizQuestion& current() const; // asserts !finished()
    const QuizQuestion& question(int index) const { return m_questions.at(index); }
    bool answered() const { return m_answered; } // the current question has its answer

    // Checks the answer to the current question; a second answer to the same question is refused
    // (returns the first feedback again and does not change the score).
    Feedback answer(const QuizAnswer& given);
    // Moves on once the current question is answered; returns false otherwise.
    bool next();

    int score() const { return m_score; } // right answers so far
    QList<Mistake> mistakes() const { return m_mistakes; }

private:
    QString m_track;
    QList<QuizQuestion> m_questions;
    int m_index = 0;
    bool m_answered = false;
    Feedback m_lastFeedback;
    int m_score = 0;
    QList<Mistake> m_mistakes;
};

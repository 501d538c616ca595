// One sitting of the quiz. The first answer to a question counts: answering again (a double click,
// a second Enter) cannot change the score.
#include "learn/quiz_session.h"

#include <QtGlobal>

QuizSession::QuizSession(QString track, QList<QuizQuestion> questions)
    : m_track(std::move(track)), m_questions(std::move(questions))
{
}

const QuizQuestion& QuizSession::current() const
{
    Q_ASSERT(!finished());
    return m_questions[m_index];
}

QuizSession::Feedback QuizSession::answer(const QuizAnswer& given)
{
    if (finished())
        return {};
    if (m_answered)
        return m_lastFeedback;
    const QuizQuestion& question = current();
    m_lastFeedback.correct = isCorrect(question, given);
    m_lastFeedback.correctAnswer = correctAnswerText(question);
    m_lastFeedback.explanation = question.explanation;
    m_lastFeedback.whyWrong = feedbackFor(question, given);
    m_answered = true;
    if (m_lastFeedback.correct)
        ++m_score;
    else
        m_mistakes.append(Mistake{question, given});
    return m_lastFeedback;
}

bool QuizSession::next()
{
    if (finished() || !m_answered)
        return false;
    ++m_index;
    m_answered = false;
    m_lastFeedback = {};
    return true;
}

// One sitting of the quiz: the score counts first answers only, a question must be answered before
// moving on, and the mistakes are kept for the review.
#include "learn/quiz_session.h"

#include <QLocale>
#include <QTest>

namespace {

QuizQuestion choiceQuestion(const QString& id, int correct)
{
    QuizQuestion question;
    question.id = id;
    question.track = QStringLiteral("builder");
    question.kind = QuizQuestion::Kind::Choice;
    question.prompt = QStringLiteral("Pick %1").arg(correct);
    question.choices = {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    question.correctChoice = correct;
    question.explanation = QStringLiteral("Because %1.").arg(id);
    return question;
}

QuizQuestion numberQuestion()
{
    QuizQuestion question;
    question.id = QStringLiteral("n");
    question.kind = QuizQuestion::Kind::Number;
    question.correctNumber = 25;
    question.tolerance = 1;
    question.unit = QStringLiteral("%");
    question.explanation = QStringLiteral("2 of 8 is a quarter.");
    return question;
}

} // namespace

class TestQuizSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void scoresASitting();
    void refusesASecondAnswer();
    void mustAnswerBeforeMovingOn();
    void emptySittingIsFinished();
};

void TestQuizSession::scoresASitting()
{
    QuizSession session(QStringLiteral("builder"),
                        {choiceQuestion("q1", 0), choiceQuestion("q2", 2), numberQuestion()});
    QCOMPARE(session.track(), QStringLiteral("builder"));
    QCOMPARE(session.count(), 3);
    QCOMPARE(session.index(), 0);
    QVERIFY(!session.finished());
    QCOMPARE(session.current().id, QStringLiteral("q1"));

    QuizSession::Feedback feedback = session.answer(QuizAnswer{.choice = 0});
    QVERIFY(feedback.correct);
    QCOMPARE(feedback.correctAnswer, QStringLiteral("A"));
    QCOMPARE(feedback.explanation, QStringLiteral("Because q1."));
    QVERIFY(session.answered());
    QVERIFY(session.next());
    QVERIFY(!session.answered());

    feedback = session.answer(QuizAnswer{.choice = 1});
    QVERIFY(!feedback.correct);
    QCOMPARE(feedback.correctAnswer, QStringLiteral("C"));
    QVERIFY(session.next());

    feedback = session.answer(QuizAnswer{.number = 24.5});
    QVERIFY(feedback.correct);
    QCOMPARE(feedback.correctAnswer, QStringLiteral("25 %"));
    QVERIFY(session.next());

    QVERIFY(session.finished());
    QCOMPARE(session.index(), 3);
    QCOMPARE(session.score(), 2);
    QCOMPARE(session.mistakes().size(), 1);
    QCOMPARE(session.mistakes().first().question.id, QStringLiteral("q2"));
    QCOMPARE(session.mistakes().first().given.choice, 1);
    QVERIFY(!session.next());
    QCOMPARE(session.answer(QuizAnswer{.choice = 0}).correct, false); // nothing left to answer
    QCOMPARE(session.score(), 2);
}

void TestQuizSession::refusesASecondAnswer()
{
    QuizSession session(QStringLiteral("builder"), {choiceQuestion("q1", 0), choiceQuestion("q2", 1)});
    const QuizSession::Feedback wrong = session.answer(QuizAnswer{.choice = 2});
    QVERIFY(!wrong.correct);
    // Trying again with the right answer changes nothing: the first answer counts.
    const QuizSession::Feedback again = session.answer(QuizAnswer{.choice = 0});
    QVERIFY(!again.correct);
    QCOMPARE(again.correctAnswer, wrong.correctAnswer);
    QCOMPARE(again.explanation, wrong.explanation);
    QCOMPARE(session.score(), 0);
    QCOMPARE(session.mistakes().size(), 1);

    QVERIFY(session.next());
    QVERIFY(session.answer(QuizAnswer{.choice = 1}).correct);
    QVERIFY(session.answer(QuizAnswer{.choice = 0}).correct); // the first (right) feedback again
    QCOMPARE(session.score(), 1);
    QCOMPARE(session.mistakes().size(), 1);
}

void TestQuizSession::mustAnswerBeforeMovingOn()
{
    QuizSession session(QStringLiteral("explorer"), {choiceQuestion("q1", 0), choiceQuestion("q2", 1)});
    QVERIFY(!session.next());
    QCOMPARE(session.index(), 0);
    session.answer(QuizAnswer{.choice = 0});
    QVERIFY(session.next());
    QVERIFY(!session.next());
    QCOMPARE(session.index(), 1);
}

void TestQuizSession::emptySittingIsFinished()
{
    QuizSession session(QStringLiteral("live"), {});
    QVERIFY(session.finished());
    QCOMPARE(session.count(), 0);
    QVERIFY(!session.next());
    QVERIFY(!session.answer(QuizAnswer{.choice = 0}).correct);
    QCOMPARE(session.score(), 0);
    const QuizSession defaulted;
    QVERIFY(defaulted.finished());
}

QTEST_APPLESS_MAIN(TestQuizSession)
#include "tst_quiz_session.moc"

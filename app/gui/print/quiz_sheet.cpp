#include "print/quiz_sheet.h"

#include "quiz/quiz_page.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRandomGenerator>

#include <stdexcept>

namespace {
struct QuizSheet { // the translation context of this file's strings
    Q_DECLARE_TR_FUNCTIONS(QuizSheet)
};

} // namespace

QStringList printableTracks()
{
    QStringList tracks = QuizPage::trackIds();
    tracks.removeAll(QStringLiteral("live"));
    return tracks;
}

uint32_t newTestNumber()
{
    return QRandomGenerator::global()->bounded(static_cast<uint32_t>(kLastNewTestNumber) + 1);
}

QString choiceLetter(int index)
{
    return QString(QChar(u'A' + index));
}

PrintedQuiz makePrintedQuiz(const QuizBank& bank, const QString& track, uint32_t seed, int count)
{
    const QList<QuizQuestion> pool = bank.questionsOf(track);
    if (pool.isEmpty())
        throw std::invalid_argument(
            QuizSheet::tr("The quiz has no questions for the track \"%1\".").arg(track).toStdString());
    PrintedQuiz quiz;
    quiz.track = track;
    quiz.title = QuizPage::trackTitle(track);
    quiz.seed = seed;
    const QList<QuizQuestion> sitting = drawSitting(pool, seed, count);
    for (const QuizQuestion& q : sitting) {
        PrintedQuestion p;
        p.number = static_cast<int>(quiz.questions.size()) + 1;
        p.id = q.id;
        p.kind = q.kind;
        p.prompt = q.prompt;
        p.choices = q.choices;
        if (q.kind == QuizQuestion::Kind::TrueFalse) { // the words the Quiz page answers with
            QuizAnswer yes, no;
            yes.truth = true;
            p.choices = {answerText(q, yes), answerText(q, no)};
        }
        p.unit = q.unit;
        p.explanation = q.explanation;
        if (q.kind == QuizQuestion::Kind::Choice)
            p.answer = QuizSheet::tr("%1: %2").arg(choiceLetter(q.correctChoice), correctAnswerText(q));
        else if (q.kind == QuizQuestion::Kind::Number && q.tolerance > 0)
            //: A number answer and how far off still counts: "12.9 B (± 0.1)"
            p.answer = QuizSheet::tr("%1 (± %2)")
                           .arg(correctAnswerText(q),
                                QLocale().toString(q.tolerance, 'f', QLocale::FloatingPointShortest));
        else
            p.answer = correctAnswerText(q);
        quiz.questions.append(p);
    }
    return quiz;
}

QStringList questionLines(const PrintedQuestion& question)
{
    QStringList lines{QStringLiteral("%1. %2").arg(question.number).arg(question.prompt)};
    switch (question.kind) {
    case QuizQuestion::Kind::Choice:
        for (int i = 0; i < question.choices.size(); ++i)
            lines << QStringLiteral("%1  %2").arg(choiceLetter(i), question.choices[i]);
        break;
    case QuizQuestion::Kind::TrueFalse:
        lines << QStringLiteral("☐ %1   ☐ %2").arg(question.choices.value(0), question.choices.value(1));
        break;
    case QuizQuestion::Kind::Number:
        lines << (QuizSheet::tr("Answer:") + QStringLiteral(" ________ ") + question.unit).trimmed();
        break;
    }
    return lines;
}

QString answerKeyLine(const PrintedQuestion& question)
{
    return QStringLiteral("%1. %2").arg(question.number).arg(question.answer);
}

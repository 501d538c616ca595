// Quiz questions as data (resources/quiz/quiz.<language>.json, format in docs/content-format.md),
// checked at load: every question has exactly one correct answer and an explanation. The same
// struct carries the live questions the app builds from a trace (live_questions.h).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

struct QuizQuestion {
    enum class Kind { Choice, TrueFalse, Number };

    QString id;
    QString track; // explorer, builder, creator; "live" for questions made from a trace
    Kind kind = Kind::Choice;
    int level = 1; // 1..3
    QString objective, prompt, explanation;

    QStringList choices;       // Choice: 2..6 distinct options
    int correctChoice = -1;    // Choice: index into choices
    bool correctTruth = false; // TrueFalse
    double correctNumber = 0;  // Number: right when |given - correctNumber| <= tolerance
    double tolerance = 0;
    QString unit; // Number: shown after the answer box, may be empty
    // Ids of questions whose answer this one's prompt gives away ("2 of the 8 experts wake up"
    // answers "how many wake up?"): a sitting never holds both (drawSitting).
    QStringList reveals;

    // Teaching aids, all optional in the file (the shipped files have them all):
    QString hint; // shown before answering on request; points the way without giving the answer
    // Choice: why each wrong choice is tempting and why it is wrong, parallel to `choices`, empty
    // at the right one; an empty list when the file gives none.
    QStringList choiceFeedback;
    QString wrongFeedback; // TrueFalse: why the wrong verdict tempts; Number: the usual wrong path
    QString lessonId;      // the lesson step that teaches this question ("Review this step")
    int lessonStep = -1;   // 0-based; -1 with an empty lessonId
};

// What the learner gave. Only the field for the question's kind is read.
struct QuizAnswer {
    int choice = -1;
    bool truth = false;
    double number = 0;
};

bool isCorrect(const QuizQuestion& question, const QuizAnswer& answer);
// Why this wrong answer tempts and where it goes wrong (the question's feedback for it); empty for
// a right answer or when the file gives none.
QString feedbackFor(const QuizQuestion& question, const QuizAnswer& answer);
// The right answer in words, for feedback ("12.9B", "False", "5.5 %"); translated via tr().
QString correctAnswerText(const QuizQuestion& question);
// The learner's answer in words, for the review of mistakes.
QString answerText(const QuizQuestion& question, const QuizAnswer& answer);

struct QuizBank {
    QString language;
    QList<QuizQuestion> questions; // file order

    QList<QuizQuestion> questionsOf(const QString& track) const;
    // Whether one of the two gives the other's answer away (either names the other in reveals).
    static bool giveAway(const QuizQuestion& a, const QuizQuestion& b);
    const QuizQuestion* question(const QString& id) const; // nullptr when absent
};

// Reads and checks one quiz file; broken questions are left out with a message naming the file,
// the question (index and id) and the field. Never throws.
QuizBank loadQuizBank(const QString& path, QStringList* errors = nullptr);

// The questions for a language from the resources (":/quiz/quiz.<language>.json"), completed from
// English for any question missing or broken in the translation.
QuizBank loadQuizFor(const QString& language, QStringList* errors = nullptr);

// One sitting: up to `count` questions of `pool` in an order shuffled by `seed`, never two that give
// each other's answer away (QuizBank::giveAway). The same seed gives the same sitting. Questions
// whose id is in `comeBack` (missed last time) are taken first, so missed objectives return.
QList<QuizQuestion> drawSitting(QList<QuizQuestion> pool, uint32_t seed, int count,
                                const QStringList& comeBack = {});

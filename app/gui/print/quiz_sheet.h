// A quiz sitting as a printed test, before anything is drawn: the questions drawSitting() gives for
// a track and a seed (the same sitting the Quiz page asks with that seed), numbered, with lettered
// choices, and the answer key from the bank's right answers and explanations.
#pragma once

#include "learn/quiz_bank.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

struct PrintedQuestion {
    int number = 0; // 1-based, as printed
    QString id;
    QuizQuestion::Kind kind = QuizQuestion::Kind::Choice;
    QString prompt;
    QStringList choices; // Choice: the options in the bank's order, lettered A, B, C …;
                         // TrueFalse: the two boxes' words, "True" and "False" (answerText)
    QString unit;        // Number: written after the answer line
    QString answer;      // the answer key's entry: "B: Two experts", "True", "8 experts"
    QString explanation;
};

struct PrintedQuiz {
    QString track, title; // "explorer", "Explorer"
    uint32_t seed = 0;
    QList<PrintedQuestion> questions;
};

// The tracks a test can be printed for: the Quiz page's tracks (QuizPage::trackIds) but "live",
// whose questions come from a run, not from the bank.
QStringList printableTracks();

// A new test's number when none is asked for: 0 to kLastNewTestNumber, short enough to read off a
// page and to type into the print dialog.
constexpr int kLastNewTestNumber = 999999;
uint32_t newTestNumber();

// "A", "B" … for choice 0, 1 …
QString choiceLetter(int index);

// The test for `track` (explorer, builder or creator): up to `count` questions of the bank drawn
// with `seed`. Throws std::invalid_argument naming the track when it has no questions.
PrintedQuiz makePrintedQuiz(const QuizBank& bank, const QString& track, uint32_t seed, int count = 10);

// The lines of one question as the test prints them: "3. prompt", then one line per choice
// ("A  choice"), the true/false boxes ("☐ True   ☐ False") or the number line ("Answer: ____ unit").
QStringList questionLines(const PrintedQuestion& question);
// The answer key's line for a question: "3. B: choice".
QString answerKeyLine(const PrintedQuestion& question);

// Is the model's answer to an arithmetic prompt right? The experiments panel uses this to tell a
// learner whether switching an expert off broke the arithmetic. Grading only: the model's own
// output is what is graded, with the corpus's exact-match rule (moe::isCorrectContinuation).
#pragma once

#include <QString>
#include <optional>

struct AnswerCheck {
    QString question; // e.g. "23 + 45"
    qint64 expected = 0;
    QString written; // the model's answer as written (first line, trimmed)
    bool correct = false;
};

// std::nullopt unless the prompt is "A + B =", "A - B =" or "A x B =" (also * and ×), with
// whole numbers below a million.
std::optional<AnswerCheck> checkArithmeticAnswer(const QString& prompt, const QString& continuation);

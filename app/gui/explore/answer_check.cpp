#include "explore/answer_check.h"

#include "moe/math_problems.h"

#include <QRegularExpression>

std::optional<AnswerCheck> checkArithmeticAnswer(const QString& prompt, const QString& continuation)
{
    static const QRegularExpression pattern(
        QStringLiteral("^\\s*(\\d{1,6})\\s*([-+x*\\x{00D7}])\\s*(\\d{1,6})\\s*=\\s*$"));
    const QRegularExpressionMatch match = pattern.match(prompt);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 a = match.captured(1).toLongLong(), b = match.captured(3).toLongLong();
    const QString op = match.captured(2);
    AnswerCheck check;
    moe::MathProblem problem;
    if (op == QLatin1String("+")) {
        check.expected = a + b;
        problem.kind = moe::MathKind::Add;
    } else if (op == QLatin1String("-")) {
        check.expected = a - b;
        problem.kind = moe::MathKind::Sub;
    } else {
        check.expected = a * b;
        problem.kind = moe::MathKind::Times;
    }
    check.question = QStringLiteral("%1 %2 %3").arg(a).arg(op).arg(b);
    check.written = continuation.section(QLatin1Char('\n'), 0, 0).trimmed();
    problem.prompt = prompt.trimmed().toStdString();
    problem.answer = std::to_string(check.expected);
    check.correct = moe::isCorrectContinuation(problem, continuation.toStdString());
    return check;
}

#include "print/quiz_pdf.h"

#include "print/pdf_pages.h"

#include <QCoreApplication>

namespace {
struct QuizPdf { // the translation context of this file's strings
    Q_DECLARE_TR_FUNCTIONS(QuizPdf)
};

constexpr double kNumberWidth = 10; // mm, the column of question numbers
constexpr double kBox = 4.5;        // mm, a box to tick

void tickBox(PdfPages& pages, double x, double y)
{
    QPainter& p = pages.painter();
    p.setPen(QPen(PrintStyle::kInk, pages.px(0.35)));
    p.setBrush(Qt::NoBrush);
    p.drawRect(pages.px(QRectF(x, y, kBox, kBox)));
}

// One question at y; returns its height. With draw false it only measures (to keep it on one page).
double drawQuestion(PdfPages& pages, const PrintedQuestion& q, double y, bool draw)
{
    const double x = pages.left() + kNumberWidth;
    const double w = pages.width() - kNumberWidth;
    const QFont bold = pages.font(PrintStyle::kBodyPt, true);
    const QFont body = pages.font(PrintStyle::kBodyPt);
    const double top = y;
    if (draw)
        pages.text(pages.left(), y, kNumberWidth, QStringLiteral("%1.").arg(q.number), bold);
    y += pages.text(x, y, w, q.prompt, bold, PrintStyle::kInk, Qt::AlignLeft, draw) + 2;
    switch (q.kind) {
    case QuizQuestion::Kind::Choice:
        for (int i = 0; i < q.choices.size(); ++i) {
            if (draw) {
                tickBox(pages, x, y + 0.6);
                pages.text(x + kBox + 2, y, 6, choiceLetter(i), bold);
            }
            y += pages.text(x + kBox + 8, y, w - kBox - 8, q.choices[i], body, PrintStyle::kInk,
                            Qt::AlignLeft, draw) +
                 1.5;
        }
        break;
    case QuizQuestion::Kind::TrueFalse: {
        const QString truth = q.choices.value(0), falsehood = q.choices.value(1);
        if (draw) {
            tickBox(pages, x, y + 0.6);
            pages.text(x + kBox + 2, y, 40, truth, body);
            const double second = x + kBox + 2 + pages.textWidth(truth, body) + 12;
            tickBox(pages, second, y + 0.6);
            pages.text(second + kBox + 2, y, 40, falsehood, body);
        }
        y += pages.textHeight(w, truth, body) + 1.5;
        break;
    }
    case QuizQuestion::Kind::Number: {
        const QString label = QuizPdf::tr("Answer:");
        const double lineStart = x + pages.textWidth(label, body) + 2;
        constexpr double kLine = 40;
        const double h = pages.textHeight(w, label, body);
        if (draw) {
            pages.writeOnLine(x, y + 2, lineStart - x + kLine, label);
            if (!q.unit.isEmpty())
                pages.text(lineStart + kLine + 2, y + 2, w, q.unit, body);
        }
        y += h + 3.5;
        break;
    }
    }
    return y - top;
}

// One entry of the answer key; returns its height (measures only with draw false).
double drawKeyEntry(PdfPages& pages, const PrintedQuestion& q, double y, bool draw)
{
    const double x = pages.left() + kNumberWidth;
    const double w = pages.width() - kNumberWidth;
    const QFont bold = pages.font(PrintStyle::kBodyPt, true);
    const double top = y;
    if (draw)
        pages.text(pages.left(), y, kNumberWidth, QStringLiteral("%1.").arg(q.number), bold);
    y += pages.text(x, y, w, q.answer, bold, PrintStyle::kAccent, Qt::AlignLeft, draw) + 0.8;
    y += pages.text(x, y, w, q.explanation, pages.font(PrintStyle::kBodyPt - 2), PrintStyle::kGrey,
                    Qt::AlignLeft, draw);
    return y - top;
}

// Blocks one under the other, a new page when the next does not fit whole.
template <typename Draw>
void flow(PdfPages& pages, const QList<PrintedQuestion>& questions, double y, Draw draw)
{
    for (const PrintedQuestion& q : questions) {
        const double h = draw(pages, q, y, false);
        if (y + h > pages.bottom() && y > pages.top() + 1) {
            pages.newPage();
            y = pages.top();
        }
        y += draw(pages, q, y, true) + 5;
    }
}
} // namespace

int writeQuizPdf(const PrintedQuiz& quiz, const QString& path)
{
    const QString footer =
        QuizPdf::tr("Tiny Experts · %1 quiz · test number %2").arg(quiz.title).arg(quiz.seed);
    PdfPages pages(path, QuizPdf::tr("Quiz: %1").arg(quiz.title), footer);
    double y = pages.top();
    y += pages.text(pages.left(), y, pages.width(), QuizPdf::tr("Quiz: %1").arg(quiz.title),
                    pages.font(PrintStyle::kTitlePt, true));
    y += 4;
    const double w = pages.width();
    pages.writeOnLine(pages.left(), y, w * 0.5 - 6, QuizPdf::tr("Name:"));
    pages.writeOnLine(pages.left() + w * 0.5, y, w * 0.25 - 6, QuizPdf::tr("Class:"));
    pages.writeOnLine(pages.left() + w * 0.75, y, w * 0.25, QuizPdf::tr("Date:"));
    y += 11;
    y += pages.text(pages.left(), y, w,
                    QuizPdf::tr("Tick one box for each question. Write number answers on the line."),
                    pages.font(PrintStyle::kBodyPt));
    y += 6;
    flow(pages, quiz.questions, y, drawQuestion);

    pages.newPage();
    y = pages.top();
    y += pages.text(pages.left(), y, w, QuizPdf::tr("Answer key: %1").arg(quiz.title),
                    pages.font(PrintStyle::kTitlePt, true));
    y += 1;
    y += pages.text(
        pages.left(), y, w,
        QuizPdf::tr("For the teacher: the right answers of test number %1, and why.").arg(quiz.seed),
        pages.font(PrintStyle::kSmallPt + 1), PrintStyle::kGrey);
    y += 5;
    flow(pages, quiz.questions, y, drawKeyEntry);
    pages.finish();
    return pages.pageCount();
}

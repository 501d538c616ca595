#include "quiz/feedback_panel.h"

#include "quiz/quiz_style.h"

#include <QPainter>

#include <algorithm>

FeedbackPanel::FeedbackPanel(QWidget* parent) : QFrame(parent) {}

void FeedbackPanel::setCorrect(bool correct)
{
    m_correct = correct;
    update();
}

void FeedbackPanel::paintEvent(QPaintEvent* /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const double radius = fontMetrics().height() * 0.4;
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(Qt::NoPen);
    p.setBrush(QuizStyle::feedbackTint(m_correct, palette()));
    p.drawRoundedRect(r, radius, radius);
    // The bar follows the panel's rounded corners on the left.
    const double bar = std::max(3.0, fontMetrics().height() * 0.22);
    p.setBrush(QuizStyle::feedbackColor(m_correct, palette()));
    p.setClipRect(QRectF(r.left(), r.top(), bar, r.height()));
    p.drawRoundedRect(r, radius, radius);
}

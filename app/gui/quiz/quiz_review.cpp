// The review screen: the score and the buttons first (what the learner wants to know and do), the
// mistakes below, each on a panel like the one the feedback was shown on.
#include "quiz/quiz_review.h"

#include "lessons/lesson_text.h"
#include "quiz/feedback_panel.h"
#include "quiz/quiz_style.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

QuizReview::QuizReview(QWidget* parent) : QuizScreen(parent)
{
    setAccessibleName(tr("Quiz results"));
    m_column = new QWidget(this);
    m_track = QuizStyle::label(m_column, 1.1, false);
    m_track->setObjectName(QStringLiteral("trackTitle"));
    m_track->setForegroundRole(QPalette::PlaceholderText);
    m_score = QuizStyle::label(m_column, 2.4, true);
    m_score->setObjectName(QStringLiteral("scoreText"));
    m_best = QuizStyle::label(m_column, 1.3, true);
    m_best->setObjectName(QStringLiteral("bestText"));
    m_saveError = QuizStyle::label(m_column, 1.0, false);
    m_saveError->setObjectName(QStringLiteral("saveError"));
    m_saveError->hide();

    m_tryAgain = QuizStyle::button(m_column, tr("Try again"), QStringLiteral("tryAgainButton"),
                                   tr("Try again"), tr("The same track again, in a new order"), true);
    connect(m_tryAgain, &QPushButton::clicked, this, &QuizReview::tryAgainRequested);
    m_chooseTrack =
        QuizStyle::button(m_column, tr("Choose another track"), QStringLiteral("chooseTrackButton"),
                          tr("Choose another track"), tr("Back to the list of tracks"), false);
    connect(m_chooseTrack, &QPushButton::clicked, this, &QuizReview::chooseTrackRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_tryAgain);
    buttons->addWidget(m_chooseTrack);
    buttons->addStretch(1);

    m_reviewHeading = QuizStyle::label(m_column, 1.4, true);
    m_reviewHeading->setObjectName(QStringLiteral("reviewHeading"));
    m_mistakeLayout = new QVBoxLayout;
    m_mistakeLayout->setSpacing(fontMetrics().height());

    auto* column = new QVBoxLayout(m_column);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(fontMetrics().height() / 2);
    column->addWidget(m_track);
    column->addWidget(m_score);
    column->addWidget(m_best);
    column->addWidget(m_saveError);
    column->addSpacing(fontMetrics().height() / 2);
    column->addLayout(buttons);
    column->addSpacing(fontMetrics().height());
    column->addWidget(m_reviewHeading);
    column->addLayout(m_mistakeLayout);
    column->addStretch(1);

    QuizStyle::centreColumn(this, m_column, fontMetrics().height() * 3 / 2);

    QuizStyle::applyFonts(this);
    updateWidths();
}

void QuizReview::showSummary(const Summary& summary)
{
    clearMistakes();
    m_newBest = summary.newBest;
    m_track->setText(summary.trackTitle);
    m_score->setText(tr("You got %1 of %2").arg(summary.score).arg(summary.total));
    m_score->setAccessibleName(m_score->text());
    m_best->setText(summary.bestText);
    m_best->setAccessibleName(summary.bestText);
    m_best->setVisible(!summary.bestText.isEmpty());
    m_saveError->setText(summary.saveError.isEmpty()
                             ? QString()
                             : tr("Your score could not be saved: %1").arg(summary.saveError));
    m_saveError->setAccessibleName(m_saveError->text());
    m_saveError->setVisible(!summary.saveError.isEmpty());

    m_reviewHeading->setText(summary.mistakes.isEmpty() ? tr("No mistakes. Well done!")
                                                        : tr("Your mistakes, %n to look at again", nullptr,
                                                             static_cast<int>(summary.mistakes.size())));
    m_reviewHeading->setAccessibleName(m_reviewHeading->text());

    int index = 0;
    for (const QuizSession::Mistake& mistake : summary.mistakes) {
        ++index;
        auto* panel = new FeedbackPanel(m_column);
        panel->setCorrect(false);
        panel->setObjectName(QStringLiteral("mistake%1").arg(index));
        auto* layout = new QVBoxLayout(panel);
        const int pad = fontMetrics().height();
        layout->setContentsMargins(pad * 3 / 2, pad * 3 / 4, pad, pad * 3 / 4);
        QLabel* question = QuizStyle::label(panel, 1.2, true, Qt::RichText);
        question->setObjectName(QStringLiteral("question"));
        question->setText(lessonTextToHtml(mistake.question.prompt));
        question->setAccessibleName(
            tr("Question %1: %2").arg(index).arg(lessonTextToPlain(mistake.question.prompt)));
        QLabel* given = QuizStyle::label(panel, 1.1, false);
        given->setObjectName(QStringLiteral("yourAnswer"));
        given->setText(
            tr("✘ Your answer: %1").arg(lessonTextToPlain(answerText(mistake.question, mistake.given))));
        QLabel* right = QuizStyle::label(panel, 1.1, true);
        right->setObjectName(QStringLiteral("rightAnswer"));
        right->setText(tr("✔ The answer: %1").arg(lessonTextToPlain(correctAnswerText(mistake.question))));
        QLabel* explanation = QuizStyle::label(panel, 1.05, false, Qt::RichText);
        explanation->setObjectName(QStringLiteral("explanation"));
        explanation->setText(lessonTextToHtml(mistake.question.explanation));
        explanation->setAccessibleName(lessonTextToPlain(mistake.question.explanation));
        layout->addWidget(question);
        layout->addWidget(given);
        layout->addWidget(right);
        layout->addWidget(explanation);
        m_mistakeLayout->addWidget(panel);
        panel->show(); // a child added to a visible widget stays hidden until shown
        m_mistakeWidgets << panel;
    }
    QuizStyle::applyFonts(this);
    updateColours();
    m_tryAgain->setFocus(Qt::OtherFocusReason);
    const QString announcement =
        summary.bestText.isEmpty() ? m_score->text() : tr("%1. %2").arg(m_score->text(), summary.bestText);
    QuizStyle::announce(m_score, m_score->text(), announcement);
}

QString QuizReview::scoreText() const
{
    return m_score->text();
}

QString QuizReview::bestText() const
{
    return m_best->text();
}

void QuizReview::clearMistakes()
{
    // Deleted at once: nothing on this screen is handling an event while a summary is shown.
    qDeleteAll(m_mistakeWidgets);
    m_mistakeWidgets.clear();
}

void QuizReview::updateColours()
{
    // A new best is good news: the "right" colour, with the words saying it too.
    QPalette p = palette();
    if (m_newBest)
        p.setColor(QPalette::WindowText, QuizStyle::feedbackColor(true, palette()));
    m_best->setPalette(p);
    QPalette wrong = palette();
    wrong.setColor(QPalette::WindowText, QuizStyle::feedbackColor(false, palette()));
    m_saveError->setPalette(wrong);
    QPalette right = palette();
    right.setColor(QPalette::WindowText, QuizStyle::feedbackColor(true, palette()));
    for (QWidget* panel : std::as_const(m_mistakeWidgets)) {
        if (auto* given = panel->findChild<QLabel*>(QStringLiteral("yourAnswer")))
            given->setPalette(wrong);
        if (auto* answer = panel->findChild<QLabel*>(QStringLiteral("rightAnswer")))
            answer->setPalette(right);
    }
}

void QuizReview::updateWidths()
{
    // As wide as the question card's column: readable lines on a wide screen.
    m_column->setMaximumWidth(fontMetrics().averageCharWidth() * 110);
}

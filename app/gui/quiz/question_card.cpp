// The question card: one centred column (the counter and score, the prompt, the answers, a hint,
// the feedback, the buttons) kept to a readable width on wide screens.
#include "quiz/question_card.h"

#include "lessons/lesson_text.h"
#include "quiz/feedback_panel.h"
#include "quiz/quiz_style.h"
#include "style/wrapped_button_text.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

QString choiceLabel(int index, const QString& text)
{
    return QuestionCard::tr("%1.  %2", "a choice: its key number and its text").arg(index + 1).arg(text);
}

// "<b>Hint:</b> …" (a translated template with %1) as the first paragraph of `text`: the label
// joins the text's first line instead of standing on a line of its own.
QString labelledText(const QString& labelTemplate, const QString& text)
{
    QString html = lessonTextToHtml(text);
    if (html.startsWith(QLatin1String("<p>")))
        html.remove(0, 3);
    return QStringLiteral("<p>") + labelTemplate.arg(html);
}

} // namespace

QuestionCard::QuestionCard(QWidget* parent) : QuizScreen(parent)
{
    setAccessibleName(tr("Quiz question"));

    m_track = QuizStyle::label(this, 1.0, false);
    m_track->setObjectName(QStringLiteral("trackTitle"));
    m_track->setWordWrap(false);
    m_track->setForegroundRole(QPalette::PlaceholderText);
    m_counter = QuizStyle::label(this, 1.15, true);
    m_counter->setObjectName(QStringLiteral("questionCounter"));
    m_counter->setWordWrap(false);
    m_score = QuizStyle::label(this, 1.15, false);
    m_score->setObjectName(QStringLiteral("scoreLabel"));
    m_score->setWordWrap(false);
    m_stopButton = new QPushButton(tr("Stop quiz"), this);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setAccessibleName(tr("Stop quiz"));
    m_stopButton->setToolTip(tr("Back to the tracks. This try is not scored."));
    m_stopButton->setAutoDefault(true); // Enter on a focused button presses it
    connect(m_stopButton, &QPushButton::clicked, this, &QuestionCard::stopRequested);

    auto* header = new QHBoxLayout;
    header->addWidget(m_counter);
    header->addSpacing(fontMetrics().averageCharWidth() * 2);
    header->addWidget(m_track);
    header->addStretch(1);
    header->addWidget(m_score);
    header->addSpacing(fontMetrics().averageCharWidth() * 2);
    auto* glossary = new QPushButton(tr("Glossary"), this);
    glossary->setObjectName(QStringLiteral("glossaryButton"));
    glossary->setToolTip(tr("What the words mean: token, router, gate, expert …"));
    glossary->setAccessibleName(tr("Open the glossary"));
    glossary->setAutoDefault(true);
    connect(glossary, &QPushButton::clicked, this, &QuestionCard::glossaryRequested);
    header->addWidget(glossary);
    header->addWidget(m_stopButton);

    m_column = new QWidget(this);
    m_prompt = QuizStyle::label(m_column, 1.6, true, Qt::RichText);
    m_prompt->setObjectName(QStringLiteral("prompt"));
    m_prompt->setTextInteractionFlags(Qt::NoTextInteraction);

    m_answerArea = new QWidget(m_column);
    m_answerArea->setObjectName(QStringLiteral("answers"));
    m_answerLayout = new QVBoxLayout(m_answerArea);
    m_answerLayout->setContentsMargins(0, 0, 0, 0);
    m_group = new QButtonGroup(this);
    m_group->setExclusive(true);
    // One set of answer widgets, shown as each question needs: no widget is created or deleted
    // while the learner is using the page (nothing to show late, nothing deleted under a key press).
    for (int i = 0; i < kMaxChoices; ++i) {
        auto* b = new QRadioButton(m_answerArea);
        b->setObjectName(QStringLiteral("choice%1").arg(i + 1));
        b->setAccessibleName(tr("Choice %1").arg(i + 1)); // replaced by the choice's text when shown
        b->setFocusPolicy(Qt::StrongFocus);
        QuizStyle::setFontFactor(b, 1.3, false);
        b->installEventFilter(this);
        b->hide();
        m_group->addButton(b, i);
        m_answerLayout->addWidget(b);
        m_allChoices << b;
    }
    m_numberRow = new QWidget(m_answerArea);
    auto* numberLayout = new QHBoxLayout(m_numberRow);
    numberLayout->setContentsMargins(0, 0, 0, 0);
    m_number = new QLineEdit(m_numberRow);
    m_number->setObjectName(QStringLiteral("numberEdit"));
    m_number->setAccessibleName(tr("Your answer"));
    QuizStyle::setFontFactor(m_number, 1.4, false);
    numberLayout->addWidget(m_number);
    m_unit = QuizStyle::label(m_numberRow, 1.4, false);
    m_unit->setObjectName(QStringLiteral("unitLabel"));
    m_unit->setWordWrap(false);
    m_unit->setBuddy(m_number);
    numberLayout->addWidget(m_unit);
    numberLayout->addStretch(1);
    m_answerLayout->addWidget(m_numberRow);
    m_numberRow->hide();

    m_hint = QuizStyle::label(m_column, 1.0, false);
    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_tip = QuizStyle::label(m_column, 1.15, false, Qt::RichText);
    m_tip->setObjectName(QStringLiteral("tip"));
    m_tip->hide();

    m_feedbackPanel = new FeedbackPanel(m_column);
    m_feedbackPanel->setObjectName(QStringLiteral("feedbackPanel"));
    m_feedback = QuizStyle::label(m_feedbackPanel, 1.45, true);
    m_feedback->setObjectName(QStringLiteral("feedback"));
    m_whyWrong = QuizStyle::label(m_feedbackPanel, 1.15, false, Qt::RichText);
    m_whyWrong->setObjectName(QStringLiteral("whyWrong"));
    m_explanation = QuizStyle::label(m_feedbackPanel, 1.15, false, Qt::RichText);
    m_explanation->setObjectName(QStringLiteral("explanation"));
    m_reviewButton = new QPushButton(m_feedbackPanel);
    m_reviewButton->setObjectName(QStringLiteral("reviewStepButton"));
    m_reviewButton->setAutoDefault(true);
    // Named before the first mistake names it after its step: a screen reader may list hidden controls.
    m_reviewButton->setAccessibleName(tr("Review this step"));
    QuizStyle::setFontFactor(m_reviewButton, 1.1, false);
    m_reviewButton->setToolTip(tr("Open the lesson step that teaches this; the quiz waits here."));
    connect(m_reviewButton, &QPushButton::clicked, this,
            [this] { emit lessonStepRequested(m_question.lessonId, m_question.lessonStep); });
    auto* feedbackLayout = new QVBoxLayout(m_feedbackPanel);
    const int pad = fontMetrics().height();
    feedbackLayout->setContentsMargins(pad * 3 / 2, pad * 3 / 4, pad, pad * 3 / 4);
    feedbackLayout->addWidget(m_feedback);
    feedbackLayout->addWidget(m_whyWrong);
    feedbackLayout->addWidget(m_explanation);
    feedbackLayout->addWidget(m_reviewButton, 0, Qt::AlignLeft);
    m_feedbackPanel->hide();

    m_checkButton = QuizStyle::button(m_column, tr("Check"), QStringLiteral("checkButton"),
                                      tr("Check my answer"), tr("Check your answer (Enter)"), true);
    connect(m_checkButton, &QPushButton::clicked, this, &QuestionCard::checkRequested);
    m_nextButton = QuizStyle::button(m_column, tr("Next question"), QStringLiteral("nextButton"),
                                     tr("Next question"), tr("Go on (Enter)"), true);
    connect(m_nextButton, &QPushButton::clicked, this, &QuestionCard::nextRequested);
    m_nextButton->hide();
    m_tipButton = QuizStyle::button(m_column, tr("Show a hint"), QStringLiteral("tipButton"),
                                    tr("Show a hint"), tr("A nudge in the right direction (H)"), false);
    connect(m_tipButton, &QPushButton::clicked, this, &QuestionCard::showTip);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_checkButton);
    buttons->addWidget(m_tipButton);
    buttons->addWidget(m_nextButton);
    buttons->addStretch(1);

    auto* column = new QVBoxLayout(m_column);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(fontMetrics().height() * 3 / 4);
    column->addLayout(header);
    column->addSpacing(fontMetrics().height() / 2);
    column->addWidget(m_prompt);
    column->addSpacing(fontMetrics().height() / 2);
    column->addWidget(m_answerArea);
    column->addWidget(m_hint);
    column->addWidget(m_tip);
    column->addWidget(m_feedbackPanel);
    column->addLayout(buttons);
    column->addStretch(1);

    QVBoxLayout* layout = QuizStyle::centreColumn(this, m_column, fontMetrics().height() * 3 / 2, 1);
    layout->setSpacing(fontMetrics().height());

    // Tab follows the screen: Stop, the answers, Check, Next.
    QWidget* previous = m_stopButton;
    for (QRadioButton* b : std::as_const(m_allChoices)) {
        setTabOrder(previous, b);
        previous = b;
    }
    setTabOrder(previous, m_number);
    setTabOrder(m_number, m_checkButton);
    setTabOrder(m_checkButton, m_tipButton);
    setTabOrder(m_tipButton, m_nextButton);

    QuizStyle::applyFonts(this);
    updateWidths();
}

void QuestionCard::showQuestion(const QuizQuestion& question, const QString& trackTitle, int number,
                                int total, int score)
{
    m_question = question;
    m_position = number;
    m_hasFeedback = false;
    m_track->setText(trackTitle);
    m_counter->setText(tr("Question %1 of %2").arg(number).arg(total));
    m_counter->setAccessibleName(m_counter->text());
    updateScore(score, number - 1);
    m_prompt->setText(lessonTextToHtml(question.prompt));
    m_prompt->setAccessibleName(lessonTextToPlain(question.prompt));

    clearAnswerWidgets();
    switch (question.kind) {
    case QuizQuestion::Kind::Choice: {
        QStringList texts;
        for (const QString& c : question.choices)
            texts << lessonTextToPlain(c);
        buildChoices(texts);
        m_hint->setText(tr("Press 1 to %1 or use the arrow keys to pick, then Enter to check.")
                            .arg(question.choices.size()));
        break;
    }
    case QuizQuestion::Kind::TrueFalse:
        buildChoices({tr("True"), tr("False")});
        m_hint->setText(tr("Press 1 for True or 2 for False, then Enter to check."));
        break;
    case QuizQuestion::Kind::Number:
        buildNumberBox();
        m_hint->setText(tr("Type a number, then press Enter to check."));
        break;
    }
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->show();

    m_feedback->clear();
    m_feedback->setAccessibleName(QString());
    m_feedback->setAccessibleDescription(QString());
    m_explanation->clear();
    m_whyWrong->clear();
    m_feedbackPanel->hide();
    m_tip->clear();
    m_tip->hide();
    m_tipButton->setVisible(!question.hint.isEmpty());
    m_tipButton->setEnabled(true);
    m_checkButton->show();
    m_nextButton->hide();
    setLocked(false);
    QuizStyle::applyFonts(this);
    rewrapChoices(); // in the fonts just applied

    if (!m_choices.isEmpty())
        m_choices.front()->setFocus(Qt::OtherFocusReason);
    else if (m_numberRow->isVisibleTo(this))
        m_number->setFocus(Qt::OtherFocusReason);
}

void QuestionCard::showFeedback(const QuizSession::Feedback& feedback, int score, bool last)
{
    m_hasFeedback = true;
    m_lastCorrect = feedback.correct;
    const QString verdict =
        feedback.correct
            ? tr("✔ Right!")
            : tr("✘ Not quite. The right answer: %1").arg(lessonTextToPlain(feedback.correctAnswer));
    m_feedback->setText(verdict);
    m_whyWrong->setText(feedback.whyWrong.isEmpty()
                            ? QString()
                            : labelledText(tr("<b>Why it tempts:</b> %1"), feedback.whyWrong));
    m_whyWrong->setVisible(!feedback.whyWrong.isEmpty());
    m_explanation->setText(lessonTextToHtml(feedback.explanation));
    const QString lessonTitle =
        m_lessonTitle && !m_question.lessonId.isEmpty() ? m_lessonTitle(m_question.lessonId) : QString();
    m_reviewButton->setText(tr("Review this step: %1, step %2")
                                .arg(lessonTextToPlain(lessonTitle))
                                .arg(m_question.lessonStep + 1));
    m_reviewButton->setAccessibleName(m_reviewButton->text());
    m_reviewButton->setVisible(!feedback.correct && !lessonTitle.isEmpty());
    m_feedbackPanel->setCorrect(feedback.correct);
    m_feedbackPanel->show();
    updateColours();
    updateScore(score, m_position);
    setLocked(true);
    markChoices();
    m_hint->clear();
    m_hint->hide();
    m_tip->hide(); // the feedback says more now
    m_tipButton->hide();
    m_checkButton->hide();
    m_nextButton->setText(last ? tr("See my score") : tr("Next question"));
    m_nextButton->setAccessibleName(m_nextButton->text());
    m_nextButton->show();
    m_nextButton->setFocus(Qt::OtherFocusReason);
    QuizStyle::announce(m_feedback, verdict,
                        lessonTextToPlain(feedback.whyWrong.isEmpty()
                                              ? feedback.explanation
                                              : feedback.whyWrong + QLatin1Char(' ') + feedback.explanation));
}

void QuestionCard::showTip()
{
    if (m_locked || m_question.hint.isEmpty())
        return;
    m_tip->setText(labelledText(tr("<b>Hint:</b> %1"), m_question.hint));
    m_tip->show();
    m_tipButton->setEnabled(false);
    QuizStyle::announce(m_tip, lessonTextToPlain(tr("Hint: %1").arg(m_question.hint)));
    // The answer widgets keep the focus the learner had, so they can answer at once.
}

QString QuestionCard::tipText() const
{
    return m_tip->isVisibleTo(this) ? m_tip->text() : QString();
}

QString QuestionCard::whyWrongText() const
{
    return m_whyWrong->isVisibleTo(this) ? m_whyWrong->text() : QString();
}

QString QuestionCard::reviewStepText() const
{
    return m_reviewButton->isVisibleTo(this) ? m_reviewButton->text() : QString();
}

void QuestionCard::setLessonTitles(std::function<QString(const QString&)> titleOf)
{
    m_lessonTitle = std::move(titleOf);
}

std::optional<QuizAnswer> QuestionCard::answer()
{
    QuizAnswer given;
    switch (m_question.kind) {
    case QuizQuestion::Kind::Choice:
    case QuizQuestion::Kind::TrueFalse: {
        const int picked = selectedChoice();
        if (picked < 0) {
            m_hint->setText(tr("Pick an answer first."));
            m_hint->setForegroundRole(QPalette::WindowText);
            QuizStyle::announce(m_hint, m_hint->text());
            return std::nullopt;
        }
        given.choice = picked;
        given.truth = picked == 0;
        return given;
    }
    case QuizQuestion::Kind::Number: {
        const std::optional<double> value = parseNumber(m_number->text(), locale(), m_question.unit);
        if (!value) {
            m_hint->setText(tr("Type a number, like %1.").arg(locale().toString(2.5, 'g', 3)));
            m_hint->setForegroundRole(QPalette::WindowText);
            QuizStyle::announce(m_hint, m_hint->text());
            return std::nullopt;
        }
        given.number = *value;
        return given;
    }
    }
    return std::nullopt;
}

void QuestionCard::selectChoice(int index)
{
    if (m_locked || index < 0 || index >= m_choices.size())
        return;
    m_choices[index]->setChecked(true);
    m_choices[index]->setFocus(Qt::ShortcutFocusReason);
}

int QuestionCard::selectedChoice() const
{
    for (int i = 0; i < m_choices.size(); ++i)
        if (m_choices[i]->isChecked())
            return i;
    return -1;
}

QString QuestionCard::feedbackText() const
{
    return m_feedback->text();
}

QString QuestionCard::hintText() const
{
    return m_hint->text();
}

std::optional<double> QuestionCard::parseNumber(const QString& text, const QLocale& locale,
                                                const QString& unit)
{
    QString s = text.trimmed();
    if (!unit.isEmpty() && s.endsWith(unit, Qt::CaseInsensitive))
        s.chop(unit.size());
    s.remove(QLatin1Char(' '));
    s.remove(QChar(0x00A0)); // no-break spaces, as some locales group digits with them
    s.remove(QChar(0x202F));
    if (s.isEmpty())
        return std::nullopt;
    // Both the locale's decimal separator and '.' mean a decimal point; group separators are
    // refused rather than guessed ("1.500" is 1.5, never 1500).
    const QString decimal = locale.decimalPoint();
    if (decimal != QLatin1String("."))
        s.replace(decimal, QLatin1String("."));
    const QString minus = locale.negativeSign();
    if (minus != QLatin1String("-"))
        s.replace(minus, QLatin1String("-"));
    s.replace(QChar(0x2212), QLatin1Char('-')); // the typographic minus
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::RejectGroupSeparator);
    bool ok = false;
    const double value = c.toDouble(s, &ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

void QuestionCard::keyPressEvent(QKeyEvent* event)
{
    const int key = event->key();
    const bool plain = (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
    if (plain && key == Qt::Key_H && !m_locked) {
        showTip();
        event->accept();
        return;
    }
    if (plain && key >= Qt::Key_1 && key <= Qt::Key_6 && !m_locked && !m_choices.isEmpty()) {
        selectChoice(key - Qt::Key_1);
        event->accept();
        return;
    }
    if (plain && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
        // Reaches here from the answer widgets (radio buttons and the number box leave Enter to
        // their parent); a focused push button presses itself instead.
        if (m_locked)
            emit nextRequested();
        else
            emit checkRequested();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool QuestionCard::eventFilter(QObject* watched, QEvent* event)
{
    // Arrow keys move the choice, as in a native radio group, but also from "nothing picked yet"
    // and wrapping around at the ends.
    if (event->type() == QEvent::KeyPress && !m_locked) {
        const int at = static_cast<int>(m_choices.indexOf(qobject_cast<QRadioButton*>(watched)));
        const auto* key = static_cast<QKeyEvent*>(event);
        if (at >= 0 && (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
            int step = 0;
            if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Right)
                step = 1;
            else if (key->key() == Qt::Key_Up || key->key() == Qt::Key_Left)
                step = -1;
            if (step != 0) {
                const int n = static_cast<int>(m_choices.size());
                const int from = selectedChoice() < 0 ? (step > 0 ? -1 : n) : selectedChoice();
                selectChoice(((from + step) % n + n) % n);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QuestionCard::clearAnswerWidgets()
{
    // An exclusive group always keeps one button checked; let go of it to start with none.
    m_group->setExclusive(false);
    for (QRadioButton* b : std::as_const(m_allChoices)) {
        b->setChecked(false);
        b->setPalette(QPalette()); // the verdict colours of the last question
        b->hide();
    }
    m_group->setExclusive(true);
    m_choices.clear();
    m_number->clear();
    m_numberRow->hide();
}

void QuestionCard::setChoiceText(QRadioButton* button, const QString& text)
{
    setWrappedButtonText(button, text, std::min(m_column->width(), m_column->maximumWidth()));
}

void QuestionCard::resizeEvent(QResizeEvent* event)
{
    QuizScreen::resizeEvent(event);
    rewrapChoices();
}

void QuestionCard::rewrapChoices()
{
    for (QRadioButton* b : std::as_const(m_choices))
        setChoiceText(b, b->property("fullText").toString());
}

void QuestionCard::buildChoices(const QStringList& texts)
{
    for (int i = 0; i < texts.size() && i < kMaxChoices; ++i) {
        QRadioButton* b = m_allChoices[i];
        setChoiceText(b, choiceLabel(i, texts[i]));
        b->setAccessibleName(texts[i]);
        b->setAccessibleDescription(tr("Choice %1 of %2").arg(i + 1).arg(texts.size()));
        b->show();
        m_choices << b;
    }
}

void QuestionCard::buildNumberBox()
{
    m_number->setAccessibleDescription(
        m_question.unit.isEmpty() ? tr("A number") : tr("A number, in %1").arg(m_question.unit));
    m_number->setPlaceholderText(locale().toString(0.0, 'f', 1));
    m_unit->setText(m_question.unit);
    m_unit->setVisible(!m_question.unit.isEmpty());
    m_numberRow->show();
}

void QuestionCard::setLocked(bool locked)
{
    m_locked = locked;
    for (QRadioButton* b : std::as_const(m_choices))
        b->setEnabled(!locked);
    m_number->setReadOnly(locked);
}

void QuestionCard::markChoices()
{
    // After checking, the right choice and a wrong pick carry a mark, so the locked list itself
    // still says what was right (the marks are words for screen readers too).
    const int right = rightChoice();
    const int picked = selectedChoice();
    for (int i = 0; i < m_choices.size(); ++i) {
        QRadioButton* b = m_choices[i];
        const QString plain = b->accessibleName();
        if (i == right) {
            setChoiceText(b, tr("%1  ✔", "a choice marked as the right answer").arg(choiceLabel(i, plain)));
            b->setAccessibleDescription(tr("The right answer"));
        } else if (i == picked) {
            setChoiceText(b, tr("%1  ✘", "a wrong choice the learner picked").arg(choiceLabel(i, plain)));
            b->setAccessibleDescription(tr("Your answer, not right"));
        }
    }
}

void QuestionCard::updateScore(int score, int answered)
{
    m_score->setText(answered == 0 ? tr("No answers yet") : tr("Score: %1 of %2").arg(score).arg(answered));
    m_score->setAccessibleName(m_score->text());
}

void QuestionCard::updateColours()
{
    // Locked choices stay readable: the right one and a wrong pick in the verdict colours (with
    // their ✔/✘), the others dimmed as Qt draws disabled buttons.
    const int right = rightChoice();
    const int picked = selectedChoice();
    for (int i = 0; i < m_choices.size(); ++i) {
        QRadioButton* b = m_choices[i];
        if (!m_hasFeedback || (i != right && i != picked)) {
            b->setPalette(QPalette());
            continue;
        }
        QPalette p = palette();
        p.setColor(QPalette::Disabled, QPalette::WindowText, QuizStyle::feedbackColor(i == right, palette()));
        b->setPalette(p);
    }
    if (!m_hasFeedback)
        return;
    QPalette p = palette();
    p.setColor(QPalette::WindowText, QuizStyle::feedbackColor(m_lastCorrect, palette()));
    m_feedback->setPalette(p);
    m_feedbackPanel->update();
}

int QuestionCard::rightChoice() const
{
    switch (m_question.kind) {
    case QuizQuestion::Kind::Choice:
        return m_question.correctChoice;
    case QuizQuestion::Kind::TrueFalse:
        return m_question.correctTruth ? 0 : 1;
    case QuizQuestion::Kind::Number:
        break;
    }
    return -1;
}

void QuestionCard::updateWidths()
{
    // About 70 characters of the prompt's big type per line: readable at 1600 wide, the full width
    // at 1024.
    m_column->setMaximumWidth(fontMetrics().averageCharWidth() * 110);
    m_number->setMaximumWidth(QFontMetrics(m_number->font()).averageCharWidth() * 14);
    rewrapChoices();
}

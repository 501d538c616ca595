// The lesson panel: a header (lesson, track, step n of m), the step in big type, its text and the
// guess box in a scroll area, and Back / Next at the bottom.
#include "lessons/lesson_panel.h"

#include "learn/progress_store.h"
#include "lessons/belief_box.h"
#include "lessons/chip_flow.h"
#include "lessons/expert_pick_button.h"
#include "lessons/lesson_text.h"
#include "lessons/model_note_label.h"
#include "run/trace_model.h"
#include "style/scaled_font.h"

#include <QAccessible>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int kExpertColumns = 4; // 8 experts: two rows of four

QLabel* wrappedLabel(QWidget* parent, const QString& objectName, Qt::TextFormat format = Qt::PlainText)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(format);
    return label;
}

} // namespace

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Lesson"));

    m_lessonTitle = wrappedLabel(this, QStringLiteral("lessonTitle"));
    m_trackLine = wrappedLabel(this, QStringLiteral("trackLine"));
    m_trackLine->setForegroundRole(QPalette::PlaceholderText);
    m_closeButton = new QPushButton(tr("Close lesson"), this);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->setToolTip(tr("Close the lesson; it will continue from this step next time"));
    m_closeButton->setAccessibleName(tr("Close lesson"));
    connect(m_closeButton, &QPushButton::clicked, this, &LessonPanel::closeLesson);

    m_stepCounter = new QLabel(this);
    m_stepCounter->setObjectName(QStringLiteral("stepCounter"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("stepProgress"));
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Lesson progress"));
    m_progress->setMaximumHeight(fontMetrics().height() * 3 / 4);

    m_stepTitle = wrappedLabel(this, QStringLiteral("stepTitle"));

    // The scrolling part: the step's text, then the guess box when the step asks for one.
    auto* content = new QWidget;
    m_stepText = wrappedLabel(content, QStringLiteral("stepText"), Qt::RichText);
    m_stepText->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_predictBox = new QFrame(content);
    m_predictBox->setObjectName(QStringLiteral("predictBox"));
    m_predictBox->setFrameShape(QFrame::StyledPanel);
    m_predictBox->setBackgroundRole(QPalette::Base);
    m_predictBox->setAutoFillBackground(true);
    m_question = wrappedLabel(m_predictBox, QStringLiteral("predictQuestion"), Qt::RichText);
    m_pickHint = wrappedLabel(m_predictBox, QStringLiteral("pickHint"));
    m_expertArea = new ChipFlow(kExpertColumns, m_predictBox);
    m_expertArea->setObjectName(QStringLiteral("experts"));
    m_checkButton = new QPushButton(tr("Check my guess"), m_predictBox);
    m_checkButton->setObjectName(QStringLiteral("checkButton"));
    m_checkButton->setAccessibleName(tr("Check my guess"));
    m_checkButton->setToolTip(
        tr("Let the model write the next token and see which experts its router chose"));
    connect(m_checkButton, &QPushButton::clicked, this, &LessonPanel::checkGuess);
    m_result = wrappedLabel(m_predictBox, QStringLiteral("predictResult"));
    m_result->setBackgroundRole(QPalette::AlternateBase);
    m_result->setAutoFillBackground(true);
    const int pad = fontMetrics().height() / 2;
    m_result->setContentsMargins(pad, pad, pad, pad);

    auto* predictLayout = new QVBoxLayout(m_predictBox);
    predictLayout->setSpacing(pad);
    predictLayout->setContentsMargins(pad * 2, pad * 2, pad * 2, pad * 2);
    predictLayout->addWidget(m_question);
    predictLayout->addWidget(m_pickHint);
    predictLayout->addWidget(m_expertArea);
    auto* checkRow = new QHBoxLayout;
    checkRow->addWidget(m_checkButton);
    checkRow->addStretch(1);
    predictLayout->addLayout(checkRow);
    predictLayout->addWidget(m_result);

    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, pad, 0);
    contentLayout->setSpacing(pad * 2);
    // The note scrolls with the step: a long one never squeezes the header of a narrow dock.
    m_modelNote = new ModelNoteLabel(content);
    contentLayout->addWidget(m_modelNote);
    contentLayout->addWidget(m_stepText);
    contentLayout->addWidget(m_predictBox);
    m_beliefBox = new BeliefBox(content);
    connect(m_beliefBox, &BeliefBox::saveFailed, this, [this](const QString& why) {
        m_saveError = why;
        updateHeader();
    });
    contentLayout->addWidget(m_beliefBox);
    contentLayout->addStretch(1);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("stepScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(content);
    m_scroll->setAccessibleName(tr("Step text"));

    m_saveErrorLabel = wrappedLabel(this, QStringLiteral("saveError"));
    m_saveErrorLabel->hide();

    m_backButton = new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack), tr("Back"), this);
    m_backButton->setObjectName(QStringLiteral("backButton"));
    m_backButton->setAccessibleName(tr("Previous step"));
    m_backButton->setToolTip(tr("Previous step (Alt+Left)"));
    connect(m_backButton, &QPushButton::clicked, this, &LessonPanel::previous);
    m_nextButton = new QPushButton(this);
    m_nextButton->setObjectName(QStringLiteral("nextButton"));
    m_nextButton->setLayoutDirection(Qt::RightToLeft); // the arrow after the word
    connect(m_nextButton, &QPushButton::clicked, this, &LessonPanel::next);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(pad);
    auto* headerRow = new QHBoxLayout;
    auto* titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(m_lessonTitle);
    titles->addWidget(m_trackLine);
    headerRow->addLayout(titles, 1);
    m_glossaryButton = new QPushButton(tr("Glossary"), this);
    m_glossaryButton->setObjectName(QStringLiteral("glossaryButton"));
    m_glossaryButton->setToolTip(tr("What the words mean: token, router, gate, expert …"));
    m_glossaryButton->setAccessibleName(tr("Open the glossary"));
    connect(m_glossaryButton, &QPushButton::clicked, this, &LessonPanel::glossaryRequested);
    headerRow->addWidget(m_closeButton, 0, Qt::AlignTop);
    layout->addLayout(headerRow);
    auto* counterRow = new QHBoxLayout;
    counterRow->addWidget(m_stepCounter);
    counterRow->addWidget(m_progress, 1);
    layout->addLayout(counterRow);
    layout->addWidget(m_stepTitle);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_saveErrorLabel);
    auto* navRow = new QHBoxLayout;
    navRow->addWidget(m_backButton);
    navRow->addStretch(1);
    navRow->addWidget(m_glossaryButton);
    navRow->addStretch(1);
    navRow->addWidget(m_nextButton);
    layout->addLayout(navRow);

    // Within the panel only, so the live page keeps its own keys (arrows step tokens there).
    const auto addShortcut = [this](QKeyCombination key, void (LessonPanel::*slot)()) {
        auto* shortcut = new QShortcut(QKeySequence(key), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    addShortcut(Qt::ALT | Qt::Key_Right, &LessonPanel::next);
    addShortcut(Qt::Key_PageDown, &LessonPanel::next);
    addShortcut(Qt::ALT | Qt::Key_Left, &LessonPanel::previous);
    addShortcut(Qt::Key_PageUp, &LessonPanel::previous);

    updateFonts();
    updateHeader();
    updatePrediction();
}

QSize LessonPanel::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 52, fontMetrics().height() * 34};
}

void LessonPanel::setBook(const LessonBook* book)
{
    m_book = book;
    if (!m_lesson)
        return;
    const Lesson* lesson = book ? book->lesson(m_lessonId) : nullptr;
    if (!lesson || lesson->steps.isEmpty()) {
        closeLesson();
        return;
    }
    m_lesson = lesson;
    m_step = std::min(m_step, static_cast<int>(lesson->steps.size()) - 1);
    updateHeader();
    updatePrediction();
}

void LessonPanel::setProgressStore(ProgressStore* store)
{
    m_store = store;
    m_beliefBox->setProgressStore(store);
}

QString LessonPanel::goalsText(const Lesson& lesson)
{
    QString text = QStringLiteral("<b>%1</b>").arg(tr("You will be able to:"));
    for (const QString& goal : lesson.goals)
        text += QStringLiteral("<br>• ") + goal;
    if (lesson.minutes > 0)
        text += QStringLiteral("<br><i>%1</i>").arg(tr("About %n minutes.", nullptr, lesson.minutes));
    return text;
}

void LessonPanel::setModelNote(const QString& note)
{
    m_modelNote->setNote(note);
}

QString LessonPanel::modelNote() const
{
    return m_modelNote->text();
}

void LessonPanel::setModelShape(int nLayer, int nExpert, int nExpertUsed)
{
    nLayer = std::max(0, nLayer);
    nExpert = std::max(0, nExpert);
    nExpertUsed = std::clamp(nExpertUsed, 0, nExpert);
    if (nLayer == m_nLayer && nExpert == m_nExpert && nExpertUsed == m_nExpertUsed)
        return;
    // Another model: earlier guesses and answers were about the old one.
    m_reveals.clear();
    m_pendingStep = -1;
    m_nLayer = nLayer;
    m_nExpertUsed = nExpertUsed;
    if (nExpert != m_nExpert) {
        m_nExpert = nExpert;
        rebuildExpertButtons();
    }
    updatePrediction();
}

bool LessonPanel::start(const QString& lessonId)
{
    const Lesson* lesson = m_book ? m_book->lesson(lessonId) : nullptr;
    if (!lesson || lesson->steps.isEmpty())
        return false;
    m_lesson = lesson;
    m_lessonId = lessonId;
    m_reveals.clear();
    const LessonProgress saved = m_store ? m_store->lesson(lessonId) : LessonProgress{};
    showStep(std::clamp(saved.step, 0, static_cast<int>(lesson->steps.size()) - 1));
    return true;
}

const LessonStep* LessonPanel::currentStepData() const
{
    if (!m_lesson || m_step < 0 || m_step >= m_lesson->steps.size())
        return nullptr;
    return &m_lesson->steps[m_step];
}

void LessonPanel::next()
{
    if (!m_lesson)
        return;
    if (m_step + 1 < m_lesson->steps.size()) {
        showStep(m_step + 1);
        return;
    }
    // Finished: done, and "again" starts from the beginning.
    if (m_store) {
        m_store->setLesson(m_lessonId, LessonProgress{0, true});
        m_store->setLastLesson(m_lessonId);
        QString error;
        m_saveError = m_store->save(&error) ? QString() : error;
        updateHeader();
    }
    emit finished(m_lessonId);
}

void LessonPanel::previous()
{
    if (m_lesson && m_step > 0)
        showStep(m_step - 1);
}

void LessonPanel::closeLesson()
{
    m_lesson = nullptr;
    m_lessonId.clear();
    m_step = -1;
    m_pendingStep = -1;
    m_reveals.clear();
    m_saveError.clear();
    updateHeader();
    updatePrediction();
    emit closed();
}

void LessonPanel::showStep(int index)
{
    m_step = index;
    m_pendingStep = -1;
    for (ExpertPickButton* button : m_expertButtons) { // a fresh guess on every step
        const QSignalBlocker block(button);
        button->setChecked(false);
    }
    saveProgress();
    updateHeader();
    updatePrediction();
    m_beliefBox->showBelief(m_lesson->steps[index].belief);
    m_scroll->verticalScrollBar()->setValue(0);
    const LessonStep step = m_lesson->steps[index]; // a copy: a receiver may replace the book
    emit stepEntered(step, index);
    announce(m_stepTitle);
    announce(m_stepText);
}

void LessonPanel::saveProgress()
{
    if (!m_store)
        return;
    const bool last = m_step == m_lesson->steps.size() - 1;
    const LessonProgress before = m_store->lesson(m_lessonId);
    m_store->setLesson(m_lessonId, LessonProgress{m_step, before.completed || last});
    m_store->setLastLesson(m_lessonId);
    QString error;
    m_saveError = m_store->save(&error) ? QString() : error;
}

void LessonPanel::updateHeader()
{
    const LessonStep* step = currentStepData();
    m_closeButton->setEnabled(step != nullptr);
    m_progress->setVisible(step != nullptr);
    if (!step) {
        m_lessonTitle->setText(tr("No lesson open"));
        m_trackLine->setText(tr("Pick a lesson on the Lessons page to start."));
        m_stepCounter->clear();
        m_stepTitle->clear();
        m_stepText->clear();
        m_backButton->setEnabled(false);
        m_nextButton->setEnabled(false);
        m_nextButton->setText(tr("Next"));
        m_nextButton->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
        m_saveErrorLabel->hide();
        return;
    }
    const int count = static_cast<int>(m_lesson->steps.size());
    const bool last = m_step == count - 1;
    m_lessonTitle->setText(m_lesson->title);
    const LessonTrack* track = m_book ? m_book->track(m_lesson->track) : nullptr;
    const QString trackTitle = track ? track->title : m_lesson->track;
    m_trackLine->setText(
        m_lesson->objective.isEmpty()
            ? tr("%1 track").arg(trackTitle)
            : tr("%1 track · Goal: %2").arg(trackTitle, lessonTextToPlain(m_lesson->objective)));
    m_stepCounter->setText(tr("Step %1 of %2").arg(m_step + 1).arg(count));
    m_progress->setRange(0, count);
    m_progress->setValue(m_step + 1);
    m_progress->setAccessibleDescription(m_stepCounter->text());

    const QString title = lessonTextToPlain(step->title);
    m_stepTitle->setText(title);
    m_stepTitle->setAccessibleName(
        tr("Step %1 of %2: %3").arg(QString::number(m_step + 1), QString::number(count), title));
    // The lesson's goals and time open its first step; its recap closes the last one.
    QString text = step->text;
    if (m_step == 0 && !m_lesson->goals.isEmpty())
        text = goalsText(*m_lesson) + QStringLiteral("\n\n") + text;
    if (last && !m_lesson->recap.isEmpty())
        text += QStringLiteral("\n\n<b>%1</b> %2").arg(tr("Recap:"), m_lesson->recap);
    m_stepText->setText(lessonTextToHtml(text));
    m_stepText->setAccessibleName(lessonTextToPlain(text));

    m_backButton->setEnabled(m_step > 0);
    m_nextButton->setEnabled(true);
    if (last) {
        m_nextButton->setText(tr("Finish"));
        m_nextButton->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
        m_nextButton->setAccessibleName(tr("Finish the lesson"));
        m_nextButton->setToolTip(tr("Finish the lesson (Alt+Right)"));
    } else {
        m_nextButton->setText(tr("Next"));
        m_nextButton->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
        m_nextButton->setAccessibleName(tr("Next step"));
        m_nextButton->setToolTip(tr("Next step (Alt+Right)"));
    }

    // Saving is best effort: the lesson goes on, the learner is told once per failure.
    m_saveErrorLabel->setVisible(!m_saveError.isEmpty());
    m_saveErrorLabel->setText(tr("⚠ Your progress could not be saved: %1").arg(m_saveError));
}

int LessonPanel::expertsToPick() const
{
    const LessonStep* step = currentStepData();
    if (m_nExpert <= 0)
        return 0;
    // A step that runs with its own top-k (an experiment) asks for that many.
    if (step && step->action.topK > 0)
        return std::min(step->action.topK, m_nExpert);
    return m_nExpertUsed;
}

QList<int> LessonPanel::pickedExperts() const
{
    QList<int> picked;
    for (const ExpertPickButton* button : m_expertButtons)
        if (button->isChecked())
            picked << button->expert();
    return picked;
}

QString LessonPanel::predictionResult() const
{
    const auto reveal = m_reveals.constFind(m_step);
    return reveal == m_reveals.constEnd() ? QString() : reveal->text;
}

void LessonPanel::rebuildExpertButtons()
{
    m_expertArea->setChips({});
    qDeleteAll(m_expertButtons);
    m_expertButtons.clear();
    for (int e = 0; e < m_nExpert; ++e) {
        auto* button = new ExpertPickButton(e, m_expertArea);
        button->setObjectName(QStringLiteral("expert%1").arg(e + 1));
        button->setFont(scaledFont(font(), 1.1));
        button->show(); // the panel may be on screen already
        connect(button, &QAbstractButton::toggled, this, &LessonPanel::updatePrediction);
        m_expertButtons << button;
    }
    m_expertArea->setChips(QList<QWidget*>(m_expertButtons.begin(), m_expertButtons.end()));
    // New buttons join the focus chain at its end; put them where they are on screen.
    QWidget* before = m_closeButton;
    for (ExpertPickButton* button : m_expertButtons) {
        setTabOrder(before, button);
        before = button;
    }
    setTabOrder(before, m_checkButton);
    setTabOrder(m_checkButton, m_backButton);
    setTabOrder(m_backButton, m_nextButton);
}

void LessonPanel::updatePrediction()
{
    const LessonStep* step = currentStepData();
    if (!step || !step->predict) {
        m_predictBox->hide();
        return;
    }
    m_predictBox->show();
    m_question->setText(lessonTextToHtml(step->predict->question));
    m_question->setAccessibleName(lessonTextToPlain(step->predict->question));

    const int layer = step->predict->layer;
    QString problem;
    if (m_nExpert <= 0)
        problem = tr("Load a model to make your guess.");
    else if (layer >= m_nLayer)
        problem = m_nLayer == 1
                      ? tr("This step asks about layer %1, but the model has only 1 layer.").arg(layer + 1)
                      : tr("This step asks about layer %1, but the model has only %2 layers.")
                            .arg(layer + 1)
                            .arg(m_nLayer);
    m_expertArea->setVisible(problem.isEmpty());
    m_checkButton->setVisible(problem.isEmpty());
    if (!problem.isEmpty()) {
        m_pickHint->setText(problem);
        m_result->hide();
        return;
    }

    const auto reveal = m_reveals.constFind(m_step);
    const bool revealed = reveal != m_reveals.constEnd();
    const bool pending = m_pendingStep == m_step;
    for (ExpertPickButton* button : m_expertButtons) {
        if (revealed) {
            const QSignalBlocker block(button);
            button->setChecked(reveal->picked.contains(button->expert()));
        }
        button->setAnswer(revealed, revealed && reveal->chosen.contains(button->expert()));
        button->setEnabled(!revealed && !pending);
    }

    const int k = expertsToPick();
    const int picked = static_cast<int>(pickedExperts().size());
    QString hint;
    if (revealed)
        hint = tr("✓ your guess   ★ the router's choice");
    else if (pending)
        hint = tr("The model is writing the next token…");
    else if (picked == 0)
        hint = k == 1 ? tr("Pick 1 expert.") : tr("Pick %1 experts.").arg(k);
    else if (picked < k)
        hint = tr("Pick %1 experts: %2 picked so far.").arg(k).arg(picked); // here k > 1
    else if (picked == k)
        hint = tr("Ready: check your guess.");
    else
        hint = k == 1 ? tr("Too many: pick only 1 expert.") : tr("Too many: pick only %1 experts.").arg(k);
    m_pickHint->setText(hint);
    m_checkButton->setEnabled(!revealed && !pending && picked == k && k > 0);
    m_result->setVisible(revealed);
    m_result->setText(revealed ? reveal->text : QString());
}

void LessonPanel::checkGuess()
{
    const LessonStep* step = currentStepData();
    if (!step || !step->predict || m_reveals.contains(m_step) || m_pendingStep == m_step)
        return;
    if (pickedExperts().size() != expertsToPick())
        return;
    m_pendingStep = m_step;
    updatePrediction();
    emit revealRequested(step->predict->layer);
}

namespace {

// "E5", "E5 and E7", "E1, E5 and E7"
QString expertList(const QList<int>& experts)
{
    QStringList names;
    for (const int e : experts)
        names << LessonPanel::tr("E%1").arg(e + 1);
    if (names.size() <= 1)
        return names.join(QString());
    QString list = names.front();
    for (qsizetype i = 1; i + 1 < names.size(); ++i)
        list = LessonPanel::tr("%1, %2", "a list of experts").arg(list, names[i]);
    return LessonPanel::tr("%1 and %2", "the last two of a list of experts").arg(list, names.back());
}

} // namespace

void LessonPanel::revealPrediction(const moe::GeneratedToken& token)
{
    const LessonStep* step = currentStepData();
    if (!step || !step->predict || m_pendingStep != m_step)
        return; // the learner moved on, or nobody asked
    m_pendingStep = -1;
    const int layer = step->predict->layer;
    if (layer < 0 || static_cast<size_t>(layer) >= token.routing.layers.size()) {
        // Not the model this step was checked against: let the learner try again.
        updatePrediction();
        m_pickHint->setText(tr("That token has no layer %1; try again.").arg(layer + 1));
        return;
    }
    Reveal reveal;
    reveal.picked = pickedExperts();
    for (const int e : token.routing.layers[static_cast<size_t>(layer)].experts)
        reveal.chosen << e;
    int matches = 0;
    for (const int e : reveal.picked)
        matches += reveal.chosen.contains(e) ? 1 : 0;
    const QString tokenText = TraceModel::displayText(token.bytes, token.prompt);
    const QString sentence =
        matches == reveal.chosen.size()
            ? tr("In layer %1 the router chose %2 for “%3”. You got %4 of %5 — well spotted!")
            : tr("In layer %1 the router chose %2 for “%3”. You got %4 of %5 — routing is hard to guess, "
                 "even "
                 "for the people who built it!");
    reveal.text = sentence.arg(QString::number(layer + 1), expertList(reveal.chosen), tokenText,
                               QString::number(matches), QString::number(reveal.chosen.size()));
    m_reveals.insert(m_step, reveal);
    updatePrediction();
    m_result->setAccessibleName(reveal.text);
    QAccessibleEvent alert(m_result, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

void LessonPanel::announce(QWidget* label)
{
    QAccessibleEvent event(label, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&event);
}

void LessonPanel::updateFonts()
{
    const QFont base = font();
    m_lessonTitle->setFont(scaledFont(base, 1.25, true));
    m_stepCounter->setFont(scaledFont(base, 1.0, true));
    m_stepTitle->setFont(scaledFont(base, 1.7, true));
    m_stepText->setFont(scaledFont(base, 1.2));
    m_question->setFont(scaledFont(base, 1.15, true));
    m_result->setFont(scaledFont(base, 1.15));
    for (QPushButton* button : {m_backButton, m_nextButton})
        button->setFont(scaledFont(base, 1.1, button == m_nextButton));
    for (ExpertPickButton* button : m_expertButtons)
        button->setFont(scaledFont(base, 1.1));
    m_expertArea->setChips(QList<QWidget*>(m_expertButtons.begin(), m_expertButtons.end())); // new cell size
}

void LessonPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        updateFonts();
    QWidget::changeEvent(event);
}

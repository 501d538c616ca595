#include "lessons/belief_box.h"

#include "learn/progress_store.h"
#include "lessons/lesson_text.h"
#include "style/wrapped_button_text.h"

#include <QAccessible>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

BeliefBox::BeliefBox(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("beliefBox"));
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setAccessibleName(tr("What do you think?"));

    m_question = new QLabel(this);
    m_question->setObjectName(QStringLiteral("beliefQuestion"));
    m_question->setWordWrap(true);
    m_question->setTextFormat(Qt::RichText);
    m_keepButton = new QPushButton(tr("Keep my answer"), this);
    m_keepButton->setObjectName(QStringLiteral("keepBeliefButton"));
    m_keepButton->setAccessibleName(tr("Keep my answer"));
    m_keepButton->setToolTip(tr("Not scored: there is no wrong answer to what you think now"));
    connect(m_keepButton, &QPushButton::clicked, this, &BeliefBox::keepAnswer);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("beliefResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    m_choiceLayout = new QVBoxLayout;
    layout->addLayout(m_choiceLayout);
    layout->addWidget(m_keepButton, 0, Qt::AlignLeft);
    layout->addWidget(m_result);
    hide();
}

void BeliefBox::setProgressStore(ProgressStore* store)
{
    m_store = store;
}

QString BeliefBox::key(bool after) const
{
    return m_belief->id + (after ? QStringLiteral("/after") : QStringLiteral("/before"));
}

void BeliefBox::showBelief(const std::optional<LessonBelief>& belief)
{
    m_belief = belief;
    qDeleteAll(m_choices);
    m_choices.clear();
    m_result->clear();
    if (!m_belief) {
        hide();
        return;
    }
    m_question->setText(
        QStringLiteral("<b>%1</b>").arg(lessonTextToPlain(m_belief->question).toHtmlEscaped()));
    m_question->setAccessibleName(lessonTextToPlain(m_belief->question));
    for (int i = 0; i < m_belief->choices.size(); ++i) {
        auto* choice = new QRadioButton(this);
        // Its width comes from the box, never from its unwrapped text (resizeEvent wraps it).
        choice->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        setWrappedButtonText(choice, lessonTextToPlain(m_belief->choices[i]), contentsRect().width());
        choice->setObjectName(QStringLiteral("belief%1").arg(i + 1));
        // One answer at a time, kept by hand: in a button group or with auto-exclusion Qt takes
        // the unchecked choices out of the Tab chain, and a first answer could not be reached.
        choice->setAutoExclusive(false);
        connect(choice, &QRadioButton::toggled, this, [this, choice](bool on) {
            if (on)
                for (QRadioButton* other : std::as_const(m_choices))
                    if (other != choice)
                        other->setChecked(false);
        });
        m_choiceLayout->addWidget(choice);
        m_choices << choice;
    }
    const int kept = m_store ? m_store->belief(key(m_belief->after)) : -1;
    for (QRadioButton* choice : std::as_const(m_choices))
        choice->setEnabled(kept < 0);
    m_keepButton->setVisible(kept < 0);
    if (kept >= 0 && kept < m_choices.size()) {
        m_choices[kept]->setChecked(true);
        showResult(kept);
    }
    show();
}

void BeliefBox::choose(int index)
{
    if (index >= 0 && index < m_choices.size() && m_choices[index]->isEnabled())
        m_choices[index]->setChecked(true);
}

void BeliefBox::keepAnswer()
{
    int picked = -1;
    for (int i = 0; i < m_choices.size(); ++i)
        if (m_choices[i]->isChecked())
            picked = i;
    if (!m_belief || picked < 0)
        return;
    if (m_store) {
        m_store->setBelief(key(m_belief->after), picked);
        QString why;
        if (!m_store->save(&why))
            emit saveFailed(why);
    }
    for (QRadioButton* choice : std::as_const(m_choices))
        choice->setEnabled(false);
    m_keepButton->hide();
    showResult(picked);
}

void BeliefBox::showResult(int answer)
{
    if (!m_belief->after) {
        m_result->setText(tr("Kept. The same question comes back at the end of the track: see if your "
                             "answer changes."));
    } else {
        const int before = m_store ? m_store->belief(key(false)) : -1;
        const auto inline_ = [](const QString& choice) { return lessonTextToPlain(choice).toHtmlEscaped(); };
        const QString now = inline_(m_belief->choices.value(answer));
        const QString first =
            before >= 0 && before < m_belief->choices.size()
                ? tr("At the start you said: <i>%1</i><br>Now you say: <i>%2</i>")
                      .arg(inline_(m_belief->choices[before]), now)
                : tr("Now you say: <i>%1</i> (there is no answer from the start of the track)").arg(now);
        m_result->setText(QStringLiteral("%1<br><br>%2").arg(first, lessonTextToHtml(m_belief->reveal)));
    }
    m_result->setAccessibleName(lessonTextToPlain(m_result->text()));
    QAccessibleEvent event(m_result, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&event);
}

void BeliefBox::resizeEvent(QResizeEvent* event)
{
    QFrame::resizeEvent(event);
    for (QRadioButton* choice : std::as_const(m_choices))
        rewrapButtonText(choice, contentsRect().width());
}

QString BeliefBox::resultText() const
{
    return m_result->text();
}

int BeliefBox::choiceCount() const
{
    return static_cast<int>(m_choices.size());
}

// The lessons page: a heading, the Continue button, then one column per track with a card per lesson.
#include "lessons/lesson_library_page.h"

#include "lessons/lesson_text.h"
#include "lessons/level_pips.h"
#include "style/scaled_font.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Labels remember their size relative to the page's font, so a font change (classroom mode, the
// platform's setting) rescales them all.
const char* const kFontFactor = "lessonFontFactor";
const char* const kFontBold = "lessonFontBold";

QLabel* textLabel(QWidget* parent, double factor, bool bold, Qt::TextFormat format = Qt::PlainText)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(format);
    label->setProperty(kFontFactor, factor);
    label->setProperty(kFontBold, bold);
    return label;
}

// A rounded panel in palette colours: the track columns and the lesson cards.
class RoundedPanel : public QWidget {
public:
    RoundedPanel(QPalette::ColorRole fill, QWidget* parent) : QWidget(parent), m_fill(fill) {}

protected:
    void paintEvent(QPaintEvent* /*event*/) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const double radius = fontMetrics().height() * 0.5;
        QColor border = palette().color(QPalette::WindowText);
        border.setAlphaF(0.18f);
        p.setPen(QPen(border, 1.0));
        p.setBrush(palette().color(m_fill));
        p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    }

private:
    QPalette::ColorRole m_fill;
};

// The Continue button, filled with the highlight colour. Fusion's focus outline is a darker
// highlight, which vanishes on a highlight fill, so the focus gets a ring in the text colour.
class AccentButton : public QPushButton {
public:
    using QPushButton::QPushButton;

    QSize sizeHint() const override
    {
        const QSize base = QPushButton::sizeHint(); // room around the text, like a banner
        return {base.width() + fontMetrics().height() * 2, base.height()};
    }

protected:
    void paintEvent(QPaintEvent* event) override
    {
        QPushButton::paintEvent(event);
        if (!hasFocus())
            return;
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const double width = std::max(2.0, fontMetrics().height() / 10.0);
        p.setPen(QPen(palette().color(QPalette::Active, QPalette::ButtonText), width, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        const double inset = width * 2.5;
        p.drawRoundedRect(QRectF(rect()).adjusted(inset, inset, -inset, -inset), width, width);
    }
};

} // namespace

LessonLibraryPage::LessonLibraryPage(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Lessons"));
    auto* content = new QWidget;
    m_heading = textLabel(content, 2.2, true);
    m_heading->setObjectName(QStringLiteral("heading"));
    m_heading->setText(tr("What do you want to learn?"));
    m_intro = textLabel(content, 1.15, false);
    m_intro->setText(tr("Pick a track and a lesson. Each lesson runs the real model beside it, step by step: "
                        "you watch its experts wake up, guess, and see."));
    m_intro->setForegroundRole(QPalette::PlaceholderText);

    m_continueButton = new AccentButton(content);
    m_continueButton->setObjectName(QStringLiteral("continueButton"));
    m_continueButton->setToolTip(tr("Go on where you stopped last time"));
    m_continueButton->setProperty(kFontFactor, 1.35);
    m_continueButton->setProperty(kFontBold, true);
    connect(m_continueButton, &QPushButton::clicked, this, [this] {
        if (!m_continueId.isEmpty())
            emit lessonChosen(m_continueId);
    });
    m_summary = textLabel(content, 1.0, false);
    m_summary->setObjectName(QStringLiteral("summary"));

    const int space = fontMetrics().height();
    m_contentLayout = new QVBoxLayout(content);
    m_contentLayout->setContentsMargins(space * 2, space * 3 / 2, space * 2, space * 2);
    m_contentLayout->setSpacing(space / 2);
    m_contentLayout->addWidget(m_heading);
    m_contentLayout->addWidget(m_intro);
    m_contentLayout->addSpacing(space / 2);
    auto* continueRow = new QHBoxLayout;
    continueRow->addWidget(m_continueButton);
    continueRow->addStretch(1);
    m_contentLayout->addLayout(continueRow);
    m_contentLayout->addWidget(m_summary);
    m_contentLayout->addSpacing(space / 2);
    m_tracks = new QWidget(content);
    m_contentLayout->addWidget(m_tracks);
    m_contentLayout->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("libraryScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    updateColours();
    rebuild();
}

void LessonLibraryPage::setBook(const LessonBook* book)
{
    m_book = book;
    rebuild();
}

void LessonLibraryPage::setProgressStore(ProgressStore* store)
{
    m_store = store;
    refresh();
}

QString LessonLibraryPage::stateText(const LessonProgress& progress, bool started, int stepCount)
{
    if (progress.completed && progress.step > 0)
        return tr("Done ✓ · at step %1 of %2").arg(progress.step + 1).arg(stepCount);
    if (progress.completed)
        return tr("Done ✓");
    if (started || progress.step > 0)
        return tr("Step %1 of %2").arg(progress.step + 1).arg(stepCount);
    return tr("Not started");
}

void LessonLibraryPage::rebuild()
{
    m_rows.clear();
    // The old columns go at once (not deleteLater), so findChild in tests and Tab see only the new ones.
    delete m_tracks;
    m_tracks = new QWidget(m_heading->parentWidget());
    m_tracks->setObjectName(QStringLiteral("tracks"));
    m_contentLayout->insertWidget(m_contentLayout->count() - 1, m_tracks);

    const int space = fontMetrics().height();
    auto* row = new QHBoxLayout(m_tracks);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(space);
    if (!m_book || m_book->tracks.isEmpty()) {
        QLabel* none = textLabel(m_tracks, 1.15, false);
        none->setObjectName(QStringLiteral("noLessons"));
        none->setText(tr("No lessons are available. The lessons file could not be read."));
        row->addWidget(none);
        refresh();
        return;
    }

    for (const LessonTrack& track : m_book->tracks) {
        auto* column = new RoundedPanel(QPalette::AlternateBase, m_tracks);
        column->setObjectName(QStringLiteral("track:%1").arg(track.id));
        column->setAccessibleName(tr("%1 track").arg(track.title));
        // Equal columns whatever their text, but never narrower than a readable line.
        column->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        column->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
        auto* columnLayout = new QVBoxLayout(column);
        columnLayout->setContentsMargins(space, space, space, space);
        columnLayout->setSpacing(space / 2);

        QLabel* title = textLabel(column, 1.6, true);
        title->setObjectName(QStringLiteral("trackTitle:%1").arg(track.id));
        title->setText(track.title);
        QLabel* audience = textLabel(column, 1.0, true);
        audience->setText(track.audience);
        audience->setForegroundRole(QPalette::PlaceholderText);
        QLabel* description = textLabel(column, 1.1, false, Qt::RichText);
        description->setText(lessonTextToHtml(track.description));
        columnLayout->addWidget(title);
        columnLayout->addWidget(audience);
        columnLayout->addWidget(description);
        columnLayout->addSpacing(space / 2);

        int number = 0;
        for (const Lesson* lesson : m_book->lessonsOf(track.id)) {
            ++number;
            auto* card = new RoundedPanel(QPalette::Base, column);
            card->setObjectName(QStringLiteral("lessonCard:%1").arg(lesson->id));
            auto* cardLayout = new QVBoxLayout(card);
            cardLayout->setContentsMargins(space * 3 / 4, space * 3 / 4, space * 3 / 4, space * 3 / 4);
            cardLayout->setSpacing(space / 3);

            auto* titleRow = new QHBoxLayout;
            QLabel* lessonTitle = textLabel(card, 1.2, true);
            lessonTitle->setObjectName(QStringLiteral("lessonTitle:%1").arg(lesson->id));
            lessonTitle->setText(tr("%1. %2").arg(QString::number(number), lessonTextToPlain(lesson->title)));
            auto* pips = new LevelPips(lesson->level, card);
            pips->setObjectName(QStringLiteral("level:%1").arg(lesson->id));
            titleRow->addWidget(lessonTitle, 1);
            titleRow->addWidget(pips, 0, Qt::AlignTop);
            cardLayout->addLayout(titleRow);

            QLabel* objective = textLabel(card, 1.05, false, Qt::RichText);
            objective->setText(lessonTextToHtml(lesson->objective));
            cardLayout->addWidget(objective);
            if (lesson->minutes > 0) {
                QLabel* time = textLabel(card, 0.95, false);
                time->setObjectName(QStringLiteral("minutes:%1").arg(lesson->id));
                time->setText(
                    tr("About %n minutes · %1 steps", nullptr, lesson->minutes).arg(lesson->steps.size()));
                cardLayout->addWidget(time);
            }

            LessonRow lessonRow;
            lessonRow.id = lesson->id;
            lessonRow.hint = textLabel(card, 0.95, false);
            lessonRow.hint->setObjectName(QStringLiteral("hint:%1").arg(lesson->id));
            lessonRow.hint->setForegroundRole(QPalette::PlaceholderText);
            cardLayout->addWidget(lessonRow.hint);

            auto* stateRow = new QHBoxLayout;
            lessonRow.state = textLabel(card, 1.0, true);
            lessonRow.state->setObjectName(QStringLiteral("state:%1").arg(lesson->id));
            lessonRow.button = new QPushButton(card);
            lessonRow.button->setObjectName(QStringLiteral("open:%1").arg(lesson->id));
            const QString id = lesson->id;
            connect(lessonRow.button, &QPushButton::clicked, this, [this, id] { emit lessonChosen(id); });
            stateRow->addWidget(lessonRow.state, 1);
            stateRow->addWidget(lessonRow.button, 0, Qt::AlignBottom);
            cardLayout->addLayout(stateRow);

            columnLayout->addWidget(card);
            m_rows << lessonRow;
        }
        if (number == 0) {
            QLabel* empty = textLabel(column, 1.0, false);
            empty->setText(tr("No lessons in this track yet."));
            columnLayout->addWidget(empty);
        }
        columnLayout->addStretch(1);
        row->addWidget(column, 1);
    }
    updateFonts();
    refresh();
}

void LessonLibraryPage::refresh()
{
    int done = 0;
    for (const LessonRow& row : m_rows) {
        const Lesson* lesson = m_book ? m_book->lesson(row.id) : nullptr;
        if (!lesson)
            continue;
        const int steps = static_cast<int>(lesson->steps.size());
        const LessonProgress progress = m_store ? m_store->lesson(row.id) : LessonProgress{};
        const bool started = m_store && m_store->lastLesson() == row.id;
        done += progress.completed ? 1 : 0;
        row.state->setText(stateText(progress, started, steps));

        const QString title = lessonTextToPlain(lesson->title);
        if (progress.completed && progress.step == 0) {
            row.button->setText(tr("Again"));
            row.button->setAccessibleName(tr("Do the lesson again: %1").arg(title));
        } else if (progress.step > 0 || started) {
            row.button->setText(tr("Continue"));
            row.button->setAccessibleName(tr("Continue the lesson: %1").arg(title));
        } else {
            row.button->setText(tr("Start"));
            row.button->setAccessibleName(tr("Start the lesson: %1").arg(title));
        }
        row.button->setToolTip(row.button->accessibleName());
        row.state->setAccessibleName(tr("%1: %2").arg(title, row.state->text()));

        // A hint, not a lock: the lesson stays open to anyone who wants to jump ahead.
        const Lesson* first = lesson->prerequisite.isEmpty() ? nullptr : m_book->lesson(lesson->prerequisite);
        const bool firstDone = !first || (m_store && m_store->lesson(first->id).completed);
        row.hint->setVisible(!firstDone && !progress.completed);
        row.hint->setText(first ? tr("Tip: do “%1” first.").arg(lessonTextToPlain(first->title)) : QString());
    }

    m_summary->setVisible(!m_rows.isEmpty());
    // English ships without a translation file, so no "%n lesson(s)": a lone lesson gets its own sentence.
    m_summary->setText(m_rows.size() == 1 ? tr("%1 of 1 lesson done.").arg(done)
                                          : tr("%1 of %2 lessons done.").arg(done).arg(m_rows.size()));

    m_continueId.clear();
    const Lesson* last = (m_book && m_store) ? m_book->lesson(m_store->lastLesson()) : nullptr;
    if (last && !last->steps.isEmpty() && !m_store->lesson(last->id).completed) {
        const int step =
            std::clamp(m_store->lesson(last->id).step, 0, static_cast<int>(last->steps.size()) - 1);
        m_continueId = last->id;
        const QString text = tr("Continue: %1 (step %2 of %3)")
                                 .arg(lessonTextToPlain(last->title), QString::number(step + 1),
                                      QString::number(last->steps.size()));
        m_continueButton->setText(QStringLiteral("▶  ") + text); // the mark in the button's own text colour
        m_continueButton->setAccessibleName(text);
    }
    m_continueButton->setVisible(!m_continueId.isEmpty());
}

void LessonLibraryPage::updateFonts()
{
    const QFont base = font();
    for (QWidget* widget : findChildren<QWidget*>()) {
        const QVariant factor = widget->property(kFontFactor);
        if (factor.isValid())
            widget->setFont(scaledFont(base, factor.toDouble(), widget->property(kFontBold).toBool()));
    }
    const QFontMetrics big(m_continueButton->font());
    m_continueButton->setMinimumHeight(big.height() * 2);
}

void LessonLibraryPage::updateColours()
{
    // The one button that matters most on the page stands out in the theme's highlight colour.
    QPalette accent = m_continueButton->palette();
    accent.setColor(QPalette::Button, palette().color(QPalette::Highlight));
    accent.setColor(QPalette::ButtonText, palette().color(QPalette::HighlightedText));
    m_continueButton->setPalette(accent);
}

void LessonLibraryPage::showEvent(QShowEvent* event)
{
    refresh(); // the lesson panel may have moved on since the page was last seen
    QWidget::showEvent(event);
}

void LessonLibraryPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        updateFonts();
    else if (event->type() == QEvent::PaletteChange)
        updateColours();
    QWidget::changeEvent(event);
}

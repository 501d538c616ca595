// The start screen: a heading, the name field, a grid of track rows (button | what it covers and
// why it is off | best score), then the export and print buttons with their status line.
#include "quiz/quiz_start.h"

#include "quiz/quiz_style.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

QuizStart::QuizStart(const QStringList& tracks, const QStringList& titles, const QStringList& descriptions,
                     QWidget* parent)
    : QuizScreen(parent), m_order(tracks)
{
    setAccessibleName(tr("Choose a quiz"));
    m_column = new QWidget(this);
    m_heading = QuizStyle::label(m_column, 2.2, true);
    m_heading->setObjectName(QStringLiteral("heading"));
    m_heading->setText(tr("Test yourself"));
    m_heading->setAccessibleName(m_heading->text());
    m_intro = QuizStyle::label(m_column, 1.15, false);
    m_intro->setText(tr("Pick a track. You get up to 10 questions, one at a time, and see right away "
                        "whether you were right, and why."));
    m_intro->setForegroundRole(QPalette::PlaceholderText);

    auto* nameLabel = QuizStyle::label(m_column, 1.1, false);
    nameLabel->setText(tr("&Your name (for the class results):"));
    nameLabel->setWordWrap(false);
    m_name = new QLineEdit(m_column);
    m_name->setObjectName(QStringLiteral("learnerName"));
    m_name->setAccessibleName(tr("Your name"));
    m_name->setAccessibleDescription(tr("Saved with your scores so that a teacher can see them"));
    m_name->setPlaceholderText(tr("e.g. Sam"));
    m_name->setMaxLength(60);
    QuizStyle::setFontFactor(m_name, 1.1, false);
    nameLabel->setBuddy(m_name);
    connect(m_name, &QLineEdit::textEdited, this, &QuizStart::learnerNameEdited);
    connect(m_name, &QLineEdit::editingFinished, this, &QuizStart::learnerNameFinished);
    auto* nameRow = new QHBoxLayout;
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(m_name, 1);

    auto* grid = new QGridLayout;
    const int gap = fontMetrics().height();
    grid->setHorizontalSpacing(gap * 3 / 2);
    grid->setVerticalSpacing(gap);
    QWidget* previous = m_name;
    for (int i = 0; i < tracks.size(); ++i) {
        Row row;
        row.title = titles.value(i);
        row.about = descriptions.value(i);
        row.button = new QPushButton(row.title, m_column);
        row.button->setObjectName(QStringLiteral("track_%1").arg(tracks[i]));
        row.button->setAccessibleName(tr("%1 quiz").arg(row.title));
        row.button->setAutoDefault(true); // Enter on the focused button starts it
        row.button->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        QuizStyle::setFontFactor(row.button, 1.5, true);
        const QString id = tracks[i];
        connect(row.button, &QPushButton::clicked, this, [this, id] { emit trackChosen(id); });
        row.description = QuizStyle::label(m_column, 1.1, false);
        row.description->setText(row.about);
        row.reason = QuizStyle::label(m_column, 1.0, true);
        row.reason->setObjectName(QStringLiteral("reason_%1").arg(tracks[i]));
        row.reason->hide();
        row.best = QuizStyle::label(m_column, 1.2, true);
        row.best->setObjectName(QStringLiteral("best_%1").arg(tracks[i]));
        row.best->setWordWrap(false);
        auto* text = new QVBoxLayout;
        text->setSpacing(gap / 4);
        text->addWidget(row.description);
        text->addWidget(row.reason);
        grid->addWidget(row.button, i, 0);
        grid->addLayout(text, i, 1);
        grid->addWidget(row.best, i, 2, Qt::AlignRight | Qt::AlignVCenter);
        setTabOrder(previous, row.button);
        previous = row.button;
        m_rows.insert(id, row);
    }
    grid->setColumnStretch(1, 1);

    m_exportButton = new QPushButton(tr("Export class results (CSV)…"), m_column);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setAccessibleName(tr("Export class results as CSV"));
    m_exportButton->setToolTip(tr("Save every finished quiz on this computer (name, track, score, time) "
                                  "as a spreadsheet file"));
    m_exportButton->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_exportButton->setAutoDefault(true);
    connect(m_exportButton, &QPushButton::clicked, this, &QuizStart::exportRequested);
    setTabOrder(previous, m_exportButton);
    // For teachers: the same questions on paper, with an answer key (print/quiz_pdf.h).
    m_printButton = new QPushButton(tr("Print a test (PDF)…"), m_column);
    m_printButton->setObjectName(QStringLiteral("printButton"));
    m_printButton->setAccessibleName(tr("Print a quiz as a PDF test"));
    m_printButton->setToolTip(tr("Save a quiz as a printable test with an answer key"));
    m_printButton->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    m_printButton->setAutoDefault(true);
    connect(m_printButton, &QPushButton::clicked, this, &QuizStart::printRequested);
    setTabOrder(m_exportButton, m_printButton);
    m_status = QuizStyle::label(m_column, 1.0, false);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* exportRow = new QHBoxLayout;
    exportRow->addWidget(m_exportButton);
    exportRow->addWidget(m_printButton);
    exportRow->addWidget(m_status, 1);

    auto* column = new QVBoxLayout(m_column);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(gap * 3 / 4);
    column->addWidget(m_heading);
    column->addWidget(m_intro);
    column->addSpacing(gap / 2);
    column->addLayout(nameRow);
    column->addSpacing(gap);
    column->addLayout(grid);
    column->addSpacing(gap * 2);
    column->addLayout(exportRow);
    column->addStretch(1);

    QuizStyle::centreColumn(this, m_column, gap * 3 / 2);

    QuizStyle::applyFonts(this);
    updateWidths();
}

void QuizStart::setTrack(const QString& track, const QString& best, const QString& reason)
{
    const auto it = m_rows.find(track);
    if (it == m_rows.end())
        return;
    Row& row = *it;
    row.button->setEnabled(reason.isEmpty());
    row.reason->setText(reason);
    row.reason->setVisible(!reason.isEmpty());
    row.best->setText(best);
    row.best->setAccessibleName(best);
    // A screen reader reading the button hears what it covers, the best score, or why it is off.
    row.button->setAccessibleDescription(reason.isEmpty() ? tr("%1 %2").arg(row.about, best)
                                                          : tr("%1 %2").arg(row.about, reason));
    row.button->setToolTip(reason.isEmpty() ? row.about : reason);
}

void QuizStart::setLearnerName(const QString& name)
{
    m_name->setText(name);
}

QString QuizStart::learnerName() const
{
    return m_name->text().trimmed();
}

void QuizStart::setExportEnabled(bool enabled)
{
    m_exportButton->setEnabled(enabled);
}

void QuizStart::setStatus(const QString& text, bool error)
{
    m_statusIsError = error;
    m_status->setText(text);
    updateColours();
    QuizStyle::announce(m_status, text);
}

QString QuizStart::statusText() const
{
    return m_status->text();
}

void QuizStart::focusFirstTrack()
{
    for (const QString& id : std::as_const(m_order))
        if (m_rows.value(id).button->isEnabled()) {
            m_rows.value(id).button->setFocus(Qt::OtherFocusReason);
            return;
        }
    m_name->setFocus(Qt::OtherFocusReason);
}

void QuizStart::updateColours()
{
    QPalette p = palette();
    if (m_statusIsError)
        p.setColor(QPalette::WindowText, QuizStyle::feedbackColor(false, palette()));
    m_status->setPalette(p);
}

void QuizStart::updateWidths()
{
    m_column->setMaximumWidth(fontMetrics().averageCharWidth() * 110);
    // One width for all track buttons, so the rows line up and each is a big target.
    int widest = 0;
    for (const Row& row : std::as_const(m_rows))
        widest = std::max(widest, row.button->sizeHint().width());
    const int height = QFontMetrics(m_rows.isEmpty() ? font() : m_rows.begin()->button->font()).height() * 2;
    for (const Row& row : std::as_const(m_rows)) {
        row.button->setMinimumWidth(widest + fontMetrics().averageCharWidth() * 4);
        row.button->setMinimumHeight(height);
    }
}

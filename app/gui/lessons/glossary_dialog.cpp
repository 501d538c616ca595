#include "lessons/glossary_dialog.h"

#include "lessons/lesson_text.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

GlossaryDialog::GlossaryDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("glossary"));
    setWindowTitle(tr("Glossary"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("glossaryTerms"));
    m_list->setAccessibleName(tr("Terms"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("glossaryTerm"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_definition = new QLabel(this);
    m_definition->setObjectName(QStringLiteral("glossaryDefinition"));
    m_definition->setWordWrap(true);
    m_definition->setTextFormat(Qt::RichText);
    m_definition->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_definition->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto* text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_definition, 1);
    auto* row = new QHBoxLayout;
    row->addWidget(m_list, 2);
    row->addLayout(text, 3);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(buttons);
    connect(m_list, &QListWidget::currentRowChanged, this, &GlossaryDialog::showRow);
    resize(fontMetrics().averageCharWidth() * 80, fontMetrics().height() * 18);
}

void GlossaryDialog::setGlossary(const Glossary& glossary)
{
    m_glossary = glossary;
    m_list->clear();
    for (const GlossaryTerm& term : std::as_const(m_glossary.terms))
        m_list->addItem(term.term);
    showTerm();
}

void GlossaryDialog::showTerm(const QString& id)
{
    int row = 0;
    for (int i = 0; i < m_glossary.terms.size(); ++i)
        if (m_glossary.terms[i].id == id)
            row = i;
    if (m_glossary.terms.isEmpty()) {
        showRow(-1);
        return;
    }
    m_list->setCurrentRow(row);
    showRow(row);
}

void GlossaryDialog::showRow(int row)
{
    if (row < 0 || row >= m_glossary.terms.size()) {
        m_title->clear();
        m_definition->clear();
        return;
    }
    const GlossaryTerm& term = m_glossary.terms[row];
    m_title->setText(term.term);
    m_definition->setText(lessonTextToHtml(term.definition));
    m_definition->setAccessibleName(lessonTextToPlain(term.definition));
}

QString GlossaryDialog::shownDefinition() const
{
    return m_definition->accessibleName();
}

int GlossaryDialog::termCount() const
{
    return static_cast<int>(m_glossary.terms.size());
}

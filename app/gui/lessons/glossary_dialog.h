// The glossary window: the terms on the left (keyboard and screen-reader friendly), the chosen
// term's definition on the right. One non-modal window, opened from any lesson step, any quiz
// question and Help › Glossary.
#pragma once

#include "learn/glossary.h"

#include <QDialog>

class QLabel;
class QListWidget;

class GlossaryDialog : public QDialog {
    Q_OBJECT
public:
    explicit GlossaryDialog(QWidget* parent = nullptr);

    void setGlossary(const Glossary& glossary);
    // Selects a term by id (the first one when the id is unknown or empty).
    void showTerm(const QString& id = QString());
    QString shownDefinition() const;
    int termCount() const;

private:
    void showRow(int row);

    Glossary m_glossary;
    QListWidget* m_list = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_definition = nullptr;
};

// The note above lessons and quiz questions that they were written for the built-in model
// (learn/written_for.h): a wrapped, tinted line, hidden while there is nothing to say.
#pragma once

#include <QLabel>

class ModelNoteLabel : public QLabel {
    Q_OBJECT
public:
    explicit ModelNoteLabel(QWidget* parent = nullptr);
    void setNote(const QString& note); // empty hides it
};

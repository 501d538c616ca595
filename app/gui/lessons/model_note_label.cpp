#include "lessons/model_note_label.h"

ModelNoteLabel::ModelNoteLabel(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("modelNote"));
    setWordWrap(true);
    setTextFormat(Qt::PlainText); // a model name is shown as written, never read as markup
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    setAutoFillBackground(true);
    const int pad = fontMetrics().height() / 2;
    setContentsMargins(pad, pad / 2, pad, pad / 2);
    hide();
}

void ModelNoteLabel::setNote(const QString& note)
{
    setText(note);
    setAccessibleName(note);
    setVisible(!note.isEmpty());
}

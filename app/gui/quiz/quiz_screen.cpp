// Restyling on font and palette changes, for every quiz screen.
#include "quiz/quiz_screen.h"

#include "quiz/quiz_style.h"

#include <QEvent>

void QuizScreen::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        QuizStyle::applyFonts(this);
        updateWidths();
    } else if (event->type() == QEvent::PaletteChange) {
        updateColours();
    }
}

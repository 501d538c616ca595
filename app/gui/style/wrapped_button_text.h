// Line breaks for the text of a radio button or check box, which Qt never wraps itself: a long
// choice (above all in German) would otherwise be cut off at the edge of its column or widen a
// narrow panel beyond its window.
#pragma once

#include <QString>

class QAbstractButton;

// `text` broken at spaces into lines no wider than `width` in `button`'s font (unchanged when it
// fits or width is not positive).
QString wrappedToWidth(const QString& text, const QAbstractButton* button, int width);
// Sets `button`'s text to `text` wrapped to `columnWidth` minus the button's indicator, and keeps
// the whole text in the "fullText" property so that it can be wrapped again (rewrapButtonText).
void setWrappedButtonText(QAbstractButton* button, const QString& text, int columnWidth);
void rewrapButtonText(QAbstractButton* button, int columnWidth);

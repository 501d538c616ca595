// What the quiz screens share: labels whose size follows the page's font, the right/wrong colours
// (readable on the light and the dark theme), the ✔/✘ marks that go with them (never colour alone),
// and announcing a changed text to screen readers.
#pragma once

#include <QColor>
#include <QString>
#include <Qt>

class QLabel;
class QPalette;
class QPushButton;
class QVBoxLayout;
class QWidget;

namespace QuizStyle {

// A word-wrapped label that remembers its size relative to its screen's font (see applyFonts).
QLabel* label(QWidget* parent, double factor, bool bold, Qt::TextFormat format = Qt::PlainText);
// Marks a widget (a button, a line edit) to be sized like label(factor, bold).
void setFontFactor(QWidget* widget, double factor, bool bold);
// Gives every marked widget under `root` its font, scaled from root's own font: called at start and
// whenever root's font changes (classroom mode, the platform's setting).
void applyFonts(QWidget* root);

// A big quiz button, sized like label(1.2, bold); Enter presses it when it has the focus.
QPushButton* button(QWidget* parent, const QString& text, const QString& objectName,
                    const QString& accessibleName, const QString& toolTip, bool bold);
// The screen's own layout: `column` centred between flexible margins, `margin` all round, the
// column's row stretched by `stretch`.
QVBoxLayout* centreColumn(QWidget* screen, QWidget* column, int margin, int stretch = 0);

// The colour of the "right" / "wrong" line: colour-blind-safe hues (Okabe-Ito bluish green and
// vermillion), darkened or lightened until they read on feedbackTint (WCAG AA, 4.5:1).
QColor feedbackColor(bool correct, const QPalette& palette);
// The same hue, faint over the palette's base colour, for the panel behind the feedback.
QColor feedbackTint(bool correct, const QPalette& palette);

// Screen readers have no "announce" call in Qt 6.4: the label carries the text as its accessible
// name (and the detail as description) and an Alert event makes readers speak it now.
void announce(QWidget* widget, const QString& text, const QString& detail = QString());

} // namespace QuizStyle

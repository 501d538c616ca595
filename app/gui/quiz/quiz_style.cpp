#include "quiz/quiz_style.h"

#include "style/colour_maths.h"
#include "style/scaled_font.h"

#include <QAccessible>
#include <QHBoxLayout>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QVBoxLayout>
#include <QVariant>

#include <cmath>

namespace QuizStyle {

namespace {

const char* const kFontFactor = "quizFontFactor";
const char* const kFontBold = "quizFontBold";

QColor hue(bool correct)
{
    return correct ? QColor(0x00, 0x9E, 0x73) : QColor(0xD5, 0x5E, 0x00);
}

} // namespace

QLabel* label(QWidget* parent, double factor, bool bold, Qt::TextFormat format)
{
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextFormat(format);
    setFontFactor(l, factor, bold);
    return l;
}

void setFontFactor(QWidget* widget, double factor, bool bold)
{
    widget->setProperty(kFontFactor, factor);
    widget->setProperty(kFontBold, bold);
}

void applyFonts(QWidget* root)
{
    const QFont base = root->font();
    for (QWidget* w : root->findChildren<QWidget*>()) {
        const QVariant factor = w->property(kFontFactor);
        if (!factor.isValid())
            continue;
        w->setFont(scaledFont(base, factor.toDouble(), w->property(kFontBold).toBool()));
        // The quiz's own buttons are big targets: room around the words, sized from their type.
        if (auto* button = qobject_cast<QPushButton*>(w)) {
            const QFontMetrics m(button->font());
            button->setMinimumHeight(m.height() * 2);
            button->setMinimumWidth(m.horizontalAdvance(button->text()) + m.averageCharWidth() * 6);
        }
    }
}

QPushButton* button(QWidget* parent, const QString& text, const QString& objectName,
                    const QString& accessibleName, const QString& toolTip, bool bold)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setAccessibleName(accessibleName);
    b->setToolTip(toolTip);
    b->setAutoDefault(true);
    setFontFactor(b, 1.2, bold);
    return b;
}

QVBoxLayout* centreColumn(QWidget* screen, QWidget* column, int margin, int stretch)
{
    auto* centre = new QHBoxLayout;
    centre->addStretch(1);
    centre->addWidget(column, 100);
    centre->addStretch(1);
    auto* layout = new QVBoxLayout(screen);
    layout->setContentsMargins(margin, margin, margin, margin);
    layout->addLayout(centre, stretch);
    return layout;
}

QColor feedbackColor(bool correct, const QPalette& palette)
{
    const QColor background = feedbackTint(correct, palette); // what the verdict is written on
    const bool darkBackground = relativeLuminance(background) < 0.2;
    QColor c = hue(correct);
    for (int i = 0; i < 30 && contrastRatio(c, background) < 4.5; ++i)
        c = darkBackground ? c.lighter(108) : c.darker(108);
    return c;
}

QColor feedbackTint(bool correct, const QPalette& palette)
{
    return mix(palette.color(QPalette::Base), hue(correct), 0.14);
}

void announce(QWidget* widget, const QString& text, const QString& detail)
{
    widget->setAccessibleName(text);
    widget->setAccessibleDescription(detail);
    QAccessibleEvent alert(widget, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

} // namespace QuizStyle

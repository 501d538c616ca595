#include "quiz/quiz_style.h"

#include "style/scaled_font.h"

#include <QAccessible>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QVariant>

#include <cmath>

namespace QuizStyle {

namespace {

const char* const kFontFactor = "quizFontFactor";
const char* const kFontBold = "quizFontBold";

// WCAG 2 relative luminance and contrast ratio.
double channel(double v)
{
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double luminance(const QColor& c)
{
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

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

QColor feedbackColor(bool correct, const QPalette& palette)
{
    const QColor background = feedbackTint(correct, palette); // what the verdict is written on
    const bool darkBackground = luminance(background) < 0.2;
    QColor c = hue(correct);
    for (int i = 0; i < 30 && contrast(c, background) < 4.5; ++i)
        c = darkBackground ? c.lighter(108) : c.darker(108);
    return c;
}

QColor feedbackTint(bool correct, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor c = hue(correct);
    const double a = 0.14;
    return QColor::fromRgbF(static_cast<float>(base.redF() * (1 - a) + c.redF() * a),
                            static_cast<float>(base.greenF() * (1 - a) + c.greenF() * a),
                            static_cast<float>(base.blueF() * (1 - a) + c.blueF() * a));
}

void announce(QWidget* widget, const QString& text, const QString& detail)
{
    widget->setAccessibleName(text);
    widget->setAccessibleDescription(detail);
    QAccessibleEvent alert(widget, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

} // namespace QuizStyle

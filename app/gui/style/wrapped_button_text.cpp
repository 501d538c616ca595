#include "style/wrapped_button_text.h"

#include <QAbstractButton>
#include <QFontMetrics>
#include <QStringList>
#include <QStyle>

QString wrappedToWidth(const QString& text, const QAbstractButton* button, int width)
{
    const QFontMetrics metrics = button->fontMetrics();
    if (width <= 0 || metrics.horizontalAdvance(text) <= width)
        return text;
    QStringList lines;
    QString line;
    // Empty parts are kept: "1.  Its" keeps its two spaces on the line.
    for (const QString& word : text.split(QLatin1Char(' '))) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
            lines << line;
            line = word;
        } else {
            line = longer;
        }
    }
    lines << line;
    return lines.join(QLatin1Char('\n'));
}

void setWrappedButtonText(QAbstractButton* button, const QString& text, int columnWidth)
{
    button->setProperty("fullText", text);
    const QStyle* style = button->style();
    // The indicator, the gap to the text and a little slack for the style's own margins.
    const int indicator = style->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth, nullptr, button) +
                          style->pixelMetric(QStyle::PM_RadioButtonLabelSpacing, nullptr, button) +
                          button->fontMetrics().averageCharWidth() * 2;
    button->setText(wrappedToWidth(text, button, columnWidth - indicator));
}

void rewrapButtonText(QAbstractButton* button, int columnWidth)
{
    setWrappedButtonText(button, button->property("fullText").toString(), columnWidth);
}

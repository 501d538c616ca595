// What the quiz's screens (start, question, review) share: they restyle themselves when the font
// (classroom size, zoom) or the palette (light, dark, high contrast) changes.
#pragma once

#include <QWidget>

class QuizScreen : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

protected:
    void changeEvent(QEvent* event) override;
    // After QuizStyle::applyFonts on a font change: the widths that follow the text size.
    virtual void updateWidths() = 0;
    // On a palette change: the right/wrong colours and anything else taken from the palette.
    virtual void updateColours() = 0;
};

#include "lessons/expert_pick_button.h"

#include "style/expert_palette.h"

#include <QPainter>

#include <algorithm>

ExpertPickButton::ExpertPickButton(int expert, QWidget* parent) : QAbstractButton(parent), m_expert(expert)
{
    setCheckable(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setText(tr("E%1").arg(expert + 1));
    setAccessibleName(tr("Expert %1").arg(expert + 1));
    setToolTip(tr("Pick expert %1 as one you think will wake up").arg(expert + 1));
    setCursor(Qt::PointingHandCursor);
    connect(this, &QAbstractButton::toggled, this, &ExpertPickButton::updateAccessibleDescription);
    updateAccessibleDescription();
}

void ExpertPickButton::setAnswer(bool shown, bool chosenByRouter)
{
    m_answerShown = shown;
    m_chosen = shown && chosenByRouter;
    updateAccessibleDescription();
    update();
}

void ExpertPickButton::updateAccessibleDescription()
{
    QString description = isChecked() ? tr("Your guess") : tr("Not picked");
    if (m_answerShown)
        description = m_chosen ? tr("%1. The router chose this expert.").arg(description)
                               : tr("%1. The router did not choose this expert.").arg(description);
    setAccessibleDescription(description);
}

namespace {

// The widest label: both marks around a two-digit expert, in the bold the chip draws with.
int widestLabel(const QFont& font)
{
    QFont bold = font;
    bold.setBold(true);
    return QFontMetrics(bold).horizontalAdvance(QStringLiteral("✓ E88 ★"));
}

} // namespace

QSize ExpertPickButton::sizeHint() const
{
    const int h = fontMetrics().height() * 5 / 2;
    return {std::max(h * 2, widestLabel(font()) + h / 2), h};
}

QSize ExpertPickButton::minimumSizeHint() const
{
    // Narrow docks: the chips may shrink down to their label.
    const int h = fontMetrics().height() * 5 / 2;
    return {widestLabel(font()) + fontMetrics().height(), h};
}

void ExpertPickButton::paintEvent(QPaintEvent* /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const double unit = fontMetrics().height() / 8.0;
    // The outer margin holds the focus ring, so it never covers the chip's colour.
    const QRectF chip = QRectF(rect()).adjusted(3 * unit, 3 * unit, -3 * unit, -3 * unit);
    const double radius = chip.height() * 0.25;
    const QColor colour = ExpertPalette::color(m_expert);
    // Once the answer is shown the chips are disabled but must stay readable: the answer is the point.
    const QPalette::ColorGroup group = m_answerShown ? QPalette::Active : palette().currentColorGroup();
    const QColor textColour = palette().color(group, QPalette::WindowText);

    QColor fill;
    QColor ink;
    if (isChecked()) {
        fill = colour;
        ink = ExpertPalette::textOn(colour);
    } else {
        // Dim, not hidden: the expert's hue faintly over the button colour.
        fill = palette().color(group, QPalette::Button);
        ink = textColour;
    }
    if (isDown())
        fill = fill.darker(115);
    p.setPen(QPen(colour, isChecked() ? unit : 2 * unit));
    p.setBrush(fill);
    p.drawRoundedRect(chip, radius, radius);
    if (!isChecked()) {
        QColor wash = colour;
        wash.setAlphaF(0.18f);
        p.setPen(Qt::NoPen);
        p.setBrush(wash);
        p.drawRoundedRect(chip, radius, radius);
    }
    if (m_answerShown && m_chosen) {
        // The router's choice: a thick ring in the text colour, readable on any expert hue.
        p.setPen(QPen(textColour, 3 * unit));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(chip.adjusted(unit, unit, -unit, -unit), radius, radius);
    }

    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    p.setPen(ink);
    // Marks as well as fill and ring, so the state never rests on colour alone.
    QString label = text();
    if (isChecked())
        label = tr("✓ %1", "a picked expert").arg(label);
    if (m_answerShown && m_chosen)
        label = tr("%1 ★", "an expert the router chose").arg(label);
    p.drawText(chip, Qt::AlignCenter, label);

    if (hasFocus()) {
        QPen focus(palette().color(QPalette::Highlight), 2 * unit);
        p.setPen(focus);
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(rect()).adjusted(unit, unit, -unit, -unit), radius + 2 * unit,
                          radius + 2 * unit);
    }
}

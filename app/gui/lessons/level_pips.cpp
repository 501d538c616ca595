#include "lessons/level_pips.h"

#include <QPainter>

#include <algorithm>

LevelPips::LevelPips(int level, QWidget* parent) : QWidget(parent), m_level(std::clamp(level, 1, kLevels))
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setAccessibleName(text());
    setToolTip(text());
}

QString LevelPips::text() const
{
    return tr("Level %1 of %2").arg(m_level).arg(kLevels);
}

QSize LevelPips::sizeHint() const
{
    const int dot = fontMetrics().height() * 6 / 10;
    return {kLevels * dot + (kLevels - 1) * dot / 2 + 2, dot + 2};
}

void LevelPips::paintEvent(QPaintEvent* /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const double dot = fontMetrics().height() * 0.6;
    const double gap = dot / 2;
    const double top = (height() - dot) / 2.0;
    const QColor filled = palette().color(QPalette::Highlight);
    QColor empty = palette().color(QPalette::WindowText);
    empty.setAlphaF(0.45f);
    for (int i = 0; i < kLevels; ++i) {
        const QRectF r(1 + i * (dot + gap), top, dot, dot);
        if (i < m_level) {
            p.setPen(QPen(filled.darker(115), 1.0));
            p.setBrush(filled);
        } else {
            p.setPen(QPen(empty, 1.2));
            p.setBrush(Qt::NoBrush);
        }
        p.drawEllipse(r.adjusted(0.5, 0.5, -0.5, -0.5));
    }
}

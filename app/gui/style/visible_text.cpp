#include "style/visible_text.h"

QChar visibleGlyph(QChar c)
{
    const char16_t u = c.unicode();
    if (u == ' ')
        return QChar(0x2423); // ␣
    if (u == '\n')
        return QChar(0x21b5); // ↵
    if (u == '\t')
        return QChar(0x21e5); // ⇥
    if (u < 0x20)
        return QChar(0x2400 + u); // the Unicode "control pictures" block
    if (u == 0x7f)
        return QChar(0x2421); // ␡
    return {};
}

QString visibleText(const QString& text)
{
    QString shown;
    shown.reserve(text.size());
    for (const QChar c : text) {
        const QChar glyph = visibleGlyph(c);
        shown += glyph.isNull() ? c : glyph;
    }
    return shown;
}

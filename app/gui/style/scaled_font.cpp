#include "style/scaled_font.h"

QFont scaledFont(const QFont& base, double factor, bool bold)
{
    QFont f = base;
    if (base.pointSizeF() > 0)
        f.setPointSizeF(base.pointSizeF() * factor);
    else // a font given in pixels (e.g. by a style sheet)
        f.setPixelSize(static_cast<int>(base.pixelSize() * factor + 0.5));
    f.setBold(bold);
    return f;
}

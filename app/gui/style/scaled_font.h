// Bigger or bolder text derived from a widget's own font, so it follows the theme, the platform's
// font size and high-DPI scaling instead of a hard-coded size.
#pragma once

#include <QFont>

// `base` scaled by `factor` (point size, or pixel size for a font given in pixels), bold if asked.
QFont scaledFont(const QFont& base, double factor, bool bold = false);

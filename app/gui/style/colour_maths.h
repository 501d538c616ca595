// Colour arithmetic shared by every view: mixing, transparency, dark-or-light and contrast, so
// each view tints, fades and checks legibility the same way.
#pragma once

#include <QColor>
#include <QPalette>

// a + (b - a) * t per RGB channel, t clamped to [0, 1]; the result is opaque.
QColor mix(const QColor& a, const QColor& b, double t);
// c with its alpha set to `alpha` (clamped to [0, 1]).
QColor withAlpha(QColor c, double alpha);
// Whether text should be light on this background (its HSL lightness is below the middle).
bool isDark(const QColor& background);
// Whether the palette's window colour is dark (a dark theme).
bool isDark(const QPalette& palette);
// WCAG 2 relative luminance (0 black .. 1 white) and contrast ratio (1 .. 21).
double relativeLuminance(const QColor& c);
double contrastRatio(const QColor& a, const QColor& b);

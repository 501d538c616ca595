// Light, dark and high-contrast (projector) themes: Qt's Fusion style with a palette of our own, or
// the system's look.
// Views take their colours from the palette, so switching needs no view code.
#pragma once

#include <QPalette>
#include <QString>

namespace Theme {

enum class Kind { System, Light, Dark, HighContrast };

Kind fromName(const QString& name); // "light", "dark", "contrast", anything else: System
QString name(Kind kind);
void apply(Kind kind);       // sets the application style and palette
QPalette palette(Kind kind); // the theme's palette (System: the current style's own)
bool isDark();               // the palette in use has a dark window colour

} // namespace Theme

// The one set of glyphs that makes invisible characters of token text visible, the same in every
// view (token chips, tables, lessons, questions): "␣" a space, "↵" a new line, "⇥" a tab, and the
// Unicode control pictures ("␀", "␍", "␡") for the other control characters.
#pragma once

#include <QChar>

// The glyph that stands for `c`, or a null QChar when `c` shows as itself.
QChar visibleGlyph(QChar c);

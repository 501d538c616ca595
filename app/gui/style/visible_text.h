// The one set of glyphs that makes invisible characters of token text visible, the same in every
// view (token chips and their tooltips, tables, the routing caption, the router chart's title,
// lessons, questions): "␣" a space, "↵" a new line, "⇥" a tab, and the
// Unicode control pictures ("␀", "␍", "␡") for the other control characters.
#pragma once

#include <QChar>
#include <QString>

// The glyph that stands for `c`, or a null QChar when `c` shows as itself.
QChar visibleGlyph(QChar c);
// `text` with every such character shown as its glyph: " 6\n" reads "␣6↵".
QString visibleText(const QString& text);

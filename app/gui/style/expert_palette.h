// One colour per expert, the same in every view (grid, token chips, chart bars), from the
// Okabe-Ito palette, which stays distinguishable under the common colour-vision deficiencies.
// Views print the expert number on top as well: colour is never the only cue.
#pragma once

#include <QColor>

namespace ExpertPalette {

// The colour of expert `expert` (0-based). Models with more than eight experts repeat the hues
// with alternating lightness, so neighbours still differ.
QColor color(int expert);
// Black or white, whichever reads better on `background`.
QColor textOn(const QColor& background);
// The two sides of a comparison: math (dark indigo) and poem (brown), a colour-blind-safe pair
// kept apart from the expert hues so that an expert chip never looks like a side.
QColor mathColor();
QColor poemColor();

} // namespace ExpertPalette

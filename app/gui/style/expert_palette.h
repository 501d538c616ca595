// One colour per expert, the same in every view (grid, token chips, chart bars), from the
// Okabe-Ito palette, which stays distinguishable under the common colour-vision deficiencies.
// Views print the expert number on top as well: colour is never the only cue.
#pragma once

#include <QColor>
#include <QString>

#include <vector>

namespace ExpertPalette {

// How many experts get a colour of their own: up to this many, colour alone tells them apart.
inline constexpr int kDistinctColours = 8;

// The colour of expert `expert` (0-based). Models with more than eight experts repeat the hues
// with alternating lightness, so neighbours still differ (the number printed on top tells them apart).
QColor color(int expert);
// Black or white, whichever reads better on `background`.
QColor textOn(const QColor& background);
// The two sides of a comparison: math (dark indigo) and poem (brown), a colour-blind-safe pair
// kept apart from the expert hues so that an expert chip never looks like a side.
QColor mathColor();
QColor poemColor();
// "E12": the label printed on an expert's chip or bar (1-based).
QString label(int expert);

// Chip colours for one layer's first choices when a model may have more experts than distinct
// colours. Up to kDistinctColours experts, every expert keeps its own colour (as everywhere else).
// With more, the first kDistinctColours - 1 experts noted (in the order they first appear) get the
// distinct hues and every other expert one neutral grey: a learner sees which tokens went to the
// same expert, a legend names the coloured ones, and the number on every chip tells the grey ones
// apart. So no two experts of the layer ever share both colour and label.
class FirstChoiceColours {
public:
    explicit FirstChoiceColours(int expertCount = 0);

    int expertCount() const { return m_expertCount; }
    // True when every expert has its own fixed colour (at most kDistinctColours experts).
    bool byExpert() const { return m_expertCount <= kDistinctColours; }
    // An expert chosen first by the next token; experts outside [0, expertCount) are ignored.
    void note(int expert);
    QColor color(int expert) const;
    QString label(int expert) const { return ExpertPalette::label(expert); }
    bool hasOwnColour(int expert) const; // false for the grey "any other expert"
    // The experts with a hue of their own, in the order they got it (for the legend; empty when byExpert()).
    const std::vector<int>& coloured() const { return m_coloured; }
    static QColor otherColor(); // the grey of every expert beyond the coloured ones

private:
    int m_expertCount = 0;
    std::vector<int> m_coloured;
};

} // namespace ExpertPalette

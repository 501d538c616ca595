#include "style/expert_palette.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace ExpertPalette {

namespace {

// Okabe & Ito (2008), "Color Universal Design", without black (it vanishes in the dark theme),
// plus a neutral grey as the eighth colour.
constexpr std::array<QRgb, 8> kColors = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                         0x0072B2, 0xD55E00, 0xCC79A7, 0x999999};
static_assert(kColors.size() == static_cast<size_t>(kDistinctColours));

struct ExpertLabel {
    Q_DECLARE_TR_FUNCTIONS(ExpertPalette)
};

} // namespace

QColor color(int expert)
{
    const int n = static_cast<int>(kColors.size());
    const int index = ((expert % n) + n) % n;
    QColor c = QColor::fromRgb(kColors[static_cast<size_t>(index)]);
    const int round = expert / n;
    if (round > 0)
        c = (round % 2 == 1) ? c.darker(140) : c.lighter(130);
    return c;
}

QColor textOn(const QColor& background)
{
    // Relative luminance (sRGB weights) decides; 0.55 keeps white text on the mid blues.
    const double luminance =
        0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor mathColor()
{
    return QColor::fromRgb(0x3B2F8F); // dark indigo: unlike any expert colour
}

QColor poemColor()
{
    return QColor::fromRgb(0xA6611A); // brown: unlike any expert colour
}

QString label(int expert)
{
    return ExpertLabel::tr("E%1").arg(expert + 1);
}

FirstChoiceColours::FirstChoiceColours(int expertCount) : m_expertCount(std::max(0, expertCount)) {}

void FirstChoiceColours::note(int expert)
{
    if (byExpert() || expert < 0 || expert >= m_expertCount)
        return;
    // The grey is the palette's eighth colour, so the hues handed out are the other seven.
    if (static_cast<int>(m_coloured.size()) >= kDistinctColours - 1)
        return;
    if (std::find(m_coloured.begin(), m_coloured.end(), expert) == m_coloured.end())
        m_coloured.push_back(expert);
}

bool FirstChoiceColours::hasOwnColour(int expert) const
{
    if (expert < 0 || expert >= m_expertCount)
        return false;
    return byExpert() || std::find(m_coloured.begin(), m_coloured.end(), expert) != m_coloured.end();
}

QColor FirstChoiceColours::color(int expert) const
{
    if (byExpert())
        return ExpertPalette::color(expert);
    const auto it = std::find(m_coloured.begin(), m_coloured.end(), expert);
    if (it == m_coloured.end())
        return otherColor();
    return QColor::fromRgb(kColors[static_cast<size_t>(it - m_coloured.begin())]);
}

QColor FirstChoiceColours::otherColor()
{
    return QColor::fromRgb(kColors.back());
}

} // namespace ExpertPalette

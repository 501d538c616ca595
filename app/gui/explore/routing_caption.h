// Plain words for what one layer's router did with one token, for the caption under the token
// strip, plus the gate percentages the explore views share.
#pragma once

#include "moe/routing.h"

#include <QString>

#include <vector>

// "The router in layer 2 sent '␣6' to expert 4 (71%) and expert 7 (29%). The other 6 experts
// slept." The token's spaces, new lines and control characters show as the token strip shows them
// (visibleText). Layers and experts are 0-based here, 1-based in the text. Empty when the routing has no
// such layer. A note about switched-off experts is the caller's to add.
QString describeRouting(const QString& tokenText, const moe::TokenRouting& routing, int layer, int nExpert);

// The chosen experts' gate weights as whole percentages that add up to exactly 100 (largest
// remainder), so the grid, chart and caption never show "71% + 30%".
std::vector<int> gatePercents(const moe::LayerRouting& layer);

// The Mixtral router for one token: softmax over all experts, top-k, gates renormalised over the chosen.
#pragma once

#include "moe/routing.h"

namespace moe {

// logits: (nExpert) router outputs. disabled: nullptr or (nExpert) flags; a disabled expert is never
// chosen. out.probs must hold nExpert floats and out.experts/out.gates the number to choose (<= the
// enabled experts). Fills the real softmax, the chosen experts (highest probability first, ties to
// the lower index) and their gates, which sum to 1.
void routeToken(const float* logits, int nExpert, const unsigned char* disabled, LayerRouting& out);

} // namespace moe

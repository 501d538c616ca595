// Every token (prompt and generated) of one moe::generate run, with its routing: the real data
// app tests feed their views and models with.
#pragma once

#include "moe/generation.h"
#include "moe/model.h"
#include "moe/routing.h"

#include <memory>
#include <vector>

namespace moe::test {

std::vector<GeneratedToken> generatedTokens(std::shared_ptr<const Model> model,
                                            const GenerationRequest& request,
                                            const RoutingOverride& routing = {});

} // namespace moe::test

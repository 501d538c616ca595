// Compare tests' input: a run recorded the way the Compare page records one, from a tiny model.
#pragma once

#include "compare/compare_stats.h"
#include "generated_tokens.h"

#include "moe/generation.h"

#include <cstdint>
#include <memory>
#include <string>

namespace moe::test {

// `maxTokens` tokens after `prompt`, never stopping at the end of text, with a fixed seed (and
// temperature; 0 is greedy) so that every test run sees the same routing.
inline CompareRun compareRun(const std::shared_ptr<const Model>& model, const std::string& prompt,
                             int maxTokens, const QString& label, uint64_t seed, float temperature = 0.0f)
{
    GenerationRequest request;
    request.prompt = prompt;
    request.maxTokens = maxTokens;
    request.sampler.seed = seed;
    request.sampler.temperature = temperature;
    request.stopAtEndOfText = false;
    return CompareRun{label, generatedTokens(model, request)};
}

} // namespace moe::test

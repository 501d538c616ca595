// Compare tests' input: a run recorded the way the Compare page records one, in a TraceModel, from
// a tiny model.
#pragma once

#include "generated_tokens.h"
#include "run/trace_model.h"

#include "moe/generation.h"

#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <memory>
#include <string>

namespace moe::test {

// Starts `trace` afresh for `model` and appends `tokens`, as the page does token by token; a token
// the trace refuses stops the test, since every figure after it would be about a different run.
inline void recordTrace(TraceModel& trace, const ModelConfig& config,
                        const std::vector<GeneratedToken>& tokens,
                        const QString& modelName = QStringLiteral("test"))
{
    trace.reset(config, {}, modelName);
    for (const GeneratedToken& token : tokens)
        if (!trace.append(token))
            qFatal("recordTrace: the trace refused token %d", token.id);
}

// Records into `trace` `maxTokens` tokens after `prompt`, never stopping at the end of text, with a
// fixed seed (and temperature; 0 is greedy) so that every test run sees the same routing.
inline void recordRun(TraceModel& trace, const std::shared_ptr<const Model>& model, const std::string& prompt,
                      int maxTokens, uint64_t seed, float temperature = 0.0f)
{
    GenerationRequest request;
    request.prompt = prompt;
    request.maxTokens = maxTokens;
    request.sampler.seed = seed;
    request.sampler.temperature = temperature;
    request.stopAtEndOfText = false;
    recordTrace(trace, model->config(), generatedTokens(model, request),
                QString::fromStdString(model->name()));
}

} // namespace moe::test

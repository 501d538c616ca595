// Meta-type registration and the mapping of the app's run settings onto the core's request.
#include "run/run_types.h"

moe::SamplerSettings GenerationSettings::samplerSettings() const
{
    moe::SamplerSettings sampler;
    sampler.temperature = temperature;
    sampler.topK = samplerTopK;
    sampler.topP = topP;
    sampler.seed = seed;
    return sampler;
}

moe::GenerationRequest GenerationSettings::request(const QString& prompt) const
{
    moe::GenerationRequest request;
    request.prompt = prompt.toStdString();
    request.maxTokens = maxTokens;
    request.minTokens = minTokens;
    request.sampler = samplerSettings();
    return request;
}

void registerRunMetaTypes()
{
    // The names must match the signal signatures, which spell the types with their namespace.
    qRegisterMetaType<moe::GeneratedToken>("moe::GeneratedToken");
    qRegisterMetaType<moe::FinishReason>("moe::FinishReason");
    qRegisterMetaType<GenerationSettings>("GenerationSettings");
}

// The values that travel between the GUI thread and the generation worker: the settings of one
// run, and the core's token and finish reason, registered as Qt metatypes so they can cross
// queued connections.
#pragma once

#include "moe/generation.h"
#include "moe/routing.h"
#include "moe/sampler.h"

#include <QMetaType>
#include <QString>

#include <cstdint>

struct GenerationSettings {
    int maxTokens = 48;       // tokens to generate after the prompt
    int minTokens = 0;        // end of text is not allowed before this many
    float temperature = 0.0f; // 0: greedy
    uint64_t seed = 42;
    int samplerTopK = 0; // 0: all tokens (the sampler's top-k, not the router's)
    float topP = 1.0f;
    int delayMs = 0;              // pause between shown tokens (GenerationController::start applies it)
    moe::RoutingOverride routing; // the lab's experiment: router top-k, experts switched off

    moe::SamplerSettings samplerSettings() const;
    // The core's request for this prompt (UTF-8 bytes of the text).
    moe::GenerationRequest request(const QString& prompt) const;
};

Q_DECLARE_METATYPE(moe::GeneratedToken)
Q_DECLARE_METATYPE(moe::FinishReason)
Q_DECLARE_METATYPE(GenerationSettings)

// Registers the types above with Qt's meta-type system; cheap and safe to call more than once.
void registerRunMetaTypes();

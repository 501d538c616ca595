// The read-then-write loop shared by the CLI and the app: encode the prompt, prefill it, then sample
// and step one token at a time, reporting every prompt and generated token with its routing.
#pragma once

#include "moe/routing.h"
#include "moe/sampler.h"
#include "moe/session.h"

#include <functional>
#include <string>
#include <vector>

namespace moe {

enum class FinishReason { MaxTokens, EndOfText, ContextFull, Stopped };
const char* finishReasonName(FinishReason reason);

struct GenerationRequest {
    std::string prompt; // any bytes
    int maxTokens = 64; // tokens to generate after the prompt
    SamplerSettings sampler;
    bool stopAtEndOfText = true;
    // End of text may not be sampled before this many tokens are written (its logit is masked), so
    // a prompt the model would close at once still gets a continuation to look at.
    int minTokens = 0;
};

struct GeneratedToken {
    int id = 0;
    std::string bytes;   // what this token stands for (may be part of a UTF-8 character)
    bool prompt = false; // read from the prompt (incl. BOS) rather than generated
    TokenRouting routing;
};

// Called for every token in order; return false to stop after it (FinishReason::Stopped).
using TokenCallback = std::function<bool(const GeneratedToken&)>;

// The prompt's token ids as the model reads them: BOS first when the tokenizer adds it.
std::vector<int> promptTokens(const Tokenizer& tokenizer, std::string_view prompt);

// Runs from an empty cache (resets the session). Throws std::invalid_argument when the prompt is
// empty or does not fit in the context, before any model work.
FinishReason generate(Session& session, const GenerationRequest& request, const TokenCallback& onToken);

} // namespace moe

// The generation loop. The first prompt token runs alone (its routing shows at once), the rest of the
// prompt in one batched prefill; generated tokens one step each.
#include "moe/generation.h"

#include <algorithm>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>

namespace moe {

const char* finishReasonName(FinishReason reason)
{
    switch (reason) {
    case FinishReason::MaxTokens:
        return "max-tokens";
    case FinishReason::EndOfText:
        return "end-of-text";
    case FinishReason::ContextFull:
        return "context-full";
    case FinishReason::Stopped:
        return "stopped";
    }
    return "?";
}

std::vector<int> promptTokens(const Tokenizer& tokenizer, std::string_view prompt)
{
    std::vector<int> ids;
    if (tokenizer.addBos())
        ids.push_back(tokenizer.bosId());
    const std::vector<int> text = tokenizer.encode(prompt);
    ids.insert(ids.end(), text.begin(), text.end());
    return ids;
}

FinishReason generate(Session& session, const GenerationRequest& request, const TokenCallback& onToken)
{
    if (request.prompt.empty())
        throw std::invalid_argument("the prompt is empty: type a few words or a sum to start from");
    if (request.maxTokens < 0)
        throw std::invalid_argument("max tokens must be >= 0, got " + std::to_string(request.maxTokens));
    const Tokenizer& tokenizer = session.model().tokenizer();
    const std::vector<int> prompt = promptTokens(tokenizer, request.prompt);
    if (static_cast<int>(prompt.size()) > session.contextLength())
        throw std::invalid_argument("the prompt has " + std::to_string(prompt.size()) +
                                    " tokens, but the model's context holds " +
                                    std::to_string(session.contextLength()));
    Sampler sampler(request.sampler);
    Eigen::VectorXf masked; // the logits with end of text masked, while minTokens is not reached
    const int eos = tokenizer.eosId();

    session.reset();
    // The first token alone, then the rest in one batch: its routing is on screen after one token's
    // work, even when a big file's experts still come from disk (prefill equals step, bit for bit).
    const std::span<const int> all(prompt);
    const size_t head = std::min<size_t>(1, all.size());
    for (const std::span<const int> part : {all.first(head), all.subspan(head)}) {
        if (part.empty())
            continue;
        const std::vector<TokenRouting> routings = session.prefill(part);
        for (size_t i = 0; i < part.size(); ++i) {
            GeneratedToken token{part[i], tokenizer.tokenBytes(part[i]), true, routings[i]};
            if (!onToken(token))
                return FinishReason::Stopped;
        }
    }
    for (int generated = 0; generated < request.maxTokens; ++generated) {
        if (session.position() >= session.contextLength())
            return FinishReason::ContextFull;
        const Eigen::VectorXf& logits = session.logits();
        const bool maskEos = generated < request.minTokens && eos >= 0 && eos < logits.size();
        if (maskEos) {
            masked = logits;
            masked[eos] = -std::numeric_limits<float>::infinity();
        }
        const Eigen::VectorXf& scores = maskEos ? masked : logits;
        const int next =
            sampler.pick(std::span<const float>(scores.data(), static_cast<size_t>(scores.size())));
        if (request.stopAtEndOfText && next == eos)
            return FinishReason::EndOfText;
        GeneratedToken token{next, tokenizer.tokenBytes(next), false, session.step(next)};
        if (!onToken(token))
            return FinishReason::Stopped;
    }
    return FinishReason::MaxTokens;
}

} // namespace moe

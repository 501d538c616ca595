// Math exact match: greedy continuation of a held-out problem's prompt.
#include "moe/eval.h"
#include "moe/generation.h"

#include <numeric>

namespace moe {

std::string greedyContinuation(Session& session, std::string_view prompt, int maxTokens)
{
    GenerationRequest request;
    request.prompt = std::string(prompt);
    request.maxTokens = maxTokens;
    request.sampler.temperature = 0.0f; // greedy
    std::string continuation;
    generate(session, request, [&continuation](const GeneratedToken& token) {
        if (token.prompt)
            return true;
        continuation += token.bytes;
        return continuation.find('\n') == std::string::npos; // an answer line ends at its newline
    });
    return continuation;
}

bool solvesProblem(Session& session, const MathProblem& problem)
{
    return isCorrectContinuation(
        problem, greedyContinuation(session, problem.prompt, problem.maxContinuationTokens()));
}

void MathScore::add(MathKind kind, bool isCorrect)
{
    ++asked[static_cast<size_t>(kind)];
    correct[static_cast<size_t>(kind)] += isCorrect ? 1 : 0;
}

double MathScore::accuracy(MathKind kind) const
{
    const size_t k = static_cast<size_t>(kind);
    return asked[k] > 0 ? static_cast<double>(correct[k]) / asked[k] : 0.0;
}

int MathScore::totalAsked() const
{
    return std::accumulate(asked.begin(), asked.end(), 0);
}

int MathScore::totalCorrect() const
{
    return std::accumulate(correct.begin(), correct.end(), 0);
}

double MathScore::overall() const
{
    return totalAsked() > 0 ? static_cast<double>(totalCorrect()) / totalAsked() : 0.0;
}

} // namespace moe

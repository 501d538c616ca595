#include "generated_tokens.h"

#include "moe/session.h"

namespace moe::test {

std::vector<GeneratedToken> generatedTokens(std::shared_ptr<const Model> model,
                                            const GenerationRequest& request, const RoutingOverride& routing)
{
    Session session(std::move(model));
    session.setRoutingOverride(routing);
    std::vector<GeneratedToken> tokens;
    generate(session, request, [&tokens](const GeneratedToken& token) {
        tokens.push_back(token);
        return true;
    });
    return tokens;
}

} // namespace moe::test

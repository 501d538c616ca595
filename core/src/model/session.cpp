// Session: a running sequence over one model (KV cache, routing experiments), on top of ForwardPass.
#include "moe/session.h"

#include "forward_pass.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>

namespace moe {

struct Session::Impl {
    Impl(std::shared_ptr<const Model> model, int nCtx, int threads) : pass(std::move(model), nCtx, threads) {}

    // An empty record with the sizes run() fills: probs for every expert, k choices per layer.
    TokenRouting newRouting() const
    {
        const ModelConfig& c = pass.model().config();
        TokenRouting routing;
        routing.layers.resize(static_cast<size_t>(c.nLayer));
        for (int l = 0; l < c.nLayer; ++l) {
            LayerRouting& r = routing.layers[static_cast<size_t>(l)];
            r.probs.resize(static_cast<size_t>(c.nExpert));
            r.experts.resize(static_cast<size_t>(pass.topK(l)));
            r.gates.resize(static_cast<size_t>(pass.topK(l)));
        }
        return routing;
    }

    ForwardPass pass;
    RoutingOverride routingOverride;
};

namespace {

int contextFor(const Model& model, const SessionOptions& options)
{
    if (options.contextLength < 0)
        throw std::invalid_argument("session context length " + std::to_string(options.contextLength) +
                                    " is negative");
    return options.contextLength > 0 ? options.contextLength : model.config().nCtx;
}

} // namespace

Session::Session(std::shared_ptr<const Model> model, SessionOptions options)
{
    if (!model)
        throw std::invalid_argument("Session needs a model");
    const int nCtx = contextFor(*model, options);
    m_impl = std::make_unique<Impl>(std::move(model), nCtx, options.threads);
}

Session::~Session() = default;

TokenRouting Session::step(int token)
{
    assert(position() < contextLength()); // callers check position() against contextLength()
    TokenRouting routing = m_impl->newRouting();
    m_impl->pass.run(&token, 1, &routing, /*wantLogits=*/true);
    return routing;
}

std::vector<TokenRouting> Session::prefill(std::span<const int> tokens,
                                           std::vector<std::vector<float>>* hiddenOut)
{
    assert(position() + static_cast<int>(tokens.size()) <= contextLength());
    std::vector<TokenRouting> routing;
    routing.reserve(tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i)
        routing.push_back(m_impl->newRouting());
    if (hiddenOut)
        hiddenOut->clear();
    ForwardPass& pass = m_impl->pass;
    const int nEmbd = pass.model().config().nEmbd;
    for (size_t begin = 0; begin < tokens.size(); begin += static_cast<size_t>(pass.batchCapacity())) {
        const int n =
            static_cast<int>(std::min(tokens.size() - begin, static_cast<size_t>(pass.batchCapacity())));
        const bool last = begin + static_cast<size_t>(n) == tokens.size();
        pass.run(tokens.data() + begin, n, routing.data() + begin, /*wantLogits=*/last);
        if (hiddenOut) {
            for (int t = 0; t < n; ++t)
                hiddenOut->emplace_back(pass.hiddenRow(t), pass.hiddenRow(t) + nEmbd);
        }
    }
    return routing;
}

const Eigen::VectorXf& Session::logits() const
{
    return m_impl->pass.logits();
}

const Eigen::VectorXf& Session::hidden() const
{
    return m_impl->pass.hidden();
}

int Session::position() const
{
    return m_impl->pass.position();
}

int Session::contextLength() const
{
    return m_impl->pass.contextLength();
}

void Session::reset()
{
    m_impl->pass.reset();
}

void Session::setRoutingOverride(const RoutingOverride& routing)
{
    const ModelConfig& c = m_impl->pass.model().config();
    if (routing.topK < 0 || routing.topK > c.nExpert)
        throw std::invalid_argument("routing override top-k " + std::to_string(routing.topK) +
                                    " is not in [0, " + std::to_string(c.nExpert) + "]");
    if (!routing.disabled.empty() && static_cast<int>(routing.disabled.size()) != c.nLayer)
        throw std::invalid_argument("routing override disables experts for " +
                                    std::to_string(routing.disabled.size()) + " layers, the model has " +
                                    std::to_string(c.nLayer));
    const int k = routing.topK == 0 ? c.nExpertUsed : routing.topK;
    std::vector<int> topK(static_cast<size_t>(c.nLayer), k);
    std::vector<unsigned char> flags(static_cast<size_t>(c.nLayer * c.nExpert), 0);
    for (size_t l = 0; l < routing.disabled.size(); ++l) {
        const std::vector<bool>& layer = routing.disabled[l];
        if (!layer.empty() && static_cast<int>(layer.size()) != c.nExpert)
            throw std::invalid_argument("routing override for layer " + std::to_string(l) + " has " +
                                        std::to_string(layer.size()) + " experts, the model has " +
                                        std::to_string(c.nExpert));
        int enabled = c.nExpert;
        for (size_t e = 0; e < layer.size(); ++e) {
            flags[l * static_cast<size_t>(c.nExpert) + e] = layer[e] ? 1 : 0;
            enabled -= layer[e] ? 1 : 0;
        }
        if (enabled == 0)
            throw std::invalid_argument("routing override disables every expert of layer " +
                                        std::to_string(l));
        topK[l] = std::min(k, enabled); // fewer experts left than k: all of them
    }
    m_impl->pass.setRouting(std::move(topK), std::move(flags));
    m_impl->routingOverride = routing;
}

const RoutingOverride& Session::routingOverride() const
{
    return m_impl->routingOverride;
}

const Model& Session::model() const
{
    return m_impl->pass.model();
}

} // namespace moe

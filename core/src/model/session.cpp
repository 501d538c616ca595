// Session: a running sequence over one model (KV cache, routing experiments), on top of ForwardPass.
#include "moe/session.h"

#include "forward_pass.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace moe {

struct Session::Impl {
    Impl(std::shared_ptr<const Model> model, int nCtx, int threads) : pass(std::move(model), nCtx, threads) {}

    // An empty record with the sizes run() fills: probs for every expert, k choices per layer;
    // nothing in a dense layer, which routes nothing.
    TokenRouting newRouting() const
    {
        const ModelConfig& c = pass.model().config();
        TokenRouting routing;
        routing.layers.resize(static_cast<size_t>(c.nLayer));
        for (int l = 0; l < c.nLayer; ++l) {
            LayerRouting& r = routing.layers[static_cast<size_t>(l)];
            if (c.isDenseLayer(l))
                continue;
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

// A file may declare any llama.context_length up to 2^20, and a session of the model's context
// sizes its buffers by it: refuse beyond this rather than allocate (and zero) gigabytes.
constexpr uint64_t kMaxContextBytes = uint64_t{1} << 30;

// Bytes of the buffers that grow with the context: the KV cache, the RoPE table (cos and sin of
// half a head per position) and each thread's attention scores (one row per query head of a group).
// Saturates instead of overflowing (any thread count is accepted here).
uint64_t contextBytes(const ModelConfig& c, int nCtx, int threads)
{
    const auto kvDim = static_cast<uint64_t>(c.nHeadKv) * static_cast<uint64_t>(c.keyDim() + c.valueDim());
    const uint64_t perPosition = // below 2^48 for validated configs
        static_cast<uint64_t>(c.nLayer) * kvDim + static_cast<uint64_t>(c.rotaryDims()) +
        static_cast<uint64_t>(std::max(threads, 1)) * static_cast<uint64_t>(c.nHead / c.nHeadKv);
    const uint64_t perFloat = static_cast<uint64_t>(std::max(nCtx, 1)) * sizeof(float);
    return perPosition > UINT64_MAX / perFloat ? UINT64_MAX : perPosition * perFloat;
}

std::string mebibytes(uint64_t bytes)
{
    return std::to_string((bytes + (uint64_t{1} << 20) - 1) >> 20) + " MiB";
}

int contextFor(const Model& model, const SessionOptions& options)
{
    if (options.contextLength < 0)
        throw std::invalid_argument("session context length " + std::to_string(options.contextLength) +
                                    " is negative");
    const int nCtx = options.contextLength > 0 ? options.contextLength : model.config().nCtx;
    const uint64_t bytes = contextBytes(model.config(), nCtx, options.threads);
    if (bytes > kMaxContextBytes)
        throw std::invalid_argument(
            "session context length " + std::to_string(nCtx) +
            (options.contextLength > 0 ? std::string()
                                       : " (llama.context_length of " + model.file().source() + ")") +
            " needs " + mebibytes(bytes) +
            " for the KV cache and attention buffers, more than the limit of " + mebibytes(kMaxContextBytes) +
            "; ask for a shorter SessionOptions.contextLength");
    return nCtx;
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
    m_impl->pass.setRouting(planRouting(m_impl->pass.model().config(), routing));
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

void Session::setQuantisedInputObserver(QuantisedInputObserver observer)
{
    m_impl->pass.setQuantisedInputObserver(std::move(observer));
}

} // namespace moe

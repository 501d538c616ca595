// Routing experiments and what a token costs under them: active vs total parameters, FLOPs.
#include "moe/analysis.h"

#include "model_layout.h"
#include "router.h"

#include <stdexcept>
#include <string>

namespace moe {

namespace {

// Weight-matrix multiply-adds per token that do not depend on the routed experts: attention,
// routers, shared experts, dense layers and the output matrix, from the file's real tensors.
int64_t sharedMatrixParameters(const ModelConfig& c)
{
    int64_t n = 0;
    for (const TensorSpec& spec : modelLayout(c)) {
        const bool matrix = spec.role == TensorRole::Matrix || spec.role == TensorRole::Router ||
                            spec.role == TensorRole::Output;
        if (matrix || (spec.role == TensorRole::Embedding && c.tiedOutput)) // tied: the LM head reads it
            n += spec.elements();
    }
    return n;
}

int64_t routedExpertSlots(const ModelConfig& c)
{
    int64_t slots = 0;
    for (int l = 0; l < c.nLayer; ++l)
        slots += c.isDenseLayer(l) ? 0 : c.nExpert; // a dense layer has no routed experts to skip
    return slots;
}

} // namespace

RoutingOverride switchOffExperts(int nExpert, std::span<const int> expertPerLayer)
{
    RoutingOverride routing;
    for (size_t l = 0; l < expertPerLayer.size(); ++l) {
        const int e = expertPerLayer[l];
        if (e < 0 || e >= nExpert)
            throw std::invalid_argument("switch off experts: layer " + std::to_string(l) + " names expert " +
                                        std::to_string(e) + ", the model has " + std::to_string(nExpert));
        std::vector<bool> layer(static_cast<size_t>(nExpert), false);
        layer[static_cast<size_t>(e)] = true;
        routing.disabled.push_back(std::move(layer));
    }
    return routing;
}

double RoutingCost::activeFraction() const
{
    return totalParameters > 0 ? static_cast<double>(activeParameters) / static_cast<double>(totalParameters)
                               : 0.0;
}

RoutingCost routingCost(const ModelConfig& config, const RoutingOverride& routing)
{
    const ModelConfig& c = config;
    RoutingCost cost;
    try { // the rules a Session runs by, so that the cost matches what it runs
        cost.expertsPerLayer = planRouting(c, routing).topK;
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("routing cost: ") + e.what());
    }
    cost.totalParameters = c.totalParameters();
    int64_t expertsRun = 0;
    for (const int n : cost.expertsPerLayer)
        expertsRun += n;
    const int64_t unchosen = routedExpertSlots(c) - expertsRun;
    cost.activeParameters = cost.totalParameters - unchosen * c.expertParameters();
    cost.flopsPerToken = 2 * (sharedMatrixParameters(c) + expertsRun * c.expertParameters());
    cost.denseFlopsPerToken = 2 * (sharedMatrixParameters(c) + routedExpertSlots(c) * c.expertParameters());
    return cost;
}

int64_t activeParameters(const ModelConfig& config, const TokenRouting& token)
{
    if (static_cast<int>(token.layers.size()) != config.nLayer)
        throw std::invalid_argument("active parameters: a token routed through " +
                                    std::to_string(token.layers.size()) + " layers, the model has " +
                                    std::to_string(config.nLayer));
    int64_t expertsRun = 0;
    for (const LayerRouting& layer : token.layers)
        expertsRun += static_cast<int64_t>(layer.experts.size());
    const int64_t unchosen = routedExpertSlots(config) - expertsRun;
    return config.totalParameters() - unchosen * config.expertParameters();
}

} // namespace moe

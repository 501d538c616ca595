// ExpertUsage: per-layer counts of routed slots (or gate mass) per expert.
#include "moe/analysis.h"

#include <cassert>
#include <stdexcept>
#include <string>

namespace moe {

ExpertUsage::ExpertUsage(int nLayer, int nExpert, UsageWeight weight) : m_nExpert(nExpert), m_weight(weight)
{
    if (nLayer < 1 || nExpert < 1)
        throw std::invalid_argument("expert usage needs at least one layer and one expert, got " +
                                    std::to_string(nLayer) + " layers and " + std::to_string(nExpert) +
                                    " experts");
    m_counts.assign(static_cast<size_t>(nLayer), std::vector<double>(static_cast<size_t>(nExpert), 0.0));
}

void ExpertUsage::add(const TokenRouting& token)
{
    if (token.layers.size() != m_counts.size())
        throw std::invalid_argument("expert usage: a token routed through " +
                                    std::to_string(token.layers.size()) + " layers, expected " +
                                    std::to_string(m_counts.size()));
    // Check the whole token before counting any of it, so a bad record leaves the usage unchanged.
    for (size_t l = 0; l < token.layers.size(); ++l) {
        const LayerRouting& layer = token.layers[l];
        if (m_weight == UsageWeight::Gates && layer.gates.size() != layer.experts.size())
            throw std::invalid_argument("expert usage: layer " + std::to_string(l) + " has " +
                                        std::to_string(layer.experts.size()) + " experts but " +
                                        std::to_string(layer.gates.size()) + " gates");
        for (const int e : layer.experts) {
            if (e < 0 || e >= m_nExpert)
                throw std::invalid_argument("expert usage: layer " + std::to_string(l) + " chose expert " +
                                            std::to_string(e) + ", the model has " +
                                            std::to_string(m_nExpert));
        }
    }
    for (size_t l = 0; l < token.layers.size(); ++l) {
        const LayerRouting& layer = token.layers[l];
        for (size_t j = 0; j < layer.experts.size(); ++j)
            m_counts[l][static_cast<size_t>(layer.experts[j])] +=
                m_weight == UsageWeight::Slots ? 1.0 : static_cast<double>(layer.gates[j]);
    }
    ++m_tokens;
}

void ExpertUsage::merge(const ExpertUsage& other)
{
    if (other.layers() != layers() || other.m_nExpert != m_nExpert || other.m_weight != m_weight)
        throw std::invalid_argument(
            "expert usage: cannot merge a usage of " + std::to_string(other.layers()) + " layers x " +
            std::to_string(other.m_nExpert) + " experts into one of " + std::to_string(layers()) + " x " +
            std::to_string(m_nExpert) + " (or the weighting differs)");
    for (size_t l = 0; l < m_counts.size(); ++l)
        for (size_t e = 0; e < m_counts[l].size(); ++e)
            m_counts[l][e] += other.m_counts[l][e];
    m_tokens += other.m_tokens;
}

double ExpertUsage::count(int layer, int expert) const
{
    assert(layer >= 0 && layer < layers() && expert >= 0 && expert < m_nExpert);
    return m_counts[static_cast<size_t>(layer)][static_cast<size_t>(expert)];
}

double ExpertUsage::layerTotal(int layer) const
{
    assert(layer >= 0 && layer < layers());
    double total = 0;
    for (const double c : m_counts[static_cast<size_t>(layer)])
        total += c;
    return total;
}

std::vector<double> ExpertUsage::shares(int layer) const
{
    std::vector<double> out = m_counts[static_cast<size_t>(layer)];
    const double total = layerTotal(layer);
    for (double& s : out)
        s = total > 0 ? s / total : 0.0;
    return out;
}

std::vector<std::vector<double>> ExpertUsage::shares() const
{
    std::vector<std::vector<double>> out;
    for (int l = 0; l < layers(); ++l)
        out.push_back(shares(l));
    return out;
}

ExpertUsage expertUsage(std::span<const TokenRouting> routings, UsageWeight weight)
{
    if (routings.empty() || routings.front().layers.empty())
        return {};
    ExpertUsage usage(static_cast<int>(routings.front().layers.size()), routings.front().expertCount(),
                      weight);
    for (const TokenRouting& token : routings)
        usage.add(token);
    return usage;
}

ExpertUsage expertUsage(std::span<const TokenRouting> routings, std::span<const int> tokenIds,
                        const std::vector<bool>& keep, UsageWeight weight)
{
    if (tokenIds.size() != routings.size())
        throw std::invalid_argument("expert usage: " + std::to_string(tokenIds.size()) + " token ids for " +
                                    std::to_string(routings.size()) + " routed tokens");
    if (routings.empty() || routings.front().layers.empty())
        return {};
    ExpertUsage usage(static_cast<int>(routings.front().layers.size()), routings.front().expertCount(),
                      weight);
    for (size_t i = 0; i < routings.size(); ++i) {
        const int id = tokenIds[i];
        if (id >= 0 && static_cast<size_t>(id) < keep.size() && keep[static_cast<size_t>(id)])
            usage.add(routings[i]);
    }
    return usage;
}

ExpertShare leastUsedExpert(const ExpertUsage& usage)
{
    if (usage.tokens() == 0)
        throw std::invalid_argument("least used expert: the usage has no tokens");
    ExpertShare least{0, 0, 2.0};
    for (int l = 0; l < usage.layers(); ++l) {
        const std::vector<double> shares = usage.shares(l);
        for (int e = 0; e < usage.experts(); ++e) {
            if (shares[static_cast<size_t>(e)] < least.share)
                least = {l, e, shares[static_cast<size_t>(e)]};
        }
    }
    return least;
}

std::vector<ExpertShare> expertsBelow(const ExpertUsage& usage, double minShare)
{
    std::vector<ExpertShare> out;
    for (int l = 0; l < usage.layers(); ++l) {
        const std::vector<double> shares = usage.shares(l);
        for (int e = 0; e < usage.experts(); ++e) {
            if (shares[static_cast<size_t>(e)] < minShare)
                out.push_back({l, e, shares[static_cast<size_t>(e)]});
        }
    }
    return out;
}

} // namespace moe

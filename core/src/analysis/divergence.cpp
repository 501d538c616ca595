// Jensen-Shannon divergence between usages, and which experts lean towards one text.
#include "moe/analysis.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace moe {

namespace {

double checkedTotal(std::span<const double> p, const char* name)
{
    double total = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        if (!std::isfinite(p[i]) || p[i] < 0)
            throw std::invalid_argument(std::string("JS divergence: distribution ") + name + " has entry " +
                                        std::to_string(i) + " = " + std::to_string(p[i]) +
                                        ", expected a finite non-negative weight");
        total += p[i];
    }
    if (!(total > 0))
        throw std::invalid_argument(std::string("JS divergence: distribution ") + name + " sums to zero");
    return total;
}

void requireSameShape(const ExpertUsage& a, const ExpertUsage& b, const char* what)
{
    if (a.layers() != b.layers() || a.experts() != b.experts())
        throw std::invalid_argument(std::string(what) + ": usages of " + std::to_string(a.layers()) + " x " +
                                    std::to_string(a.experts()) + " and " + std::to_string(b.layers()) +
                                    " x " + std::to_string(b.experts()) + " (layers x experts) differ");
}

} // namespace

double jsDivergenceBits(std::span<const double> p, std::span<const double> q)
{
    if (p.size() != q.size())
        throw std::invalid_argument("JS divergence: distributions of " + std::to_string(p.size()) + " and " +
                                    std::to_string(q.size()) + " entries");
    const double pTotal = checkedTotal(p, "p"), qTotal = checkedTotal(q, "q");
    // JS = H(m) - (H(p) + H(q)) / 2 written term by term: 0 * log 0 = 0, and m > 0 wherever p or q is.
    double js = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        const double pi = p[i] / pTotal, qi = q[i] / qTotal, mi = 0.5 * (pi + qi);
        if (pi > 0)
            js += 0.5 * pi * std::log2(pi / mi);
        if (qi > 0)
            js += 0.5 * qi * std::log2(qi / mi);
    }
    return std::clamp(js, 0.0, 1.0); // rounding can step a hair outside
}

std::vector<double> jsDivergenceBitsPerLayer(const ExpertUsage& a, const ExpertUsage& b)
{
    requireSameShape(a, b, "JS divergence per layer");
    std::vector<double> out;
    for (int l = 0; l < a.layers(); ++l) {
        if (a.layerTotal(l) > 0 && b.layerTotal(l) > 0)
            out.push_back(
                jsDivergenceBits(a.counts()[static_cast<size_t>(l)], b.counts()[static_cast<size_t>(l)]));
        else
            out.push_back(0.0);
    }
    return out;
}

std::vector<std::vector<double>> expertLeaning(const ExpertUsage& a, const ExpertUsage& b, Leaning measure)
{
    requireSameShape(a, b, "expert leaning");
    std::vector<std::vector<double>> out;
    const double n = a.experts();
    for (int l = 0; l < a.layers(); ++l) {
        std::vector<double> row;
        const double aTotal = a.layerTotal(l), bTotal = b.layerTotal(l);
        for (int e = 0; e < a.experts(); ++e) {
            if (measure == Leaning::ShareDifference) {
                const double sa = aTotal > 0 ? a.count(l, e) / aTotal : 0.0;
                const double sb = bTotal > 0 ? b.count(l, e) / bTotal : 0.0;
                row.push_back(sa - sb);
            } else {
                const double sa = (a.count(l, e) + 0.5) / (aTotal + 0.5 * n);
                const double sb = (b.count(l, e) + 0.5) / (bTotal + 0.5 * n);
                row.push_back(std::log2(sa / sb));
            }
        }
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<int> mostLeaningExperts(const ExpertUsage& a, const ExpertUsage& b)
{
    const std::vector<std::vector<double>> leaning = expertLeaning(a, b, Leaning::ShareDifference);
    std::vector<int> out;
    for (const std::vector<double>& row : leaning) {
        int best = 0;
        for (size_t e = 1; e < row.size(); ++e) {
            if (row[e] > row[static_cast<size_t>(best)])
                best = static_cast<int>(e);
        }
        out.push_back(best);
    }
    return out;
}

} // namespace moe

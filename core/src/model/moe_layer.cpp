// The MoE feed-forward block: route every token, run each expert once on all the tokens routed to
// it (a gathered batch), and sum the expert outputs weighted by the gates.
#include "forward_pass.h"

#include "kernels.h"
#include "router.h"

#include <algorithm>
#include <cassert>

namespace moe {

void ForwardPass::mixExperts(int layer, int n, TokenRouting* routing)
{
    const LayerWeights& w = m_w.layers[static_cast<size_t>(layer)];
    const int d = m_cfg.nEmbd, ff = m_cfg.nFf, nExpert = m_cfg.nExpert;
    const int k = m_topK[static_cast<size_t>(layer)];
    const auto maxK = m_slotOf.size() / static_cast<size_t>(m_batch);

    // The router is small (nExpert rows): the calling thread runs it alone.
    if (n == 1)
        kernels::matVecRows(w.router, m_xn.data(), m_routerLogits.data(), 0, nExpert);
    else
        kernels::matMatRows(w.router, m_xn.data(), n, d, m_routerLogits.data(), nExpert, 0, nExpert);
    const unsigned char* disabled = m_disabled.data() + static_cast<size_t>(layer) * nExpert;
    std::fill(m_expertCount.begin(), m_expertCount.end(), 0);
    for (int t = 0; t < n; ++t) {
        LayerRouting& r = routing[t].layers[static_cast<size_t>(layer)];
        assert(static_cast<int>(r.experts.size()) == k);
        routeToken(m_routerLogits.data() + static_cast<size_t>(t) * nExpert, nExpert, disabled, r);
        for (int e : r.experts)
            ++m_expertCount[static_cast<size_t>(e)];
    }

    // Gather: expert e's tokens occupy slots [start[e], start[e] + count[e]).
    int next = 0;
    for (int e = 0; e < nExpert; ++e) {
        m_expertStart[static_cast<size_t>(e)] = next;
        next += m_expertCount[static_cast<size_t>(e)];
    }
    const int slots = next;
    std::fill(m_expertCount.begin(), m_expertCount.end(), 0); // reused as the fill level
    for (int t = 0; t < n; ++t) {
        const LayerRouting& r = routing[t].layers[static_cast<size_t>(layer)];
        for (int j = 0; j < k; ++j) {
            const auto e = static_cast<size_t>(r.experts[static_cast<size_t>(j)]);
            const int slot = m_expertStart[e] + m_expertCount[e]++;
            m_slotOf[static_cast<size_t>(t) * maxK + static_cast<size_t>(j)] = slot;
            const float* src = m_xn.data() + static_cast<size_t>(t) * d;
            std::copy(src, src + d, m_slotIn.data() + static_cast<size_t>(slot) * d);
        }
    }

    // down_e(silu(gate_e x) * up_e x) for every expert with tokens: gate and up in one parallel call.
    for (int e = 0; e < nExpert; ++e) {
        const int count = m_expertCount[static_cast<size_t>(e)];
        if (count == 0)
            continue;
        const size_t start = static_cast<size_t>(m_expertStart[static_cast<size_t>(e)]);
        addJob(w.gate[static_cast<size_t>(e)], m_slotIn.data() + start * d, count, d,
               m_hGate.data() + start * ff, ff);
        addJob(w.up[static_cast<size_t>(e)], m_slotIn.data() + start * d, count, d, m_hUp.data() + start * ff,
               ff);
    }
    runJobs();
    swiglu(m_hGate.data(), m_hUp.data(), slots * ff);
    for (int e = 0; e < nExpert; ++e) {
        const int count = m_expertCount[static_cast<size_t>(e)];
        if (count == 0)
            continue;
        const size_t start = static_cast<size_t>(m_expertStart[static_cast<size_t>(e)]);
        addJob(w.down[static_cast<size_t>(e)], m_hGate.data() + start * ff, count, ff,
               m_slotOut.data() + start * d, d);
    }
    runJobs();

    // Weighted sum in the order of choice (highest first), the same for step() and prefill().
    for (int t = 0; t < n; ++t) {
        const LayerRouting& r = routing[t].layers[static_cast<size_t>(layer)];
        float* out = m_proj.data() + static_cast<size_t>(t) * d;
        std::fill(out, out + d, 0.0f);
        for (int j = 0; j < k; ++j) {
            const float gate = r.gates[static_cast<size_t>(j)];
            const float* y =
                m_slotOut.data() +
                static_cast<size_t>(m_slotOf[static_cast<size_t>(t) * maxK + static_cast<size_t>(j)]) * d;
            for (int i = 0; i < d; ++i)
                out[i] += gate * y[i];
        }
    }
}

} // namespace moe

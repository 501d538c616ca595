// The MoE feed-forward block: route every token, run each expert once on all the tokens routed to
// it (a gathered batch), and sum the expert outputs weighted by the gates.
#include "forward_pass.h"

#include "kernels.h"

#include <cassert>

namespace moe {

void ForwardPass::mixExperts(int layer, int n, TokenRouting* routing)
{
    const LayerWeights& w = m_w.layers[static_cast<size_t>(layer)];
    const int d = m_cfg.nEmbd, ff = m_cfg.nFf, nExpert = m_cfg.nExpert;
    const int k = topK(layer);
    const auto choices = [routing, layer](int t) -> LayerRouting& {
        return routing[t].layers[static_cast<size_t>(layer)];
    };

    // The router is small (nExpert rows): the calling thread runs it alone.
    if (n == 1)
        kernels::matVecRows(w.router, m_xn.data(), m_routerLogits.data(), 0, nExpert);
    else
        kernels::matMatRows(w.router, m_xn.data(), n, d, m_routerLogits.data(), nExpert, 0, nExpert);
    for (int t = 0; t < n; ++t) {
        LayerRouting& r = choices(t);
        assert(static_cast<int>(r.probs.size()) == nExpert && static_cast<int>(r.experts.size()) == k);
        routerForward(m_routerLogits.data() + static_cast<size_t>(t) * nExpert, nExpert,
                      m_routing.disabledIn(layer), k, r.probs.data(), r.experts.data(), r.gates.data());
    }
    m_dispatch.plan(n, k, [&](int t, int j) { return choices(t).experts[static_cast<size_t>(j)]; });
    m_dispatch.gather(m_xn.data(), d, m_slotIn.data());

    // down_e(silu(gate_e x) * up_e x) for every expert with tokens: gate and up in one parallel call.
    for (int e = 0; e < nExpert; ++e) {
        const int count = m_dispatch.count(e);
        if (count == 0)
            continue;
        const auto start = static_cast<size_t>(m_dispatch.start(e));
        addJob(w.gate[static_cast<size_t>(e)], m_slotIn.data() + start * d, count, d,
               m_hGate.data() + start * ff, ff);
        addJob(w.up[static_cast<size_t>(e)], m_slotIn.data() + start * d, count, d, m_hUp.data() + start * ff,
               ff);
    }
    runJobs();
    swiglu(m_hGate.data(), m_hUp.data(), m_dispatch.slots() * ff);
    for (int e = 0; e < nExpert; ++e) {
        const int count = m_dispatch.count(e);
        if (count == 0)
            continue;
        const auto start = static_cast<size_t>(m_dispatch.start(e));
        addJob(w.down[static_cast<size_t>(e)], m_hGate.data() + start * ff, count, ff,
               m_slotOut.data() + start * d, d);
    }
    runJobs();

    // Weighted sum in the order of choice (highest first), the same for step() and prefill().
    m_dispatch.scatter(
        m_slotOut.data(), d, [&](int t, int j) { return choices(t).gates[static_cast<size_t>(j)]; },
        m_proj.data());
}

} // namespace moe

// The feed-forward block: a dense FFN in deepseek2's leading layers; elsewhere route every token,
// run each expert once on all the tokens routed to it (a gathered batch), sum the expert outputs
// weighted by the gates, and add the always-on shared expert where the architecture has one.
#include "forward_pass.h"

#include "kernels.h"

#include <cassert>
#include <cmath>

namespace moe {

void ForwardPass::feedForward(int layer, int n, TokenRouting* routing)
{
    const LayerWeights& w = m_w.layers[static_cast<size_t>(layer)];
    if (m_cfg.isDenseLayer(layer)) {
        runFeedForward(w.dense, m_cfg.nFfDense, n, m_proj.data());
        return;
    }
    mixExperts(layer, n, routing);
    if (m_cfg.nFfShared > 0)
        addSharedExpert(w, n);
}

void ForwardPass::runFeedForward(const FeedForward& f, int width, int n, float* out)
{
    const int d = m_cfg.nEmbd;
    addJob(f.gate, m_xn.data(), n, d, m_hGate.data(), width);
    addJob(f.up, m_xn.data(), n, d, m_hUp.data(), width);
    runJobs();
    swiglu(m_hGate.data(), m_hUp.data(), n * width);
    addJob(f.down, m_hGate.data(), n, width, out, d);
    runJobs();
}

// qwen2moe scales the shared expert by sigmoid(gate_inp_shexp . x); deepseek2 adds it as it is.
void ForwardPass::addSharedExpert(const LayerWeights& w, int n)
{
    const int d = m_cfg.nEmbd;
    runFeedForward(w.shared, m_cfg.nFfShared, n, m_sharedOut.data());
    for (int t = 0; t < n; ++t) {
        const float* x = m_xn.data() + product(t, d);
        float gate = 1.0f;
        if (!w.sharedGate.empty()) {
            double logit = 0.0;
            for (int i = 0; i < d; ++i)
                logit += static_cast<double>(w.sharedGate[static_cast<size_t>(i)]) * x[i];
            gate = 1.0f / (1.0f + std::exp(-static_cast<float>(logit)));
        }
        float* out = m_proj.data() + product(t, d);
        const float* shared = m_sharedOut.data() + product(t, d);
        for (int i = 0; i < d; ++i)
            out[i] += shared[i] * gate;
    }
}

void ForwardPass::mixExperts(int layer, int n, TokenRouting* routing)
{
    const LayerWeights& w = m_w.layers[static_cast<size_t>(layer)];
    const int d = m_cfg.nEmbd, ff = m_cfg.nFf, nExpert = m_cfg.nExpert;
    const int k = topK(layer);
    const auto choices = [routing, layer](int t) -> LayerRouting& {
        return routing[t].layers[static_cast<size_t>(layer)];
    };
    const RouterSettings settings =
        RouterSettings::of(m_cfg, w.selectionBias.empty() ? nullptr : w.selectionBias.data());

    // The router is small (nExpert rows): the calling thread runs it alone.
    if (n == 1)
        kernels::matVecRows(w.router, m_xn.data(), m_routerLogits.data(), 0, nExpert);
    else
        kernels::matMatRows(w.router, m_xn.data(), n, d, m_routerLogits.data(), nExpert, 0, nExpert);
    for (int t = 0; t < n; ++t) {
        LayerRouting& r = choices(t);
        assert(static_cast<int>(r.probs.size()) == nExpert && static_cast<int>(r.experts.size()) == k);
        routeToken(m_routerLogits.data() + product(t, nExpert), nExpert, settings,
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
        const int* tokens = m_dispatch.slotTokens() + start;
        addJob(w.gate[static_cast<size_t>(e)], m_slotIn.data() + start * d, count, d,
               m_hGate.data() + start * ff, ff, tokens);
        addJob(w.up[static_cast<size_t>(e)], m_slotIn.data() + start * d, count, d, m_hUp.data() + start * ff,
               ff, tokens);
    }
    runJobs();
    swiglu(m_hGate.data(), m_hUp.data(), m_dispatch.slots() * ff);
    for (int e = 0; e < nExpert; ++e) {
        const int count = m_dispatch.count(e);
        if (count == 0)
            continue;
        const auto start = static_cast<size_t>(m_dispatch.start(e));
        addJob(w.down[static_cast<size_t>(e)], m_hGate.data() + start * ff, count, ff,
               m_slotOut.data() + start * d, d, m_dispatch.slotTokens() + start);
    }
    runJobs();

    // Weighted sum in the order of choice (highest first), the same for step() and prefill().
    m_dispatch.scatter(
        m_slotOut.data(), d, [&](int t, int j) { return choices(t).gates[static_cast<size_t>(j)]; },
        m_proj.data());
}

} // namespace moe

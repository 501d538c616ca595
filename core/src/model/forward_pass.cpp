// The layer loop of the llama MoE forward pass (shared/reference/gguf-mixtral.md section 3.4).
#include "forward_pass.h"

#include "kernels.h"

#include <algorithm>
#include <cassert>

namespace moe {

namespace {

constexpr int kMaxBatch = 64; // prompt tokens per batched pass: enough to reuse each weight row well

template <typename T> void resize(std::vector<T>& v, size_t n)
{
    v.assign(n, T{});
}

} // namespace

ForwardPass::ForwardPass(std::shared_ptr<const Model> model, int nCtx, int threads)
    : m_model(std::move(model)), m_cfg(m_model->config()), m_w(m_model->weights()), m_pool(threads),
      m_rope(nCtx, m_cfg.headDim(), m_cfg.ropeFreqBase), m_nCtx(nCtx), m_batch(std::min(kMaxBatch, nCtx)),
      m_kvDim(m_cfg.nHeadKv * m_cfg.headDim())
{
    const auto batch = static_cast<size_t>(m_batch), n = static_cast<size_t>(m_cfg.nEmbd);
    const size_t cache =
        static_cast<size_t>(m_cfg.nLayer) * static_cast<size_t>(nCtx) * static_cast<size_t>(m_kvDim);
    resize(m_keys, cache);
    resize(m_values, cache);
    for (std::vector<float>* v : {&m_x, &m_xn, &m_q, &m_att, &m_proj})
        resize(*v, batch * n);
    resize(m_routerLogits, batch * static_cast<size_t>(m_cfg.nExpert));
    resize(m_k, batch * static_cast<size_t>(m_kvDim));
    resize(m_v, batch * static_cast<size_t>(m_kvDim));
    resize(m_scores, static_cast<size_t>(m_pool.threadCount()) *
                         static_cast<size_t>(m_cfg.nHead / m_cfg.nHeadKv) * static_cast<size_t>(nCtx));
    m_jobs.reserve(static_cast<size_t>(2 * m_cfg.nExpert + 3));
    m_logits = Eigen::VectorXf::Zero(m_cfg.nVocab);
    m_hidden = Eigen::VectorXf::Zero(m_cfg.nEmbd);
    setRouting(planRouting(m_cfg, {}));
}

void ForwardPass::setRouting(RoutingPlan plan)
{
    assert(static_cast<int>(plan.topK.size()) == m_cfg.nLayer);
    assert(static_cast<int>(plan.disabled.size()) == m_cfg.nLayer * m_cfg.nExpert);
    m_routing = std::move(plan);
    const int maxK = m_routing.maxTopK();
    const size_t slots = static_cast<size_t>(m_batch) * static_cast<size_t>(maxK);
    m_dispatch.resize(m_cfg.nExpert, m_batch, maxK);
    resize(m_slotIn, slots * static_cast<size_t>(m_cfg.nEmbd));
    resize(m_slotOut, slots * static_cast<size_t>(m_cfg.nEmbd));
    resize(m_hGate, slots * static_cast<size_t>(m_cfg.nFf));
    resize(m_hUp, slots * static_cast<size_t>(m_cfg.nFf));
}

float* ForwardPass::keyAt(int layer, int kvHead, int pos)
{
    const size_t head = static_cast<size_t>(layer) * m_cfg.nHeadKv + static_cast<size_t>(kvHead);
    return m_keys.data() + (head * m_nCtx + static_cast<size_t>(pos)) * m_cfg.headDim();
}

float* ForwardPass::valueAt(int layer, int kvHead, int pos)
{
    const size_t head = static_cast<size_t>(layer) * m_cfg.nHeadKv + static_cast<size_t>(kvHead);
    return m_values.data() + (head * m_nCtx + static_cast<size_t>(pos)) * m_cfg.headDim();
}

void ForwardPass::storeKeysValues(int layer, int n)
{
    const int hd = m_cfg.headDim();
    for (int t = 0; t < n; ++t) {
        for (int g = 0; g < m_cfg.nHeadKv; ++g) {
            const size_t from = static_cast<size_t>(t) * m_kvDim + static_cast<size_t>(g) * hd;
            std::copy_n(m_k.data() + from, hd, keyAt(layer, g, m_pos + t));
            std::copy_n(m_v.data() + from, hd, valueAt(layer, g, m_pos + t));
        }
    }
}

void ForwardPass::addJob(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy)
{
    assert(m_jobs.size() < m_jobs.capacity()); // never reallocates inside run()
    m_jobs.push_back({&w, x, n, ldx, y, ldy});
}

void ForwardPass::runJobs()
{
    quantiseJobInputs(m_jobs, m_quantisedInputs);
    runMatJobs(m_pool, m_jobs);
    m_jobs.clear();
}

void ForwardPass::run(const int* tokens, int n, TokenRouting* routing, bool wantLogits)
{
    assert(n >= 1 && n <= m_batch);
    assert(m_pos + n <= m_nCtx);
    const int d = m_cfg.nEmbd, nHead = m_cfg.nHead, nHeadKv = m_cfg.nHeadKv;
    const auto row = [d](std::vector<float>& v, int t) { return v.data() + static_cast<size_t>(t) * d; };

    for (int t = 0; t < n; ++t) {
        assert(tokens[t] >= 0 && tokens[t] < m_cfg.nVocab);
        kernels::decodeWeightRow(m_w.tokenEmbd, tokens[t], row(m_x, t));
    }
    for (int l = 0; l < m_cfg.nLayer; ++l) {
        const LayerWeights& w = m_w.layers[static_cast<size_t>(l)];
        for (int t = 0; t < n; ++t)
            rmsNorm(row(m_x, t), w.attnNorm.data(), d, m_cfg.rmsEps, row(m_xn, t));
        addJob(w.wq, m_xn.data(), n, d, m_q.data(), d);
        addJob(w.wk, m_xn.data(), n, d, m_k.data(), m_kvDim);
        addJob(w.wv, m_xn.data(), n, d, m_v.data(), m_kvDim);
        runJobs();
        for (int t = 0; t < n; ++t) {
            m_rope.apply(row(m_q, t), nHead, m_pos + t);
            m_rope.apply(m_k.data() + static_cast<size_t>(t) * m_kvDim, nHeadKv, m_pos + t);
        }
        storeKeysValues(l, n);
        attention(l, n);
        addJob(w.wo, m_att.data(), n, d, m_proj.data(), d);
        runJobs();
        for (size_t i = 0; i < static_cast<size_t>(n) * d; ++i)
            m_x[i] += m_proj[i]; // residual

        for (int t = 0; t < n; ++t)
            rmsNorm(row(m_x, t), w.ffnNorm.data(), d, m_cfg.rmsEps, row(m_xn, t));
        mixExperts(l, n, routing);
        for (size_t i = 0; i < static_cast<size_t>(n) * d; ++i)
            m_x[i] += m_proj[i]; // residual
    }
    for (int t = 0; t < n; ++t)
        rmsNorm(row(m_x, t), m_w.outputNorm.data(), d, m_cfg.rmsEps, row(m_xn, t));
    const float* last = row(m_xn, n - 1);
    std::copy(last, last + d, m_hidden.data());
    if (wantLogits) {
        addJob(m_w.output, last, 1, d, m_logits.data(), m_cfg.nVocab);
        runJobs();
    }
    m_pos += n;
}

} // namespace moe

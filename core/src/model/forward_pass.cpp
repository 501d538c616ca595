// The layer loop of the MoE forward pass (shared/reference/gguf-mixtral.md section 3.4, and the
// architecture differences of shared/reference/moe-architectures.md sections 1-8).
#include "forward_pass.h"

#include "kernels.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace moe {

namespace {

constexpr int kMaxBatch = 64; // prompt tokens per batched pass: enough to reuse each weight row well

template <typename T> void resize(std::vector<T>& v, size_t n)
{
    v.assign(n, T{});
}

// RoPE as llama.cpp sets it up for this model and context length.
RopeParams ropeParams(const ModelConfig& c, const ModelWeights& w, int nCtx)
{
    RopeParams p;
    p.dims = c.rotaryDims();
    p.freqBase = c.ropeFreqBase;
    p.neox = usesNeoxRope(c.arch);
    p.freqScale = c.ropeFreqScale;
    p.yarn = c.ropeYarn;
    p.originalContext = c.ropeOriginalContext ? c.ropeOriginalContext : c.nCtx;
    p.attnFactor = c.ropeAttnFactor;
    // deepseek2 moves YaRN's magnitude factor into the attention scale (attentionScale()).
    if (c.arch == Architecture::Deepseek2)
        p.attnFactor = 1.0f / (1.0f + 0.1f * std::log(1.0f / c.ropeFreqScale));
    // LongRoPE: the long factors once the context exceeds the training context.
    if (c.ropeFactors)
        p.freqFactors = nCtx > p.originalContext ? w.ropeFactorsLong : w.ropeFactorsShort;
    return p;
}

} // namespace

ForwardPass::ForwardPass(std::shared_ptr<const Model> model, int nCtx, int threads)
    : m_model(std::move(model)), m_cfg(m_model->config()), m_w(m_model->weights()), m_pool(threads),
      m_rope(nCtx, ropeParams(m_cfg, m_w, nCtx)), m_nCtx(nCtx), m_batch(std::min(kMaxBatch, nCtx)),
      m_qDim(m_cfg.nHead * m_cfg.keyDim()), m_kDim(m_cfg.nHeadKv * m_cfg.keyDim()),
      m_vDim(m_cfg.nHeadKv * m_cfg.valueDim()), m_attDim(m_cfg.nHead * m_cfg.valueDim())
{
    const ModelConfig& c = m_cfg;
    const int batch = m_batch;
    resize(m_keys, product(c.nLayer, nCtx) * static_cast<size_t>(m_kDim));
    resize(m_values, product(c.nLayer, nCtx) * static_cast<size_t>(m_vDim));
    for (std::vector<float>* v : {&m_x, &m_xn, &m_proj, &m_sharedOut})
        resize(*v, product(batch, c.nEmbd));
    resize(m_q, product(batch, m_qDim));
    resize(m_k, product(batch, m_kDim));
    resize(m_v, product(batch, m_vDim));
    resize(m_att, product(batch, m_attDim));
    if (c.fusedQkv)
        resize(m_qkv, product(batch, m_qDim + m_kDim + m_vDim));
    if (c.arch == Architecture::Deepseek2) {
        resize(m_qLatent, product(batch, c.qLoraRank));
        resize(m_kvLatent, product(batch, c.kvLoraRank + c.rotaryDims()));
        resize(m_kvUp, product(batch, c.nHead * (c.keyDim() - c.rotaryDims() + c.valueDim())));
    }
    resize(m_routerLogits, product(batch, c.nExpert));
    resize(m_scores, product(m_pool.threadCount(), c.nHead / c.nHeadKv) * static_cast<size_t>(nCtx));
    m_jobs.reserve(static_cast<size_t>(2 * c.nExpert + 4));
    m_kqScale = attentionScale();
    m_logits = Eigen::VectorXf::Zero(c.nVocab);
    m_hidden = Eigen::VectorXf::Zero(c.nEmbd);
    setRouting(planRouting(c, {}));
}

void ForwardPass::setRouting(RoutingPlan plan)
{
    assert(static_cast<int>(plan.topK.size()) == m_cfg.nLayer);
    assert(static_cast<int>(plan.disabled.size()) == m_cfg.nLayer * m_cfg.nExpert);
    m_routing = std::move(plan);
    const int maxK = m_routing.maxTopK();
    const size_t slots = product(m_batch, maxK);
    m_dispatch.resize(m_cfg.nExpert, m_batch, maxK);
    resize(m_slotIn, slots * static_cast<size_t>(m_cfg.nEmbd));
    resize(m_slotOut, slots * static_cast<size_t>(m_cfg.nEmbd));
    // The routed experts and the dense or shared FFNs take turns with the hidden buffers.
    const size_t hidden = std::max(slots * static_cast<size_t>(m_cfg.nFf),
                                   product(m_batch, std::max(m_cfg.nFfShared, m_cfg.nFfDense)));
    resize(m_hGate, hidden);
    resize(m_hUp, hidden);
}

void ForwardPass::normalise(const NormWeights& norm, const float* x, float* out) const
{
    const int d = m_cfg.nEmbd;
    const float* bias = norm.bias.empty() ? nullptr : norm.bias.data();
    if (usesLayerNorm(m_cfg.arch)) {
        layerNorm(x, norm.weight.data(), bias, d, m_cfg.rmsEps, out);
        return;
    }
    rmsNorm(x, norm.weight.data(), d, m_cfg.rmsEps, out);
    if (bias) // phimoe: RMS-norm, then the bias
        for (int i = 0; i < d; ++i)
            out[i] += bias[i];
}

void ForwardPass::addJob(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy,
                         const int* tokens)
{
    assert(m_jobs.size() < m_jobs.capacity()); // never reallocates inside run()
    m_jobs.push_back({&w, x, n, ldx, y, ldy, nullptr, 0, tokens});
}

void ForwardPass::observeJobInputs() const
{
    for (const MatJob& job : m_jobs) {
        if (!kernels::quantisesActivations(job.w->type))
            continue;
        for (int i = 0; i < job.n; ++i) {
            const float* row = job.x + static_cast<size_t>(i) * static_cast<size_t>(job.ldx);
            const int token = job.tokens ? job.tokens[i] : i;
            m_observer({job.w, m_pos + token, {row, static_cast<size_t>(job.w->cols)}});
        }
    }
}

void ForwardPass::runJobs()
{
    if (m_observer)
        observeJobInputs();
    quantiseJobInputs(m_jobs, m_quantisedInputs);
    runMatJobs(m_pool, m_jobs);
    m_jobs.clear();
}

void ForwardPass::run(const int* tokens, int n, TokenRouting* routing, bool wantLogits)
{
    assert(n >= 1 && n <= m_batch);
    assert(m_pos + n <= m_nCtx);
    const int d = m_cfg.nEmbd;
    const size_t width = product(n, d);
    const auto row = [d](std::vector<float>& v, int t) { return v.data() + product(t, d); };
    // Granite scales the embeddings and both residual branches (0 = no scale).
    const auto addBranch = [&](float scale) {
        if (scale == 0.0f) {
            for (size_t i = 0; i < width; ++i)
                m_x[i] += m_proj[i];
            return;
        }
        for (size_t i = 0; i < width; ++i)
            m_x[i] += m_proj[i] * scale;
    };

    for (int t = 0; t < n; ++t) {
        assert(tokens[t] >= 0 && tokens[t] < m_cfg.nVocab);
        kernels::decodeWeightRow(m_w.tokenEmbd, tokens[t], row(m_x, t));
    }
    if (m_cfg.embeddingScale != 0.0f)
        for (size_t i = 0; i < width; ++i)
            m_x[i] *= m_cfg.embeddingScale;
    for (int l = 0; l < m_cfg.nLayer; ++l) {
        const LayerWeights& w = m_w.layers[static_cast<size_t>(l)];
        for (int t = 0; t < n; ++t)
            normalise(w.attnNorm, row(m_x, t), row(m_xn, t));
        selfAttention(l, n);
        addBranch(m_cfg.residualScale);

        for (int t = 0; t < n; ++t)
            normalise(w.ffnNorm, row(m_x, t), row(m_xn, t));
        feedForward(l, n, routing);
        addBranch(m_cfg.residualScale);
    }
    for (int t = 0; t < n; ++t)
        normalise(m_w.outputNorm, row(m_x, t), row(m_xn, t));
    const float* last = row(m_xn, n - 1);
    std::copy(last, last + d, m_hidden.data());
    if (wantLogits) {
        const int lastToken = n - 1;
        addJob(m_w.output, last, 1, d, m_logits.data(), m_cfg.nVocab, &lastToken);
        runJobs();
        if (!m_w.outputBias.empty())
            m_logits += Eigen::Map<const Eigen::VectorXf>(m_w.outputBias.data(), m_cfg.nVocab);
        if (m_cfg.logitScale != 0.0f)
            m_logits *= 1.0f / m_cfg.logitScale;
    }
    m_pos += n;
}

} // namespace moe

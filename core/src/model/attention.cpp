// Self-attention: the query/key/value projections of each architecture, RoPE, the KV cache, and
// causal multi-head attention with grouped-query heads (GQA): the query heads that share a kv head
// are computed together, so each cached key and value is read once per token.
#include "forward_pass.h"

#include "kernels.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace moe {

namespace {

void addBias(const std::vector<float>& bias, float* rows, int n, int width)
{
    if (bias.empty())
        return;
    for (int t = 0; t < n; ++t)
        for (int i = 0; i < width; ++i)
            rows[static_cast<size_t>(t) * width + i] += bias[static_cast<size_t>(i)];
}

// olmoe: RMS-norm over a token's whole projection (all heads at once).
void normRows(const std::vector<float>& weight, float eps, float* rows, int n, int width)
{
    if (weight.empty())
        return;
    for (int t = 0; t < n; ++t) {
        float* r = rows + static_cast<size_t>(t) * width;
        rmsNorm(r, weight.data(), width, eps, r);
    }
}

} // namespace

void ForwardPass::selfAttention(int layer, int n)
{
    const LayerWeights& w = m_w.layers[static_cast<size_t>(layer)];
    if (m_cfg.arch == Architecture::Deepseek2) {
        projectLatent(w, n);
    } else {
        projectQkv(w, n);
        const int kd = m_cfg.keyDim();
        for (int t = 0; t < n; ++t) {
            m_rope.apply(m_q.data() + static_cast<size_t>(t) * m_qDim, m_cfg.nHead, kd, m_pos + t);
            m_rope.apply(m_k.data() + static_cast<size_t>(t) * m_kDim, m_cfg.nHeadKv, kd, m_pos + t);
        }
        if (m_cfg.arch == Architecture::PhiMoe) { // queries pre-scaled, attention scale 1
            const float scale = 1.0f / std::sqrt(static_cast<float>(kd));
            for (size_t i = 0; i < static_cast<size_t>(n) * m_qDim; ++i)
                m_q[i] *= scale;
        }
    }
    storeKeysValues(layer, n);

    m_attnLayer = layer;
    // One work item per (token, kv head).
    m_pool.parallelFor(n * m_cfg.nHeadKv, [this](int begin, int end, int thread) {
        for (int item = begin; item < end; ++item)
            attendGroup(m_attnLayer, item, thread);
    });
    addJob(w.wo, m_att.data(), n, m_attDim, m_proj.data(), m_cfg.nEmbd);
    runJobs();
    addBias(w.bo, m_proj.data(), n, m_cfg.nEmbd);
}

void ForwardPass::projectQkv(const LayerWeights& w, int n)
{
    const int d = m_cfg.nEmbd;
    if (m_cfg.fusedQkv) {
        const int fused = m_qDim + m_kDim + m_vDim;
        addJob(w.wqkv, m_xn.data(), n, d, m_qkv.data(), fused);
        runJobs();
        const float clamp = m_cfg.clampKqv;
        for (int t = 0; t < n; ++t) {
            float* r = m_qkv.data() + static_cast<size_t>(t) * fused;
            if (clamp > 0.0f) // dbrx
                for (int i = 0; i < fused; ++i)
                    r[i] = std::clamp(r[i], -clamp, clamp);
            std::copy_n(r, m_qDim, m_q.data() + static_cast<size_t>(t) * m_qDim);
            std::copy_n(r + m_qDim, m_kDim, m_k.data() + static_cast<size_t>(t) * m_kDim);
            std::copy_n(r + m_qDim + m_kDim, m_vDim, m_v.data() + static_cast<size_t>(t) * m_vDim);
        }
    } else {
        addJob(w.wq, m_xn.data(), n, d, m_q.data(), m_qDim);
        addJob(w.wk, m_xn.data(), n, d, m_k.data(), m_kDim);
        addJob(w.wv, m_xn.data(), n, d, m_v.data(), m_vDim);
        runJobs();
    }
    addBias(w.bq, m_q.data(), n, m_qDim);
    addBias(w.bk, m_k.data(), n, m_kDim);
    addBias(w.bv, m_v.data(), n, m_vDim);
    normRows(w.qNorm, m_cfg.rmsEps, m_q.data(), n, m_qDim);
    normRows(w.kNorm, m_cfg.rmsEps, m_k.data(), n, m_kDim);
}

// DeepSeek's multi-head latent attention, as llama.cpp b4748 computes it (without caching the
// latent): q = q_b(norm(q_a x)) (or attn_q x); [c, k_pe] = kv_a_mqa x; [k_nope, v] = kv_b(norm(c)).
// Each head's key is [k_nope_h, k_pe] with one k_pe (RoPE'd) shared by all heads; the query's last
// rotaryDims values are RoPE'd.
void ForwardPass::projectLatent(const LayerWeights& w, int n)
{
    const int d = m_cfg.nEmbd, rank = m_cfg.kvLoraRank, dr = m_cfg.rotaryDims();
    const int kd = m_cfg.keyDim(), vd = m_cfg.valueDim(), nope = kd - dr;
    const int latent = rank + dr, up = m_cfg.nHead * (nope + vd);
    if (m_cfg.qLoraRank > 0) {
        addJob(w.wqA, m_xn.data(), n, d, m_qLatent.data(), m_cfg.qLoraRank);
        addJob(w.wkvA, m_xn.data(), n, d, m_kvLatent.data(), latent);
        runJobs();
        normRows(w.qANorm, m_cfg.rmsEps, m_qLatent.data(), n, m_cfg.qLoraRank);
        addJob(w.wqB, m_qLatent.data(), n, m_cfg.qLoraRank, m_q.data(), m_qDim);
    } else {
        addJob(w.wq, m_xn.data(), n, d, m_q.data(), m_qDim);
        addJob(w.wkvA, m_xn.data(), n, d, m_kvLatent.data(), latent);
        runJobs();
    }
    for (int t = 0; t < n; ++t) { // the compressed kv, normed in place (k_pe after it untouched)
        float* c = m_kvLatent.data() + static_cast<size_t>(t) * latent;
        rmsNorm(c, w.kvANorm.data(), rank, m_cfg.rmsEps, c);
    }
    addJob(w.wkvB, m_kvLatent.data(), n, latent, m_kvUp.data(), up);
    runJobs();

    for (int t = 0; t < n; ++t) {
        float* q = m_q.data() + static_cast<size_t>(t) * m_qDim;
        float* kPe = m_kvLatent.data() + static_cast<size_t>(t) * latent + rank;
        m_rope.apply(q + nope, m_cfg.nHead, kd, m_pos + t);
        m_rope.apply(kPe, 1, dr, m_pos + t);
        const float* kv = m_kvUp.data() + static_cast<size_t>(t) * up;
        float* k = m_k.data() + static_cast<size_t>(t) * m_kDim;
        float* v = m_v.data() + static_cast<size_t>(t) * m_vDim;
        for (int h = 0; h < m_cfg.nHead; ++h) {
            const float* head = kv + static_cast<size_t>(h) * (nope + vd);
            std::copy_n(head, nope, k + static_cast<size_t>(h) * kd);
            std::copy_n(kPe, dr, k + static_cast<size_t>(h) * kd + nope);
            std::copy_n(head + nope, vd, v + static_cast<size_t>(h) * vd);
        }
    }
}

float* ForwardPass::keyAt(int layer, int kvHead, int pos)
{
    const size_t head = product(layer, m_cfg.nHeadKv) + static_cast<size_t>(kvHead);
    return m_keys.data() + (head * m_nCtx + static_cast<size_t>(pos)) * m_cfg.keyDim();
}

float* ForwardPass::valueAt(int layer, int kvHead, int pos)
{
    const size_t head = product(layer, m_cfg.nHeadKv) + static_cast<size_t>(kvHead);
    return m_values.data() + (head * m_nCtx + static_cast<size_t>(pos)) * m_cfg.valueDim();
}

void ForwardPass::storeKeysValues(int layer, int n)
{
    const int kd = m_cfg.keyDim(), vd = m_cfg.valueDim();
    for (int t = 0; t < n; ++t) {
        for (int g = 0; g < m_cfg.nHeadKv; ++g) {
            std::copy_n(m_k.data() + product(t, m_kDim) + product(g, kd), kd, keyAt(layer, g, m_pos + t));
            std::copy_n(m_v.data() + product(t, m_vDim) + product(g, vd), vd, valueAt(layer, g, m_pos + t));
        }
    }
}

// The scale of q.k: 1/sqrt(keyDim), granite's attention multiplier, 1 for phimoe (queries
// pre-scaled), and for deepseek2 YaRN's magnitude squared over sqrt(keyDim).
float ForwardPass::attentionScale() const
{
    const float plain = 1.0f / std::sqrt(static_cast<float>(m_cfg.keyDim()));
    switch (m_cfg.arch) {
    case Architecture::PhiMoe:
        return 1.0f;
    case Architecture::Deepseek2: {
        const float mscale =
            m_cfg.ropeAttnFactor * (1.0f + m_cfg.yarnLogMultiplier * std::log(1.0f / m_cfg.ropeFreqScale));
        return mscale * mscale * plain;
    }
    default:
        return m_cfg.attentionScale != 0.0f ? m_cfg.attentionScale : plain;
    }
}

// Token t of the batch (position m_pos + t) sees cache positions 0..m_pos + t: the causal mask.
// Query head j uses kv head j / (H / Hkv), so kv head g serves query heads g * group .. + group - 1.
void ForwardPass::attendGroup(int layer, int item, int thread)
{
    assert(thread >= 0 && thread < m_pool.threadCount());
    const int kd = m_cfg.keyDim(), vd = m_cfg.valueDim(), group = m_cfg.nHead / m_cfg.nHeadKv;
    const int t = item / m_cfg.nHeadKv, g = item % m_cfg.nHeadKv;
    const int length = m_pos + t + 1;
    const float* q = m_q.data() + product(t, m_qDim) + product(g * group, kd); // group heads of kd values
    float* out = m_att.data() + product(t, m_attDim) + product(g * group, vd);
    float* scores = m_scores.data() + product(thread * group, m_nCtx); // (group, nCtx)
    kernels::attendGroup(
        {q, keyAt(layer, g, 0), valueAt(layer, g, 0), length, kd, group, m_nCtx, vd, m_kqScale, scores, out});
}

} // namespace moe

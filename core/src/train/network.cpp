// The model's forward and backward over one shard (shared/reference/gguf-mixtral.md section 3.4):
//   x = token_embd[ids]
//   per layer: xn1 = rmsnorm(x); q,k,v = xn1 W^T; RoPE(q,k); att = causal softmax(q k^T/sqrt(hd)) v
//              xMid = x + att Wo^T; xn2 = rmsnorm(xMid); p = softmax(xn2 Wr^T); top-k; gates
//              x = xMid + sum_j gate_j * down_j(silu(gate_j xn2) * up_j xn2)
//   logits = rmsnorm(x) Wout^T; cross-entropy on the next token.
// Rows are tokens: (sequence s, position t) is row s * length + t.
#include "network.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>
#include <string>

namespace moe::train {

namespace {

constexpr int kHeadRows = 64; // tokens per chunk of the output head: 64 x vocab logits fit in L2

} // namespace

void ShardStats::reset(int nLayer, int nExpert)
{
    ceSum = 0;
    expertCount.assign(static_cast<size_t>(nLayer * nExpert), 0);
    probSum.assign(static_cast<size_t>(nLayer * nExpert), 0.0);
    zSum.assign(static_cast<size_t>(nLayer), 0.0);
    tokens = 0;
}

void ShardStats::add(const ShardStats& other)
{
    ceSum += other.ceSum;
    for (size_t i = 0; i < expertCount.size(); ++i) {
        expertCount[i] += other.expertCount[i];
        probSum[i] += other.probSum[i];
    }
    for (size_t i = 0; i < zSum.size(); ++i)
        zSum[i] += other.zSum[i];
    tokens += other.tokens;
}

template <typename T>
LossParts assembleLoss(const ShardStats& total, const ModelConfig& config, double auxWeight, double zWeight,
                       LossGrad<T>& grad)
{
    const int nLayer = config.nLayer, nExpert = config.nExpert;
    const auto tokens = static_cast<double>(total.tokens);
    const double slots = tokens * config.nExpertUsed;
    LossParts parts;
    grad.auxDProb.resize(static_cast<size_t>(nLayer * nExpert));
    for (int l = 0; l < nLayer; ++l) {
        for (int e = 0; e < nExpert; ++e) {
            const auto i = static_cast<size_t>(l * nExpert + e);
            const double f = static_cast<double>(total.expertCount[i]) / slots;
            parts.aux += nExpert * f * (total.probSum[i] / tokens);
            grad.auxDProb[i] = static_cast<T>(auxWeight / nLayer * nExpert * f / tokens);
        }
        parts.z += total.zSum[static_cast<size_t>(l)] / tokens;
    }
    parts.aux /= nLayer;
    parts.z /= nLayer;
    parts.ce = total.ceSum / tokens;
    parts.total = parts.ce + auxWeight * parts.aux + zWeight * parts.z;
    grad.ceScale = static_cast<T>(1.0 / tokens);
    grad.zScale = static_cast<T>(zWeight / nLayer / tokens);
    return parts;
}

template <typename T>
Network<T>::Network(const ModelConfig& config, const ParamLayout& layout, int maxSequences, int maxLength)
    : m_cfg(config), m_layout(layout), m_maxSeq(maxSequences), m_maxLen(maxLength), m_d(config.nEmbd),
      m_qDim(config.nHead * config.headDim()), m_kvDim(config.nHeadKv * config.headDim()),
      m_qkvDim(m_qDim + 2 * m_kvDim), m_hd(config.headDim()), m_ff(config.nFf), m_nExpert(config.nExpert),
      m_k(config.nExpertUsed), m_rope(maxLength, config.headDim(), config.ropeFreqBase),
      m_routing(planRouting(config, {}))
{
    const auto n = static_cast<size_t>(maxSequences) * static_cast<size_t>(maxLength);
    const size_t nk = n * static_cast<size_t>(m_k);
    const auto d = static_cast<size_t>(m_d), qDim = static_cast<size_t>(m_qDim),
               qkvDim = static_cast<size_t>(m_qkvDim);
    const auto ff = static_cast<size_t>(m_ff), experts = static_cast<size_t>(m_nExpert);
    const size_t scores = static_cast<size_t>(maxSequences) * static_cast<size_t>(config.nHead) *
                          static_cast<size_t>(maxLength) * static_cast<size_t>(maxLength);
    m_inputs.resize(n);
    m_targets.resize(n);
    m_layers.resize(static_cast<size_t>(config.nLayer));
    for (LayerActs& a : m_layers) {
        for (Buffer<T>* b : {&a.xIn, &a.xn1, &a.xMid, &a.xn2})
            b->resize(n * d);
        a.qkv.resize(n * qkvDim);
        a.att.resize(n * qDim);
        a.rstd1.resize(n);
        a.rstd2.resize(n);
        a.attnProbs.resize(scores);
        a.routerProbs.resize(n * experts);
        a.routerLse.resize(n);
        a.gates.resize(nk);
        a.chosen.resize(nk);
        a.dispatch.resize(m_nExpert, maxSequences * maxLength, m_k);
        a.xe.resize(nk * d);
        a.ye.resize(nk * d);
        for (Buffer<T>* b : {&a.hGate, &a.hUp, &a.act})
            b->resize(nk * ff);
    }
    m_xFinal.resize(n * d);
    m_xf.resize(n * d);
    m_rstdF.resize(n);
    m_logits.resize(static_cast<size_t>(std::max(kHeadRows, maxLength)) * static_cast<size_t>(config.nVocab));
    for (Buffer<T>* b : {&m_dx, &m_dxn})
        b->resize(n * d);
    m_dqkv.resize(n * qkvDim);
    m_dAtt.resize(n * qDim);
    m_attnScratch.resize(attentionScratchSize<T>(maxLength, m_hd));
    m_routerLogits.resize(n * experts);
    m_dz.resize(n * experts);
    m_dGates.resize(nk);
    m_dye.resize(nk * d);
    m_dxe.resize(nk * d);
    for (Buffer<T>* b : {&m_dact, &m_dhGate, &m_dhUp})
        b->resize(nk * ff);
}

template <typename T> void Network<T>::setRoutingOverride(const RoutingOverride& routing)
{
    RoutingPlan plan = planRouting(m_cfg, routing);
    if (plan.maxTopK() > m_k)
        throw std::invalid_argument(
            "the trainer's forward pass chooses at most expert_used_count = " + std::to_string(m_k) +
            " experts per token, asked for " + std::to_string(plan.maxTopK()));
    m_routing = std::move(plan);
}

template <typename T>
typename Network<T>::Map Network<T>::view(Buffer<T>& b, int rows, int cols, size_t offset, int stride)
{
    [[maybe_unused]] const auto pitch = static_cast<size_t>(stride < 0 ? cols : stride);
    assert(rows == 0 ||
           offset + (static_cast<size_t>(rows) - 1) * pitch + static_cast<size_t>(cols) <= b.size());
    return out(b.data() + offset, rows, cols, stride);
}

template <typename T> typename Network<T>::Map Network<T>::out(T* p, int rows, int cols, int stride)
{
    return Map(p, rows, cols, Eigen::OuterStride<>(stride < 0 ? cols : stride));
}

template <typename T> typename Network<T>::ConstMap Network<T>::in(const T* p, int rows, int cols, int stride)
{
    return ConstMap(p, rows, cols, Eigen::OuterStride<>(stride < 0 ? cols : stride));
}

template <typename T>
void Network<T>::forward(const T* params, const int* windows, int sequences, int length, Pass pass,
                         T ceGradScale, ShardStats& stats, T* grads)
{
    assert(sequences >= 1 && sequences <= m_maxSeq && length >= 1 && length <= m_maxLen);
    assert((pass == Pass::Train) == (grads != nullptr) && (pass != Pass::Logits || sequences == 1));
    m_seqs = sequences;
    m_len = length;
    m_n = sequences * length;
    const int n = m_n, d = m_d;
    for (int s = 0; s < sequences; ++s) {
        for (int t = 0; t < length; ++t) {
            m_inputs[static_cast<size_t>(s * length + t)] =
                windows[static_cast<size_t>(s) * (length + 1) + t];
            m_targets[static_cast<size_t>(s * length + t)] =
                windows[static_cast<size_t>(s) * (length + 1) + t + 1];
        }
    }
    const T* embd = params + m_layout.tokenEmbd();
    for (int t = 0; t < n; ++t) {
        const int token = m_inputs[static_cast<size_t>(t)];
        assert(token >= 0 && token < m_cfg.nVocab);
        std::copy(embd + static_cast<size_t>(token) * d, embd + static_cast<size_t>(token + 1) * d,
                  m_layers[0].xIn.data() + static_cast<size_t>(t) * d);
    }

    const auto eps = static_cast<T>(m_cfg.rmsEps);
    for (int l = 0; l < m_cfg.nLayer; ++l) {
        LayerActs& a = m_layers[static_cast<size_t>(l)];
        const LayerOffsets& o = m_layout.layer(l);
        T* const xOut =
            l + 1 < m_cfg.nLayer ? m_layers[static_cast<size_t>(l + 1)].xIn.data() : m_xFinal.data();

        rmsNormForward(a.xIn.data(), params + o.attnNorm, n, d, eps, a.xn1.data(), a.rstd1.data());
        const ConstMap xn1 = in(a.xn1.data(), n, d);
        // q, k and v in one product: their weights are adjacent (ParamLayout).
        linearForward(xn1, in(params + o.wq, m_qkvDim, d), view(a.qkv, n, m_qkvDim), false);
        m_rope.forward(a.qkv.data(), n, m_qDim, m_qkvDim, length);
        m_rope.forward(a.qkv.data() + m_qDim, n, m_kvDim, m_qkvDim, length);
        attendForward(a);
        if (m_dropRate > T(0))
            dropoutForward(a.att.data(), a.attKept.data(), static_cast<size_t>(n) * m_qDim, 2 * l, 0);
        Map xMid = view(a.xMid, n, d);
        xMid = in(a.xIn.data(), n, d);
        linearForward(in(a.att.data(), n, m_qDim), in(params + o.wo, d, m_qDim), xMid, true);

        rmsNormForward(a.xMid.data(), params + o.ffnNorm, n, d, eps, a.xn2.data(), a.rstd2.data());
        expertsForward(params, o, a, xOut, stats, l);
    }

    rmsNormForward(m_xFinal.data(), params + m_layout.outputNorm(), n, d, eps, m_xf.data(), m_rstdF.data());
    headForward(params, pass, ceGradScale, stats, grads);
    stats.tokens += n;
}

// The output head and cross-entropy, kHeadRows tokens at a time so that a chunk of logits stays in
// cache from its product to its gradient's two products; the full (tokens x vocab) logits never exist.
template <typename T>
void Network<T>::headForward(const T* params, Pass pass, T ceGradScale, ShardStats& stats, T* grads)
{
    const int n = m_n, d = m_d, vocab = m_cfg.nVocab;
    const ConstMap wOut = in(params + m_layout.output(), vocab, d);
    const int chunk = pass == Pass::Logits ? n : kHeadRows;
    for (int r0 = 0; r0 < n; r0 += chunk) {
        const int rows = std::min(chunk, n - r0);
        const ConstMap xf = in(m_xf.data() + static_cast<size_t>(r0) * d, rows, d);
        linearForward(xf, wOut, view(m_logits, rows, vocab), false);
        if (pass == Pass::Logits)
            return;
        const T scale = pass == Pass::Train ? ceGradScale : T(0);
        stats.ceSum += crossEntropy(m_logits.data(), m_targets.data() + r0, rows, vocab, scale);
        if (pass == Pass::Train) // the logits are now dLoss/dlogits; the first chunk sets dWout
            linearBackward(xf, wOut, in(m_logits.data(), rows, vocab),
                           view(m_dxn, rows, d, static_cast<size_t>(r0) * d), false,
                           out(grads + m_layout.output(), vocab, d), r0 > 0);
    }
    if (pass == Pass::Train) {
        std::fill(m_dx.begin(), m_dx.end(), T(0));
        rmsNormBackward(m_xFinal.data(), params + m_layout.outputNorm(), m_rstdF.data(), m_dxn.data(), n, d,
                        m_dx.data(), grads + m_layout.outputNorm());
    }
}

template <typename T> void Network<T>::setDropout(T rate, uint64_t seed)
{
    assert(rate >= T(0) && rate < T(1));
    m_dropRate = rate;
    m_dropSeed = seed;
    if (rate > T(0) && m_layers[0].attKept.empty()) {
        for (LayerActs& a : m_layers) {
            a.attKept.resize(a.att.size());
            a.actKept.resize(a.act.size());
        }
    }
}

template <typename T>
void Network<T>::dropoutForward(T* values, uint8_t* kept, size_t count, uint64_t stream, size_t first) const
{
    // SplitMix64 over (seed, stream): cheap, and the same masks on every platform. Value i of the
    // stream draws from state0 + (i + 1) * gamma, so a piece starting at `first` skips ahead.
    constexpr uint64_t kGamma = 0x9E3779B97F4A7C15ull;
    uint64_t state = (m_dropSeed ^ (kGamma * (stream + 1))) + kGamma * static_cast<uint64_t>(first);
    const auto keepBelow =
        static_cast<uint64_t>((1.0 - static_cast<double>(m_dropRate)) * 9007199254740992.0);
    const T scale = T(1) / (T(1) - m_dropRate);
    for (size_t i = 0; i < count; ++i) {
        uint64_t z = (state += kGamma);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        kept[i] = (z >> 11) < keepBelow ? 1 : 0;
        values[i] *= kept[i] ? scale : T(0);
    }
}

template <typename T> void Network<T>::dropoutBackward(T* gradients, const uint8_t* kept, size_t count) const
{
    const T scale = T(1) / (T(1) - m_dropRate);
    for (size_t i = 0; i < count; ++i)
        gradients[i] *= kept[i] ? scale : T(0);
}

template <typename T> void Network<T>::attendForward(LayerActs& a)
{
    const int len = m_len, nHead = m_cfg.nHead, group = m_cfg.nHead / m_cfg.nHeadKv;
    const T scale = T(1) / std::sqrt(static_cast<T>(m_hd));
    for (int s = 0; s < m_seqs; ++s) {
        const size_t row = static_cast<size_t>(s) * len;
        for (int h = 0; h < nHead; ++h) {
            // GQA: query head h uses kv head h / group.
            const T* base = a.qkv.data() + row * m_qkvDim;
            const size_t kvCol = static_cast<size_t>(h / group) * m_hd;
            const ConstMap q = in(base + static_cast<size_t>(h) * m_hd, len, m_hd, m_qkvDim);
            const ConstMap k = in(base + m_qDim + kvCol, len, m_hd, m_qkvDim);
            const ConstMap v = in(base + m_qDim + m_kvDim + kvCol, len, m_hd, m_qkvDim);
            Map p = view(a.attnProbs, len, len, (static_cast<size_t>(s) * nHead + h) * len * len);
            Map result = view(a.att, len, m_hd, row * m_qDim + static_cast<size_t>(h) * m_hd, m_qDim);
            attentionForward(q, k, v, scale, p, result, m_attnScratch.data());
        }
    }
}

template <typename T>
void Network<T>::expertsForward(const T* params, const LayerOffsets& o, LayerActs& a, T* xOut,
                                ShardStats& stats, int layer)
{
    const int n = m_n, d = m_d, ff = m_ff, nExpert = m_nExpert, k = topK(layer);
    linearForward(in(a.xn2.data(), n, d), in(params + o.router, nExpert, d), view(m_routerLogits, n, nExpert),
                  false);
    double* probSum = stats.probSum.data() + static_cast<size_t>(layer) * nExpert;
    for (int t = 0; t < n; ++t) {
        const size_t tk = static_cast<size_t>(t) * k;
        T* probs = a.routerProbs.data() + static_cast<size_t>(t) * nExpert;
        const T lse =
            routerForward(m_routerLogits.data() + static_cast<size_t>(t) * nExpert, nExpert,
                          m_routing.disabledIn(layer), k, probs, a.chosen.data() + tk, a.gates.data() + tk);
        a.routerLse[static_cast<size_t>(t)] = lse;
        for (int e = 0; e < nExpert; ++e)
            probSum[e] += static_cast<double>(probs[e]);
        stats.zSum[static_cast<size_t>(layer)] += static_cast<double>(lse) * static_cast<double>(lse);
    }

    // Gather: expert e's (token, choice) pairs occupy slots [start(e), start(e) + count(e)).
    a.dispatch.plan(n, k, [&a, k](int t, int j) { return a.chosen[static_cast<size_t>(t) * k + j]; });
    a.dispatch.gather(a.xn2.data(), d, a.xe.data());
    int64_t* count = stats.expertCount.data() + static_cast<size_t>(layer) * nExpert;
    for (int e = 0; e < nExpert; ++e)
        count[e] += a.dispatch.count(e);

    // down_e(silu(gate_e x) * up_e x), each expert once over all of its tokens; an expert's
    // activations are still in cache from one product to the next.
    for (int e = 0; e < nExpert; ++e) {
        const int c = a.dispatch.count(e);
        if (c == 0)
            continue;
        const auto s = static_cast<size_t>(a.dispatch.start(e));
        const auto values = static_cast<size_t>(c) * ff;
        const ConstMap xe = in(a.xe.data() + s * d, c, d);
        const size_t w = static_cast<size_t>(e) * ff * d;
        linearForward(xe, in(params + o.gate + w, ff, d), view(a.hGate, c, ff, s * ff), false);
        linearForward(xe, in(params + o.up + w, ff, d), view(a.hUp, c, ff, s * ff), false);
        T* act = a.act.data() + s * ff;
        swigluForward(a.hGate.data() + s * ff, a.hUp.data() + s * ff, act, values);
        if (m_dropRate > T(0))
            dropoutForward(act, a.actKept.data() + s * ff, values, 2 * static_cast<uint64_t>(layer) + 1,
                           s * ff);
        linearForward(in(act, c, ff), in(params + o.down + static_cast<size_t>(e) * d * ff, d, ff),
                      view(a.ye, c, d, s * d), false);
    }

    // x = xMid + sum_j gate_j y_j, the sum formed first as in the engine.
    T* sum = m_dxn.data(); // free until the backward
    a.dispatch.scatter(
        a.ye.data(), d, [&a, k](int t, int j) { return a.gates[static_cast<size_t>(t) * k + j]; }, sum);
    for (size_t i = 0; i < static_cast<size_t>(n) * d; ++i)
        xOut[i] = a.xMid[i] + sum[i];
}

template <typename T> void Network<T>::backward(const T* params, const LossGrad<T>& loss, T* grads)
{
    const int n = m_n, d = m_d;
    // m_dx is dLoss/d(the residual stream) at the current point, walking backwards; the output head's
    // backward ran in forward(), so it starts as the gradient of the last layer's output.
    for (int l = m_cfg.nLayer - 1; l >= 0; --l) {
        LayerActs& a = m_layers[static_cast<size_t>(l)];
        const LayerOffsets& o = m_layout.layer(l);
        expertsBackward(params, o, a, loss, grads, l);
        attendBackward(a, params, o, grads);
    }

    T* dEmbd = grads + m_layout.tokenEmbd();
    if (m_layout.tokenEmbd() != m_layout.output()) // tied: the head's gradient is there already
        std::fill_n(dEmbd, static_cast<size_t>(m_cfg.nVocab) * d, T(0));
    for (int t = 0; t < n; ++t) {
        T* row = dEmbd + static_cast<size_t>(m_inputs[static_cast<size_t>(t)]) * d;
        const T* g = m_dx.data() + static_cast<size_t>(t) * d;
        for (int i = 0; i < d; ++i)
            row[i] += g[i];
    }
}

template <typename T>
void Network<T>::expertsBackward(const T* params, const LayerOffsets& o, LayerActs& a,
                                 const LossGrad<T>& loss, T* grads, int layer)
{
    const int n = m_n, d = m_d, ff = m_ff, nExpert = m_nExpert, k = topK(layer);
    // Forward: x = xMid + sum_j gate_j y_j, so dy_j = gate_j dx and dgate_j = dx . y_j.
    for (int t = 0; t < n; ++t) {
        const auto dx = Eigen::Map<const Eigen::Matrix<T, 1, Eigen::Dynamic>>(
            m_dx.data() + static_cast<size_t>(t) * d, d);
        for (int j = 0; j < k; ++j) {
            const size_t tj = static_cast<size_t>(t) * k + j;
            const auto slot = static_cast<size_t>(a.dispatch.slot(t, j));
            const auto y = Eigen::Map<const Eigen::Matrix<T, 1, Eigen::Dynamic>>(a.ye.data() + slot * d, d);
            m_dGates[tj] = dx.dot(y);
            Eigen::Map<Eigen::Matrix<T, 1, Eigen::Dynamic>>(m_dye.data() + slot * d, d) = a.gates[tj] * dx;
        }
    }
    // Forward: y = act Wd^T, act = silu(hGate) * hUp, hGate = xe Wg^T, hUp = xe Wu^T (per expert,
    // each expert's chain at once while its activations are in cache).
    for (int e = 0; e < nExpert; ++e) {
        const int c = a.dispatch.count(e);
        const size_t w = static_cast<size_t>(e) * d * ff;
        if (c == 0) { // no tokens: a zero gradient
            for (const size_t tensor : {o.gate, o.up, o.down})
                std::fill_n(grads + tensor + w, static_cast<size_t>(d) * ff, T(0));
            continue;
        }
        const auto s = static_cast<size_t>(a.dispatch.start(e));
        const auto values = static_cast<size_t>(c) * ff;
        linearBackward(in(a.act.data() + s * ff, c, ff), in(params + o.down + w, d, ff),
                       in(m_dye.data() + s * d, c, d), view(m_dact, c, ff, s * ff), false,
                       out(grads + o.down + w, d, ff), false);
        T* dact = m_dact.data() + s * ff;
        if (m_dropRate > T(0)) // act entered the down projection through dropout
            dropoutBackward(dact, a.actKept.data() + s * ff, values);
        swigluBackward(a.hGate.data() + s * ff, a.hUp.data() + s * ff, dact, m_dhGate.data() + s * ff,
                       m_dhUp.data() + s * ff, values);
        const ConstMap xe = in(a.xe.data() + s * d, c, d);
        const ConstMap dhGate = in(m_dhGate.data() + s * ff, c, ff), dhUp = in(m_dhUp.data() + s * ff, c, ff);
        const Map dxe = view(m_dxe, c, d, s * d);
        linearBackward(xe, in(params + o.gate + w, ff, d), dhGate, dxe, false, out(grads + o.gate + w, ff, d),
                       false);
        linearBackward(xe, in(params + o.up + w, ff, d), dhUp, dxe, true, out(grads + o.up + w, ff, d),
                       false);
    }
    // Forward: xe[slot(t, j)] = xn2[t] (the gather), so each token's slots add back into its row.
    a.dispatch.scatter(
        m_dxe.data(), d, [](int, int) { return T(1); }, m_dxn.data());

    // Router: gates, the load-balancing loss (through the probabilities) and the z-loss.
    const T* dProbs =
        loss.auxDProb.empty() ? nullptr : loss.auxDProb.data() + static_cast<size_t>(layer) * nExpert;
    for (int t = 0; t < n; ++t) {
        const size_t tk = static_cast<size_t>(t) * k, te = static_cast<size_t>(t) * nExpert;
        const T dLse = loss.zScale * T(2) * a.routerLse[static_cast<size_t>(t)];
        routerBackward(a.routerProbs.data() + te, a.chosen.data() + tk, a.gates.data() + tk, nExpert, k,
                       m_dGates.data() + tk, dProbs, dLse, m_dz.data() + te);
    }
    const ConstMap dz = in(m_dz.data(), n, nExpert);
    linearBackward(in(a.xn2.data(), n, d), in(params + o.router, nExpert, d), dz, view(m_dxn, n, d), true,
                   out(grads + o.router, nExpert, d), false);
    rmsNormBackward(a.xMid.data(), params + o.ffnNorm, a.rstd2.data(), m_dxn.data(), n, d, m_dx.data(),
                    grads + o.ffnNorm);
}

template <typename T>
void Network<T>::attendBackward(LayerActs& a, const T* params, const LayerOffsets& o, T* grads)
{
    const int n = m_n, d = m_d, len = m_len, nHead = m_cfg.nHead, group = m_cfg.nHead / m_cfg.nHeadKv;
    // Forward: xMid = xIn + att Wo^T.
    const ConstMap dx = in(m_dx.data(), n, d);
    linearBackward(in(a.att.data(), n, m_qDim), in(params + o.wo, d, m_qDim), dx, view(m_dAtt, n, m_qDim),
                   false, out(grads + o.wo, d, m_qDim), false);
    if (m_dropRate > T(0)) // att entered wo through dropout
        dropoutBackward(m_dAtt.data(), a.attKept.data(), static_cast<size_t>(n) * m_qDim);

    const T scale = T(1) / std::sqrt(static_cast<T>(m_hd));
    for (int s = 0; s < m_seqs; ++s) {
        const size_t row = static_cast<size_t>(s) * len;
        for (int h = 0; h < nHead; ++h) {
            const size_t qOff = row * m_qkvDim + static_cast<size_t>(h) * m_hd;
            const size_t kOff = row * m_qkvDim + m_qDim + static_cast<size_t>(h / group) * m_hd,
                         vOff = kOff + m_kvDim;
            const ConstMap q = in(a.qkv.data() + qOff, len, m_hd, m_qkvDim);
            const ConstMap k = in(a.qkv.data() + kOff, len, m_hd, m_qkvDim);
            const ConstMap v = in(a.qkv.data() + vOff, len, m_hd, m_qkvDim);
            const ConstMap p =
                in(a.attnProbs.data() + (static_cast<size_t>(s) * nHead + h) * len * len, len, len);
            const ConstMap dOut =
                in(m_dAtt.data() + row * m_qDim + static_cast<size_t>(h) * m_hd, len, m_hd, m_qDim);
            Map dq = view(m_dqkv, len, m_hd, qOff, m_qkvDim);
            Map dk = view(m_dqkv, len, m_hd, kOff, m_qkvDim);
            Map dv = view(m_dqkv, len, m_hd, vOff, m_qkvDim);
            // GQA: the first query head of a group sets its kv head's gradient, the others add to it.
            const bool firstOfGroup = h % group == 0;
            attentionBackward(q, k, v, p, dOut, scale, dq, dk, dv, !firstOfGroup, m_attnScratch.data());
        }
    }
    m_rope.backward(m_dqkv.data(), n, m_qDim, m_qkvDim, len);
    m_rope.backward(m_dqkv.data() + m_qDim, n, m_kvDim, m_qkvDim, len);

    // Forward: [q k v] = xn1 [Wq Wk Wv]^T, one product.
    linearBackward(in(a.xn1.data(), n, d), in(params + o.wq, m_qkvDim, d), in(m_dqkv.data(), n, m_qkvDim),
                   view(m_dxn, n, d), false, out(grads + o.wq, m_qkvDim, d), false);
    rmsNormBackward(a.xIn.data(), params + o.attnNorm, a.rstd1.data(), m_dxn.data(), n, d, m_dx.data(),
                    grads + o.attnNorm);
}

template class Network<float>;
template class Network<double>;
template LossParts assembleLoss<float>(const ShardStats&, const ModelConfig&, double, double,
                                       LossGrad<float>&);
template LossParts assembleLoss<double>(const ShardStats&, const ModelConfig&, double, double,
                                        LossGrad<double>&);

} // namespace moe::train

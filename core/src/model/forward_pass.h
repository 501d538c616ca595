// The MoE forward pass of every architecture (moe/architecture.h) over a batch of tokens (one token
// while generating), with the KV cache. Every buffer is sized in the constructor (and by
// setRouting); run() never allocates.
#pragma once

#include "expert_dispatch.h"
#include "forward_ops.h"
#include "mat_jobs.h"
#include "moe/model.h"
#include "moe/routing.h"
#include "moe/session.h"
#include "rope.h"
#include "router.h"
#include "thread_pool.h"

#include <Eigen/Core>
#include <memory>
#include <vector>

namespace moe {

class ForwardPass {
public:
    ForwardPass(std::shared_ptr<const Model> model, int nCtx, int threads);

    // Tokens processed together by run(); longer prompts are split into batches of this size.
    int batchCapacity() const { return m_batch; }
    int contextLength() const { return m_nCtx; }
    int position() const { return m_pos; }
    void reset() { m_pos = 0; }

    // How many experts each layer picks (0 in dense layers), and which it may not pick.
    void setRouting(RoutingPlan plan);
    int topK(int layer) const { return m_routing.topK[static_cast<size_t>(layer)]; }

    // Runs tokens[0..n) at positions position().. (n <= batchCapacity(), position() + n <= nCtx).
    // routing[t].layers[l] must be sized (nExpert probs, topK(l) experts and gates; all empty in a
    // dense layer). Afterwards hiddenRow(t) is token t's state after output_norm; if wantLogits,
    // logits() is the last token's.
    void run(const int* tokens, int n, TokenRouting* routing, bool wantLogits);

    const float* hiddenRow(int t) const { return m_xn.data() + static_cast<size_t>(t) * m_cfg.nEmbd; }
    const Eigen::VectorXf& logits() const { return m_logits; }
    const Eigen::VectorXf& hidden() const { return m_hidden; }
    const Model& model() const { return *m_model; }
    // Diagnostics: called with every input row of a product with quantised weights (null: none).
    void setQuantisedInputObserver(QuantisedInputObserver observer) { m_observer = std::move(observer); }

private:
    // Attention block: m_xn -> m_proj (attention.cpp).
    void selfAttention(int layer, int n);
    void projectQkv(const LayerWeights& w, int n);    // m_xn -> m_q, m_k, m_v (before RoPE)
    void projectLatent(const LayerWeights& w, int n); // deepseek2's latent attention, RoPE included
    void storeKeysValues(int layer, int n);           // m_k, m_v (after RoPE) -> the cache
    void attendGroup(int layer, int item, int thread);
    float attentionScale() const;
    // Feed-forward block: m_xn -> m_proj (moe_layer.cpp).
    void feedForward(int layer, int n, TokenRouting* routing);
    void mixExperts(int layer, int n, TokenRouting* routing);
    void addSharedExpert(const LayerWeights& w, int n);
    void runFeedForward(const FeedForward& f, int width, int n, float* out); // m_xn -> out (n x nEmbd)

    void normalise(const NormWeights& norm, const float* x, float* out) const; // one row of nEmbd
    // tokens: the batch token of each input row where rows are not tokens 0..n (see MatJob).
    void addJob(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy,
                const int* tokens = nullptr);
    void runJobs();
    void observeJobInputs() const;
    // Cache row of one kv head at one position (keyDim / valueDim floats).
    float* keyAt(int layer, int kvHead, int pos);
    float* valueAt(int layer, int kvHead, int pos);

    std::shared_ptr<const Model> m_model;
    const ModelConfig& m_cfg;
    const ModelWeights& m_w;
    ThreadPool m_pool;
    Rope<float> m_rope;
    int m_nCtx, m_batch, m_pos = 0;
    int m_qDim, m_kDim, m_vDim, m_attDim; // per token: queries, keys, values (nHeadKv heads), attention out

    RoutingPlan m_routing;
    std::vector<MatJob> m_jobs;               // reserved for the largest call
    std::vector<BlockQ8_0> m_quantisedInputs; // raw space: the jobs' inputs rounded per weight type

    // KV cache, (nLayer, nHeadKv, nCtx, keyDim or valueDim): each head's history is contiguous.
    std::vector<float> m_keys, m_values;
    // Per token of the batch, row-major (batch, width).
    std::vector<float> m_x, m_xn, m_proj;             // (batch, nEmbd)
    std::vector<float> m_q, m_k, m_v, m_att;          // (batch, m_qDim / m_kDim / m_vDim / m_attDim)
    std::vector<float> m_qkv;                         // fused projections (dbrx, phimoe)
    std::vector<float> m_qLatent, m_kvLatent, m_kvUp; // deepseek2: q_a, kv_a_mqa, kv_b outputs
    std::vector<float> m_routerLogits;                // (batch, nExpert)
    std::vector<float> m_scores; // (threads, group, nCtx) attention scratch; group = nHead / nHeadKv
    int m_attnLayer = 0;         // the layer of the attention call in flight (read by the workers)
    float m_kqScale = 1.0f;      // attentionScale()

    // Experts: the batch's (token, choice) pairs gathered per expert into contiguous slots.
    ExpertDispatch m_dispatch;
    std::vector<float> m_slotIn, m_slotOut; // (batch * maxK, nEmbd)
    std::vector<float> m_hGate, m_hUp;      // hidden activations of the experts or of a dense/shared FFN
    std::vector<float> m_sharedOut;         // (batch, nEmbd)

    Eigen::VectorXf m_logits, m_hidden;
    QuantisedInputObserver m_observer;
};

} // namespace moe

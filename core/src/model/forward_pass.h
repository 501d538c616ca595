// The llama MoE forward pass over a batch of tokens (one token while generating), with the KV cache.
// Every buffer is sized in the constructor (and by setRouting); run() never allocates.
#pragma once

#include "expert_dispatch.h"
#include "forward_ops.h"
#include "mat_jobs.h"
#include "moe/model.h"
#include "moe/routing.h"
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

    // How many experts each layer picks, and which it may not pick.
    void setRouting(RoutingPlan plan);
    int topK(int layer) const { return m_routing.topK[static_cast<size_t>(layer)]; }

    // Runs tokens[0..n) at positions position().. (n <= batchCapacity(), position() + n <= nCtx).
    // routing[t].layers[l] must be sized (nExpert probs, topK(l) experts and gates). Afterwards
    // hiddenRow(t) is token t's state after output_norm; if wantLogits, logits() is the last token's.
    void run(const int* tokens, int n, TokenRouting* routing, bool wantLogits);

    const float* hiddenRow(int t) const { return m_xn.data() + static_cast<size_t>(t) * m_cfg.nEmbd; }
    const Eigen::VectorXf& logits() const { return m_logits; }
    const Eigen::VectorXf& hidden() const { return m_hidden; }
    const Model& model() const { return *m_model; }

private:
    void storeKeysValues(int layer, int n); // m_k, m_v (after RoPE) -> the cache
    void attention(int layer, int n);       // m_q and the cache -> m_att
    void attendGroup(int layer, int item, int thread);
    void mixExperts(int layer, int n, TokenRouting* routing); // m_xn -> m_proj
    void addJob(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy);
    void runJobs();
    // Cache row of one kv head at one position (headDim floats).
    float* keyAt(int layer, int kvHead, int pos);
    float* valueAt(int layer, int kvHead, int pos);

    std::shared_ptr<const Model> m_model;
    const ModelConfig& m_cfg;
    const ModelWeights& m_w;
    ThreadPool m_pool;
    Rope<float> m_rope;
    int m_nCtx, m_batch, m_kvDim, m_pos = 0;

    RoutingPlan m_routing;
    std::vector<MatJob> m_jobs;               // reserved for the largest call
    std::vector<BlockQ8_0> m_quantisedInputs; // the jobs' inputs rounded for Q8_0 weights

    // KV cache, (nLayer, nHeadKv, nCtx, headDim): each head's history is contiguous for attention.
    std::vector<float> m_keys, m_values;
    // Per token of the batch, row-major (batch, width).
    std::vector<float> m_x, m_xn, m_q, m_att, m_proj; // (batch, nEmbd); m_q: (batch, nHead * headDim)
    std::vector<float> m_k, m_v;       // (batch, nHeadKv * headDim) before they enter the cache
    std::vector<float> m_routerLogits; // (batch, nExpert)
    std::vector<float> m_scores;       // (threads, group, nCtx) attention scratch; group = nHead / nHeadKv
    int m_attnLayer = 0;               // the layer of the attention call in flight (read by the workers)

    // Experts: the batch's (token, choice) pairs gathered per expert into contiguous slots.
    ExpertDispatch m_dispatch;
    std::vector<float> m_slotIn, m_slotOut; // (batch * maxK, nEmbd)
    std::vector<float> m_hGate, m_hUp;      // (batch * maxK, nFf)

    Eigen::VectorXf m_logits, m_hidden;
};

} // namespace moe

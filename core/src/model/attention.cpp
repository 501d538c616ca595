// Causal multi-head attention over the KV cache, with grouped-query heads (GQA): the query heads
// that share a kv head are computed together, so each cached key and value is read once per token.
#include "forward_pass.h"

#include "kernels.h"

#include <cassert>
#include <cmath>

namespace moe {

void ForwardPass::attention(int layer, int n)
{
    m_attnLayer = layer;
    // One work item per (token, kv head).
    m_pool.parallelFor(n * m_cfg.nHeadKv, [this](int begin, int end, int thread) {
        for (int item = begin; item < end; ++item)
            attendGroup(m_attnLayer, item, thread);
    });
}

// Token t of the batch (position m_pos + t) sees cache positions 0..m_pos + t: the causal mask.
// Query head j uses kv head j / (H / Hkv), so kv head g serves query heads g * group .. + group - 1.
void ForwardPass::attendGroup(int layer, int item, int thread)
{
    assert(thread >= 0 && thread < m_pool.threadCount());
    const int hd = m_cfg.headDim(), group = m_cfg.nHead / m_cfg.nHeadKv;
    const int t = item / m_cfg.nHeadKv, g = item % m_cfg.nHeadKv;
    const int length = m_pos + t + 1;
    const size_t firstHead = static_cast<size_t>(t) * m_cfg.nEmbd + static_cast<size_t>(g) * group * hd;
    const float* q = m_q.data() + firstHead; // group heads of hd values
    float* out = m_att.data() + firstHead;
    float* scores = m_scores.data() + static_cast<size_t>(thread) * group * m_nCtx; // (group, nCtx)
    const float* keys = keyAt(layer, g, 0);
    const float* values = valueAt(layer, g, 0);

    const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
    kernels::attendGroup({q, keys, values, length, hd, group, m_nCtx, scale, scores, out});
}

} // namespace moe

// Causal multi-head attention over the KV cache, with grouped-query heads (GQA): the query heads
// that share a kv head are computed together, so each cached key and value is read once per token.
#include "forward_pass.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace moe {

namespace {

// Eight independent running sums in a fixed order: the compiler makes them one SIMD register, and
// the result does not depend on how the data happens to be aligned (so runs are reproducible).
float dot(const float* a, const float* b, int n)
{
    float acc[8] = {};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; ++j)
            acc[j] += a[i + j] * b[i + j];
    for (; i < n; ++i)
        acc[i % 8] += a[i] * b[i];
    return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

void addScaled(float* out, const float* v, float weight, int n)
{
    for (int i = 0; i < n; ++i)
        out[i] += weight * v[i];
}

} // namespace

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

    // softmax(q K^T / sqrt(d)) V over the visible positions, for each head of the group.
    const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
    for (int j = 0; j < length; ++j) {
        const float* k = keys + static_cast<size_t>(j) * hd;
        for (int r = 0; r < group; ++r)
            scores[static_cast<size_t>(r) * m_nCtx + j] = dot(q + static_cast<size_t>(r) * hd, k, hd) * scale;
    }
    for (int r = 0; r < group; ++r) {
        float* s = scores + static_cast<size_t>(r) * m_nCtx;
        const float maxScore = *std::max_element(s, s + length);
        double sum = 0.0;
        for (int j = 0; j < length; ++j) {
            s[j] = std::exp(s[j] - maxScore);
            sum += s[j];
        }
        const auto norm = static_cast<float>(1.0 / sum);
        for (int j = 0; j < length; ++j)
            s[j] *= norm;
    }
    std::fill(out, out + static_cast<size_t>(group) * hd, 0.0f);
    for (int j = 0; j < length; ++j) {
        const float* v = values + static_cast<size_t>(j) * hd;
        for (int r = 0; r < group; ++r)
            addScaled(out + static_cast<size_t>(r) * hd, v, scores[static_cast<size_t>(r) * m_nCtx + j], hd);
    }
}

} // namespace moe

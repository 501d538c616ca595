// Causal attention of one group of query heads over one kv head's cached keys and values, built
// per instruction-set variant like the matrix kernels (the dot products and weighted sums are most
// of a token's non-matrix time, and only vectorise well with the variant's flags). Plain loops on
// purpose: no std templates here, so no inline symbol of another variant can be linked in.
#include "kernels_simd.h"

#include <math.h>

namespace moe::kernels::MOE_KERNELS_VARIANT {

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

void attendGroup(const AttentionGroup& a)
{
    // softmax(q K^T * scale) V over the visible positions, for each head of the group.
    for (int j = 0; j < a.length; ++j) {
        const float* k = a.keys + static_cast<size_t>(j) * a.headDim;
        for (int r = 0; r < a.heads; ++r)
            a.scores[static_cast<size_t>(r) * a.scoreStride + j] =
                dot(a.q + static_cast<size_t>(r) * a.headDim, k, a.headDim) * a.scale;
    }
    for (int r = 0; r < a.heads; ++r) {
        float* s = a.scores + static_cast<size_t>(r) * a.scoreStride;
        float maxScore = s[0];
        for (int j = 1; j < a.length; ++j)
            maxScore = s[j] > maxScore ? s[j] : maxScore;
        double sum = 0.0;
        for (int j = 0; j < a.length; ++j) {
            s[j] = expf(s[j] - maxScore);
            sum += s[j];
        }
        const auto norm = static_cast<float>(1.0 / sum);
        for (int j = 0; j < a.length; ++j)
            s[j] *= norm;
    }
    for (int i = 0; i < a.heads * a.valueDim; ++i)
        a.out[i] = 0.0f;
    for (int j = 0; j < a.length; ++j) {
        const float* v = a.values + static_cast<size_t>(j) * a.valueDim;
        for (int r = 0; r < a.heads; ++r)
            addScaled(a.out + static_cast<size_t>(r) * a.valueDim, v,
                      a.scores[static_cast<size_t>(r) * a.scoreStride + j], a.valueDim);
    }
}

} // namespace moe::kernels::MOE_KERNELS_VARIANT

// AdamW (decoupled weight decay, as PyTorch's torch.optim.AdamW) over the flat parameter array,
// applied in index ranges so that threads can share the work without changing any result.
#pragma once

#include "param_layout.h"

#include <cstddef>
#include <vector>

namespace moe::train {

struct AdamWStep {
    float lr = 0, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f, weightDecay = 0;
    float routerWeightDecay = 0; // for the router tensors instead of weightDecay
    int t = 1;                   // 1-based step count, for the bias corrections
    float gradScale = 1;         // multiplies every gradient first (global-norm clipping)
};

class AdamW {
public:
    explicit AdamW(const ParamLayout& layout);
    // Updates params, m and v at indices [begin, end) (alignment padding between tensors is skipped).
    void update(float* params, const float* grads, float* m, float* v, size_t begin, size_t end,
                const AdamWStep& step) const;

private:
    struct Segment {
        size_t begin, end;
        bool decay, router;
    };
    std::vector<Segment> m_segments; // the tensors, in order
};

// Sum of squares of g[begin, end) in double, in a fixed order.
double sumOfSquares(const float* g, size_t begin, size_t end);

} // namespace moe::train

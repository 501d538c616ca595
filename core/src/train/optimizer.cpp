// AdamW over index ranges of the flat parameter array.
#include "optimizer.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace moe::train {

AdamW::AdamW(const ParamLayout& layout)
{
    for (const ParamTensor& t : layout.tensors())
        m_segments.push_back({t.offset, t.offset + t.count, t.decay, t.router});
}

void AdamW::update(float* params, const float* grads, float* m, float* v, size_t begin, size_t end,
                   const AdamWStep& step) const
{
    using Array = Eigen::Map<Eigen::ArrayXf>;
    using ConstArray = Eigen::Map<const Eigen::ArrayXf>;
    const double bc1 = 1.0 - std::pow(static_cast<double>(step.beta1), step.t);
    const double bc2 = 1.0 - std::pow(static_cast<double>(step.beta2), step.t);
    const auto stepSize = static_cast<float>(step.lr / bc1);
    const auto invSqrtBc2 = static_cast<float>(1.0 / std::sqrt(bc2));
    const float b1 = step.beta1, b2 = step.beta2, eps = step.eps, scale = step.gradScale;
    // In pieces that stay in L1 from one statement to the next: the arrays (tens of MB) come from
    // memory once per step instead of once per statement.
    constexpr size_t kPiece = 2048;
    for (const Segment& s : m_segments) {
        const float decay = !s.decay ? 0.0f : s.router ? step.routerWeightDecay : step.weightDecay;
        const size_t first = std::max(s.begin, begin), last = std::min(s.end, end);
        for (size_t lo = first; lo < last; lo += kPiece) {
            const auto n = static_cast<Eigen::Index>(std::min(kPiece, last - lo));
            Array p(params + lo, n), mm(m + lo, n), vv(v + lo, n);
            const ConstArray g(grads + lo, n);
            // PyTorch's order: decay first (p *= 1 - lr * wd), then the Adam step.
            if (decay != 0.0f)
                p *= 1.0f - step.lr * decay;
            mm = b1 * mm + (1.0f - b1) * (g * scale);
            vv = b2 * vv + (1.0f - b2) * (g * scale).square();
            p -= stepSize * mm / (vv.sqrt() * invSqrtBc2 + eps);
        }
    }
}

double sumOfSquares(const float* g, size_t begin, size_t end)
{
    double sum = 0.0;
    constexpr size_t kBlock = 1024; // float partial sums stay exact enough; the blocks add in double
    for (size_t i = begin; i < end; i += kBlock) {
        const auto n = static_cast<Eigen::Index>(std::min(kBlock, end - i));
        sum += static_cast<double>(Eigen::Map<const Eigen::ArrayXf>(g + i, n).square().sum());
    }
    return sum;
}

} // namespace moe::train

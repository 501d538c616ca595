// Math documents: several problem lines per document, in the formats of moe/math_problems.h.
// A document is one of a few shapes, so the model sees both mixed practice and orderly tables.
#include "moe/math_problems.h"

#include "corpus_rng.h"

namespace moe {
namespace {

// Training mixes kinds with these weights (add, sub, times, equation, word).
constexpr double kTrainWeights[kMathKindCount] = {0.30, 0.25, 0.20, 0.10, 0.15};
// Held-out text has no times facts: all of them are trained.
constexpr double kHeldOutWeights[kMathKindCount] = {0.30, 0.30, 0.0, 0.20, 0.20};

MathKind pickKind(corpus::Rng& rng, const double (&weights)[kMathKindCount])
{
    double r = rng.unit();
    for (int k = 0; k < kMathKindCount - 1; ++k) {
        if (r < weights[k])
            return static_cast<MathKind>(k);
        r -= weights[k];
    }
    return static_cast<MathKind>(kMathKindCount - 1);
}

// "7 x 8 = 56" or "7 times 8 is 56": the same fact in the two phrasings the corpus teaches.
std::string timesLine(int a, int b, bool words)
{
    const std::string lhs = std::to_string(a) + (words ? " times " : " x ") + std::to_string(b);
    return lhs + (words ? " is " : " = ") + std::to_string(a * b) + "\n";
}

} // namespace

std::string MathGenerator::document(MathSplit split)
{
    corpus::Rng rng(m_state);
    const auto problemLine = [this, &rng, split](MathKind kind) {
        m_state = rng.next(); // a fresh stream for problem(), then continue from its end
        std::string line = problem(kind, split).line();
        rng.setState(m_state);
        return line;
    };
    std::string doc;
    const double shape = rng.unit();
    if (split == MathSplit::HeldOut) {
        if (shape < 0.7) {
            for (int i = 0, n = rng.range(6, 10); i < n; ++i)
                doc += problemLine(pickKind(rng, kHeldOutWeights));
        } else {
            for (int i = 0, n = rng.range(3, 5); i < n; ++i)
                doc += problemLine(MathKind::Word);
        }
    } else if (shape < 0.45) { // mixed practice
        for (int i = 0, n = rng.range(6, 10); i < n; ++i) {
            const MathKind kind = pickKind(rng, kTrainWeights);
            if (kind == MathKind::Times && rng.unit() < 0.3)
                doc += timesLine(rng.range(1, 12), rng.range(1, 12), true);
            else
                doc += problemLine(kind);
        }
    } else if (shape < 0.65) { // a drill of one kind
        const MathKind kind = rng.below(2) == 0 ? MathKind::Add : MathKind::Sub;
        for (int i = 0, n = rng.range(6, 10); i < n; ++i)
            doc += problemLine(kind);
    } else if (shape < 0.85) { // a whole times table, in order
        const int a = rng.range(1, 12);
        const bool words = rng.unit() < 0.3, flipped = rng.below(2) != 0;
        for (int b = 1; b <= 12; ++b)
            doc += flipped ? timesLine(b, a, words) : timesLine(a, b, words);
    } else { // word problems
        for (int i = 0, n = rng.range(3, 5); i < n; ++i)
            doc += problemLine(MathKind::Word);
    }
    m_state = rng.state();
    return doc;
}

} // namespace moe

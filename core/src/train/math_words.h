// Short word problems for the math domain: a few templates, children's names and everyday things,
// small numbers. Each template states its answer as one line's last number (see moe/math_problems.h).
#pragma once

#include "corpus_rng.h"

#include <string>

namespace moe::math {

struct WordProblem {
    std::string prompt; // ends with "?"
    long answer = 0;
    bool usesHeldOutFact = false; // restates a held-out 2-digit addition or subtraction
};

WordProblem randomWordProblem(corpus::Rng& rng);

} // namespace moe::math

// Several independent matrix products run as one parallelFor: their rows are concatenated and the
// pool splits the whole range, so one call has enough work to be worth waking the workers.
#pragma once

#include "moe/model.h"
#include "thread_pool.h"

#include <span>

namespace moe {

// Y = X W^T for n input rows X (n x w.cols, leading dimension ldx); Y is n x w.rows, leading
// dimension ldy. n == 1 uses the matrix-vector kernel (the generation path).
struct MatJob {
    const WeightMatrix* w = nullptr;
    const float* x = nullptr;
    int n = 1, ldx = 0;
    float* y = nullptr;
    int ldy = 0;
};

void runMatJobs(ThreadPool& pool, std::span<const MatJob> jobs);

} // namespace moe

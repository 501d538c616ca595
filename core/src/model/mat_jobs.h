// Several independent matrix products run as one parallelFor: their rows are concatenated and the
// pool splits the whole range, so one call has enough work to be worth waking the workers.
#pragma once

#include "moe/model.h"
#include "thread_pool.h"

#include <span>
#include <vector>

namespace moe {

// Y = X W^T for n input rows X (n x w.cols, leading dimension ldx); Y is n x w.rows, leading
// dimension ldy. n == 1 uses the matrix-vector kernel (the generation path). For weights whose
// kernels round the input to Q8_0 (kernels::quantisesActivations), xq may hold X already rounded
// (row i at xq + i * ldxq blocks): then the workers read it instead of each rounding X again.
struct MatJob {
    const WeightMatrix* w = nullptr;
    const float* x = nullptr;
    int n = 1, ldx = 0;
    float* y = nullptr;
    int ldy = 0;
    const BlockQ8_0* xq = nullptr;
    int ldxq = 0;
};

// Rounds the inputs of the jobs with Q8_0 weights into `blocks` once, on the calling thread, and
// points their xq there; consecutive jobs on the same input share one copy. `blocks` only grows
// (on the calling thread, the first time a larger shape comes), so a pass of a shape seen before
// allocates nothing; the workers never need scratch of their own for it.
void quantiseJobInputs(std::span<MatJob> jobs, std::vector<BlockQ8_0>& blocks);

void runMatJobs(ThreadPool& pool, std::span<const MatJob> jobs);

} // namespace moe

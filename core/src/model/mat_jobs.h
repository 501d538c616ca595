// Several independent matrix products run as one parallelFor: their rows are concatenated and the
// pool splits the whole range, so one call has enough work to be worth waking the workers.
#pragma once

#include "moe/model.h"
#include "thread_pool.h"

#include <cstddef>
#include <span>
#include <vector>

namespace moe {

// Y = X W^T for n input rows X (n x w.cols, leading dimension ldx); Y is n x w.rows, leading
// dimension ldy. n == 1 uses the matrix-vector kernel (the generation path). For quantised weights
// (kernels::quantisesActivations), xq may hold X already rounded for w's type (row i at
// xq + i * ldxq bytes, kernels::quantizeActivations): then the workers read it instead of each
// rounding X again.
struct MatJob {
    const WeightMatrix* w = nullptr;
    const float* x = nullptr;
    int n = 1, ldx = 0;
    float* y = nullptr;
    int ldy = 0;
    const std::byte* xq = nullptr;
    size_t ldxq = 0;
    const int* tokens = nullptr; // the batch token of each input row, for diagnostics; null: row i is token i
};

// Rounds the inputs of the jobs with quantised weights once, on the calling thread, each for its
// weight's activation type (a batch may mix Q8_0, Q8_1 and Q8_K: Q4_K_M files mix Q4_K, Q6_K,
// Q5_0 ...), and points their xq there; consecutive jobs on the same input and activation type
// share one copy. `storage` is raw space for any of those blocks (a vector of BlockQ8_0 only for
// its 16-byte aligned, growable buffer); it only grows (on the calling thread, the first time a
// larger shape comes), so a pass of a shape seen before allocates nothing; the workers never need
// scratch of their own for it.
void quantiseJobInputs(std::span<MatJob> jobs, std::vector<BlockQ8_0>& storage);

void runMatJobs(ThreadPool& pool, std::span<const MatJob> jobs);

} // namespace moe

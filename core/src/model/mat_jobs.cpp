// Several independent matrix products run as one parallelFor.
#include "mat_jobs.h"

#include "kernels.h"

#include <algorithm>

namespace moe {

namespace {

void runRows(const MatJob& job, int rowBegin, int rowEnd)
{
    if (job.xq != nullptr) {
        if (job.n == 1)
            kernels::matVecRowsQ8_0(*job.w, job.xq, job.y + rowBegin, rowBegin, rowEnd);
        else
            kernels::matMatRowsQ8_0(*job.w, job.xq, job.n, job.ldxq, job.y, job.ldy, rowBegin, rowEnd);
    } else if (job.n == 1)
        kernels::matVecRows(*job.w, job.x, job.y + rowBegin, rowBegin, rowEnd);
    else
        kernels::matMatRows(*job.w, job.x, job.n, job.ldx, job.y, job.ldy, rowBegin, rowEnd);
}

bool sameInput(const MatJob& a, const MatJob& b)
{
    return a.x == b.x && a.n == b.n && a.ldx == b.ldx && a.w->cols == b.w->cols;
}

} // namespace

void quantiseJobInputs(std::span<MatJob> jobs, std::vector<BlockQ8_0>& blocks)
{
    size_t need = 0;
    for (const MatJob& job : jobs)
        if (kernels::quantisesActivations(job.w->type))
            need += static_cast<size_t>(job.n) * static_cast<size_t>(job.w->cols / 32);
    if (blocks.size() < need)
        blocks.resize(need);
    size_t used = 0;
    const MatJob* previous = nullptr; // the last job whose input was rounded
    for (MatJob& job : jobs) {
        if (!kernels::quantisesActivations(job.w->type))
            continue;
        if (previous != nullptr && sameInput(*previous, job)) {
            job.xq = previous->xq;
            job.ldxq = previous->ldxq;
            continue;
        }
        const int perRow = job.w->cols / 32;
        BlockQ8_0* out = blocks.data() + used;
        for (int i = 0; i < job.n; ++i)
            kernels::quantizeRowQ8_0(job.x + static_cast<size_t>(i) * job.ldx, job.w->cols,
                                     out + static_cast<size_t>(i) * perRow);
        job.xq = out;
        job.ldxq = perRow;
        used += static_cast<size_t>(job.n) * static_cast<size_t>(perRow);
        previous = &job;
    }
}

void runMatJobs(ThreadPool& pool, std::span<const MatJob> jobs)
{
    int total = 0;
    for (const MatJob& job : jobs)
        total += job.w->rows;
    // Chunk boundaries on multiples of 8 rows keep the kernels' 8-row tiles whole.
    pool.parallelFor(total, 8, [&jobs](int begin, int end, int) {
        int offset = 0; // first concatenated row of the current job
        for (const MatJob& job : jobs) {
            const int first = std::max(begin, offset), last = std::min(end, offset + job.w->rows);
            if (first < last)
                runRows(job, first - offset, last - offset);
            offset += job.w->rows;
            if (offset >= end)
                break;
        }
    });
}

} // namespace moe

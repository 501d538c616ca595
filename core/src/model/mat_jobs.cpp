// Several independent matrix products run as one parallelFor.
#include "mat_jobs.h"

#include "kernels.h"

#include <algorithm>

namespace moe {

namespace {

void runRows(const MatJob& job, int rowBegin, int rowEnd)
{
    if (job.n == 1)
        kernels::matVecRows(*job.w, job.x, job.y + rowBegin, rowBegin, rowEnd);
    else
        kernels::matMatRows(*job.w, job.x, job.n, job.ldx, job.y, job.ldy, rowBegin, rowEnd);
}

} // namespace

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

// Several independent matrix products run as one parallelFor.
#include "mat_jobs.h"

#include "kernels.h"

#include <algorithm>
#include <cstdint>

namespace moe {

namespace {

void runRows(const MatJob& job, int rowBegin, int rowEnd)
{
    if (job.xq != nullptr) {
        if (job.n == 1)
            kernels::matVecRowsQuantised(*job.w, job.xq, job.y + rowBegin, rowBegin, rowEnd);
        else
            kernels::matMatRowsQuantised(*job.w, job.xq, job.n, job.ldxq, job.y, job.ldy, rowBegin, rowEnd);
    } else if (job.n == 1)
        kernels::matVecRows(*job.w, job.x, job.y + rowBegin, rowBegin, rowEnd);
    else
        kernels::matMatRows(*job.w, job.x, job.n, job.ldx, job.y, job.ldy, rowBegin, rowEnd);
}

bool sameInput(const MatJob& a, const MatJob& b)
{
    return a.x == b.x && a.n == b.n && a.ldx == b.ldx && a.w->cols == b.w->cols &&
           kernels::activationType(a.w->type) == kernels::activationType(b.w->type);
}

// Each job's rounded rows start on a cache line.
constexpr size_t kAlign = 64;

size_t roundedBytes(const MatJob& job)
{
    const size_t bytes = static_cast<size_t>(job.n) * kernels::quantisedRowBytes(job.w->type, job.w->cols);
    return (bytes + kAlign - 1) / kAlign * kAlign;
}

} // namespace

void quantiseJobInputs(std::span<MatJob> jobs, std::vector<BlockQ8_0>& storage)
{
    size_t need = kAlign; // room to align the start
    for (const MatJob& job : jobs)
        if (kernels::quantisesActivations(job.w->type))
            need += roundedBytes(job);
    const size_t blocks = (need + sizeof(BlockQ8_0) - 1) / sizeof(BlockQ8_0);
    if (storage.size() < blocks)
        storage.resize(blocks);
    auto* base = reinterpret_cast<std::byte*>(storage.data());
    size_t used = (kAlign - reinterpret_cast<uintptr_t>(base) % kAlign) % kAlign;
    const MatJob* previous = nullptr; // the last job whose input was rounded
    for (MatJob& job : jobs) {
        if (!kernels::quantisesActivations(job.w->type))
            continue;
        if (previous != nullptr && sameInput(*previous, job)) {
            job.xq = previous->xq;
            job.ldxq = previous->ldxq;
            continue;
        }
        const size_t rowBytes = kernels::quantisedRowBytes(job.w->type, job.w->cols);
        std::byte* out = base + used;
        for (int i = 0; i < job.n; ++i)
            kernels::quantizeActivations(job.w->type, job.x + static_cast<size_t>(i) * job.ldx, job.w->cols,
                                         out + static_cast<size_t>(i) * rowBytes);
        job.xq = out;
        job.ldxq = rowBytes;
        used += roundedBytes(job);
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

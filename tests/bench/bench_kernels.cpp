// Micro-benchmark for the matrix kernels and the thread pool (not a test: prints numbers).
// Measures: memory read bandwidth (the bound for generation), parallelFor dispatch cost, matVec and
// matMat throughput per weight type at the small reference model's shapes and at a memory-bound
// shape, and an end-to-end estimate of the matrix part of generation / prompt processing for the
// small model (8 layers, d 256, 8 heads / 4 kv, 8 experts top-2, ffn 512).
//
// Usage: bench_kernels [--quick] [--quant] [--threads N]   (default: 1 and 2 threads)
// --quant: only every quantised type at 4096 x 4096 and the small model in Q8_0, Q4_0, Q4_K, Q6_K.
// --cpu-time (with --threads 1): time by the thread's CPU clock, for a machine shared with others.
// Every figure is the best of several timed repeats: on a shared machine the best run is the one
// least disturbed by other processes.
#include "kernels.h"
#include "thread_pool.h"

#include "moe/tensor_types.h"

#include <Eigen/Core>

#ifdef __AVX2__
#include <immintrin.h>
#endif

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

using moe::TensorType;
using moe::WeightMatrix;
namespace kernels = moe::kernels;
using Clock = std::chrono::steady_clock;

bool gQuick = false;
bool gCpuTime = false; // --cpu-time: the calling thread's CPU time, not wall time (1 thread only)

// Seconds on the wall clock, or of this thread's CPU time with --cpu-time: on a machine shared with
// other work, CPU time leaves out the time the thread waited for a core.
double now()
{
    if (gCpuTime) {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
    }
    return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}
double gDramBandwidth = 0.0; // the best DRAM read bandwidth measured, bytes/s

// Best seconds per call of fn over `repeats` rounds, each round at least minSeconds long.
double bestSeconds(const std::function<void()>& fn, int repeats = 5, double minSeconds = 0.05)
{
    fn(); // warm up caches and thread-local scratch
    double best = 1e30;
    if (gQuick) {
        repeats = 2;
        minSeconds = 0.01;
    }
    for (int r = 0; r < repeats; ++r) {
        long calls = 0;
        const double start = now();
        double elapsed = 0.0;
        do {
            fn();
            ++calls;
            elapsed = now() - start;
        } while (elapsed < minSeconds);
        best = std::min(best, elapsed / static_cast<double>(calls));
    }
    return best;
}

struct OwnedMatrix {
    std::vector<std::byte> bytes;
    WeightMatrix w;
};

// Byte offsets of a quantised block's f16 scales (d, and dmin/m or -1), for random blocks.
std::pair<int, int> scaleFields(TensorType type)
{
    switch (type) {
    case TensorType::Q4_1:
    case TensorType::Q5_1:
    case TensorType::Q4_K:
    case TensorType::Q5_K:
        return {0, 2};
    case TensorType::Q2_K:
        return {80, 82};
    case TensorType::Q3_K:
        return {108, -1};
    case TensorType::Q6_K:
        return {208, -1};
    default:
        return {0, -1};
    }
}

OwnedMatrix randomMatrix(TensorType type, int rows, int cols, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    OwnedMatrix m;
    if (moe::isQuantised(type) && type != TensorType::Q8_0) {
        // Random quants with small f16 scales: speed does not depend on the values.
        const auto blockBytes = static_cast<size_t>(moe::blockBytes(type));
        const size_t blocks = static_cast<size_t>(rows) * static_cast<size_t>(cols / moe::blockSize(type));
        m.bytes.resize(blocks * blockBytes);
        for (std::byte& b : m.bytes)
            b = static_cast<std::byte>(rng() & 0xFF);
        const auto [d, dmin] = scaleFields(type);
        for (size_t b = 0; b < blocks; ++b) {
            const uint16_t h = moe::floatToHalf(0.01f * value(rng));
            std::memcpy(m.bytes.data() + b * blockBytes + d, &h, 2);
            if (dmin >= 0)
                std::memcpy(m.bytes.data() + b * blockBytes + dmin, &h, 2);
        }
    } else {
        std::vector<float> row(static_cast<size_t>(cols));
        m.bytes.reserve(static_cast<size_t>(rows) * cols * 4);
        for (int r = 0; r < rows; ++r) {
            for (float& v : row)
                v = value(rng);
            moe::encodeRow(type, row, m.bytes);
        }
    }
    m.w = WeightMatrix{type, rows, cols, m.bytes.data(), m.bytes.size() / static_cast<size_t>(rows)};
    return m;
}

std::vector<float> randomVector(size_t n, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> value(0.0f, 1.0f);
    std::vector<float> v(n);
    for (float& x : v)
        x = value(rng);
    return v;
}

// Several products in one parallelFor over their concatenated rows (what the model's runMatJobs does).
struct Job {
    const WeightMatrix* w;
    const float* x;
    float* y;
    int n;
};

// Quantised weights: each distinct input is rounded once for its weight's activation type (split
// over the pool by input rows) and the *Quantised kernels are called, instead of every chunk of
// every job rounding the input again.
void runJobs(moe::ThreadPool& pool, const std::vector<Job>& jobs)
{
    thread_local std::vector<std::vector<uint32_t>> quantised; // uint32_t: 4-byte aligned bytes
    std::vector<const std::byte*> xq(jobs.size(), nullptr);
    if (quantised.size() < jobs.size())
        quantised.resize(jobs.size());
    for (size_t i = 0; i < jobs.size(); ++i) {
        const Job& j = jobs[i];
        if (!kernels::quantisesActivations(j.w->type))
            continue;
        for (size_t k = 0; k < i; ++k) // the same input as an earlier job: reuse its blocks
            if (jobs[k].x == j.x && jobs[k].n == j.n && jobs[k].w->cols == j.w->cols && xq[k] != nullptr &&
                kernels::activationType(jobs[k].w->type) == kernels::activationType(j.w->type))
                xq[i] = xq[k];
        if (xq[i] != nullptr)
            continue;
        const size_t rowBytes = kernels::quantisedRowBytes(j.w->type, j.w->cols);
        std::vector<uint32_t>& q = quantised[i];
        if (q.size() * 4 < static_cast<size_t>(j.n) * rowBytes)
            q.resize((static_cast<size_t>(j.n) * rowBytes + 3) / 4);
        auto* out = reinterpret_cast<std::byte*>(q.data());
        pool.parallelFor(j.n, [&](int begin, int end, int) {
            for (int t = begin; t < end; ++t)
                kernels::quantizeActivations(j.w->type, j.x + static_cast<size_t>(t) * j.w->cols, j.w->cols,
                                             out + static_cast<size_t>(t) * rowBytes);
        });
        xq[i] = out;
    }
    int total = 0;
    for (const Job& j : jobs)
        total += j.w->rows;
    pool.parallelFor(total, 8, [&](int begin, int end, int) {
        int offset = 0;
        for (size_t i = 0; i < jobs.size(); ++i) {
            const Job& j = jobs[i];
            const int first = std::max(begin, offset) - offset,
                      last = std::min(end, offset + j.w->rows) - offset;
            if (first < last) {
                const size_t rowBytes = kernels::quantisedRowBytes(j.w->type, j.w->cols);
                if (xq[i] != nullptr && j.n == 1)
                    kernels::matVecRowsQuantised(*j.w, xq[i], j.y + first, first, last);
                else if (xq[i] != nullptr)
                    kernels::matMatRowsQuantised(*j.w, xq[i], j.n, rowBytes, j.y, j.w->rows, first, last);
                else if (j.n == 1)
                    kernels::matVecRows(*j.w, j.x, j.y + first, first, last);
                else
                    kernels::matMatRows(*j.w, j.x, j.n, j.w->cols, j.y, j.w->rows, first, last);
            }
            offset += j.w->rows;
        }
    });
}

// Rows split over the pool in whole 8-row tiles, as the model should call the kernels.
void parallelMatVec(moe::ThreadPool& pool, const WeightMatrix& w, const float* x, float* y)
{
    runJobs(pool, {{&w, x, y, 1}});
}

void parallelMatMat(moe::ThreadPool& pool, const WeightMatrix& w, const float* x, int n, float* y)
{
    runJobs(pool, {{&w, x, y, n}});
}

// --- memory bandwidth ---------------------------------------------------------------------------

// XOR over 64-bit words, in 8 concurrent sequential streams per thread: one stream alone does not
// keep enough cache misses in flight to reach the bandwidth the matVec kernels see (8 rows at once).
double readBandwidth(moe::ThreadPool& pool, const std::vector<uint64_t>& buffer)
{
    constexpr size_t kStreams = 8, kPiece = 8192; // words per parallelFor unit
    std::vector<uint64_t> sink(static_cast<size_t>(pool.threadCount()) * 8);
    const int pieces = static_cast<int>(buffer.size() / kPiece);
    const double seconds = bestSeconds(
        [&] {
            pool.parallelFor(pieces, [&](int begin, int end, int thread) {
                const size_t first = static_cast<size_t>(begin) * kPiece;
                const size_t part = (static_cast<size_t>(end - begin) * kPiece) / kStreams;
                const uint64_t* p = buffer.data() + first;
#ifdef __AVX2__
                __m256i acc[kStreams];
                for (__m256i& a : acc)
                    a = _mm256_setzero_si256();
                for (size_t i = 0; i + 4 <= part; i += 4)
                    for (size_t s = 0; s < kStreams; ++s)
                        acc[s] = _mm256_xor_si256(
                            acc[s], _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + s * part + i)));
                for (const __m256i& a : acc)
                    sink[static_cast<size_t>(thread) * 8] ^=
                        static_cast<uint64_t>(_mm256_extract_epi64(a, 0));
#else
                uint64_t acc[kStreams] = {};
                for (size_t i = 0; i < part; ++i)
                    for (size_t s = 0; s < kStreams; ++s)
                        acc[s] ^= p[s * part + i];
                for (uint64_t a : acc)
                    sink[static_cast<size_t>(thread) * 8] ^= a;
#endif
            });
        },
        5, 0.3);
    return static_cast<double>(static_cast<size_t>(pieces) * kPiece * sizeof(uint64_t)) / seconds / 1e9;
}

// --- per-kernel throughput -----------------------------------------------------------------------

void benchMatVec(const std::vector<int>& threadCounts)
{
    std::printf("\n== matVec (one input vector; GFLOP/s = 2*rows*cols/t, GB/s = weight bytes/t) ==\n");
    std::printf("%-6s %-12s %3s %10s %9s %8s\n", "type", "shape", "thr", "us/call", "GFLOP/s", "GB/s");
    struct Shape {
        int rows, cols, copies; // copies > 1: rotate through distinct matrices to defeat the caches
        const char* note;
    };
    const std::vector<Shape> shapes = {
        {256, 256, 1, "attn q/o"},
        {128, 256, 1, "attn k/v"},
        {512, 256, 1, "expert gate/up"},
        {256, 512, 1, "expert down"},
        {4096, 4096, gQuick ? 3 : 6, "memory-bound"},
    };
    for (TensorType type : {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0}) {
        for (const Shape& s : shapes) {
            if (type == TensorType::F32 && s.rows == 4096 && gQuick)
                continue;
            std::vector<OwnedMatrix> ms;
            for (int c = 0; c < s.copies; ++c)
                ms.push_back(randomMatrix(type, s.rows, s.cols, 100 + c));
            const std::vector<float> x = randomVector(static_cast<size_t>(s.cols), 7);
            std::vector<float> y(static_cast<size_t>(s.rows));
            for (int threads : threadCounts) {
                moe::ThreadPool pool(threads);
                size_t next = 0;
                const double t = bestSeconds([&] {
                    parallelMatVec(pool, ms[next].w, x.data(), y.data());
                    next = (next + 1) % ms.size();
                });
                const double flops = 2.0 * s.rows * s.cols;
                const double bytes = static_cast<double>(ms[0].bytes.size());
                std::printf("%-6s %4dx%-7d %3d %10.2f %9.1f %8.1f  %s\n",
                            std::string(moe::tensorTypeName(type)).c_str(), s.rows, s.cols, threads, t * 1e6,
                            flops / t / 1e9, bytes / t / 1e9, s.note);
            }
        }
    }
}

void benchMatMat(const std::vector<int>& threadCounts)
{
    std::printf("\n== matMat (n inputs at once; GFLOP/s = 2*n*rows*cols/t) ==\n");
    std::printf("%-6s %-9s %4s %3s %10s %9s\n", "type", "shape", "n", "thr", "us/call", "GFLOP/s");
    const std::vector<std::pair<int, int>> shapes = {{256, 256}, {512, 256}, {256, 512}};
    const std::vector<int> ns = gQuick ? std::vector<int>{64, 512} : std::vector<int>{64, 128, 256, 512};
    for (TensorType type : {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0}) {
        for (auto [rows, cols] : shapes) {
            const OwnedMatrix m = randomMatrix(type, rows, cols, 5);
            for (int n : ns) {
                const std::vector<float> x = randomVector(static_cast<size_t>(n) * cols, 9);
                std::vector<float> y(static_cast<size_t>(n) * rows);
                for (int threads : threadCounts) {
                    moe::ThreadPool pool(threads);
                    const double t = bestSeconds([&] { parallelMatMat(pool, m.w, x.data(), n, y.data()); });
                    std::printf("%-6s %4dx%-4d %4d %3d %10.1f %9.1f\n",
                                std::string(moe::tensorTypeName(type)).c_str(), rows, cols, n, threads,
                                t * 1e6, 2.0 * n * rows * cols / t / 1e9);
                }
            }
        }
    }
    // Yardstick: Eigen's F32 GEMM on the same product (Y = X W^T), one thread.
    for (auto [rows, cols] : shapes) {
        const int n = 256;
        Eigen::MatrixXf w = Eigen::MatrixXf::Random(rows, cols);
        Eigen::MatrixXf x = Eigen::MatrixXf::Random(cols, n);
        Eigen::MatrixXf y(rows, n);
        const double t = bestSeconds([&] { y.noalias() = w * x; });
        std::printf("Eigen  %4dx%-4d %4d %3d %10.1f %9.1f  (reference GEMM)\n", rows, cols, n, 1, t * 1e6,
                    2.0 * n * rows * cols / t / 1e9);
    }
}

void benchDispatch(const std::vector<int>& threadCounts)
{
    std::printf("\n== parallelFor dispatch + join (empty work) ==\n");
    for (int threads : threadCounts) {
        moe::ThreadPool pool(threads);
        std::vector<int> sink(64);
        const double t = bestSeconds(
            [&] { pool.parallelFor(64, [&](int b, int, int) { sink[static_cast<size_t>(b)]++; }); }, 5, 0.1);
        std::printf("threads %d: %.2f us per call\n", threads, t * 1e6);
    }
}

// --- small-model estimate ------------------------------------------------------------------------

// All matrices of the small reference model in one type, experts included, so the working set
// (and its cache behaviour) is the real one: 103 MiB in F32, 27 MiB in Q8_0.
struct SmallModel {
    static constexpr int kLayers = 8, kEmbd = 256, kKv = 128, kExperts = 8, kFf = 512, kVocab = 512;
    struct Layer {
        OwnedMatrix wq, wk, wv, wo, router;
        std::vector<OwnedMatrix> gate, up, down;
    };
    std::vector<Layer> layers;
    OwnedMatrix output;

    explicit SmallModel(TensorType type)
    {
        uint32_t seed = 1;
        for (int l = 0; l < kLayers; ++l) {
            Layer layer;
            layer.wq = randomMatrix(type, kEmbd, kEmbd, seed++);
            layer.wk = randomMatrix(type, kKv, kEmbd, seed++);
            layer.wv = randomMatrix(type, kKv, kEmbd, seed++);
            layer.wo = randomMatrix(type, kEmbd, kEmbd, seed++);
            layer.router =
                randomMatrix(TensorType::F32, kExperts, kEmbd, seed++); // llama-quantize keeps it F32
            for (int e = 0; e < kExperts; ++e) {
                layer.gate.push_back(randomMatrix(type, kFf, kEmbd, seed++));
                layer.up.push_back(randomMatrix(type, kFf, kEmbd, seed++));
                layer.down.push_back(randomMatrix(type, kEmbd, kFf, seed++));
            }
            layers.push_back(std::move(layer));
        }
        output = randomMatrix(type, kVocab, kEmbd, seed++);
    }
};

// One generated token's matrix work: 5 parallelFor calls per layer, like a fused forward pass.
// Attention over the cache, norms and sampling are not included (small at short contexts).
double generationTokensPerSecond(const SmallModel& m, moe::ThreadPool& pool)
{
    constexpr int d = SmallModel::kEmbd, ff = SmallModel::kFf;
    std::vector<float> x = randomVector(d, 3), q(d), k(d), v(d), o(d), router(8), h(2 * 2 * ff), down(2 * d),
                       logits(SmallModel::kVocab);
    std::mt19937 rng(11);
    const int tokens = gQuick ? 100 : 400;
    std::vector<std::array<int, 2>> picks(static_cast<size_t>(tokens) * SmallModel::kLayers);
    for (auto& p : picks) {
        p[0] = static_cast<int>(rng() % 8);
        p[1] = (p[0] + 1 + static_cast<int>(rng() % 7)) % 8;
    }
    const double t = bestSeconds(
        [&] {
            for (int token = 0; token < tokens; ++token) {
                for (int l = 0; l < SmallModel::kLayers; ++l) {
                    const auto& L = m.layers[static_cast<size_t>(l)];
                    const auto& pick = picks[static_cast<size_t>(token * SmallModel::kLayers + l)];
                    runJobs(pool, {{&L.wq.w, x.data(), q.data(), 1},
                                   {&L.wk.w, x.data(), k.data(), 1},
                                   {&L.wv.w, x.data(), v.data(), 1}});
                    runJobs(pool, {{&L.wo.w, q.data(), o.data(), 1}});
                    kernels::matVecRows(L.router.w, o.data(), router.data(), 0, 8); // too small to split
                    runJobs(pool, {{&L.gate[pick[0]].w, o.data(), h.data(), 1},
                                   {&L.up[pick[0]].w, o.data(), h.data() + ff, 1},
                                   {&L.gate[pick[1]].w, o.data(), h.data() + 2 * ff, 1},
                                   {&L.up[pick[1]].w, o.data(), h.data() + 3 * ff, 1}});
                    runJobs(pool, {{&L.down[pick[0]].w, h.data(), down.data(), 1},
                                   {&L.down[pick[1]].w, h.data() + 2 * ff, down.data() + d, 1}});
                }
                runJobs(pool, {{&m.output.w, x.data(), logits.data(), 1}});
            }
        },
        3, 0.2);
    return tokens / t;
}

// A 512-token prompt's matrix work: batched q/k/v/o over all tokens, each expert over its ~1/4 of them.
double promptTokensPerSecond(const SmallModel& m, moe::ThreadPool& pool)
{
    constexpr int d = SmallModel::kEmbd, ff = SmallModel::kFf, n = 512, perExpert = n * 2 / 8;
    const std::vector<float> x = randomVector(static_cast<size_t>(n) * ff, 3);
    std::vector<float> q(static_cast<size_t>(n) * d), k(static_cast<size_t>(n) * d),
        v(static_cast<size_t>(n) * d), o(static_cast<size_t>(n) * d), router(static_cast<size_t>(n) * 8),
        h(static_cast<size_t>(n) * 2 * ff), logits(static_cast<size_t>(SmallModel::kVocab));
    const double t = bestSeconds(
        [&] {
            for (int l = 0; l < SmallModel::kLayers; ++l) {
                const auto& L = m.layers[static_cast<size_t>(l)];
                runJobs(pool, {{&L.wq.w, x.data(), q.data(), n},
                               {&L.wk.w, x.data(), k.data(), n},
                               {&L.wv.w, x.data(), v.data(), n}});
                runJobs(pool, {{&L.wo.w, q.data(), o.data(), n}});
                runJobs(pool, {{&L.router.w, o.data(), router.data(), n}});
                for (int e = 0; e < SmallModel::kExperts; ++e) {
                    runJobs(pool, {{&L.gate[static_cast<size_t>(e)].w, x.data(), h.data(), perExpert},
                                   {&L.up[static_cast<size_t>(e)].w, x.data(),
                                    h.data() + static_cast<size_t>(perExpert) * ff, perExpert}});
                    runJobs(pool, {{&L.down[static_cast<size_t>(e)].w, x.data(), o.data(), perExpert}});
                }
            }
            runJobs(pool, {{&m.output.w, x.data(), logits.data(), 1}}); // logits of the last token only
        },
        3, 0.2);
    return n / t;
}

void benchSmallModel(const std::vector<int>& threadCounts, const std::vector<TensorType>& types)
{
    std::printf("\n== small model (8 layers, d256, 8 experts top-2, ffn 512): matrix work only ==\n");
    std::printf("llama.cpp, 2 threads (reference table): F32 tg 602 pp 2720; Q8_0 tg 928 pp 2475 tokens/s\n");
    for (TensorType type : types) {
        const SmallModel model(type);
        // Weight bytes one token reads: attention, router, 2 of 8 experts per layer, the output.
        double bytes = static_cast<double>(model.output.bytes.size());
        for (const auto& l : model.layers)
            bytes += static_cast<double>(
                l.wq.bytes.size() + l.wk.bytes.size() + l.wv.bytes.size() + l.wo.bytes.size() +
                l.router.bytes.size() +
                2 * (l.gate[0].bytes.size() + l.up[0].bytes.size() + l.down[0].bytes.size()));
        std::printf("%-5s %.1f MiB read per token; DRAM bound %.0f tokens/s\n",
                    std::string(moe::tensorTypeName(type)).c_str(), bytes / (1 << 20),
                    gDramBandwidth / bytes);
        for (int threads : threadCounts) {
            moe::ThreadPool pool(threads);
            const double tg = generationTokensPerSecond(model, pool);
            const double pp = promptTokensPerSecond(model, pool);
            std::printf("%-5s threads %d: generation %7.0f tokens/s, prompt (512) %7.0f tokens/s\n",
                        std::string(moe::tensorTypeName(type)).c_str(), threads, tg, pp);
        }
    }
}

// Every quantised type at the memory-bound 4096 x 4096 shape: matVec weight GB/s against the DRAM
// read bandwidth measured above (enough distinct copies to defeat the L3), and matMat GFLOP/s.
void benchQuantTypes(const std::vector<int>& threadCounts)
{
    std::printf("\n== quantised types, 4096x4096 (matVec: weight GB/s and share of DRAM bandwidth; "
                "matMat n=64: GFLOP/s) ==\n");
    std::printf("%-7s %3s %10s %8s %7s %12s %10s\n", "type", "thr", "us/matVec", "GB/s", "of DRAM",
                "matMat GF/s", "L2 GB/s");
    constexpr int kRows = 4096, kCols = 4096, kN = 64;
    const std::vector<float> x = randomVector(static_cast<size_t>(kCols) * kN, 7);
    std::vector<float> y(static_cast<size_t>(kRows) * kN);
    for (TensorType type : moe::allTensorTypes()) {
        if (!moe::isQuantised(type))
            continue;
        std::vector<OwnedMatrix> ms;
        size_t total = 0;
        for (uint32_t c = 0; total < (96u << 20) && c < (gQuick ? 4u : 16u); ++c) {
            ms.push_back(randomMatrix(type, kRows, kCols, 100 + c));
            total += ms.back().bytes.size();
        }
        const double bytes = static_cast<double>(ms[0].bytes.size());
        for (int threads : threadCounts) {
            moe::ThreadPool pool(threads);
            size_t next = 0;
            const double t = bestSeconds([&] {
                parallelMatVec(pool, ms[next].w, x.data(), y.data());
                next = (next + 1) % ms.size();
            });
            const double tm =
                bestSeconds([&] { parallelMatMat(pool, ms[0].w, x.data(), kN, y.data()); }, 3, 0.1);
            // The kernel's own speed: 64 rows (<= 213 KiB) stay in L2 across calls.
            const WeightMatrix hot{type, 64, kCols, ms[0].w.data, ms[0].w.rowBytes};
            const double th = bestSeconds([&] { parallelMatVec(pool, hot, x.data(), y.data()); });
            std::printf("%-7s %3d %10.1f %8.1f %6.0f%% %12.1f %10.1f\n",
                        std::string(moe::tensorTypeName(type)).c_str(), threads, t * 1e6, bytes / t / 1e9,
                        100.0 * bytes / t / gDramBandwidth, 2.0 * kN * kRows * kCols / tm / 1e9,
                        bytes * 64.0 / kRows / th / 1e9);
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<int> threadCounts = {1, 2};
    bool quantOnly = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--quick")
            gQuick = true;
        else if (arg == "--quant")
            quantOnly = true;
        else if (arg == "--cpu-time")
            gCpuTime = true;
        else if (arg == "--threads" && i + 1 < argc)
            threadCounts = {std::atoi(argv[++i])};
        else {
            std::fprintf(stderr, "usage: bench_kernels [--quick] [--quant] [--cpu-time] [--threads N]\n");
            return 2;
        }
    }
    std::printf("== memory read bandwidth ==\n");
    {
        const std::vector<uint64_t> big(gQuick ? (64u << 20) / 8 : (256u << 20) / 8, 1);
        const std::vector<uint64_t> l3((8u << 20) / 8, 1);
        for (int threads : threadCounts) {
            moe::ThreadPool pool(threads);
            const double dram = readBandwidth(pool, big);
            gDramBandwidth = std::max(gDramBandwidth, dram * 1e9);
            std::printf("threads %d: DRAM (%zu MiB) %.1f GB/s, L3-resident (8 MiB) %.1f GB/s\n", threads,
                        big.size() * 8 >> 20, dram, readBandwidth(pool, l3));
        }
    }
    if (gCpuTime && (threadCounts.size() != 1 || threadCounts[0] != 1)) {
        std::fprintf(stderr, "--cpu-time measures the calling thread only: use it with --threads 1\n");
        return 2;
    }
    if (quantOnly) {
        benchQuantTypes(threadCounts);
        benchSmallModel(threadCounts,
                        {TensorType::Q8_0, TensorType::Q4_0, TensorType::Q4_K, TensorType::Q6_K});
        return 0;
    }
    benchDispatch(threadCounts);
    benchMatVec(threadCounts);
    benchMatMat(threadCounts);
    benchSmallModel(threadCounts, {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0});
    return 0;
}

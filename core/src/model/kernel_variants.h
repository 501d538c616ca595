// The matrix and attention kernels exist in several instruction-set variants, compiled from the
// same sources (kernels_float.cpp, kernels_q8.cpp, kernels_act.cpp, kernels_dot32.cpp,
// kernels_dotk.cpp, kernels_dotk_small.cpp, kernels_attention.cpp, kernels_table.cpp) with
// different compiler flags, each in a namespace of its own. kernels.cpp calls whichever
// activeKernelTable() picked, once per process: the best variant this CPU runs, or a lower one
// named by TINY_EXPERTS_SIMD. A -DTINY_EXPERTS_NATIVE=ON build compiles one variant, "native", for
// the compiling machine.
#pragma once

#include "moe/tensor_types.h"

#include <cstddef>
#include <span>
#include <string>

namespace moe {
struct WeightMatrix;
}

namespace moe::kernels {

// One group of query heads attending over one kv head's cache (grouped-query attention): for each
// head r < heads, out[r] = softmax(q[r] . keys[j] * scale, j < length) . values[j]. q and out hold
// heads * headDim floats; keys and values length rows of headDim; scores is scratch of heads rows
// scoreStride (>= length) apart.
struct AttentionGroup {
    const float* q;
    const float* keys;
    const float* values;
    int length, headDim, heads, scoreStride; // headDim: of queries and keys
    int valueDim;                            // of values and the output
    float scale;
    float* scores;
    float* out;
};

// What a variant needs from the CPU, lowest first.
enum class SimdLevel { Baseline, Avx2, Avx512 };

// One variant's entry points; same contracts as the functions of kernels.h.
struct KernelTable {
    const char* name; // "baseline", "avx2", "avx512" or "native"
    SimdLevel level;
    void (*matVecFloat)(const WeightMatrix& w, const float* x, float* y, int rowBegin, int rowEnd);
    void (*matMatFloat)(const WeightMatrix& w, const float* x, int n, int ldx, float* y, int ldy,
                        int rowBegin, int rowEnd);
    void (*quantizeQ8)(const float* x, int cols, BlockQ8_0* out);
    void (*matVecQ8)(const WeightMatrix& w, const BlockQ8_0* xq, float* y, int rowBegin, int rowEnd);
    void (*matMatQ8)(const WeightMatrix& w, const BlockQ8_0* xq, int n, int ldxq, float* y, int ldy,
                     int rowBegin, int rowEnd);
    void (*quantizeAct)(TensorType weightType, const float* x, int cols, std::byte* out);
    void (*matVecQuant)(const WeightMatrix& w, const std::byte* xq, float* y, int rowBegin, int rowEnd);
    void (*matMatQuant)(const WeightMatrix& w, const std::byte* xq, int n, size_t ldxq, float* y, int ldy,
                        int rowBegin, int rowEnd);
    void (*decodeRow)(const WeightMatrix& w, int row, float* out);
    void (*attendGroup)(const AttentionGroup& group);
};

// Every variant compiled into this build, lowest level first (whether this CPU runs it or not).
std::span<const KernelTable* const> compiledKernelTables();

// Whether this CPU (and its operating system) runs code built for `level`.
bool cpuSupports(SimdLevel level);

// The variant in use: chosen on the first call (thread-safe), then fixed.
const KernelTable& activeKernelTable();

// The choice activeKernelTable() makes for a TINY_EXPERTS_SIMD value (nullptr or "" = unset):
// the best supported variant, or the requested one when compiled and supported. A request this
// build or CPU cannot honour falls back to the best variant and explains why in `warning`.
const KernelTable& chooseKernelTable(const char* request, std::string& warning);

} // namespace moe::kernels

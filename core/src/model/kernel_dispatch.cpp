// Picks the kernel variant once per process: the best one this CPU runs, unless TINY_EXPERTS_SIMD
// names a lower one (for tests and benchmarks).
#include "kernel_variants.h"
#include "moe/kernel_variant.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

// Each compiled variant's table, defined in its own build of kernels_table.cpp.
#ifdef MOE_KERNELS_NATIVE_ONLY
namespace moe::kernels::native {
const KernelTable& table();
}
#else
namespace moe::kernels::baseline {
const KernelTable& table();
}
#ifdef MOE_KERNELS_X86_VARIANTS
namespace moe::kernels::avx2 {
const KernelTable& table();
}
namespace moe::kernels::avx512 {
const KernelTable& table();
}
#endif
#endif

namespace moe::kernels {

std::span<const KernelTable* const> compiledKernelTables()
{
#ifdef MOE_KERNELS_NATIVE_ONLY
    static const std::array<const KernelTable*, 1> tables{&native::table()};
#elif defined(MOE_KERNELS_X86_VARIANTS)
    static const std::array<const KernelTable*, 3> tables{&baseline::table(), &avx2::table(),
                                                          &avx512::table()};
#else
    static const std::array<const KernelTable*, 1> tables{&baseline::table()};
#endif
    return tables;
}

#if defined(__x86_64__) || defined(__i386__)
// CPUID leaf 1, ECX bit 29. (GCC's __builtin_cpu_supports knows "f16c"; clang 14's does not, and
// the fuzz targets are built with clang.)
bool cpuHasF16c()
{
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    return __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_F16C) != 0;
}
#endif

bool cpuSupports(SimdLevel level)
{
    switch (level) {
    case SimdLevel::Baseline:
        return true;
#if defined(__x86_64__) || defined(__i386__)
    // __builtin_cpu_supports also checks that the OS saves the YMM/ZMM registers (XGETBV).
    case SimdLevel::Avx2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && cpuHasF16c();
    case SimdLevel::Avx512:
        return cpuSupports(SimdLevel::Avx2) && __builtin_cpu_supports("avx512f") &&
               __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
#endif
    default:
        return false;
    }
}

const KernelTable& chooseKernelTable(const char* request, std::string& warning)
{
    warning.clear();
    const std::span<const KernelTable* const> tables = compiledKernelTables();
    const KernelTable* best = tables.front();
    for (const KernelTable* table : tables)
        if (cpuSupports(table->level))
            best = table;
    if (request == nullptr || *request == '\0')
        return *best;

    std::string names;
    for (const KernelTable* table : tables) {
        if (request == std::string_view(table->name)) {
            if (cpuSupports(table->level))
                return *table;
            warning =
                "TINY_EXPERTS_SIMD=" + std::string(request) + ": this CPU cannot run it; using " + best->name;
            return *best;
        }
        names += names.empty() ? "" : ", ";
        names += table->name;
    }
    warning = "TINY_EXPERTS_SIMD=" + std::string(request) + " is not a kernel variant of this build (" +
              names + "); using " + best->name;
    return *best;
}

const KernelTable& activeKernelTable()
{
    static const KernelTable& table = []() -> const KernelTable& {
        std::string warning;
        const KernelTable& chosen = chooseKernelTable(std::getenv("TINY_EXPERTS_SIMD"), warning);
        if (!warning.empty())
            std::fprintf(stderr, "warning: %s\n", warning.c_str());
        return chosen;
    }();
    return table;
}

} // namespace moe::kernels

namespace moe {

std::string_view kernelVariant()
{
    return kernels::activeKernelTable().name;
}

} // namespace moe

// Which build of the matrix kernels this process runs. A default (portable) build carries several
// (baseline x86-64, AVX2 + FMA, AVX-512) and picks the best the CPU supports at the first use;
// the environment variable TINY_EXPERTS_SIMD=baseline|avx2|avx512 asks for a lower one (a value
// this build or CPU cannot honour is ignored with a warning on stderr). A -DTINY_EXPERTS_NATIVE=ON
// build has one, "native".
#pragma once

#include <string_view>

namespace moe {

// "baseline", "avx2", "avx512" or "native".
std::string_view kernelVariant();

} // namespace moe

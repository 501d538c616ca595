// Force-included first into every translation unit built by GCC 12 or older for x86 (see
// TinyExpertsOptions.cmake). GCC 12's avx512fintrin.h makes its "undefined" vectors by
// initialising a variable with itself (`__m512 __Y = __Y;` in _mm512_undefined_ps and friends),
// and every AVX-512 intrinsic that passes one as the unused masked-off operand then warns
// "'__Y' may be used uninitialized" once inlined: a false positive, GCC bug 105593, fixed in
// GCC 13. Eigen calls such intrinsics all over, so an AVX-512 build printed hundreds of these.
// Including the intrinsics here, first, with the warning off, silences exactly the locations
// inside GCC's own intrinsic headers; the project's code keeps every warning.
#pragma once

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ <= 12 && (defined(__x86_64__) || defined(__i386__))
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#endif

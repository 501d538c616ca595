# tiny_experts_options: warnings, CPU tuning and sanitizers, linked PRIVATE by every target.
add_library(tiny_experts_options INTERFACE)
target_compile_options(tiny_experts_options INTERFACE -Wall -Wextra -Wpedantic)
# Portable by default: a binary built here runs on any CPU of the architecture; the matrix kernels
# carry their own AVX2 / AVX-512 builds and pick one at run time (core/src/model/kernel_variants.h).
if(TINY_EXPERTS_NATIVE)
    target_compile_options(tiny_experts_options INTERFACE -march=native)
endif()
if(TINY_EXPERTS_SANITIZE)
    target_compile_options(tiny_experts_options INTERFACE
        -fsanitize=${TINY_EXPERTS_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(tiny_experts_options INTERFACE -fsanitize=${TINY_EXPERTS_SANITIZE})
endif()

# GCC 12 warns "'__Y' may be used uninitialized" from inside its own AVX-512 intrinsics (a false
# positive, GCC bug 105593; hundreds of them through Eigen). When the whole build targets AVX-512
# (-DTINY_EXPERTS_NATIVE=ON on such a CPU, or -march=... in CMAKE_CXX_FLAGS), every file first
# includes the intrinsics with that warning off (cmake/gcc12_avx512_undefined.h): only locations in
# GCC's headers are silenced, never the project's code. The kernels' own AVX-512 variant uses no
# Eigen and compiles clean.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    include(CheckCXXSourceCompiles)
    set(CMAKE_REQUIRED_FLAGS "")
    if(TINY_EXPERTS_NATIVE)
        set(CMAKE_REQUIRED_FLAGS -march=native)
    endif()
    set(CMAKE_REQUIRED_QUIET ON)
    unset(TINY_EXPERTS_TARGETS_AVX512 CACHE) # re-checked on every configure: the flags may change
    check_cxx_source_compiles("#ifndef __AVX512F__\n#error no AVX-512\n#endif\nint main() {}"
                              TINY_EXPERTS_TARGETS_AVX512)
    unset(CMAKE_REQUIRED_FLAGS)
    unset(CMAKE_REQUIRED_QUIET)
    if(TINY_EXPERTS_TARGETS_AVX512)
        target_compile_options(tiny_experts_options INTERFACE
            "SHELL:-include ${PROJECT_SOURCE_DIR}/cmake/gcc12_avx512_undefined.h")
    endif()
endif()

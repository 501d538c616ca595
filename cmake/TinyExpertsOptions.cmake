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

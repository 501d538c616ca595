# tiny_experts_options: warnings, CPU tuning and sanitizers, linked PRIVATE by every target.
add_library(tiny_experts_options INTERFACE)
target_compile_options(tiny_experts_options INTERFACE -Wall -Wextra -Wpedantic)
if(TINY_EXPERTS_NATIVE)
    target_compile_options(tiny_experts_options INTERFACE -march=native)
endif()
if(TINY_EXPERTS_SANITIZE)
    target_compile_options(tiny_experts_options INTERFACE
        -fsanitize=${TINY_EXPERTS_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(tiny_experts_options INTERFACE -fsanitize=${TINY_EXPERTS_SANITIZE})
endif()

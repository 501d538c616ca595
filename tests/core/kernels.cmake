# tests for the matrix kernels and the thread pool (private headers of moe_model)
moe_add_test(kernels SOURCES test_kernels.cpp LIBS moe_model)
moe_add_test(thread_pool SOURCES test_thread_pool.cpp LIBS moe_model)
# the quantised types' kernels against moe::quant::dequantize (a private header of moe_gguf)
moe_add_test(quant_kernels SOURCES test_quant_kernels.cpp LIBS moe_model)
target_include_directories(test_quant_kernels PRIVATE ${PROJECT_SOURCE_DIR}/core/src/gguf)
foreach(target test_kernels test_thread_pool test_quant_kernels)
    target_include_directories(${target} PRIVATE $<TARGET_PROPERTY:moe_model,SOURCE_DIR>)
    set_target_properties(${target} PROPERTIES AUTOMOC ON)
endforeach()
# Every kernel variant this CPU runs against the baseline one (test_kernel_variants), and the
# kernel tests again with the baseline variant forced (TINY_EXPERTS_SIMD).
moe_add_test(kernel_variants SOURCES test_kernel_variants.cpp LIBS moe_model)
target_include_directories(test_kernel_variants PRIVATE $<TARGET_PROPERTY:moe_model,SOURCE_DIR>)
set_target_properties(test_kernel_variants PROPERTIES AUTOMOC ON)
if(TARGET moe_kernels_baseline) # a native build has one variant only
    add_test(NAME core.kernels_baseline COMMAND test_kernels)
    set_tests_properties(core.kernels_baseline PROPERTIES ENVIRONMENT TINY_EXPERTS_SIMD=baseline TIMEOUT 600)
    add_test(NAME core.quant_kernels_baseline COMMAND test_quant_kernels)
    set_tests_properties(core.quant_kernels_baseline PROPERTIES ENVIRONMENT TINY_EXPERTS_SIMD=baseline
                         TIMEOUT 600)
endif()
# An x86 variant object may define only symbols of its own namespace: an inline or template
# function compiled with -mavx2 could otherwise replace a baseline caller's copy at link time.
foreach(variant avx2 avx512)
    if(TARGET moe_kernels_${variant})
        add_test(NAME core.kernel_symbols_${variant}
                 COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM} -DVARIANT=${variant}
                         "-DOBJECTS=$<JOIN:$<TARGET_OBJECTS:moe_kernels_${variant}>,|>"
                         -P ${CMAKE_CURRENT_SOURCE_DIR}/check_kernel_symbols.cmake)
    endif()
endforeach()

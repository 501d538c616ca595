# tests for model: loading and writing (test_model), damaged models (test_model_corruption), the
# forward pass against a naive reference, KV cache, prefill and routing (test_session), and the
# compact weight types against F32 (test_session_types), and that step() allocates only its result
# and gives the same bits on any thread count (test_session_allocations); every architecture against
# a naive reference (test_architectures).
foreach(name model model_corruption session session_types session_allocations architectures)
    moe_add_test(${name} SOURCES test_${name}.cpp LIBS moe_model)
    set_target_properties(test_${name} PROPERTIES AUTOMOC ON)
endforeach()

# tests for the trainer (moe_train); they also reach its private headers (ops, network, layout) and
# the engine's router and RoPE, which the trainer shares.
moe_add_test(train_ops SOURCES test_train_ops.cpp LIBS moe_train)
target_include_directories(test_train_ops PRIVATE ${PROJECT_SOURCE_DIR}/core/src/train
                                                  ${PROJECT_SOURCE_DIR}/core/src/model)
moe_add_test(train SOURCES test_train.cpp LIBS moe_train moe_model)
target_include_directories(test_train PRIVATE ${PROJECT_SOURCE_DIR}/core/src/train
                                              ${PROJECT_SOURCE_DIR}/core/src/model)
moe_add_test(gemm SOURCES test_gemm.cpp LIBS moe_train)
target_include_directories(test_gemm PRIVATE ${PROJECT_SOURCE_DIR}/core/src/train)

# tests for gguf: round trips and the API (test_gguf), damaged files and fuzz regressions
# (test_gguf_corruption). Both need only moe_gguf.
moe_add_test(gguf SOURCES test_gguf.cpp LIBS moe_gguf)
moe_add_test(gguf_corruption SOURCES test_gguf_corruption.cpp LIBS moe_gguf)
# block_dequant: the quantised block types' reference decoders against per-element formulas
moe_add_test(block_dequant SOURCES test_block_dequant.cpp LIBS moe_gguf)
target_include_directories(test_block_dequant PRIVATE ${PROJECT_SOURCE_DIR}/core/src/gguf)
# block_quant: the quantisers against llama.cpp's bytes (quant_golden.h), formulas and round trips
moe_add_test(block_quant SOURCES test_block_quant.cpp LIBS moe_gguf)
target_include_directories(test_block_quant PRIVATE ${PROJECT_SOURCE_DIR}/core/src/gguf)
# quantize: llama-quantize's recipes per tensor, and quantiseGguf end to end
moe_add_test(quantize SOURCES test_quantize.cpp LIBS moe_gguf)

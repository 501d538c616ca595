# tests for the Playground's runs (moe_playground); they read the preset files from the source tree.
moe_add_test(playground SOURCES test_playground.cpp LIBS moe_playground moe_model)
target_compile_definitions(test_playground PRIVATE TINY_EXPERTS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# tests for tokenizer
moe_add_test(tokenizer SOURCES test_tokenizer.cpp LIBS moe_tokenizer)

# tests for the sampler
moe_add_test(sampler SOURCES test_sampler.cpp LIBS moe_sampler)

# tests for the routing analysis (moe_analysis): usage counts, divergence, leaning, cost
moe_add_test(analysis SOURCES test_analysis.cpp LIBS moe_analysis)

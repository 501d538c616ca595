# tests for the training corpus: fortunes and their review, held-out split, math, training windows
moe_add_test(corpus SOURCES test_corpus.cpp LIBS moe_train moe_model)

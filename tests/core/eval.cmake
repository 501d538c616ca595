# tests for the evaluator (moe_eval): bits per byte against Session logits, exact match, the report
moe_add_test(eval SOURCES test_eval.cpp LIBS moe_eval moe_model)

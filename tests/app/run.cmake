# app tests of the run area: worker thread, trace model, model loading, presets, trace export
app_add_test(trace_model SOURCES tst_trace_model.cpp)
app_add_test(generation_worker SOURCES tst_generation_worker.cpp)
app_add_test(model_loading SOURCES tst_model_loading.cpp)
app_add_test(presets SOURCES tst_presets.cpp)
app_add_test(trace_export SOURCES tst_trace_export.cpp)

# app tests of the playground area: presets and the settings form, training on the worker thread
# against the core's own run, and a trained model opened in Explore
app_add_test(playground_form SOURCES tst_playground_form.cpp)
app_add_test(playground_training SOURCES tst_playground_training.cpp playground_direct_run.h)
app_add_test(playground_explore SOURCES tst_playground_explore.cpp)

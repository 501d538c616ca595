# app tests of the compare area
app_add_test(compare_stats SOURCES tst_compare_stats.cpp compare_runs.h)
app_add_test(scale_data SOURCES tst_scale_data.cpp)
app_add_test(compare_view SOURCES tst_compare_view.cpp compare_runs.h)

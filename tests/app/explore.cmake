# app tests of the explore area: expert grid, token strip, router chart, cost panel, caption, and
# the views following a TraceModel, the experiment report
app_add_test(expert_grid SOURCES tst_expert_grid.cpp)
app_add_test(expert_heat_map SOURCES tst_expert_heat_map.cpp)
app_add_test(token_strip SOURCES tst_token_strip.cpp)
app_add_test(router_chart SOURCES tst_router_chart.cpp)
app_add_test(cost_panel SOURCES tst_cost_panel.cpp)
app_add_test(routing_caption SOURCES tst_routing_caption.cpp)
app_add_test(trace_views SOURCES tst_trace_views.cpp)
app_add_test(experiment_report SOURCES tst_experiment_report.cpp)

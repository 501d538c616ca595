# explore: Explore mode's page and views (grid, token strip, router chart, cost panel, caption),
# its experiments drawer, and classroom mode (the page as a projector presentation)
target_sources(tiny_experts_app PRIVATE
    explore/routing_caption.h explore/routing_caption.cpp
    explore/expert_grid_view.h explore/expert_grid_view.cpp
    explore/expert_grid_heat_map.cpp explore/expert_grid_heat_paint.cpp
    explore/token_strip_view.h explore/token_strip_view.cpp
    explore/router_chart_view.h explore/router_chart_view.cpp
    explore/cost_panel.h explore/cost_panel.cpp
    explore/answer_check.h explore/answer_check.cpp
    explore/experiments_panel.h explore/experiments_panel.cpp
    explore/measured_leaning.h explore/measured_leaning.cpp
    explore/trace_views.h explore/trace_views.cpp
    explore/trace_caption.h explore/trace_caption.cpp
    explore/explore_controls.h explore/explore_controls.cpp
    explore/experiment_report.h explore/experiment_report.cpp
    explore/explore_page.h explore/explore_page.cpp
    explore/classroom_mode.h explore/classroom_mode.cpp
)

# explore: the views of Explore mode (grid, token strip, router chart, cost panel, caption)
target_sources(tiny_experts_app PRIVATE
    explore/routing_caption.h explore/routing_caption.cpp
    explore/expert_grid_view.h explore/expert_grid_view.cpp
    explore/token_strip_view.h explore/token_strip_view.cpp
    explore/router_chart_view.h explore/router_chart_view.cpp
    explore/cost_panel.h explore/cost_panel.cpp
)

# compare: Compare mode's page, its statistics and views
target_sources(tiny_experts_app PRIVATE
    compare/compare_stats.h compare/compare_stats.cpp
    compare/usage_heat_map.h compare/usage_heat_map.cpp
    compare/layer_divergence_view.h compare/layer_divergence_view.cpp
    compare/compare_view.h compare/compare_view.cpp
    compare/compare_page.h compare/compare_page.cpp
)

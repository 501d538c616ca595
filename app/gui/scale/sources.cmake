# scale: Scale mode (total vs active parameters of real MoE models) and its data
target_sources(tiny_experts_app PRIVATE
    scale/scale_models.h scale/scale_models.cpp
    scale/source_registry.h scale/source_registry.cpp
    scale/scale_view.h scale/scale_view.cpp
)

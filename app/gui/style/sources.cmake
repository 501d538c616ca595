# style: the expert palette shared by every view
target_sources(tiny_experts_app PRIVATE style/expert_palette.h style/expert_palette.cpp)

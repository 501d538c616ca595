#style : files of this area of the app
target_sources(tiny_experts_app PRIVATE style / expert_palette.h style / expert_palette.cpp)

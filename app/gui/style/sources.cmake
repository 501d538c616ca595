# style: the expert palette and the chart styling shared by every view
target_sources(tiny_experts_app PRIVATE style/expert_palette.h style/expert_palette.cpp
                                        style/chart_style.h style/chart_style.cpp)

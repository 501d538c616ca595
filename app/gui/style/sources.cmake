# style: the expert palette, the chart styling and the font scaling shared by every view
target_sources(tiny_experts_app PRIVATE style/expert_palette.h style/expert_palette.cpp
                                        style/chart_style.h style/chart_style.cpp
                                        style/scaled_font.h style/scaled_font.cpp)

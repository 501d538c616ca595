# style: the expert palette, the chart styling, the font scaling, colour maths, number formats and
# the visible-whitespace glyphs shared by every view
target_sources(tiny_experts_app PRIVATE style/expert_palette.h style/expert_palette.cpp
                                        style/chart_style.h style/chart_style.cpp
                                        style/scaled_font.h style/scaled_font.cpp
                                        style/colour_maths.h style/colour_maths.cpp
                                        style/number_format.h style/number_format.cpp
                                        style/visible_text.h style/visible_text.cpp
                                        style/wrapped_button_text.h style/wrapped_button_text.cpp)

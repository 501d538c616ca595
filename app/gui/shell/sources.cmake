# shell: the main window, the pages that compose the views, options, theme
target_sources(tiny_experts_app PRIVATE
    shell/app_options.h shell/app_options.cpp
    shell/theme.h shell/theme.cpp
    shell/language.h shell/language.cpp
    shell/answer_check.h shell/answer_check.cpp
    shell/experiments_panel.h shell/experiments_panel.cpp
    shell/explore_page.h shell/explore_page.cpp
    shell/classroom_mode.h shell/classroom_mode.cpp
    shell/lesson_driver.h shell/lesson_driver.cpp
    shell/compare_page.h shell/compare_page.cpp
    shell/main_window.h shell/main_window.cpp
)

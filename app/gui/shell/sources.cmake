# shell: the main window, options, theme, language
target_sources(tiny_experts_app PRIVATE
    shell/app_options.h shell/app_options.cpp
    shell/theme.h shell/theme.cpp
    shell/language.h shell/language.cpp
    shell/main_window.h shell/main_window.cpp
)

# shell: the main window and its mode table, scripted runs, options, theme, language
target_sources(tiny_experts_app PRIVATE
    shell/app_options.h shell/app_options.cpp
    shell/theme.h shell/theme.cpp
    shell/language.h shell/language.cpp
    shell/mode_table.h shell/mode_table.cpp
    shell/main_window.h shell/main_window.cpp
    shell/scripted_run.h shell/scripted_run.cpp
)

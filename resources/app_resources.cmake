# The app's data files, compiled into tiny_experts_app under ":/" (e.g. ":/presets/prompts.json").
# Content is data, not C++: presets, scale facts, lessons and quiz questions live here.
qt_add_resources(tiny_experts_app "app_data"
    PREFIX "/"
    BASE ${CMAKE_CURRENT_LIST_DIR}
    FILES
        ${CMAKE_CURRENT_LIST_DIR}/presets/prompts.json
        ${CMAKE_CURRENT_LIST_DIR}/scale/models.json
        ${CMAKE_CURRENT_LIST_DIR}/sources/sources.json
        ${CMAKE_CURRENT_LIST_DIR}/playground/presets.json
        ${CMAKE_CURRENT_LIST_DIR}/playground/presets/balanced.conf
        ${CMAKE_CURRENT_LIST_DIR}/playground/presets/no-balancing.conf
        ${CMAKE_CURRENT_LIST_DIR}/playground/presets/top-1.conf
        ${CMAKE_CURRENT_LIST_DIR}/playground/presets/four-experts.conf
        ${CMAKE_CURRENT_LIST_DIR}/playground/presets/sixteen-experts.conf
        ${CMAKE_CURRENT_LIST_DIR}/playground/presets/more-math.conf
        ${CMAKE_CURRENT_LIST_DIR}/playground/presets/more-poems.conf
        ${CMAKE_CURRENT_LIST_DIR}/playground/presets/micro.conf
        ${CMAKE_CURRENT_LIST_DIR}/lessons/lessons.en.json
        ${CMAKE_CURRENT_LIST_DIR}/lessons/lessons.de.json
        ${CMAKE_CURRENT_LIST_DIR}/quiz/quiz.en.json
        ${CMAKE_CURRENT_LIST_DIR}/quiz/quiz.de.json
        ${CMAKE_CURRENT_LIST_DIR}/glossary/glossary.en.json
        ${CMAKE_CURRENT_LIST_DIR}/glossary/glossary.de.json
        # The built-in model's recipe and evaluation: the facts lessons and quiz state about it.
        ${CMAKE_CURRENT_LIST_DIR}/training/default-model.conf
        ${CMAKE_CURRENT_LIST_DIR}/models/tiny-experts.eval.json
        # The Playground race of the balanced preset (tiny-experts-cli playground --race --report).
        ${CMAKE_CURRENT_LIST_DIR}/playground/race-report.json
        # The window's own icon (X11 window managers read it from the window, not the .desktop file).
        ${CMAKE_CURRENT_LIST_DIR}/icons/hicolor/32x32/apps/tiny-experts.png
        ${CMAKE_CURRENT_LIST_DIR}/icons/hicolor/64x64/apps/tiny-experts.png
        ${CMAKE_CURRENT_LIST_DIR}/icons/hicolor/256x256/apps/tiny-experts.png
)

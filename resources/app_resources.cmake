# The app's data files, compiled into tiny_experts_app under ":/" (e.g. ":/presets/prompts.json").
# Content is data, not C++: presets, scale facts, lessons and quiz questions live here.
qt_add_resources(tiny_experts_app "app_data"
    PREFIX "/"
    BASE ${CMAKE_CURRENT_LIST_DIR}
    FILES
        ${CMAKE_CURRENT_LIST_DIR}/presets/prompts.json
        ${CMAKE_CURRENT_LIST_DIR}/scale/models.json
        ${CMAKE_CURRENT_LIST_DIR}/lessons/lessons.en.json
        ${CMAKE_CURRENT_LIST_DIR}/lessons/lessons.de.json
        ${CMAKE_CURRENT_LIST_DIR}/quiz/quiz.en.json
        ${CMAKE_CURRENT_LIST_DIR}/quiz/quiz.de.json
)

# app tests of the Playground's Race: the caption's wording from crafted summaries, and the panel
# racing the micro preset against the same three runs made directly with the core
app_add_test(race_caption SOURCES tst_race_caption.cpp)
app_add_test(race_panel SOURCES tst_race_panel.cpp)
target_compile_definitions(tst_race_panel PRIVATE
    PLAYGROUND_PRESETS_DIR="${PROJECT_SOURCE_DIR}/resources/playground/presets")

# Not a test: a race of a preset file in the panel, its table and caption printed and a picture of
# the panel saved (see the file's opening comment). Built only on request.
add_executable(race_screenshot EXCLUDE_FROM_ALL race_screenshot.cpp)
target_link_libraries(race_screenshot PRIVATE tiny_experts_app tiny_experts_options)

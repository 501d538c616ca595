# app tests of the Playground's Race: the caption's wording from crafted summaries, and the panel
# racing the micro preset against the same three runs made directly with the core
app_add_test(race_caption SOURCES tst_race_caption.cpp)
app_add_test(race_panel SOURCES tst_race_panel.cpp)
target_compile_definitions(tst_race_panel PRIVATE
    PLAYGROUND_PRESETS_DIR="${PROJECT_SOURCE_DIR}/resources/playground/presets")

# lessons: the lesson library page, the lesson panel beside the live app, the driver that carries out
# a step, and the wiring of lessons and quiz into the main window
target_sources(tiny_experts_app PRIVATE
    lessons/lesson_text.h lessons/lesson_text.cpp
    lessons/level_pips.h lessons/level_pips.cpp
    lessons/expert_pick_button.h lessons/expert_pick_button.cpp
    lessons/chip_flow.h lessons/chip_flow.cpp
    lessons/lesson_library_page.h lessons/lesson_library_page.cpp
    lessons/lesson_panel.h lessons/lesson_panel.cpp
    lessons/lesson_driver.h lessons/lesson_driver.cpp
    lessons/learning_wiring.h lessons/learning_wiring.cpp
    lessons/glossary_dialog.h lessons/glossary_dialog.cpp
    lessons/model_note_label.h lessons/model_note_label.cpp
    lessons/belief_box.h lessons/belief_box.cpp
)

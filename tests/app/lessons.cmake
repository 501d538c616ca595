# lessons tests (app_add_test): the lesson library page and the lesson panel, fed by a lesson book
# built in code (tst_lesson_fixture.h) and, for guesses, real routing from a tiny model
app_add_test(lesson_panel SOURCES tst_lesson_panel.cpp tst_lesson_fixture.h)
app_add_test(lesson_library SOURCES tst_lesson_library.cpp tst_lesson_fixture.h)
app_add_test(glossary SOURCES tst_glossary.cpp)

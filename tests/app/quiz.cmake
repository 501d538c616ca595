# quiz tests (app_add_test)
app_add_test(quiz_page SOURCES tst_quiz_page.cpp)

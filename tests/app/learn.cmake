# learn tests (app_add_test): the lesson and quiz loaders, quiz sittings, live questions from a real
# trace, saved progress and the class CSV, and the shipped content files
app_add_test(lesson_book SOURCES tst_lesson_book.cpp)

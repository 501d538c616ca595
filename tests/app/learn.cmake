# learn tests (app_add_test): the lesson and quiz loaders, quiz sittings, live questions from a real
# trace, saved progress and the class CSV, and the shipped content files
app_add_test(lesson_book SOURCES tst_lesson_book.cpp)
app_add_test(quiz_bank SOURCES tst_quiz_bank.cpp)
app_add_test(quiz_session SOURCES tst_quiz_session.cpp)
app_add_test(live_questions SOURCES tst_live_questions.cpp)
app_add_test(progress_store SOURCES tst_progress_store.cpp)
app_add_test(shipped_content SOURCES tst_shipped_content.cpp)
app_add_test(written_for SOURCES tst_written_for.cpp)
app_add_test(content_facts SOURCES tst_content_facts.cpp)
target_compile_definitions(tst_content_facts PRIVATE TINY_EXPERTS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
# every figure about a real model in Scale data, lessons and quiz has a source entry (issue 19)
app_add_test(content_sources SOURCES tst_content_sources.cpp figure_checker.h figure_checker.cpp)

# learn: lessons and quiz as data (loaders that check every field), quiz sittings, live questions
# from a trace, and the learner's saved progress. Qt Core only: no widgets.
target_sources(tiny_experts_app PRIVATE
    learn/json_fields.h learn/json_fields.cpp
    learn/translated_content.h
    learn/lesson_book.h learn/lesson_book.cpp
    learn/quiz_bank.h learn/quiz_bank.cpp
    learn/quiz_session.h learn/quiz_session.cpp
    learn/live_questions.h learn/live_questions.cpp
    learn/progress_store.h learn/progress_store.cpp
    learn/written_for.h learn/written_for.cpp
    learn/content_facts.h learn/content_facts.cpp
    learn/glossary.h learn/glossary.cpp
)

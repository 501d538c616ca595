# quiz: the quiz page (questions, instant feedback, score, review, best scores, class results)
target_sources(tiny_experts_app PRIVATE
    quiz/quiz_style.h quiz/quiz_style.cpp
    quiz/quiz_screen.h quiz/quiz_screen.cpp
    quiz/feedback_panel.h quiz/feedback_panel.cpp
    quiz/question_card.h quiz/question_card.cpp
    quiz/quiz_review.h quiz/quiz_review.cpp
    quiz/quiz_start.h quiz/quiz_start.cpp
    quiz/quiz_page.h quiz/quiz_page.cpp
)

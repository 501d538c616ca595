# quiz: the quiz page (questions, instant feedback, score, review, best scores, class results)

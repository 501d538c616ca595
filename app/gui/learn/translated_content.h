// The language merge behind loadLessonsFor() and loadQuizFor(), from any two files: the app passes
// its ":/" resources, tests pass temporary files. Private to learn/ and its tests.
//
// The result follows the English file: its entries in its order, each one taken from the
// translation when the translation has it whole and doing the same thing (same actions, same
// answers), else from English with a message. An empty translatedPath gives the English content.
#pragma once

#include "learn/lesson_book.h"
#include "learn/quiz_bank.h"

LessonBook loadLessonsFrom(const QString& englishPath, const QString& translatedPath, const QString& language,
                           QStringList* errors = nullptr);
QuizBank loadQuizFrom(const QString& englishPath, const QString& translatedPath, const QString& language,
                      QStringList* errors = nullptr);

// Whether a language code may name a resource file ("en", "de", "pt-br"); others are not looked up.
bool isContentLanguage(const QString& language);

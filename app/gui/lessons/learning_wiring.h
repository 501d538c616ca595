// Lessons and quiz inside the main window: loads the lesson book, the quiz bank and the learner's
// progress in the app's language, builds the lesson dock beside the live pages, lets a
// LessonDriver carry out each step on Explore and Compare, and hands the Explore run's trace to
// the quiz's live questions. The window only shows the pages this asks for.
#pragma once

#include "learn/lesson_book.h"
#include "learn/quiz_bank.h"

#include <QObject>
#include <memory>

class ComparePage;
class ExplorePage;
class GlossaryDialog;
class LessonDriver;
class LessonLibraryPage;
class LessonPanel;
class ProgressStore;
class QDockWidget;
class QMainWindow;
class PlaygroundPage;
class QuizPage;

class LearningWiring : public QObject {
    Q_OBJECT
public:
    struct Pages {
        ExplorePage* explore = nullptr;
        ComparePage* compare = nullptr;
        LessonLibraryPage* library = nullptr;
        QuizPage* quiz = nullptr;
        PlaygroundPage* playground = nullptr;
    };

    LearningWiring(QMainWindow* window, Pages pages);
    ~LearningWiring() override;

    // Loads the content and progress for `language` and adds the (hidden) lesson dock to the
    // window. Problems come as statusMessage, so connect it first.
    void load(const QString& language);
    // Opens a lesson in the dock, at its saved step (or at `step`, 0-based, when given).
    bool startLesson(const QString& lessonId, int step = -1);
    // Opens the glossary window (from a lesson, a question or Help › Glossary).
    void showGlossary();
    GlossaryDialog* glossaryDialog() const { return m_glossaryDialog; }

    const LessonBook& lessons() const { return m_book; }
    ProgressStore* progress() const { return m_progress.get(); }
    LessonPanel* panel() const { return m_panel; }
    QDockWidget* dock() const { return m_dock; }
    LessonDriver* driver() const { return m_driver; }

Q_SIGNALS:
    void pageRequested(LessonAction::Mode mode); // a lesson step works on this page
    void lessonFinished();                       // back to the library
    void statusMessage(const QString& text, int timeoutMs);

private:
    QMainWindow* m_window;
    Pages m_pages;
    LessonBook m_book;
    QuizBank m_quizBank;
    std::unique_ptr<ProgressStore> m_progress;
    LessonPanel* m_panel = nullptr;
    QDockWidget* m_dock = nullptr;
    LessonDriver* m_driver = nullptr;
    GlossaryDialog* m_glossaryDialog = nullptr;
};

// The main window: a mode bar (Explore, Compare, Scale), the pages, menus with every action and its
// shortcut, the model picker, export, themes, and the window state remembered between sessions.
#pragma once

#include "learn/lesson_book.h"
#include "learn/quiz_bank.h"
#include "shell/app_options.h"
#include "shell/theme.h"

#include <QMainWindow>
#include <memory>

class ClassroomMode;
class ComparePage;
class LessonDriver;
class LessonLibraryPage;
class LessonPanel;
class ProgressStore;
class QDockWidget;
class QuizPage;
class ExplorePage;
class ModelHolder;
class QActionGroup;
class QLabel;
class QStackedWidget;
class QToolBar;
class ScaleView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Mode { Explore = 0, Compare = 1, Scale = 2, Lessons = 3, Quiz = 4 };

    explicit MainWindow(const AppOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setMode(Mode mode);
    Mode mode() const;
    ExplorePage* explorePage() const { return m_explore; }
    ComparePage* comparePage() const { return m_compare; }
    LessonLibraryPage* lessonLibrary() const { return m_library; }
    LessonPanel* lessonPanel() const { return m_lessonPanel; }
    QuizPage* quizPage() const { return m_quiz; }
    ProgressStore* progress() const { return m_progress.get(); }
    const LessonBook& lessons() const { return m_lessonBook; }
    const QuizBank& quizBank() const { return m_quizBank; }
    // Opens a lesson beside the live app, at its saved step (or at `step`, 0-based, when given).
    bool startLesson(const QString& lessonId, int step = -1);
    ModelHolder* models() const { return m_models; }
    ClassroomMode* classroom() const { return m_classroom; }
    // Starts the work the options ask for (a prompt to run, a comparison) once the window is up.
    void startScriptedWork();
    // Saves the window as it is on screen (the current page with its controls).
    bool saveScreenshot(const QString& path);
    // Frame timing of the expert grid and the start-up time, as text (for --frame-log).
    QString frameReport() const;
    void setStartupMs(double ms) { m_startupMs = ms; }

Q_SIGNALS:
    void settled(); // the scripted work is done and drawn

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildModeBar();
    void applyModel();
    void openModel();
    void useEmbeddedModel();
    void exportImage();
    void exportTrace();
    void setTheme(Theme::Kind kind);
    void toggleFullScreen();
    void switchLanguage(const QString& code);
    void enterClassroom();
    void buildLearning();
    QString modeName() const;
    void showShortcuts();
    void showAbout();

    AppOptions m_options;
    ModelHolder* m_models = nullptr;
    QStackedWidget* m_pages = nullptr;
    ExplorePage* m_explore = nullptr;
    ComparePage* m_compare = nullptr;
    ScaleView* m_scale = nullptr;
    QActionGroup* m_modeActions = nullptr;
    QToolBar* m_modeBar = nullptr;
    QList<QAction*> m_runActions;
    ClassroomMode* m_classroom = nullptr;

    // Lessons and quiz: content in the app's language, the learner's saved progress.
    LessonBook m_lessonBook;
    QuizBank m_quizBank;
    std::unique_ptr<ProgressStore> m_progress;
    LessonLibraryPage* m_library = nullptr;
    QuizPage* m_quiz = nullptr;
    LessonPanel* m_lessonPanel = nullptr;
    QDockWidget* m_lessonDock = nullptr;
    LessonDriver* m_lessonDriver = nullptr;
    QLabel* m_modelLabel = nullptr;
    double m_startupMs = 0;
};

// The main window: a mode bar with a button per row of the mode table, the pages, menus with every
// action and its shortcut, the model picker, export, themes, and the window state remembered
// between sessions. Lessons and quiz come in through LearningWiring; scripted use is ScriptedRun's.
#pragma once

#include "shell/app_options.h"
#include "shell/mode_table.h"
#include "shell/theme.h"

#include "moe/model.h"

#include <QMainWindow>

#include <optional>

class ClassroomMode;
class ComparePage;
class ExplorePage;
class LearningWiring;
class LessonBook;
class LessonLibraryPage;
class ModelHolder;
class PlaygroundPage;
class ProgressStore;
class QActionGroup;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QToolBar;
class QuizPage;
class ScaleView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    using Mode = AppMode;

    explicit MainWindow(const AppOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setMode(Mode mode);
    Mode mode() const;
    ExplorePage* explorePage() const { return m_explore; }
    ComparePage* comparePage() const { return m_compare; }
    QuizPage* quizPage() const { return m_quiz; }
    PlaygroundPage* playgroundPage() const { return m_playground; }
    LearningWiring* learning() const { return m_learning; }
    ProgressStore* progress() const;
    const LessonBook& lessons() const;
    // Opens a lesson beside the live app, at its saved step (or at `step`, 0-based, when given).
    bool startLesson(const QString& lessonId, int step = -1);
    ModelHolder* models() const { return m_models; }
    ClassroomMode* classroom() const { return m_classroom; }
    void enterClassroom();
    // Saves the window as it is on screen (the current page with its controls).
    bool saveScreenshot(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildPages();
    void buildMenus();
    void buildModeBar();
    void applyModel();
    void openModel();
    void buildLoadProgress();
    void useEmbeddedModel();
    std::optional<moe::ModelConfig> builtInConfig(); // the built-in model's shape, read once
    void exportImage();
    void exportTrace();
    void exportWorksheet(); // File › Export worksheet as PDF…: the prompt in Explore, on the current model
    void setTheme(Theme::Kind kind);
    void toggleFullScreen();
    void switchLanguage(const QString& code);
    void buildLearning();
    void showStatus(const QString& text, int timeoutMs);
    void showShortcuts();
    void showAbout();

    AppOptions m_options;
    ModelHolder* m_models = nullptr;
    QStackedWidget* m_pages = nullptr;
    QList<Mode> m_pageModes; // the mode of each page of m_pages, in the mode table's order
    ExplorePage* m_explore = nullptr;
    ComparePage* m_compare = nullptr;
    ScaleView* m_scale = nullptr;
    LessonLibraryPage* m_library = nullptr;
    QuizPage* m_quiz = nullptr;
    std::optional<moe::ModelConfig> m_builtInConfig;
    PlaygroundPage* m_playground = nullptr;
    QActionGroup* m_modeActions = nullptr;
    QToolBar* m_modeBar = nullptr;
    QList<QAction*> m_runActions;
    ClassroomMode* m_classroom = nullptr;
    LearningWiring* m_learning = nullptr;
    QLabel* m_modelLabel = nullptr;
    QWidget* m_loadBox = nullptr; // the status bar's progress bar and Cancel while a file loads
    QLabel* m_loadLabel = nullptr;
    QProgressBar* m_loadBar = nullptr;
};

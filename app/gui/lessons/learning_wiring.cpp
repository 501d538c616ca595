#include "lessons/learning_wiring.h"

#include "explore/explore_page.h"
#include "learn/glossary.h"
#include "learn/progress_store.h"
#include "lessons/glossary_dialog.h"
#include "lessons/lesson_driver.h"
#include "lessons/lesson_library_page.h"
#include "lessons/lesson_panel.h"
#include "quiz/quiz_page.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QTimer>

LearningWiring::LearningWiring(QMainWindow* window, Pages pages)
    : QObject(window), m_window(window), m_pages(pages)
{
}

LearningWiring::~LearningWiring() = default;

void LearningWiring::showGlossary()
{
    if (!m_glossaryDialog)
        return;
    m_glossaryDialog->show();
    m_glossaryDialog->raise();
    m_glossaryDialog->activateWindow();
}

void LearningWiring::load(const QString& language)
{
    QStringList problems;
    m_book = loadLessonsFor(language, &problems);
    m_quizBank = loadQuizFor(language, &problems);
    const Glossary glossary = loadGlossaryFor(language, &problems);
    for (const QString& p : std::as_const(problems))
        qWarning("%s", qPrintable(p));

    m_progress = std::make_unique<ProgressStore>(ProgressStore::defaultPath());
    QStringList warnings;
    m_progress->load(&warnings);
    for (const QString& w : std::as_const(warnings))
        qWarning("%s", qPrintable(w));
    if (!warnings.isEmpty())
        Q_EMIT statusMessage(tr("Your saved progress was partly damaged; everything readable was kept (%1).")
                                 .arg(warnings.first()),
                             15000);
    else if (!problems.isEmpty())
        Q_EMIT statusMessage(tr("Some lessons or questions could not be read: %1").arg(problems.first()),
                             15000);

    m_pages.library->setBook(&m_book);
    m_pages.library->setProgressStore(m_progress.get());
    m_pages.quiz->setBank(&m_quizBank);
    m_pages.quiz->setProgressStore(m_progress.get());
    m_pages.quiz->setLessonBook(&m_book);

    m_panel = new LessonPanel(m_window);
    m_panel->setMinimumWidth(m_window->fontMetrics().averageCharWidth() * 40);
    m_panel->setBook(&m_book);
    m_panel->setProgressStore(m_progress.get());
    m_dock = new QDockWidget(tr("Lesson"), m_window);
    m_dock->setObjectName(QStringLiteral("lessonDock"));
    m_dock->setWidget(m_panel);
    m_dock->setFeatures(QDockWidget::DockWidgetMovable);
    m_dock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();
    m_driver = new LessonDriver(
        &m_book, m_panel, m_pages.explore, m_pages.compare, m_pages.playground,
        [this](LessonAction::Mode mode) { Q_EMIT pageRequested(mode); }, this);
    connect(m_driver, &LessonDriver::problem, this,
            [this](const QString& message) { Q_EMIT statusMessage(message, 10000); });
    connect(m_pages.library, &LessonLibraryPage::lessonChosen, this,
            [this](const QString& id) { startLesson(id); });
    const auto lessonEnded = [this] {
        m_dock->hide();
        m_pages.library->refresh();
    };
    connect(m_panel, &LessonPanel::closed, this, lessonEnded);
    connect(m_panel, &LessonPanel::finished, this, [this, lessonEnded] {
        lessonEnded();
        Q_EMIT lessonFinished();
    });
    m_glossaryDialog = new GlossaryDialog(m_window);
    m_glossaryDialog->setGlossary(glossary);
    connect(m_panel, &LessonPanel::glossaryRequested, this, &LearningWiring::showGlossary);
    connect(m_pages.quiz, &QuizPage::glossaryRequested, this, &LearningWiring::showGlossary);
    // A mistake's "Review this step": the lesson opens in its dock beside the quiz, which waits.
    connect(m_pages.quiz, &QuizPage::lessonStepRequested, this,
            [this](const QString& lessonId, int step) { startLesson(lessonId, step); });
    // The quiz's live questions are about the run the learner watched last.
    connect(m_pages.explore, &ExplorePage::runStateChanged, this, [this](bool running) {
        if (!running)
            m_pages.quiz->setLiveTrace(m_pages.explore->traceModel());
    });
}

bool LearningWiring::startLesson(const QString& lessonId, int step)
{
    if (step >= 0) {
        LessonProgress progress = m_progress->lesson(lessonId);
        progress.step = step;
        m_progress->setLesson(lessonId, progress);
    }
    m_dock->show();
    // Wide enough for a step's text and the row of experts to pick from; once the dock is laid out,
    // or the main window would ignore the size.
    QTimer::singleShot(0, this, [this] {
        const int wanted =
            std::max(m_window->width() * 3 / 10, m_window->fontMetrics().averageCharWidth() * 52);
        if (m_dock->width() < wanted)
            m_window->resizeDocks({m_dock}, {wanted}, Qt::Horizontal);
    });
    if (!m_panel->start(lessonId)) {
        m_dock->hide();
        Q_EMIT statusMessage(tr("There is no lesson \"%1\".").arg(lessonId), 10000);
        return false;
    }
    return true;
}

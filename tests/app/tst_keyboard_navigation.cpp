// Keyboard-only use: in every mode, pressing Tab again and again reaches every control on screen
// (buttons, fields, sliders, lists, the token strip, the lesson panel, the quiz's answers), and
// Ctrl+1 … Ctrl+5 reach every mode. A tiny seeded model stands in for the real one.
#include "explore/explore_page.h"
#include "learn/progress_store.h"
#include "lessons/lesson_panel.h"
#include "quiz/quiz_page.h"
#include "shell/main_window.h"
#include "tiny_window_fixture.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>
#include <QToolBar>

namespace {

// Controls a learner can reach with Tab: shown, enabled, taking focus by Tab, not standing in for
// another widget (a spin box's line edit forwards focus to the spin box), outside the tool bar
// (whose modes have their own keys, Ctrl+1 … Ctrl+5) and the menu bar (Alt).
QList<QWidget*> tabStops(QWidget* window)
{
    QList<QWidget*> stops;
    for (QWidget* w : window->findChildren<QWidget*>()) {
        if (!w->isVisibleTo(window) || !w->isEnabled() || !(w->focusPolicy() & Qt::TabFocus) ||
            w->focusProxy())
            continue;
        bool inBar = false;
        for (QWidget* p = w; p && p != window; p = p->parentWidget())
            inBar = inBar || qobject_cast<QToolBar*>(p) || p->inherits("QMenuBar");
        if (!inBar)
            stops.append(w);
    }
    return stops;
}

QString describe(const QWidget* w)
{
    QString text = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        text += QStringLiteral(" \"%1\"").arg(w->objectName());
    if (!w->accessibleName().isEmpty())
        text += QStringLiteral(" (%1)").arg(w->accessibleName());
    else if (const auto* b = qobject_cast<const QAbstractButton*>(w))
        text += QStringLiteral(" [%1]").arg(b->text());
    return text;
}

} // namespace

class TestKeyboardNavigation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.init(/*modelSeed=*/7));
        QFile::remove(ProgressStore::defaultPath());
    }

    void modeKeysReachEveryMode()
    {
        MainWindow window(options());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const std::pair<Qt::Key, MainWindow::Mode> keys[] = {
            {Qt::Key_2, MainWindow::Mode::Compare},    {Qt::Key_3, MainWindow::Mode::Scale},
            {Qt::Key_4, MainWindow::Mode::Lessons},    {Qt::Key_5, MainWindow::Mode::Quiz},
            {Qt::Key_6, MainWindow::Mode::Playground}, {Qt::Key_1, MainWindow::Mode::Explore}};
        for (const auto& [key, mode] : keys) {
            QTest::keyClick(&window, key, Qt::ControlModifier);
            QCOMPARE(window.mode(), mode);
        }
    }

    void tabReachesEveryControl_data()
    {
        QTest::addColumn<QString>("screen");
        for (const char* screen : {"explore", "explore+experiments", "compare", "scale", "lessons",
                                   "lesson panel", "quiz start", "quiz question"})
            QTest::newRow(screen) << QString::fromLatin1(screen);
    }

    void tabReachesEveryControl()
    {
        QFETCH(QString, screen);
        MainWindow window(options());
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        if (screen.startsWith(QLatin1String("explore"))) {
            window.setMode(MainWindow::Mode::Explore);
            if (screen.endsWith(QLatin1String("experiments")))
                window.explorePage()->toggleExperiments();
        } else if (screen == QLatin1String("compare")) {
            window.setMode(MainWindow::Mode::Compare);
        } else if (screen == QLatin1String("scale")) {
            window.setMode(MainWindow::Mode::Scale);
        } else if (screen == QLatin1String("lessons")) {
            window.setMode(MainWindow::Mode::Lessons);
        } else if (screen == QLatin1String("lesson panel")) {
            window.setMode(MainWindow::Mode::Lessons);
            QVERIFY(!window.lessons().lessons.isEmpty());
            QVERIFY(window.startLesson(window.lessons().lessons.first().id));
        } else if (screen.startsWith(QLatin1String("quiz"))) {
            window.setMode(MainWindow::Mode::Quiz);
            if (screen.endsWith(QLatin1String("question")))
                QVERIFY(window.quizPage()->startQuiz(QStringLiteral("builder")));
        }
        QApplication::processEvents();

        const QList<QWidget*> stops = tabStops(&window);
        QVERIFY2(stops.size() >= 3, "a screen with almost nothing to reach is not what this test is for");
        stops.first()->setFocus(Qt::TabFocusReason);
        QSet<QWidget*> reached;
        for (int i = 0; i < stops.size() * 3 + 10; ++i) {
            QWidget* focus = QApplication::focusWidget();
            QVERIFY2(focus, "focus was lost");
            reached.insert(focus);
            QTest::keyClick(focus, Qt::Key_Tab);
        }
        QStringList missed;
        for (QWidget* w : stops)
            if (!reached.contains(w))
                missed << describe(w);
        QVERIFY2(missed.isEmpty(),
                 qPrintable(QStringLiteral("Tab never reaches: ") + missed.join(QStringLiteral(", "))));
    }

private:
    AppOptions options() const { return m_fixture.options(QStringLiteral("explore"), QStringLiteral("en")); }

    TinyWindowFixture m_fixture;
};

QTEST_MAIN(TestKeyboardNavigation)
#include "tst_keyboard_navigation.moc"

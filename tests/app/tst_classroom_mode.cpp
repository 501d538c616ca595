// Classroom mode, driven by the keys a teacher uses: it hides everything a class does not need,
// enlarges the text, switches to high contrast, and every key does what the key line says; Esc
// brings the normal window back exactly as it was. A tiny seeded model stands in for the real one.
#include "explore/classroom_mode.h"
#include "explore/expert_grid_view.h"
#include "explore/explore_page.h"
#include "run/generation_controller.h"
#include "run/trace_model.h"
#include "shell/main_window.h"
#include "tiny_window_fixture.h"
#include "wait_helpers.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QToolBar>

class TestClassroomMode : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.init(/*modelSeed=*/7)); }

    void enteringHidesTheChromeAndEnlargesTheText()
    {
        MainWindow window(options());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ExplorePage* page = window.explorePage();
        auto* caption = page->findChild<QLabel*>(QStringLiteral("classroomKeys"));
        QVERIFY(caption);
        QVERIFY(caption->isHidden());
        const qreal normalSize = QFontInfo(page->font()).pointSizeF();
        const QColor normalWindow = QApplication::palette().color(QPalette::Window);
        auto* settingsRow = page->findChild<QWidget*>(QStringLiteral("exploreSettings"));
        QVERIFY(settingsRow && settingsRow->isVisible());

        window.classroom()->setOn(true);
        QVERIFY(page->presentation());
        QVERIFY(window.menuBar()->isHidden());
        QVERIFY(window.statusBar()->isHidden());
        for (QToolBar* bar : window.findChildren<QToolBar*>())
            QVERIFY2(bar->isHidden(), qPrintable(bar->objectName()));
        QVERIFY(settingsRow->isHidden());
        QVERIFY(caption->isVisible());
        QVERIFY2(QFontInfo(page->font()).pointSizeF() >= normalSize * 1.5, "projector-size text");
        QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(Qt::white));
        QCOMPARE(QApplication::palette().color(QPalette::WindowText), QColor(Qt::black));
        QVERIFY(window.windowState() & Qt::WindowFullScreen);

        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.classroom()->isOn());
        QVERIFY(!page->presentation());
        QVERIFY(window.menuBar()->isVisible());
        QVERIFY(window.statusBar()->isVisible());
        QVERIFY(settingsRow->isVisible());
        QVERIFY(caption->isHidden());
        QCOMPARE(QApplication::palette().color(QPalette::Window), normalWindow);
        QCOMPARE(QFontInfo(page->font()).pointSizeF(), normalSize);
        QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
    }

    void keysDriveTheRun()
    {
        MainWindow window(options());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ExplorePage* page = window.explorePage();
        page->setPrompt(QStringLiteral("12 + 3 ="));
        window.classroom()->setOn(true);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const TraceModel* trace = page->traceModel();

        // Space with nothing running: starts the run paused and shows one token; each further
        // Space shows exactly one more.
        QTest::keyClick(&window, Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(trace->tokenCount(), 1, moe::test::kPatienceMs);
        QVERIFY(page->isRunning());
        QVERIFY(page->isPaused());
        for (int expected = 2; expected <= 5; ++expected) {
            QTest::keyClick(&window, Qt::Key_Space);
            QTRY_COMPARE_WITH_TIMEOUT(trace->tokenCount(), expected, moe::test::kPatienceMs);
        }
        // Paused: the next token is computed and held back, and nothing else arrives.
        const GenerationController* controller = page->controller();
        QVERIFY(QTest::qWaitFor([&] { return controller->isHoldingToken(); }, moe::test::kPatienceMs));
        QCoreApplication::sendPostedEvents();
        QCOMPARE(trace->tokenCount(), 5);
        QCOMPARE(trace->currentToken(), 4);

        // Arrows: back and forth through the tokens, and past the newest one a new token.
        QTest::keyClick(&window, Qt::Key_Left);
        QTest::keyClick(&window, Qt::Key_Left);
        QCOMPARE(trace->currentToken(), 2);
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(trace->currentToken(), 3);
        QTest::keyClick(&window, Qt::Key_Right);
        QTest::keyClick(&window, Qt::Key_Right);
        QTRY_COMPARE_WITH_TIMEOUT(trace->tokenCount(), 6, moe::test::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(trace->currentToken(), 5, moe::test::kPatienceMs);

        // Up and down: the focus layer, shown on the grid.
        QCOMPARE(page->focusLayer(), 0);
        QTest::keyClick(&window, Qt::Key_Down);
        QCOMPARE(page->focusLayer(), 1);
        QCOMPARE(page->expertGrid()->selectedLayer(), 1);
        QTest::keyClick(&window, Qt::Key_Down); // the tiny model has 2 layers: stays at the last
        QCOMPARE(page->focusLayer(), 1);
        QTest::keyClick(&window, Qt::Key_Up);
        QCOMPARE(page->focusLayer(), 0);

        // Speed: minus down to slow motion, plus back up.
        const QString normal = page->speedName();
        for (int i = 0; i < 6; ++i)
            QTest::keyClick(&window, Qt::Key_Minus);
        QCOMPARE(page->speedName(), ExplorePage::tr("slow motion"));
        QTest::keyClick(&window, Qt::Key_Plus);
        QVERIFY(page->speedName() != ExplorePage::tr("slow motion"));
        QVERIFY(page->speedName() != normal);

        // P: play (tokens flow again), P: pause.
        for (int i = 0; i < 6; ++i)
            QTest::keyClick(&window, Qt::Key_Plus); // as fast as the model runs
        const int before = trace->tokenCount();
        QTest::keyClick(&window, Qt::Key_P);
        QVERIFY(!page->isPaused());
        QTRY_VERIFY_WITH_TIMEOUT(trace->tokenCount() > before + 2 || !page->isRunning(),
                                 moe::test::kPatienceMs);

        // F: full screen off and on again.
        QVERIFY(window.windowState() & Qt::WindowFullScreen);
        QTest::keyClick(&window, Qt::Key_F);
        QVERIFY(!(window.windowState() & Qt::WindowFullScreen));
        QTest::keyClick(&window, Qt::Key_F);
        QVERIFY(window.windowState() & Qt::WindowFullScreen);
        page->stop();
    }

    void typingInThePromptIsNotTakenByTheKeys()
    {
        MainWindow window(options());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.classroom()->setOn(true);
        auto* prompt = window.explorePage()->findChild<QLineEdit*>(QStringLiteral("explorePrompt"));
        QVERIFY(prompt);
        prompt->clear();
        prompt->setFocus();
        QTest::keyClicks(prompt, QStringLiteral("pf 1 + 2 ="));
        QCOMPARE(prompt->text(), QStringLiteral("pf 1 + 2 ="));
        QCOMPARE(window.explorePage()->traceModel()->tokenCount(), 0);
        QVERIFY(window.windowState() & Qt::WindowFullScreen); // F went into the text, not full screen
    }

private:
    AppOptions options() const { return m_fixture.options(); }

    TinyWindowFixture m_fixture;
};

QTEST_MAIN(TestClassroomMode)
#include "tst_classroom_mode.moc"

// LessonDriver carries out lesson steps on the live pages: the page it shows, the prompt it runs and
// where the run pauses, the layer and expert it points at, the problems it reports, the one token
// it writes for a guess, and the set-up it restores when a lesson is resumed mid-way.
#include "compare/compare_page.h"
#include "explore/expert_grid_view.h"
#include "explore/explore_page.h"
#include "lessons/lesson_driver.h"
#include "lessons/lesson_panel.h"
#include "playground/playground_page.h"
#include "playground/training_controller.h"
#include "playground/training_record.h"
#include "run/generation_controller.h"
#include "run/trace_model.h"
#include "tiny_model.h"
#include "tst_lesson_fixture.h"
#include "wait_helpers.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

constexpr uint64_t kSeed = 5;

// Tokens the model wrote (not the prompt's).
int generatedTokens(const TraceModel& trace)
{
    int n = 0;
    for (int i = 0; i < trace.tokenCount(); ++i)
        n += trace.token(i).prompt ? 0 : 1;
    return n;
}

// Waits until the page's run holds its next token back, then delivers what came before it.
bool waitUntilHolding(const ExplorePage& page)
{
    const GenerationController* controller = page.controller();
    if (!QTest::qWaitFor([&] { return controller->isHoldingToken(); }, moe::test::kPatienceMs))
        return false;
    QCoreApplication::sendPostedEvents();
    return true;
}

LessonAction exploreAction(const QString& prompt, bool run, int pauseAfter = -1)
{
    LessonAction a;
    a.mode = LessonAction::Mode::Explore;
    a.prompt = prompt;
    a.run = run;
    a.pauseAfterTokens = pauseAfter;
    return a;
}

} // namespace

class TestLessonDriver : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void stepWithoutActionSettlesAtOnce();
    void scaleShowsItsPage();
    void explorePointsAtLayerAndExpert();
    void pointsOutsideTheModelAreReported();
    void runPausesAfterTheTokens();
    void guessWritesExactlyOneMoreToken();
    void guessWithoutARunIsAProblem();
    void movingOnAppliesTheStepsOwnAction();
    void resumingReplaysTheLastActionBefore();
    void playgroundStepsLoadThePresetAndTrainOnce();
    void playgroundRaceStepStartsTheRace();

private:
    LessonBook m_book;
    std::shared_ptr<const moe::Model> m_model;
    std::unique_ptr<LessonPanel> m_panel;
    std::unique_ptr<PlaygroundPage> m_playground;
    std::unique_ptr<ExplorePage> m_explore;
    std::unique_ptr<ComparePage> m_compare;
    std::unique_ptr<LessonDriver> m_driver;
    QList<LessonAction::Mode> m_shown; // the pages the driver asked for, in order
};

void TestLessonDriver::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qInfo("tiny model seed %llu", static_cast<unsigned long long>(kSeed));
    m_model = moe::test::tinyModel(kSeed);
    m_book = lessonfixture::book();
}

void TestLessonDriver::init()
{
    m_shown.clear();
    m_panel = std::make_unique<LessonPanel>();
    m_panel->setBook(&m_book);
    const moe::ModelConfig& c = m_model->config();
    m_panel->setModelShape(c.nLayer, c.nExpert, c.nExpertUsed);
    m_explore = std::make_unique<ExplorePage>();
    m_explore->setModel(m_model, QStringLiteral("tiny"));
    m_explore->faster(); // 60 ms between tokens
    m_compare = std::make_unique<ComparePage>();
    m_compare->setModel(m_model);
    m_playground = std::make_unique<PlaygroundPage>();
    m_driver = std::make_unique<LessonDriver>(&m_book, m_panel.get(), m_explore.get(), m_compare.get(),
                                              m_playground.get(),
                                              [this](LessonAction::Mode mode) { m_shown << mode; });
}

void TestLessonDriver::cleanup()
{
    m_driver.reset();
    m_playground.reset();
    m_panel.reset();
    m_explore.reset();
    m_compare.reset();
}

void TestLessonDriver::stepWithoutActionSettlesAtOnce()
{
    QSignalSpy settled(m_driver.get(), &LessonDriver::settled);
    m_driver->apply(LessonAction{});
    QCOMPARE(settled.count(), 1);
    QVERIFY(m_shown.isEmpty()); // the learner stays where they are
    QVERIFY(!m_explore->isRunning());
}

void TestLessonDriver::scaleShowsItsPage()
{
    QSignalSpy settled(m_driver.get(), &LessonDriver::settled);
    LessonAction scale;
    scale.mode = LessonAction::Mode::Scale;
    m_driver->apply(scale);
    QCOMPARE(m_shown, QList<LessonAction::Mode>{LessonAction::Mode::Scale});
    QCOMPARE(settled.count(), 1);
}

void TestLessonDriver::explorePointsAtLayerAndExpert()
{
    QSignalSpy settled(m_driver.get(), &LessonDriver::settled);
    QSignalSpy problem(m_driver.get(), &LessonDriver::problem);
    LessonAction action = exploreAction(QStringLiteral("7 + 8 ="), /*run=*/false);
    action.layer = 1;
    action.expert = 2;
    m_driver->apply(action);
    QCOMPARE(m_shown, QList<LessonAction::Mode>{LessonAction::Mode::Explore});
    QCOMPARE(m_explore->focusLayer(), 1);
    QCOMPARE(m_explore->expertGrid()->highlightedExpert(), 2);
    QVERIFY(!m_explore->isRunning()); // run: false
    QCOMPARE(settled.count(), 1);
    QCOMPARE(problem.count(), 0);
}

void TestLessonDriver::pointsOutsideTheModelAreReported()
{
    QSignalSpy problem(m_driver.get(), &LessonDriver::problem);
    LessonAction action = exploreAction(QString(), /*run=*/false);
    action.layer = m_model->config().nLayer; // one past the last
    action.expert = 0;
    m_driver->apply(action);
    QCOMPARE(problem.count(), 1);
    const QString message = problem.first().at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("layer %1").arg(action.layer + 1)), qPrintable(message));
    QVERIFY(m_explore->focusLayer() < m_model->config().nLayer); // not moved off the model
}

void TestLessonDriver::runPausesAfterTheTokens()
{
    QSignalSpy settled(m_driver.get(), &LessonDriver::settled);
    m_driver->apply(exploreAction(QStringLiteral("23 + 45 ="), /*run=*/true, /*pauseAfter=*/3));
    QVERIFY(settled.wait(moe::test::kPatienceMs));
    QVERIFY(m_explore->isRunning());
    QVERIFY(m_explore->isPaused());
    // ExplorePage pauses when the third token arrives; a token already on its way may still come
    // on a busy machine, so "at least".
    QVERIFY(generatedTokens(*m_explore->traceModel()) >= 3);
    QVERIFY2(m_explore->traceModel()->text().contains(QStringLiteral("23 + 45 =")),
             qPrintable(m_explore->traceModel()->text()));
}

void TestLessonDriver::guessWritesExactlyOneMoreToken()
{
    QSignalSpy settled(m_driver.get(), &LessonDriver::settled);
    m_driver->apply(exploreAction(QStringLiteral("23 + 45 ="), /*run=*/true, /*pauseAfter=*/1));
    QVERIFY(settled.wait(moe::test::kPatienceMs));
    const int before = generatedTokens(*m_explore->traceModel());
    QSignalSpy appended(m_explore.get(), &ExplorePage::tokenAppended);
    Q_EMIT m_panel->revealRequested(0);
    QVERIFY(appended.wait(moe::test::kPatienceMs));
    QVERIFY(!appended.first().at(0).value<moe::GeneratedToken>().prompt);
    // The next token is computed and held back: nothing beyond the one step has come.
    QVERIFY(waitUntilHolding(*m_explore));
    QCOMPARE(appended.count(), 1);
    QCOMPARE(generatedTokens(*m_explore->traceModel()), before + 1);
    QVERIFY(m_explore->isPaused());
}

void TestLessonDriver::guessWithoutARunIsAProblem()
{
    QSignalSpy problem(m_driver.get(), &LessonDriver::problem);
    QSignalSpy appended(m_explore.get(), &ExplorePage::tokenAppended);
    Q_EMIT m_panel->revealRequested(0);
    QCOMPARE(problem.count(), 1);
    QVERIFY2(problem.first().at(0).toString().contains(QStringLiteral("no next token")),
             qPrintable(problem.first().at(0).toString()));
    QVERIFY(!m_explore->isRunning());
    QCOMPARE(appended.count(), 0);
}

void TestLessonDriver::movingOnAppliesTheStepsOwnAction()
{
    const Lesson& lesson = m_book.lessons.first(); // step 2 runs "23 + 45 =", step 3 has no action
    QVERIFY(lesson.steps[0].action.mode == LessonAction::Mode::None);
    QVERIFY(lesson.steps[1].action.mode == LessonAction::Mode::Explore);
    QVERIFY(lesson.steps[2].action.mode == LessonAction::Mode::None);
    QVERIFY(m_panel->start(lesson.id)); // enters step 1 (no action)
    QSignalSpy settled(m_driver.get(), &LessonDriver::settled);
    m_driver->enterStep(lesson.steps[1], 1);
    QVERIFY(settled.wait(moe::test::kPatienceMs));
    QVERIFY(m_explore->isPaused());
    QVERIFY(waitUntilHolding(*m_explore)); // every token the paused run may send has arrived
    const int written = generatedTokens(*m_explore->traceModel());
    QVERIFY(written >= lesson.steps[1].action.pauseAfterTokens);
    // Moving on to a step without an action leaves the live app as it is.
    m_driver->enterStep(lesson.steps[2], 2);
    QCOMPARE(settled.count(), 2);
    QCOMPARE(generatedTokens(*m_explore->traceModel()), written);
}

void TestLessonDriver::resumingReplaysTheLastActionBefore()
{
    const Lesson& lesson = m_book.lessons.first();
    QVERIFY(m_panel->start(lesson.id));
    QSignalSpy settled(m_driver.get(), &LessonDriver::settled);
    // Arriving at step 3 without passing step 2 (a resumed lesson, or Back): step 2's run is set up.
    m_driver->enterStep(lesson.steps[2], 2);
    QVERIFY(settled.wait(moe::test::kPatienceMs));
    QVERIFY(m_shown.contains(LessonAction::Mode::Explore));
    QVERIFY(m_explore->isPaused());
    QVERIFY(generatedTokens(*m_explore->traceModel()) >= lesson.steps[1].action.pauseAfterTokens);
    QVERIFY2(m_explore->traceModel()->text().contains(lesson.steps[1].action.prompt),
             qPrintable(m_explore->traceModel()->text()));
}

QTEST_MAIN(TestLessonDriver)

void TestLessonDriver::playgroundStepsLoadThePresetAndTrainOnce()
{
    QSignalSpy settled(m_driver.get(), &LessonDriver::settled);
    QSignalSpy problems(m_driver.get(), &LessonDriver::problem);
    LessonAction look;
    look.mode = LessonAction::Mode::Playground;
    look.preset = QStringLiteral("micro");
    m_driver->apply(look);
    QCOMPARE(m_shown, QList<LessonAction::Mode>{LessonAction::Mode::Playground});
    QCOMPARE(settled.count(), 1); // at once: the learner reads while it trains
    QCOMPARE(m_playground->presetId(), QStringLiteral("micro"));
    QVERIFY(!m_playground->isTraining());

    LessonAction train = look;
    train.run = true;
    m_driver->apply(train);
    QVERIFY(m_playground->isTraining());
    const TrainingRecord* record = m_playground->controller()->record();
    QVERIFY(QTest::qWaitFor([&] { return record->points().size() >= 2; }, moe::test::kPatienceMs));
    // Back and forth through the lesson: the same step again leaves the run going.
    QSignalSpy finished(m_playground.get(), &PlaygroundPage::trainingFinished);
    m_driver->apply(train);
    QVERIFY(record->points().size() >= 2); // a restart would have cleared the record
    QVERIFY(finished.wait(moe::test::kPatienceMs));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(problems.count(), 0);

    LessonAction unknown = look;
    unknown.preset = QStringLiteral("no-such-preset");
    m_driver->apply(unknown);
    QCOMPARE(problems.count(), 1);
    QVERIFY(problems.first().first().toString().contains(QStringLiteral("no-such-preset")));
}

void TestLessonDriver::playgroundRaceStepStartsTheRace()
{
    LessonAction race;
    race.mode = LessonAction::Mode::Playground;
    race.preset = QStringLiteral("micro");
    race.race = true;
    QSignalSpy done(m_playground.get(), &PlaygroundPage::raceFinished);
    m_driver->apply(race);
    QVERIFY(m_playground->isRacing());
    QCOMPARE(m_playground->presetId(), QStringLiteral("micro"));
    QVERIFY(done.wait(moe::test::kPatienceMs));
    QVERIFY(!m_playground->isTraining());
}

#include "tst_lesson_driver.moc"

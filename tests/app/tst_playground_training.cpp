// The Playground trains for real: the micro preset runs to its end on the worker thread, the charts
// hold exactly the numbers of the same settings trained directly with the core, the same seed gives
// the same curves, and stopping (mid-step, mid-measurement, while a chart redraws, or by closing
// the page) leaves nothing running and lets the next run start cleanly.
#include "playground/expert_share_chart.h"
#include "playground/playground_controls.h"
#include "playground/playground_form.h"
#include "playground/playground_page.h"
#include "playground/probe_grid_view.h"
#include "playground/probe_panel.h"
#include "playground/training_charts.h"
#include "playground/training_controller.h"
#include "playground/training_record.h"
#include "playground/training_worker.h"
#include "playground_direct_run.h"
#include "wait_helpers.h"

#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

namespace {

using State = TrainingController::State;

// The micro preset with this many steps: a run long enough that a stop asked on its first
// signals always lands before its end, however slowly this thread gets to it.
void setSteps(PlaygroundPage& page, int steps)
{
    auto* box = qobject_cast<QSpinBox*>(page.form()->box(QStringLiteral("steps")));
    QVERIFY(box);
    box->setValue(steps);
}

bool waitForState(TrainingController* controller, State state)
{
    return QTest::qWaitFor([&] { return controller->state() == state; }, moe::test::kPatienceMs);
}

// The record's curves, seconds left out (the only thing allowed to differ between equal runs).
void compareRecords(const TrainingRecord& a, const TrainingRecord& b)
{
    QCOMPARE(a.steps().size(), b.steps().size());
    for (size_t i = 0; i < a.steps().size(); ++i) {
        QCOMPARE(a.steps()[i].step, b.steps()[i].step);
        QCOMPARE(a.steps()[i].loss, b.steps()[i].loss);
        QCOMPARE(a.steps()[i].auxLoss, b.steps()[i].auxLoss);
    }
    QCOMPARE(a.points().size(), b.points().size());
    for (size_t i = 0; i < a.points().size(); ++i) {
        QCOMPARE(a.points()[i].step, b.points()[i].step);
        QCOMPARE(a.points()[i].mathBitsPerByte, b.points()[i].mathBitsPerByte);
        QCOMPARE(a.points()[i].poemBitsPerByte, b.points()[i].poemBitsPerByte);
        QCOMPARE(a.points()[i].jsBits, b.points()[i].jsBits);
    }
}

} // namespace

class TestPlaygroundTraining : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void microPresetRunsToTheEndAndChartsHoldTheTrainersNumbers()
    {
        PlaygroundPage page;
        QVERIFY(page.applyPreset(QStringLiteral("micro")));
        const moe::PlaygroundSettings settings = page.form()->settings();
        QSignalSpy finished(&page, &PlaygroundPage::trainingFinished);
        page.startTraining();
        QVERIFY(page.isTraining());
        QVERIFY(finished.wait(moe::test::kPatienceMs));
        QVERIFY(!page.isTraining());
        QCOMPARE(page.controller()->state(), State::Finished);

        const moe::test::DirectPlaygroundRun direct = moe::test::runPlaygroundDirectly(settings);
        const TrainingRecord& record = *page.controller()->record();
        QCOMPARE(static_cast<int>(record.steps().size()), settings.steps);
        const TrainingCharts* charts = page.charts();
        const QList<QPointF> loss = charts->lossSeries()->points();
        QCOMPARE(loss.size(), static_cast<qsizetype>(direct.steps.size()));
        for (qsizetype i = 0; i < loss.size(); ++i) {
            QCOMPARE(loss[i].x(), static_cast<double>(direct.steps[static_cast<size_t>(i)].step));
            QCOMPARE(loss[i].y(), static_cast<double>(direct.steps[static_cast<size_t>(i)].loss));
        }
        QVERIFY(!direct.points.empty());
        const QList<QPointF> math = charts->mathBitsSeries()->points();
        const QList<QPointF> poem = charts->poemBitsSeries()->points();
        QCOMPARE(math.size(), static_cast<qsizetype>(direct.points.size()));
        QCOMPARE(poem.size(), static_cast<qsizetype>(direct.points.size()));
        for (size_t i = 0; i < direct.points.size(); ++i) {
            const moe::PlaygroundPoint& p = direct.points[i];
            const auto at = static_cast<qsizetype>(i);
            QCOMPARE(math[at], QPointF(p.step, p.mathBitsPerByte));
            QCOMPARE(poem[at], QPointF(p.step, p.poemBitsPerByte));
            for (int l = 0; l < settings.layers; ++l)
                QCOMPARE(charts->divergenceSeries(l)->points().at(at).y(), p.jsBits[static_cast<size_t>(l)]);
            for (int e = 0; e < settings.experts; ++e) {
                QCOMPARE(charts->shareChart()->series(e, false)->points().at(at).y(),
                         p.mathShares[0][static_cast<size_t>(e)] * 100.0);
                QCOMPARE(charts->shareChart()->series(e, true)->points().at(at).y(),
                         p.poemShares[0][static_cast<size_t>(e)] * 100.0);
            }
        }
        // The probe shows the last probe of the run, as the core routed it.
        QVERIFY(!direct.probes.empty());
        const moe::ProbeRouting& shown = page.probe()->mathGrid()->routing();
        QCOMPARE(shown.tokenIds, direct.probes.back().math.tokenIds);
        QCOMPARE(shown.routing.size(), direct.probes.back().math.routing.size());
        for (size_t t = 0; t < shown.routing.size(); ++t)
            QCOMPARE(shown.routing[t].layers[0].experts,
                     direct.probes.back().math.routing[t].layers[0].experts);
        QVERIFY(page.controls()->exploreButton()->isEnabled());
        QVERIFY(page.controls()->startButton()->isEnabled());
        QVERIFY(!page.captionText().isEmpty());
    }

    void sameSeedGivesTheSameCurves()
    {
        PlaygroundPage first, second;
        for (PlaygroundPage* page : {&first, &second}) {
            QVERIFY(page->applyPreset(QStringLiteral("micro")));
            QSignalSpy finished(page, &PlaygroundPage::trainingFinished);
            page->startTraining();
            QVERIFY(finished.wait(moe::test::kPatienceMs));
        }
        compareRecords(*first.controller()->record(), *second.controller()->record());
    }

    void stopMidRunThenStartAgain()
    {
        PlaygroundPage page;
        QVERIFY(page.applyPreset(QStringLiteral("micro")));
        TrainingController* controller = page.controller();
        const TrainingRecord* record = controller->record();
        const int steps = page.form()->settings().steps;
        setSteps(page, 100 * steps);
        // Stop as soon as the first steps are in: the run ends early, as stopped (not finished).
        QSignalSpy finished(&page, &PlaygroundPage::trainingFinished);
        connect(record, &TrainingRecord::stepsAppended, controller, &TrainingController::stop);
        page.startTraining();
        QVERIFY(waitForState(controller, State::Stopped));
        disconnect(record, &TrainingRecord::stepsAppended, controller, &TrainingController::stop);
        QVERIFY(record->steps().size() < static_cast<size_t>(page.form()->settings().steps));
        QVERIFY(!record->steps().empty());
        QCOMPARE(finished.count(), 0);
        QVERIFY(controller->hasModel());
        QVERIFY(controller->lastStopLatencyMs() >= 0);

        // Started again, it trains afresh from step 1 to the end, equal to an unbroken run.
        setSteps(page, steps);
        page.startTraining();
        QVERIFY(finished.wait(moe::test::kPatienceMs));
        QCOMPARE(record->steps().front().step, 1);
        PlaygroundPage unbroken;
        QVERIFY(unbroken.applyPreset(QStringLiteral("micro")));
        QSignalSpy unbrokenFinished(&unbroken, &PlaygroundPage::trainingFinished);
        unbroken.startTraining();
        QVERIFY(unbrokenFinished.wait(moe::test::kPatienceMs));
        compareRecords(*record, *unbroken.controller()->record());
    }

    // The worker reports the steps before a measurement, then measures: stopping on the steps that
    // end at a measurement step stops it while measure() runs; the charts redraw on the same signal.
    void stopWhileMeasuringOrDrawingCannotCrash()
    {
        PlaygroundPage page;
        QVERIFY(page.applyPreset(QStringLiteral("micro")));
        setSteps(page, 100 * page.form()->settings().steps);
        page.show();
        TrainingController* controller = page.controller();
        const TrainingRecord* record = controller->record();
        const int measureEvery = page.form()->settings().measureEvery;
        connect(record, &TrainingRecord::stepsAppended, controller, [&] {
            if (record->steps().back().step % measureEvery == 0)
                controller->stop();
        });
        page.startTraining();
        QVERIFY(waitForState(controller, State::Stopped));
        QVERIFY(record->steps().size() < static_cast<size_t>(page.form()->settings().steps));
        QVERIFY(!record->points().empty()); // the untrained model's, at least

        // Stopped from the chart's own redraw of a point.
        PlaygroundPage drawing;
        QVERIFY(drawing.applyPreset(QStringLiteral("micro")));
        setSteps(drawing, 100 * drawing.form()->settings().steps);
        drawing.show();
        connect(drawing.controller()->record(), &TrainingRecord::pointAppended, drawing.controller(),
                &TrainingController::stop);
        drawing.startTraining();
        QVERIFY(waitForState(drawing.controller(), State::Stopped));
        QVERIFY(!drawing.controller()->record()->points().empty());
        QVERIFY(drawing.charts()->refreshes() > 0);
    }

    void pauseHoldsTheRunAndResumeContinuesIt()
    {
        PlaygroundPage page;
        QVERIFY(page.applyPreset(QStringLiteral("micro")));
        setSteps(page, 100 * page.form()->settings().steps);
        TrainingController* controller = page.controller();
        connect(controller->record(), &TrainingRecord::stepsAppended, controller, &TrainingController::pause,
                Qt::SingleShotConnection);
        page.startTraining();
        QVERIFY(
            QTest::qWaitFor([&] { return controller->lastPauseLatencyMs() >= 0; }, moe::test::kPatienceMs));
        const size_t held = controller->record()->steps().size();
        QTest::qWait(200); // a paused worker trains no step (not a timing assertion: nothing may come)
        QCOMPARE(controller->record()->steps().size(), held);
        QCOMPARE(controller->state(), State::Paused);
        QVERIFY(!page.controls()->startButton()->isEnabled());
        controller->resume();
        QVERIFY(QTest::qWaitFor([&] { return controller->record()->steps().size() > held; },
                                moe::test::kPatienceMs));
        QCOMPARE(controller->record()->steps()[held].step, static_cast<int>(held) + 1); // none lost
        controller->stop();
        QVERIFY(waitForState(controller, State::Stopped));
    }

    // Without the fortunes package the worker reports the core's message (naming the package to
    // install) and stays usable; nothing crashes.
    void missingFortunesFailWithTheCoresMessage()
    {
        moe::PlaygroundCorpusOptions options;
        options.corpus.fortunesDir = "/nonexistent/fortunes";
        TrainingWorker worker(options);
        QSignalSpy failed(&worker, &TrainingWorker::failed);
        QSignalSpy started(&worker, &TrainingWorker::started);
        PlaygroundPage page;
        QVERIFY(page.applyPreset(QStringLiteral("micro")));
        worker.train(/*runId=*/1, page.form()->settings()); // on this thread: it returns when done
        QCOMPARE(failed.count(), 1);
        QCOMPARE(started.count(), 0);
        const QString message = failed.front().at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("fortunes")), qPrintable(message));
        QString error;
        QVERIFY(!worker.exportModel(QStringLiteral("/tmp/never.gguf"), QStringLiteral("x"), &error));
    }

    // Closing the page while it trains joins the worker: no thread outlives it (a sanitizer run
    // catches any use after free).
    void destroyingThePageWhileTrainingJoinsCleanly()
    {
        auto page = std::make_unique<PlaygroundPage>();
        QVERIFY(page->applyPreset(QStringLiteral("micro")));
        page->startTraining();
        QVERIFY(QTest::qWaitFor([&] { return !page->controller()->record()->steps().empty(); },
                                moe::test::kPatienceMs));
        page.reset();
        QVERIFY(true);
    }
};

QTEST_MAIN(TestPlaygroundTraining)
#include "tst_playground_training.moc"

// The Race panel against the core: a micro race runs to its end and its record, charts, table and
// caption hold exactly the numbers of the same three runs made directly (moe::PlaygroundRun, same
// corpus); a stop takes effect and a new race after it (or instead of it) starts clean; stops
// during measurements and destroying the panel mid-race cannot crash; a corpus that cannot be
// built and settings the trainer refuses are shown in the panel.
#include "playground/race_caption.h"
#include "playground/race_chart.h"
#include "playground/race_models.h"
#include "playground/race_panel.h"
#include "playground/race_record.h"
#include "playground/race_table.h"
#include "wait_helpers.h"

#include "moe/playground.h"

#include <QElapsedTimer>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <array>
#include <memory>

using moe::test::kPatienceMs;

namespace {

using Curves = std::array<std::vector<moe::PlaygroundPoint>, moe::kRaceModelCount>;

moe::PlaygroundSettings preset(const std::string& name)
{
    return moe::PlaygroundSettings::fromSettings(
        moe::Settings::load(std::string(PLAYGROUND_PRESETS_DIR) + "/" + name + ".conf"));
}

// A race too long to finish while a test waits for its first points.
moe::PlaygroundSettings longRace(int measureEvery)
{
    moe::PlaygroundSettings s = preset("micro");
    s.steps = 5000;
    s.measureEvery = measureEvery;
    return s;
}

// Blocks the GUI thread for a moment without processing events, so the worker's signals queue
// up, as they do behind a busy window. Not a wait for anything: the checks after it are exact.
void keepTheGuiBusy()
{
    QTest::qSleep(200);
}

size_t pointCount(const RaceRecord& record)
{
    size_t n = 0;
    for (const moe::RaceModel model : kRaceModels)
        n += record.curve(model).size();
    return n;
}

} // namespace

class TestRacePanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void microRaceHoldsTheCoreNumbers();
    void stopThenStartAgain();
    void startWhileRacingReplacesTheRace();
    void stopDuringMeasurementsCannotCrash();
    void destroyingThePanelMidRaceJoins();
    void corpusErrorIsShown();
    void refusedSettingsAreShown();

private:
    // Races the micro preset (replacing any race) and checks it against m_direct.
    void raceMicroToTheEnd(RacePanel& panel);
    // Starts a race too long to finish during a test and waits for its first `points` points.
    void startLongRace(RacePanel& panel, int measureEvery, size_t points);
    void checkHoldsDirectRuns(const RacePanel& panel);

    moe::PlaygroundSettings m_micro;
    Curves m_direct; // the micro race's three runs, made here with the core alone
};

void TestRacePanel::initTestCase()
{
    m_micro = preset("micro");
    const auto corpus = moe::buildPlaygroundCorpus(moe::PlaygroundCorpusOptions{}, m_micro.vocab);
    for (const moe::RaceModel model : kRaceModels) {
        moe::PlaygroundRun run(moe::raceSettings(m_micro, model), corpus);
        for (;;) { // measured before the first step, every measure_every steps and after the last
            if (run.measureDue())
                m_direct[raceIndex(model)].push_back(*run.measure());
            if (run.finished())
                break;
            run.step();
        }
        QVERIFY(!m_direct[raceIndex(model)].empty());
    }
}

void TestRacePanel::checkHoldsDirectRuns(const RacePanel& panel)
{
    const RaceRecord& record = panel.record();
    QVERIFY(record.isFinished());
    const auto charts = panel.findChildren<RaceChart*>();
    QCOMPARE(charts.size(), 2);
    const auto* table = panel.findChild<RaceTable*>();
    QVERIFY(table);
    for (const moe::RaceModel model : kRaceModels) {
        const std::vector<moe::PlaygroundPoint>& direct = m_direct[raceIndex(model)];
        const std::vector<moe::PlaygroundPoint>& raced = record.curve(model);
        QCOMPARE(raced.size(), direct.size());
        for (size_t i = 0; i < direct.size(); ++i) {
            QCOMPARE(raced[i].step, direct[i].step);
            QCOMPARE(raced[i].tokens, direct[i].tokens);
            QCOMPARE(raced[i].heldOutBitsPerByte, direct[i].heldOutBitsPerByte);
            QCOMPARE(raced[i].mathBitsPerByte, direct[i].mathBitsPerByte);
            QCOMPARE(raced[i].poemBitsPerByte, direct[i].poemBitsPerByte);
            QVERIFY(raced[i].seconds > 0 || raced[i].step == 0);
        }
        for (const RaceChart* chart : charts) {
            const QList<QPointF> points = chart->series(model)->points();
            QCOMPARE(points.size(), static_cast<qsizetype>(direct.size()));
            for (size_t i = 0; i < direct.size(); ++i) {
                const QPointF p = points[static_cast<qsizetype>(i)];
                QCOMPARE(p.y(), direct[i].heldOutBitsPerByte);
                if (chart->xAxis() == RaceChart::XAxis::Tokens)
                    QCOMPARE(p.x() * chart->xUnit(), static_cast<double>(direct[i].tokens));
                else
                    QCOMPARE(p.x(), raced[i].seconds);
            }
        }
        const int row = raceIndex(model);
        const moe::PlaygroundSettings settings = moe::raceSettings(m_micro, model);
        QCOMPARE(table->item(row, RaceTable::Model)->text(), raceModelName(model));
        QCOMPARE(table->item(row, RaceTable::BitsPerByte)->data(Qt::UserRole).toDouble(),
                 direct.back().heldOutBitsPerByte);
        QCOMPARE(table->item(row, RaceTable::Tokens)->data(Qt::UserRole).toLongLong(), direct.back().tokens);
        QCOMPARE(table->item(row, RaceTable::Seconds)->data(Qt::UserRole).toDouble(), raced.back().seconds);
        QCOMPARE(table->item(row, RaceTable::TotalParameters)->data(Qt::UserRole).toLongLong(),
                 settings.totalParameters());
        QCOMPARE(table->item(row, RaceTable::ActiveParameters)->data(Qt::UserRole).toLongLong(),
                 settings.activeParameters());
    }
    // The caption is the summary of what was measured, and the per-token winner is the core's.
    const std::optional<moe::RaceSummary> summary = record.summary();
    QVERIFY(summary);
    QCOMPARE(panel.caption(), raceCaption(*summary, true));
    const auto best = std::min_element(kRaceModels.begin(), kRaceModels.end(), [&](auto a, auto b) {
        return m_direct[raceIndex(a)].back().heldOutBitsPerByte <
               m_direct[raceIndex(b)].back().heldOutBitsPerByte;
    });
    QCOMPARE(summary->bestPerToken, *best);
    qInfo("%s", qPrintable(panel.caption()));
}

void TestRacePanel::raceMicroToTheEnd(RacePanel& panel)
{
    QSignalSpy finished(&panel, &RacePanel::raceFinished);
    panel.setMixtureSettings(m_micro);
    panel.startRace();
    QVERIFY(panel.isRacing());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRacing(), kPatienceMs);
    QVERIFY2(panel.errorText().isEmpty(), qPrintable(panel.errorText()));
    QCOMPARE(finished.count(), 1);
    checkHoldsDirectRuns(panel);
}

void TestRacePanel::startLongRace(RacePanel& panel, int measureEvery, size_t points)
{
    panel.setMixtureSettings(longRace(measureEvery));
    panel.startRace();
    QTRY_VERIFY_WITH_TIMEOUT(pointCount(panel.record()) >= points, kPatienceMs);
}

void TestRacePanel::microRaceHoldsTheCoreNumbers()
{
    RacePanel panel;
    panel.resize(1400, 900);
    panel.show();
    raceMicroToTheEnd(panel);
}

void TestRacePanel::stopThenStartAgain()
{
    RacePanel panel;
    QSignalSpy finished(&panel, &RacePanel::raceFinished);
    startLongRace(panel, 1, 1);
    QVERIFY(!QTest::currentTestFailed());
    keepTheGuiBusy();
    // Points the worker measured before it saw the stop are not shown.
    const size_t shown = pointCount(panel.record());
    panel.stopRace();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRacing(), kPatienceMs);
    QCOMPARE(pointCount(panel.record()), shown);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!panel.record().isFinished());
    raceMicroToTheEnd(panel);
}

void TestRacePanel::startWhileRacingReplacesTheRace()
{
    RacePanel panel;
    startLongRace(panel, 1, 1);
    QVERIFY(!QTest::currentTestFailed());
    keepTheGuiBusy();         // the old race's points queue up: none may reach the new race's record
    raceMicroToTheEnd(panel); // no stop first: the new race replaces the old one
}

void TestRacePanel::stopDuringMeasurementsCannotCrash()
{
    // Measuring after every step: the worker spends most of its time measuring, so the stops
    // below land in measurements.
    RacePanel panel;
    // How long each stop took, printed for the report (not asserted: a loaded machine is slow).
    QElapsedTimer sinceStop;
    qint64 stopMs = -1;
    connect(&panel, &RacePanel::racingChanged, this, [&](bool racing) {
        if (!racing)
            stopMs = sinceStop.elapsed();
    });
    for (int round = 0; round < 5; ++round) {
        startLongRace(panel, 1, static_cast<size_t>(round % 3 + 1));
        QVERIFY(!QTest::currentTestFailed());
        sinceStop.start();
        panel.stopRace();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRacing(), kPatienceMs);
        qInfo("stop %d took %lld ms", round, stopMs);
        QVERIFY(panel.errorText().isEmpty());
    }
}

void TestRacePanel::destroyingThePanelMidRaceJoins()
{
    auto panel = std::make_unique<RacePanel>();
    startLongRace(*panel, 1, 2);
    QVERIFY(!QTest::currentTestFailed());
    panel.reset(); // stops the race and joins its thread, mid-measurement most likely
    QCoreApplication::processEvents();
}

void TestRacePanel::corpusErrorIsShown()
{
    RacePanel panel;
    moe::PlaygroundCorpusOptions options;
    options.corpus.fortunesDir = "/nonexistent/fortunes";
    panel.setCorpusOptions(options);
    panel.setMixtureSettings(m_micro);
    panel.startRace();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRacing(), kPatienceMs);
    qInfo("%s", qPrintable(panel.errorText()));
    QVERIFY2(panel.errorText().contains(QStringLiteral("/nonexistent/fortunes")),
             qPrintable(panel.errorText()));
    QVERIFY(panel.record().isEmpty());
}

void TestRacePanel::refusedSettingsAreShown()
{
    RacePanel panel;
    moe::PlaygroundSettings bad = m_micro;
    bad.topK = bad.experts + 1;
    panel.setMixtureSettings(bad);
    panel.startRace();
    QVERIFY(!panel.isRacing());
    QVERIFY(!panel.errorText().isEmpty());
}

QTEST_MAIN(TestRacePanel)
#include "tst_race_panel.moc"

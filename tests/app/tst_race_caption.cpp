// The Race's caption, fed crafted race summaries: it names whichever model the numbers make the
// winner (per token, per second, in time), says "about equally" for scores within the margin,
// warns while the race runs, and reads in German with German numbers.
#include "playground/race_caption.h"
#include "playground/race_models.h"
#include "shell/language.h"

#include <QCoreApplication>
#include <QTest>

#include <algorithm>
#include <array>

namespace {

using Three = std::array<double, moe::kRaceModelCount>;

moe::RaceModel lowest(const Three& values)
{
    return static_cast<moe::RaceModel>(std::min_element(values.begin(), values.end()) - values.begin());
}

// A summary as moe::summariseRace makes one: winners are the lowest numbers.
moe::RaceSummary summaryOf(const Three& bits, const Three& bitsAtTime, const Three& seconds)
{
    moe::RaceSummary summary;
    for (const moe::RaceModel model : kRaceModels) {
        const int i = raceIndex(model);
        moe::RaceEntry e;
        e.model = model;
        e.tokens = 3'072'000;
        e.seconds = seconds[i];
        e.bitsPerByte = bits[i];
        e.bitsPerByteAtTokens = bits[i];
        e.bitsPerByteAtTime = bitsAtTime[i];
        summary.entries.push_back(e);
    }
    summary.bestPerToken = lowest(bits);
    summary.bestPerSecond = lowest(bitsAtTime);
    summary.fastest = lowest(seconds);
    summary.comparedAtTokens = 3'072'000;
    summary.comparedAtSeconds = *std::min_element(seconds.begin(), seconds.end());
    return summary;
}

} // namespace

class TestRaceCaption : public QObject {
    Q_OBJECT
private slots:
    void wording_data();
    void wording();
    void namesTheMeasuredWinner_data();
    void namesTheMeasuredWinner();
    void saysWhileRunningThatNumbersChange();
    void incompleteSummarySaysNothing();
    void german(); // last: it installs the German translation
};

void TestRaceCaption::wording_data()
{
    QTest::addColumn<Three>("bits");
    QTest::addColumn<Three>("bitsAtTime");
    QTest::addColumn<Three>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("mixture per token, small dense per second")
        << Three{2.60, 2.70, 2.65} << Three{2.75, 2.70, 2.90} << Three{27, 19, 48}
        << QStringLiteral(
               "After the same 3.1M training tokens, the mixture predicts the held-out text best: "
               "2.60 bits per byte, against 2.65 for the big dense model and 2.70 for the small "
               "dense model. Given the same 19 s of training (as long as the small dense model "
               "trained), the small dense model is best: 2.70 bits per byte, against 2.75 for the "
               "mixture and 2.90 for the big dense model. The fastest to train was the small dense "
               "model (19 s), then the mixture (27 s) and the big dense model (48 s).");
    QTest::newRow("big dense per token, mixture per second")
        << Three{2.70, 2.75, 2.60} << Three{2.70, 2.80, 2.95} << Three{5.5, 6.5, 9.26}
        << QStringLiteral(
               "After the same 3.1M training tokens, the big dense model predicts the held-out text "
               "best: 2.60 bits per byte, against 2.70 for the mixture and 2.75 for the small dense "
               "model. Given the same 5.5 s of training (as long as the mixture trained), the "
               "mixture is best: 2.70 bits per byte, against 2.80 for the small dense model and "
               "2.95 for the big dense model. The fastest to train was the mixture (5.5 s), then "
               "the small dense model (6.5 s) and the big dense model (9.3 s).");
    QTest::newRow("two about equal")
        << Three{2.63, 2.64, 2.70} << Three{2.63, 2.646, 2.90} << Three{27, 26, 48}
        << QStringLiteral(
               "After the same 3.1M training tokens, the mixture and the small dense model predict "
               "the held-out text about equally well (2.63 and 2.64 bits per byte); the big dense "
               "model is behind with 2.70. Given the same 26 s of training (as long as the small "
               "dense model trained), the mixture and the small dense model are about equal (2.63 "
               "and 2.65 bits per byte); the big dense model is behind with 2.90. Training took "
               "about as long for the small dense model and the mixture (26 s and 27 s) and 48 s "
               "for the big dense model.");
    QTest::newRow("all three about equal")
        << Three{2.62, 2.63, 2.612} << Three{2.63, 2.638, 2.622} << Three{30, 30.4, 31}
        << QStringLiteral("After the same 3.1M training tokens, all three models predict the held-out text "
                          "about equally well (2.61, 2.62 and 2.63 bits per byte). Given the same 30 s of "
                          "training (as long as the mixture trained), all three are about equal (2.62, 2.63 "
                          "and 2.64 bits per byte). All three took about as long to train (30 s, 30 s and "
                          "31 s).");
}

void TestRaceCaption::wording()
{
    QFETCH(Three, bits);
    QFETCH(Three, bitsAtTime);
    QFETCH(Three, seconds);
    QFETCH(QString, expected);
    QCOMPARE(raceCaption(summaryOf(bits, bitsAtTime, seconds), /*finished=*/true), expected);
}

void TestRaceCaption::namesTheMeasuredWinner_data()
{
    QTest::addColumn<int>("winner");
    QTest::newRow("mixture") << 0;
    QTest::newRow("dense, same active") << 1;
    QTest::newRow("dense, same total") << 2;
}

void TestRaceCaption::namesTheMeasuredWinner()
{
    QFETCH(int, winner);
    const auto model = static_cast<moe::RaceModel>(winner);
    // The winner is ahead by well over the margin, per token and per second; the loser per token
    // is the next model round, so every pairing occurs.
    Three bits{2.7, 2.7, 2.7}, atTime{2.9, 2.9, 2.9};
    bits[winner] = 2.5;
    atTime[winner] = 2.6;
    bits[(winner + 1) % 3] = 2.8;
    const QString caption = raceCaption(summaryOf(bits, atTime, Three{10, 20, 30}), true);
    qInfo("%s", qPrintable(caption));
    const QString name = raceModelCaptionName(model);
    QVERIFY2(caption.contains(name + QStringLiteral(" predicts the held-out text best: 2.50")),
             qPrintable(caption));
    QVERIFY2(caption.contains(name + QStringLiteral(" is best: 2.60")), qPrintable(caption));
    for (const moe::RaceModel other : kRaceModels) {
        if (other != model)
            QVERIFY2(!caption.contains(raceModelCaptionName(other) + QStringLiteral(" predicts")),
                     qPrintable(caption));
    }
}

void TestRaceCaption::saysWhileRunningThatNumbersChange()
{
    const moe::RaceSummary summary = summaryOf(Three{2.6, 2.7, 2.8}, Three{2.6, 2.7, 2.8}, Three{1, 2, 3});
    const QString running = raceCaption(summary, false), finished = raceCaption(summary, true);
    QVERIFY(running.startsWith(finished));
    QVERIFY2(running.endsWith(QStringLiteral("The race is still running: these numbers will change.")),
             qPrintable(running));
    QVERIFY(!finished.contains(QStringLiteral("still running")));
}

void TestRaceCaption::incompleteSummarySaysNothing()
{
    moe::RaceSummary summary = summaryOf(Three{2.6, 2.7, 2.8}, Three{2.6, 2.7, 2.8}, Three{1, 2, 3});
    summary.entries.pop_back();
    QVERIFY(raceCaption(summary, true).isEmpty());
    QVERIFY(raceCaption(moe::RaceSummary{}, true).isEmpty());
}

void TestRaceCaption::german()
{
    QVERIFY(installLanguage(*QCoreApplication::instance(), QStringLiteral("de")));
    const QString caption =
        raceCaption(summaryOf(Three{2.6, 2.7, 2.65}, Three{2.75, 2.7, 2.9}, Three{27, 19, 48}), true);
    qInfo("%s", qPrintable(caption));
    QVERIFY2(caption.startsWith(QStringLiteral("Nach denselben 3,1\u00a0Mio. Trainings-Tokens")),
             qPrintable(caption));
    QVERIFY2(caption.contains(QStringLiteral("2,60 Bit pro Byte")), qPrintable(caption));
    QVERIFY2(!caption.contains(QStringLiteral("mixture")), qPrintable(caption));
}

QTEST_MAIN(TestRaceCaption)
#include "tst_race_caption.moc"

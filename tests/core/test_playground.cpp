// The Playground's core: settings and their problems, runs that equal the trainer's own steps,
// measurements that change nothing and agree with the trainer's loss, probes, cancelling, export,
// the race's contenders and verdicts. Runs on the real corpus need Debian's fortunes packages.
#include "moe/error.h"
#include "moe/model.h"
#include "moe/playground.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <numbers>

namespace {

moe::PlaygroundSettings micro()
{
    moe::PlaygroundSettings s;
    s.layers = 1;
    s.dim = 32;
    s.heads = 2;
    s.experts = 4;
    s.topK = 2;
    s.ffn = 32;
    s.vocab = 300;
    s.seqLen = 32;
    s.batchSize = 4;
    s.steps = 12;
    s.measureEvery = 5;
    s.probeEvery = 6;
    return s;
}

bool hasProblem(const moe::PlaygroundSettings& s, moe::PlaygroundSettings::Field field,
                moe::PlaygroundSettings::Reason reason)
{
    for (const auto& p : s.problems()) {
        if (p.field == field && p.reason == reason && !p.message.empty())
            return true;
    }
    return false;
}

// The trainer exactly as a PlaygroundRun builds it, for comparisons with the trainer's own log.
moe::Trainer directTrainer(const moe::PlaygroundSettings& s, const moe::PlaygroundCorpus& corpus)
{
    moe::TrainConfig config = s.trainConfig();
    config.model.nVocab = corpus.tokenizer.vocabSize();
    return moe::Trainer(
        config, std::make_shared<moe::CorpusTrainingData>(
                    corpus.trainStreams, moe::domainWeights(corpus.trainStreams, s.mathShare), s.seed));
}

std::vector<moe::PlaygroundPoint> runAll(moe::PlaygroundRun& run)
{
    std::vector<moe::PlaygroundPoint> points;
    while (true) {
        if (run.measureDue())
            points.push_back(*run.measure());
        if (run.finished())
            return points;
        run.step();
    }
}

void compareMeasurements(const moe::PlaygroundPoint& a, const moe::PlaygroundPoint& b, bool sameSteps = true)
{
    QCOMPARE(a.step, b.step);
    QCOMPARE(a.tokens, b.tokens);
    QCOMPARE(a.mathBitsPerByte, b.mathBitsPerByte);
    QCOMPARE(a.poemBitsPerByte, b.poemBitsPerByte);
    QCOMPARE(a.heldOutBitsPerByte, b.heldOutBitsPerByte);
    QCOMPARE(a.mathShares, b.mathShares);
    QCOMPARE(a.poemShares, b.poemShares);
    QCOMPARE(a.jsBits, b.jsBits);
    // The training loss is the mean over the steps since the previous point, so it depends on them.
    QVERIFY(!sameSteps || (std::isnan(a.trainLoss) && std::isnan(b.trainLoss)) || a.trainLoss == b.trainLoss);
}

moe::PlaygroundPoint point(int64_t tokens, double seconds, double bpb)
{
    moe::PlaygroundPoint p;
    p.tokens = tokens;
    p.seconds = seconds;
    p.heldOutBitsPerByte = bpb;
    return p;
}

} // namespace

class PlaygroundTest : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<const moe::PlaygroundCorpus> m_corpus;

    void requireCorpus()
    {
        if (!m_corpus)
            QSKIP("Debian's fortunes packages are not installed");
    }

private slots:
    void initTestCase()
    {
        if (std::filesystem::exists("/usr/share/games/fortunes/songs-poems"))
            m_corpus = moe::buildPlaygroundCorpus({}, micro().vocab);
    }

    void settingsReadBackFromTheirText()
    {
        moe::PlaygroundSettings s = micro();
        s.lr = 0.0017;
        s.balancing = 0.0301;
        s.mathShare = 0.35;
        s.seed = 987654321;
        const auto back = moe::PlaygroundSettings::fromSettings(moe::Settings::parse(s.toText(), "test"));
        QCOMPARE(back.toText(), s.toText());
        QCOMPARE(back.lr, s.lr);
        QCOMPARE(back.seed, s.seed);
    }

    void everyPresetFileIsTrainable()
    {
        const std::filesystem::path dir = TINY_EXPERTS_SOURCE_DIR "/resources/playground/presets";
        int presets = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            const auto s = moe::PlaygroundSettings::fromSettings(moe::Settings::load(entry.path().string()));
            QVERIFY2(s.problems().empty(), entry.path().c_str());
            for (int m = 0; m < moe::kRaceModelCount; ++m)
                QVERIFY2(moe::raceSettings(s, static_cast<moe::RaceModel>(m)).problems().empty(),
                         entry.path().c_str());
            ++presets;
        }
        QVERIFY(presets >= 8);
    }

    void badSettingsAreNamedNotTrained()
    {
        QVERIFY(micro().problems().empty());
        using F = moe::PlaygroundSettings::Field;
        using R = moe::PlaygroundSettings::Reason;
        auto s = micro();
        s.experts = 0;
        QVERIFY(hasProblem(s, F::Experts, R::OutOfRange));
        s = micro();
        s.experts = 8;
        s.topK = 9;
        QVERIFY(hasProblem(s, F::TopK, R::TopKAboveExperts));
        s = micro();
        s.dim = 30;
        s.heads = 4;
        QVERIFY(hasProblem(s, F::Dim, R::NotMultipleOfHeads));
        s.dim = 12; // head size 3
        QVERIFY(hasProblem(s, F::Dim, R::OddHeadSize));
        s = micro();
        s.threads = 5;
        QVERIFY(hasProblem(s, F::Threads, R::ThreadsAboveBatch));
        s = micro();
        s.mathShare = 1.5;
        QVERIFY(hasProblem(s, F::MathShare, R::OutOfRange));

        // A file is read with the same limits, and a misspelt key is refused.
        QVERIFY_THROWS_EXCEPTION(moe::FormatError, moe::PlaygroundSettings::fromSettings(
                                                       moe::Settings::parse("experts = 0", "t")));
        QVERIFY_THROWS_EXCEPTION(
            moe::FormatError, moe::PlaygroundSettings::fromSettings(moe::Settings::parse("expert = 4", "t")));
        if (m_corpus) {
            s = micro();
            s.topK = 5;
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::PlaygroundRun(s, m_corpus));
            s = micro();
            s.vocab = 400; // the corpus was built for 300
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::PlaygroundRun(s, m_corpus));
        }
    }

    void stepsEqualTheTrainersOwnLog()
    {
        requireCorpus();
        moe::PlaygroundRun run(micro(), m_corpus);
        runAll(run);
        moe::Trainer trainer = directTrainer(micro(), *m_corpus);
        QCOMPARE(static_cast<int>(run.log().size()), micro().steps);
        for (const moe::StepStats& logged : run.log()) {
            const moe::StepStats direct = trainer.step();
            QCOMPARE(logged.step, direct.step);
            QCOMPARE(logged.loss, direct.loss);
            QCOMPARE(logged.auxLoss, direct.auxLoss);
            QCOMPARE(logged.gradNorm, direct.gradNorm);
        }
        QVERIFY(run.finished());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, run.step());
    }

    void measuringChangesNothingAndRepeats()
    {
        requireCorpus();
        auto everyStep = micro();
        everyStep.measureEvery = 1;
        everyStep.probeEvery = 1;
        moe::PlaygroundRun measured(everyStep, m_corpus), plain(micro(), m_corpus), again(micro(), m_corpus);
        while (!measured.finished()) {
            measured.measure();
            measured.probe();
            measured.step();
        }
        const auto points = runAll(plain);
        const auto repeated = runAll(again);
        QCOMPARE(points.size(), size_t{4}); // steps 0, 5, 10 and the last, 12
        QCOMPARE(points.back().step, 12);
        QVERIFY(std::isnan(points.front().trainLoss));
        for (size_t i = 0; i < measured.log().size(); ++i)
            QCOMPARE(measured.log()[i].loss, plain.log()[i].loss);
        QCOMPARE(points.size(), repeated.size());
        for (size_t i = 0; i < points.size(); ++i)
            compareMeasurements(points[i], repeated[i]);
        compareMeasurements(*measured.measure(), points.back(), /*sameSteps=*/false);
    }

    void pointsAgreeWithTheTrainer()
    {
        requireCorpus();
        moe::PlaygroundRun run(micro(), m_corpus);
        const auto points = runAll(run);
        const moe::PlaygroundPoint& p = points.back();

        // Bits per byte: the trainer's own loss over the same windows.
        moe::Trainer trainer = directTrainer(micro(), *m_corpus);
        for (int i = 0; i < micro().steps; ++i)
            trainer.step();
        const auto& math = m_corpus->mathHeldOut;
        const double nats = trainer.evaluateLoss(math) * static_cast<double>(math.size() - 1);
        const double expected = nats / std::numbers::ln2 / static_cast<double>(m_corpus->mathHeldOutBytes);
        QVERIFY2(std::abs(p.mathBitsPerByte - expected) < 1e-4 * expected,
                 qPrintable(QString("%1 vs %2").arg(p.mathBitsPerByte).arg(expected)));

        // The mean training loss of the steps since the previous point.
        double sum = 0;
        for (int i = 10; i < 12; ++i)
            sum += run.log()[static_cast<size_t>(i)].loss;
        QCOMPARE(p.trainLoss, sum / 2);

        QCOMPARE(p.jsBits.size(), size_t{1});
        QVERIFY(p.jsBits[0] >= 0 && p.jsBits[0] <= 1);
        for (const auto* shares : {&p.mathShares, &p.poemShares}) {
            double total = 0;
            for (double share : (*shares)[0])
                total += share;
            QVERIFY(std::abs(total - 1) < 1e-12);
        }
        const double fair = 1.0 / micro().experts;
        QVERIFY(p.leastUsed[0].share <= fair && p.mostUsed[0].share >= fair);
        QVERIFY(std::abs(p.jsBits[0] - moe::jsDivergenceBits(p.mathShares[0], p.poemShares[0])) < 1e-12);
    }

    void probesRouteTheirPromptTokenByToken()
    {
        requireCorpus();
        moe::PlaygroundRun run(micro(), m_corpus);
        const moe::PlaygroundProbe probe = *run.probe();
        QCOMPARE(probe.step, 0);
        std::string text;
        for (const std::string& piece : probe.math.tokenTexts)
            text += piece;
        QCOMPARE(text, m_corpus->mathProbeText);
        QCOMPARE(probe.poem.routing.size(), m_corpus->poemProbe.size() - 1);
        for (const moe::TokenRouting& token : probe.poem.routing) {
            QCOMPARE(token.layers.size(), size_t{1});
            QCOMPARE(token.layers[0].experts.size(), size_t{2});
            QVERIFY(std::abs(token.layers[0].gates[0] + token.layers[0].gates[1] - 1.0f) < 1e-6f);
        }
        QVERIFY(!run.probeDue());
    }

    void aCancelledMeasurementLeavesTheRunAsItWas()
    {
        requireCorpus();
        moe::PlaygroundRun run(micro(), m_corpus), reference(micro(), m_corpus);
        const std::atomic<bool> cancel{true};
        QVERIFY(!run.measure(&cancel).has_value());
        QVERIFY(!run.probe(&cancel).has_value());
        QVERIFY(run.measureDue() && run.probeDue()); // still due: nothing was taken
        compareMeasurements(*run.measure(), *reference.measure());
    }

    void theTrainedModelLoadsInTheEngine()
    {
        requireCorpus();
        moe::PlaygroundRun run(micro(), m_corpus);
        runAll(run);
        QTemporaryDir dir;
        const std::string path = dir.filePath("micro.gguf").toStdString();
        run.exportModel(path, "micro");
        const auto model = moe::Model::load(path);
        QCOMPARE(model->config().nExpert, micro().experts);
        QCOMPARE(model->config().nVocab, m_corpus->tokenizer.vocabSize());
        QCOMPARE(model->name(), std::string("micro"));
    }

    void topOneSendsTheRouterNoGradientFromTheLanguageLoss()
    {
        requireCorpus();
        // The top-1 preset's explanation: with one expert per token the renormalised gate is 1, so
        // only the balancing loss moves the router. Without it the router never changes.
        auto s = micro();
        s.topK = 1;
        for (const double balancing : {0.0, 0.01}) {
            s.balancing = balancing;
            moe::Trainer trainer = directTrainer(s, *m_corpus);
            const auto before = trainer.weights().layers[0].router;
            for (int i = 0; i < 5; ++i)
                trainer.step();
            const bool unchanged = trainer.weights().layers[0].router == before;
            QCOMPARE(unchanged, balancing == 0.0);
        }
    }

    void raceContendersMatchTheMixture()
    {
        const moe::PlaygroundSettings mixture = micro();
        const auto active = moe::raceSettings(mixture, moe::RaceModel::DenseSameActive);
        const auto total = moe::raceSettings(mixture, moe::RaceModel::DenseSameTotal);
        QCOMPARE(active.experts, 1);
        QCOMPARE(active.ffn, mixture.topK * mixture.ffn);
        QCOMPARE(total.ffn, mixture.experts * mixture.ffn);
        // Equal but for the routers (experts x dim per layer in the mixture, dim in a dense model).
        const int64_t routers = int64_t{mixture.layers} * mixture.dim * (mixture.experts - 1);
        QCOMPARE(active.activeParameters(), mixture.activeParameters() - routers);
        QCOMPARE(total.totalParameters(), mixture.totalParameters() - routers);
    }

    void runsInTurnsMeasureAsRunsAlone()
    {
        requireCorpus();
        auto other = micro();
        other.seed = 2;
        moe::PlaygroundRun a(micro(), m_corpus), b(other, m_corpus), aloneA(micro(), m_corpus),
            aloneB(other, m_corpus);
        std::vector<moe::PlaygroundRun*> runs{&a, &b};
        std::vector<std::vector<moe::PlaygroundPoint>> curves(2);
        int turns = 0;
        QVERIFY(moe::trainInTurns(
            runs, 4, [&](size_t run, moe::PlaygroundPoint&& p) { curves[run].push_back(std::move(p)); },
            [&] { ++turns; }));
        QVERIFY(a.finished() && b.finished());
        QCOMPARE(turns, 3); // 12 steps, 4 per turn
        const auto pointsA = runAll(aloneA), pointsB = runAll(aloneB);
        QCOMPARE(curves[0].size(), pointsA.size());
        QCOMPARE(curves[1].size(), pointsB.size());
        for (size_t i = 0; i < pointsA.size(); ++i)
            compareMeasurements(curves[0][i], pointsA[i]);
        for (size_t i = 0; i < pointsB.size(); ++i)
            compareMeasurements(curves[1][i], pointsB[i]);

        moe::PlaygroundRun c(micro(), m_corpus);
        std::vector<moe::PlaygroundRun*> cancelled{&c};
        const std::atomic<bool> stop{true};
        QVERIFY(!moe::trainInTurns(
            cancelled, 4, [](size_t, moe::PlaygroundPoint&&) {}, {}, &stop));
        QCOMPARE(c.stepsDone(), 0);
    }

    void raceVerdictsComeFromTheCurves()
    {
        // The mixture learns most per token; dense-active is fastest and lowest at its own time.
        const std::vector<std::vector<moe::PlaygroundPoint>> curves{
            {point(0, 0, 8), point(1000, 10, 3.0), point(2000, 20, 2.5)},
            {point(0, 0, 8), point(1000, 5, 3.0), point(2000, 10, 2.8)},
            {point(0, 0, 8), point(1000, 30, 3.5), point(2000, 60, 2.6)}};
        std::vector<moe::PlaygroundSettings> settings;
        for (int m = 0; m < moe::kRaceModelCount; ++m)
            settings.push_back(moe::raceSettings(micro(), static_cast<moe::RaceModel>(m)));
        const moe::RaceSummary summary = moe::summariseRace(curves, settings);
        QCOMPARE(summary.bestPerToken, moe::RaceModel::Mixture);
        QCOMPARE(summary.fastest, moe::RaceModel::DenseSameActive);
        QCOMPARE(summary.comparedAtSeconds, 10.0);
        QCOMPARE(summary.comparedAtTokens, int64_t{2000});
        QCOMPARE(summary.entries[0].bitsPerByteAtTime, 3.0);                       // the mixture at 10 s
        QCOMPARE(summary.entries[2].bitsPerByteAtTime, 8.0 - 4.5 * (10.0 / 30.0)); // interpolated
        QCOMPARE(summary.bestPerSecond, moe::RaceModel::DenseSameActive);
        QCOMPARE(summary.entries[1].totalParameters, settings[1].totalParameters());

        // Mid-race the slowest model has seen fewer tokens: everyone is compared at its count.
        auto partial = curves;
        partial[2].pop_back();
        const moe::RaceSummary early = moe::summariseRace(partial, settings);
        QCOMPARE(early.comparedAtTokens, int64_t{1000});
        QCOMPARE(early.bestPerToken, moe::RaceModel::Mixture); // 3.0 ties 3.0: the first wins
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 moe::summariseRace({{}, curves[1], curves[2]}, settings));
    }
};

QTEST_GUILESS_MAIN(PlaygroundTest)
#include "test_playground.moc"

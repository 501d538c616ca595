// The generation worker and its controller against a direct moe::generate() on the same model:
// same tokens and routing; cancel, replace, pause/step and teardown while a run is going; routing
// overrides honoured; every bad input reported through failed(), never a crash.
#include "run/generation_controller.h"
#include "run/generation_worker.h"
#include "run/run_types.h"
#include "tiny_model.h"
#include "wait_helpers.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

namespace {

constexpr uint64_t kModelSeed = 7001;
const QString kPrompt = QStringLiteral("23 + 45 = and the moon");

// A token as the controller reported it.
struct Received {
    int runId;
    moe::GeneratedToken token;
    double tokensPerSecond;
};

std::vector<moe::GeneratedToken> directRun(const std::shared_ptr<const moe::Model>& model,
                                           const QString& prompt, const GenerationSettings& settings,
                                           int contextLength = 0)
{
    moe::Session session(model, moe::SessionOptions{2, contextLength});
    session.setRoutingOverride(settings.routing);
    std::vector<moe::GeneratedToken> tokens;
    moe::generate(session, settings.request(prompt), [&](const moe::GeneratedToken& token) {
        tokens.push_back(token);
        return true;
    });
    return tokens;
}

// Empty when equal; otherwise what differs first.
QString difference(const std::vector<moe::GeneratedToken>& got, const std::vector<moe::GeneratedToken>& want)
{
    if (got.size() != want.size())
        return QStringLiteral("got %1 tokens, want %2").arg(got.size()).arg(want.size());
    for (size_t t = 0; t < got.size(); ++t) {
        const moe::GeneratedToken& a = got[t];
        const moe::GeneratedToken& b = want[t];
        if (a.id != b.id || a.bytes != b.bytes || a.prompt != b.prompt)
            return QStringLiteral("token %1: id %2 vs %3").arg(t).arg(a.id).arg(b.id);
        if (a.routing.layers.size() != b.routing.layers.size())
            return QStringLiteral("token %1: layer count differs").arg(t);
        for (size_t l = 0; l < a.routing.layers.size(); ++l) {
            const moe::LayerRouting& x = a.routing.layers[l];
            const moe::LayerRouting& y = b.routing.layers[l];
            if (x.experts != y.experts)
                return QStringLiteral("token %1 layer %2: experts differ").arg(t).arg(l);
            for (size_t i = 0; i < x.gates.size(); ++i)
                if (!qFuzzyCompare(1.0f + x.gates[i], 1.0f + y.gates[i]))
                    return QStringLiteral("token %1 layer %2: gate %3 vs %4")
                        .arg(t)
                        .arg(l)
                        .arg(x.gates[i])
                        .arg(y.gates[i]);
        }
    }
    return {};
}

std::vector<moe::GeneratedToken> tokensOf(const std::vector<Received>& received, int runId)
{
    std::vector<moe::GeneratedToken> tokens;
    for (const Received& r : received)
        if (r.runId == runId)
            tokens.push_back(r.token);
    return tokens;
}

// A controller with its signals recorded.
struct Harness {
    GenerationController controller;
    std::vector<Received> tokens;
    QSignalSpy finished{&controller, &GenerationController::runFinished};
    QSignalSpy failed{&controller, &GenerationController::failed};

    explicit Harness(std::shared_ptr<const moe::Model> model)
    {
        QObject::connect(&controller, &GenerationController::tokenRouted,
                         [this](int runId, const moe::GeneratedToken& token, double speed) {
                             tokens.push_back({runId, token, speed});
                         });
        controller.setModel(std::move(model));
    }
    bool waitFinished(int count = 1)
    {
        return QTest::qWaitFor([&] { return finished.count() + failed.count() >= count; },
                               moe::test::kPatienceMs);
    }
    // Waits until at least n tokens have arrived.
    bool waitTokens(size_t n)
    {
        return QTest::qWaitFor([&] { return tokens.size() >= n; }, moe::test::kPatienceMs);
    }
    // Waits until the worker holds its next token back (paused or pacing), then delivers what it
    // sent before: after this, every token the worker may send so far has arrived.
    bool waitHolding()
    {
        if (!QTest::qWaitFor([&] { return controller.isHoldingToken(); }, moe::test::kPatienceMs))
            return false;
        QCoreApplication::sendPostedEvents();
        return true;
    }
    moe::FinishReason lastReason() const { return finished.last().at(1).value<moe::FinishReason>(); }
};

} // namespace

class TestGenerationWorker : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runEqualsDirectGenerate_data();
    void runEqualsDirectGenerate();
    void workerCancelStopsAtThatToken();
    void stopMidRunThenRunAgain();
    void startWhileRunningDropsTheOldRun();
    void tokensAlreadyQueuedAreDropped();
    void pauseAndStepLetOneTokenThrough();
    void destroyingMidRunReturnsPromptly_data();
    void destroyingMidRunReturnsPromptly();
    void disabledExpertIsNeverChosen();
    void badInputIsReportedNotThrown_data();
    void badInputIsReportedNotThrown();
    void modelSwitchCancelsTheRun();
    void modelWithAHugeContextStillRuns();

private:
    std::shared_ptr<const moe::Model> m_model;
};

void TestGenerationWorker::initTestCase()
{
    qInfo("tiny model seed %llu", static_cast<unsigned long long>(kModelSeed));
    m_model = moe::test::tinyModel(kModelSeed);
}

void TestGenerationWorker::runEqualsDirectGenerate_data()
{
    QTest::addColumn<float>("temperature");
    QTest::addColumn<int>("topK");
    QTest::addColumn<int>("routerTopK");
    QTest::newRow("greedy") << 0.0f << 0 << 0;
    QTest::newRow("sampled, seed 42") << 0.9f << 20 << 0;
    QTest::newRow("router top-1") << 0.0f << 0 << 1;
    QTest::newRow("router dense (top-4)") << 0.7f << 0 << 4;
}

void TestGenerationWorker::runEqualsDirectGenerate()
{
    QFETCH(float, temperature);
    QFETCH(int, topK);
    QFETCH(int, routerTopK);
    GenerationSettings settings;
    settings.maxTokens = 20;
    settings.temperature = temperature;
    settings.samplerTopK = topK;
    settings.routing.topK = routerTopK;
    const auto want = directRun(m_model, kPrompt, settings);

    Harness h(m_model);
    QSignalSpy started(&h.controller, &GenerationController::runStarted);
    const int runId = h.controller.start(kPrompt, settings);
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.first().at(0).toInt(), runId);
    QVERIFY(h.controller.isRunning());
    QVERIFY(h.waitFinished());
    QCOMPARE(h.failed.count(), 0);
    QVERIFY(!h.controller.isRunning());
    QCOMPARE(h.finished.first().at(0).toInt(), runId);
    const QString diff = difference(tokensOf(h.tokens, runId), want);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    for (const Received& r : h.tokens)
        QVERIFY2(r.tokensPerSecond > 0, "tokens/s must be the model's positive compute speed");
}

void TestGenerationWorker::workerCancelStopsAtThatToken()
{
    // The worker on this thread, called directly: deterministic token counts.
    GenerationWorker worker;
    worker.setModel(m_model);
    int seen = 0;
    int afterCancel = 0;
    bool cancelled = false;
    connect(&worker, &GenerationWorker::tokenRouted, &worker, [&](int, const moe::GeneratedToken&, double) {
        ++seen;
        if (cancelled)
            ++afterCancel;
        if (seen == 3) {
            worker.requestCancel();
            cancelled = true;
        }
    });
    QSignalSpy finished(&worker, &GenerationWorker::generationFinished);
    GenerationSettings settings;
    settings.maxTokens = 40;
    worker.generate(1, kPrompt, settings);
    QCOMPARE(afterCancel, 0);
    QCOMPARE(seen, 3);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(1).value<moe::FinishReason>(), moe::FinishReason::Stopped);

    // The next run is not affected by the old cancel and gives the whole, correct run.
    std::vector<moe::GeneratedToken> second;
    disconnect(&worker, &GenerationWorker::tokenRouted, &worker, nullptr);
    connect(&worker, &GenerationWorker::tokenRouted, &worker,
            [&](int, const moe::GeneratedToken& token, double) { second.push_back(token); });
    worker.generate(2, kPrompt, settings);
    const QString diff = difference(second, directRun(m_model, kPrompt, settings));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    // A run queued with an id already cancelled finishes at once, with no token.
    worker.cancelRunsUpTo(3);
    second.clear();
    worker.generate(3, kPrompt, settings);
    QVERIFY(second.empty());
    QCOMPARE(finished.last().at(0).toInt(), 3);
    QCOMPARE(finished.last().at(1).value<moe::FinishReason>(), moe::FinishReason::Stopped);
}

void TestGenerationWorker::stopMidRunThenRunAgain()
{
    Harness h(m_model);
    GenerationSettings slow;
    slow.maxTokens = 100;
    slow.delayMs = 15;
    const int first = h.controller.start(kPrompt, slow);
    QVERIFY(h.waitTokens(3));
    h.controller.stop();
    const size_t atStop = h.tokens.size();
    QVERIFY(h.waitFinished());
    QVERIFY2(h.tokens.size() <= atStop + 1, "more than one token arrived after stop()");
    QCOMPARE(h.finished.first().at(0).toInt(), first);
    QCOMPARE(h.lastReason(), moe::FinishReason::Stopped);
    QVERIFY(!h.controller.isRunning());

    GenerationSettings fast;
    fast.maxTokens = 24;
    const int second = h.controller.start(kPrompt, fast);
    QVERIFY(h.waitFinished(2));
    QCOMPARE(h.failed.count(), 0);
    const QString diff = difference(tokensOf(h.tokens, second), directRun(m_model, kPrompt, fast));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestGenerationWorker::startWhileRunningDropsTheOldRun()
{
    Harness h(m_model);
    QSignalSpy started(&h.controller, &GenerationController::runStarted);
    GenerationSettings slow;
    slow.maxTokens = 100;
    slow.delayMs = 10;
    const int oldRun = h.controller.start(QStringLiteral("The moon upon the water"), slow);
    QVERIFY(h.waitTokens(2));

    GenerationSettings next;
    next.maxTokens = 16;
    next.temperature = 0.8f;
    next.seed = 9;
    const size_t before = h.tokens.size();
    const int newRun = h.controller.start(kPrompt, next);
    QVERIFY(newRun != oldRun);
    QVERIFY(h.waitFinished());
    // Queued signals from one thread arrive in order: the old run's tokens and finish came before
    // the new run's finish. Deliver anything else already posted before counting.
    QCoreApplication::sendPostedEvents();
    QCOMPARE(h.finished.count(), 1);
    QCOMPARE(h.finished.first().at(0).toInt(), newRun); // the old run's finish is dropped
    QCOMPARE(started.count(), 2);
    for (size_t i = before; i < h.tokens.size(); ++i)
        QVERIFY2(h.tokens[i].runId == newRun, "a token of the replaced run leaked through");
    const QString diff = difference(tokensOf(h.tokens, newRun), directRun(m_model, kPrompt, next));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestGenerationWorker::tokensAlreadyQueuedAreDropped()
{
    // The worker runs ahead of a busy GUI thread: tokens of the old run sit in the event queue
    // when start()/stop() is called, and the controller must drop them. Single steps, with no
    // event processing in between, put exactly three of each run in the queue.
    Harness h(m_model);
    const auto queueThreeTokens = [&h] {
        for (int i = 0; i < 3; ++i) {
            h.controller.stepOnce();
            if (!moe::test::spinUntil([&h] { return h.controller.isHoldingToken(); }))
                return false;
        }
        return true;
    };
    GenerationSettings settings;
    settings.maxTokens = 100;
    h.controller.setPaused(true);
    const int oldRun = h.controller.start(kPrompt, settings);
    QVERIFY(queueThreeTokens());
    const int newRun = h.controller.start(QStringLiteral("7 x 8 ="), settings);
    QVERIFY(queueThreeTokens());
    h.controller.stop();
    QVERIFY(h.waitFinished());
    QCoreApplication::sendPostedEvents();
    QCOMPARE(h.finished.count(), 1);
    QCOMPARE(h.finished.first().at(0).toInt(), newRun); // Stopped, or done before stop() was seen
    QVERIFY2(h.tokens.empty(), qPrintable(QStringLiteral("%1 queued tokens leaked (runs %2 and %3)")
                                              .arg(h.tokens.size())
                                              .arg(oldRun)
                                              .arg(newRun)));
}

void TestGenerationWorker::pauseAndStepLetOneTokenThrough()
{
    Harness h(m_model);
    QSignalSpy paused(&h.controller, &GenerationController::pausedChanged);
    h.controller.setPaused(true);
    QCOMPARE(paused.count(), 1);
    QVERIFY(h.controller.isPaused());
    GenerationSettings settings;
    settings.maxTokens = 10;
    const int runId = h.controller.start(kPrompt, settings);
    QVERIFY(h.waitHolding());
    QCOMPARE(h.tokens.size(), size_t(0));

    for (size_t step = 1; step <= 3; ++step) {
        h.controller.stepOnce();
        QVERIFY(h.waitTokens(step));
        QVERIFY(h.waitHolding()); // the next token is computed and held: it must not have come
        QCOMPARE(h.tokens.size(), step);
    }
    QVERIFY(h.controller.isRunning());
    h.controller.setPaused(false);
    QVERIFY(h.waitFinished());
    QVERIFY(h.lastReason() != moe::FinishReason::Stopped);
    const QString diff = difference(tokensOf(h.tokens, runId), directRun(m_model, kPrompt, settings));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestGenerationWorker::destroyingMidRunReturnsPromptly_data()
{
    QTest::addColumn<bool>("paused");
    QTest::addColumn<int>("delayMs");
    // An hour per token: a teardown that waited for the pacing would hang the test.
    QTest::newRow("pacing an hour per token") << false << 3'600'000;
    QTest::newRow("paused") << true << 0;
    QTest::newRow("full speed") << false << 0;
}

void TestGenerationWorker::destroyingMidRunReturnsPromptly()
{
    QFETCH(bool, paused);
    QFETCH(int, delayMs);
    auto h = std::make_unique<Harness>(m_model);
    h->controller.setPaused(paused);
    GenerationSettings settings;
    settings.maxTokens = 120;
    settings.delayMs = delayMs;
    h->controller.start(kPrompt, settings);
    // Mid-run: a token held back (paused, pacing) or at least one through (full speed).
    if (paused || delayMs > 0)
        QVERIFY(h->waitHolding());
    else
        QVERIFY(h->waitTokens(1));
    h.reset(); // must return: a run held by pause or pacing is woken, not waited for
}

void TestGenerationWorker::disabledExpertIsNeverChosen()
{
    const moe::ModelConfig& config = m_model->config();
    GenerationSettings settings;
    settings.maxTokens = 24;
    settings.routing.disabled.assign(size_t(config.nLayer), std::vector<bool>(size_t(config.nExpert), false));
    settings.routing.disabled[0][1] = true;
    settings.routing.disabled[1][2] = true;
    settings.routing.disabled[1][3] = true;

    Harness h(m_model);
    const int runId = h.controller.start(kPrompt, settings);
    QVERIFY(h.waitFinished());
    QCOMPARE(h.failed.count(), 0);
    const auto tokens = tokensOf(h.tokens, runId);
    QVERIFY(!tokens.empty());
    for (const moe::GeneratedToken& token : tokens)
        for (size_t l = 0; l < token.routing.layers.size(); ++l)
            for (const int expert : token.routing.layers[l].experts)
                QVERIFY2(
                    !settings.routing.disabled[l][size_t(expert)],
                    qPrintable(QStringLiteral("layer %1 routed to disabled expert %2").arg(l).arg(expert)));
    const QString diff = difference(tokens, directRun(m_model, kPrompt, settings));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestGenerationWorker::badInputIsReportedNotThrown_data()
{
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<int>("disableLayer"); // -1: none; else every expert of this layer off
    QTest::addColumn<int>("routerTopK");
    QTest::addColumn<float>("temperature");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty prompt") << QString() << -1 << 0 << 0.0f << "The prompt is empty";
    QTest::newRow("prompt longer than the context")
        << QString(300, QLatin1Char('7')) << -1 << 0 << 0.0f << "context";
    QTest::newRow("every expert of a layer off") << kPrompt << 1 << 0 << 0.0f << "";
    QTest::newRow("router top-k above the expert count") << kPrompt << -1 << 9 << 0.0f << "";
    QTest::newRow("negative temperature") << kPrompt << -1 << 0 << -1.0f << "";
}

void TestGenerationWorker::badInputIsReportedNotThrown()
{
    QFETCH(QString, prompt);
    QFETCH(int, disableLayer);
    QFETCH(int, routerTopK);
    QFETCH(float, temperature);
    QFETCH(QString, mentions);
    const moe::ModelConfig& config = m_model->config();
    GenerationSettings settings;
    settings.temperature = temperature;
    settings.routing.topK = routerTopK;
    if (disableLayer >= 0) {
        settings.routing.disabled.assign(size_t(config.nLayer),
                                         std::vector<bool>(size_t(config.nExpert), false));
        settings.routing.disabled[size_t(disableLayer)].assign(size_t(config.nExpert), true);
    }
    Harness h(m_model);
    h.controller.start(prompt, settings);
    QVERIFY(h.waitFinished());
    QCOMPARE(h.failed.count(), 1);
    QCOMPARE(h.finished.count(), 0);
    QVERIFY(h.tokens.empty());
    QVERIFY(!h.controller.isRunning());
    const QString message = h.failed.first().at(0).toString();
    qInfo("%s", qPrintable(message));
    QVERIFY(!message.isEmpty());
    QVERIFY2(message.contains(mentions), qPrintable(message));

    // The worker is still usable afterwards.
    GenerationSettings good;
    good.maxTokens = 4;
    h.controller.start(kPrompt, good);
    QVERIFY(h.waitFinished(2));
    QCOMPARE(h.finished.count(), 1);
}

void TestGenerationWorker::modelSwitchCancelsTheRun()
{
    Harness h(nullptr);
    h.controller.start(kPrompt, GenerationSettings());
    QVERIFY(h.waitFinished());
    QCOMPARE(h.failed.count(), 1); // no model yet
    QCOMPARE(h.controller.model(), nullptr);

    h.controller.setModel(m_model);
    QCOMPARE(h.controller.model(), m_model.get());
    GenerationSettings slow;
    slow.maxTokens = 100;
    slow.delayMs = 20;
    const int runId = h.controller.start(kPrompt, slow);
    QVERIFY(h.waitTokens(2));
    const auto other = moe::test::tinyModel(kModelSeed + 1);
    h.controller.setModel(other);
    QVERIFY(h.waitFinished(2));
    QCOMPARE(h.finished.last().at(0).toInt(), runId);
    QCOMPARE(h.lastReason(), moe::FinishReason::Stopped);

    // The next run uses the new model.
    GenerationSettings settings;
    settings.maxTokens = 12;
    const int next = h.controller.start(kPrompt, settings);
    QVERIFY(h.waitFinished(3));
    const QString diff = difference(tokensOf(h.tokens, next), directRun(other, kPrompt, settings));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestGenerationWorker::modelWithAHugeContextStillRuns()
{
    // A context whose full KV cache passes the Session's 1 GiB limit: the app's worker caps it.
    moe::ModelConfig config = moe::test::tinyConfig();
    config.nLayer = 3;
    config.nHeadKv = config.nHead;
    config.nCtx = 1 << 20;
    const auto model = moe::test::tinyModel(kModelSeed, moe::TensorType::F32, config);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::Session{model});

    Harness h(model);
    GenerationSettings settings;
    settings.maxTokens = 8;
    const int runId = h.controller.start(kPrompt, settings);
    QVERIFY(h.waitFinished());
    QCOMPARE(h.failed.count(), 0);
    const QString diff = difference(tokensOf(h.tokens, runId), directRun(model, kPrompt, settings, 4096));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

QTEST_MAIN(TestGenerationWorker)
#include "tst_generation_worker.moc"

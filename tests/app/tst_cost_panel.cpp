// CostPanel shows the core's own cost figures, for the model's routing and for experiments.
#include "explore/cost_panel.h"
#include "style/number_format.h"
#include "tiny_model.h"

#include "moe/analysis.h"
#include "moe/session.h"

#include <QTest>

namespace {

constexpr uint64_t kSeed = 7;

} // namespace

class TestCostPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qInfo("model seed %llu", static_cast<unsigned long long>(kSeed)); }
    void figuresAreTheCoresFigures_data();
    void figuresAreTheCoresFigures();
    void switchedOffExpertsAreNamed();
    void aMismatchIsReportedNotShown();
};

void TestCostPanel::figuresAreTheCoresFigures_data()
{
    QTest::addColumn<int>("topK");
    QTest::newRow("top-1") << 1;
    QTest::newRow("top-2 (the model's own)") << 0;
    QTest::newRow("all experts (dense)") << 4;
}

void TestCostPanel::figuresAreTheCoresFigures()
{
    QFETCH(int, topK);
    moe::Session session(moe::test::tinyModel(kSeed));
    const moe::ModelConfig& config = session.model().config();
    moe::RoutingOverride routing;
    routing.topK = topK;
    session.setRoutingOverride(routing);
    const moe::TokenRouting token = session.step(3);

    CostPanel panel;
    panel.setModelConfig(config);
    panel.setTokensPerSecond(1234.0);
    panel.showToken(token, routing);

    const moe::RoutingCost cost = moe::routingCost(config, routing);
    const CostFigures f = panel.figures();
    QVERIFY(f.valid);
    QCOMPARE(f.activeParameters, moe::activeParameters(config, token));
    QCOMPARE(f.activeParameters, cost.activeParameters);
    QCOMPARE(f.totalParameters, cost.totalParameters);
    QCOMPARE(f.flopsPerToken, cost.flopsPerToken);
    QCOMPARE(f.denseFlopsPerToken, cost.denseFlopsPerToken);
    QCOMPARE(f.activeFraction, cost.activeFraction());
    const int k = topK == 0 ? config.nExpertUsed : topK;
    QCOMPARE(f.expertSlots, config.nLayer * config.nExpert);
    QCOMPARE(f.expertsAsleep(), config.nLayer * (config.nExpert - k));
    QCOMPARE(f.tokensPerSecond, 1234.0);
    if (k == config.nExpert)
        QCOMPARE(f.flopsPerToken, f.denseFlopsPerToken);
    else
        QVERIFY(f.flopsPerToken < f.denseFlopsPerToken);

    // The sentence carries the same numbers.
    const QString headline = panel.headline();
    QVERIFY2(headline.contains(compactNumber(static_cast<double>(cost.activeParameters))),
             qPrintable(headline));
    QVERIFY2(headline.contains(compactNumber(static_cast<double>(cost.totalParameters))),
             qPrintable(headline));
    QVERIFY2(headline.contains(QStringLiteral("(%1%)").arg(qRound(cost.activeFraction() * 100.0))),
             qPrintable(headline));
}

void TestCostPanel::switchedOffExpertsAreNamed()
{
    moe::Session session(moe::test::tinyModel(kSeed));
    const moe::ModelConfig& config = session.model().config();
    // Three of four experts off in layer 1: only one can run there.
    moe::RoutingOverride routing;
    routing.disabled.assign(static_cast<size_t>(config.nLayer),
                            std::vector<bool>(static_cast<size_t>(config.nExpert), false));
    routing.disabled[0] = {true, true, false, true};
    session.setRoutingOverride(routing);
    const moe::TokenRouting token = session.step(9);

    CostPanel panel;
    panel.setModelConfig(config);
    panel.showToken(token, routing);
    const moe::RoutingCost cost = moe::routingCost(config, routing);
    QCOMPARE(panel.figures().activeParameters, cost.activeParameters);
    QCOMPARE(panel.figures().flopsPerToken, cost.flopsPerToken);
    QCOMPARE(panel.figures().expertsAsleep(), config.nLayer * config.nExpert - (1 + config.nExpertUsed));
}

void TestCostPanel::aMismatchIsReportedNotShown()
{
    CostPanel panel;
    panel.showToken(moe::TokenRouting{}, {});
    QVERIFY(!panel.figures().valid);
    panel.setModelConfig(moe::test::tinyConfig());
    moe::RoutingOverride tooMany;
    tooMany.topK = 99;
    panel.showToken(moe::TokenRouting{}, tooMany);
    QVERIFY(!panel.figures().valid);
    QVERIFY2(panel.headline().contains(QStringLiteral("top-k")), qPrintable(panel.headline()));
}

QTEST_MAIN(TestCostPanel)
#include "tst_cost_panel.moc"

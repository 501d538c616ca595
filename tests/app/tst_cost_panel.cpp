// CostPanel shows the core's own cost figures, for the model's routing and for experiments.
#include "explore/cost_panel.h"
#include "family_models.h"
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
    void everyFamilyCountsAsInfoDoes_data();
    void everyFamilyCountsAsInfoDoes();
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
    QCOMPARE(f.expertSlots, config.nLayer * config.nExpert); // no dense layers here
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

void TestCostPanel::everyFamilyCountsAsInfoDoes_data()
{
    QTest::addColumn<int>("arch");
    QTest::newRow("llama (Mixtral layout)") << int(moe::Architecture::Llama);
    QTest::newRow("olmoe") << int(moe::Architecture::Olmoe);
    QTest::newRow("qwen2moe, a shared expert") << int(moe::Architecture::Qwen2Moe);
    QTest::newRow("deepseek2, a dense layer and shared experts") << int(moe::Architecture::Deepseek2);
}

// The panel's counts for a token the model really routed are the ones `tiny-experts-cli info`
// prints (ModelConfig::totalParameters, activeParametersPerToken), whatever the family.
void TestCostPanel::everyFamilyCountsAsInfoDoes()
{
    QFETCH(int, arch);
    const auto model = moe::test::familyModel(static_cast<moe::Architecture>(arch), kSeed);
    const moe::ModelConfig& config = model->config();
    moe::Session session(model);
    const moe::TokenRouting token = session.step(5);

    CostPanel panel;
    panel.setModelConfig(config);
    panel.showToken(token, {});
    const CostFigures f = panel.figures();
    QVERIFY(f.valid);
    QCOMPARE(f.totalParameters, config.totalParameters());
    QCOMPARE(f.activeParameters, config.activeParametersPerToken());
    const QString percent = QStringLiteral("(%1%)").arg(
        qRound(100.0 * double(config.activeParametersPerToken()) / double(config.totalParameters())));
    QVERIFY2(panel.headline().contains(percent), qPrintable(panel.headline() + " wants " + percent));
    const int routedLayers = config.nLayer - config.nLeadingDense;
    QCOMPARE(f.expertSlots, routedLayers * config.nExpert);
    QCOMPARE(f.expertsAsleep(), routedLayers * (config.nExpert - config.nExpertUsed));

    // The parts are the core's, and the sentence names each that the model has.
    const CostParts parts = panel.parts();
    QVERIFY(parts.valid);
    const moe::ParameterBreakdown want = moe::parameterBreakdown(config);
    QCOMPARE(parts.parameters.total(), config.totalParameters());
    QCOMPARE(parts.parameters.attention, want.attention);
    QCOMPARE(parts.parameters.sharedExperts, want.sharedExperts);
    QCOMPARE(parts.parameters.denseFeedForward, want.denseFeedForward);
    QCOMPARE(parts.parameters.routedExperts, want.routedExperts);
    QCOMPARE(parts.denseLayers, config.nLeadingDense);
    QCOMPARE(parts.sharedExperts, config.nFfShared > 0 ? config.nExpertShared : 0);
    const QString text = panel.partsText();
    const auto shows = [&](int64_t v) { return text.contains(compactNumber(static_cast<double>(v))); };
    QVERIFY2(shows(want.attention) && shows(want.routedExperts) && shows(want.routedActive),
             qPrintable(text));
    QVERIFY2(text.contains(CostPanel::attentionKind(config)), qPrintable(text));
    QCOMPARE(text.contains(QLatin1String("shared experts")), want.sharedExperts > 0);
    QCOMPARE(text.contains(QLatin1String("dense layers")), want.denseFeedForward > 0);
    if (want.sharedExperts > 0)
        QVERIFY2(shows(want.sharedExperts), qPrintable(text));
    if (config.arch == moe::Architecture::Deepseek2)
        QVERIFY2(text.contains(QLatin1String("latent attention")), qPrintable(text));
    if (config.arch == moe::Architecture::Qwen2Moe)
        QVERIFY2(text.contains(QLatin1String("with biases")), qPrintable(text));
}

QTEST_MAIN(TestCostPanel)
#include "tst_cost_panel.moc"

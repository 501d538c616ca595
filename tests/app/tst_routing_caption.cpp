// The caption's wording: top-1, top-2 and top-3 sentences, 1-based numbers, counts of sleepers,
// gate percentages that add up to 100, a caption made from real routing, and a token's spaces and
// control characters shown with the token strip's glyphs in English and German.
#include "explore/routing_caption.h"
#include "shell/language.h"
#include "tiny_model.h"

#include "moe/session.h"

#include <QCoreApplication>
#include <QTest>

#include <numeric>

namespace {

moe::TokenRouting routingOf(int layer, std::vector<int> experts, std::vector<float> gates)
{
    moe::TokenRouting routing;
    routing.layers.resize(static_cast<size_t>(layer) + 1);
    for (moe::LayerRouting& l : routing.layers)
        l.probs.assign(8, 0.125f);
    routing.layers.back().experts = std::move(experts);
    routing.layers.back().gates = std::move(gates);
    return routing;
}

} // namespace

class TestRoutingCaption : public QObject {
    Q_OBJECT
private slots:
    void wording_data();
    void wording();
    void outOfRangeLayerSaysNothing();
    void denseLayerHasNoRouter();
    void percentsAddUpToOneHundred();
    void realRouting();
    void invisibleCharactersAreShown_data();
    void invisibleCharactersAreShown();
    void germanShowsTheSameGlyphs(); // last: it installs the German translation
};

void TestRoutingCaption::wording_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("layer");
    QTest::addColumn<std::vector<int>>("experts");
    QTest::addColumn<std::vector<float>>("gates");
    QTest::addColumn<int>("nExpert");
    QTest::addColumn<QString>("expected");
    QTest::newRow("top-1")
        << QStringLiteral("a") << 0 << std::vector<int>{2} << std::vector<float>{1.0f} << 8
        << QStringLiteral("The router in layer 1 sent 'a' to expert 3 alone. The other 7 experts slept.");
    QTest::newRow("top-2") << QStringLiteral(" 6") << 1 << std::vector<int>{3, 6}
                           << std::vector<float>{0.71f, 0.29f} << 8
                           << QStringLiteral(
                                  "The router in layer 2 sent '␣6' to expert 4 (71%) and expert 7 (29%). "
                                  "The other 6 experts slept.");
    QTest::newRow("top-3") << QStringLiteral("moon") << 3 << std::vector<int>{0, 1, 7}
                           << std::vector<float>{0.5f, 0.3f, 0.2f} << 8
                           << QStringLiteral(
                                  "The router in layer 4 sent 'moon' to expert 1 (50%), expert 2 (30%) and "
                                  "expert 8 (20%). The other 5 experts slept.");
    QTest::newRow("one sleeper")
        << QStringLiteral("x") << 0 << std::vector<int>{1, 0} << std::vector<float>{0.6f, 0.4f} << 3
        << QStringLiteral("The router in layer 1 sent 'x' to expert 2 (60%) and expert 1 (40%). "
                          "The other expert slept.");
    QTest::newRow("dense") << QStringLiteral("=") << 0 << std::vector<int>{1, 0}
                           << std::vector<float>{0.6f, 0.4f} << 2
                           << QStringLiteral(
                                  "The router in layer 1 sent '=' to expert 2 (60%) and expert 1 (40%). "
                                  "No expert slept: every one of them worked on it.");
    QTest::newRow("newline and a percent sign")
        << QStringLiteral("%2\n") << 0 << std::vector<int>{4} << std::vector<float>{1.0f} << 8
        << QStringLiteral("The router in layer 1 sent '%2\u21B5' to expert 5 alone. "
                          "The other 7 experts slept.");
}

void TestRoutingCaption::wording()
{
    QFETCH(QString, token);
    QFETCH(int, layer);
    QFETCH(std::vector<int>, experts);
    QFETCH(std::vector<float>, gates);
    QFETCH(int, nExpert);
    QFETCH(QString, expected);
    QCOMPARE(describeRouting(token, routingOf(layer, experts, gates), layer, nExpert), expected);
}

void TestRoutingCaption::outOfRangeLayerSaysNothing()
{
    const moe::TokenRouting routing = routingOf(1, {0, 1}, {0.5f, 0.5f});
    QVERIFY(describeRouting(QStringLiteral("a"), routing, 2, 8).isEmpty());
    QVERIFY(describeRouting(QStringLiteral("a"), routing, -1, 8).isEmpty());
    QVERIFY(describeRouting(QStringLiteral("a"), moe::TokenRouting{}, 0, 8).isEmpty());
}

// DeepSeek's first layers are dense: they record no routing, and the caption must not say the
// router sent the token nowhere.
void TestRoutingCaption::denseLayerHasNoRouter()
{
    moe::TokenRouting routing = routingOf(1, {3, 5}, {0.7f, 0.3f});
    routing.layers[0] = moe::LayerRouting{};
    const QString dense = describeRouting(QStringLiteral("a"), routing, 0, 8);
    QVERIFY2(dense.contains(QStringLiteral("Layer 1 is dense")), qPrintable(dense));
    QVERIFY2(!dense.contains(QStringLiteral("no expert at all")), qPrintable(dense));
    QVERIFY(describeRouting(QStringLiteral("a"), routing, 1, 8).contains(QStringLiteral("expert 4")));
}

void TestRoutingCaption::percentsAddUpToOneHundred()
{
    moe::LayerRouting thirds;
    thirds.experts = {0, 1, 2};
    thirds.gates = {1.0f / 3.0f, 1.0f / 3.0f, 1.0f / 3.0f};
    const std::vector<int> p = gatePercents(thirds);
    QCOMPARE(std::accumulate(p.begin(), p.end(), 0), 100);
    moe::LayerRouting halves; // 70.5 / 29.5 would round to 71 + 30
    halves.experts = {0, 1};
    halves.gates = {0.705f, 0.295f};
    const std::vector<int> h = gatePercents(halves);
    QCOMPARE(h[0] + h[1], 100);
    QVERIFY(gatePercents(moe::LayerRouting{}).empty());
}

void TestRoutingCaption::realRouting()
{
    moe::Session session(moe::test::tinyModel(/*seed=*/3));
    const moe::TokenRouting routing = session.step(17);
    const int nExpert = session.model().config().nExpert;
    for (int l = 0; l < session.model().config().nLayer; ++l) {
        const moe::LayerRouting& layer = routing.layers[static_cast<size_t>(l)];
        const QString caption = describeRouting(QStringLiteral("t"), routing, l, nExpert);
        QVERIFY2(caption.startsWith(QStringLiteral("The router in layer %1 sent 't' to expert %2 (")
                                        .arg(l + 1)
                                        .arg(layer.experts[0] + 1)),
                 qPrintable(caption));
        QVERIFY2(caption.contains(QStringLiteral("and expert %1 (").arg(layer.experts[1] + 1)),
                 qPrintable(caption));
        QVERIFY2(caption.endsWith(QStringLiteral("The other %1 experts slept.").arg(nExpert - 2)),
                 qPrintable(caption));
    }
}

void TestRoutingCaption::invisibleCharactersAreShown_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("a space") << QStringLiteral(" ") << QStringLiteral("'␣'");
    QTest::newRow("a space before a word") << QStringLiteral(" the") << QStringLiteral("'␣the'");
    QTest::newRow("two spaces") << QStringLiteral("  ") << QStringLiteral("'␣␣'");
    QTest::newRow("a tab") << QStringLiteral("\t") << QStringLiteral("'⇥'");
    QTest::newRow("a line end") << QStringLiteral("\r\n") << QStringLiteral("'\u240d↵'");
    QTest::newRow("a control byte") << QStringLiteral("\x01") << QStringLiteral("'\u2401'");
}

void TestRoutingCaption::invisibleCharactersAreShown()
{
    QFETCH(QString, token);
    QFETCH(QString, quoted);
    const QString caption = describeRouting(token, routingOf(0, {2}, {1.0f}), 0, 8);
    QCOMPARE(caption,
             QStringLiteral("The router in layer 1 sent %1 to expert 3 alone. The other 7 experts slept.")
                 .arg(quoted));
    // Between the quotes nothing is blank or invisible: a space token never reads ' '.
    const qsizetype open = caption.indexOf(QLatin1Char('\''));
    const QString inside = caption.mid(open + 1, caption.indexOf(QLatin1Char('\''), open + 1) - open - 1);
    QVERIFY2(!inside.isEmpty(), qPrintable(caption));
    for (const QChar c : inside)
        QVERIFY2(!c.isSpace() && c.category() != QChar::Other_Control, qPrintable(caption));
}

void TestRoutingCaption::germanShowsTheSameGlyphs()
{
    QVERIFY(installLanguage(*QCoreApplication::instance(), QStringLiteral("de")));
    const QString caption = describeRouting(QStringLiteral(" "), routingOf(0, {2, 5}, {0.6f, 0.4f}), 0, 8);
    qInfo("%s", qPrintable(caption));
    QVERIFY2(caption.startsWith(QStringLiteral("Der Router in Schicht 1 hat „␣“ ")), qPrintable(caption));
    QVERIFY2(!caption.contains(QStringLiteral("„ “")), qPrintable(caption));
}

QTEST_MAIN(TestRoutingCaption)
#include "tst_routing_caption.moc"

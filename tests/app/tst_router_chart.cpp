// RouterChartView shows one token's router: a bar per expert at the router's probability, in the
// expert's colour, the chosen ones marked, and a title naming the token and the layer.
#include "explore/router_chart_view.h"
#include "style/expert_palette.h"
#include "tiny_model.h"

#include "moe/session.h"

#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <random>

namespace {

int colourDistance(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

// A router's output over `experts`, from a fixed seed. With `ties`, the scores are a few small
// integers, so many experts share one probability. The chosen are the top k by the same rule the
// core uses (highest first), unless `chosenOutside` picks one far down as well.
moe::LayerRouting randomLayer(std::mt19937& rng, int experts, int k, bool ties, bool chosenOutside)
{
    moe::LayerRouting layer;
    std::vector<double> scores(static_cast<size_t>(experts));
    std::uniform_int_distribution<int> small(1, 4);
    std::normal_distribution<double> normal(0.0, 2.0);
    for (double& s : scores)
        s = ties ? small(rng) : std::exp(normal(rng));
    double sum = 0;
    for (const double s : scores)
        sum += s;
    for (const double s : scores)
        layer.probs.push_back(static_cast<float>(s / sum));
    std::vector<int> order(static_cast<size_t>(experts));
    for (int e = 0; e < experts; ++e)
        order[static_cast<size_t>(e)] = e;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return layer.probs[static_cast<size_t>(a)] > layer.probs[static_cast<size_t>(b)];
    });
    layer.experts.assign(order.begin(), order.begin() + k);
    if (chosenOutside)
        layer.experts.back() = order.back(); // grouped routing can choose a low-ranked expert
    layer.gates.assign(static_cast<size_t>(k), 1.0f / static_cast<float>(k));
    return layer;
}

// The bars worked out the slow, obvious way: an expert is shown if fewer than topN experts beat it
// (a higher probability, or the same and a lower number), or if it was chosen.
std::vector<RouterBar> directBars(const moe::LayerRouting& layer, int topN)
{
    const int experts = static_cast<int>(layer.probs.size());
    std::vector<RouterBar> shown;
    RouterBar others;
    others.count = 0;
    for (int e = 0; e < experts; ++e) {
        int beaten = 0;
        for (int o = 0; o < experts; ++o) {
            const float po = layer.probs[static_cast<size_t>(o)], pe = layer.probs[static_cast<size_t>(e)];
            beaten += (po > pe || (po == pe && o < e)) ? 1 : 0;
        }
        const bool chosen = std::count(layer.experts.begin(), layer.experts.end(), e) > 0;
        if (beaten < topN || chosen) {
            shown.push_back(
                {e, layer.probs[static_cast<size_t>(e)], beaten, chosen}); // count = rank for sorting
        } else {
            others.probability += layer.probs[static_cast<size_t>(e)];
            ++others.count;
        }
    }
    std::sort(shown.begin(), shown.end(),
              [](const RouterBar& a, const RouterBar& b) { return a.count < b.count; });
    for (RouterBar& bar : shown)
        bar.count = 1;
    if (others.count > 0)
        shown.push_back(others);
    return shown;
}

moe::TokenRouting oneLayer(const moe::LayerRouting& layer)
{
    moe::TokenRouting routing;
    routing.layers = {moe::LayerRouting{}, layer}; // layer 1 dense, as in DeepSeek-V2-Lite
    return routing;
}

// Shows `layer` as layer 1 of a chart on screen, big enough for every label (QVERIFY inside).
void showOnScreen(RouterChartView& chart, const moe::LayerRouting& layer)
{
    chart.resize(900, 500);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setLayer(1);
    chart.showRouting(QStringLiteral("x"), oneLayer(layer));
}

} // namespace

class TestRouterChart : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the remembered toggle goes to a test location
        QCoreApplication::setApplicationName(QStringLiteral("tst_router_chart"));
    }
    void barsAreTheRoutersProbabilities();
    void topBarsEqualADirectComputation_data();
    void topBarsEqualADirectComputation();
    void manyExpertsShowTopAndOthers();
    void showAllIsOneClickAway();
    void denseLayerHasNoBars();
};

void TestRouterChart::barsAreTheRoutersProbabilities()
{
    moe::Session session(moe::test::tinyModel(/*seed=*/4));
    const moe::TokenRouting routing = session.step(21);
    RouterChartView chart;
    chart.resize(800, 500);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    for (int layer = 0; layer < 2; ++layer) {
        chart.setLayer(layer);
        chart.showRouting(QStringLiteral(" 6"), routing);
        // The token's space as the token strip shows it.
        QCOMPARE(chart.title(), QStringLiteral("Router of layer %1 for '␣6'").arg(layer + 1));
        QCOMPARE(chart.expertCount(), 4);
        const moe::LayerRouting& l = routing.layers[static_cast<size_t>(layer)];
        const QImage image = chart.grab().toImage();
        for (int e = 0; e < 4; ++e) {
            QCOMPARE(qRound(chart.barPercent(e) * 1000), qRound(l.probs[static_cast<size_t>(e)] * 100000.0f));
            const bool chosen = std::find(l.experts.begin(), l.experts.end(), e) != l.experts.end();
            QCOMPARE(chart.isChosen(e), chosen);
            if (chosen)
                QCOMPARE(chart.barColor(e), ExpertPalette::color(e));
            // The bar on screen has the expert's hue (faded when asleep) and the height of its probability.
            const QRectF bar = chart.barRect(e);
            if (bar.height() < 6)
                continue;
            const QColor pixel = image.pixelColor(bar.center().toPoint());
            QVERIFY2(
                colourDistance(pixel, chart.barColor(e)) <= 6,
                qPrintable(
                    QStringLiteral("E%1: %2 vs %3").arg(e + 1).arg(pixel.name(), chart.barColor(e).name())));
        }
    }
    chart.clear();
    QCOMPARE(chart.barPercent(0), 0.0);
}

void TestRouterChart::topBarsEqualADirectComputation_data()
{
    QTest::addColumn<int>("experts");
    QTest::addColumn<int>("k");
    QTest::addColumn<bool>("ties");
    QTest::addColumn<bool>("chosenOutside");
    for (const int experts : {64, 128, 256})
        for (const bool ties : {false, true})
            for (const bool outside : {false, true})
                QTest::addRow("%d experts%s%s", experts, ties ? ", ties" : "",
                              outside ? ", a low one chosen" : "")
                    << experts << (experts == 64 ? 6 : 8) << ties << outside;
}

void TestRouterChart::topBarsEqualADirectComputation()
{
    QFETCH(int, experts);
    QFETCH(int, k);
    QFETCH(bool, ties);
    QFETCH(bool, chosenOutside);
    const unsigned seed = 1000u + static_cast<unsigned>(experts) + (ties ? 1u : 0u);
    qInfo("seed %u", seed);
    std::mt19937 rng(seed);
    for (int round = 0; round < 20; ++round) {
        const moe::LayerRouting layer = randomLayer(rng, experts, k, ties, chosenOutside);
        for (const int topN : {RouterChartView::kTopBars, 1, experts - 1}) {
            const std::vector<RouterBar> got = routerBars(layer, topN);
            const std::vector<RouterBar> want = directBars(layer, topN);
            QCOMPARE(got.size(), want.size());
            double total = 0;
            for (size_t i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i].expert, want[i].expert);
                QCOMPARE(got[i].count, want[i].count);
                QCOMPARE(got[i].chosen, want[i].chosen);
                QVERIFY(std::abs(got[i].probability - want[i].probability) < 1e-9);
                total += got[i].probability;
            }
            QVERIFY2(std::abs(total - 1.0) < 1e-4, "the bars do not add up to the whole distribution");
            for (const int chosen : layer.experts) // every chosen expert has a bar of its own
                QVERIFY(std::any_of(got.begin(), got.end(),
                                    [&](const RouterBar& b) { return b.expert == chosen; }));
        }
        // Asking for all experts gives them in number order, with no "others".
        const std::vector<RouterBar> all = routerBars(layer, experts);
        QCOMPARE(static_cast<int>(all.size()), experts);
        for (int e = 0; e < experts; ++e)
            QCOMPARE(all[static_cast<size_t>(e)].expert, e);
    }
}

void TestRouterChart::manyExpertsShowTopAndOthers()
{
    QSettings().setValue(QStringLiteral("explore/routerChartShowsAll"), false);
    std::mt19937 rng(11);
    const moe::LayerRouting layer = randomLayer(rng, 128, 8, false, false);
    RouterChartView chart;
    showOnScreen(chart, layer);
    const std::vector<RouterBar> want = directBars(layer, RouterChartView::kTopBars);
    QCOMPARE(chart.bars().size(), want.size());
    QVERIFY(chart.hasOthersBar());
    QCOMPARE(chart.bars().back().count, 128 - RouterChartView::kTopBars);
    const QImage image = chart.grab().toImage();
    for (size_t i = 0; i + 1 < want.size(); ++i) {
        const int e = want[i].expert;
        QCOMPARE(chart.bars()[i].expert, e);
        QCOMPARE(chart.isChosen(e), want[i].chosen);
        // Drawn, left to right in order of probability, and filled with the bar's colour.
        const QRectF bar = chart.barRect(e);
        QVERIFY(!bar.isEmpty());
        if (i > 0)
            QVERIFY(bar.left() > chart.barRect(want[i - 1].expert).left());
        if (bar.height() >= 6)
            QVERIFY2(colourDistance(image.pixelColor(bar.center().toPoint()), chart.barColor(e)) <= 6,
                     qPrintable(QStringLiteral("E%1").arg(e + 1)));
    }
    // The chosen bars stand out from the sleeping ones.
    QVERIFY(chart.barColor(layer.experts.front()) !=
            chart.barColor(want[RouterChartView::kTopBars - 1].expert));
    QVERIFY(chart.showAllButton()->isVisible());
    QVERIFY(chart.showAllButton()->text().contains(QStringLiteral("128")));
}

void TestRouterChart::showAllIsOneClickAway()
{
    QSettings().setValue(QStringLiteral("explore/routerChartShowsAll"), false);
    std::mt19937 rng(12);
    const moe::LayerRouting layer = randomLayer(rng, 256, 8, true, false);
    RouterChartView chart;
    showOnScreen(chart, layer);
    QSignalSpy toggled(&chart, &RouterChartView::showAllChanged);
    // From the keyboard: the button takes focus and Space presses it.
    QToolButton* button = chart.showAllButton();
    QVERIFY(button->focusPolicy() & Qt::TabFocus);
    button->setFocus();
    QTest::keyClick(button, Qt::Key_Space);
    QCOMPARE(toggled.count(), 1);
    QVERIFY(chart.showsAll());
    QCOMPARE(static_cast<int>(chart.bars().size()), 256);
    QVERIFY(!chart.hasOthersBar());
    for (int e = 0; e < 256; ++e)
        QCOMPARE(qRound(chart.bars()[static_cast<size_t>(e)].probability * 1e6),
                 qRound(layer.probs[static_cast<size_t>(e)] * 1e6));
    // Remembered: a new chart (the next start) opens the same way, and another token keeps it.
    RouterChartView next;
    QVERIFY(next.showsAll());
    chart.showRouting(QStringLiteral("y"), oneLayer(randomLayer(rng, 256, 8, false, false)));
    QCOMPARE(static_cast<int>(chart.bars().size()), 256);
    QTest::keyClick(button, Qt::Key_Space);
    QVERIFY(!chart.showsAll());
    QCOMPARE(static_cast<int>(chart.bars().size()), RouterChartView::kTopBars + 1);
}

void TestRouterChart::denseLayerHasNoBars()
{
    std::mt19937 rng(13);
    RouterChartView chart;
    chart.setLayer(0);
    chart.showRouting(QStringLiteral("x"), oneLayer(randomLayer(rng, 64, 6, false, false)));
    QVERIFY(chart.bars().empty());
    QVERIFY2(chart.title().contains(QStringLiteral("dense")), qPrintable(chart.title()));
    QVERIFY(chart.barRect(0).isEmpty());
    chart.setLayer(1);
    QCOMPARE(static_cast<int>(chart.bars().size()), RouterChartView::kTopBars + 1);
}

QTEST_MAIN(TestRouterChart)
#include "tst_router_chart.moc"

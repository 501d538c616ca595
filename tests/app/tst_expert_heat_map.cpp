// The expert grid at real-model shapes (16-61 layers x 64-256 experts, shared experts, dense
// layers): hit testing maps every expert back to itself at several zooms, the always-on blocks
// drawn match the config, the keyboard reaches every expert of the focused layer, a click on an
// expert switches it off in the RoutingOverride, and the experiments filter switches off exactly
// the most math-leaning experts measured from real runs. Hover time is measured and reported.
#include "compare/compare_stats.h"
#include "explore/experiments_panel.h"
#include "explore/expert_grid_view.h"
#include "explore/explore_page.h"
#include "generated_tokens.h"
#include "tiny_model.h"

#include "moe/session.h"

#include <QElapsedTimer>
#include <QImage>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <set>

namespace {

constexpr uint64_t kSeed = 18;

// A narrow model of a real layer and expert count: small width keeps the weights small.
moe::ModelConfig shapeConfig(int layers, int experts, int topK)
{
    moe::ModelConfig c = moe::test::tinyConfig();
    c.nLayer = layers;
    c.nExpert = experts;
    c.nExpertUsed = topK;
    c.nEmbd = 32;
    c.nHead = 4;
    c.nHeadKv = 2;
    c.nFf = 8;
    return c;
}

std::vector<moe::TokenRouting> routeTokens(const moe::ModelConfig& config, int count)
{
    moe::Session session(moe::test::tinyModel(kSeed, moe::TensorType::F32, config));
    std::vector<moe::TokenRouting> routings;
    for (int i = 0; i < count; ++i)
        routings.push_back(session.step((i * 37 + 5) % session.model().config().nVocab));
    return routings;
}

std::vector<bool> leadingDense(int layers, int dense)
{
    std::vector<bool> flags(static_cast<size_t>(layers), false);
    for (int l = 0; l < dense && l < layers; ++l)
        flags[static_cast<size_t>(l)] = true;
    return flags;
}

// A mouse move with no button held, as hover sees it.
void hover(QWidget* widget, const QPoint& at)
{
    QMouseEvent move(QEvent::MouseMove, QPointF(at), widget->mapToGlobal(QPointF(at)), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &move);
}

} // namespace

class TestExpertHeatMap : public QObject {
    Q_OBJECT
private slots:
    void builtInShapeKeepsItsCells();
    void everyCentreMapsBackToItsExpert_data();
    void everyCentreMapsBackToItsExpert();
    void alwaysOnBlocksMatchTheConfig_data();
    void alwaysOnBlocksMatchTheConfig();
    void hoverNamesLayerExpertGateAndProbability();
    void keyboardReachesEveryExpertOfTheFocusedLayer();
    void clickingAnExpertSwitchesItOff();
    void filterSwitchesOffTheMostMathLeaning();
    void hoverTimeAt48x128();
    void paintTimeAt61x256();
};

void TestExpertHeatMap::builtInShapeKeepsItsCells()
{
    ExpertGridView grid;
    grid.setShape(4, 8);
    QVERIFY(!grid.isHeatMap());
    grid.setShape(16, 64);
    QVERIFY(grid.isHeatMap());
    grid.setShape(4, 8, /*sharedExperts=*/1);
    QVERIFY(grid.isHeatMap());
    grid.setShape(4, 8, 0, leadingDense(4, 1));
    QVERIFY(grid.isHeatMap());
    // The lab keeps one switch per expert where they fit, and compact controls beyond.
    ExperimentsPanel lab;
    lab.setModelShape(4, 8, 2);
    QVERIFY(lab.hasSwitchGrid());
    lab.setModelShape(16, 64, 8);
    QVERIFY(!lab.hasSwitchGrid());
}

void TestExpertHeatMap::everyCentreMapsBackToItsExpert_data()
{
    QTest::addColumn<double>("zoom");
    QTest::newRow("fit all") << 1.0;
    QTest::newRow("x2") << 2.0;
    QTest::newRow("x5") << 5.0;
    QTest::newRow("largest") << 1000.0; // clamped to maxZoom()
}

void TestExpertHeatMap::everyCentreMapsBackToItsExpert()
{
    QFETCH(double, zoom);
    // DeepSeek-V3's shape: 61 layers x 256 experts, one shared, three dense layers.
    ExpertGridView grid;
    grid.setShape(61, 256, 1, leadingDense(61, 3));
    grid.resize(1000, 700);
    grid.setZoom(zoom);
    QCOMPARE(grid.zoom(), std::min(zoom, grid.maxZoom()));
    int checked = 0;
    for (int l = 0; l < 61; ++l) {
        if (zoom > 1.0)
            grid.setSelectedLayer(l); // scrolls the layer into view
        for (int e = 0; e < 256; ++e) {
            if (zoom > 1.0)
                grid.setFocusedExpert(e); // scrolls the expert into view
            const QRect r = grid.cellRect(l, e);
            QVERIFY2(!r.isEmpty(), qPrintable(QStringLiteral("L%1 E%2 has no cell").arg(l + 1).arg(e + 1)));
            QVERIFY2(grid.rect().contains(r.center()),
                     qPrintable(QStringLiteral("L%1 E%2 off screen").arg(l + 1).arg(e + 1)));
            int layer = -1, expert = -1;
            QVERIFY(grid.expertAt(r.center(), &layer, &expert));
            QCOMPARE(layer, l);
            QCOMPARE(expert, l < 3 ? -1 : e); // a dense layer is one block, no expert
            ++checked;
        }
        if (zoom > 1.0 && l != 10)
            continue;
        // The enlarged layer: every expert of it, in its own bigger cell.
        grid.setSelectedLayer(l);
        for (int e = 0; e < 256; ++e) {
            const QRect r = grid.detailCellRect(e);
            if (l < 3) {
                QVERIFY(r.isEmpty());
                continue;
            }
            QVERIFY(!r.isEmpty());
            int layer = -1, expert = -1;
            QVERIFY(grid.expertAt(r.center(), &layer, &expert));
            QCOMPARE(layer, l);
            QCOMPARE(expert, e);
        }
    }
    QCOMPARE(checked, 61 * 256);
}

void TestExpertHeatMap::alwaysOnBlocksMatchTheConfig_data()
{
    QTest::addColumn<int>("layers");
    QTest::addColumn<int>("experts");
    QTest::addColumn<int>("shared");
    QTest::addColumn<int>("dense");
    QTest::newRow("OLMoE 16 x 64") << 16 << 64 << 0 << 0;
    QTest::newRow("Qwen1.5-MoE 24 x 60 + 1 shared") << 24 << 60 << 1 << 0;
    QTest::newRow("DeepSeek-V2-Lite 27 x 64 + 2 shared, 1 dense") << 27 << 64 << 2 << 1;
    QTest::newRow("DeepSeek-V3 61 x 256 + 1 shared, 3 dense") << 61 << 256 << 1 << 3;
}

void TestExpertHeatMap::alwaysOnBlocksMatchTheConfig()
{
    QFETCH(int, layers);
    QFETCH(int, experts);
    QFETCH(int, shared);
    QFETCH(int, dense);
    ExpertGridView grid;
    grid.setShape(layers, experts, shared, leadingDense(layers, dense));
    grid.resize(1000, 700);
    const QImage image = grid.grab().toImage();
    const std::vector<QRect>& blocks = grid.drawnAlwaysOnBlocks();
    QCOMPARE(static_cast<int>(blocks.size()), (layers - dense) * shared + dense);

    // Each block is drawn in one always-on colour, unlike any cell of the heat map.
    const qreal dpr = image.devicePixelRatio();
    const auto pixel = [&](const QPoint& p) { return image.pixelColor((QPointF(p) * dpr).toPoint()); };
    int denseBlocks = 0;
    const int mapWidth = grid.cellRect(layers - 1, experts - 1).right() - grid.cellRect(layers - 1, 0).left();
    for (const QRect& block : blocks) {
        QVERIFY(!block.isEmpty());
        QCOMPARE(pixel(block.center()), pixel(blocks.front().center()));
        denseBlocks += block.width() > mapWidth / 2 ? 1 : 0;
    }
    QCOMPARE(denseBlocks, dense);
    if (!blocks.empty()) {
        const QColor alwaysOn = pixel(blocks.front().center());
        const QColor cell = pixel(grid.cellRect(layers - 1, experts / 2).center());
        QVERIFY2(std::abs(alwaysOn.hsvHue() - cell.hsvHue()) > 60, "always-on looks like a heat cell");
    }
    // Dense layers say so; shared experts have no router probability.
    for (int l = 0; l < dense; ++l)
        QVERIFY(grid.describeExpert(l, -1).contains(QStringLiteral("dense")));
    if (shared > 0)
        QVERIFY(grid.describeSharedExpert(dense, 0).contains(QStringLiteral("always on")));
}

void TestExpertHeatMap::hoverNamesLayerExpertGateAndProbability()
{
    const moe::ModelConfig config = shapeConfig(16, 64, 8);
    const moe::TokenRouting routing = routeTokens(config, 1).front();
    ExpertGridView grid;
    grid.setShape(16, 64);
    grid.resize(900, 650);
    grid.showRouting(routing, /*animate=*/false);
    const moe::LayerRouting& layer5 = routing.layers[5];
    const int chosen = layer5.experts.front();
    int asleep = 0;
    while (std::find(layer5.experts.begin(), layer5.experts.end(), asleep) != layer5.experts.end())
        ++asleep;
    hover(&grid, grid.cellRect(5, chosen).center());
    const QString text = grid.statusText();
    QVERIFY2(text.contains(QStringLiteral("Layer 6, expert %1").arg(chosen + 1)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("chosen")), qPrintable(text));
    QVERIFY2(text.contains(QString::number(100.0 * layer5.probs[static_cast<size_t>(chosen)], 'f', 1)),
             qPrintable(text));
    QVERIFY2(text.contains(QString::number(100.0 * layer5.gates.front(), 'f', 1)), qPrintable(text));
    hover(&grid, grid.cellRect(5, asleep).center());
    QVERIFY2(grid.statusText().contains(QStringLiteral("expert %1: router probability").arg(asleep + 1)),
             qPrintable(grid.statusText()));
    QVERIFY2(grid.statusText().contains(QStringLiteral("asleep")), qPrintable(grid.statusText()));
}

void TestExpertHeatMap::keyboardReachesEveryExpertOfTheFocusedLayer()
{
    ExpertGridView grid;
    grid.setShape(48, 128);
    grid.resize(900, 650);
    grid.setZoom(4.0); // the focus must scroll into view as it moves
    grid.setSelectedLayer(10);
    QSignalSpy layers(&grid, &ExpertGridView::layerClicked);
    QSignalSpy clicks(&grid, &ExpertGridView::expertClicked);
    QTest::keyClick(&grid, Qt::Key_Home);
    std::set<int> reached;
    for (int i = 0; i < 128; ++i) {
        const int e = grid.focusedExpert();
        reached.insert(e);
        QVERIFY2(grid.rect().contains(grid.cellRect(10, e).center()), qPrintable(QString::number(e)));
        QCOMPARE(grid.accessibleName(), QStringLiteral("Expert grid: ") + grid.describeExpert(10, e));
        QTest::keyClick(&grid, Qt::Key_Right);
    }
    QCOMPARE(static_cast<int>(reached.size()), 128);
    QCOMPARE(*reached.begin(), 0);
    QCOMPARE(*reached.rbegin(), 127);
    QCOMPARE(grid.focusedExpert(), 127); // stops at the last
    QTest::keyClick(&grid, Qt::Key_Down);
    QCOMPARE(grid.selectedLayer(), 11);
    QCOMPARE(layers.count(), 1);
    QCOMPARE(layers.last().at(0).toInt(), 11);
    QTest::keyClick(&grid, Qt::Key_Return);
    QCOMPARE(clicks.count(), 1);
    QCOMPARE(clicks.last().at(0).toInt(), 11);
    QCOMPARE(clicks.last().at(1).toInt(), 127);
    QTest::keyClick(&grid, Qt::Key_0);
    QCOMPARE(grid.zoom(), 1.0);
    QTest::keyClick(&grid, Qt::Key_Plus);
    QVERIFY(grid.zoom() > 1.0);
}

void TestExpertHeatMap::clickingAnExpertSwitchesItOff()
{
    // The real page: its grid's click goes through the lab into the RoutingOverride.
    ExplorePage page;
    page.setModel(moe::test::tinyModel(kSeed, moe::TensorType::F32, shapeConfig(6, 256, 8)),
                  QStringLiteral("test"));
    page.resize(1400, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    ExpertGridView* grid = page.expertGrid();
    QVERIFY(grid->isHeatMap());
    QVERIFY(!page.experiments()->hasSwitchGrid());
    grid->setSelectedLayer(4);
    for (const int expert : {0, 200, 255}) {
        const QRect cell = grid->detailCellRect(expert);
        QVERIFY(!cell.isEmpty());
        QTest::mouseClick(grid, Qt::LeftButton, Qt::NoModifier, cell.center());
        const moe::RoutingOverride& routing = page.experiments()->routingOverride();
        QVERIFY(!routing.disabled.empty());
        QVERIFY2(routing.disabled[4][static_cast<size_t>(expert)], qPrintable(QString::number(expert)));
        QCOMPARE(std::count(routing.disabled[4].begin(), routing.disabled[4].end(), true),
                 static_cast<long>(expert == 0     ? 1
                                   : expert == 200 ? 2
                                                   : 3));
    }
    QTest::mouseClick(grid, Qt::LeftButton, Qt::NoModifier, grid->detailCellRect(200).center());
    QVERIFY(!page.experiments()->routingOverride().disabled[4][200]); // a second click: on again
    // A click in the overview only picks the layer: cells there are too small to aim at.
    QTest::mouseClick(grid, Qt::LeftButton, Qt::NoModifier, grid->cellRect(2, 100).center());
    QCOMPARE(grid->selectedLayer(), 2);
    QVERIFY(!page.experiments()->routingOverride().disabled[2][100]);
    QCOMPARE(page.experiments()->currentLayer(), 2);
}

void TestExpertHeatMap::filterSwitchesOffTheMostMathLeaning()
{
    const moe::ModelConfig config = shapeConfig(4, 64, 8);
    const auto model = moe::test::tinyModel(kSeed, moe::TensorType::F32, config);
    moe::GenerationRequest math;
    math.prompt = "12 + 34 = 46\n7 * 8 = 56\n";
    math.maxTokens = 6;
    moe::GenerationRequest poem;
    poem.prompt = "The rose is red, the sky is wide,\nand all the birds sing at my side.\n";
    poem.maxTokens = 6;
    const std::vector<moe::GeneratedToken> mathRun = moe::test::generatedTokens(model, math);
    const std::vector<moe::GeneratedToken> poemRun = moe::test::generatedTokens(model, poem);
    const CompareStats stats = compareRuns(mathRun, poemRun);

    ExperimentsPanel lab;
    lab.setModelShape(4, 64, 8);
    QVERIFY(lab.switchOffMostLeaning(2, 8, true).empty()); // nothing measured yet: nothing guessed
    QVERIFY(lab.routingOverride().isDefault());
    lab.setLeaningSource([&] {
        return ExpertLeaning{stats.leaning, static_cast<int>(stats.math.tokens()),
                             static_cast<int>(stats.poem.tokens())};
    });
    QSignalSpy changed(&lab, &ExperimentsPanel::overrideChanged);
    const std::vector<int> off = lab.switchOffMostLeaning(2, 8, true);

    // The expected group, computed directly: the 8 largest positive leanings of layer 3.
    const std::vector<double>& lean = stats.leaning[2];
    std::vector<int> order(64);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return lean[static_cast<size_t>(a)] > lean[static_cast<size_t>(b)];
    });
    std::vector<int> expected;
    for (const int e : order)
        if (lean[static_cast<size_t>(e)] > 0.0 && expected.size() < 8)
            expected.push_back(e);
    QVERIFY(!expected.empty());
    QCOMPARE(off, expected);
    QCOMPARE(changed.count(), 1); // one re-run for the whole group
    const std::vector<bool>& row = lab.routingOverride().disabled.at(2);
    for (int e = 0; e < 64; ++e)
        QCOMPARE(static_cast<bool>(row[static_cast<size_t>(e)]),
                 std::find(expected.begin(), expected.end(), e) != expected.end());
    // Other layers untouched.
    for (const int l : {0, 1, 3})
        QCOMPARE(std::count(lab.routingOverride().disabled.at(static_cast<size_t>(l)).begin(),
                            lab.routingOverride().disabled.at(static_cast<size_t>(l)).end(), true),
                 0L);
    // The poem side takes only experts that leaned to poems.
    const std::vector<int> poemOff = lab.switchOffMostLeaning(1, 64, false);
    for (const int e : poemOff)
        QVERIFY(stats.leaning[1][static_cast<size_t>(e)] < 0.0);
    QVERIFY(std::count(lab.routingOverride().disabled.at(1).begin(),
                       lab.routingOverride().disabled.at(1).end(), false) >= 1);
    // Top-k reaches the layer's expert count.
    lab.setTopK(64);
    QCOMPARE(lab.routingOverride().topK, 64);
}

void TestExpertHeatMap::hoverTimeAt48x128()
{
    // Qwen3-30B-A3B's shape. Reports the time per hover event including the repaint it asks for;
    // the bar is 16 ms, checked by reading the figure, never asserted on the wall clock.
    const moe::ModelConfig config = shapeConfig(48, 128, 8);
    const std::vector<moe::TokenRouting> routings = routeTokens(config, 2);
    ExpertGridView grid;
    grid.setShape(48, 128);
    grid.resize(700, 600);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    grid.showRouting(routings[0], false);
    grid.setSelectedLayer(20);
    grid.repaint();
    QElapsedTimer timer;
    std::vector<double> ms;
    int named = 0;
    for (int i = 0; i < 400; ++i) {
        const int l = (i * 7) % 48, e = (i * 13) % 128;
        const QPoint at = grid.cellRect(l, e).center();
        timer.start();
        hover(&grid, at);
        QCoreApplication::sendPostedEvents(&grid, QEvent::UpdateRequest); // the repaint it asked for
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        named += grid.statusText().startsWith(QStringLiteral("Layer %1, expert %2:").arg(l + 1).arg(e + 1))
                     ? 1
                     : 0;
    }
    QCOMPARE(named, 400); // every hover named its expert
    std::sort(ms.begin(), ms.end());
    const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    qInfo("hover at 48 x 128 (event + the repaint it asks for): mean %.2f ms, p95 %.2f ms, max %.2f ms over "
          "%zu events",
          mean, ms[ms.size() * 95 / 100], ms.back(), ms.size());
}

void TestExpertHeatMap::paintTimeAt61x256()
{
    // DeepSeek-V3's shape, every frame a new token (the worst case: every image row rewritten).
    // Reports the paint time; the always-on blocks must survive every frame.
    moe::ModelConfig config = shapeConfig(61, 256, 8);
    const std::vector<moe::TokenRouting> routings = routeTokens(config, 2);
    ExpertGridView grid;
    grid.setShape(61, 256, 1, leadingDense(61, 3));
    grid.resize(700, 600);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    grid.setSelectedLayer(30);
    QElapsedTimer timer;
    std::vector<double> ms;
    for (int i = 0; i < 120; ++i) {
        timer.start();
        grid.showRouting(routings[static_cast<size_t>(i % 2)], false);
        grid.repaint();
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        QCOMPARE(static_cast<int>(grid.drawnAlwaysOnBlocks().size()), 58 + 3);
    }
    std::sort(ms.begin(), ms.end());
    const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    qInfo("new token + repaint at 61 x 256: mean %.2f ms, p95 %.2f ms, max %.2f ms over %zu frames", mean,
          ms[ms.size() * 95 / 100], ms.back(), ms.size());
}

QTEST_MAIN(TestExpertHeatMap)
#include "tst_expert_heat_map.moc"

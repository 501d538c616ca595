// ExpertGridView rendered offscreen and checked by its pixels: lit cells carry their expert's hue,
// sleeping ones stay dim, another token moves the light, switched-off experts look different, and
// the animated fade ends on exactly the instant picture.
#include "explore/expert_grid_view.h"
#include "style/expert_palette.h"
#include "tiny_model.h"

#include "moe/session.h"

#include <QImage>
#include <QPalette>
#include <QSignalSpy>
#include <QTest>
#include <QVariantAnimation>

#include <algorithm>
#include <set>

namespace {

constexpr uint64_t kSeed = 11;

// 4 layers x 8 experts, top-2: the shape of the app's default model.
moe::ModelConfig gridConfig()
{
    moe::ModelConfig config = moe::test::tinyConfig();
    config.nLayer = 4;
    config.nExpert = 8;
    config.nExpertUsed = 2;
    return config;
}

std::vector<moe::TokenRouting> routeTokens(int count)
{
    moe::Session session(moe::test::tinyModel(kSeed, moe::TensorType::F32, gridConfig()));
    std::vector<moe::TokenRouting> routings;
    for (int i = 0; i < count; ++i)
        routings.push_back(session.step((i * 37 + 5) % session.model().config().nVocab));
    return routings;
}

// The median colour of the middle of a rect: the fill, whatever text is printed on it.
QColor medianColour(const QImage& image, const QRect& rect)
{
    const QRect inner =
        rect.adjusted(rect.width() / 6, rect.height() / 6, -rect.width() / 6, -rect.height() / 6);
    std::vector<int> r, g, b;
    for (int y = inner.top(); y <= inner.bottom(); ++y)
        for (int x = inner.left(); x <= inner.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            r.push_back(c.red());
            g.push_back(c.green());
            b.push_back(c.blue());
        }
    const auto median = [](std::vector<int>& v) {
        std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    return QColor(median(r), median(g), median(b));
}

double hueDistance(const QColor& a, const QColor& b)
{
    const double d = std::abs(a.hsvHueF() - b.hsvHueF());
    return std::min(d, 1.0 - d) * 360.0;
}

int colourDistance(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

bool chosen(const moe::TokenRouting& routing, int layer, int expert)
{
    const std::vector<int>& e = routing.layers[static_cast<size_t>(layer)].experts;
    return std::find(e.begin(), e.end(), expert) != e.end();
}

// The cells that look lit: saturated and close to their expert's colour.
std::set<std::pair<int, int>> litCells(const ExpertGridView& grid, const QImage& image)
{
    std::set<std::pair<int, int>> lit;
    for (int l = 0; l < grid.layers(); ++l)
        for (int e = 0; e < grid.experts(); ++e) {
            const QColor c = medianColour(image, grid.cellRect(l, e));
            if (colourDistance(c, ExpertPalette::color(e)) < 120)
                lit.insert({l, e});
        }
    return lit;
}

QImage render(ExpertGridView& grid)
{
    return grid.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

} // namespace

class TestExpertGrid : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qInfo("model seed %llu, 4 layers x 8 experts, top-2", static_cast<unsigned long long>(kSeed));
    }
    void chosenCellsGlowInTheirColour_data();
    void chosenCellsGlowInTheirColour();
    void anotherTokenMovesTheLight();
    void switchedOffExpertsLookDifferent();
    void animationEndsOnTheInstantPicture();
    void clicksNameTheCell();
    void redrawsForANewPaletteAndSize();
};

void TestExpertGrid::chosenCellsGlowInTheirColour_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light palette") << false;
    QTest::newRow("dark palette") << true;
}

void TestExpertGrid::chosenCellsGlowInTheirColour()
{
    QFETCH(bool, dark);
    const moe::TokenRouting routing = routeTokens(1).front();
    ExpertGridView grid;
    if (dark) {
        QPalette palette = grid.palette();
        palette.setColor(QPalette::Window, QColor(0x26, 0x28, 0x2b));
        palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        grid.setPalette(palette);
    }
    grid.resize(900, 560);
    grid.setAnimationMs(0);
    grid.setShape(4, 8);
    grid.showRouting(routing);
    const QImage image = render(grid);

    int lit = 0;
    for (int l = 0; l < 4; ++l) {
        for (int e = 0; e < 8; ++e) {
            const QRect cell = grid.cellRect(l, e);
            QVERIFY(!cell.isEmpty());
            const QColor c = medianColour(image, cell);
            const QColor expert = ExpertPalette::color(e);
            if (chosen(routing, l, e)) {
                ++lit;
                if (expert.hsvSaturation() > 60) // the eighth colour is grey: no hue to compare
                    QVERIFY2(hueDistance(c, expert) < 12.0, qPrintable(QStringLiteral("L%1 E%2: %3 vs %4")
                                                                           .arg(l + 1)
                                                                           .arg(e + 1)
                                                                           .arg(c.name(), expert.name())));
                QVERIFY2(colourDistance(c, expert) < 100, qPrintable(QStringLiteral("L%1 E%2 lit %3 vs %4")
                                                                         .arg(l + 1)
                                                                         .arg(e + 1)
                                                                         .arg(c.name(), expert.name())));
            } else {
                // Dim, but still tinted with the expert's colour rather than blank.
                QVERIFY2(colourDistance(c, expert) > 150, qPrintable(QStringLiteral("L%1 E%2 asleep %3 vs %4")
                                                                         .arg(l + 1)
                                                                         .arg(e + 1)
                                                                         .arg(c.name(), expert.name())));
                if (!dark && expert.hsvSaturation() > 60) {
                    QVERIFY(c.hsvSaturation() < expert.hsvSaturation() / 2);
                    QVERIFY(c.hsvSaturation() > 3);
                }
            }
        }
    }
    QCOMPARE(lit, 4 * 2);
}

void TestExpertGrid::anotherTokenMovesTheLight()
{
    const std::vector<moe::TokenRouting> routings = routeTokens(8);
    ExpertGridView grid;
    grid.resize(800, 500);
    grid.setAnimationMs(0);
    grid.setShape(4, 8);
    std::set<std::set<std::pair<int, int>>> seen;
    for (const moe::TokenRouting& routing : routings) {
        grid.showRouting(routing);
        std::set<std::pair<int, int>> expected;
        for (int l = 0; l < 4; ++l)
            for (const int e : routing.layers[static_cast<size_t>(l)].experts)
                expected.insert({l, e});
        QCOMPARE(litCells(grid, render(grid)), expected);
        seen.insert(expected);
    }
    QVERIFY2(seen.size() > 1, "every token was routed the same way: the test shows nothing");
}

void TestExpertGrid::switchedOffExpertsLookDifferent()
{
    const moe::TokenRouting routing = routeTokens(1).front();
    ExpertGridView grid;
    grid.resize(800, 500);
    grid.setAnimationMs(0);
    grid.setShape(4, 8);
    grid.showRouting(routing);
    int asleep = 0;
    while (chosen(routing, 0, asleep))
        ++asleep;
    const QRect cell = grid.cellRect(0, asleep);
    const QImage before = render(grid).copy(cell);

    std::vector<std::vector<bool>> disabled(4, std::vector<bool>(8, false));
    disabled[0][static_cast<size_t>(asleep)] = true;
    grid.setDisabledExperts(disabled);
    const QImage after = render(grid).copy(cell);
    int changed = 0;
    for (int y = 0; y < cell.height(); ++y)
        for (int x = 0; x < cell.width(); ++x)
            changed += colourDistance(before.pixelColor(x, y), after.pixelColor(x, y)) > 40;
    QVERIFY2(changed > cell.width() * cell.height() / 10, qPrintable(QString::number(changed)));

    // The other cells are untouched.
    const QRect other = grid.cellRect(1, asleep);
    grid.setDisabledExperts({});
    const QImage plain = render(grid).copy(other);
    grid.setDisabledExperts(disabled);
    QCOMPARE(render(grid).copy(other), plain);
}

void TestExpertGrid::animationEndsOnTheInstantPicture()
{
    const std::vector<moe::TokenRouting> routings = routeTokens(8);
    // Two tokens routed differently in layer 1 at least.
    size_t second = 1;
    while (second < routings.size() && routings[second].layers[0].experts == routings[0].layers[0].experts)
        ++second;
    QVERIFY(second < routings.size());

    ExpertGridView instant;
    instant.resize(700, 450);
    instant.setAnimationMs(0);
    instant.setShape(4, 8);
    instant.showRouting(routings[0]);
    instant.showRouting(routings[second]);
    const QImage target = render(instant);

    ExpertGridView grid;
    grid.resize(700, 450);
    grid.setShape(4, 8);
    grid.setAnimationMs(600'000); // long: the test moves the animation's clock itself
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    grid.showRouting(routings[0], false);
    const QImage start = render(grid);
    grid.resetFrameStats();
    grid.showRouting(routings[second], true);
    QVERIFY(grid.isAnimating());
    auto* animation = grid.findChild<QVariantAnimation*>();
    QVERIFY(animation);
    // Frames part of the way are neither the old picture nor the new one.
    for (const double at : {0.3, 0.5, 0.7}) {
        animation->setCurrentTime(static_cast<int>(at * animation->duration()));
        const QImage frame = render(grid);
        QVERIFY2(frame != start && frame != target, qPrintable(QStringLiteral("at %1").arg(at)));
    }
    animation->setCurrentTime(animation->duration()); // the end: the animation finishes
    QVERIFY(!grid.isAnimating());
    QCOMPARE(render(grid), target);
    const FrameStats stats = grid.frameStats();
    QVERIFY(stats.frames >= 3);
    QVERIFY(stats.fps > 0.0);
    qInfo("animation: %d frames painted, mean %.1f ms, p95 %.1f ms", stats.frames, stats.meanIntervalMs,
          stats.p95IntervalMs);
}

void TestExpertGrid::clicksNameTheCell()
{
    ExpertGridView grid;
    grid.resize(800, 500);
    grid.setShape(4, 8);
    QSignalSpy experts(&grid, &ExpertGridView::expertClicked);
    QSignalSpy layers(&grid, &ExpertGridView::layerClicked);
    QTest::mouseClick(&grid, Qt::LeftButton, {}, grid.cellRect(2, 5).center());
    QCOMPARE(experts.count(), 1);
    QCOMPARE(experts.at(0).at(0).toInt(), 2);
    QCOMPARE(experts.at(0).at(1).toInt(), 5);
    QCOMPARE(layers.count(), 1);
    QCOMPARE(layers.at(0).at(0).toInt(), 2);
}

void TestExpertGrid::redrawsForANewPaletteAndSize()
{
    ExpertGridView grid;
    grid.resize(600, 400);
    grid.setAnimationMs(0);
    grid.setShape(4, 8);
    grid.showRouting(routeTokens(1).front());
    const QImage light = render(grid);
    QPalette palette = grid.palette();
    const QColor dark(0x20, 0x22, 0x24);
    palette.setColor(QPalette::Window, dark);
    grid.setPalette(palette);
    const QImage darkImage = render(grid);
    QCOMPARE(darkImage.pixelColor(1, 1), dark);
    QVERIFY(darkImage != light);
    // A new size lays the cells out again (the cached background must follow).
    grid.resize(900, 600);
    const QImage bigger = render(grid);
    QCOMPARE(bigger.size(), QSize(900, 600));
    const QRect cell = grid.cellRect(3, 7);
    QVERIFY(cell.right() > 600);
    QVERIFY(colourDistance(bigger.pixelColor(cell.center()), dark) > 30);
}

QTEST_MAIN(TestExpertGrid)
#include "tst_expert_grid.moc"

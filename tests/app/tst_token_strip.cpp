// TokenStripView fed by a real generation: one chip per token, each filled with its first-choice
// expert's colour at the chosen layer, clicks naming the chip, bytes decoded without guessing.
#include "explore/token_strip_view.h"
#include "generated_tokens.h"
#include "style/expert_palette.h"
#include "tiny_model.h"

#include "moe/generation.h"
#include "moe/session.h"

#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace {

constexpr uint64_t kSeed = 5;

std::vector<moe::GeneratedToken> generateTokens(int maxTokens)
{
    moe::GenerationRequest request;
    request.prompt = "23 + 45 = 68\nThe tide comes in";
    request.maxTokens = maxTokens;
    request.stopAtEndOfText = false;
    return moe::test::generatedTokens(moe::test::tinyModel(kSeed), request);
}

// A token whose first choice at layer 0 is `expert` of `experts`; layer 1 is dense.
moe::TokenRouting firstChoice(int expert, int experts)
{
    moe::TokenRouting routing;
    routing.layers.resize(2);
    moe::LayerRouting& layer = routing.layers[0];
    layer.probs.assign(static_cast<size_t>(experts), 0.5f / static_cast<float>(experts));
    layer.probs[static_cast<size_t>(expert)] += 0.5f;
    layer.experts = {expert};
    layer.gates = {1.0f};
    return routing;
}

int colourDistance(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

} // namespace

class TestTokenStrip : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qInfo("model seed %llu", static_cast<unsigned long long>(kSeed)); }
    void oneChipPerToken();
    void chipColourIsTheFirstChoice_data();
    void chipColourIsTheFirstChoice();
    void clickNamesTheChip();
    void keysStepThroughTokens();
    void followsTheNewestChip();
    void noTwoExpertsShareColourAndLabel();
    void manyExpertsGetALegend();
    void denseLayerSaysSo();
};

void TestTokenStrip::oneChipPerToken()
{
    const std::vector<moe::GeneratedToken> tokens = generateTokens(12);
    TokenStripView strip;
    strip.resize(700, 300);
    for (const moe::GeneratedToken& token : tokens)
        strip.appendToken(token);
    QCOMPARE(strip.tokenCount(), static_cast<int>(tokens.size()));
    // Chips never overlap and are laid out in reading order.
    for (int i = 1; i < strip.tokenCount(); ++i) {
        const QRect a = strip.chipRect(i - 1), b = strip.chipRect(i);
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        QVERIFY2(!a.adjusted(1, 1, -1, -1).intersects(b.adjusted(1, 1, -1, -1)),
                 qPrintable(QString::number(i)));
        QVERIFY(b.top() > a.top() || (b.top() == a.top() && b.left() > a.left()));
    }
    strip.clear();
    QCOMPARE(strip.tokenCount(), 0);
    QVERIFY(strip.chipRect(0).isEmpty());
}

void TestTokenStrip::chipColourIsTheFirstChoice_data()
{
    QTest::addColumn<int>("layer");
    QTest::newRow("layer 1") << 0;
    QTest::newRow("layer 2") << 1;
}

void TestTokenStrip::chipColourIsTheFirstChoice()
{
    QFETCH(int, layer);
    const std::vector<moe::GeneratedToken> tokens = generateTokens(10);
    TokenStripView strip;
    strip.resize(900, 600);
    for (const moe::GeneratedToken& token : tokens)
        strip.appendToken(token);
    strip.setColourLayer(layer);
    const QImage image = strip.grab().toImage();
    const QPoint viewport = strip.viewport()->mapTo(&strip, QPoint(0, 0));
    int checked = 0;
    std::set<int> experts;
    for (int i = 0; i < strip.tokenCount(); ++i) {
        const int first =
            tokens[static_cast<size_t>(i)].routing.layers[static_cast<size_t>(layer)].experts.front();
        QCOMPARE(strip.chipExpert(i), first);
        const QRect chip = strip.chipRect(i).translated(viewport);
        if (!image.rect().contains(chip))
            continue;
        // Left of the text, inside the rounded corners: pure fill.
        const QColor pixel = image.pixelColor(chip.left() + 2, chip.center().y());
        QVERIFY2(colourDistance(pixel, ExpertPalette::color(first)) <= 6,
                 qPrintable(QStringLiteral("chip %1: %2, expert %3 is %4")
                                .arg(i)
                                .arg(pixel.name())
                                .arg(first + 1)
                                .arg(ExpertPalette::color(first).name())));
        experts.insert(first);
        ++checked;
    }
    QCOMPARE(checked, strip.tokenCount());
    QVERIFY2(experts.size() > 1, "all chips had one expert: the test would not see a wrong colour");
}

void TestTokenStrip::clickNamesTheChip()
{
    const std::vector<moe::GeneratedToken> tokens = generateTokens(8);
    TokenStripView strip;
    strip.resize(700, 400);
    for (const moe::GeneratedToken& token : tokens)
        strip.appendToken(token);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QSignalSpy clicked(&strip, &TokenStripView::tokenClicked);
    for (const int i : {0, 3, strip.tokenCount() - 1}) {
        QTest::mouseClick(strip.viewport(), Qt::LeftButton, {}, strip.chipRect(i).center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.takeFirst().at(0).toInt(), i);
        QCOMPARE(strip.currentToken(), i);
    }
    // A click between chips names nothing.
    QTest::mouseClick(strip.viewport(), Qt::LeftButton, {},
                      QPoint(strip.viewport()->width() - 2, strip.viewport()->height() - 2));
    QCOMPARE(clicked.count(), 0);
}

void TestTokenStrip::keysStepThroughTokens()
{
    const std::vector<moe::GeneratedToken> tokens = generateTokens(3);
    TokenStripView strip;
    for (const moe::GeneratedToken& token : tokens)
        strip.appendToken(token);
    QSignalSpy clicked(&strip, &TokenStripView::tokenClicked);
    QTest::keyClick(&strip, Qt::Key_Home);
    QTest::keyClick(&strip, Qt::Key_Right);
    QTest::keyClick(&strip, Qt::Key_Right);
    QTest::keyClick(&strip, Qt::Key_Left);
    QCOMPARE(clicked.count(), 4);
    QCOMPARE(clicked.last().at(0).toInt(), 1);
    QTest::keyClick(&strip, Qt::Key_End);
    QCOMPARE(strip.currentToken(), strip.tokenCount() - 1);
}

void TestTokenStrip::followsTheNewestChip()
{
    const std::vector<moe::GeneratedToken> tokens = generateTokens(60);
    TokenStripView strip;
    strip.resize(300, 120);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    for (const moe::GeneratedToken& token : tokens)
        strip.appendToken(token);
    QVERIFY(strip.verticalScrollBar()->maximum() > 0);
    const QRect last = strip.chipRect(strip.tokenCount() - 1);
    QVERIFY2(strip.viewport()->rect().contains(last), "the newest chip is out of view");
    strip.setCurrentToken(0);
    QVERIFY2(strip.viewport()->rect().contains(strip.chipRect(0)), "the current chip is out of view");
}

void TestTokenStrip::noTwoExpertsShareColourAndLabel()
{
    // Every expert count a real model has (1..256): a strip where each expert of the layer is some
    // token's first choice, in a shuffled order, then every expert's (colour, label) is compared.
    std::mt19937 rng(7);
    qInfo("shuffle seed 7");
    TokenStripView strip;
    strip.resize(900, 400);
    for (int experts = 1; experts <= 256; ++experts) {
        std::vector<int> order(static_cast<size_t>(experts));
        for (int e = 0; e < experts; ++e)
            order[static_cast<size_t>(e)] = e;
        std::shuffle(order.begin(), order.end(), rng);
        strip.clear();
        for (const int e : order)
            strip.appendToken(QStringLiteral("t"), false, firstChoice(e, experts));
        std::map<std::pair<QRgb, QString>, int> seen;
        std::set<QRgb> hues;
        for (int i = 0; i < strip.tokenCount(); ++i) {
            const int expert = strip.chipExpert(i);
            QCOMPARE(expert, order[static_cast<size_t>(i)]);
            const QColor colour = strip.chipColour(i);
            const auto key = std::make_pair(colour.rgb(), strip.chipLabel(i));
            const auto [it, fresh] = seen.emplace(key, expert);
            QVERIFY2(fresh, qPrintable(QStringLiteral("%1 experts: E%2 and E%3 share %4 '%5'")
                                           .arg(experts)
                                           .arg(it->second + 1)
                                           .arg(expert + 1)
                                           .arg(colour.name(), key.second)));
            if (strip.colours().hasOwnColour(expert))
                hues.insert(colour.rgb());
        }
        if (experts <= ExpertPalette::kDistinctColours) {
            // The built-in model's look: every expert its own palette colour.
            for (int i = 0; i < strip.tokenCount(); ++i)
                QCOMPARE(strip.chipColour(i), ExpertPalette::color(strip.chipExpert(i)));
            QCOMPARE(static_cast<int>(hues.size()), experts);
        } else {
            // Seven distinct hues for the first seven experts to appear, grey (unlike them) for the rest.
            QCOMPARE(static_cast<int>(hues.size()), ExpertPalette::kDistinctColours - 1);
            QVERIFY(!hues.contains(ExpertPalette::FirstChoiceColours::otherColor().rgb()));
            for (int i = 0; i < strip.tokenCount(); ++i)
                QCOMPARE(strip.colours().hasOwnColour(strip.chipExpert(i)),
                         i < ExpertPalette::kDistinctColours - 1);
        }
    }
}

void TestTokenStrip::manyExpertsGetALegend()
{
    TokenStripView strip;
    strip.resize(600, 400);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    for (const int e : {40, 3, 40, 127, 3})
        strip.appendToken(QStringLiteral("x"), false, firstChoice(e, 128));
    // The legend names the coloured experts in order of appearance and sits above the chips.
    QVERIFY2(strip.legendText().contains(QStringLiteral("E41, E4, E128")), qPrintable(strip.legendText()));
    QVERIFY(strip.chipRect(0).top() > strip.fontMetrics().height() * 2);
    // Chips of one expert share its colour; the grab shows it.
    QCOMPARE(strip.chipColour(0), strip.chipColour(2));
    QVERIFY(strip.chipColour(0) != strip.chipColour(1));
    const QImage image = strip.grab().toImage();
    const QPoint viewport = strip.viewport()->mapTo(&strip, QPoint(0, 0));
    for (int i = 0; i < strip.tokenCount(); ++i) {
        const QRect chip = strip.chipRect(i).translated(viewport);
        const QColor pixel = image.pixelColor(chip.left() + 2, chip.center().y());
        QVERIFY2(colourDistance(pixel, strip.chipColour(i)) <= 6, qPrintable(QString::number(i)));
    }
    // Eight experts: no legend, as the built-in model always looked.
    strip.clear();
    strip.appendToken(QStringLiteral("x"), false, firstChoice(5, 8));
    QVERIFY(strip.legendText().isEmpty());
}

void TestTokenStrip::denseLayerSaysSo()
{
    TokenStripView strip;
    strip.appendToken(QStringLiteral("x"), false, firstChoice(5, 64));
    strip.setColourLayer(1);
    QCOMPARE(strip.chipExpert(0), -1);
    QVERIFY(strip.chipLabel(0).isEmpty());
    QVERIFY2(strip.legendText().contains(QStringLiteral("dense")), qPrintable(strip.legendText()));
}

QTEST_MAIN(TestTokenStrip)
#include "tst_token_strip.moc"

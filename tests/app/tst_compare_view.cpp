// CompareView (and the scale calculator's view) fed with real routing, read from TraceModels as the
// Compare page records it: they render in light and dark palettes, the chart has one bar per expert per run
// for the chosen layer with the core's shares, and changing the layer moves chart, heat map and summary
// together.
//
// Set TINY_EXPERTS_SCREENSHOTS=<dir> to also save the rendered views as PNGs (1600x1000 and
// 1024x700, light and dark), and TINY_EXPERTS_MODEL=<file.gguf> to render a real trained model's
// routing instead of a seeded random one.
#include "compare/compare_view.h"
#include "compare/layer_divergence_view.h"
#include "compare/usage_heat_map.h"
#include "compare_runs.h"
#include "generated_tokens.h"
#include "run/trace_model.h"
#include "scale/scale_view.h"
#include "shell/theme.h"

#include "moe/generation.h"
#include "moe/session.h"
#include "style/expert_palette.h"
#include "style/number_format.h"
#include "tiny_model.h"

#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

#include <cmath>
#include <memory>
#include <numeric>
#include <random>
#include <set>

namespace {

void record(TraceModel& trace, const std::shared_ptr<const moe::Model>& model, const std::string& prompt,
            int maxTokens)
{
    moe::test::recordRun(trace, model, prompt, maxTokens, /*seed=*/11, /*temperature=*/0.8f);
}

const QString kMathLabel = QStringLiteral("Adding two numbers");
const QString kPoemLabel = QStringLiteral("A poem about the moon");

// The app's own shape (4 layers, 8 experts, top-2) with seeded random weights, unless a real model
// is named in TINY_EXPERTS_MODEL.
std::shared_ptr<const moe::Model> demoModel()
{
    const QByteArray path = qgetenv("TINY_EXPERTS_MODEL");
    if (!path.isEmpty())
        return moe::Model::load(path.toStdString());
    moe::ModelConfig config = moe::test::tinyConfig();
    config.nLayer = 4;
    config.nExpert = 8;
    config.nExpertUsed = 2;
    qInfo("demo model: seed 21, 4 layers x 8 experts, top-2");
    return moe::test::tinyModel(21, moe::TensorType::F32, config);
}

QBarSeries* barSeries(QChart* chart)
{
    for (QAbstractSeries* s : chart->series()) {
        if (auto* bars = qobject_cast<QBarSeries*>(s))
            return bars;
    }
    return nullptr;
}

// How many different colours an image has: a blank or failed render has very few.
int colourCount(const QImage& image)
{
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

} // namespace

class TestCompareView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void chartShowsOneBarPerExpertPerRun();
    void changingTheLayerMovesEveryPart();
    void promptSwitchCountsOnlyWrittenTokens();
    void clearAndRefusal();
    void readsItsTracesAsTheyAre();
    void heatMapColoursAndTexts();
    void rendersInLightAndDark_data();
    void rendersInLightAndDark();
    void heatMapAtScaleSortsAndNames();

private:
    // The view under test reads these.
    void show(CompareView& view) const
    {
        view.setTraces(&m_math, &m_poem);
        view.showComparison(kMathLabel, kPoemLabel);
    }

    std::shared_ptr<const moe::Model> m_model;
    TraceModel m_math, m_poem;
};

void TestCompareView::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    m_model = demoModel();
    record(m_math, m_model, "23 + 45 = 68. 7 x 8 = 56. 91 - 36 =", 24);
    record(m_poem, m_model, "The moon upon the water, silver and slow,", 24);
}

void TestCompareView::chartShowsOneBarPerExpertPerRun()
{
    CompareView view;
    view.resize(1600, 1000);
    QSignalSpy changed(&view, &CompareView::layerChanged);
    show(view);
    const CompareStats stats = view.stats();
    const int experts = m_model->config().nExpert;
    QCOMPARE(stats.experts(), experts);
    QCOMPARE(view.caption(), compareCaption(stats));
    QCOMPARE(view.selectedLayer(), stats.mostDifferentLayer()); // starts where the texts differ most
    QCOMPARE(changed.count(), 1);

    auto* chartView = view.findChild<QChartView*>(QStringLiteral("usageChart"));
    QVERIFY(chartView);
    QBarSeries* bars = barSeries(chartView->chart());
    QVERIFY(bars);
    QCOMPARE(bars->count(), 2);
    const size_t layer = static_cast<size_t>(view.selectedLayer());
    QBarSet* math = bars->barSets().at(0);
    QBarSet* poem = bars->barSets().at(1);
    QCOMPARE(math->count(), experts);
    QCOMPARE(poem->count(), experts);
    QCOMPARE(math->color(), ExpertPalette::mathColor());
    QCOMPARE(poem->color(), ExpertPalette::poemColor());
    for (int e = 0; e < experts; ++e) {
        QVERIFY(std::abs(math->at(e) - stats.mathShares[layer][size_t(e)] * 100.0) < 1e-9);
        QVERIFY(std::abs(poem->at(e) - stats.poemShares[layer][size_t(e)] * 100.0) < 1e-9);
    }
    // The even-share line at 1/E of the layer's work.
    QLineSeries* even = nullptr;
    for (QAbstractSeries* s : chartView->chart()->series()) {
        if (auto* line = qobject_cast<QLineSeries*>(s))
            even = line;
    }
    QVERIFY(even);
    QCOMPARE(even->count(), 2);
    QCOMPARE(even->at(0).y(), 100.0 / experts);

    const QImage image = view.grab().toImage();
    QCOMPARE(image.size(), QSize(1600, 1000));
    QVERIFY(colourCount(image) > 50);
}

void TestCompareView::changingTheLayerMovesEveryPart()
{
    CompareView view;
    show(view);
    QSignalSpy changed(&view, &CompareView::layerChanged);
    const int other = (view.selectedLayer() + 1) % view.stats().layers();
    view.selectLayer(other);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toInt(), other);
    QCOMPARE(view.findChild<UsageHeatMap*>()->selectedLayer(), other);
    QCOMPARE(view.findChild<LayerDivergenceView*>()->selectedLayer(), other);
    QBarSet* math =
        barSeries(view.findChild<QChartView*>(QStringLiteral("usageChart"))->chart())->barSets().at(0);
    for (int e = 0; e < view.stats().experts(); ++e)
        QVERIFY(std::abs(math->at(e) - view.stats().mathShares[size_t(other)][size_t(e)] * 100.0) < 1e-9);
    view.selectLayer(99); // out of range: ignored
    QCOMPARE(view.selectedLayer(), other);
}

void TestCompareView::promptSwitchCountsOnlyWrittenTokens()
{
    CompareView view;
    show(view);
    QCOMPARE(view.stats().math.tokens(), m_math.tokens().size());
    const int layer = (view.selectedLayer() + 1) % view.stats().layers();
    view.selectLayer(layer);

    auto* countPrompt = view.findChild<QCheckBox*>();
    QVERIFY(countPrompt && countPrompt->isChecked());
    countPrompt->setChecked(false);
    const CompareStats written = compareRuns(m_math.tokens(), m_poem.tokens(), CountedTokens::GeneratedOnly);
    QCOMPARE(view.stats().math.tokens(), written.math.tokens());
    QVERIFY(view.stats().math.tokens() < m_math.tokens().size());
    QVERIFY(view.stats().math.counts() == written.math.counts());
    QCOMPARE(view.caption(), compareCaption(written));
    QCOMPARE(view.selectedLayer(), layer); // the learner stays on the same layer
}

void TestCompareView::clearAndRefusal()
{
    CompareView view;
    show(view);
    view.clear();
    QVERIFY(view.stats().isEmpty());
    QVERIFY(view.caption().startsWith(QLatin1String("Run a math prompt")));
    QVERIFY(view.findChild<QChartView*>(QStringLiteral("usageChart"))->chart()->series().isEmpty());
    QVERIFY(!view.grab().isNull());

    // Runs of models with different shapes cannot be compared: said in the caption, not a crash.
    TraceModel other;
    record(other, moe::test::tinyModel(1), "The sea", 2);
    view.setTraces(&m_math, &other);
    view.showComparison(kMathLabel, QStringLiteral("poem"));
    QVERIFY(view.stats().isEmpty());
    QVERIFY2(view.caption().contains(QLatin1String("cannot be compared")), qPrintable(view.caption()));
}

void TestCompareView::readsItsTracesAsTheyAre()
{
    TraceModel math;
    auto poem = std::make_unique<TraceModel>();
    moe::test::recordTrace(math, m_model->config(), m_math.tokens());
    moe::test::recordTrace(*poem, m_model->config(), m_poem.tokens());
    CompareView view;
    view.setTraces(&math, poem.get());
    view.showComparison(kMathLabel, kPoemLabel);
    const CompareStats shown = view.stats();
    QCOMPARE(shown.math.tokens(), m_math.tokens().size());

    // A new run starts: the picture stays, and the prompt switch does not count the half-made run.
    math.reset(m_model->config(), {}, QStringLiteral("tiny"));
    QVERIFY(math.append(m_math.tokens().back()));
    auto* countPrompt = view.findChild<QCheckBox*>();
    QVERIFY(countPrompt && countPrompt->isChecked());
    countPrompt->setChecked(false);
    QCOMPARE(view.stats().math.tokens(), shown.math.tokens());
    QVERIFY(view.stats().math.counts() == shown.math.counts());
    QCOMPARE(view.caption(), compareCaption(shown));

    // The run has finished: the view counts the trace as it is now, not a copy of the last run.
    record(math, m_model, "12 + 7 = 19.", 8);
    view.showComparison(QStringLiteral("12 + 7"), kPoemLabel);
    const CompareStats now = compareRuns(math.tokens(), poem->tokens(), CountedTokens::GeneratedOnly);
    QCOMPARE(view.stats().math.tokens(), size_t(8));
    QVERIFY(view.stats().math.counts() == now.math.counts());
    QCOMPARE(view.caption(), compareCaption(now));

    // A trace that goes away reads as an empty run: no comparison, never a crash.
    poem.reset();
    countPrompt->setChecked(true);
    view.showComparison(QStringLiteral("12 + 7"), kPoemLabel);
    QVERIFY(view.stats().isEmpty());
    QCOMPARE(view.stats().math.tokens(), math.tokens().size());
    QVERIFY(view.caption().startsWith(QLatin1String("Run a math prompt")));
}

void TestCompareView::heatMapColoursAndTexts()
{
    const QColor white(Qt::white);
    QCOMPARE(UsageHeatMap::cellColor(0.0, white), white);
    QCOMPARE(UsageHeatMap::cellColor(UsageHeatMap::kFullColourDifference, white).rgb(),
             ExpertPalette::mathColor().rgb());
    QCOMPARE(UsageHeatMap::cellColor(-1.0, white).rgb(), ExpertPalette::poemColor().rgb());
    const QColor halfway = UsageHeatMap::cellColor(UsageHeatMap::kFullColourDifference / 2, white);
    QVERIFY(halfway.blue() > halfway.red()); // leaning to math: bluish
    QCOMPARE(UsageHeatMap::cellText(0.12), QStringLiteral("+12%"));
    QCOMPARE(UsageHeatMap::cellText(-0.08), QStringLiteral("\u22128%"));
    QCOMPARE(UsageHeatMap::cellText(0.004), QStringLiteral("0%"));
}

void TestCompareView::rendersInLightAndDark_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QSize>("size");
    QTest::newRow("light 1600x1000") << false << QSize(1600, 1000);
    QTest::newRow("dark 1600x1000") << true << QSize(1600, 1000);
    QTest::newRow("light 1024x700") << false << QSize(1024, 700);
    QTest::newRow("dark 1024x700") << true << QSize(1024, 700);
}

void TestCompareView::rendersInLightAndDark()
{
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    const QPalette original = QApplication::palette();
    QApplication::setPalette(Theme::palette(dark ? Theme::Kind::Dark : Theme::Kind::System)); // the app's own

    CompareView compare;
    compare.resize(size);
    show(compare);
    ScaleView scale;
    scale.resize(size);
    scale.setModelConfig(m_model->config(), QString::fromStdString(m_model->name()));
    QVERIFY(scale.loadErrors().isEmpty());

    const QImage compareImage = compare.grab().toImage();
    const QImage scaleImage = scale.grab().toImage();
    QCOMPARE(compareImage.size(), size);
    QCOMPARE(scaleImage.size(), size);
    QVERIFY(colourCount(compareImage) > 50);
    QVERIFY(colourCount(scaleImage) > 50);
    // The background follows the palette: dark theme, dark corner pixel.
    const QColor corner = compareImage.pixelColor(2, 2);
    QVERIFY2(dark ? corner.lightness() < 100 : corner.lightness() > 150, qPrintable(corner.name()));

    const QString dir = qEnvironmentVariable("TINY_EXPERTS_SCREENSHOTS");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        const QString suffix = QStringLiteral("%1-%2x%3.png")
                                   .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                   .arg(size.width())
                                   .arg(size.height());
        QVERIFY(compareImage.save(dir + QStringLiteral("/compare-") + suffix));
        QVERIFY(scaleImage.save(dir + QStringLiteral("/scale-") + suffix));
        CompareView empty;
        empty.resize(size);
        QVERIFY(empty.grab().save(dir + QStringLiteral("/compare-empty-") + suffix));
    }
    QApplication::setPalette(original);
}

void TestCompareView::heatMapAtScaleSortsAndNames()
{
    // 3 layers x 64 experts, layer 1 dense, 2 shared experts: a DeepSeek-V2-Lite in miniature.
    moe::ModelConfig config = moe::test::tinyConfig();
    config.nLayer = 3;
    config.nExpert = 64;
    config.nExpertUsed = 6;
    std::mt19937 rng(31);
    qInfo("seed 31");
    const auto token = [&] {
        moe::GeneratedToken t;
        t.routing.layers.resize(3);
        std::vector<int> all(64);
        std::iota(all.begin(), all.end(), 0);
        for (size_t l = 1; l < 3; ++l) {
            std::shuffle(all.begin(), all.end(), rng);
            t.routing.layers[l].probs.assign(64, 1.0f / 64.0f);
            t.routing.layers[l].experts.assign(all.begin(), all.begin() + 6);
            t.routing.layers[l].gates.assign(6, 1.0f / 6.0f);
        }
        return t;
    };
    std::vector<moe::GeneratedToken> mathTokens, poemTokens;
    for (int i = 0; i < 40; ++i) {
        mathTokens.push_back(token());
        poemTokens.push_back(token());
    }
    TraceModel math, poem;
    moe::test::recordTrace(math, config, mathTokens);
    moe::test::recordTrace(poem, config, poemTokens);
    CompareView view;
    view.resize(1000, 700);
    view.setSharedExperts(2);
    view.setTraces(&math, &poem);
    view.showComparison(kMathLabel, kPoemLabel);
    const CompareStats stats = view.stats();
    QCOMPARE(stats.sharedExperts, 2);
    QVERIFY(stats.isDense(0));
    QVERIFY(view.selectedLayer() > 0); // never starts on the dense layer

    // The map draws experts in number order, then each row by difference once sorted.
    UsageHeatMap* map = view.heatMap();
    QVERIFY(!map->printsNumbers());
    for (int l = 0; l < 3; ++l)
        for (int c = 0; c < 64; ++c)
            QCOMPARE(map->expertAt(l, c), c);
    QVERIFY(!view.sortToggle()->isHidden()); // offered at 64 experts
    view.sortToggle()->setChecked(true);
    QVERIFY(map->isSortedByDifference());
    for (int l = 0; l < 3; ++l) {
        const std::vector<int> order = expertsByDifference(stats, l);
        for (int c = 0; c < 64; ++c) {
            QCOMPARE(map->expertAt(l, c), order[static_cast<size_t>(c)]);
            if (c > 0) // |difference| never grows left to right
                QVERIFY(std::abs(stats.leaning[size_t(l)][size_t(map->expertAt(l, c))]) <=
                        std::abs(stats.leaning[size_t(l)][size_t(map->expertAt(l, c - 1))]) + 1e-12);
        }
    }
    // The chart shows the most different experts of the layer, in that order.
    const int layer = view.selectedLayer();
    const std::vector<int> order = expertsByDifference(stats, layer);
    QCOMPARE(view.chartExperts(),
             std::vector<int>(order.begin(), order.begin() + CompareView::kChartExperts));
    // The leaning experts are named with their shares, as leaningExperts() measured them.
    const QString text = view.leaningText();
    qInfo("%s", qPrintable(text));
    const std::vector<LeaningExpert> toMath = leaningExperts(stats, layer, Side::Math, 5);
    QVERIFY(!toMath.empty());
    for (const LeaningExpert& e : toMath)
        QVERIFY2(text.contains(QStringLiteral("E%1 (math %2, poem %3)")
                                   .arg(QString::number(e.expert + 1), percentText(e.mathShare, 0),
                                        percentText(e.poemShare, 0))),
                 qPrintable(QString::number(e.expert + 1)));
    view.selectLayer(0);
    QVERIFY2(view.leaningText().contains(QLatin1String("dense")), qPrintable(view.leaningText()));
    QVERIFY(view.chartExperts().empty());
}

QTEST_MAIN(TestCompareView)
#include "tst_compare_view.moc"

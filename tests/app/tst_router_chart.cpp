// RouterChartView shows one token's router: a bar per expert at the router's probability, in the
// expert's colour, the chosen ones marked, and a title naming the token and the layer.
#include "explore/router_chart_view.h"
#include "style/expert_palette.h"
#include "tiny_model.h"

#include "moe/session.h"

#include <QImage>
#include <QTest>

namespace {

int colourDistance(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

} // namespace

class TestRouterChart : public QObject {
    Q_OBJECT
private slots:
    void barsAreTheRoutersProbabilities();
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

QTEST_MAIN(TestRouterChart)
#include "tst_router_chart.moc"

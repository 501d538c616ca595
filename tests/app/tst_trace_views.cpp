// Views attached to a TraceModel follow it by themselves: a reset clears them and gives them the
// model's shape, every appended token becomes a chip, and the shown token (the current one, or a
// previewed one) is what the grid, chart, cost panel and caption draw. Real routing from a tiny
// seeded model.
#include "explore/cost_panel.h"
#include "explore/expert_grid_view.h"
#include "explore/router_chart_view.h"
#include "explore/routing_caption.h"
#include "explore/token_strip_view.h"
#include "explore/trace_caption.h"
#include "explore/trace_views.h"
#include "moe/analysis.h"
#include "run/trace_model.h"

#include "generated_tokens.h"
#include "tiny_model.h"

#include <QTest>

namespace {

constexpr uint64_t kModelSeed = 11;

struct Views {
    TokenStripView strip;
    ExpertGridView grid;
    RouterChartView chart;
    CostPanel cost;
    TraceCaption caption;

    explicit Views(const TraceModel* trace)
    {
        followTrace(trace, &strip);
        followTrace(trace, &grid);
        followTrace(trace, &chart);
        followTrace(trace, &cost);
        caption.setTraceModel(trace);
    }
};

} // namespace

class TestTraceViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        moe::GenerationRequest request;
        request.prompt = "12 + 7 = 19. 30 + 11 =";
        request.maxTokens = 6;
        request.stopAtEndOfText = false;
        m_tokens = moe::test::generatedTokens(moe::test::tinyModel(kModelSeed), request);
        QVERIFY(m_tokens.size() >= 4);
    }

    void resetGivesShapeAndClears()
    {
        const moe::ModelConfig config = moe::test::tinyConfig();
        TraceModel trace;
        Views views(&trace);
        trace.reset(config, {}, QStringLiteral("tiny"));
        QCOMPARE(views.grid.layers(), config.nLayer);
        QCOMPARE(views.grid.experts(), config.nExpert);
        QVERIFY(!views.cost.figures().valid);

        for (const moe::GeneratedToken& token : m_tokens)
            QVERIFY(trace.append(token));
        trace.setCurrentToken(1);
        QCOMPARE(views.strip.tokenCount(), static_cast<int>(m_tokens.size()));
        QVERIFY(views.cost.figures().valid);

        trace.clear();
        QCOMPARE(views.strip.tokenCount(), 0);
        QCOMPARE(views.strip.currentToken(), -1);
        QVERIFY(!views.cost.figures().valid);
        for (int e = 0; e < config.nExpert; ++e)
            QCOMPARE(views.chart.barPercent(e), 0.0);
    }

    void viewsDrawTheShownToken()
    {
        const moe::ModelConfig config = moe::test::tinyConfig();
        TraceModel trace;
        Views views(&trace);
        trace.reset(config, {}, QStringLiteral("tiny"));
        for (const moe::GeneratedToken& token : m_tokens)
            QVERIFY(trace.append(token));

        const auto verifyShows = [&](int index) {
            const moe::GeneratedToken& token = m_tokens[static_cast<size_t>(index)];
            QCOMPARE(views.strip.currentToken(), index);
            const moe::LayerRouting& layer = token.routing.layers[static_cast<size_t>(views.chart.layer())];
            for (int e = 0; e < config.nExpert; ++e)
                QCOMPARE(qRound(views.chart.barPercent(e) * 1000),
                         qRound(layer.probs[static_cast<size_t>(e)] * 100000.0f));
            QCOMPARE(views.cost.figures().activeParameters, moe::activeParameters(config, token.routing));
            QCOMPARE(views.caption.text(),
                     describeRouting(TraceModel::tokenText(token), token.routing, 0, config.nExpert)
                         .toHtmlEscaped());
        };

        trace.setCurrentToken(2);
        verifyShows(2);
        // Pointing at a chip shows it without making it current; leaving it keeps the picture.
        trace.previewToken(0);
        verifyShows(0);
        QCOMPARE(trace.currentToken(), 2);
        trace.previewToken(-1);
        verifyShows(0);
        // Choosing the current token again (or another layer) goes back to it.
        trace.setCurrentToken(2);
        verifyShows(2);
        trace.setCurrentToken(3);
        verifyShows(3);
    }

    void captionFollowsItsLayer()
    {
        const moe::ModelConfig config = moe::test::tinyConfig();
        TraceModel trace;
        TraceCaption caption;
        caption.setTraceModel(&trace);
        trace.reset(config, {}, QStringLiteral("tiny"));
        QVERIFY(trace.append(m_tokens.front()));
        trace.setCurrentToken(0);
        const int last = config.nLayer - 1;
        caption.setFocusLayer(last);
        QCOMPARE(caption.text(), describeRouting(TraceModel::tokenText(m_tokens.front()),
                                                 m_tokens.front().routing, last, config.nExpert)
                                     .toHtmlEscaped());
    }

    void captionShowsASpaceAsTheStripDoes()
    {
        const moe::ModelConfig config = moe::test::tinyConfig();
        TraceModel trace;
        Views views(&trace);
        trace.reset(config, {}, QStringLiteral("tiny"));
        moe::GeneratedToken space = m_tokens.back();
        space.bytes = std::string(1, ' '); // not = " ": GCC 12 at -O3 warns falsely (-Wrestrict)
        QVERIFY(trace.append(space));
        trace.setCurrentToken(0);
        const QString chip = trace.data(trace.index(0, TraceModel::TextColumn)).toString();
        QCOMPARE(chip, QStringLiteral("␣"));
        QVERIFY2(views.caption.text().contains(QStringLiteral("'%1'").arg(chip).toHtmlEscaped()),
                 qPrintable(views.caption.text()));
        QVERIFY2(!views.caption.text().contains(QStringLiteral("' '").toHtmlEscaped()),
                 qPrintable(views.caption.text()));
    }

private:
    std::vector<moe::GeneratedToken> m_tokens;
};

QTEST_MAIN(TestTraceViews)
#include "tst_trace_views.moc"

// "Explore this model": the model the Playground trained becomes the app's model, Explore runs a
// prompt on it, and the trace equals a direct core run on the exported file. Saving as GGUF writes
// a file the core loads; the built-in model (here a tiny stand-in) can be brought back.
#include "explore/explore_page.h"
#include "generated_tokens.h"
#include "playground/playground_controls.h"
#include "playground/playground_page.h"
#include "playground/training_controller.h"
#include "run/model_source.h"
#include "run/trace_model.h"
#include "shell/main_window.h"
#include "tiny_window_fixture.h"
#include "wait_helpers.h"

#include "moe/generation.h"
#include "moe/model.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestPlaygroundExplore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.init(/*modelSeed=*/7)); }

    void trainedModelOpensInExploreWithTheCoresTrace()
    {
        MainWindow window(m_fixture.options(QStringLiteral("playground")));
        window.show();
        QCOMPARE(window.mode(), AppMode::Playground);
        PlaygroundPage* playground = window.playgroundPage();
        QVERIFY(!playground->controls()->exploreButton()->isEnabled()); // nothing trained yet
        QVERIFY(playground->applyPreset(QStringLiteral("micro")));
        QSignalSpy finished(playground, &PlaygroundPage::trainingFinished);
        playground->startTraining();
        QVERIFY(finished.wait(moe::test::kPatienceMs));
        QVERIFY(playground->controls()->exploreButton()->isEnabled());

        QTest::mouseClick(playground->controls()->exploreButton(), Qt::LeftButton);
        QCOMPARE(window.mode(), AppMode::Explore);
        const QString exported = window.models()->current().source;
        QVERIFY2(exported.endsWith(QStringLiteral(".gguf")) &&
                     !exported.endsWith(QStringLiteral("tiny.gguf")),
                 qPrintable(exported));
        QCOMPARE(window.models()->current().name, QStringLiteral("playground micro"));
        QCOMPARE(window.models()->current().model->config().nExpert, 4); // the micro preset's shape
        QCOMPARE(window.models()->current().model->config().nLayer, 1);

        ExplorePage* page = window.explorePage();
        page->faster();
        page->faster(); // no pause between tokens
        page->setPrompt(QStringLiteral("23 + 45 ="));
        QSignalSpy settled(page, &ExplorePage::settled);
        page->run();
        QVERIFY(settled.wait(moe::test::kPatienceMs));

        moe::GenerationRequest request; // the page's defaults: greedy, seed 42, 40 tokens
        request.prompt = "23 + 45 =";
        request.maxTokens = 40;
        request.sampler.temperature = 0.0f;
        request.sampler.seed = 42;
        const std::vector<moe::GeneratedToken> expected =
            moe::test::generatedTokens(moe::Model::load(exported.toStdString()), request);
        const TraceModel* trace = page->traceModel();
        QCOMPARE(trace->tokenCount(), static_cast<int>(expected.size()));
        for (int i = 0; i < trace->tokenCount(); ++i) {
            const moe::GeneratedToken& want = expected[static_cast<size_t>(i)];
            QCOMPARE(trace->token(i).id, want.id);
            for (size_t l = 0; l < want.routing.layers.size(); ++l) {
                QCOMPARE(trace->token(i).routing.layers[l].experts, want.routing.layers[l].experts);
                QCOMPARE(trace->token(i).routing.layers[l].gates, want.routing.layers[l].gates);
            }
        }

        // Saved as GGUF, the file loads; the tiny stand-in for the built-in model comes back.
        const QString saved = m_fixture.filePath(QStringLiteral("saved.gguf"));
        QString error;
        QVERIFY2(playground->saveTrainedModel(saved, &error), qPrintable(error));
        QCOMPARE(moe::Model::load(saved.toStdString())->config().nExpert, 4);
        QVERIFY(window.models()->open(m_fixture.filePath(QStringLiteral("tiny.gguf"))));
        QCOMPARE(window.models()->current().model->config().nExpert,
                 moe::test::tinyModel(7)->config().nExpert);
    }

private:
    TinyWindowFixture m_fixture;
};

QTEST_MAIN(TestPlaygroundExplore)
#include "tst_playground_explore.moc"

// The whole app driven as a learner would: explore a prompt, switch an expert off, compare math
// with a poem, open a broken model file. A tiny seeded model stands in for the embedded one.
#include "compare/compare_page.h"
#include "compare/compare_view.h"
#include "explore/experiments_panel.h"
#include "explore/explore_page.h"
#include "generated_tokens.h"
#include "moe/analysis.h"
#include "moe/generation.h"
#include "moe/session.h"
#include "run/generation_controller.h"
#include "run/model_source.h"
#include "run/trace_model.h"
#include "shell/main_window.h"
#include "tiny_model.h"
#include "tiny_window_fixture.h"
#include "wait_helpers.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr uint64_t kModelSeed = 7;

// The tokens a direct core run produces for the page's default settings (greedy, 40 tokens).
std::vector<moe::GeneratedToken> directRun(const std::string& prompt, int maxTokens,
                                           const moe::RoutingOverride& routing = {})
{
    moe::GenerationRequest request;
    request.prompt = prompt;
    request.maxTokens = maxTokens;
    request.sampler.temperature = 0.0f;
    request.sampler.seed = 42;
    return moe::test::generatedTokens(moe::test::tinyModel(kModelSeed), request, routing);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.init(kModelSeed)); // settings go to a test location
        qInfo("tiny model seed %llu", static_cast<unsigned long long>(kModelSeed));
    }

    // X11 window managers take the icon from the window itself, not from the .desktop file.
    void windowCarriesTheAppIcon()
    {
        MainWindow window(options());
        const QList<QSize> sizes = window.windowIcon().availableSizes();
        QVERIFY(sizes.contains(QSize(32, 32)));
        QVERIFY(sizes.contains(QSize(256, 256)));
    }

    void exploreShowsTheModelsOwnRouting()
    {
        MainWindow window(options());
        window.show();
        ExplorePage* page = window.explorePage();
        page->faster();
        page->faster(); // no pause between tokens
        page->setPrompt(QStringLiteral("12 + 3 ="));
        QSignalSpy settled(page, &ExplorePage::settled);
        page->run();
        QVERIFY(settled.wait(moe::test::kPatienceMs));
        const std::vector<moe::GeneratedToken> expected = directRun("12 + 3 =", 40);
        const TraceModel* trace = page->traceModel();
        QCOMPARE(trace->tokenCount(), static_cast<int>(expected.size()));
        for (int i = 0; i < trace->tokenCount(); ++i) {
            QCOMPARE(trace->token(i).id, expected[static_cast<size_t>(i)].id);
            for (size_t l = 0; l < expected[static_cast<size_t>(i)].routing.layers.size(); ++l)
                QCOMPARE(trace->token(i).routing.layers[l].experts,
                         expected[static_cast<size_t>(i)].routing.layers[l].experts);
        }
        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.size(), window.size() * window.devicePixelRatio());
    }

    void switchedOffExpertIsNeverChosen()
    {
        MainWindow window(options());
        window.show();
        ExplorePage* page = window.explorePage();
        page->faster();
        page->faster();
        page->setPrompt(QStringLiteral("The moon upon the water"));
        QSignalSpy settled(page, &ExplorePage::settled);
        page->experiments()->toggleExpert(/*layer=*/0, /*expert=*/1); // re-runs the prompt by itself
        QVERIFY(settled.wait(moe::test::kPatienceMs));
        const TraceModel* trace = page->traceModel();
        QVERIFY(trace->tokenCount() > 5);
        moe::RoutingOverride routing = page->experiments()->routingOverride();
        QVERIFY(routing.disabled.at(0).at(1));
        for (int i = 0; i < trace->tokenCount(); ++i)
            for (int e : trace->token(i).routing.layers[0].experts)
                QVERIFY2(e != 1, "a switched-off expert was chosen");
        const std::vector<moe::GeneratedToken> expected = directRun("The moon upon the water", 40, routing);
        QCOMPARE(trace->tokenCount(), static_cast<int>(expected.size()));
        // The last expert of a layer cannot be switched off: a token must go somewhere.
        for (int e = 0; e < 4; ++e)
            page->experiments()->toggleExpert(1, e);
        int on = 0;
        for (bool off : page->experiments()->routingOverride().disabled.at(1))
            on += off ? 0 : 1;
        QCOMPARE(on, 1);
    }

    void compareModeCountsBothRuns()
    {
        MainWindow window(options());
        window.show();
        window.setMode(MainWindow::Mode::Compare);
        QSignalSpy settled(window.comparePage(), &ComparePage::settled);
        window.comparePage()->compare();
        QVERIFY(settled.wait(moe::test::kPatienceMs));
        const CompareStats stats = window.comparePage()->view()->stats();
        QCOMPARE(static_cast<int>(stats.divergenceBits.size()), moe::test::tinyConfig().nLayer);
        // The math side is the first math preset, read and continued for 32 tokens.
        QVERIFY(stats.math.tokens() > 3);
        QVERIFY(stats.poem.tokens() > 3);
        // ... counted from the page's own traces, every token of both runs.
        const TraceModel* math = window.comparePage()->mathTrace();
        const TraceModel* poem = window.comparePage()->poemTrace();
        QCOMPARE(stats.math.tokens(), math->tokens().size());
        QCOMPARE(stats.poem.tokens(), poem->tokens().size());
        QVERIFY(stats.math.counts() == compareRuns(math->tokens(), poem->tokens()).math.counts());
    }

    void brokenModelKeepsTheCurrentOne()
    {
        MainWindow window(options());
        window.show();
        const QString before = window.models()->current().source;
        const QString broken = m_fixture.filePath(QStringLiteral("broken.gguf"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("GGUF this is not a model");
        file.close();
        QVERIFY(!window.models()->open(broken));
        QCOMPARE(window.models()->current().source, before);
        QVERIFY(window.models()->lastError().contains(QStringLiteral("broken.gguf")));
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("modelLoadError"));
        QVERIFY(box != nullptr);
        QVERIFY(box->text().contains(QStringLiteral("broken.gguf")));
        box->close();
        // ... and the model in use still runs.
        ExplorePage* page = window.explorePage();
        page->faster();
        page->faster();
        page->setPrompt(QStringLiteral("7 x 8 ="));
        QSignalSpy settled(page, &ExplorePage::settled);
        page->run();
        QVERIFY(settled.wait(moe::test::kPatienceMs));
        QVERIFY(page->traceModel()->tokenCount() > 0);
    }

    // File > Open's path: the status bar shows the progress bar and Cancel while the file loads,
    // and a file too big for memory is refused with both sizes while the model in use stays.
    void openingShowsProgressAndRefusesTooBig()
    {
        MainWindow window(options());
        window.show();
        const QString before = window.models()->current().source;
        auto* progress = window.findChild<QWidget*>(QStringLiteral("modelLoadProgress"));
        QVERIFY(progress);
        QVERIFY(!progress->isVisible());

        const QString copy = m_fixture.filePath(QStringLiteral("copy.gguf"));
        QFile::remove(copy);
        QVERIFY(QFile::copy(before, copy));
        const uint64_t size = uint64_t(QFileInfo(copy).size());
        QVERIFY(!window.models()->openInBackground(copy, size / 2));
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("modelLoadError"));
        QVERIFY(box != nullptr);
        const auto gib = [](uint64_t bytes) {
            return QString::number(double(bytes) / double(1 << 30), 'f', 1);
        };
        QVERIFY2(box->text().contains(gib(size) + QStringLiteral(" GiB")), qPrintable(box->text()));
        QVERIFY2(box->text().contains(QStringLiteral("model in use stays open")), qPrintable(box->text()));
        box->close();
        QVERIFY(!progress->isVisible());
        QCOMPARE(window.models()->current().source, before);

        QSignalSpy finished(window.models(), &ModelHolder::loadFinished);
        QVERIFY(window.models()->openInBackground(copy));
        QVERIFY(progress->isVisible());
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!progress->isVisible());
        QCOMPARE(window.models()->current().source, QFileInfo(copy).absoluteFilePath());
    }

    // Space, arrows, - and + drive the run, but never while the learner types a prompt.
    void shortcutsLeaveTypingAlone()
    {
        MainWindow window(options());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto* prompt = window.findChild<QLineEdit*>(QStringLiteral("explorePrompt"));
        QVERIFY(prompt != nullptr);
        prompt->clear();
        prompt->setFocus();
        QTest::keyClicks(prompt, QStringLiteral("1 + 2 -"));
        QTest::keyClick(prompt, Qt::Key_Left);
        QTest::keyClick(prompt, Qt::Key_Space);
        QCOMPARE(prompt->text(), QStringLiteral("1 + 2  -"));
        QVERIFY(!window.explorePage()->isRunning()); // Space typed, not "pause", and nothing ran
    }

    void closingMidRunIsPrompt()
    {
        auto window = std::make_unique<MainWindow>(options());
        window->show();
        ExplorePage* page = window->explorePage();
        page->slower();
        page->slower(); // slow motion: the run is far from done
        page->setPrompt(QStringLiteral("The moon upon the water"));
        page->run();
        // Mid-run: the worker holds a token back for slow motion's pacing.
        const GenerationController* controller = page->controller();
        QVERIFY(QTest::qWaitFor([&] { return controller->isHoldingToken(); }, moe::test::kPatienceMs));
        QVERIFY(page->isRunning());
        window->close();
        window.reset(); // must return: the held run is cancelled and woken, not waited for
    }

    // A school laptop's 1024-pixel screen holds Explore with a lesson beside it: only the page on
    // screen sets the window's minimum width (Compare, wider, is not on screen), and Explore's
    // headings wrap.
    void lessonBesideExploreFitsA1024PixelScreen()
    {
        MainWindow window(options());
        window.show();
        QVERIFY(window.startLesson(QStringLiteral("explorer-tiny-experts"), 0));
        QCOMPARE(window.mode(), MainWindow::Mode::Explore);
        QApplication::processEvents();
        QVERIFY2(window.minimumSizeHint().width() <= 1024,
                 qPrintable(QString::number(window.minimumSizeHint().width())));
        window.setMode(MainWindow::Mode::Compare); // the wide page still gets its room when shown
        QVERIFY(window.minimumSizeHint().width() >= window.comparePage()->minimumSizeHint().width());
    }

private:
    AppOptions options() const { return m_fixture.options(); }

    TinyWindowFixture m_fixture;
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"

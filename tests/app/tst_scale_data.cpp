// The scale calculator's data and formula: the shipped models.json loads cleanly with the numbers
// CONTENT.md gives, a broken entry is reported by file, entry and field while the rest still loads,
// the calculator's formula holds, and ScaleView shows this app's model from moe::ModelConfig.
#include "json_test_helpers.h"
#include "scale/scale_models.h"
#include "scale/scale_view.h"

#include "family_models.h"
#include "moe/analysis.h"
#include "tiny_model.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTabBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <stdexcept>

namespace {

const QString kShipped = QStringLiteral(":/scale/models.json");

const ScaleModel* find(const QList<ScaleModel>& models, const QString& name)
{
    for (const ScaleModel& m : models) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

QJsonObject goodEntry(const QString& name)
{
    return QJsonObject{
        {"name", name}, {"year", 2024},      {"total", 10e9},      {"active", 2e9},
        {"experts", 8}, {"usedPerToken", 2}, {"sharedExperts", 0}, {"sources", QJsonArray{"a-paper"}},
        {"note", ""}};
}

QString writeFile(const QTemporaryDir& dir, const QByteArray& bytes)
{
    return moe::test::writeTestFile(dir.filePath(QStringLiteral("models.json")), bytes);
}

} // namespace

class TestScaleData : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void shippedFileLoadsWithTheSourcesNumbers();
    void brokenEntryIsNamedAndSkipped_data();
    void brokenEntryIsNamedAndSkipped();
    void unreadableOrInvalidFile();
    void unknownCountsAndApproximateFigures();
    void closedModelsAreLabelledNeverAsFacts();
    void eraFilterAndScrollingChart();
    void compactPageShowsOneTabAtATime_data();
    void compactPageShowsOneTabAtATime();
    void calculatorFormula();
    void viewShowsThisAppsModel();
    void anOpenedFileIsARow();
};

void TestScaleData::initTestCase()
{
    QLocale::setDefault(QLocale::c()); // "46.7B" in every environment
}

void TestScaleData::shippedFileLoadsWithTheSourcesNumbers()
{
    QStringList errors;
    const QList<ScaleModel> models = loadScaleModels(kShipped, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(models.size(), 27);

    const ScaleModel* mixtral = find(models, QStringLiteral("Mixtral 8x7B"));
    QVERIFY(mixtral);
    QCOMPARE(mixtral->totalParameters, 46.7e9);
    QVERIFY(mixtral->activeParameters);
    QCOMPARE(*mixtral->activeParameters, 12.9e9);
    QCOMPARE(mixtral->experts.value_or(-1), 8);
    QCOMPARE(mixtral->usedPerToken.value_or(-1), 2);
    QCOMPARE(mixtral->sources, QStringList{QStringLiteral("mixtral-paper")});
    QCOMPARE(mixtral->year, 2023);

    const ScaleModel* deepseek = find(models, QStringLiteral("DeepSeek-V3"));
    QVERIFY(deepseek);
    QCOMPARE(deepseek->totalParameters, 671e9);
    QCOMPARE(*deepseek->activeParameters, 37e9);
    QCOMPARE(deepseek->experts.value_or(-1), 256);
    QCOMPARE(deepseek->sharedExperts.value_or(-1), 1);
    QCOMPARE(deepseek->usedPerToken.value_or(-1), 8);
    QVERIFY(std::abs(*deepseek->activeFraction() - 0.055) < 0.001); // "about 5.5%"

    const ScaleModel* gshard = find(models, QStringLiteral("GShard"));
    QVERIFY(gshard);
    QVERIFY(!gshard->activeParameters); // the source gives no active count: null, not a guess

    for (const ScaleModel& m : models) {
        QVERIFY2(!m.name.contains(QLatin1String("GPT")), "GPT-4 is a rumour, never a row of facts");
        QVERIFY2(!m.sources.isEmpty(), qPrintable(m.name));
        if (m.activeParameters)
            QVERIFY2(*m.activeParameters < m.totalParameters, qPrintable(m.name));
    }
    // Not every layer is MoE: the notes say so where the sources do.
    QVERIFY(deepseek->note.contains(QLatin1String("3 dense layers")));
    QVERIFY(find(models, QStringLiteral("Llama 4 Maverick"))->note.contains(QLatin1String("alternate")));
    // Notes come in the page's language.
    const QList<ScaleModel> german = loadScaleModels(kShipped, nullptr, QStringLiteral("de"));
    QVERIFY(find(german, QStringLiteral("DeepSeek-V3"))->note.contains(QLatin1String("dichte Schichten")));
    QVERIFY(loadScaleNotes(kShipped, QStringLiteral("de"))
                .join(' ')
                .contains(QStringLiteral("nicht veröffentlicht")));
}

void TestScaleData::brokenEntryIsNamedAndSkipped_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value"); // Undefined: the field is removed
    QTest::addColumn<QString>("expected"); // in the message besides file, entry and field

    QTest::newRow("missing total") << "total" << QJsonValue(QJsonValue::Undefined) << "is missing";
    QTest::newRow("missing active") << "active" << QJsonValue(QJsonValue::Undefined) << "is missing";
    QTest::newRow("missing sources") << "sources" << QJsonValue(QJsonValue::Undefined)
                                     << "at least one source";
    QTest::newRow("source as text") << "sources" << QJsonValue("a paper") << "must be an array";
    QTest::newRow("source not an id") << "sources" << QJsonValue(QJsonArray{"A Paper"}) << "lower case";
    QTest::newRow("missing experts") << "experts" << QJsonValue(QJsonValue::Undefined) << "is missing";
    QTest::newRow("approximate unknown field")
        << "approximate" << QJsonValue(QJsonArray{"experts"}) << "one of";
    QTest::newRow("note without English") << "note" << QJsonValue(QJsonObject{{"de", "x"}}) << "\"en\"";
    QTest::newRow("share beside active") << "activeShare" << QJsonValue(0.25) << "only for a model";
    QTest::newRow("unknown status") << "status" << QJsonValue("rumoured") << "one of";
    QTest::newRow("experts as text") << "experts" << QJsonValue("eight") << "got the string \"eight\"";
    QTest::newRow("year as text") << "year" << QJsonValue("2024") << "whole number";
    QTest::newRow("fractional experts") << "experts" << QJsonValue(7.5) << "whole number";
    QTest::newRow("negative active") << "active" << QJsonValue(-5) << "got -5";
    QTest::newRow("negative total") << "total" << QJsonValue(-1e9) << "positive number";
    QTest::newRow("zero used") << "usedPerToken" << QJsonValue(0) << "whole number";
    QTest::newRow("more used than experts") << "usedPerToken" << QJsonValue(9) << "must not exceed";
    QTest::newRow("active above total") << "active" << QJsonValue(20e9) << "must not exceed";
    QTest::newRow("negative shared") << "sharedExperts" << QJsonValue(-1) << "whole number";
    QTest::newRow("missing shared") << "sharedExperts" << QJsonValue(QJsonValue::Undefined) << "is missing";
    QTest::newRow("duplicate name") << "name" << QJsonValue("First") << "unique";
}

void TestScaleData::brokenEntryIsNamedAndSkipped()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);

    QJsonObject broken = goodEntry(QStringLiteral("Broken"));
    if (value.isUndefined())
        broken.remove(field);
    else
        broken.insert(field, value);
    const QJsonArray models{goodEntry(QStringLiteral("First")), broken, goodEntry(QStringLiteral("Last"))};
    const QJsonObject root{{"models", models}};
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QJsonDocument(root).toJson());

    QStringList errors;
    const QList<ScaleModel> loaded = loadScaleModels(path, &errors);
    QCOMPARE(errors.size(), 1);
    const QString message = errors.first();
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.startsWith(QLatin1String("models.json: models[1]")), qPrintable(message));
    const QString entryName =
        field == QLatin1String("name") ? QStringLiteral("First") : QStringLiteral("Broken");
    QVERIFY2(message.contains(QStringLiteral("(\"%1\"): \"%2\"").arg(entryName, field)), qPrintable(message));
    QVERIFY2(message.contains(expected), qPrintable(message));
    QCOMPARE(loaded.size(), 2);
    QCOMPARE(loaded[0].name, QStringLiteral("First"));
    QCOMPARE(loaded[1].name, QStringLiteral("Last"));
}

void TestScaleData::unreadableOrInvalidFile()
{
    QStringList errors;
    QVERIFY(loadScaleModels(QStringLiteral("/nonexistent/models.json"), &errors).isEmpty());
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(QLatin1String("models.json: cannot read")),
             qPrintable(errors.first()));

    QTemporaryDir dir;
    errors.clear();
    QVERIFY(loadScaleModels(writeFile(dir, "{\"models\": [ {\"name\": "), &errors).isEmpty());
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(QLatin1String("models.json: not valid JSON at byte")),
             qPrintable(errors.first()));

    errors.clear();
    QVERIFY(loadScaleModels(writeFile(dir, "{\"models\": {}}"), &errors).isEmpty());
    QVERIFY2(errors.value(0).contains(QLatin1String("models.json: \"models\" must be an array")),
             qPrintable(errors.value(0)));

    errors.clear();
    const QList<ScaleModel> some = loadScaleModels(
        writeFile(
            dir,
            QJsonDocument(QJsonObject{{"models", QJsonArray{42, goodEntry(QStringLiteral("Ok"))}}}).toJson()),
        &errors);
    QCOMPARE(some.size(), 1);
    QVERIFY2(errors.value(0).contains(QLatin1String("models[0]: must be an object, got 42")),
             qPrintable(errors.value(0)));
}

// CONTENT.md's "–": a count the maker never published loads as unknown, and the page writes "–",
// never 0; the source's rounded figures carry "~" in cells and "about" in sentences.
void TestScaleData::unknownCountsAndApproximateFigures()
{
    QStringList errors;
    const QList<ScaleModel> models = loadScaleModels(kShipped, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    const ScaleModel* glm = find(models, QStringLiteral("GLM-4.5"));
    QVERIFY(glm);
    QVERIFY(!glm->experts && !glm->usedPerToken && !glm->sharedExperts);
    QCOMPARE(*glm->activeParameters, 32e9);
    const ScaleModel* coder = find(models, QStringLiteral("Qwen3-Coder-480B-A35B"));
    QVERIFY(coder && coder->experts == 160 && !coder->sharedExperts);
    const ScaleModel* grok = find(models, QStringLiteral("Grok-1"));
    QVERIFY(grok && !grok->activeParameters && grok->activeShare == 0.25 && grok->activeShareApproximate);
    QCOMPARE(*grok->activeFraction(), 0.25);
    const ScaleModel* behemoth = find(models, QStringLiteral("Llama 4 Behemoth"));
    QVERIFY(behemoth && behemoth->announcedOnly && behemoth->totalApproximate && !behemoth->usedPerToken);

    ScaleView view;
    QVERIFY2(view.loadErrors().isEmpty(), qPrintable(view.loadErrors().join(QLatin1Char('\n'))));
    auto* table = view.findChild<QTableWidget*>();
    const auto rowOf = [&](const QString& name) {
        for (int r = 0; r < view.rows().size(); ++r)
            if (view.rows()[r].name == name)
                return r;
        return -1;
    };
    const int g = rowOf(QStringLiteral("GLM-4.5"));
    QVERIFY(g >= 0);
    QCOMPARE(table->item(g, 5)->text(), QStringLiteral("\u2013"));
    QCOMPARE(table->item(g, 6)->text(), QStringLiteral("\u2013"));
    QCOMPARE(table->item(g, 7)->text(), QStringLiteral("GLM-4.5 repository (Zhipu AI (Z.ai), 2025)"));
    QCOMPARE(table->item(rowOf(QStringLiteral("Qwen3-Coder-480B-A35B")), 5)->text(),
             QStringLiteral("160 (shared: \u2013)"));
    const int k = rowOf(QStringLiteral("Kimi K2"));
    QCOMPARE(table->item(k, 2)->text(), QStringLiteral("1.04T")); // as published, not "1T"
    QCOMPARE(table->item(rowOf(QStringLiteral("gpt-oss-120b")), 2)->text(), QStringLiteral("116.8B"));
    const int b = rowOf(QStringLiteral("Llama 4 Behemoth"));
    QCOMPARE(table->item(b, 0)->text(), QStringLiteral("Llama 4 Behemoth (announced)"));
    QCOMPARE(table->item(b, 2)->text(), QStringLiteral("~2T"));
    QCOMPARE(table->item(b, 6)->text(), QStringLiteral("\u2013"));
    const int x = rowOf(QStringLiteral("Grok-1"));
    QCOMPARE(table->item(x, 3)->text(), QStringLiteral("\u2013"));
    QCOMPARE(table->item(x, 4)->text(), QStringLiteral("~25%"));
    QCOMPARE(table->item(x, 6)->text(), QStringLiteral("2"));

    view.selectModel(x);
    QVERIFY2(view.headline().contains(QLatin1String("its source says about 25%")),
             qPrintable(view.headline()));
    view.selectModel(rowOf(QStringLiteral("Phi-3.5-MoE")));
    QVERIFY2(view.headline().contains(QLatin1String("6.6B of about 42B")), qPrintable(view.headline()));
    view.selectModel(g); // no expert counts: the calculator says it cannot be filled in
    QVERIFY2(view.headline() ==
                 QLatin1String("GLM-4.5 uses about 9.0% of its weights for each token: 32B of 355B."),
             qPrintable(view.headline()));
    view.selectModel(b);
    QVERIFY2(view.denseComparison().startsWith(QLatin1String("Announced only")),
             qPrintable(view.denseComparison()));
}

void TestScaleData::closedModelsAreLabelledNeverAsFacts()
{
    QStringList errors;
    const QList<ClosedModel> closed = loadClosedModels(kShipped, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(closed.size(), 3);
    for (const ClosedModel& c : closed) {
        if (c.name.startsWith(QLatin1String("Gemini")))
            QVERIFY2(c.confirmedMoe, qPrintable(c.name));
        if (c.name == QLatin1String("GPT-4")) {
            QVERIFY(!c.confirmedMoe);
            QVERIFY(c.note.contains(QLatin1String("not confirmed")));
        }
    }
    ScaleView view;
    QCOMPARE(view.closedModels().size(), 3);
    const QString text = view.closedText();
    QVERIFY2(text.contains(QLatin1String("<b>GPT-4</b>: <i>rumoured, not confirmed</i>")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("<b>Gemini 1.5 Pro</b>: <i>confirmed mixture of experts</i>")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("arXiv")) || text.contains(QLatin1String("Google, 2024")),
             qPrintable(text));
    // Closed models are never rows of numbers.
    for (const ScaleModel& m : view.rows())
        for (const ClosedModel& c : closed)
            QVERIFY2(!m.name.startsWith(c.name), qPrintable(m.name));
}

// Close to thirty models: the era filter shows a part, this app's model always; the chart lists
// what the table shows and grows (scrolling) instead of squeezing the bars.
void TestScaleData::eraFilterAndScrollingChart()
{
    ScaleView view;
    view.setModelConfig(moe::test::tinyConfig(), QStringLiteral("tiny"));
    auto* table = view.findChild<QTableWidget*>();
    const qsizetype all = view.rows().size();
    QCOMPARE(view.chartRows().size(), all);
    QCOMPARE(view.chartRows().last(), 0); // the tiny model at the bottom
    view.setEra(ScaleView::Era::From2025);
    int shown = 0;
    for (int r = 0; r < all; ++r) {
        const bool visible = !table->isRowHidden(r);
        shown += visible ? 1 : 0;
        QVERIFY2(visible == (r == 0 || view.rows()[r].year >= 2025), qPrintable(view.rows()[r].name));
        QCOMPARE(view.chartRows().contains(r), visible);
    }
    QCOMPARE(view.chartRows().size(), shown);
    QVERIFY(shown > 10 && shown < all);
    view.setEra(ScaleView::Era::UpTo2024);
    for (const int r : view.chartRows())
        QVERIFY(r == 0 || view.rows()[r].year <= 2024);
    auto* era = view.findChild<QComboBox*>(QStringLiteral("era"));
    QVERIFY(era);
    era->setCurrentIndex(0);
    QCOMPARE(view.chartRows().size(), all);
    // Biggest first, from the top.
    for (int i = 1; i < view.chartRows().size(); ++i)
        QVERIFY(view.rows()[view.chartRows()[i - 1]].totalParameters >=
                view.rows()[view.chartRows()[i]].totalParameters);
    // A big window shows chart, table, calculator and closed models at once.
    view.resize(1600, 1000);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    QVERIFY(!view.findChild<QTabBar*>()->isVisible());
    QVERIFY(table->isVisible() && view.findChild<QWidget*>(QStringLiteral("closedModels"))->isVisible());
    if (const QString shots = qEnvironmentVariable("SCALE_SHOTS"); !shots.isEmpty())
        view.grab().save(shots + QStringLiteral("/scale-en-wide.png"));
}

void TestScaleData::compactPageShowsOneTabAtATime_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("de") << QStringLiteral("de");
}

// At the screenshot size (the page of a 1024x700 window) the page shows chart, table, calculator
// or closed models one at a time, in German too; with SCALE_SHOTS set to a folder it saves each tab
// as a PNG to look at.
void TestScaleData::compactPageShowsOneTabAtATime()
{
    QFETCH(QString, language);
    QTranslator translator;
    if (language != QLatin1String("en")) {
        QVERIFY(translator.load(QStringLiteral(":/i18n/tiny_experts_%1.qm").arg(language)));
        QCoreApplication::installTranslator(&translator);
        QLocale::setDefault(QLocale(language));
    }
    {
        ScaleView view;
        view.setModelConfig(moe::test::tinyConfig(), QStringLiteral("tiny"));
        view.resize(900, 560);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* tabs = view.findChild<QTabBar*>();
        QVERIFY(tabs && tabs->isVisible());
        QCOMPARE(tabs->count(), 4);
        QWidget* parts[] = {view.findChild<QWidget*>(QStringLiteral("scaleChartScroll")),
                            view.findChild<QWidget*>(QStringLiteral("scaleTable")), nullptr,
                            view.findChild<QWidget*>(QStringLiteral("closedModels"))};
        const QString shots = qEnvironmentVariable("SCALE_SHOTS");
        for (int t = 0; t < 4; ++t) {
            tabs->setCurrentIndex(t);
            for (int p : {0, 1, 3})
                QCOMPARE(parts[p]->isVisible(), p == t);
            QCoreApplication::processEvents(); // the layout settles before the picture
            if (!shots.isEmpty())
                view.grab().save(QStringLiteral("%1/scale-%2-tab%3.png").arg(shots, language).arg(t));
        }
        if (language == QLatin1String("de"))
            QVERIFY2(view.closedText().contains(QStringLiteral("Gerücht, nicht bestätigt")),
                     qPrintable(view.closedText()));
    }
    QCoreApplication::removeTranslator(&translator);
    QLocale::setDefault(QLocale::c());
}

void TestScaleData::calculatorFormula()
{
    // total = shared + experts * perExpert, active = shared + used * perExpert.
    const ScaleEstimate e = estimateScale(8, 2, 5.0e9, 1.5e9);
    QCOMPARE(e.totalParameters, 1.5e9 + 8 * 5.0e9);
    QCOMPARE(e.activeParameters, 1.5e9 + 2 * 5.0e9);
    QCOMPARE(e.activeFraction, (1.5e9 + 2 * 5.0e9) / (1.5e9 + 8 * 5.0e9));
    QCOMPARE(e.denseComputeRatio, (1.5e9 + 8 * 5.0e9) / (1.5e9 + 2 * 5.0e9));

    // Mixtral's published pair fits the formula: 46.7B = s + 8p and 12.9B = s + 2p.
    const double p = (46.7e9 - 12.9e9) / 6, s = 12.9e9 - 2 * p;
    const ScaleEstimate mixtral = estimateScale(8, 2, p, s);
    QVERIFY(std::abs(mixtral.totalParameters - 46.7e9) < 1);
    QVERIFY(std::abs(mixtral.activeParameters - 12.9e9) < 1);
    QVERIFY(std::abs(mixtral.denseComputeRatio - 3.62) < 0.01); // "3.6x the compute"

    const ScaleEstimate dense = estimateScale(4, 4, 1e6, 0); // every expert on: a dense model
    QCOMPARE(dense.activeFraction, 1.0);
    QCOMPARE(dense.denseComputeRatio, 1.0);

    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateScale(8, 9, 1e9, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateScale(0, 0, 1e9, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateScale(8, 2, -1, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateScale(8, 2, 0, 0));
}

void TestScaleData::viewShowsThisAppsModel()
{
    const moe::ModelConfig config = moe::test::tinyModel(1)->config();
    ScaleView view;
    QVERIFY2(view.loadErrors().isEmpty(), qPrintable(view.loadErrors().join(QLatin1Char('\n'))));
    view.setModelConfig(config, QStringLiteral("tiny test model"));
    QCOMPARE(view.rows().size(), 28);
    const ScaleModel& app = view.rows().first();
    QCOMPARE(app.totalParameters, static_cast<double>(config.totalParameters()));
    QCOMPARE(*app.activeParameters, static_cast<double>(config.activeParametersPerToken()));
    QCOMPARE(*app.activeParameters, static_cast<double>(moe::routingCost(config).activeParameters));

    // It starts on Mixtral 8x7B, the example the lessons use.
    QCOMPARE(view.rows().at(view.selectedModel()).name, QStringLiteral("Mixtral 8x7B"));
    QVERIFY2(view.headline().contains(QLatin1String("12.9B of 46.7B")), qPrintable(view.headline()));
    QVERIFY2(view.denseComparison().contains(QStringLiteral("3.6\u00d7 the compute of Mixtral 8x7B's 12.9B")),
             qPrintable(view.denseComparison()));
    // The calculator was filled in from Mixtral and reproduces its numbers (to the spin boxes'
    // three decimals of a billion).
    QVERIFY(std::abs(view.calculatorEstimate().totalParameters - 46.7e9) < 0.01e9);
    QVERIFY(std::abs(view.calculatorEstimate().activeParameters - 12.9e9) < 0.01e9);

    for (int r = 0; r < view.rows().size(); ++r) {
        if (view.rows()[r].name == QLatin1String("DeepSeek-V3"))
            view.selectModel(r);
    }
    QVERIFY2(view.headline().contains(QLatin1String("DeepSeek-V3 uses about 5.5% of its weights")),
             qPrintable(view.headline()));

    view.selectModel(0);
    QVERIFY2(view.headline().startsWith(QLatin1String("tiny test model uses about")),
             qPrintable(view.headline()));
    // The calculator fit of this app's model gives back the model's own totals.
    QVERIFY(std::abs(view.calculatorEstimate().totalParameters - app.totalParameters) < 1.0);
    QVERIFY(std::abs(view.calculatorEstimate().activeParameters - *app.activeParameters) < 1.0);

    view.setCalculator(16, 4, 2e9, 3e9);
    const ScaleEstimate shown = view.calculatorEstimate();
    QCOMPARE(shown.totalParameters, 3e9 + 16 * 2e9);
    QCOMPARE(shown.activeParameters, 3e9 + 4 * 2e9);
    // Another unit rewrites the sizes but keeps them.
    auto* unit = view.findChild<QComboBox*>(QStringLiteral("unit"));
    QVERIFY(unit);
    unit->setCurrentIndex(unit->currentIndex() - 1);
    QCOMPARE(view.calculatorEstimate().totalParameters, shown.totalParameters);
    QCOMPARE(view.calculatorEstimate().activeParameters, shown.activeParameters);

    view.resize(1600, 1000);
    const QImage image = view.grab().toImage();
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), 1600);
}

// A file the learner opened (DeepSeek-V2-Lite's features: a dense layer, two shared experts) is a
// row of its own with the counts `info` prints, named as opened and selected.
void TestScaleData::anOpenedFileIsARow()
{
    const moe::ModelConfig config = moe::test::familyConfig(moe::Architecture::Deepseek2);
    ScaleView view;
    view.setModelConfig(config, QStringLiteral("my-deepseek"), /*builtIn=*/false);
    QCOMPARE(view.rows().size(), 28);
    const ScaleModel& row = view.rows().first();
    QCOMPARE(row.name, QStringLiteral("my-deepseek"));
    QCOMPARE(row.totalParameters, static_cast<double>(config.totalParameters()));
    QCOMPARE(*row.activeParameters, static_cast<double>(config.activeParametersPerToken()));
    QCOMPARE(row.sharedExperts.value_or(-1), 2);
    QCOMPARE(row.experts.value_or(-1), config.nExpert);
    QCOMPARE(row.usedPerToken.value_or(-1), config.nExpertUsed);
    QVERIFY2(row.note.contains(QLatin1String("dense")), qPrintable(row.note));
    QCOMPARE(view.selectedModel(), 0);
    QVERIFY2(view.headline().startsWith(QLatin1String("my-deepseek uses about")),
             qPrintable(view.headline()));
    auto* table = view.findChild<QTableWidget*>();
    QVERIFY(table);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("my-deepseek (opened)"));
    QCOMPARE(table->item(0, 5)->text(), QStringLiteral("16 + 2 shared"));
    // Back to the built-in model: named as this app's again, and the tour starts on Mixtral.
    view.setModelConfig(moe::test::tinyConfig(), QStringLiteral("tiny"));
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("tiny (this app)"));
    QCOMPARE(view.rows().at(view.selectedModel()).name, QStringLiteral("Mixtral 8x7B"));
}

QTEST_MAIN(TestScaleData)
#include "tst_scale_data.moc"

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
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

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
    return QJsonObject{{"name", name},       {"year", 2024},        {"total", 10e9},
                       {"active", 2e9},      {"experts", 8},        {"usedPerToken", 2},
                       {"sharedExperts", 0}, {"source", "a paper"}, {"note", ""}};
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
    QCOMPARE(models.size(), 10);

    const ScaleModel* mixtral = find(models, QStringLiteral("Mixtral 8x7B"));
    QVERIFY(mixtral);
    QCOMPARE(mixtral->totalParameters, 46.7e9);
    QVERIFY(mixtral->activeParameters);
    QCOMPARE(*mixtral->activeParameters, 12.9e9);
    QCOMPARE(mixtral->experts, 8);
    QCOMPARE(mixtral->usedPerToken, 2);
    QCOMPARE(mixtral->year, 2023);

    const ScaleModel* deepseek = find(models, QStringLiteral("DeepSeek-V3"));
    QVERIFY(deepseek);
    QCOMPARE(deepseek->totalParameters, 671e9);
    QCOMPARE(*deepseek->activeParameters, 37e9);
    QCOMPARE(deepseek->experts, 256);
    QCOMPARE(deepseek->sharedExperts, 1);
    QCOMPARE(deepseek->usedPerToken, 8);
    QVERIFY(std::abs(*deepseek->activeFraction() - 0.055) < 0.001); // "about 5.5%"

    const ScaleModel* gshard = find(models, QStringLiteral("GShard"));
    QVERIFY(gshard);
    QVERIFY(!gshard->activeParameters); // the source gives no active count: null, not a guess

    for (const ScaleModel& m : models) {
        QVERIFY2(!m.name.contains(QLatin1String("GPT")), "GPT-4 is a rumour, never a row of facts");
        QVERIFY2(!m.source.isEmpty(), qPrintable(m.name));
        if (m.activeParameters)
            QVERIFY2(*m.activeParameters < m.totalParameters, qPrintable(m.name));
    }
    const QString notes = loadScaleNotes(kShipped).join(QLatin1Char(' '));
    QVERIFY(notes.contains(QLatin1String("GPT-4")) && notes.contains(QLatin1String("rumoured")));
}

void TestScaleData::brokenEntryIsNamedAndSkipped_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value"); // Undefined: the field is removed
    QTest::addColumn<QString>("expected"); // in the message besides file, entry and field

    QTest::newRow("missing total") << "total" << QJsonValue(QJsonValue::Undefined) << "is missing";
    QTest::newRow("missing active") << "active" << QJsonValue(QJsonValue::Undefined) << "is missing";
    QTest::newRow("missing source") << "source" << QJsonValue(QJsonValue::Undefined) << "is missing";
    QTest::newRow("experts as text") << "experts" << QJsonValue("eight") << "got the string \"eight\"";
    QTest::newRow("year as text") << "year" << QJsonValue("2024") << "whole number";
    QTest::newRow("fractional experts") << "experts" << QJsonValue(7.5) << "whole number";
    QTest::newRow("negative active") << "active" << QJsonValue(-5) << "got -5";
    QTest::newRow("negative total") << "total" << QJsonValue(-1e9) << "positive number";
    QTest::newRow("zero used") << "usedPerToken" << QJsonValue(0) << "whole number";
    QTest::newRow("more used than experts") << "usedPerToken" << QJsonValue(9) << "must not exceed";
    QTest::newRow("active above total") << "active" << QJsonValue(20e9) << "must not exceed";
    QTest::newRow("negative shared") << "sharedExperts" << QJsonValue(-1) << "whole number";
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
    QCOMPARE(view.rows().size(), 11);
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
    auto* unit = view.findChild<QComboBox*>();
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
    QCOMPARE(view.rows().size(), 11);
    const ScaleModel& row = view.rows().first();
    QCOMPARE(row.name, QStringLiteral("my-deepseek"));
    QCOMPARE(row.totalParameters, static_cast<double>(config.totalParameters()));
    QCOMPARE(*row.activeParameters, static_cast<double>(config.activeParametersPerToken()));
    QCOMPARE(row.sharedExperts, 2);
    QCOMPARE(row.experts, config.nExpert);
    QCOMPARE(row.usedPerToken, config.nExpertUsed);
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

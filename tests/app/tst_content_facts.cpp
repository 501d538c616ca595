// Facts about the built-in model in lessons and quiz: taken from the shipped model file, its recipe
// and its eval report (the model's shape and parameter counts must be the file's own), and filled
// into the texts: names replaced, unknown names reported and kept, "{{ }}" for literal braces, a quiz
// answer given as "{name}" turned into the number.
#include "learn/content_facts.h"
#include "moe/model.h"
#include "moe/train.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestContentFacts : public QObject {
    Q_OBJECT
private slots:
    void modelFactsAreTheShippedFilesOwn()
    {
        const auto model = moe::Model::load(TINY_EXPERTS_SOURCE_DIR "/resources/models/tiny-experts.gguf");
        const moe::ModelConfig& c = model->config();
        const ContentFacts& facts = builtInFactsFor(QStringLiteral("en"));
        QCOMPARE(facts.value("model.layers").value, double(c.nLayer));
        QCOMPARE(facts.value("model.experts").value, double(c.nExpert));
        QCOMPARE(facts.value("model.top_k").value, double(c.nExpertUsed));
        QCOMPARE(facts.value("model.asleep").value, double(c.nExpert - c.nExpertUsed));
        QCOMPARE(facts.value("model.awake_all_layers").value, double(c.nLayer * c.nExpertUsed));
        QCOMPARE(facts.value("model.parameters").value, double(c.totalParameters()));
        QCOMPARE(facts.value("model.active_parameters").value, double(c.activeParametersPerToken()));
        QCOMPARE(facts.value("model.layers").text, QString::number(c.nLayer));
    }

    void recipeFactsAreTheShippedRecipes()
    {
        QFile file(TINY_EXPERTS_SOURCE_DIR "/resources/training/default-model.conf");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const moe::TrainConfig recipe = moe::TrainConfig::fromSettings(
            moe::Settings::parse(file.readAll().toStdString(), "default-model.conf"));
        const ContentFacts& facts = builtInFactsFor(QStringLiteral("en"));
        QCOMPARE(facts.value("recipe.z_loss_weight").value, double(recipe.zLossWeight));
        QCOMPARE(facts.value("recipe.aux_loss_weight").value, double(recipe.auxLossWeight));
        QCOMPARE(facts.value("recipe.steps").value, double(recipe.steps));
        QCOMPARE(facts.value("recipe.aux_loss_weight").text, QString::number(double(recipe.auxLossWeight)));
    }

    void everyFactIsThereInBothLanguages()
    {
        const ContentFacts& en = builtInFactsFor(QStringLiteral("en"));
        const ContentFacts& de = builtInFactsFor(QStringLiteral("de"));
        QVERIFY(en.size() >= 20);
        QCOMPARE(de.keys(), en.keys());
        for (const QString& name : en.keys())
            QCOMPARE(de.value(name).value, en.value(name).value);
        QCOMPARE(de.value("recipe.aux_loss_weight").text, QStringLiteral("0,003")); // German decimals
    }

    void brokenSourcesLeaveFactsOutWithAMessage()
    {
        QStringList errors;
        const ContentFacts facts = builtInFacts(QStringLiteral("no equals sign"), {}, QLocale::c(), &errors);
        QVERIFY(facts.isEmpty());
        QVERIFY2(errors.size() >= 2, qPrintable(errors.join('\n')));
        QVERIFY(errors.join('\n').contains("default-model.conf"));
        QVERIFY(errors.join('\n').contains("config.layers"));
    }

    void fillsNamesKeepsUnknownOnesAndEscapes()
    {
        ContentFacts facts;
        facts.insert("model.top_k", {"2", 2.0});
        QStringList unknown;
        QCOMPARE(fillFacts("k = {model.top_k}, {{literal}} and {nope}", facts, &unknown),
                 QStringLiteral("k = 2, {literal} and {nope}"));
        QCOMPARE(unknown, QStringList{"nope"});
        QCOMPARE(fillFacts("a { b", facts, nullptr), QStringLiteral("a { b"));

        QJsonObject question{{"prompt", "How many of {model.experts}?"},
                             {"answer", "{model.top_k}"},
                             {"choices", QJsonArray{"{model.top_k}", "x"}}};
        QStringList problems;
        fillFacts(question, facts, {"answer"}, "quiz.en.json", &problems);
        QCOMPARE(question["answer"].toDouble(), 2.0);
        QCOMPARE(question["choices"].toArray()[0].toString(), QStringLiteral("2"));
        QCOMPARE(problems, QStringList{"quiz.en.json: prompt: unknown fact {model.experts}"});
    }
};

QTEST_MAIN(TestContentFacts)
#include "tst_content_facts.moc"

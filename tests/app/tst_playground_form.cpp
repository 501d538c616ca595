// The Playground's settings: every preset loads in English and German and trains as it is; bad
// settings (zero experts, top-k above the experts, a width the heads cannot split) are refused in
// the form with a message and Start disabled, never by a crash.
#include "playground/playground_controls.h"
#include "playground/playground_form.h"
#include "playground/playground_page.h"
#include "playground/playground_presets.h"

#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTest>

namespace {

QSpinBox* spinBox(PlaygroundPage& page, const char* key)
{
    return qobject_cast<QSpinBox*>(page.form()->box(QString::fromLatin1(key)));
}

QString problemLine(PlaygroundPage& page)
{
    return page.form()->findChild<QLabel*>(QStringLiteral("problems"))->text();
}

} // namespace

class TestPlaygroundForm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void presetsLoadInBothLanguages_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("English") << QStringLiteral("en");
        QTest::newRow("German") << QStringLiteral("de");
    }
    void presetsLoadInBothLanguages()
    {
        QFETCH(QString, language);
        QStringList errors;
        const QList<PlaygroundPreset> presets =
            loadPlaygroundPresets(language, QStringLiteral(":/playground/presets.json"), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QStringList ids;
        for (const PlaygroundPreset& preset : presets) {
            ids << preset.id;
            QVERIFY(preset.settings.problems().empty());
            // What to watch, never a measured number: those come from the run.
            QVERIFY2(!preset.explanation.contains(QRegularExpression(QStringLiteral("\\d[.,]\\d|%|bits"))),
                     qPrintable(preset.explanation));
        }
        QCOMPARE(ids.value(0), QStringLiteral("balanced")); // the default
        for (const char* id :
             {"no-balancing", "top-1", "four-experts", "sixteen-experts", "more-math", "more-poems", "micro"})
            QVERIFY2(ids.contains(QLatin1String(id)), id);
        const QList<PlaygroundPreset> english = loadPlaygroundPresets(QStringLiteral("en"));
        if (language == QStringLiteral("de"))
            QVERIFY(presets.front().explanation != english.front().explanation);
        QCOMPARE(presets.size(), english.size());
    }

    void presetFillsTheForm()
    {
        PlaygroundPage page;
        QCOMPARE(page.form()->presetId(), QStringLiteral("balanced"));
        QVERIFY(page.applyPreset(QStringLiteral("top-1")));
        QCOMPARE(page.form()->settings().topK, 1);
        QVERIFY(!page.applyPreset(QStringLiteral("no-such-preset")));
        QCOMPARE(page.form()->presetId(), QStringLiteral("top-1"));
        QVERIFY(page.controls()->startButton()->isEnabled());
    }

    void badSettingsAreRefusedWithAMessage_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("zero experts")
            << QStringLiteral("experts") << 0 << QStringLiteral("Experts per layer");
        QTest::newRow("top-k 9 of 8 experts") << QStringLiteral("top_k") << 9 << QStringLiteral("(9)");
        QTest::newRow("width 30 with 4 heads") << QStringLiteral("dim") << 30 << QStringLiteral("(30)");
        QTest::newRow("threads above the batch") << QStringLiteral("threads") << 32 << QStringLiteral("(32)");
    }
    void badSettingsAreRefusedWithAMessage()
    {
        QFETCH(QString, key);
        QFETCH(int, value);
        QFETCH(QString, mentions);
        PlaygroundPage page;
        QVERIFY(page.applyPreset(QStringLiteral("balanced"))); // 8 experts, 4 heads, batch 16
        QSpinBox* box = spinBox(page, key.toLatin1().constData());
        QVERIFY(box);
        if (key == QStringLiteral("threads"))
            spinBox(page, "batch_size")->setValue(2);
        if (key == QStringLiteral("threads"))
            value = std::min(value, box->maximum()); // the most threads the box allows
        box->setValue(value);
        QCOMPARE(box->value(), value); // the box itself lets the learner try it
        QVERIFY(!page.form()->problems().isEmpty());
        QVERIFY2(problemLine(page).contains(key == QStringLiteral("threads") ? QStringLiteral("Threads")
                                                                             : mentions),
                 qPrintable(problemLine(page)));
        QVERIFY(!page.controls()->startButton()->isEnabled());
        page.startTraining(); // as a lesson would: refused, nothing starts
        QVERIFY(!page.isTraining());
        // Fixing it enables Start again.
        QVERIFY(page.applyPreset(QStringLiteral("balanced")));
        QVERIFY(page.form()->problems().isEmpty());
        QVERIFY(page.controls()->startButton()->isEnabled());
    }
};

QTEST_MAIN(TestPlaygroundForm)
#include "tst_playground_form.moc"

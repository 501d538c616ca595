// The preset prompts: the shipped file loads whole; a damaged entry is skipped with an error that
// names the file, the entry and the field, and the good entries around it survive.
#include "json_test_helpers.h"
#include "run/presets.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class TestPresets : public QObject {
    Q_OBJECT
private slots:
    void shippedPresetsLoad();
    void badEntriesAreSkippedAndNamed_data();
    void badEntriesAreSkippedAndNamed();
    void unreadableFileGivesOneError_data();
    void unreadableFileGivesOneError();

private:
    QString write(const QByteArray& json);
    QTemporaryDir m_dir;
};

QString TestPresets::write(const QByteArray& json)
{
    return moe::test::writeTestFile(m_dir.filePath(QStringLiteral("prompts.json")), json);
}

void TestPresets::shippedPresetsLoad()
{
    QStringList errors;
    const QList<Preset> presets = loadPresets(QStringLiteral(":/presets/prompts.json"), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    QVERIFY(presets.size() >= 3);
    const auto math = firstPreset(presets, QStringLiteral("math"));
    const auto poem = firstPreset(presets, QStringLiteral("poem"));
    QVERIFY(math && poem);
    QCOMPARE(math->id, QStringLiteral("math-add"));
    QCOMPARE(poem->id, QStringLiteral("poem-moon"));
    QVERIFY(!firstPreset(presets, QStringLiteral("recipe")));
    for (const Preset& preset : presets)
        QVERIFY(!preset.prompt.isEmpty() && !preset.title.isEmpty());
}

void TestPresets::badEntriesAreSkippedAndNamed_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing prompt") << QByteArray(R"({"id": "x", "kind": "math", "title": "T"})")
                                    << "\"prompt\"";
    QTest::newRow("empty title") << QByteArray(R"({"id": "x", "kind": "math", "title": " ", "prompt": "1"})")
                                 << "\"title\"";
    QTest::newRow("unknown kind") << QByteArray(
                                         R"({"id": "x", "kind": "recipe", "title": "T", "prompt": "p"})")
                                  << "\"kind\" must be one of math, poem, mixed, got the string \"recipe\"";
    QTest::newRow("number as id") << QByteArray(R"({"id": 3, "kind": "math", "title": "T", "prompt": "p"})")
                                  << "\"id\"";
    QTest::newRow("not an object") << QByteArray(R"("just text")") << "must be an object, got the string";
    QTest::newRow("duplicate id") << QByteArray(
                                         R"({"id": "first", "kind": "poem", "title": "T", "prompt": "p"})")
                                  << "\"id\" repeats the preset \"first\"";
}

void TestPresets::badEntriesAreSkippedAndNamed()
{
    QFETCH(QByteArray, entry);
    QFETCH(QString, mentions);
    const QByteArray json = R"({"presets": [
        {"id": "first", "kind": "math", "title": "One", "prompt": "1 + 1 ="},
        )" + entry + R"(,
        {"id": "last", "kind": "mixed", "title": "Three", "prompt": "3 moons"}]})";
    QStringList errors;
    const QList<Preset> presets = loadPresets(write(json), &errors);
    QCOMPARE(presets.size(), 2);
    QCOMPARE(presets[0].id, QStringLiteral("first"));
    QCOMPARE(presets[1].id, QStringLiteral("last"));
    QCOMPARE(errors.size(), 1);
    qInfo("%s", qPrintable(errors[0]));
    QVERIFY2(errors[0].startsWith(QStringLiteral("prompts.json: presets[1]")), qPrintable(errors[0]));
    QVERIFY2(errors[0].contains(mentions), qPrintable(errors[0]));
}

void TestPresets::unreadableFileGivesOneError_data()
{
    QTest::addColumn<QByteArray>("json"); // empty: no file at all
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no file") << QByteArray() << "cannot read";
    QTest::newRow("not JSON") << QByteArray("{\"presets\": [") << "not valid JSON";
    QTest::newRow("no presets array") << QByteArray(R"({"presets": {}})") << "\"presets\" must be an array";
    QTest::newRow("an array at the top") << QByteArray(R"([1, 2])") << "expected a JSON object";
}

void TestPresets::unreadableFileGivesOneError()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const QString path = json.isEmpty() ? m_dir.filePath(QStringLiteral("absent.json")) : write(json);
    QStringList errors;
    QVERIFY(loadPresets(path, &errors).isEmpty());
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains(QFileInfo(path).fileName()), qPrintable(errors[0]));
    QVERIFY2(errors[0].contains(mentions), qPrintable(errors[0]));
    QVERIFY(loadPresets(path).isEmpty()); // no error list: still fine
}

QTEST_MAIN(TestPresets)
#include "tst_presets.moc"

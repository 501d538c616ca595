// The command line of tiny-experts: every option read into AppOptions, and every bad value
// refused with a message that names the option and the value.
#include "shell/app_options.h"

#include <QCoreApplication>
#include <QTest>

namespace {

// Parses `args` after the program name; on failure returns nullopt and the message in *error.
std::optional<AppOptions> parse(const QStringList& args, QString* error)
{
    return parseAppOptions(QStringList{QStringLiteral("tiny-experts")} + args, error);
}

} // namespace

class TestAppOptions : public QObject {
    Q_OBJECT
private slots:
    void noArgumentsGiveTheDefaults();
    void everyOptionIsRead();
    void caseDoesNotMatterForNames();
    void printExportsAreRead();
    void badValuesAreRefused_data();
    void badValuesAreRefused();
};

void TestAppOptions::noArgumentsGiveTheDefaults()
{
    QString error;
    const std::optional<AppOptions> o = parse({}, &error);
    QVERIFY2(o, qPrintable(error));
    QVERIFY(o->prompt.isEmpty() && o->mode.isEmpty() && o->screenshot.isEmpty() && o->modelPath.isEmpty());
    QVERIFY(o->theme.isEmpty() && o->frameLog.isEmpty() && o->language.isEmpty() && o->lesson.isEmpty());
    QVERIFY(o->quizTrack.isEmpty());
    QCOMPARE(o->quitAfterSeconds, 0.0);
    QCOMPARE(o->quizAnswer, -1);
    QVERIFY(!o->quizHint);
    QVERIFY(!o->fullScreen && !o->classroom);
    QVERIFY(o->exportWorksheet.isEmpty() && o->exportQuizTrack.isEmpty() && o->exportQuizFile.isEmpty());
    QVERIFY(!o->quizSeed && !o->exportsOnly());
}

void TestAppOptions::everyOptionIsRead()
{
    QString error;
    const std::optional<AppOptions> o = parse({"--prompt",      "23 + 45 =",
                                               "--mode",        "compare",
                                               "--screenshot",  "/tmp/shot.png",
                                               "--quit-after",  "2.5",
                                               "--model",       "/models/x.gguf",
                                               "--theme",       "dark",
                                               "--frame-log",   "/tmp/frames.txt",
                                               "--fullscreen",  "--classroom",
                                               "--lang",        "de",
                                               "--lesson",      "explorer-many-experts:3",
                                               "--quiz",        "builder",
                                               "--quiz-answer", "2",
                                               "--quiz-hint"},
                                              &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->prompt, QStringLiteral("23 + 45 ="));
    QCOMPARE(o->mode, QStringLiteral("compare"));
    QCOMPARE(o->screenshot, QStringLiteral("/tmp/shot.png"));
    QCOMPARE(o->quitAfterSeconds, 2.5);
    QCOMPARE(o->modelPath, QStringLiteral("/models/x.gguf"));
    QCOMPARE(o->theme, QStringLiteral("dark"));
    QCOMPARE(o->frameLog, QStringLiteral("/tmp/frames.txt"));
    QVERIFY(o->fullScreen);
    QVERIFY(o->classroom);
    QCOMPARE(o->language, QStringLiteral("de"));
    QCOMPARE(o->lesson, QStringLiteral("explorer-many-experts:3"));
    QCOMPARE(o->quizTrack, QStringLiteral("builder"));
    QCOMPARE(o->quizAnswer, 2);
    QVERIFY(o->quizHint);

    for (const char* mode : {"explore", "compare", "scale", "lessons", "quiz"}) {
        const std::optional<AppOptions> m = parse({"--mode", mode}, &error);
        QVERIFY2(m && m->mode == QLatin1String(mode), qPrintable(error));
    }
    for (const char* theme : {"system", "light", "dark", "contrast"}) {
        const std::optional<AppOptions> t = parse({"--theme", theme}, &error);
        QVERIFY2(t && t->theme == QLatin1String(theme), qPrintable(error));
    }
    for (const char* track : {"explorer", "builder", "creator", "live"}) {
        const std::optional<AppOptions> q = parse({"--quiz", track}, &error);
        QVERIFY2(q && q->quizTrack == QLatin1String(track), qPrintable(error));
    }
}

void TestAppOptions::caseDoesNotMatterForNames()
{
    QString error;
    const std::optional<AppOptions> o = parse({"--mode", "Explore", "--theme", "DARK", "--lang", "De",
                                               "--quiz", "Creator", "--screenshot", "Shot.PNG"},
                                              &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->mode, QStringLiteral("explore"));
    QCOMPARE(o->theme, QStringLiteral("dark"));
    QCOMPARE(o->language, QStringLiteral("de"));
    QCOMPARE(o->quizTrack, QStringLiteral("creator"));
    QCOMPARE(o->screenshot, QStringLiteral("Shot.PNG")); // a file name keeps its case
}

void TestAppOptions::printExportsAreRead()
{
    QString error;
    const std::optional<AppOptions> w =
        parse({"--export-worksheet", "/tmp/Sheet.PDF", "--prompt", "2 + 3 =", "--model", "m.gguf"}, &error);
    QVERIFY2(w, qPrintable(error));
    QCOMPARE(w->exportWorksheet, QStringLiteral("/tmp/Sheet.PDF"));
    QCOMPARE(w->prompt, QStringLiteral("2 + 3 ="));
    QVERIFY(w->exportsOnly());
    QVERIFY(w->exportQuizTrack.isEmpty());

    // The file comes after the track, as the one argument of no option; the seed anywhere.
    const std::optional<AppOptions> q = parse(
        {"--export-quiz", "Builder", "/tmp/test.pdf", "--quiz-seed", "4294967295", "--lang", "de"}, &error);
    QVERIFY2(q, qPrintable(error));
    QCOMPARE(q->exportQuizTrack, QStringLiteral("builder"));
    QCOMPARE(q->exportQuizFile, QStringLiteral("/tmp/test.pdf"));
    QCOMPARE(q->quizSeed, std::optional<uint32_t>(4294967295u));
    QVERIFY(q->exportsOnly());
    QVERIFY(q->exportWorksheet.isEmpty());
}

void TestAppOptions::badValuesAreRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions"); // in the error, besides the option's name
    QTest::newRow("mode") << QStringList{"--mode", "draw"} << "--mode must be explore, compare";
    QTest::newRow("theme") << QStringList{"--theme", "pink"} << "--theme must be system, light";
    QTest::newRow("lang") << QStringList{"--lang", "fr"} << "--lang must be en or de, not \"fr\"";
    QTest::newRow("quiz track") << QStringList{"--quiz", "wizard"} << "--quiz must be explorer";
    QTest::newRow("quiz answer 0") << QStringList{"--quiz-answer", "0"} << "--quiz-answer needs a choice";
    QTest::newRow("quiz answer 7") << QStringList{"--quiz-answer", "7"} << "not \"7\"";
    QTest::newRow("quiz answer text") << QStringList{"--quiz-answer", "two"} << "not \"two\"";
    QTest::newRow("quit-after text") << QStringList{"--quit-after", "soon"} << "--quit-after needs";
    QTest::newRow("quit-after zero") << QStringList{"--quit-after", "0"} << "not \"0\"";
    QTest::newRow("quit-after negative") << QStringList{"--quit-after", "-3"} << "not \"-3\"";
    QTest::newRow("quit-after over a day") << QStringList{"--quit-after", "90000"} << "not \"90000\"";
    QTest::newRow("screenshot not png") << QStringList{"--screenshot", "shot.jpg"} << "--screenshot needs";
    QTest::newRow("worksheet not pdf")
        << QStringList{"--export-worksheet", "w.png", "--prompt", "x"} << "--export-worksheet needs a .pdf";
    QTest::newRow("worksheet without prompt")
        << QStringList{"--export-worksheet", "w.pdf"} << "--prompt TEXT";
    QTest::newRow("quiz export track") << QStringList{"--export-quiz", "live", "q.pdf"}
                                       << "--export-quiz must be explorer, builder or creator, not \"live\"";
    QTest::newRow("quiz export no file")
        << QStringList{"--export-quiz", "explorer"} << "--export-quiz TRACK FILE.pdf";
    QTest::newRow("quiz export not pdf") << QStringList{"--export-quiz", "explorer", "q.txt"} << "FILE.pdf";
    QTest::newRow("quiz export two files")
        << QStringList{"--export-quiz", "explorer", "a.pdf", "b.pdf"} << "one .pdf file";
    QTest::newRow("quiz seed text") << QStringList{"--quiz-seed", "abc"}
                                    << "--quiz-seed needs a whole number";
    QTest::newRow("quiz seed too big") << QStringList{"--quiz-seed", "4294967296"} << "not \"4294967296\"";
    QTest::newRow("quiz seed negative") << QStringList{"--quiz-seed", "-1"} << "not \"-1\"";
    QTest::newRow("unknown option") << QStringList{"--colour", "red"} << "colour";
    QTest::newRow("value missing") << QStringList{"--prompt"} << "prompt";
}

void TestAppOptions::badValuesAreRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    QString error;
    const std::optional<AppOptions> o = parse(args, &error);
    QVERIFY2(!o, qPrintable(args.join(QLatin1Char(' '))));
    qInfo("%s", qPrintable(error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestAppOptions)
#include "tst_app_options.moc"

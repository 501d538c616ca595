// Lesson files are checked field by field: each broken lesson is left out with a message naming the
// file, the lesson and the field, and the rest still loads; translations are completed from English;
// hostile JSON never crashes the loader.
#include "json_test_helpers.h"
#include "learn/lesson_book.h"
#include "learn/translated_content.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <random>

namespace {

using moe::test::parseObject;
using moe::test::patched;

// A valid file: two tracks, three lessons; lessons[1] ("b-two") is the one the cases break.
QJsonObject validBook()
{
    return parseObject(R"({
      "language": "xx",
      "tracks": [
        {"id": "explorer", "title": "Explorer", "audience": "Ages 8 to 11", "description": "Tiny experts."},
        {"id": "builder", "title": "Builder", "audience": "Teens", "description": "Total and active."}
      ],
      "lessons": [
        {"id": "e-one", "track": "explorer", "title": "One", "objective": "See experts.", "level": 1,
         "prerequisite": "",
         "steps": [{"title": "Meet", "text": "Hello.\n\nTwo paragraphs."}]},
        {"id": "b-two", "track": "builder", "title": "Two", "objective": "Guess experts.", "level": 2,
         "prerequisite": "e-one",
         "steps": [
           {"title": "Run", "text": "Watch.",
            "action": {"mode": "explore", "prompt": "23 + 45 =", "run": true, "pauseAfterTokens": 3,
                       "layer": 2, "expert": 4}},
           {"title": "Guess", "text": "Which?",
            "predict": {"layer": 1, "question": "Which experts wake up in layer 1?"}},
           {"title": "Compare", "text": "Math and poems.",
            "action": {"mode": "compare", "prompt": "1 + 1 =", "poemPrompt": "Roses are", "run": true}},
           {"title": "Experiment", "text": "One expert per token.", "action": {"mode": "explore", "topK": 1},
            "belief": {"id": "math-expert", "phase": "after", "question": "A math expert?",
                       "choices": ["Yes", "Partly", "No"], "reveal": "Partly: {{measured}}."}}
         ]},
        {"id": "b-three", "track": "builder", "title": "Three", "objective": "Scale.", "level": 3,
         "steps": [{"title": "Scale", "text": "Big models.", "action": {"mode": "scale"}}]}
      ]
    })");
}

QJsonObject withLesson(QJsonObject book, int index, const QJsonValue& lesson)
{
    QJsonArray lessons = book.value(QStringLiteral("lessons")).toArray();
    lessons[index] = lesson;
    book.insert(QStringLiteral("lessons"), lessons);
    return book;
}

QJsonObject lessonAt(const QJsonObject& book, int index)
{
    return book.value(QStringLiteral("lessons")).toArray().at(index).toObject();
}

// The lesson "b-two" with steps[step] patched (or the action / predict inside it, by `part`).
QJsonObject stepPatched(int step, const char* part, const QByteArray& fragment)
{
    QJsonObject lesson = lessonAt(validBook(), 1);
    QJsonArray steps = lesson.value(QStringLiteral("steps")).toArray();
    QJsonObject stepObject = steps[step].toObject();
    if (QByteArray(part).isEmpty())
        stepObject = patched(stepObject, fragment);
    else
        stepObject.insert(QLatin1String(part),
                          patched(stepObject.value(QLatin1String(part)).toObject(), fragment));
    steps[step] = stepObject;
    lesson.insert(QStringLiteral("steps"), steps);
    return lesson;
}

} // namespace

class TestLessonBook : public QObject {
    Q_OBJECT
private slots:
    void init();
    void validFileLoadsEveryField();
    void brokenLessonIsNamedAndDropped_data();
    void brokenLessonIsNamedAndDropped();
    void brokenStepIsNamedWithItsPlace_data();
    void brokenStepIsNamedWithItsPlace();
    void predictNeedsAPausedRun();
    void droppedPrerequisiteDropsItsLesson();
    void prerequisiteCycleIsRefused();
    void unknownFieldIsReportedButKept();
    void brokenTrackIsDropped();
    void unreadableFileGivesOneMessage_data();
    void unreadableFileGivesOneMessage();
    void hostileJsonNeverCrashes();
    void translationFallsBackToEnglish();
    void translationThatActsDifferentlyIsReplaced();
    void unknownLanguageGivesEnglish();
    void lookups();
    void beliefIsRead();

private:
    QString write(const QJsonObject& book, const QString& name = QStringLiteral("lessons.xx.json"));
    QString writeBytes(const QByteArray& bytes, const QString& name);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLessonBook::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestLessonBook::writeBytes(const QByteArray& bytes, const QString& name)
{
    return moe::test::writeTestFile(m_dir->filePath(name), bytes);
}

QString TestLessonBook::write(const QJsonObject& book, const QString& name)
{
    return writeBytes(QJsonDocument(book).toJson(), name);
}

void TestLessonBook::validFileLoadsEveryField()
{
    QStringList errors;
    const LessonBook book = loadLessonBook(write(validBook()), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    QCOMPARE(book.language, QStringLiteral("xx"));
    QCOMPARE(book.tracks.size(), 2);
    QCOMPARE(book.tracks[1].audience, QStringLiteral("Teens"));
    QCOMPARE(book.lessons.size(), 3);
    const Lesson& lesson = book.lessons[1];
    QCOMPARE(lesson.id, QStringLiteral("b-two"));
    QCOMPARE(lesson.level, 2);
    QCOMPARE(lesson.prerequisite, QStringLiteral("e-one"));
    QCOMPARE(lesson.steps.size(), 4);
    const LessonAction& run = lesson.steps[0].action;
    QCOMPARE(run.mode, LessonAction::Mode::Explore);
    QCOMPARE(run.prompt, QStringLiteral("23 + 45 ="));
    QVERIFY(run.run);
    QCOMPARE(run.pauseAfterTokens, 3);
    QCOMPARE(run.layer, 1);  // 2 in the file
    QCOMPARE(run.expert, 3); // 4 in the file
    QCOMPARE(run.topK, -1);
    QCOMPARE(lesson.steps[3].action.topK, 1);
    QVERIFY(!lesson.steps[3].action.run);
    QVERIFY(!lesson.steps[0].predict);
    QCOMPARE(lesson.steps[1].action.mode, LessonAction::Mode::None);
    QCOMPARE(lesson.steps[1].action.layer, -1);
    QVERIFY(lesson.steps[1].predict.has_value());
    QCOMPARE(lesson.steps[1].predict->layer, 0);
    QCOMPARE(lesson.steps[2].action.mode, LessonAction::Mode::Compare);
    QCOMPARE(lesson.steps[2].action.poemPrompt, QStringLiteral("Roses are"));
    QCOMPARE(lesson.steps[2].action.pauseAfterTokens, -1);
    QCOMPARE(book.lessons[2].steps[0].action.mode, LessonAction::Mode::Scale);
    QCOMPARE(book.lessons[2].prerequisite, QString());
    QCOMPARE(book.lessons[0].steps[0].text, QStringLiteral("Hello.\n\nTwo paragraphs."));
}

void TestLessonBook::brokenLessonIsNamedAndDropped_data()
{
    QTest::addColumn<QByteArray>("fragment");
    QTest::addColumn<QString>("field");
    QTest::newRow("level too high") << QByteArray(R"({"level": 7})") << "\"level\"";
    QTest::newRow("level fractional") << QByteArray(R"({"level": 2.5})") << "\"level\"";
    QTest::newRow("level a string") << QByteArray(R"({"level": "2"})") << "\"level\"";
    QTest::newRow("level huge") << QByteArray(R"({"level": 1e300})") << "\"level\"";
    QTest::newRow("level missing") << QByteArray(R"({"level": "<delete>"})") << "\"level\"";
    QTest::newRow("goals empty") << QByteArray(R"({"goals": []})") << "\"goals\"";
    QTest::newRow("five goals") << QByteArray(R"({"goals": ["a", "b", "c", "d", "e"]})") << "\"goals\"";
    QTest::newRow("goal blank") << QByteArray(R"({"goals": ["read the grid", " "]})") << "\"goals[1]\"";
    QTest::newRow("minutes zero") << QByteArray(R"({"minutes": 0})") << "\"minutes\"";
    QTest::newRow("minutes a string") << QByteArray(R"({"minutes": "10"})") << "\"minutes\"";
    QTest::newRow("recap a number") << QByteArray(R"({"recap": 3})") << "\"recap\"";
    QTest::newRow("id with capitals") << QByteArray(R"({"id": "Bad Id"})") << "\"id\"";
    QTest::newRow("id a number") << QByteArray(R"({"id": 12})") << "\"id\"";
    QTest::newRow("id repeated") << QByteArray(R"({"id": "e-one", "prerequisite": ""})") << "\"id\"";
    QTest::newRow("track unknown") << QByteArray(R"({"track": "wizard"})") << "\"track\"";
    QTest::newRow("track not in the file") << QByteArray(R"({"track": "creator"})") << "\"track\"";
    QTest::newRow("title empty") << QByteArray(R"({"title": "  "})") << "\"title\"";
    QTest::newRow("objective a number") << QByteArray(R"({"objective": 42})") << "\"objective\"";
    QTest::newRow("prerequisite unknown") << QByteArray(R"({"prerequisite": "nope"})") << "\"prerequisite\"";
    QTest::newRow("prerequisite itself") << QByteArray(R"({"prerequisite": "b-two"})") << "\"prerequisite\"";
    QTest::newRow("prerequisite a list")
        << QByteArray(R"({"prerequisite": ["e-one"]})") << "\"prerequisite\"";
    QTest::newRow("steps empty") << QByteArray(R"({"steps": []})") << "\"steps\"";
    QTest::newRow("steps an object") << QByteArray(R"({"steps": {}})") << "\"steps\"";
    QTest::newRow("steps missing") << QByteArray(R"({"steps": "<delete>"})") << "\"steps\"";
}

void TestLessonBook::brokenLessonIsNamedAndDropped()
{
    QFETCH(QByteArray, fragment);
    QFETCH(QString, field);
    const QJsonObject book = withLesson(validBook(), 1, patched(lessonAt(validBook(), 1), fragment));
    QStringList errors;
    const LessonBook loaded = loadLessonBook(write(book), &errors);
    QCOMPARE(errors.size(), 1);
    const QString& message = errors.first();
    QVERIFY2(message.startsWith(QStringLiteral("lessons.xx.json: lessons[1]")), qPrintable(message));
    QVERIFY2(!message.contains(m_dir->path()), qPrintable(message)); // the file name, not the whole path
    QVERIFY2(message.contains(field), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("must")) || message.contains(QStringLiteral("missing")) ||
                 message.contains(QStringLiteral("repeats")) || message.contains(QStringLiteral("not")) ||
                 message.contains(QStringLiteral("names")),
             qPrintable(message));
    QCOMPARE(loaded.lessons.size(), 2); // the rest still loads
    QCOMPARE(loaded.lessons[0].id, QStringLiteral("e-one"));
    QCOMPARE(loaded.lessons[1].id, QStringLiteral("b-three"));
}

void TestLessonBook::brokenStepIsNamedWithItsPlace_data()
{
    QTest::addColumn<int>("step");
    QTest::addColumn<QByteArray>("part");
    QTest::addColumn<QByteArray>("fragment");
    QTest::addColumn<QString>("field");
    QTest::newRow("title missing") << 0 << QByteArray() << QByteArray(R"({"title": "<delete>"})")
                                   << "\"title\"";
    QTest::newRow("text a list") << 2 << QByteArray() << QByteArray(R"({"text": ["a"]})") << "\"text\"";
    QTest::newRow("action a string") << 0 << QByteArray() << QByteArray(R"({"action": "explore"})")
                                     << "\"action\"";
    QTest::newRow("mode unknown") << 0 << QByteArray("action") << QByteArray(R"({"mode": "dance"})")
                                  << "\"action.mode\"";
    QTest::newRow("pause zero") << 0 << QByteArray("action") << QByteArray(R"({"pauseAfterTokens": 0})")
                                << "\"action.pauseAfterTokens\"";
    QTest::newRow("pause without run")
        << 0 << QByteArray("action") << QByteArray(R"({"run": false})") << "\"action.pauseAfterTokens\"";
    QTest::newRow("run a string") << 0 << QByteArray("action") << QByteArray(R"({"run": "yes"})")
                                  << "\"action.run\"";
    QTest::newRow("layer zero") << 0 << QByteArray("action") << QByteArray(R"({"layer": 0})")
                                << "\"action.layer\"";
    QTest::newRow("expert negative") << 0 << QByteArray("action") << QByteArray(R"({"expert": -1})")
                                     << "\"action.expert\"";
    QTest::newRow("topK huge") << 0 << QByteArray("action") << QByteArray(R"({"topK": 1e19})")
                               << "\"action.topK\"";
    QTest::newRow("poem prompt on explore")
        << 0 << QByteArray("action") << QByteArray(R"({"poemPrompt": "Roses"})") << "\"action.poemPrompt\"";
    QTest::newRow("topK on compare") << 2 << QByteArray("action") << QByteArray(R"({"topK": 2})")
                                     << "\"action.topK\"";
    QTest::newRow("prompt empty") << 2 << QByteArray("action") << QByteArray(R"({"prompt": ""})")
                                  << "\"action.prompt\"";
    QTest::newRow("predict layer a word")
        << 1 << QByteArray("predict") << QByteArray(R"({"layer": "two"})") << "\"predict.layer\"";
    QTest::newRow("predict question empty")
        << 1 << QByteArray("predict") << QByteArray(R"({"question": ""})") << "\"predict.question\"";
    QTest::newRow("predict not an object")
        << 1 << QByteArray() << QByteArray(R"({"predict": true})") << "\"predict\"";
    QTest::newRow("belief phase unknown")
        << 3 << QByteArray("belief") << QByteArray(R"({"phase": "later"})") << "\"belief.phase\"";
    QTest::newRow("belief one choice")
        << 3 << QByteArray("belief") << QByteArray(R"({"choices": ["Yes"]})") << "\"belief.choices\"";
    QTest::newRow("belief empty choice")
        << 3 << QByteArray("belief") << QByteArray(R"({"choices": ["Yes", " "]})") << "\"belief.choices\"";
    QTest::newRow("belief after without reveal")
        << 3 << QByteArray("belief") << QByteArray(R"({"reveal": "<delete>"})") << "\"belief.reveal\"";
    QTest::newRow("belief id not an id")
        << 3 << QByteArray("belief") << QByteArray(R"({"id": "Math Expert"})") << "\"belief.id\"";
}

void TestLessonBook::brokenStepIsNamedWithItsPlace()
{
    QFETCH(int, step);
    QFETCH(QByteArray, part);
    QFETCH(QByteArray, fragment);
    QFETCH(QString, field);
    const QJsonObject book = withLesson(validBook(), 1, stepPatched(step, part.constData(), fragment));
    QStringList errors;
    const LessonBook loaded = loadLessonBook(write(book), &errors);
    QCOMPARE(errors.size(), 1);
    const QString expectedStart =
        QStringLiteral("lessons.xx.json: lessons[1] (\"b-two\"), steps[%1]: ").arg(step);
    QVERIFY2(errors.first().startsWith(expectedStart), qPrintable(errors.first()));
    QVERIFY2(errors.first().contains(field), qPrintable(errors.first()));
    QCOMPARE(loaded.lessons.size(), 2);
    QVERIFY(!loaded.lesson(QStringLiteral("b-two")));
}

void TestLessonBook::predictNeedsAPausedRun()
{
    // A run that goes to the end: nothing is paused to guess about.
    QJsonObject book =
        withLesson(validBook(), 1, stepPatched(0, "action", R"({"pauseAfterTokens": "<delete>"})"));
    QStringList errors;
    LessonBook loaded = loadLessonBook(write(book), &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(QStringLiteral("steps[1]: \"predict\" needs a paused run")),
             qPrintable(errors.first()));
    QCOMPARE(loaded.lessons.size(), 2);

    // The paused run is on screen, then a compare step hides it: a guess after that is refused.
    QJsonObject lesson = lessonAt(validBook(), 1);
    QJsonArray steps = lesson.value(QStringLiteral("steps")).toArray();
    steps.append(steps[1]); // a second prediction after the compare step
    lesson.insert(QStringLiteral("steps"), steps);
    errors.clear();
    loaded = loadLessonBook(write(withLesson(validBook(), 1, lesson)), &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(QStringLiteral("steps[4]: \"predict\" needs a paused run")),
             qPrintable(errors.first()));

    // A guess under a top-k experiment would be marked against another number of experts.
    errors.clear();
    loaded = loadLessonBook(write(withLesson(validBook(), 1, stepPatched(0, "action", R"({"topK": 2})"))),
                            &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(
        errors.first().contains(QStringLiteral("steps[1]: \"predict\" cannot follow a \"topK\" experiment")),
        qPrintable(errors.first()));

    // The prediction in the very step that pauses the run is fine, and so are two guesses in a row.
    lesson = lessonAt(validBook(), 1);
    steps = lesson.value(QStringLiteral("steps")).toArray();
    QJsonObject first = steps[0].toObject();
    first.insert(QStringLiteral("predict"), steps[1].toObject().value(QStringLiteral("predict")));
    steps[0] = first;
    steps.insert(2, steps[1]);
    lesson.insert(QStringLiteral("steps"), steps);
    errors.clear();
    loaded = loadLessonBook(write(withLesson(validBook(), 1, lesson)), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    QCOMPARE(loaded.lessons.size(), 3);
    QVERIFY(loaded.lessons[1].steps[0].predict.has_value());
    QVERIFY(loaded.lessons[1].steps[2].predict.has_value());
}

void TestLessonBook::droppedPrerequisiteDropsItsLesson()
{
    // b-three needs b-two, which is broken: b-three cannot be started either.
    QJsonObject book = withLesson(validBook(), 1, patched(lessonAt(validBook(), 1), R"({"level": 0})"));
    book = withLesson(book, 2, patched(lessonAt(book, 2), R"({"prerequisite": "b-two"})"));
    QStringList errors;
    const LessonBook loaded = loadLessonBook(write(book), &errors);
    QCOMPARE(errors.size(), 2);
    QVERIFY2(
        errors[1].startsWith(QStringLiteral("lessons.xx.json: lessons[2] (\"b-three\"): \"prerequisite\"")),
        qPrintable(errors[1]));
    QCOMPARE(loaded.lessons.size(), 1);
    QCOMPARE(loaded.lessons[0].id, QStringLiteral("e-one"));
}

void TestLessonBook::prerequisiteCycleIsRefused()
{
    QJsonObject book =
        withLesson(validBook(), 0, patched(lessonAt(validBook(), 0), R"({"prerequisite": "b-three"})"));
    book = withLesson(book, 2, patched(lessonAt(book, 2), R"({"prerequisite": "b-two"})"));
    QStringList errors;
    const LessonBook loaded = loadLessonBook(write(book), &errors);
    QCOMPARE(errors.size(), 3);
    for (const QString& error : std::as_const(errors))
        QVERIFY2(error.contains(QStringLiteral("circle")), qPrintable(error));
    QVERIFY(loaded.lessons.isEmpty());
}

void TestLessonBook::unknownFieldIsReportedButKept()
{
    QJsonObject book = withLesson(validBook(), 1, stepPatched(0, "action", R"({"pauseAfterToken": 2})"));
    book.insert(QStringLiteral("comment"), QStringLiteral("hi"));
    QStringList errors;
    const LessonBook loaded = loadLessonBook(write(book), &errors);
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors[0].contains(QStringLiteral("\"comment\" is not a known field")), qPrintable(errors[0]));
    QVERIFY2(errors[1].startsWith(QStringLiteral("lessons.xx.json: lessons[1] (\"b-two\"), steps[0]: "
                                                 "\"action.pauseAfterToken\" is not a known field")),
             qPrintable(errors[1]));
    QCOMPARE(loaded.lessons.size(), 3);
}

void TestLessonBook::brokenTrackIsDropped()
{
    QJsonObject book = validBook();
    QJsonArray tracks = book.value(QStringLiteral("tracks")).toArray();
    tracks.append(parseObject(R"({"id": "wizards", "title": "W", "audience": "All", "description": "No."})"));
    tracks.append(tracks[0]);                                     // a repeated id
    tracks[1] = patched(tracks[1].toObject(), R"({"title": 3})"); // builder broken: its lessons go too
    book.insert(QStringLiteral("tracks"), tracks);
    QStringList errors;
    const LessonBook loaded = loadLessonBook(write(book), &errors);
    QCOMPARE(loaded.tracks.size(), 1);
    QVERIFY2(errors[0].startsWith(QStringLiteral("lessons.xx.json: tracks[1] (\"builder\"): \"title\"")),
             qPrintable(errors[0]));
    QVERIFY2(errors[1].startsWith(QStringLiteral("lessons.xx.json: tracks[2] (\"wizards\"): \"id\"")),
             qPrintable(errors[1]));
    QVERIFY2(
        errors[2].startsWith(QStringLiteral("lessons.xx.json: tracks[3] (\"explorer\"): \"id\" repeats")),
        qPrintable(errors[2]));
    QCOMPARE(errors.size(), 5); // and the two builder lessons
    QCOMPARE(loaded.lessons.size(), 1);
}

void TestLessonBook::unreadableFileGivesOneMessage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("says");
    QTest::newRow("not JSON") << QByteArray("{\"language\": \"xx\", ") << "not valid JSON";
    QTest::newRow("empty") << QByteArray() << "not valid JSON";
    QTest::newRow("an array") << QByteArray("[1, 2]") << "expected a JSON object";
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4) << "not valid JSON";
    QTest::newRow("NaN") << QByteArray(R"({"language": "xx", "tracks": [], "lessons": [NaN]})")
                         << "not valid JSON";
    QTest::newRow("lists missing") << QByteArray(R"({"language": "xx"})") << "\"tracks\" is missing";
    QTest::newRow("lessons not a list")
        << QByteArray(R"({"language": "xx", "tracks": [], "lessons": 3})") << "\"lessons\" must be an array";
}

void TestLessonBook::unreadableFileGivesOneMessage()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, says);
    QStringList errors;
    const LessonBook book = loadLessonBook(writeBytes(bytes, QStringLiteral("lessons.xx.json")), &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(QStringLiteral("lessons.xx.json: ")), qPrintable(errors.first()));
    QVERIFY2(errors.first().contains(says), qPrintable(errors.first()));
    QVERIFY(book.tracks.isEmpty());
    QVERIFY(book.lessons.isEmpty());

    errors.clear();
    QVERIFY(loadLessonBook(m_dir->filePath(QStringLiteral("absent.json")), &errors).lessons.isEmpty());
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(QStringLiteral("absent.json: cannot read")),
             qPrintable(errors.first()));
}

void TestLessonBook::hostileJsonNeverCrashes()
{
    // Deep nesting, then every field of every level replaced by values of the wrong kind.
    QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
    QStringList errors;
    QVERIFY(loadLessonBook(writeBytes(deep, QStringLiteral("deep.json")), &errors).lessons.isEmpty());
    QCOMPARE(errors.size(), 1);
    deep = R"({"language": "xx", "tracks": [], "lessons": [)" + QByteArray(5000, '{') +
           QByteArray(5000, '}') + "]}";
    errors.clear();
    loadLessonBook(writeBytes(deep, QStringLiteral("deep2.json")), &errors);
    QCOMPARE(errors.size(), 1);

    const QList<QJsonValue> junk = {QJsonValue(),
                                    QJsonValue(true),
                                    QJsonValue(-1),
                                    QJsonValue(1e308),
                                    QJsonValue(-1e308),
                                    QJsonValue(2147483648.0),
                                    QJsonValue(0.5),
                                    QJsonValue(QString()),
                                    QJsonValue(QStringLiteral("x")),
                                    QJsonValue(QJsonArray{1, 2}),
                                    QJsonValue(QJsonObject{{"a", 1}})};
    const uint32_t seed = 20240611;
    qInfo("seed %u", seed);
    std::mt19937 rng(seed);
    for (int round = 0; round < 300; ++round) {
        QJsonObject book = validBook();
        QJsonObject lesson = lessonAt(book, 1);
        QJsonArray steps = lesson.value(QStringLiteral("steps")).toArray();
        const int s = static_cast<int>(rng() % steps.size());
        QJsonObject step = steps[s].toObject();
        QJsonObject action = step.value(QStringLiteral("action")).toObject();
        const QJsonValue value = junk[static_cast<int>(rng() % junk.size())];
        const QStringList actionFields = {"mode",  "prompt", "poemPrompt", "run", "pauseAfterTokens",
                                          "layer", "expert", "topK"};
        const QStringList lessonFields = {"id",    "track",        "title", "objective",
                                          "level", "prerequisite", "steps"};
        switch (rng() % 5) {
        case 0:
            action.insert(actionFields[static_cast<int>(rng() % actionFields.size())], value);
            step.insert(QStringLiteral("action"), action);
            break;
        case 1:
            step.insert(QStringList{"title", "text", "action", "predict"}[static_cast<int>(rng() % 4)],
                        value);
            break;
        case 2:
            lesson.insert(lessonFields[static_cast<int>(rng() % lessonFields.size())], value);
            break;
        case 3:
            book.insert(QStringList{"language", "tracks", "lessons"}[static_cast<int>(rng() % 3)], value);
            break;
        default:
            steps[s] = value;
            break;
        }
        if (steps[s].isObject())
            steps[s] = step;
        if (lesson.value(QStringLiteral("steps")).isArray())
            lesson.insert(QStringLiteral("steps"), steps);
        if (book.value(QStringLiteral("lessons")).isArray())
            book = withLesson(book, 1, lesson);
        errors.clear();
        const LessonBook loaded = loadLessonBook(write(book), &errors);
        for (const QString& error : std::as_const(errors))
            QVERIFY2(error.startsWith(QStringLiteral("lessons.xx.json: ")), qPrintable(error));
        for (const Lesson& l : loaded.lessons) { // whatever loads keeps the promised shape
            QVERIFY(l.level >= 1 && l.level <= 3);
            QVERIFY(!l.steps.isEmpty());
            for (const LessonStep& st : l.steps) {
                QVERIFY(st.action.layer >= -1 && st.action.expert >= -1);
                QVERIFY(st.action.pauseAfterTokens == -1 || st.action.pauseAfterTokens >= 1);
                QVERIFY(!st.predict || st.predict->layer >= 0);
            }
        }
        QVERIFY(loaded.lessons.size() <= 3);
    }
}

void TestLessonBook::translationFallsBackToEnglish()
{
    const QString english = write(validBook(), QStringLiteral("lessons.en.json"));
    QJsonObject translation = validBook();
    QJsonArray lessons = translation.value(QStringLiteral("lessons")).toArray();
    QJsonObject first = lessons[0].toObject();
    first.insert(QStringLiteral("title"), QStringLiteral("Eins"));
    QJsonObject third = lessons[2].toObject();
    third.insert(QStringLiteral("title"), QStringLiteral("Drei"));
    QJsonObject extra = first;
    extra.insert(QStringLiteral("id"), QStringLiteral("only-here"));
    // The translation lists its lessons in another order, lacks "b-two" and has one English lacks.
    translation.insert(QStringLiteral("lessons"), QJsonArray{third, extra, first});
    QJsonArray tracks = translation.value(QStringLiteral("tracks")).toArray();
    QJsonObject explorer = tracks[0].toObject();
    explorer.insert(QStringLiteral("title"), QStringLiteral("Entdecker"));
    translation.insert(QStringLiteral("tracks"), QJsonArray{explorer}); // builder missing
    const QString translated = write(translation, QStringLiteral("lessons.de.json"));

    QStringList errors;
    const LessonBook book = loadLessonsFrom(english, translated, QStringLiteral("de"), &errors);
    QCOMPARE(book.language, QStringLiteral("de"));
    QCOMPARE(book.tracks.size(), 2);
    QCOMPARE(book.tracks[0].title, QStringLiteral("Entdecker"));
    QCOMPARE(book.tracks[1].title, QStringLiteral("Builder"));
    QCOMPARE(book.lessons.size(), 3); // the English ids in the English order
    QCOMPARE(book.lessons[0].id, QStringLiteral("e-one"));
    QCOMPARE(book.lessons[0].title, QStringLiteral("Eins"));
    QCOMPARE(book.lessons[1].id, QStringLiteral("b-two"));
    QCOMPARE(book.lessons[1].title, QStringLiteral("Two"));
    QCOMPARE(book.lessons[2].id, QStringLiteral("b-three"));
    QCOMPARE(book.lessons[2].title, QStringLiteral("Three"));
    const QString all = errors.join('\n');
    // Its track is missing in the translation, so the translated b-three is refused.
    QVERIFY2(all.contains(QStringLiteral("lessons.de.json: lessons[0] (\"b-three\"): \"track\"")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("lessons.de.json: the lesson \"b-two\" is missing")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("lessons.de.json: the lesson \"b-three\" is missing or broken")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("lessons.de.json: the track \"builder\" is missing")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("\"only-here\" is not in lessons.en.json")), qPrintable(all));
    QCOMPARE(errors.size(), 5);

    // A translation that cannot be parsed: one message and the English book.
    errors.clear();
    const QString broken = writeBytes("{nope", QStringLiteral("lessons.fr.json"));
    const LessonBook fallback = loadLessonsFrom(english, broken, QStringLiteral("fr"), &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(QStringLiteral("lessons.fr.json: not valid JSON")),
             qPrintable(errors.first()));
    QCOMPARE(fallback.language, QStringLiteral("en"));
    QCOMPARE(fallback.lessons.size(), 3);
    QCOMPARE(fallback.lessons[0].title, QStringLiteral("One"));
}

void TestLessonBook::translationThatActsDifferentlyIsReplaced()
{
    const QString english = write(validBook(), QStringLiteral("lessons.en.json"));
    QJsonObject translation = withLesson(validBook(), 1, stepPatched(0, "action", R"({"layer": 1})"));
    translation = withLesson(translation, 2, patched(lessonAt(translation, 2), R"({"title": "Drei"})"));
    QStringList errors;
    const LessonBook book = loadLessonsFrom(english, write(translation, QStringLiteral("lessons.de.json")),
                                            QStringLiteral("de"), &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(
        errors.first().contains(QStringLiteral("\"b-two\" does not match English (steps[0]: the action")),
        qPrintable(errors.first()));
    QCOMPARE(book.lessons[1].steps[0].action.layer, 1); // English: layer 2
    QCOMPARE(book.lessons[2].title, QStringLiteral("Drei"));
}

void TestLessonBook::unknownLanguageGivesEnglish()
{
    // The shipped English book, whatever it holds now, is what an unknown language gets.
    QStringList englishErrors, errors;
    const LessonBook english = loadLessonsFor(QStringLiteral("en"), &englishErrors);
    for (const QString& language :
         {QStringLiteral("xx"), QStringLiteral("../lessons/lessons.en"), QString()}) {
        errors.clear();
        const LessonBook book = loadLessonsFor(language, &errors);
        QCOMPARE(book.language, QStringLiteral("en"));
        QCOMPARE(errors, englishErrors);
        QCOMPARE(book.lessons.size(), english.lessons.size());
        for (qsizetype i = 0; i < book.lessons.size(); ++i)
            QCOMPARE(book.lessons[i].title, english.lessons[i].title);
    }
}

void TestLessonBook::lookups()
{
    const LessonBook book = loadLessonBook(write(validBook()));
    QVERIFY(book.lesson(QStringLiteral("b-three")));
    QCOMPARE(book.lesson(QStringLiteral("b-three"))->level, 3);
    QVERIFY(!book.lesson(QStringLiteral("nope")));
    QCOMPARE(book.lessonsOf(QStringLiteral("builder")).size(), 2);
    QCOMPARE(book.lessonsOf(QStringLiteral("builder"))[1]->id, QStringLiteral("b-three"));
    QVERIFY(book.lessonsOf(QStringLiteral("creator")).isEmpty());
    QVERIFY(book.track(QStringLiteral("explorer")));
    QVERIFY(!book.track(QStringLiteral("creator")));
}

void TestLessonBook::beliefIsRead()
{
    QStringList errors;
    const LessonBook book = loadLessonBook(write(validBook()), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    const auto& belief = book.lessons[1].steps[3].belief;
    QVERIFY(belief.has_value());
    QCOMPARE(belief->id, QStringLiteral("math-expert"));
    QVERIFY(belief->after);
    QCOMPARE(belief->choices, (QStringList{"Yes", "Partly", "No"}));
    QCOMPARE(belief->reveal, QStringLiteral("Partly: {measured}."));
    QVERIFY(!book.lessons[1].steps[2].belief.has_value());
}

QTEST_GUILESS_MAIN(TestLessonBook)
#include "tst_lesson_book.moc"

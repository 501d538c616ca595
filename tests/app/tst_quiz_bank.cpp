// Quiz files are checked so that every question has exactly one right answer and an explanation: a
// broken question is left out with a message naming the file, the question and the field; the
// rest loads; translations keep the English answers; answers are marked and shown in words.
#include "json_test_helpers.h"
#include "learn/quiz_bank.h"
#include "learn/translated_content.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>
#include <random>

namespace {

using moe::test::parseObject;
using moe::test::patched;

// questions[1] ("b-active-share") is the one the cases break.
QJsonObject validQuiz()
{
    return parseObject(R"({
      "language": "xx",
      "questions": [
        {"id": "e-asleep", "track": "explorer", "level": 1, "type": "truefalse", "objective": "Sleepers",
         "prompt": "The experts that do not wake up still work on the word.", "answer": false,
         "explanation": "They do nothing for this token."},
        {"id": "b-active-share", "track": "builder", "level": 2, "type": "choice", "objective": "Active",
         "prompt": "Mixtral 8x7B has 46.7B parameters. About how many does it use per token?",
         "choices": ["46.7B", "12.9B", "7B", "56B"], "answer": 1,
         "explanation": "Two experts plus the shared parts: 12.9B."},
        {"id": "b-deepseek-share", "track": "builder", "level": 2, "type": "number", "objective": "Share",
         "prompt": "37B of 671B: roughly what percentage?", "answer": 5.5, "tolerance": 0.5, "unit": "%",
         "explanation": "37 / 671 is about 5.5%."},
        {"id": "c-top-k", "track": "creator", "level": 3, "type": "number", "objective": "Top-k",
         "prompt": "How many experts does Mixtral use per token?", "answer": 2,
         "explanation": "Top-2 of 8."}
      ]
    })");
}

QJsonObject withQuestion(QJsonObject quiz, int index, const QJsonValue& question)
{
    QJsonArray questions = quiz.value(QStringLiteral("questions")).toArray();
    questions[index] = question;
    quiz.insert(QStringLiteral("questions"), questions);
    return quiz;
}

QJsonObject questionAt(const QJsonObject& quiz, int index)
{
    return quiz.value(QStringLiteral("questions")).toArray().at(index).toObject();
}

} // namespace

class TestQuizBank : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void validFileLoadsEveryField();
    void brokenQuestionIsNamedAndDropped_data();
    void brokenQuestionIsNamedAndDropped();
    void messageReadsAsTheFormatDocSays();
    void unreadableFileGivesOneMessage();
    void hostileJsonNeverCrashes();
    void marksAnswers();
    void answersInWords();
    void numbersFollowTheLocale();
    void translationFallsBackToEnglish();
    void translationCannotChangeTheAnswer_data();
    void translationCannotChangeTheAnswer();
    void unknownLanguageGivesEnglish();
    void revealsMustNameAQuestionOfTheFile();
    void sittingNeverHoldsAGiveAwayPair();
    void teachingAidsAreRead();
    void missedQuestionsComeBackFirst();

private:
    QString write(const QJsonObject& quiz, const QString& name = QStringLiteral("quiz.xx.json"));
    QString writeBytes(const QByteArray& bytes, const QString& name);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestQuizBank::initTestCase()
{
    QLocale::setDefault(QLocale::c()); // numbers in answers follow the default locale
}

void TestQuizBank::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestQuizBank::writeBytes(const QByteArray& bytes, const QString& name)
{
    return moe::test::writeTestFile(m_dir->filePath(name), bytes);
}

QString TestQuizBank::write(const QJsonObject& quiz, const QString& name)
{
    return writeBytes(QJsonDocument(quiz).toJson(), name);
}

void TestQuizBank::validFileLoadsEveryField()
{
    QStringList errors;
    const QuizBank bank = loadQuizBank(write(validQuiz()), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    QCOMPARE(bank.language, QStringLiteral("xx"));
    QCOMPARE(bank.questions.size(), 4);
    const QuizQuestion& tf = bank.questions[0];
    QCOMPARE(tf.kind, QuizQuestion::Kind::TrueFalse);
    QCOMPARE(tf.correctTruth, false);
    QCOMPARE(tf.track, QStringLiteral("explorer"));
    const QuizQuestion& choice = bank.questions[1];
    QCOMPARE(choice.kind, QuizQuestion::Kind::Choice);
    QCOMPARE(choice.choices, QStringList({"46.7B", "12.9B", "7B", "56B"}));
    QCOMPARE(choice.correctChoice, 1);
    QCOMPARE(choice.level, 2);
    QCOMPARE(choice.objective, QStringLiteral("Active"));
    QCOMPARE(choice.explanation, QStringLiteral("Two experts plus the shared parts: 12.9B."));
    const QuizQuestion& number = bank.questions[2];
    QCOMPARE(number.kind, QuizQuestion::Kind::Number);
    QCOMPARE(number.correctNumber, 5.5);
    QCOMPARE(number.tolerance, 0.5);
    QCOMPARE(number.unit, QStringLiteral("%"));
    QCOMPARE(bank.questions[3].tolerance, 0.0); // tolerance is optional: exact
    QCOMPARE(bank.questions[3].unit, QString());
    QCOMPARE(bank.questionsOf(QStringLiteral("builder")).size(), 2);
    QVERIFY(bank.question(QStringLiteral("c-top-k")));
    QVERIFY(!bank.question(QStringLiteral("nope")));
}

void TestQuizBank::brokenQuestionIsNamedAndDropped_data()
{
    QTest::addColumn<QByteArray>("fragment");
    QTest::addColumn<QString>("field");
    QTest::newRow("one choice") << QByteArray(R"({"choices": ["a"], "answer": 0})") << "\"choices\"";
    QTest::newRow("seven choices") << QByteArray(R"({"choices": ["a","b","c","d","e","f","g"]})")
                                   << "\"choices\"";
    QTest::newRow("same choice twice")
        << QByteArray(R"({"choices": ["12.9B", "7B", " 12.9b"]})") << "\"choices[2]\"";
    QTest::newRow("empty choice") << QByteArray(R"({"choices": ["a", "", "c"]})") << "\"choices[1]\"";
    QTest::newRow("choice a number") << QByteArray(R"({"choices": ["a", 2, "c"]})") << "\"choices[1]\"";
    QTest::newRow("choices missing") << QByteArray(R"({"choices": "<delete>"})") << "\"choices\"";
    QTest::newRow("answer past the end") << QByteArray(R"({"answer": 4})") << "\"answer\"";
    QTest::newRow("answer negative") << QByteArray(R"({"answer": -1})") << "\"answer\"";
    QTest::newRow("answer fractional") << QByteArray(R"({"answer": 1.5})") << "\"answer\"";
    QTest::newRow("answer a bool") << QByteArray(R"({"answer": true})") << "\"answer\"";
    QTest::newRow("answer a string") << QByteArray(R"({"answer": "12.9B"})") << "\"answer\"";
    QTest::newRow("answer missing") << QByteArray(R"({"answer": "<delete>"})") << "\"answer\"";
    QTest::newRow("tolerance on a choice") << QByteArray(R"({"tolerance": 1})") << "\"tolerance\"";
    QTest::newRow("truefalse with a number")
        << QByteArray(R"({"type": "truefalse", "choices": "<delete>"})") << "\"answer\"";
    QTest::newRow("truefalse with choices")
        << QByteArray(R"({"type": "truefalse", "answer": true})") << "\"choices\"";
    QTest::newRow("number as a string")
        << QByteArray(R"({"type": "number", "choices": "<delete>", "answer": "5"})") << "\"answer\"";
    QTest::newRow("number null") << QByteArray(R"({"type": "number", "choices": "<delete>", "answer": null})")
                                 << "\"answer\"";
    QTest::newRow("tolerance negative")
        << QByteArray(R"({"type": "number", "choices": "<delete>", "tolerance": -0.5})") << "\"tolerance\"";
    QTest::newRow("unit a number") << QByteArray(R"({"type": "number", "choices": "<delete>", "unit": 5})")
                                   << "\"unit\"";
    QTest::newRow("type unknown") << QByteArray(R"({"type": "essay"})") << "\"type\"";
    QTest::newRow("feedback too short") << QByteArray(R"({"feedback": ["a", "", "c"]})") << "\"feedback\"";
    QTest::newRow("feedback at the right answer")
        << QByteArray(R"({"feedback": ["a", "right", "c", "d"]})") << "\"feedback[1]\"";
    QTest::newRow("feedback missing for a wrong choice")
        << QByteArray(R"({"feedback": ["a", "", " ", "d"]})") << "\"feedback[2]\"";
    QTest::newRow("feedback a string on a choice") << QByteArray(R"({"feedback": "why"})") << "\"feedback\"";
    QTest::newRow("hint a number") << QByteArray(R"({"hint": 3})") << "\"hint\"";
    QTest::newRow("lesson without a step") << QByteArray(R"({"lesson": "builder-total"})") << "\"lesson\"";
    QTest::newRow("lesson step zero") << QByteArray(R"({"lesson": "builder-total:0"})") << "\"lesson\"";
    QTest::newRow("lesson bad id") << QByteArray(R"({"lesson": "Builder Total:2"})") << "\"lesson\"";
    QTest::newRow("track live") << QByteArray(R"({"track": "live"})") << "\"track\"";
    QTest::newRow("level zero") << QByteArray(R"({"level": 0})") << "\"level\"";
    QTest::newRow("explanation missing") << QByteArray(R"({"explanation": "<delete>"})") << "\"explanation\"";
    QTest::newRow("prompt blank") << QByteArray(R"({"prompt": "   "})") << "\"prompt\"";
    QTest::newRow("objective null") << QByteArray(R"({"objective": null})") << "\"objective\"";
    QTest::newRow("id repeated") << QByteArray(R"({"id": "e-asleep"})") << "\"id\"";
    QTest::newRow("id upper case") << QByteArray(R"({"id": "B-Active"})") << "\"id\"";
    QTest::newRow("reveals itself") << QByteArray(R"({"reveals": ["b-active-share"]})") << "\"reveals[0]\"";
    QTest::newRow("reveals a number") << QByteArray(R"({"reveals": ["e-asleep", 3]})") << "\"reveals[1]\"";
    QTest::newRow("reveals not a list") << QByteArray(R"({"reveals": "e-asleep"})") << "\"reveals\"";
}

void TestQuizBank::brokenQuestionIsNamedAndDropped()
{
    QFETCH(QByteArray, fragment);
    QFETCH(QString, field);
    const QJsonObject quiz = withQuestion(validQuiz(), 1, patched(questionAt(validQuiz(), 1), fragment));
    QStringList errors;
    const QuizBank bank = loadQuizBank(write(quiz), &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(QStringLiteral("quiz.xx.json: questions[1]")),
             qPrintable(errors.first()));
    QVERIFY2(errors.first().contains(field), qPrintable(errors.first()));
    QCOMPARE(bank.questions.size(), 3);
    QCOMPARE(bank.questions[0].id, QStringLiteral("e-asleep"));
    QCOMPARE(bank.questions[1].id, QStringLiteral("b-deepseek-share"));
}

void TestQuizBank::messageReadsAsTheFormatDocSays()
{
    const QJsonObject quiz =
        withQuestion(validQuiz(), 1, patched(questionAt(validQuiz(), 1), R"({"answer": 4})"));
    QStringList errors;
    loadQuizBank(write(quiz, QStringLiteral("quiz.de.json")), &errors);
    QCOMPARE(errors,
             QStringList{QStringLiteral("quiz.de.json: questions[1] (\"b-active-share\"): \"answer\" must be "
                                        "one of the 4 choices (0-3), got 4")});
}

void TestQuizBank::unreadableFileGivesOneMessage()
{
    for (const QByteArray& bytes : {QByteArray("{\"questions\": [}"), QByteArray("[]"), QByteArray("{}"),
                                    QByteArray("{\"language\": \"xx\", \"questions\": {}}")}) {
        QStringList errors;
        const QuizBank bank = loadQuizBank(writeBytes(bytes, QStringLiteral("quiz.xx.json")), &errors);
        QCOMPARE(errors.size(), bytes == "{}" ? 2 : 1); // "{}" lacks both the language and the list
        QVERIFY2(errors.first().startsWith(QStringLiteral("quiz.xx.json: ")), qPrintable(errors.first()));
        QVERIFY(bank.questions.isEmpty());
    }
}

void TestQuizBank::hostileJsonNeverCrashes()
{
    // A number past double's range, written by hand: refused, whichever way Qt reads it.
    QByteArray text = QJsonDocument(validQuiz()).toJson(QJsonDocument::Compact);
    text.replace("\"answer\":5.5", "\"answer\":1e999");
    QStringList errors;
    const QuizBank huge = loadQuizBank(writeBytes(text, QStringLiteral("quiz.xx.json")), &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY(!huge.question(QStringLiteral("b-deepseek-share")));

    const QList<QJsonValue> junk = {QJsonValue(),
                                    QJsonValue(false),
                                    QJsonValue(-3),
                                    QJsonValue(1e308),
                                    QJsonValue(-1e308),
                                    QJsonValue(4294967296.0),
                                    QJsonValue(0.25),
                                    QJsonValue(QString()),
                                    QJsonValue(QStringLiteral("choice")),
                                    QJsonValue(QJsonArray{QJsonArray{}, QJsonObject{}}),
                                    QJsonValue(QJsonArray{"a", "a"}),
                                    QJsonValue(QJsonObject{{"answer", 1}})};
    const QStringList fields = {"id",          "track",   "level",  "type",      "objective", "prompt",
                                "explanation", "choices", "answer", "tolerance", "unit",      "language"};
    const uint32_t seed = 77;
    qInfo("seed %u", seed);
    std::mt19937 rng(seed);
    for (int round = 0; round < 400; ++round) {
        QJsonObject quiz = validQuiz();
        const int index = static_cast<int>(rng() % 4);
        QJsonObject question = questionAt(quiz, index);
        for (int changes = 1 + static_cast<int>(rng() % 3); changes > 0; --changes)
            question.insert(fields[static_cast<int>(rng() % fields.size())],
                            junk[static_cast<int>(rng() % junk.size())]);
        quiz = withQuestion(quiz, index,
                            rng() % 10 == 0 ? junk[static_cast<int>(rng() % junk.size())] : question);
        errors.clear();
        const QuizBank bank = loadQuizBank(write(quiz), &errors);
        for (const QString& error : std::as_const(errors))
            QVERIFY2(error.startsWith(QStringLiteral("quiz.xx.json: questions[")), qPrintable(error));
        for (const QuizQuestion& q : bank.questions) { // whatever loads has exactly one right answer
            QVERIFY(!q.explanation.trimmed().isEmpty());
            if (q.kind == QuizQuestion::Kind::Choice) {
                QVERIFY(q.choices.size() >= 2 && q.choices.size() <= 6);
                QVERIFY(q.correctChoice >= 0 && q.correctChoice < q.choices.size());
            }
            if (q.kind == QuizQuestion::Kind::Number) {
                QVERIFY(std::isfinite(q.correctNumber));
                QVERIFY(q.tolerance >= 0 && std::isfinite(q.tolerance));
            }
        }
    }
}

void TestQuizBank::marksAnswers()
{
    const QuizBank bank = loadQuizBank(write(validQuiz()));
    QCOMPARE(bank.questions.size(), 4);
    const QuizQuestion& tf = bank.questions[0];
    QVERIFY(isCorrect(tf, QuizAnswer{.truth = false}));
    QVERIFY(!isCorrect(tf, QuizAnswer{.truth = true}));
    const QuizQuestion& choice = bank.questions[1];
    int right = 0;
    for (int i = -1; i < choice.choices.size() + 1; ++i)
        right += isCorrect(choice, QuizAnswer{.choice = i}) ? 1 : 0;
    QCOMPARE(right, 1);
    QVERIFY(isCorrect(choice, QuizAnswer{.choice = 1}));
    const QuizQuestion& share = bank.questions[2]; // 5.5 +- 0.5, both ends count
    QVERIFY(isCorrect(share, QuizAnswer{.number = 5.5}));
    QVERIFY(isCorrect(share, QuizAnswer{.number = 5.0}));
    QVERIFY(isCorrect(share, QuizAnswer{.number = 6.0}));
    QVERIFY(!isCorrect(share, QuizAnswer{.number = 6.01}));
    QVERIFY(!isCorrect(share, QuizAnswer{.number = 4.99}));
    QVERIFY(!isCorrect(share, QuizAnswer{.number = std::nan("")}));
    QVERIFY(!isCorrect(share, QuizAnswer{.number = std::numeric_limits<double>::infinity()}));
    const QuizQuestion& exact = bank.questions[3];
    QVERIFY(isCorrect(exact, QuizAnswer{.number = 2}));
    QVERIFY(!isCorrect(exact, QuizAnswer{.number = 2.001}));
    QuizQuestion third = exact;
    third.correctNumber = 0.1 + 0.2; // a computed answer still matches the typed 0.3
    QVERIFY(isCorrect(third, QuizAnswer{.number = 0.3}));
}

void TestQuizBank::answersInWords()
{
    const QuizBank bank = loadQuizBank(write(validQuiz()));
    QCOMPARE(correctAnswerText(bank.questions[0]), QStringLiteral("False"));
    QCOMPARE(answerText(bank.questions[0], QuizAnswer{.truth = true}), QStringLiteral("True"));
    QCOMPARE(correctAnswerText(bank.questions[1]), QStringLiteral("12.9B"));
    QCOMPARE(answerText(bank.questions[1], QuizAnswer{.choice = 3}), QStringLiteral("56B"));
    QCOMPARE(answerText(bank.questions[1], QuizAnswer{.choice = -1}), QStringLiteral("(no answer)"));
    QCOMPARE(answerText(bank.questions[1], QuizAnswer{.choice = 9}), QStringLiteral("(no answer)"));
    QCOMPARE(correctAnswerText(bank.questions[2]), QStringLiteral("5.5 %"));
    QCOMPARE(answerText(bank.questions[2], QuizAnswer{.number = 7}), QStringLiteral("7 %"));
    QCOMPARE(answerText(bank.questions[2], QuizAnswer{.number = std::nan("")}),
             QStringLiteral("(no answer)"));
    QCOMPARE(correctAnswerText(bank.questions[3]), QStringLiteral("2"));
}

void TestQuizBank::numbersFollowTheLocale()
{
    const QuizBank bank = loadQuizBank(write(validQuiz()));
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QString german = correctAnswerText(bank.questions[2]);
    QLocale::setDefault(QLocale::c());
    QCOMPARE(german, QStringLiteral("5,5 %"));
}

void TestQuizBank::translationFallsBackToEnglish()
{
    const QString english = write(validQuiz(), QStringLiteral("quiz.en.json"));
    QJsonObject translation = validQuiz();
    QJsonArray questions = translation.value(QStringLiteral("questions")).toArray();
    QJsonObject asleep =
        patched(questions[0].toObject(), R"({"prompt": "Schlafende Experten arbeiten mit."})");
    QJsonObject share =
        patched(questions[2].toObject(), R"({"prompt": "37 Mrd. von 671 Mrd.?", "unit": " %"})");
    QJsonObject broken = patched(questions[3].toObject(), R"({"explanation": ""})");
    QJsonObject extra = patched(asleep, R"({"id": "only-here"})");
    translation.insert(QStringLiteral("questions"),
                       QJsonArray{share, broken, extra, asleep}); // b-active-share missing
    QStringList errors;
    const QuizBank bank = loadQuizFrom(english, write(translation, QStringLiteral("quiz.de.json")),
                                       QStringLiteral("de"), &errors);
    QCOMPARE(bank.language, QStringLiteral("de"));
    QCOMPARE(bank.questions.size(), 4);
    QCOMPARE(bank.questions[0].id, QStringLiteral("e-asleep")); // the English order
    QCOMPARE(bank.questions[0].prompt, QStringLiteral("Schlafende Experten arbeiten mit."));
    QCOMPARE(bank.questions[1].id, QStringLiteral("b-active-share"));
    QCOMPARE(bank.questions[1].prompt, questionAt(validQuiz(), 1).value(QStringLiteral("prompt")).toString());
    QCOMPARE(bank.questions[2].prompt, QStringLiteral("37 Mrd. von 671 Mrd.?"));
    QCOMPARE(bank.questions[3].explanation, QStringLiteral("Top-2 of 8."));
    const QString all = errors.join('\n');
    QVERIFY2(all.contains(QStringLiteral("quiz.de.json: questions[1] (\"c-top-k\"): \"explanation\"")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("quiz.de.json: the question \"b-active-share\" is missing")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("quiz.de.json: the question \"c-top-k\" is missing or broken")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("\"only-here\" is not in quiz.en.json")), qPrintable(all));
    QCOMPARE(errors.size(), 4);

    errors.clear();
    const QuizBank fallback =
        loadQuizFrom(english, writeBytes("[", QStringLiteral("quiz.fr.json")), QStringLiteral("fr"), &errors);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(fallback.language, QStringLiteral("en"));
    QCOMPARE(fallback.questions.size(), 4);
}

void TestQuizBank::translationCannotChangeTheAnswer_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QByteArray>("fragment");
    QTest::newRow("truth flipped") << 0 << QByteArray(R"({"answer": true})");
    QTest::newRow("other choice") << 1 << QByteArray(R"({"answer": 2})");
    QTest::newRow("a choice less") << 1 << QByteArray(R"({"choices": ["46,7 Mrd.", "12,9 Mrd.", "7 Mrd."]})");
    QTest::newRow("other number") << 2 << QByteArray(R"({"answer": 5.6})");
    QTest::newRow("other tolerance") << 2 << QByteArray(R"({"tolerance": 1})");
    QTest::newRow("other kind") << 3 << QByteArray(R"({"type": "truefalse", "answer": true})");
    QTest::newRow("other reveals") << 2 << QByteArray(R"({"reveals": ["c-top-k"]})");
    QTest::newRow("other lesson step") << 0 << QByteArray(R"({"lesson": "explorer-sleep:3"})");
}

void TestQuizBank::translationCannotChangeTheAnswer()
{
    QFETCH(int, index);
    QFETCH(QByteArray, fragment);
    const QString english = write(validQuiz(), QStringLiteral("quiz.en.json"));
    QJsonObject translated = patched(questionAt(validQuiz(), index), fragment);
    translated.insert(QStringLiteral("prompt"), QStringLiteral("Übersetzt"));
    const QJsonObject translation = withQuestion(validQuiz(), index, translated);
    QStringList errors;
    const QuizBank bank = loadQuizFrom(english, write(translation, QStringLiteral("quiz.de.json")),
                                       QStringLiteral("de"), &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(QStringLiteral("does not match English")), qPrintable(errors.first()));
    QVERIFY2(errors.first().startsWith(QStringLiteral("quiz.de.json: the question \"%1\"")
                                           .arg(questionAt(validQuiz(), index).value("id").toString())),
             qPrintable(errors.first()));
    const QuizBank englishBank = loadQuizBank(english);
    QCOMPARE(bank.questions[index].prompt, englishBank.questions[index].prompt); // the English question
    QCOMPARE(bank.questions[index].correctChoice, englishBank.questions[index].correctChoice);
    QCOMPARE(bank.questions[index].correctTruth, englishBank.questions[index].correctTruth);
    QCOMPARE(bank.questions[index].correctNumber, englishBank.questions[index].correctNumber);
}

void TestQuizBank::unknownLanguageGivesEnglish()
{
    QStringList englishErrors, errors;
    const QuizBank english = loadQuizFor(QStringLiteral("en"), &englishErrors);
    for (const QString& language : {QStringLiteral("xx"), QStringLiteral("../quiz/quiz.en"), QString()}) {
        errors.clear();
        const QuizBank bank = loadQuizFor(language, &errors);
        QCOMPARE(bank.language, QStringLiteral("en"));
        QCOMPARE(errors, englishErrors);
        QCOMPARE(bank.questions.size(), english.questions.size());
    }
}

void TestQuizBank::revealsMustNameAQuestionOfTheFile()
{
    const QJsonObject quiz = withQuestion(
        validQuiz(), 2, patched(questionAt(validQuiz(), 2), R"({"reveals": ["c-top-k", "x-none"]})"));
    QStringList errors;
    const QuizBank bank = loadQuizBank(write(quiz), &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(QStringLiteral("\"b-deepseek-share\"")) &&
                 errors.first().contains(QStringLiteral("\"x-none\"")),
             qPrintable(errors.first()));
    QCOMPARE(bank.questions.size(), 4); // the question stays, without the unknown name
    QCOMPARE(bank.questions[2].reveals, QStringList{QStringLiteral("c-top-k")});
}

// A reveals B, C reveals B: no sitting of 2 from {A, B, C, D} may pair B with A or C, and every
// allowed pair still comes up.
void TestQuizBank::sittingNeverHoldsAGiveAwayPair()
{
    QList<QuizQuestion> pool(4);
    for (int i = 0; i < 4; ++i)
        pool[i].id = QString(QChar('a' + i));
    pool[0].reveals = {QStringLiteral("b")};
    pool[2].reveals = {QStringLiteral("b")};
    QSet<QString> pairs;
    for (uint32_t seed = 0; seed < 2000; ++seed) {
        const QList<QuizQuestion> sitting = drawSitting(pool, seed, 2);
        QCOMPARE(sitting.size(), 2);
        QVERIFY(!sitting[0].reveals.contains(sitting[1].id) && !sitting[1].reveals.contains(sitting[0].id));
        QCOMPARE(drawSitting(pool, seed, 2)[0].id, sitting[0].id); // same seed, same sitting
        QStringList ids{sitting[0].id, sitting[1].id};
        ids.sort();
        pairs.insert(ids.join(QString()));
    }
    QCOMPARE(pairs, (QSet<QString>{"ac", "ad", "bd", "cd"}));
    for (uint32_t seed = 0; seed < 100; ++seed) { // {a, c, d} or {b, d}: never all four
        const qsizetype size = drawSitting(pool, seed, 10).size();
        QVERIFY(size == 2 || size == 3);
    }
}

// Hint, per-choice feedback and the lesson link: read as written, and feedbackFor() gives the text
// for the wrong answer given (nothing for a right one).
void TestQuizBank::teachingAidsAreRead()
{
    QJsonObject quiz = validQuiz();
    quiz = withQuestion(
        quiz, 0,
        patched(questionAt(quiz, 0), R"({"hint": " Think of one token. ", "feedback": "Tempting, but no.",
                                                        "lesson": "explorer-sleep:2"})"));
    quiz = withQuestion(
        quiz, 1, patched(questionAt(quiz, 1), R"({"feedback": ["all of it", "", "one expert", "8 x 7"]})"));
    QStringList errors;
    const QuizBank bank = loadQuizBank(write(quiz), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    const QuizQuestion& sleepers = bank.questions[0];
    QCOMPARE(sleepers.hint, QStringLiteral("Think of one token."));
    QCOMPARE(sleepers.lessonId, QStringLiteral("explorer-sleep"));
    QCOMPARE(sleepers.lessonStep, 1); // 0-based
    QuizAnswer answer;
    answer.truth = true; // wrong
    QCOMPARE(feedbackFor(sleepers, answer), QStringLiteral("Tempting, but no."));
    answer.truth = false;
    QVERIFY(feedbackFor(sleepers, answer).isEmpty());

    const QuizQuestion& mixtral = bank.questions[1];
    QCOMPARE(mixtral.choiceFeedback.size(), 4);
    answer.choice = 3;
    QCOMPARE(feedbackFor(mixtral, answer), QStringLiteral("8 x 7"));
    answer.choice = 1;
    QVERIFY(feedbackFor(mixtral, answer).isEmpty());
    QVERIFY(bank.questions[2].hint.isEmpty() && bank.questions[2].lessonId.isEmpty());
    QCOMPARE(bank.questions[2].lessonStep, -1);
}

// A missed question is in the next sitting whenever the sitting has room, still never beside one
// it gives away, and the order stays shuffled (missed ones do not always open the sitting).
void TestQuizBank::missedQuestionsComeBackFirst()
{
    QList<QuizQuestion> pool(20);
    for (int i = 0; i < 20; ++i)
        pool[i].id = QStringLiteral("q%1").arg(i);
    pool[5].reveals = {QStringLiteral("q7")};
    const QStringList missed = {QStringLiteral("q5"), QStringLiteral("q7"), QStringLiteral("q13")};
    int missedOpened = 0;
    for (uint32_t seed = 0; seed < 500; ++seed) {
        const QList<QuizQuestion> sitting = drawSitting(pool, seed, 5, missed);
        QCOMPARE(sitting.size(), 5);
        QStringList ids;
        for (const QuizQuestion& q : sitting)
            ids << q.id;
        QVERIFY(ids.contains(QStringLiteral("q13")));
        QVERIFY(ids.contains(QStringLiteral("q5")) != ids.contains(QStringLiteral("q7"))); // one of the pair
        missedOpened += missed.contains(ids.first()) ? 1 : 0;
        QCOMPARE(drawSitting(pool, seed, 5, missed).first().id, ids.first()); // same seed, same sitting
    }
    QVERIFY(missedOpened > 0 && missedOpened < 500);
    // Without missed questions q13 is in only some sittings: the preference is what brings it back.
    int withQ13 = 0;
    for (uint32_t seed = 0; seed < 500; ++seed)
        for (const QuizQuestion& q : drawSitting(pool, seed, 5))
            withQ13 += q.id == QLatin1String("q13") ? 1 : 0;
    QVERIFY(withQ13 < 250);
}

QTEST_GUILESS_MAIN(TestQuizBank)
#include "tst_quiz_bank.moc"

// The lessons and quiz compiled into the app, read through the real loaders: no file may have a
// single problem, the German files must do exactly what the English ones do (same ids, steps,
// actions, predictions, answers), and the bank must be big and varied enough for the issue.
#include "learn/content_facts.h"
#include "learn/lesson_book.h"
#include "learn/quiz_bank.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <cmath>

namespace {

const QStringList kTracks = {QStringLiteral("explorer"), QStringLiteral("builder"),
                             QStringLiteral("creator")};

QString describe(const LessonAction& action)
{
    return QStringLiteral("mode %1 run %2 pause %3 layer %4 expert %5 topK %6")
        .arg(static_cast<int>(action.mode))
        .arg(action.run)
        .arg(action.pauseAfterTokens)
        .arg(action.layer)
        .arg(action.expert)
        .arg(action.topK);
}

} // namespace

class TestShippedContent : public QObject {
    Q_OBJECT
private slots:
    void filesLoadWithoutErrors_data();
    void filesLoadWithoutErrors();
    void lessonsCoverEveryTrack();
    void germanLessonsDoWhatEnglishDoes();
    void quizIsBigAndVaried();
    void everyQuestionHasOneRightAnswerAndAnExplanation_data();
    void everyQuestionHasOneRightAnswerAndAnExplanation();
    void germanQuizHasTheEnglishAnswers();
    void languagesLoadCompleteWithoutFallback();
    void factsAboutTheModelAreFilledIn();
    void sittingsNeverGiveAnswersAway();
    void rightAnswerIsRarelyTheLongest();
    void trueFalseBalancedPerTrack();
    void everyLessonHasGoalsTimeAndRecap();
    void everyQuestionHasAHintFeedbackAndALessonStep_data();
    void everyQuestionHasAHintFeedbackAndALessonStep();
    void noChoiceIsAJoke();
    void explorerAsksItsBeliefQuestionFirstAndLast();
    void raceReadingMatchesTheShippedReport();
};

void TestShippedContent::filesLoadWithoutErrors_data()
{
    QTest::addColumn<QString>("path");
    for (const char* path : {":/lessons/lessons.en.json", ":/lessons/lessons.de.json", ":/quiz/quiz.en.json",
                             ":/quiz/quiz.de.json"})
        QTest::newRow(path) << QString::fromLatin1(path);
}

void TestShippedContent::filesLoadWithoutErrors()
{
    QFETCH(QString, path);
    QStringList errors;
    const bool lessons = path.startsWith(QStringLiteral(":/lessons/"));
    const QString language = path.section(QLatin1Char('.'), -2, -2);
    if (lessons) {
        const LessonBook book = loadLessonBook(path, &errors);
        QCOMPARE(book.language, language);
        QVERIFY(!book.lessons.isEmpty());
    } else {
        const QuizBank bank = loadQuizBank(path, &errors);
        QCOMPARE(bank.language, language);
        QVERIFY(!bank.questions.isEmpty());
    }
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
}

void TestShippedContent::lessonsCoverEveryTrack()
{
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("de")}) {
        const LessonBook book = loadLessonBook(QStringLiteral(":/lessons/lessons.%1.json").arg(language));
        QCOMPARE(book.tracks.size(), 3);
        for (const QString& track : kTracks) {
            QVERIFY2(book.track(track), qPrintable(language + ": " + track));
            const QList<const Lesson*> lessons = book.lessonsOf(track);
            QVERIFY2(
                lessons.size() >= 3,
                qPrintable(QStringLiteral("%1: %2 has %3 lessons").arg(language, track).arg(lessons.size())));
        }
        int predictions = 0;
        for (const Lesson& lesson : book.lessons)
            for (const LessonStep& step : lesson.steps)
                predictions += step.predict ? 1 : 0;
        QVERIFY2(predictions >= 1, "no lesson asks the learner to predict");
    }
}

void TestShippedContent::germanLessonsDoWhatEnglishDoes()
{
    const LessonBook en = loadLessonBook(QStringLiteral(":/lessons/lessons.en.json"));
    const LessonBook de = loadLessonBook(QStringLiteral(":/lessons/lessons.de.json"));
    QCOMPARE(de.tracks.size(), en.tracks.size());
    for (qsizetype i = 0; i < en.tracks.size(); ++i)
        QCOMPARE(de.tracks[i].id, en.tracks[i].id);
    QCOMPARE(de.lessons.size(), en.lessons.size());
    for (qsizetype i = 0; i < en.lessons.size(); ++i) {
        const Lesson& a = en.lessons[i];
        const Lesson& b = de.lessons[i];
        QCOMPARE(b.id, a.id);
        QCOMPARE(b.track, a.track);
        QCOMPARE(b.level, a.level);
        QCOMPARE(b.prerequisite, a.prerequisite);
        QVERIFY2(b.steps.size() == a.steps.size(), qPrintable(a.id));
        for (qsizetype s = 0; s < a.steps.size(); ++s) {
            const QString where = QStringLiteral("%1, steps[%2]").arg(a.id).arg(s);
            const LessonAction& x = a.steps[s].action;
            const LessonAction& y = b.steps[s].action;
            QVERIFY2(describe(x) == describe(y),
                     qPrintable(where + ": " + describe(x) + " vs " + describe(y)));
            // The model reads the prompts: a translated prompt would run a different text.
            QVERIFY2(x.prompt == y.prompt,
                     qPrintable(where + ": prompt \"" + x.prompt + "\" vs \"" + y.prompt + "\""));
            QVERIFY2(x.poemPrompt == y.poemPrompt, qPrintable(where + ": poemPrompt"));
            QVERIFY2(a.steps[s].predict.has_value() == b.steps[s].predict.has_value(),
                     qPrintable(where + ": predict"));
            if (a.steps[s].predict)
                QVERIFY2(a.steps[s].predict->layer == b.steps[s].predict->layer,
                         qPrintable(where + ": predict.layer"));
        }
    }
}

void TestShippedContent::quizIsBigAndVaried()
{
    const QuizBank bank = loadQuizBank(QStringLiteral(":/quiz/quiz.en.json"));
    QVERIFY2(bank.questions.size() >= 45, qPrintable(QString::number(bank.questions.size())));
    for (const QString& track : kTracks) {
        const QList<QuizQuestion> questions = bank.questionsOf(track);
        QVERIFY2(questions.size() >= 15,
                 qPrintable(QStringLiteral("%1 has %2").arg(track).arg(questions.size())));
    }
    QSet<QuizQuestion::Kind> kinds;
    for (const QuizQuestion& question : bank.questions)
        kinds.insert(question.kind);
    QCOMPARE(kinds.size(), 3);
}

void TestShippedContent::everyQuestionHasOneRightAnswerAndAnExplanation_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("en") << QStringLiteral(":/quiz/quiz.en.json");
    QTest::newRow("de") << QStringLiteral(":/quiz/quiz.de.json");
}

void TestShippedContent::everyQuestionHasOneRightAnswerAndAnExplanation()
{
    QFETCH(QString, path);
    const QuizBank bank = loadQuizBank(path);
    QVERIFY(!bank.questions.isEmpty());
    for (const QuizQuestion& q : bank.questions) {
        QVERIFY2(!q.explanation.trimmed().isEmpty(), qPrintable(q.id));
        QVERIFY2(!q.prompt.trimmed().isEmpty(), qPrintable(q.id));
        int right = 0;
        switch (q.kind) {
        case QuizQuestion::Kind::Choice:
            for (int i = 0; i < q.choices.size(); ++i) {
                QuizAnswer answer;
                answer.choice = i;
                right += isCorrect(q, answer) ? 1 : 0;
            }
            QVERIFY2(QSet<QString>(q.choices.begin(), q.choices.end()).size() == q.choices.size(),
                     qPrintable(q.id));
            break;
        case QuizQuestion::Kind::TrueFalse:
            for (const bool truth : {true, false}) {
                QuizAnswer answer;
                answer.truth = truth;
                right += isCorrect(q, answer) ? 1 : 0;
            }
            break;
        case QuizQuestion::Kind::Number: {
            QuizAnswer answer;
            answer.number = q.correctNumber;
            right = isCorrect(q, answer) ? 1 : 0;
            answer.number = q.correctNumber + 2 * q.tolerance + 1; // clearly outside
            QVERIFY2(!isCorrect(q, answer), qPrintable(q.id));
            // The tolerance is for rounding, not a range that swallows the wrong answers.
            QVERIFY2(q.tolerance <= std::max(1.0, 0.25 * std::abs(q.correctNumber)), qPrintable(q.id));
            break;
        }
        }
        QVERIFY2(right == 1, qPrintable(QStringLiteral("%1 has %2 right answers").arg(q.id).arg(right)));
        QVERIFY2(!correctAnswerText(q).isEmpty(), qPrintable(q.id));
    }
}

void TestShippedContent::germanQuizHasTheEnglishAnswers()
{
    const QuizBank en = loadQuizBank(QStringLiteral(":/quiz/quiz.en.json"));
    const QuizBank de = loadQuizBank(QStringLiteral(":/quiz/quiz.de.json"));
    QCOMPARE(de.questions.size(), en.questions.size());
    for (qsizetype i = 0; i < en.questions.size(); ++i) {
        const QuizQuestion& a = en.questions[i];
        const QuizQuestion& b = de.questions[i];
        QCOMPARE(b.id, a.id);
        QVERIFY2(b.kind == a.kind, qPrintable(a.id));
        QVERIFY2(b.track == a.track && b.level == a.level, qPrintable(a.id));
        QVERIFY2(b.choices.size() == a.choices.size(), qPrintable(a.id));
        QVERIFY2(b.correctChoice == a.correctChoice, qPrintable(a.id));
        QVERIFY2(b.correctTruth == a.correctTruth, qPrintable(a.id));
        QVERIFY2(b.correctNumber == a.correctNumber, qPrintable(a.id));
        QVERIFY2(b.tolerance == a.tolerance, qPrintable(a.id));
        // The same give-aways: a sitting in German never holds what an English one would not.
        QVERIFY2(b.reveals == a.reveals,
                 qPrintable(a.id + QStringLiteral(": reveals ") + b.reveals.join(',') +
                            QStringLiteral(" vs ") + a.reveals.join(',')));
    }
}

void TestShippedContent::languagesLoadCompleteWithoutFallback()
{
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("de")}) {
        QStringList errors;
        const LessonBook book = loadLessonsFor(language, &errors);
        const QuizBank bank = loadQuizFor(language, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        QCOMPARE(book.language, language);
        QCOMPARE(bank.language, language);
    }
}

// "{model.top_k}" and friends are replaced by the built-in model's facts (content_facts.h): nothing
// of the form "{name}" is left, and the texts that state the model's shape carry its numbers.
void TestShippedContent::factsAboutTheModelAreFilledIn()
{
    const ContentFacts& facts = builtInFactsFor(QStringLiteral("en"));
    const LessonBook book = loadLessonsFor(QStringLiteral("en"));
    const QuizBank bank = loadQuizFor(QStringLiteral("en"));
    QStringList texts;
    for (const Lesson& lesson : book.lessons)
        for (const LessonStep& step : lesson.steps)
            texts << step.text << (step.predict ? step.predict->question : QString());
    for (const QuizQuestion& q : bank.questions)
        texts << q.prompt << q.explanation << q.choices;
    static const QRegularExpression placeholder(QStringLiteral("\\{[a-z_.0-9]+\\}"));
    for (const QString& text : texts)
        QVERIFY2(!text.contains(placeholder), qPrintable(text));
    const Lesson* first = book.lesson(QStringLiteral("explorer-tiny-experts"));
    QVERIFY(first);
    QVERIFY(first->steps[0].text.contains(
        QStringLiteral("<b>%1 floors</b>").arg(facts.value("model.layers").text)));
    const QuizQuestion* sleeping = bank.question(QStringLiteral("e-sleeping-count"));
    QVERIFY(sleeping);
    QCOMPARE(sleeping->correctNumber, facts.value("model.asleep").value);
}

// 10,000 sittings per track and language, drawn as the quiz page draws them: never a question
// together with one whose prompt gives its answer away, always a full sitting without repeats, and
// every question of the track asked in some sitting.
void TestShippedContent::sittingsNeverGiveAnswersAway()
{
    constexpr int kSittings = 10000, kPerSitting = 10;
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("de")}) {
        const QuizBank bank = loadQuizFor(language);
        int revealing = 0;
        for (const QuizQuestion& q : bank.questions)
            revealing += !q.reveals.isEmpty();
        QVERIFY(revealing >= 5);
        for (const QString& track : kTracks) {
            const QList<QuizQuestion> pool = bank.questionsOf(track);
            QSet<QString> asked;
            for (uint32_t seed = 0; seed < kSittings; ++seed) {
                const QList<QuizQuestion> sitting = drawSitting(pool, seed, kPerSitting);
                QCOMPARE(sitting.size(), kPerSitting);
                QSet<QString> ids;
                for (int i = 0; i < sitting.size(); ++i) {
                    ids.insert(sitting[i].id);
                    for (int j = i + 1; j < sitting.size(); ++j)
                        QVERIFY2(!sitting[i].reveals.contains(sitting[j].id) &&
                                     !sitting[j].reveals.contains(sitting[i].id),
                                 qPrintable(sitting[i].id + " + " + sitting[j].id));
                }
                QCOMPARE(ids.size(), kPerSitting);
                asked.unite(ids);
            }
            QCOMPARE(asked.size(), pool.size());
        }
    }
}

// "Pick the longest answer" must not be a winning strategy: in no more than a third of the
// multiple-choice questions is the right answer strictly the longest choice, in either language.
void TestShippedContent::rightAnswerIsRarelyTheLongest()
{
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("de")}) {
        int choiceQuestions = 0;
        QStringList longest;
        for (const QuizQuestion& q : loadQuizFor(language).questions) {
            if (q.kind != QuizQuestion::Kind::Choice)
                continue;
            ++choiceQuestions;
            const qsizetype right = q.choices[q.correctChoice].size();
            bool strictlyLongest = true;
            for (int i = 0; i < q.choices.size(); ++i)
                strictlyLongest = strictlyLongest && (i == q.correctChoice || q.choices[i].size() < right);
            if (strictlyLongest)
                longest << q.id;
        }
        qInfo("%s: the right answer is the longest in %lld of %d questions: %s", qPrintable(language),
              static_cast<long long>(longest.size()), choiceQuestions, qPrintable(longest.join(", ")));
        QVERIFY(choiceQuestions >= 20);
        QVERIFY2(longest.size() * 3 <= choiceQuestions, qPrintable(longest.join(", ")));
    }
}

// "Always answer True" must not pay: per track, as many true as false statements, give or take one.
void TestShippedContent::trueFalseBalancedPerTrack()
{
    const QuizBank bank = loadQuizFor(QStringLiteral("en"));
    for (const QString& track : kTracks) {
        int truths = 0, falsehoods = 0;
        for (const QuizQuestion& q : bank.questionsOf(track))
            if (q.kind == QuizQuestion::Kind::TrueFalse)
                (q.correctTruth ? truths : falsehoods) += 1;
        QVERIFY2(truths + falsehoods >= 2 && std::abs(truths - falsehoods) <= 1,
                 qPrintable(QStringLiteral("%1: %2 true, %3 false").arg(track).arg(truths).arg(falsehoods)));
    }
}

// Teaching aids: every lesson says what the learner will be able to do, about how long it takes,
// and ends with a one-line recap, in both languages (the German with the same time).
void TestShippedContent::everyLessonHasGoalsTimeAndRecap()
{
    const LessonBook english = loadLessonsFor(QStringLiteral("en"));
    const LessonBook german = loadLessonsFor(QStringLiteral("de"));
    QCOMPARE(german.lessons.size(), english.lessons.size());
    for (qsizetype i = 0; i < english.lessons.size(); ++i) {
        for (const Lesson* lesson : {&english.lessons[i], &german.lessons[i]}) {
            QVERIFY2(!lesson->goals.isEmpty() && lesson->goals.size() <= 4, qPrintable(lesson->id));
            QVERIFY2(lesson->minutes >= 5 && lesson->minutes <= 45, qPrintable(lesson->id));
            QVERIFY2(!lesson->recap.trimmed().isEmpty(), qPrintable(lesson->id));
        }
        QCOMPARE(german.lessons[i].minutes, english.lessons[i].minutes);
        QCOMPARE(german.lessons[i].goals.size(), english.lessons[i].goals.size());
        QVERIFY(german.lessons[i].recap != english.lessons[i].recap); // translated, not copied
    }
}

void TestShippedContent::everyQuestionHasAHintFeedbackAndALessonStep_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("de") << QStringLiteral("de");
}

// Teaching aids on every stored question: a hint that does not give the answer away, feedback for
// every wrong answer (why it tempts, why it is wrong), and a lesson step that exists and teaches it.
void TestShippedContent::everyQuestionHasAHintFeedbackAndALessonStep()
{
    QFETCH(QString, language);
    const LessonBook book = loadLessonsFor(language);
    const QuizBank bank = loadQuizFor(language);
    QVERIFY(!bank.questions.isEmpty());
    for (const QuizQuestion& q : bank.questions) {
        const QByteArray id = q.id.toUtf8();
        QVERIFY2(!q.hint.isEmpty(), id + " has no hint");
        QVERIFY2(q.hint != q.explanation, id);
        switch (q.kind) {
        case QuizQuestion::Kind::Choice:
            QVERIFY2(q.choiceFeedback.size() == q.choices.size(), id + " lacks choice feedback");
            // The right choice's words in the hint would give it away.
            QVERIFY2(!q.hint.contains(q.choices[q.correctChoice], Qt::CaseInsensitive),
                     id + " hint gives it away");
            break;
        case QuizQuestion::Kind::TrueFalse:
            QVERIFY2(!q.wrongFeedback.trimmed().isEmpty(), id + " lacks feedback");
            break;
        case QuizQuestion::Kind::Number: {
            QVERIFY2(!q.wrongFeedback.trimmed().isEmpty(), id + " lacks feedback");
            const QString answer =
                QLocale(language).toString(q.correctNumber, 'f', QLocale::FloatingPointShortest);
            static const QRegularExpression kNumber(QStringLiteral("\\d+(?:[.,]\\d+)?"));
            for (const QRegularExpressionMatch& m : kNumber.globalMatch(q.hint))
                QVERIFY2(m.captured() != answer && m.captured() != QString::number(q.correctNumber),
                         id + " hint states the answer " + answer.toUtf8());
            break;
        }
        }
        const Lesson* lesson = book.lesson(q.lessonId);
        QVERIFY2(lesson, id + " links to no lesson (\"" + q.lessonId.toUtf8() + "\")");
        QVERIFY2(q.lessonStep >= 0 && q.lessonStep < lesson->steps.size(), id + " links to a missing step");
    }
}

// Every wrong choice must be a belief a learner could hold: the feedback test above makes each one
// say why it tempts; this one refuses the filler of the first edition and other throwaways.
void TestShippedContent::noChoiceIsAJoke()
{
    // Words of play, not of belief; whole words only ("default" is no "faul").
    static const QRegularExpression kJoke(
        QStringLiteral("\\b(favou?rite|tired|need a rest|lazy|magic|pizza|lol|haha|"
                       "lieblings\\w*|müde|faul|zauber\\w*)\\b|!|\\x{1F600}"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("de")})
        for (const QuizQuestion& q : loadQuizFor(language).questions)
            for (const QString& choice : q.choices)
                QVERIFY2(!kJoke.match(choice).hasMatch(),
                         qPrintable(QStringLiteral("%1 (%2): \"%3\" reads like a joke (%4)")
                                        .arg(q.id, language, choice, kJoke.match(choice).captured())));
}

// "Is there a math expert?" opens the Explorer track (its first lesson, before) and closes it (its
// last lesson, after), with the same choices, in both languages; no other lesson asks a belief.
void TestShippedContent::explorerAsksItsBeliefQuestionFirstAndLast()
{
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("de")}) {
        const LessonBook book = loadLessonsFor(language);
        const QList<const Lesson*> explorer = book.lessonsOf(QStringLiteral("explorer"));
        QVERIFY(explorer.size() >= 2);
        QList<std::pair<QString, LessonBelief>> found; // lesson id, belief
        for (const Lesson& lesson : book.lessons)
            for (const LessonStep& step : lesson.steps)
                if (step.belief)
                    found.append({lesson.id, *step.belief});
        QCOMPARE(found.size(), 2);
        QCOMPARE(found[0].first, explorer.first()->id);
        QVERIFY(!found[0].second.after);
        QCOMPARE(found[1].first, explorer.last()->id);
        QVERIFY(found[1].second.after);
        QCOMPARE(found[1].second.id, found[0].second.id);
        QCOMPARE(found[1].second.choices, found[0].second.choices);
        QVERIFY(!found[1].second.reveal.contains(QLatin1Char('{')));
    }
}

// The lesson "What a mixture buys" reads the shipped race in words ("nearly level with the big dense
// model and ahead of the small one; per second of training ahead of the big one"): its numbers are
// facts, but its words are only true while the report says so. A new race that changes the
// outcome fails here, so the text is rewritten with it.
void TestShippedContent::raceReadingMatchesTheShippedReport()
{
    QFile file(QStringLiteral(":/playground/race-report.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject models =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("models")).toObject();
    const auto value = [&](const char* model, const char* key) {
        return models.value(QLatin1String(model)).toObject().value(QLatin1String(key)).toDouble(-1);
    };
    const double mixture = value("mixture", "bits_per_byte");
    const double sameActive = value("dense_same_active", "bits_per_byte");
    const double sameTotal = value("dense_same_total", "bits_per_byte");
    QVERIFY(mixture > 0 && sameActive > 0 && sameTotal > 0);
    QVERIFY2(std::abs(mixture - sameTotal) <= 0.01, "no longer 'nearly level with the big dense model'");
    QVERIFY2(mixture < sameActive, "no longer 'ahead of the small one'");
    QVERIFY2(value("mixture", "bits_per_byte_at_seconds") <
                 value("dense_same_total", "bits_per_byte_at_seconds"),
             "no longer 'per second of training ahead of the big one'");
}

QTEST_GUILESS_MAIN(TestShippedContent)
#include "tst_shipped_content.moc"

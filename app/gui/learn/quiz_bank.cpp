// Quiz questions from JSON, checked so that every question the learner sees has exactly one right
// answer and an explanation; translations keep the English answers (a translator cannot change
// what is true).
#include "learn/quiz_bank.h"

#include "learn/content_facts.h"
#include "learn/json_fields.h"
#include "learn/translated_content.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace {

const QStringList kTrackIds = {QStringLiteral("explorer"), QStringLiteral("builder"),
                               QStringLiteral("creator")};
const QStringList kTypes = {QStringLiteral("choice"), QStringLiteral("truefalse"), QStringLiteral("number")};
const QStringList kTopFields = {QStringLiteral("language"), QStringLiteral("questions")};
const QStringList kQuestionFields = {
    QStringLiteral("id"),          QStringLiteral("track"),     QStringLiteral("level"),
    QStringLiteral("type"),        QStringLiteral("objective"), QStringLiteral("prompt"),
    QStringLiteral("explanation"), QStringLiteral("choices"),   QStringLiteral("answer"),
    QStringLiteral("tolerance"),   QStringLiteral("unit"),      QStringLiteral("reveals"),
    QStringLiteral("hint"),        QStringLiteral("feedback"),  QStringLiteral("lesson")};
constexpr int kMinChoices = 2, kMaxChoices = 6;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// "lesson-id:step" (step 1-based) into the question's lessonId and 0-based lessonStep.
void readLessonLink(const FieldReader& fields, QuizQuestion& question)
{
    const QString link = fields.optionalText(QStringLiteral("lesson"));
    if (link.isEmpty())
        return;
    const qsizetype colon = link.lastIndexOf(QLatin1Char(':'));
    bool isNumber = false;
    const int step = colon > 0 ? link.mid(colon + 1).toInt(&isNumber) : 0;
    if (colon <= 0 || !isNumber || step < 1 || !isValidId(link.left(colon)))
        throw FieldError{
            QStringLiteral("\"lesson\" must be \"lesson-id:step\" with a step from 1, got \"%1\"").arg(link),
            {}};
    question.lessonId = link.left(colon);
    question.lessonStep = step - 1;
}

// Choice feedback: one text per choice, empty exactly at the right answer (nothing to explain
// there) and non-empty at every wrong one.
QStringList readChoiceFeedback(const FieldReader& fields, const QuizQuestion& question)
{
    const QJsonArray texts = fields.array(QStringLiteral("feedback"));
    if (texts.size() != question.choices.size())
        throw FieldError{QStringLiteral("\"feedback\" must have one text per choice (%1), got %2")
                             .arg(QString::number(question.choices.size()), QString::number(texts.size())),
                         {}};
    QStringList feedback;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const bool right = i == question.correctChoice;
        const QString text = texts[i].toString();
        if (!texts[i].isString() || right != text.trimmed().isEmpty())
            throw FieldError{
                QStringLiteral("\"feedback[%1]\" must be %2, got %3")
                    .arg(QString::number(i),
                         right ? QStringLiteral("\"\" (it is the right answer)")
                               : QStringLiteral("a non-empty string (why this wrong choice tempts)"),
                         describeJson(texts[i])),
                {}};
        feedback.append(text);
    }
    return feedback;
}

void refuse(const FieldReader& fields, const QString& field, const char* which)
{
    if (fields.has(field))
        throw FieldError{QStringLiteral("\"%1\" is only for %2 questions").arg(field, QLatin1String(which)),
                         {}};
}

QuizQuestion readQuestion(const QJsonObject& object)
{
    const FieldReader fields(object);
    QuizQuestion question;
    question.id = fields.id(QStringLiteral("id"));
    question.track = fields.oneOf(QStringLiteral("track"), kTrackIds);
    question.level = fields.integer(QStringLiteral("level"), 1, 3);
    const QString type = fields.oneOf(QStringLiteral("type"), kTypes);
    question.objective = fields.text(QStringLiteral("objective"));
    question.prompt = fields.text(QStringLiteral("prompt"));
    question.explanation = fields.text(QStringLiteral("explanation"));
    if (fields.has(QStringLiteral("reveals"))) {
        const QJsonArray reveals = fields.array(QStringLiteral("reveals"));
        for (qsizetype i = 0; i < reveals.size(); ++i) {
            if (!reveals[i].isString() || !isValidId(reveals[i].toString()) ||
                reveals[i].toString() == question.id)
                throw FieldError{QStringLiteral("\"reveals[%1]\" must be the id of another question, got %2")
                                     .arg(QString::number(i), describeJson(reveals[i])),
                                 {}};
            question.reveals.append(reveals[i].toString());
        }
    }

    if (type == QLatin1String("choice")) {
        question.kind = QuizQuestion::Kind::Choice;
        refuse(fields, QStringLiteral("tolerance"), "number");
        refuse(fields, QStringLiteral("unit"), "number");
        const QJsonArray choices = fields.array(QStringLiteral("choices"));
        if (choices.size() < kMinChoices || choices.size() > kMaxChoices)
            throw FieldError{QStringLiteral("\"choices\" must have %1 to %2 options, got %3")
                                 .arg(QString::number(kMinChoices), QString::number(kMaxChoices),
                                      QString::number(choices.size())),
                             {}};
        QSet<QString> seen;
        for (qsizetype i = 0; i < choices.size(); ++i) {
            const QString choice = choices[i].toString();
            if (!choices[i].isString() || choice.trimmed().isEmpty())
                throw FieldError{QStringLiteral("\"choices[%1]\" must be a non-empty string, got %2")
                                     .arg(QString::number(i), describeJson(choices[i])),
                                 {}};
            // Two options that differ only in case or spaces would both look right.
            const QString key = choice.simplified().toCaseFolded();
            if (seen.contains(key))
                throw FieldError{
                    QStringLiteral("\"choices[%1]\" repeats another option (\"%2\"); the options must "
                                   "all differ")
                        .arg(QString::number(i), choice),
                    {}};
            seen.insert(key);
            question.choices.append(choice);
        }
        const QJsonValue answer = object.value(QStringLiteral("answer"));
        const double index = answer.isDouble() ? answer.toDouble() : -1;
        if (!answer.isDouble() || index != std::floor(index) || index < 0 || index >= choices.size())
            throw FieldError{QStringLiteral("\"answer\" must be one of the %1 choices (0-%2), got %3")
                                 .arg(QString::number(choices.size()), QString::number(choices.size() - 1),
                                      describeJson(answer)),
                             {}};
        question.correctChoice = static_cast<int>(index);
        if (fields.has(QStringLiteral("feedback")))
            question.choiceFeedback = readChoiceFeedback(fields, question);
    } else if (type == QLatin1String("truefalse")) {
        question.kind = QuizQuestion::Kind::TrueFalse;
        refuse(fields, QStringLiteral("choices"), "choice");
        refuse(fields, QStringLiteral("tolerance"), "number");
        refuse(fields, QStringLiteral("unit"), "number");
        question.correctTruth = fields.boolean(QStringLiteral("answer"));
    } else {
        question.kind = QuizQuestion::Kind::Number;
        refuse(fields, QStringLiteral("choices"), "choice");
        question.correctNumber = fields.number(QStringLiteral("answer"), -kInfinity, kInfinity);
        question.tolerance = fields.has(QStringLiteral("tolerance"))
                                 ? fields.number(QStringLiteral("tolerance"), 0, kInfinity)
                                 : 0.0;
        question.unit = fields.optionalText(QStringLiteral("unit"));
    }
    if (question.kind != QuizQuestion::Kind::Choice && fields.has(QStringLiteral("feedback")))
        question.wrongFeedback = fields.text(QStringLiteral("feedback"));
    question.hint = fields.optionalText(QStringLiteral("hint")).trimmed();
    readLessonLink(fields, question);
    return question;
}

// Why a translated question would be marked differently from the English one, or empty.
QString answerDifference(const QuizQuestion& english, const QuizQuestion& translated)
{
    if (translated.kind != english.kind)
        return QStringLiteral("\"type\" differs from English");
    if (translated.track != english.track)
        return QStringLiteral("\"track\" differs from English");
    if (translated.reveals != english.reveals)
        return QStringLiteral("\"reveals\" differs from English");
    if (translated.lessonId != english.lessonId || translated.lessonStep != english.lessonStep)
        return QStringLiteral("\"lesson\" differs from English");
    switch (english.kind) {
    case QuizQuestion::Kind::Choice:
        if (translated.choices.size() != english.choices.size())
            return QStringLiteral("it has %1 choices, English has %2")
                .arg(QString::number(translated.choices.size()), QString::number(english.choices.size()));
        if (translated.correctChoice != english.correctChoice)
            return QStringLiteral("\"answer\" is %1, English has %2")
                .arg(QString::number(translated.correctChoice), QString::number(english.correctChoice));
        break;
    case QuizQuestion::Kind::TrueFalse:
        if (translated.correctTruth != english.correctTruth)
            return QStringLiteral("\"answer\" differs from English");
        break;
    case QuizQuestion::Kind::Number:
        if (translated.correctNumber != english.correctNumber || translated.tolerance != english.tolerance)
            return QStringLiteral("\"answer\" or \"tolerance\" differs from English");
        break;
    }
    return {};
}

QString numberText(double value, const QString& unit)
{
    const QString number = QLocale().toString(value, 'f', QLocale::FloatingPointShortest);
    if (unit.isEmpty())
        return number;
    //: A number and its unit in a quiz answer ("5.5 %", "12.9 B")
    return QCoreApplication::translate("QuizBank", "%1 %2").arg(number, unit);
}

QString truthText(bool truth)
{
    return truth ? QCoreApplication::translate("QuizBank", "True")
                 : QCoreApplication::translate("QuizBank", "False");
}

} // namespace

bool isCorrect(const QuizQuestion& question, const QuizAnswer& answer)
{
    switch (question.kind) {
    case QuizQuestion::Kind::Choice:
        return answer.choice >= 0 && answer.choice == question.correctChoice;
    case QuizQuestion::Kind::TrueFalse:
        return answer.truth == question.correctTruth;
    case QuizQuestion::Kind::Number: {
        if (!std::isfinite(answer.number))
            return false;
        // A hair of slack so that a typed "0.3" matches a computed 0.1 + 0.2.
        const double slack = 1e-9 * std::max(1.0, std::abs(question.correctNumber));
        return std::abs(answer.number - question.correctNumber) <= question.tolerance + slack;
    }
    }
    return false;
}

QString feedbackFor(const QuizQuestion& question, const QuizAnswer& answer)
{
    if (isCorrect(question, answer))
        return {};
    if (question.kind == QuizQuestion::Kind::Choice)
        return question.choiceFeedback.value(answer.choice);
    return question.wrongFeedback;
}

QString correctAnswerText(const QuizQuestion& question)
{
    switch (question.kind) {
    case QuizQuestion::Kind::Choice:
        return question.choices.value(question.correctChoice);
    case QuizQuestion::Kind::TrueFalse:
        return truthText(question.correctTruth);
    case QuizQuestion::Kind::Number:
        return numberText(question.correctNumber, question.unit);
    }
    return {};
}

QString answerText(const QuizQuestion& question, const QuizAnswer& answer)
{
    switch (question.kind) {
    case QuizQuestion::Kind::Choice:
        if (answer.choice < 0 || answer.choice >= question.choices.size())
            return QCoreApplication::translate("QuizBank", "(no answer)");
        return question.choices[answer.choice];
    case QuizQuestion::Kind::TrueFalse:
        return truthText(answer.truth);
    case QuizQuestion::Kind::Number:
        if (!std::isfinite(answer.number))
            return QCoreApplication::translate("QuizBank", "(no answer)");
        return numberText(answer.number, question.unit);
    }
    return {};
}

QList<QuizQuestion> QuizBank::questionsOf(const QString& track) const
{
    QList<QuizQuestion> found;
    for (const QuizQuestion& question : questions)
        if (question.track == track)
            found.append(question);
    return found;
}

const QuizQuestion* QuizBank::question(const QString& id) const
{
    for (const QuizQuestion& question : questions)
        if (question.id == id)
            return &question;
    return nullptr;
}

QuizBank loadQuizBank(const QString& path, QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    const QString file = QFileInfo(path).fileName();
    QuizBank bank;
    const std::optional<ContentFile> content = readContentFile(path, kTopFields, &problems);
    if (!content)
        return bank;
    bank.language = content->language;
    // Facts about the built-in model ("{model.top_k}") come from the model, its recipe and eval.
    QJsonObject root = content->root;
    fillFacts(root, builtInFactsFor(content->language.isEmpty() ? QStringLiteral("en") : content->language),
              {QStringLiteral("answer"), QStringLiteral("tolerance")}, file, &problems);
    const FieldReader top(root);
    QJsonArray questions;
    try {
        questions = top.array(QStringLiteral("questions"));
    } catch (const FieldError& error) {
        problems << QStringLiteral("%1: %2").arg(file, error.message);
        return bank;
    }

    QSet<QString> ids;
    readEntries(file, QStringLiteral("questions"), questions, &problems,
                [&](const QJsonObject& object, const QString& where) {
                    for (const QString& note : FieldReader(object).unknownFields(kQuestionFields))
                        problems << QStringLiteral("%1: %2").arg(where, note);
                    QuizQuestion question = readQuestion(object);
                    if (ids.contains(question.id))
                        throw FieldError{
                            QStringLiteral("\"id\" repeats the question \"%1\"").arg(question.id)};
                    ids.insert(question.id);
                    bank.questions.append(std::move(question));
                });
    // A question may only name questions of the same file: anything else is a typo.
    for (QuizQuestion& question : bank.questions) {
        for (const QString& id : std::as_const(question.reveals))
            if (!ids.contains(id))
                problems << QStringLiteral(
                                "%1: question \"%2\": \"reveals\" names \"%3\", which is not a question "
                                "of this file")
                                .arg(file, question.id, id);
        question.reveals.removeIf([&ids](const QString& id) { return !ids.contains(id); });
    }
    return bank;
}

QuizBank loadQuizFor(const QString& language, QStringList* errors)
{
    const QString path = QStringLiteral(":/quiz/quiz.%1.json").arg(language);
    const bool translated =
        language != QLatin1String("en") && isContentLanguage(language) && QFile::exists(path);
    return loadQuizFrom(QStringLiteral(":/quiz/quiz.en.json"), translated ? path : QString(), language,
                        errors);
}

QuizBank loadQuizFrom(const QString& englishPath, const QString& translatedPath, const QString& language,
                      QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    QuizBank english = loadQuizBank(englishPath, &problems);
    english.language = QStringLiteral("en");
    if (translatedPath.isEmpty())
        return english;

    const QString file = QFileInfo(translatedPath).fileName();
    const QString englishFile = QFileInfo(englishPath).fileName();
    const QuizBank translated = loadQuizBank(translatedPath, &problems);
    if (translated.questions.isEmpty())
        return english; // nothing usable: the loader said why

    QuizBank bank;
    bank.language = language;
    for (const QuizQuestion& question : std::as_const(english.questions)) {
        const QuizQuestion* own = translated.question(question.id);
        if (!own) {
            problems << QStringLiteral("%1: the question \"%2\" is missing or broken; using the English one")
                            .arg(file, question.id);
            bank.questions.append(question);
            continue;
        }
        const QString difference = answerDifference(question, *own);
        if (!difference.isEmpty()) {
            problems << QStringLiteral(
                            "%1: the question \"%2\" does not match English (%3); using the English one")
                            .arg(file, question.id, difference);
            bank.questions.append(question);
            continue;
        }
        bank.questions.append(*own);
    }
    for (const QuizQuestion& question : std::as_const(translated.questions))
        if (!english.question(question.id))
            problems << QStringLiteral("%1: the question \"%2\" is not in %3; left out")
                            .arg(file, question.id, englishFile);
    return bank;
}

bool QuizBank::giveAway(const QuizQuestion& a, const QuizQuestion& b)
{
    return a.reveals.contains(b.id) || b.reveals.contains(a.id);
}

QList<QuizQuestion> drawSitting(QList<QuizQuestion> pool, uint32_t seed, int count,
                                const QStringList& comeBack)
{
    std::mt19937 rng(seed);
    std::shuffle(pool.begin(), pool.end(), rng);
    // Missed questions first, each group still in shuffled order; the sitting is shuffled again
    // below so that they do not always open it.
    std::stable_partition(pool.begin(), pool.end(), [&comeBack](const QuizQuestion& question) {
        return comeBack.contains(question.id);
    });
    QList<QuizQuestion> sitting;
    for (const QuizQuestion& candidate : std::as_const(pool)) {
        if (sitting.size() >= count)
            break;
        const bool clash = std::any_of(sitting.cbegin(), sitting.cend(), [&](const QuizQuestion& chosen) {
            return QuizBank::giveAway(chosen, candidate);
        });
        if (!clash)
            sitting.append(candidate);
    }
    if (!comeBack.isEmpty())
        std::shuffle(sitting.begin(), sitting.end(), rng);
    return sitting;
}

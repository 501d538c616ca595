// Lessons from JSON: strict about each lesson (a lesson that cannot be carried out as written is
// left out), forgiving about the file (one broken lesson does not empty the library), and complete
// in every language (what a translation lacks comes from English).
#include "learn/lesson_book.h"

#include "learn/content_facts.h"
#include "learn/json_fields.h"
#include "learn/translated_content.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

namespace {

const QStringList kTrackIds = {QStringLiteral("explorer"), QStringLiteral("builder"),
                               QStringLiteral("creator")};
const QStringList kModes = {QStringLiteral("explore"), QStringLiteral("compare"), QStringLiteral("scale"),
                            QStringLiteral("playground")};

// Bounds that keep hostile numbers away from ints; the app checks layers and experts against the
// model it has loaded.
constexpr int kMaxIndex = 1024;
constexpr int kMaxPause = 100000;

const QStringList kTopFields = {QStringLiteral("language"), QStringLiteral("tracks"),
                                QStringLiteral("lessons")};
const QStringList kTrackFields = {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("audience"),
                                  QStringLiteral("description")};
const QStringList kLessonFields = {QStringLiteral("id"),           QStringLiteral("track"),
                                   QStringLiteral("title"),        QStringLiteral("objective"),
                                   QStringLiteral("goals"),        QStringLiteral("minutes"),
                                   QStringLiteral("recap"),        QStringLiteral("level"),
                                   QStringLiteral("prerequisite"), QStringLiteral("steps")};
const QStringList kStepFields = {QStringLiteral("title"), QStringLiteral("text"), QStringLiteral("action"),
                                 QStringLiteral("predict"), QStringLiteral("belief")};
const QStringList kBeliefFields = {QStringLiteral("id"), QStringLiteral("phase"), QStringLiteral("question"),
                                   QStringLiteral("choices"), QStringLiteral("reveal")};
constexpr int kMinBeliefChoices = 2, kMaxBeliefChoices = 5;
const QStringList kActionFields = {QStringLiteral("mode"),
                                   QStringLiteral("prompt"),
                                   QStringLiteral("poemPrompt"),
                                   QStringLiteral("run"),
                                   QStringLiteral("pauseAfterTokens"),
                                   QStringLiteral("layer"),
                                   QStringLiteral("expert"),
                                   QStringLiteral("topK"),
                                   QStringLiteral("preset"),
                                   QStringLiteral("race")};
const QStringList kPredictFields = {QStringLiteral("layer"), QStringLiteral("question")};

LessonTrack readTrack(const QJsonObject& object)
{
    const FieldReader fields(object);
    LessonTrack track;
    track.id = fields.oneOf(QStringLiteral("id"), kTrackIds);
    track.title = fields.text(QStringLiteral("title"));
    track.audience = fields.text(QStringLiteral("audience"));
    track.description = fields.text(QStringLiteral("description"));
    return track;
}

// A field that only some modes use is refused on the others: the app would silently ignore it.
void onlyFor(const FieldReader& fields, const QString& field, bool allowed, const char* which)
{
    if (fields.has(field) && !allowed)
        throw FieldError{QStringLiteral("\"action.%1\" is only for %2").arg(field, QLatin1String(which))};
}

LessonAction readAction(const QJsonObject& object, QStringList* notes)
{
    const FieldReader fields(object, QStringLiteral("action."));
    *notes << fields.unknownFields(kActionFields);
    LessonAction action;
    const QString mode = fields.oneOf(QStringLiteral("mode"), kModes);
    action.mode = mode == QLatin1String("explore")   ? LessonAction::Mode::Explore
                  : mode == QLatin1String("compare") ? LessonAction::Mode::Compare
                  : mode == QLatin1String("scale")   ? LessonAction::Mode::Scale
                                                     : LessonAction::Mode::Playground;
    const bool explore = action.mode == LessonAction::Mode::Explore;
    const bool compare = action.mode == LessonAction::Mode::Compare;
    const bool playground = action.mode == LessonAction::Mode::Playground;

    onlyFor(fields, QStringLiteral("prompt"), explore || compare, "explore and compare steps");
    onlyFor(fields, QStringLiteral("poemPrompt"), compare, "compare steps");
    onlyFor(fields, QStringLiteral("run"), explore || compare || playground,
            "explore, compare and playground steps (scale has nothing to run)");
    onlyFor(fields, QStringLiteral("preset"), playground, "playground steps");
    onlyFor(fields, QStringLiteral("race"), playground, "playground steps");
    onlyFor(fields, QStringLiteral("topK"), explore, "explore steps");
    onlyFor(fields, QStringLiteral("layer"), explore, "explore steps (the other pages show no single layer)");
    onlyFor(fields, QStringLiteral("expert"), explore,
            "explore steps (the other pages show no single expert)");

    if (fields.has(QStringLiteral("prompt")))
        action.prompt = fields.text(QStringLiteral("prompt"));
    if (fields.has(QStringLiteral("poemPrompt")))
        action.poemPrompt = fields.text(QStringLiteral("poemPrompt"));
    action.run = fields.optionalBoolean(QStringLiteral("run"), false);
    if (fields.has(QStringLiteral("pauseAfterTokens")) && !(explore && action.run))
        throw FieldError{
            QStringLiteral("\"action.pauseAfterTokens\" needs an explore step with \"run\": true")};
    action.pauseAfterTokens =
        fields.optionalInteger(QStringLiteral("pauseAfterTokens"), 1, kMaxPause).value_or(-1);
    // 1-based in the file, as learners count; 0-based in the app.
    action.layer = fields.optionalInteger(QStringLiteral("layer"), 1, kMaxIndex).value_or(0) - 1;
    action.expert = fields.optionalInteger(QStringLiteral("expert"), 1, kMaxIndex).value_or(0) - 1;
    action.topK = fields.optionalInteger(QStringLiteral("topK"), 1, kMaxIndex).value_or(-1);
    if (fields.has(QStringLiteral("preset")))
        action.preset = fields.text(QStringLiteral("preset"));
    action.race = fields.optionalBoolean(QStringLiteral("race"), false);
    if (action.run && action.race)
        throw FieldError{QStringLiteral("\"action.run\" and \"action.race\" cannot both be true: the step "
                                        "starts a training run or a race")};
    return action;
}

LessonPrediction readPrediction(const QJsonObject& object, QStringList* notes)
{
    const FieldReader fields(object, QStringLiteral("predict."));
    *notes << fields.unknownFields(kPredictFields);
    LessonPrediction prediction;
    prediction.layer = fields.integer(QStringLiteral("layer"), 1, kMaxIndex) - 1;
    prediction.question = fields.text(QStringLiteral("question"));
    return prediction;
}

LessonBelief readBelief(const QJsonObject& object, QStringList* notes)
{
    const FieldReader fields(object, QStringLiteral("belief."));
    *notes << fields.unknownFields(kBeliefFields);
    LessonBelief belief;
    belief.id = fields.id(QStringLiteral("id"));
    belief.after = fields.oneOf(QStringLiteral("phase"), {QStringLiteral("before"),
                                                          QStringLiteral("after")}) == QLatin1String("after");
    belief.question = fields.text(QStringLiteral("question"));
    const QJsonArray choices = fields.array(QStringLiteral("choices"));
    for (const QJsonValue& choice : choices)
        if (choice.isString() && !choice.toString().trimmed().isEmpty())
            belief.choices << choice.toString();
    if (belief.choices.size() != choices.size() || choices.size() < kMinBeliefChoices ||
        choices.size() > kMaxBeliefChoices)
        throw FieldError{QStringLiteral("\"belief.choices\" must be %1 to %2 non-empty strings")
                             .arg(kMinBeliefChoices)
                             .arg(kMaxBeliefChoices)};
    belief.reveal = fields.optionalText(QStringLiteral("reveal"));
    if (belief.after && belief.reveal.trimmed().isEmpty())
        throw FieldError{QStringLiteral("\"belief.reveal\" is needed in the \"after\" phase: what the "
                                        "evidence says")};
    return belief;
}

// Reads one lesson; the prerequisite is checked later against the whole file. Unknown fields are
// added to *notes (as errors with their place) and do not drop the lesson.
Lesson readLesson(const QJsonObject& object, const QSet<QString>& trackIds, QList<FieldError>* notes)
{
    const FieldReader fields(object);
    for (const QString& note : fields.unknownFields(kLessonFields))
        notes->append(FieldError{note, {}});
    Lesson lesson;
    lesson.id = fields.id(QStringLiteral("id"));
    lesson.track = fields.oneOf(QStringLiteral("track"), kTrackIds);
    if (!trackIds.contains(lesson.track)) {
        QStringList inFile;
        for (const QString& id : kTrackIds)
            if (trackIds.contains(id))
                inFile << id;
        throw FieldError(QStringLiteral("\"track\" must be one of the tracks in \"tracks\" (%1), got \"%2\"")
                             .arg(inFile.join(QStringLiteral(", ")), lesson.track));
    }
    lesson.title = fields.text(QStringLiteral("title"));
    lesson.objective = fields.text(QStringLiteral("objective"));
    if (fields.has(QStringLiteral("goals"))) {
        const QJsonArray goals = fields.array(QStringLiteral("goals"));
        if (goals.isEmpty() || goals.size() > 4)
            throw FieldError{QStringLiteral("\"goals\" must have 1 to 4 entries, got %1").arg(goals.size())};
        for (qsizetype i = 0; i < goals.size(); ++i) {
            if (!goals[i].isString() || goals[i].toString().trimmed().isEmpty())
                throw FieldError{QStringLiteral("\"goals[%1]\" must be a non-empty string, got %2")
                                     .arg(QString::number(i), describeJson(goals[i]))};
            lesson.goals << goals[i].toString();
        }
    }
    lesson.minutes = fields.optionalInteger(QStringLiteral("minutes"), 1, 120).value_or(0);
    lesson.recap = fields.optionalText(QStringLiteral("recap"));
    lesson.level = fields.integer(QStringLiteral("level"), 1, 3);
    lesson.prerequisite = fields.optionalText(QStringLiteral("prerequisite"));
    if (!lesson.prerequisite.isEmpty() && !isValidId(lesson.prerequisite))
        throw FieldError{QStringLiteral("\"prerequisite\" must be empty or a lesson id, got \"%1\"")
                             .arg(lesson.prerequisite)};
    if (lesson.prerequisite == lesson.id)
        throw FieldError{QStringLiteral("\"prerequisite\" names the lesson itself")};

    const QJsonArray steps = fields.array(QStringLiteral("steps"));
    if (steps.isEmpty())
        throw FieldError{QStringLiteral("\"steps\" must have at least one step")};
    // Whether a paused explore run is on screen when the step is shown: what a prediction needs.
    bool pausedRun = false;
    // The top-k the explore page routes with (each explore action sets it; -1: as trained). The
    // learner always guesses as many experts as the model uses, so a guess under an experiment
    // would be marked against a different number of experts.
    int topK = -1;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString within = QStringLiteral("steps[%1]").arg(i);
        try {
            if (!steps[i].isObject())
                throw FieldError{QStringLiteral("must be an object, got %1").arg(describeJson(steps[i]))};
            const FieldReader stepFields(steps[i].toObject());
            QStringList stepNotes = stepFields.unknownFields(kStepFields);
            LessonStep step;
            step.title = stepFields.text(QStringLiteral("title"));
            step.text = stepFields.text(QStringLiteral("text"));
            if (const auto action = stepFields.optionalObject(QStringLiteral("action"))) {
                step.action = readAction(*action, &stepNotes);
                if (step.action.mode == LessonAction::Mode::Explore)
                    topK = step.action.topK;
                if (step.action.mode == LessonAction::Mode::Explore && step.action.run)
                    pausedRun = step.action.pauseAfterTokens >= 1;
                else if (step.action.mode != LessonAction::Mode::Explore)
                    pausedRun = false; // another page is on screen
            }
            if (const auto predict = stepFields.optionalObject(QStringLiteral("predict"))) {
                step.predict = readPrediction(*predict, &stepNotes);
                if (!pausedRun)
                    throw FieldError{QStringLiteral(
                        "\"predict\" needs a paused run on screen: this step or an earlier one must have an "
                        "explore action with \"run\": true and \"pauseAfterTokens\", and no step in between "
                        "may run to the end or show another page")};
                if (topK != -1)
                    throw FieldError(
                        QStringLiteral("\"predict\" cannot follow a \"topK\" experiment (top-%1 is "
                                       "still on): the learner guesses as many experts as the model "
                                       "uses; reset it with an explore action without \"topK\"")
                            .arg(topK));
            }
            if (const auto belief = stepFields.optionalObject(QStringLiteral("belief")))
                step.belief = readBelief(*belief, &stepNotes);
            for (const QString& note : std::as_const(stepNotes))
                notes->append(FieldError{note, within});
            lesson.steps.append(step);
        } catch (FieldError& error) {
            error.within = within;
            throw;
        }
    }
    return lesson;
}

// Drops lessons whose prerequisite is not a lesson of the book (or was itself dropped) and those
// caught in a cycle of prerequisites, which no learner could ever start.
void checkPrerequisites(QList<Lesson>* lessons, const QHash<QString, QString>& whereOf, QStringList* errors)
{
    bool dropped = true;
    while (dropped) {
        dropped = false;
        QSet<QString> ids;
        for (const Lesson& lesson : std::as_const(*lessons))
            ids.insert(lesson.id);
        for (qsizetype i = 0; i < lessons->size(); ++i) {
            const Lesson& lesson = lessons->at(i);
            if (lesson.prerequisite.isEmpty() || ids.contains(lesson.prerequisite))
                continue;
            errors->append(entryMessage(
                whereOf.value(lesson.id),
                FieldError{QStringLiteral("\"prerequisite\" is \"%1\", which is not a lesson in the file "
                                          "(or was left out)")
                               .arg(lesson.prerequisite),
                           {}}));
            lessons->removeAt(i);
            dropped = true;
            break;
        }
    }
    QHash<QString, QString> prerequisiteOf;
    for (const Lesson& lesson : std::as_const(*lessons))
        prerequisiteOf.insert(lesson.id, lesson.prerequisite);
    QSet<QString> inCycle;
    for (const Lesson& lesson : std::as_const(*lessons)) {
        QSet<QString> seen;
        QString id = lesson.id;
        while (!id.isEmpty() && !seen.contains(id)) {
            seen.insert(id);
            id = prerequisiteOf.value(id);
        }
        if (id == lesson.id)
            inCycle.insert(lesson.id);
    }
    for (qsizetype i = lessons->size() - 1; i >= 0; --i) {
        if (!inCycle.contains(lessons->at(i).id))
            continue;
        errors->append(
            entryMessage(whereOf.value(lessons->at(i).id),
                         FieldError{QStringLiteral("\"prerequisite\" leads round in a circle back to "
                                                   "this lesson"),
                                    {}}));
        lessons->removeAt(i);
    }
}

// Whether a translated lesson does exactly what the English one does (only its words may differ).
QString structureDifference(const Lesson& english, const Lesson& translated)
{
    if (translated.track != english.track)
        return QStringLiteral("\"track\" differs from English");
    if (translated.level != english.level)
        return QStringLiteral("\"level\" differs from English");
    if (translated.prerequisite != english.prerequisite)
        return QStringLiteral("\"prerequisite\" differs from English");
    if (translated.steps.size() != english.steps.size())
        return QStringLiteral("it has %1 steps, English has %2")
            .arg(QString::number(translated.steps.size()), QString::number(english.steps.size()));
    for (qsizetype i = 0; i < english.steps.size(); ++i) {
        const LessonAction& a = english.steps[i].action;
        const LessonAction& b = translated.steps[i].action;
        if (a.mode != b.mode || a.run != b.run || a.pauseAfterTokens != b.pauseAfterTokens ||
            a.layer != b.layer || a.expert != b.expert || a.topK != b.topK || a.preset != b.preset ||
            a.race != b.race)
            return QStringLiteral("steps[%1]: the action differs from English").arg(i);
        const auto& p = english.steps[i].predict;
        const auto& q = translated.steps[i].predict;
        if (p.has_value() != q.has_value() || (p && p->layer != q->layer))
            return QStringLiteral("steps[%1]: the prediction differs from English").arg(i);
        const auto& e = english.steps[i].belief;
        const auto& t = translated.steps[i].belief;
        if (e.has_value() != t.has_value() ||
            (e && (e->id != t->id || e->after != t->after || e->choices.size() != t->choices.size())))
            return QStringLiteral("steps[%1]: the belief question differs from English").arg(i);
    }
    return {};
}

} // namespace

const Lesson* LessonBook::lesson(const QString& id) const
{
    for (const Lesson& lesson : lessons)
        if (lesson.id == id)
            return &lesson;
    return nullptr;
}

QList<const Lesson*> LessonBook::lessonsOf(const QString& trackId) const
{
    QList<const Lesson*> found;
    for (const Lesson& lesson : lessons)
        if (lesson.track == trackId)
            found.append(&lesson);
    return found;
}

const LessonTrack* LessonBook::track(const QString& id) const
{
    for (const LessonTrack& track : tracks)
        if (track.id == id)
            return &track;
    return nullptr;
}

LessonBook loadLessonBook(const QString& path, QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    const QString file = QFileInfo(path).fileName();
    LessonBook book;
    const std::optional<ContentFile> content = readContentFile(path, kTopFields, &problems);
    if (!content)
        return book;
    book.language = content->language;
    // Facts about the built-in model ("{model.top_k}") come from the model, its recipe and eval.
    QJsonObject root = content->root;
    fillFacts(root, builtInFactsFor(content->language.isEmpty() ? QStringLiteral("en") : content->language),
              {QStringLiteral("topK")}, file, &problems);
    const FieldReader top(root);

    QJsonArray tracks, lessons;
    try {
        tracks = top.array(QStringLiteral("tracks"));
        lessons = top.array(QStringLiteral("lessons"));
    } catch (const FieldError& error) {
        problems << QStringLiteral("%1: %2").arg(file, error.message);
        return book;
    }

    QSet<QString> trackIds;
    readEntries(file, QStringLiteral("tracks"), tracks, &problems,
                [&](const QJsonObject& object, const QString& where) {
                    for (const QString& note : FieldReader(object).unknownFields(kTrackFields))
                        problems << QStringLiteral("%1: %2").arg(where, note);
                    const LessonTrack track = readTrack(object);
                    if (trackIds.contains(track.id))
                        throw FieldError{QStringLiteral("\"id\" repeats the track \"%1\"").arg(track.id)};
                    trackIds.insert(track.id);
                    book.tracks.append(track);
                });

    QHash<QString, QString> whereOf; // lesson id -> its place, for the messages of the later checks
    readEntries(file, QStringLiteral("lessons"), lessons, &problems,
                [&](const QJsonObject& object, const QString& where) {
                    QList<FieldError> notes;
                    Lesson lesson = readLesson(object, trackIds, &notes);
                    for (const FieldError& note : std::as_const(notes))
                        problems << entryMessage(where, note);
                    if (whereOf.contains(lesson.id))
                        throw FieldError{QStringLiteral("\"id\" repeats the lesson \"%1\"").arg(lesson.id)};
                    whereOf.insert(lesson.id, where);
                    book.lessons.append(std::move(lesson));
                });
    checkPrerequisites(&book.lessons, whereOf, &problems);
    return book;
}

LessonBook loadLessonsFor(const QString& language, QStringList* errors)
{
    const QString path = QStringLiteral(":/lessons/lessons.%1.json").arg(language);
    const bool translated =
        language != QLatin1String("en") && isContentLanguage(language) && QFile::exists(path);
    return loadLessonsFrom(QStringLiteral(":/lessons/lessons.en.json"), translated ? path : QString(),
                           language, errors);
}

LessonBook loadLessonsFrom(const QString& englishPath, const QString& translatedPath, const QString& language,
                           QStringList* errors)
{
    QStringList ignored;
    QStringList& problems = errors ? *errors : ignored;
    LessonBook english = loadLessonBook(englishPath, &problems);
    english.language = QStringLiteral("en");
    if (translatedPath.isEmpty())
        return english;

    const QString file = QFileInfo(translatedPath).fileName();
    const QString englishFile = QFileInfo(englishPath).fileName();
    const LessonBook translated = loadLessonBook(translatedPath, &problems);
    if (translated.tracks.isEmpty() && translated.lessons.isEmpty())
        return english; // nothing usable: the loader said why

    LessonBook book;
    book.language = language;
    for (const LessonTrack& track : std::as_const(english.tracks)) {
        if (const LessonTrack* own = translated.track(track.id)) {
            book.tracks.append(*own);
        } else {
            problems << QStringLiteral("%1: the track \"%2\" is missing or broken; using the English one")
                            .arg(file, track.id);
            book.tracks.append(track);
        }
    }
    for (const Lesson& lesson : std::as_const(english.lessons)) {
        const Lesson* own = translated.lesson(lesson.id);
        if (!own) {
            problems << QStringLiteral("%1: the lesson \"%2\" is missing or broken; using the English one")
                            .arg(file, lesson.id);
            book.lessons.append(lesson);
            continue;
        }
        const QString difference = structureDifference(lesson, *own);
        if (!difference.isEmpty()) {
            problems << QStringLiteral(
                            "%1: the lesson \"%2\" does not match English (%3); using the English one")
                            .arg(file, lesson.id, difference);
            book.lessons.append(lesson);
            continue;
        }
        book.lessons.append(*own);
    }
    for (const LessonTrack& track : std::as_const(translated.tracks))
        if (!english.track(track.id))
            problems << QStringLiteral("%1: the track \"%2\" is not in %3; left out")
                            .arg(file, track.id, englishFile);
    for (const Lesson& lesson : std::as_const(translated.lessons))
        if (!english.lesson(lesson.id))
            problems << QStringLiteral("%1: the lesson \"%2\" is not in %3; left out")
                            .arg(file, lesson.id, englishFile);
    return book;
}

bool isContentLanguage(const QString& language)
{
    return isValidId(language) && language.size() <= 8;
}

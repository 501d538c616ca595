// The learner's progress on disk. Three rules keep it safe: a write is all or nothing (QSaveFile);
// the last good file is kept as "<file>.bak" before it is replaced; and a file that cannot be read is
// never thrown away (it is kept as "<file>.corrupt") while the backup takes its place.
#include "learn/progress_store.h"

#include "learn/json_fields.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>
#include <QStandardPaths>

#include <cmath>

namespace {

constexpr int kVersion = 1;
// Bounds that keep hostile numbers away from ints; no lesson or quiz comes near them.
constexpr int kMaxStep = 100000;
constexpr int kMaxBeliefAnswer = 16;
constexpr int kMaxQuestions = 100000;
// A progress file is a few KB; anything far larger is not ours.
constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;

QString isoUtc(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

std::optional<int> wholeNumber(const QJsonValue& value, int min, int max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || number != std::floor(number) || number < min || number > max)
        return std::nullopt;
    return static_cast<int>(number);
}

// The parsed file, or nullopt and *why.
std::optional<QJsonObject> readProgressFile(const QString& path, QString* why)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = file.errorString();
        return std::nullopt;
    }
    if (file.size() > kMaxFileBytes) {
        *why = QStringLiteral("the file has %1 bytes, far more than progress needs").arg(file.size());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *why = QStringLiteral("not valid JSON at byte %1: %2")
                   .arg(QString::number(parseError.offset), parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *why = QStringLiteral("expected a JSON object at the top");
        return std::nullopt;
    }
    return document.object();
}

QJsonObject resultToJson(const QuizResult& result, bool withTrack)
{
    QJsonObject object;
    object.insert(QStringLiteral("learner"), result.learner);
    if (withTrack)
        object.insert(QStringLiteral("track"), result.track);
    object.insert(QStringLiteral("score"), result.score);
    object.insert(QStringLiteral("total"), result.total);
    object.insert(QStringLiteral("finishedAt"), isoUtc(result.finishedAt));
    return object;
}

// A stored result, or nullopt and *why. `track` is given for the "best" entries (their key).
std::optional<QuizResult> resultFromJson(const QJsonValue& value, const QString* track, QString* why)
{
    if (!value.isObject()) {
        *why = QStringLiteral("must be an object, got %1").arg(describeJson(value));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    QuizResult result;
    const QJsonValue learner = object.value(QStringLiteral("learner"));
    if (!learner.isUndefined() && !learner.isString()) {
        *why = QStringLiteral("\"learner\" must be a string, got %1").arg(describeJson(learner));
        return std::nullopt;
    }
    result.learner = learner.toString();
    if (track) {
        result.track = *track;
    } else {
        const QJsonValue trackValue = object.value(QStringLiteral("track"));
        if (!trackValue.isString() || !isValidId(trackValue.toString())) {
            *why = QStringLiteral("\"track\" must be a track id, got %1").arg(describeJson(trackValue));
            return std::nullopt;
        }
        result.track = trackValue.toString();
    }
    const auto total = wholeNumber(object.value(QStringLiteral("total")), 1, kMaxQuestions);
    if (!total) {
        *why = QStringLiteral("\"total\" must be a whole number from 1 to %1, got %2")
                   .arg(QString::number(kMaxQuestions), describeJson(object.value(QStringLiteral("total"))));
        return std::nullopt;
    }
    const auto score = wholeNumber(object.value(QStringLiteral("score")), 0, *total);
    if (!score) {
        *why = QStringLiteral("\"score\" must be a whole number from 0 to the total (%1), got %2")
                   .arg(QString::number(*total), describeJson(object.value(QStringLiteral("score"))));
        return std::nullopt;
    }
    result.total = *total;
    result.score = *score;
    const QJsonValue finished = object.value(QStringLiteral("finishedAt"));
    result.finishedAt = QDateTime::fromString(finished.toString(), Qt::ISODateWithMs);
    if (!finished.isString() || !result.finishedAt.isValid()) {
        *why = QStringLiteral("\"finishedAt\" must be an ISO 8601 date and time, got %1")
                   .arg(describeJson(finished));
        return std::nullopt;
    }
    result.finishedAt = result.finishedAt.toUTC();
    return result;
}

// Whether a's fraction right beats b's (a.score / a.total > b.score / b.total), without division.
bool beats(const QuizResult& a, const QuizResult& b)
{
    return static_cast<qint64>(a.score) * std::max(b.total, 1) >
           static_cast<qint64>(b.score) * std::max(a.total, 1);
}

// Keeps a file that could not be read next to the progress file, under the first free
// "<path>.corrupt" name, so that a person can still look at what went wrong.
QString keepAside(const QString& path)
{
    QString target = path + QStringLiteral(".corrupt");
    for (int n = 1; QFile::exists(target) && n < 100; ++n)
        target = path + QStringLiteral(".corrupt.%1").arg(n);
    if (QFile::exists(target) || !QFile::rename(path, target))
        return {};
    return target;
}

QString csvField(const QString& text)
{
    QString field = text;
    // A name such as "=HYPERLINK(...)" would run as a formula in a spreadsheet: keep it text.
    if (!field.isEmpty() && QStringLiteral("=+-@\t\r").contains(field.front()))
        field.prepend(QLatin1Char('\''));
    if (field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"')) ||
        field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r'))) {
        field.replace(QLatin1String("\""), QLatin1String("\"\""));
        field = QLatin1Char('"') + field + QLatin1Char('"');
    }
    return field;
}

} // namespace

ProgressStore::ProgressStore(QString path) : m_path(std::move(path)) {}

QString ProgressStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/progress.json");
}

bool ProgressStore::load(QStringList* warnings)
{
    QStringList ignored;
    QStringList& problems = warnings ? *warnings : ignored;
    m_lessons.clear();
    m_best.clear();
    m_results.clear();
    m_lastLesson.clear();
    m_learner.clear();
    m_missed.clear();
    m_beliefs.clear();

    const QString backup = m_path + QStringLiteral(".bak");
    const QString name = QFileInfo(m_path).fileName();
    const bool firstStart = !QFile::exists(m_path) && !QFile::exists(backup);
    std::optional<QJsonObject> root;
    if (QFile::exists(m_path)) {
        QString why;
        root = readProgressFile(m_path, &why);
        if (!root) {
            const QString kept = keepAside(m_path);
            problems << QStringLiteral("%1: cannot be read (%2); kept as %3")
                            .arg(name, why,
                                 kept.isEmpty() ? QStringLiteral("it is") : QFileInfo(kept).fileName());
        }
    }
    if (!root && QFile::exists(backup)) {
        QString why;
        root = readProgressFile(backup, &why);
        if (root)
            problems << QStringLiteral("%1: progress restored from the backup %2")
                            .arg(name, QFileInfo(backup).fileName());
        else
            problems << QStringLiteral("%1: the backup cannot be read either (%2)")
                            .arg(QFileInfo(backup).fileName(), why);
    }
    if (!root)
        return firstStart;

    const QJsonValue version = root->value(QStringLiteral("version"));
    if (wholeNumber(version, kVersion, kVersion) != kVersion)
        problems << QStringLiteral("%1: \"version\" is %2, expected %3; reading what this version knows")
                        .arg(name, describeJson(version), QString::number(kVersion));

    const QJsonValue learner = root->value(QStringLiteral("learner"));
    if (learner.isString())
        m_learner = learner.toString();
    else if (!learner.isUndefined())
        problems << QStringLiteral("%1: \"learner\" must be a string, got %2; dropped")
                        .arg(name, describeJson(learner));
    const QJsonValue last = root->value(QStringLiteral("lastLesson"));
    if (last.isString() && (last.toString().isEmpty() || isValidId(last.toString())))
        m_lastLesson = last.toString();
    else if (!last.isUndefined())
        problems << QStringLiteral("%1: \"lastLesson\" must be a lesson id, got %2; dropped")
                        .arg(name, describeJson(last));

    const QJsonValue lessons = root->value(QStringLiteral("lessons"));
    if (!lessons.isUndefined() && !lessons.isObject())
        problems << QStringLiteral("%1: \"lessons\" must be an object, got %2; dropped")
                        .arg(name, describeJson(lessons));
    const QJsonObject lessonObject = lessons.toObject();
    for (auto it = lessonObject.begin(); it != lessonObject.end(); ++it) {
        const QString where = QStringLiteral("%1: lessons[\"%2\"]").arg(name, it.key());
        const QJsonObject entry = it.value().toObject();
        const auto step = wholeNumber(entry.value(QStringLiteral("step")), 0, kMaxStep);
        const QJsonValue completed = entry.value(QStringLiteral("completed"));
        if (!isValidId(it.key()))
            problems << where + QStringLiteral(": not a lesson id; dropped");
        else if (!it.value().isObject())
            problems << where + QStringLiteral(": must be an object, got %1; dropped")
                                    .arg(describeJson(it.value()));
        else if (!step)
            problems << where + QStringLiteral(": \"step\" must be a whole number ≥ 0, got %1; dropped")
                                    .arg(describeJson(entry.value(QStringLiteral("step"))));
        else if (!completed.isBool())
            problems << where + QStringLiteral(": \"completed\" must be true or false, got %1; dropped")
                                    .arg(describeJson(completed));
        else
            m_lessons.insert(it.key(), LessonProgress{*step, completed.toBool()});
    }

    const QJsonValue best = root->value(QStringLiteral("best"));
    if (!best.isUndefined() && !best.isObject())
        problems << QStringLiteral("%1: \"best\" must be an object, got %2; dropped")
                        .arg(name, describeJson(best));
    const QJsonObject bestObject = best.toObject();
    for (auto it = bestObject.begin(); it != bestObject.end(); ++it) {
        QString why;
        const QString track = it.key();
        if (!isValidId(track))
            why = QStringLiteral("not a track id");
        else if (const auto result = resultFromJson(it.value(), &track, &why))
            m_best.insert(track, *result);
        if (!why.isEmpty())
            problems << QStringLiteral("%1: best[\"%2\"]: %3; dropped").arg(name, track, why);
    }

    const QJsonValue results = root->value(QStringLiteral("results"));
    if (!results.isUndefined() && !results.isArray())
        problems << QStringLiteral("%1: \"results\" must be an array, got %2; dropped")
                        .arg(name, describeJson(results));
    const QJsonArray resultArray = results.toArray();
    for (qsizetype i = 0; i < resultArray.size(); ++i) {
        QString why;
        if (const auto result = resultFromJson(resultArray[i], nullptr, &why))
            m_results.append(*result);
        else
            problems << QStringLiteral("%1: results[%2]: %3; dropped").arg(name, QString::number(i), why);
    }
    readMissed(root->value(QStringLiteral("missed")), name, &problems);
    readBeliefs(root->value(QStringLiteral("beliefs")), name, &problems);
    return true;
}

void ProgressStore::readMissed(const QJsonValue& missed, const QString& name, QStringList* problems)
{
    if (!missed.isUndefined() && !missed.isObject())
        *problems << QStringLiteral("%1: \"missed\" must be an object, got %2; dropped")
                         .arg(name, describeJson(missed));
    const QJsonObject object = missed.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        QStringList ids;
        const QJsonArray array = it.value().toArray();
        for (const QJsonValue& id : array)
            if (id.isString() && isValidId(id.toString()))
                ids.append(id.toString());
        if (!isValidId(it.key()) || !it.value().isArray() || ids.size() != array.size())
            *problems << QStringLiteral("%1: missed[\"%2\"] must be a list of question ids; dropped")
                             .arg(name, it.key());
        else
            m_missed.insert(it.key(), ids);
    }
}

void ProgressStore::readBeliefs(const QJsonValue& beliefs, const QString& name, QStringList* problems)
{
    if (!beliefs.isUndefined() && !beliefs.isObject())
        *problems << QStringLiteral("%1: \"beliefs\" must be an object, got %2; dropped")
                         .arg(name, describeJson(beliefs));
    const QJsonObject object = beliefs.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const auto answer = wholeNumber(it.value(), 0, kMaxBeliefAnswer);
        if (answer)
            m_beliefs.insert(it.key(), *answer);
        else
            *problems << QStringLiteral(
                             "%1: beliefs[\"%2\"] must be a whole number from 0 to %3, got %4; dropped")
                             .arg(name, it.key(), QString::number(kMaxBeliefAnswer),
                                  describeJson(it.value()));
    }
}

void ProgressStore::setMissedQuestions(const QString& track, const QStringList& questionIds)
{
    if (questionIds.isEmpty())
        m_missed.remove(track);
    else
        m_missed.insert(track, questionIds);
}

bool ProgressStore::save(QString* error) const
{
    QString ignored;
    QString& problem = error ? *error : ignored;
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        problem = QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
        return false;
    }

    QJsonObject lessons;
    for (auto it = m_lessons.begin(); it != m_lessons.end(); ++it)
        lessons.insert(it.key(), QJsonObject{{QStringLiteral("step"), it.value().step},
                                             {QStringLiteral("completed"), it.value().completed}});
    QJsonObject best;
    for (auto it = m_best.begin(); it != m_best.end(); ++it)
        best.insert(it.key(), resultToJson(it.value(), false));
    QJsonArray results;
    for (const QuizResult& result : m_results)
        results.append(resultToJson(result, true));
    QJsonObject root;
    root.insert(QStringLiteral("version"), kVersion);
    root.insert(QStringLiteral("learner"), m_learner);
    root.insert(QStringLiteral("lastLesson"), m_lastLesson);
    root.insert(QStringLiteral("lessons"), lessons);
    root.insert(QStringLiteral("best"), best);
    root.insert(QStringLiteral("results"), results);
    QJsonObject missed;
    for (auto it = m_missed.begin(); it != m_missed.end(); ++it)
        missed.insert(it.key(), QJsonArray::fromStringList(it.value()));
    root.insert(QStringLiteral("missed"), missed);
    QJsonObject beliefs;
    for (auto it = m_beliefs.begin(); it != m_beliefs.end(); ++it)
        beliefs.insert(it.key(), it.value());
    root.insert(QStringLiteral("beliefs"), beliefs);

    // Only a file that still reads as progress becomes the backup: a damaged one must not
    // replace the last good backup.
    QString why;
    if (QFile::exists(m_path) && readProgressFile(m_path, &why)) {
        QFile current(m_path);
        QSaveFile backup(m_path + QStringLiteral(".bak"));
        if (current.open(QIODevice::ReadOnly) && backup.open(QIODevice::WriteOnly)) {
            backup.write(current.readAll());
            backup.commit(); // a failed backup does not stop the save: the new data matters more
        }
    }

    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        problem = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        problem = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    return true;
}

LessonProgress ProgressStore::lesson(const QString& lessonId) const
{
    return m_lessons.value(lessonId);
}

void ProgressStore::setLesson(const QString& lessonId, const LessonProgress& progress)
{
    m_lessons.insert(lessonId, progress);
}

void ProgressStore::addQuizResult(const QuizResult& result)
{
    m_results.append(result);
    const auto best = m_best.constFind(result.track);
    if (best == m_best.constEnd() || beats(result, *best))
        m_best.insert(result.track, result);
}

std::optional<QuizResult> ProgressStore::bestResult(const QString& track) const
{
    const auto best = m_best.constFind(track);
    if (best == m_best.constEnd())
        return std::nullopt;
    return *best;
}

bool writeClassResultsCsv(const QString& path, const QList<QuizResult>& results, QString* error)
{
    QString ignored;
    QString& problem = error ? *error : ignored;
    // RFC 4180: CRLF line ends, fields with commas, quotes or line breaks in double quotes. The byte
    // order mark lets spreadsheet programs read the names as UTF-8.
    QString csv = QStringLiteral("\uFEFFlearner,track,score,total,percent,finished_at\r\n");
    for (const QuizResult& result : results) {
        const double percent = result.total > 0 ? 100.0 * result.score / result.total : 0.0;
        csv += QStringList{csvField(result.learner),         csvField(result.track),
                           QString::number(result.score),    QString::number(result.total),
                           QString::number(percent, 'f', 1), result.finishedAt.toUTC().toString(Qt::ISODate)}
                   .join(QLatin1Char(','));
        csv += QStringLiteral("\r\n");
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        problem = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(csv.toUtf8());
    if (!file.commit()) {
        problem = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// The learner's progress, kept between sessions in one JSON file: where each lesson stands, the best
// quiz score per track, and every finished quiz (for the teacher's class CSV). Saved with QSaveFile
// (never half written), the previous version kept as "<file>.bak". Loading recovers: a file that
// cannot be parsed falls back to the backup; a bad entry is dropped on its own and the rest kept.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct LessonProgress {
    int step = 0;           // the step to resume at (0-based)
    bool completed = false; // reached the last step at least once
};

struct QuizResult {
    QString learner; // the name typed on the quiz page; may be empty
    QString track;   // explorer, builder, creator, live
    int score = 0, total = 0;
    QDateTime finishedAt; // UTC
};

class ProgressStore {
public:
    // path: the JSON file; the app uses defaultPath(), tests a temporary directory.
    explicit ProgressStore(QString path);
    static QString defaultPath(); // <AppDataLocation>/progress.json

    // Reads the file. Returns false only when nothing could be recovered (no file is not an error:
    // that is a first start). Each problem (a corrupt file, a dropped entry) is appended to *warnings.
    bool load(QStringList* warnings = nullptr);
    // Writes everything; false with *error set when the file cannot be written (the data stays).
    bool save(QString* error = nullptr) const;
    QString path() const { return m_path; }

    LessonProgress lesson(const QString& lessonId) const; // {0, false} when unknown
    void setLesson(const QString& lessonId, const LessonProgress& progress);
    QString lastLesson() const { return m_lastLesson; } // the lesson to offer "continue" for
    void setLastLesson(const QString& lessonId) { m_lastLesson = lessonId; }

    // Adds a finished quiz to the results and raises the track's best score when beaten
    // (best = the highest fraction score/total; ties keep the earlier one).
    void addQuizResult(const QuizResult& result);
    std::optional<QuizResult> bestResult(const QString& track) const;
    QList<QuizResult> results() const { return m_results; }

    QString learnerName() const { return m_learner; }
    void setLearnerName(const QString& name) { m_learner = name; }

    // The questions missed in the track's last sitting: the next sitting asks them first.
    QStringList missedQuestions(const QString& track) const { return m_missed.value(track); }
    void setMissedQuestions(const QString& track, const QStringList& questionIds);

    // Answers to belief questions ("Is there a math expert?"), by key such as "math-expert/before":
    // the answer's index, or -1 when not answered yet.
    int belief(const QString& key) const { return m_beliefs.value(key, -1); }
    void setBelief(const QString& key, int answer) { m_beliefs.insert(key, answer); }

private:
    void readMissed(const QJsonValue& missed, const QString& name, QStringList* problems);
    void readBeliefs(const QJsonValue& beliefs, const QString& name, QStringList* problems);
    QString m_path;
    QHash<QString, LessonProgress> m_lessons;
    QHash<QString, QuizResult> m_best;
    QList<QuizResult> m_results;
    QHash<QString, QStringList> m_missed;
    QHash<QString, int> m_beliefs;
    QString m_lastLesson, m_learner;
};

// The class results as CSV (learner, track, score, total, percent, finished_at ISO 8601 UTC), one
// row per finished quiz, quoted as RFC 4180 asks; written with QSaveFile. False with *error on failure.
bool writeClassResultsCsv(const QString& path, const QList<QuizResult>& results, QString* error = nullptr);

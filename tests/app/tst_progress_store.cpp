// Progress survives a restart (a new store on the same file), a corrupt file is recovered from the
// backup and kept for inspection, a single bad entry is dropped while the rest survives, and a
// failed write says so. The class CSV is read back with a small RFC 4180 reader.
#include "learn/progress_store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QuizResult result(const QString& learner, const QString& track, int score, int total, const QString& when)
{
    QuizResult r;
    r.learner = learner;
    r.track = track;
    r.score = score;
    r.total = total;
    r.finishedAt = QDateTime::fromString(when, Qt::ISODate);
    return r;
}

// RFC 4180: fields split by commas, records by CRLF; a quoted field may hold commas, CRLF and
// doubled quotes. Written independently of the writer so that the two check each other.
QList<QStringList> parseCsv(const QString& text, QString* problem)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false, fieldStarted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
                if (i + 1 < text.size() && text[i + 1] != ',' && text[i + 1] != '\r') {
                    *problem = QStringLiteral("text after a closing quote at %1").arg(i);
                    return {};
                }
            } else {
                field += c;
            }
        } else if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == '"') {
            *problem = QStringLiteral("a bare quote inside a field at %1").arg(i);
            return {};
        } else if (c == ',') {
            record << field;
            field.clear();
            fieldStarted = false;
        } else if (c == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n') {
                *problem = QStringLiteral("CR without LF at %1").arg(i);
                return {};
            }
            ++i;
            record << field;
            records << record;
            record.clear();
            field.clear();
            fieldStarted = false;
        } else if (c == '\n') {
            *problem = QStringLiteral("a bare LF outside quotes at %1").arg(i);
            return {};
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted || fieldStarted || !record.isEmpty())
        *problem = QStringLiteral("the last record does not end with CRLF");
    return records;
}

} // namespace

class TestProgressStore : public QObject {
    Q_OBJECT
private slots:
    void init();
    void firstStartIsNotAnError();
    void survivesARestart();
    void bestKeepsTheHighestShare();
    void corruptFileIsRecoveredFromTheBackup();
    void corruptFileWithoutBackupIsKeptAndReported();
    void damagedFileNeverBecomesTheBackup();
    void badEntryIsDroppedAndTheRestKept();
    void hostileValuesNeverCrash();
    void unwritablePathFails();
    void createsTheFolder();
    void csvReadsBack();
    void csvUnwritablePathFails();
    void missedQuestionsAndBeliefsSurviveARestart();
    void badMissedOrBeliefEntriesAreDropped();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("progress.json")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestProgressStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestProgressStore::firstStartIsNotAnError()
{
    ProgressStore store(path());
    QStringList warnings;
    QVERIFY(store.load(&warnings));
    QVERIFY(warnings.isEmpty());
    QCOMPARE(store.lesson(QStringLiteral("any")).step, 0);
    QVERIFY(!store.lesson(QStringLiteral("any")).completed);
    QVERIFY(!store.bestResult(QStringLiteral("builder")));
    QVERIFY(store.results().isEmpty());
    QVERIFY(ProgressStore::defaultPath().endsWith(QStringLiteral("/progress.json")));
}

void TestProgressStore::survivesARestart()
{
    {
        ProgressStore store(path());
        QVERIFY(store.load());
        store.setLearnerName(QStringLiteral("Zoë \"Z\" O'Neil"));
        store.setLesson(QStringLiteral("explorer-many-experts"), {3, false});
        store.setLesson(QStringLiteral("builder-active"), {5, true});
        store.setLastLesson(QStringLiteral("explorer-many-experts"));
        store.addQuizResult(result("Zoë", "builder", 7, 10, "2025-03-01T09:30:15.250Z"));
        store.addQuizResult(result("Zoë", "live", 4, 5, "2025-03-01T10:00:00Z"));
        QString error;
        QVERIFY2(store.save(&error), qPrintable(error));
    }
    ProgressStore again(path()); // the next start of the app
    QStringList warnings;
    QVERIFY(again.load(&warnings));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    QCOMPARE(again.learnerName(), QStringLiteral("Zoë \"Z\" O'Neil"));
    QCOMPARE(again.lastLesson(), QStringLiteral("explorer-many-experts"));
    QCOMPARE(again.lesson(QStringLiteral("explorer-many-experts")).step, 3);
    QVERIFY(!again.lesson(QStringLiteral("explorer-many-experts")).completed);
    QCOMPARE(again.lesson(QStringLiteral("builder-active")).step, 5);
    QVERIFY(again.lesson(QStringLiteral("builder-active")).completed);
    QCOMPARE(again.results().size(), 2);
    QCOMPARE(again.results()[0].learner, QStringLiteral("Zoë"));
    QCOMPARE(again.results()[0].score, 7);
    QCOMPARE(again.results()[0].total, 10);
    QCOMPARE(again.results()[0].finishedAt,
             QDateTime::fromString("2025-03-01T09:30:15.250Z", Qt::ISODateWithMs));
    QCOMPARE(again.results()[0].finishedAt.timeSpec(), Qt::UTC);
    QCOMPARE(again.results()[1].track, QStringLiteral("live"));
    const auto best = again.bestResult(QStringLiteral("builder"));
    QVERIFY(best.has_value());
    QCOMPARE(best->score, 7);
    QCOMPARE(best->track, QStringLiteral("builder"));
    QVERIFY(!again.bestResult(QStringLiteral("creator")));
}

void TestProgressStore::bestKeepsTheHighestShare()
{
    ProgressStore store(path());
    store.addQuizResult(result("A", "creator", 6, 10, "2025-01-01T00:00:00Z"));
    store.addQuizResult(
        result("B", "creator", 3, 5, "2025-01-02T00:00:00Z")); // the same share: the earlier stays
    QCOMPARE(store.bestResult(QStringLiteral("creator"))->learner, QStringLiteral("A"));
    store.addQuizResult(result("C", "creator", 2, 3, "2025-01-03T00:00:00Z")); // 67% beats 60%
    QCOMPARE(store.bestResult(QStringLiteral("creator"))->learner, QStringLiteral("C"));
    store.addQuizResult(result("D", "creator", 9, 15, "2025-01-04T00:00:00Z")); // 60%: lower
    QCOMPARE(store.bestResult(QStringLiteral("creator"))->learner, QStringLiteral("C"));
    QCOMPARE(store.results().size(), 4);
    QVERIFY(!store.bestResult(QStringLiteral("explorer")));
}

void TestProgressStore::corruptFileIsRecoveredFromTheBackup()
{
    ProgressStore store(path());
    store.setLesson(QStringLiteral("first"), {1, false});
    QVERIFY(store.save());
    QVERIFY(!QFile::exists(path() + ".bak")); // nothing to back up yet
    store.setLesson(QStringLiteral("first"), {2, true});
    QVERIFY(store.save());
    QVERIFY(QFile::exists(path() + ".bak")); // the first version

    const QByteArray garbage = readAll(path()).left(40) + "\xff\x00 trailing junk";
    writeAll(path(), garbage); // a crash, a full disk, a hand edit gone wrong

    ProgressStore again(path());
    QStringList warnings;
    QVERIFY(again.load(&warnings));
    QCOMPARE(again.lesson(QStringLiteral("first")).step, 1); // the backup's state
    QVERIFY(!again.lesson(QStringLiteral("first")).completed);
    const QString all = warnings.join('\n');
    QVERIFY2(all.contains(QStringLiteral("progress.json: cannot be read")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("progress.json.corrupt")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("restored from the backup")), qPrintable(all));
    QCOMPARE(readAll(path() + ".corrupt"), garbage); // the evidence is kept
    QVERIFY(!QFile::exists(path()));

    // Saving again writes a good file and leaves the good backup alone.
    again.setLesson(QStringLiteral("second"), {4, false});
    QVERIFY(again.save());
    ProgressStore third(path());
    warnings.clear();
    QVERIFY(third.load(&warnings));
    QVERIFY(warnings.isEmpty());
    QCOMPARE(third.lesson(QStringLiteral("second")).step, 4);

    // A second corruption does not overwrite the first one's evidence.
    writeAll(path(), "{");
    ProgressStore fourth(path());
    QVERIFY(fourth.load());
    QCOMPARE(readAll(path() + ".corrupt"), garbage);
    QCOMPARE(readAll(path() + ".corrupt.1"), QByteArray("{"));
}

void TestProgressStore::corruptFileWithoutBackupIsKeptAndReported()
{
    writeAll(path(), "[1, 2, 3]"); // JSON, but not a progress object
    ProgressStore store(path());
    QStringList warnings;
    QVERIFY(!store.load(&warnings)); // nothing could be recovered
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(QStringLiteral("cannot be read")), qPrintable(warnings.first()));
    QCOMPARE(readAll(path() + ".corrupt"), QByteArray("[1, 2, 3]"));
    QVERIFY(store.results().isEmpty());
    QVERIFY(store.save()); // the app goes on with fresh progress
}

void TestProgressStore::damagedFileNeverBecomesTheBackup()
{
    ProgressStore store(path());
    store.setLesson(QStringLiteral("kept"), {2, false});
    QVERIFY(store.save());
    QVERIFY(store.save()); // now the backup holds "kept"
    const QByteArray goodBackup = readAll(path() + ".bak");
    writeAll(path(), "not json");
    store.setLesson(QStringLiteral("kept"), {3, false});
    QVERIFY(store.save());
    QCOMPARE(readAll(path() + ".bak"), goodBackup);
}

void TestProgressStore::badEntryIsDroppedAndTheRestKept()
{
    const QJsonObject root = QJsonDocument::fromJson(R"({
        "version": 1, "learner": "Ada", "lastLesson": "good-one",
        "lessons": {
            "good-one": {"step": 2, "completed": false},
            "negative": {"step": -1, "completed": false},
            "fraction": {"step": 1.5, "completed": true},
            "no-flag": {"step": 1},
            "Not An Id": {"step": 1, "completed": true},
            "a-list": [1, 2],
            "good-two": {"step": 0, "completed": true}
        },
        "best": {
            "builder": {"learner": "Ada", "score": 3, "total": 4, "finishedAt": "2025-02-01T12:00:00Z"},
            "creator": {"learner": "Ada", "score": 5, "total": 4, "finishedAt": "2025-02-01T12:00:00Z"}
        },
        "results": [
            {"learner": "Ada", "track": "builder", "score": 3, "total": 4, "finishedAt": "2025-02-01T12:00:00Z"},
            {"learner": "Ada", "track": "builder", "score": 1, "total": 4, "finishedAt": "yesterday"},
            {"learner": 7, "track": "builder", "score": 1, "total": 4, "finishedAt": "2025-02-01T12:00:00Z"},
            {"learner": "Bo", "track": "explorer", "score": 2, "total": 0, "finishedAt": "2025-02-01T12:00:00Z"},
            "junk",
            {"learner": "Cy", "track": "explorer", "score": 2, "total": 2, "finishedAt": "2025-02-02T08:00:00+01:00"}
        ]
    })")
                                 .object();
    QVERIFY(!root.isEmpty());
    writeAll(path(), QJsonDocument(root).toJson());
    ProgressStore store(path());
    QStringList warnings;
    QVERIFY(store.load(&warnings));
    QCOMPARE(store.learnerName(), QStringLiteral("Ada"));
    QCOMPARE(store.lastLesson(), QStringLiteral("good-one"));
    QCOMPARE(store.lesson(QStringLiteral("good-one")).step, 2);
    QVERIFY(store.lesson(QStringLiteral("good-two")).completed);
    QCOMPARE(store.lesson(QStringLiteral("negative")).step, 0);
    QVERIFY(!store.lesson(QStringLiteral("fraction")).completed);
    QVERIFY(store.bestResult(QStringLiteral("builder")).has_value());
    QVERIFY(!store.bestResult(QStringLiteral("creator"))); // 5 of 4 is not a score
    QCOMPARE(store.results().size(), 2);
    QCOMPARE(store.results()[1].learner, QStringLiteral("Cy"));
    QCOMPARE(store.results()[1].finishedAt, QDateTime::fromString("2025-02-02T07:00:00Z", Qt::ISODate));
    // Five lessons, one best and four results dropped, each named.
    QCOMPARE(warnings.size(), 10);
    const QString all = warnings.join('\n');
    for (const char* entry :
         {"lessons[\"negative\"]", "lessons[\"fraction\"]", "lessons[\"no-flag\"]", "lessons[\"Not An Id\"]",
          "lessons[\"a-list\"]", "best[\"creator\"]", "results[1]", "results[2]", "results[3]", "results[4]"})
        QVERIFY2(all.contains(QLatin1String(entry)), entry);
    QVERIFY(all.contains(QStringLiteral("\"finishedAt\"")));
    QVERIFY(all.contains(QStringLiteral("\"step\"")));
}

void TestProgressStore::hostileValuesNeverCrash()
{
    const QList<QByteArray> files = {
        R"({"version": "one", "learner": [], "lastLesson": 5, "lessons": [], "best": 3, "results": {}})",
        R"({"lessons": {"a": {"step": 1e300, "completed": "yes"}}, "results": [null, [], 1e308]})",
        R"({"best": {"builder": {"score": -1, "total": 1e20}}, "results": [{"total": 3, "score": 2}]})",
        "{}",
        QByteArray(200000, '[') + QByteArray(200000, ']'),
    };
    for (const QByteArray& bytes : files) {
        QFile::remove(path() + ".corrupt");
        writeAll(path(), bytes);
        ProgressStore store(path());
        QStringList warnings;
        store.load(&warnings);
        for (const QString& warning : std::as_const(warnings))
            QVERIFY2(warning.startsWith(QStringLiteral("progress.json")), qPrintable(warning));
        QVERIFY(store.results().size() <= 1);
        QVERIFY(store.save());
    }
}

void TestProgressStore::unwritablePathFails()
{
    // A folder that cannot exist (a file stands in its place): fails even for root.
    writeAll(m_dir->filePath(QStringLiteral("a-file")), "x");
    ProgressStore store(m_dir->filePath(QStringLiteral("a-file/progress.json")));
    store.setLesson(QStringLiteral("kept"), {1, false});
    QString error;
    QVERIFY(!store.save(&error));
    QVERIFY2(error.contains(QStringLiteral("a-file")), qPrintable(error));
    QCOMPARE(store.lesson(QStringLiteral("kept")).step, 1); // the data stays
    // The path is a folder: the file itself cannot be written.
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("folder.json")));
    ProgressStore onFolder(m_dir->filePath(QStringLiteral("folder.json")));
    error.clear();
    QVERIFY(!onFolder.save(&error));
    QVERIFY(!error.isEmpty());
}

void TestProgressStore::createsTheFolder()
{
    const QString nested = m_dir->filePath(QStringLiteral("a/b/c/progress.json"));
    ProgressStore store(nested);
    store.setLastLesson(QStringLiteral("x"));
    QString error;
    QVERIFY2(store.save(&error), qPrintable(error));
    ProgressStore again(nested);
    QVERIFY(again.load());
    QCOMPARE(again.lastLesson(), QStringLiteral("x"));
}

void TestProgressStore::csvReadsBack()
{
    const QList<QuizResult> results = {
        result("Plain", "explorer", 3, 4, "2025-03-01T09:30:00Z"),
        result("Smith, Jo", "builder", 2, 3, "2025-03-01T10:00:00Z"),
        result("Zoë \"Z\" Müller", "creator", 0, 5, "2025-03-01T10:30:00Z"),
        result("two\r\nlines\nhere", "live", 5, 5, "2025-03-01T11:00:00Z"),
        result("=HYPERLINK(\"x\")", "builder", 1, 2, "2025-03-01T11:30:00Z"),
        result("", "builder", 1, 3, "2025-03-01T12:00:00+02:00"),
    };
    const QString csvPath = m_dir->filePath(QStringLiteral("class.csv"));
    QString error;
    QVERIFY2(writeClassResultsCsv(csvPath, results, &error), qPrintable(error));
    const QByteArray bytes = readAll(csvPath);
    QVERIFY(bytes.startsWith("\xef\xbb\xbf")); // a byte order mark, so spreadsheets read the names as UTF-8
    const QString text = QString::fromUtf8(bytes.mid(3));
    QString problem;
    const QList<QStringList> records = parseCsv(text, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(records.size(), results.size() + 1);
    QCOMPARE(records[0], QStringList({"learner", "track", "score", "total", "percent", "finished_at"}));
    for (const QStringList& record : records)
        QCOMPARE(record.size(), 6);
    QCOMPARE(records[1], QStringList({"Plain", "explorer", "3", "4", "75.0", "2025-03-01T09:30:00Z"}));
    QCOMPARE(records[2][0], QStringLiteral("Smith, Jo"));
    QCOMPARE(records[2][4], QStringLiteral("66.7"));
    QCOMPARE(records[3][0], QStringLiteral("Zoë \"Z\" Müller"));
    QCOMPARE(records[3][4], QStringLiteral("0.0"));
    QCOMPARE(records[4][0], QStringLiteral("two\r\nlines\nhere"));
    QCOMPARE(records[4][1], QStringLiteral("live"));
    QCOMPARE(records[5][0], QStringLiteral("'=HYPERLINK(\"x\")")); // kept as text, not a formula
    QCOMPARE(records[6][0], QString());
    QCOMPARE(records[6][5], QStringLiteral("2025-03-01T10:00:00Z")); // in UTC

    // No results: the header alone.
    QVERIFY(writeClassResultsCsv(csvPath, {}, &error));
    QCOMPARE(readAll(csvPath), QByteArray("\xef\xbb\xbflearner,track,score,total,percent,finished_at\r\n"));
}

void TestProgressStore::csvUnwritablePathFails()
{
    writeAll(m_dir->filePath(QStringLiteral("a-file")), "x");
    QString error;
    QVERIFY(!writeClassResultsCsv(m_dir->filePath(QStringLiteral("a-file/class.csv")),
                                  {result("A", "builder", 1, 1, "2025-01-01T00:00:00Z")}, &error));
    QVERIFY(!error.isEmpty());
}

// The quiz's missed questions per track and the before/after belief answers come back after a
// restart; an emptied list removes the track.
void TestProgressStore::missedQuestionsAndBeliefsSurviveARestart()
{
    {
        ProgressStore store(path());
        QVERIFY(store.load());
        store.setMissedQuestions(QStringLiteral("builder"),
                                 {QStringLiteral("b-one"), QStringLiteral("b-two")});
        store.setMissedQuestions(QStringLiteral("creator"), {QStringLiteral("c-one")});
        store.setMissedQuestions(QStringLiteral("creator"), {}); // all answered right since
        store.setBelief(QStringLiteral("math-expert/before"), 0);
        store.setBelief(QStringLiteral("math-expert/after"), 1);
        QVERIFY(store.save());
    }
    ProgressStore again(path());
    QStringList warnings;
    QVERIFY(again.load(&warnings));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    QCOMPARE(again.missedQuestions(QStringLiteral("builder")), (QStringList{"b-one", "b-two"}));
    QVERIFY(again.missedQuestions(QStringLiteral("creator")).isEmpty());
    QCOMPARE(again.belief(QStringLiteral("math-expert/before")), 0);
    QCOMPARE(again.belief(QStringLiteral("math-expert/after")), 1);
    QCOMPARE(again.belief(QStringLiteral("other/before")), -1);
}

void TestProgressStore::badMissedOrBeliefEntriesAreDropped()
{
    writeAll(path(), R"({"version": 1, "learner": "Ada",
        "missed": {"builder": ["b-one", 7], "creator": ["c-one"], "Bad Track": ["x"], "explorer": "e-one"},
        "beliefs": {"math-expert/before": 2, "math-expert/after": -1, "x/before": "yes", "y/before": 1e9}})");
    ProgressStore store(path());
    QStringList warnings;
    QVERIFY(store.load(&warnings));
    QCOMPARE(warnings.size(), 6);
    QCOMPARE(store.learnerName(), QStringLiteral("Ada")); // the rest is kept
    QCOMPARE(store.missedQuestions(QStringLiteral("creator")), QStringList{"c-one"});
    QVERIFY(store.missedQuestions(QStringLiteral("builder")).isEmpty());
    QVERIFY(store.missedQuestions(QStringLiteral("explorer")).isEmpty());
    QCOMPARE(store.belief(QStringLiteral("math-expert/before")), 2);
    QCOMPARE(store.belief(QStringLiteral("math-expert/after")), -1);
    QCOMPARE(store.belief(QStringLiteral("y/before")), -1);
}

QTEST_GUILESS_MAIN(TestProgressStore)
#include "tst_progress_store.moc"

// Exported traces read back: JSON through QJsonDocument, CSV through a small quoted-field reader.
// Token count, ids, text, prompt flags, experts, gates and probabilities equal the trace; a token
// with quotes, commas and a newline survives; bad names and folders fail with the file named.
#include "run/trace_export.h"
#include "run/trace_model.h"
#include "tiny_model.h"

#include "moe/generation.h"
#include "moe/session.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <stdexcept>

namespace {

constexpr uint64_t kModelSeed = 17;

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// RFC 4180 records: fields separated by commas, quoted fields may hold commas, "" and newlines.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
        } else if (c == QLatin1Char('\n')) {
            row << field;
            rows << row;
            row.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestTraceExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void jsonReadsBack();
    void csvReadsBack();
    void upperCaseExtensionWorks();
    void badPathsFailNamingTheFile_data();
    void badPathsFailNamingTheFile();

private:
    QTemporaryDir m_dir;
    TraceModel m_trace;
    std::vector<moe::GeneratedToken> m_tokens;
};

void TestTraceExport::initTestCase()
{
    qInfo("tiny model seed %llu", static_cast<unsigned long long>(kModelSeed));
    QVERIFY(m_dir.isValid());
    const auto model = moe::test::tinyModel(kModelSeed);
    moe::RoutingOverride routing;
    routing.disabled.assign(size_t(model->config().nLayer),
                            std::vector<bool>(size_t(model->config().nExpert), false));
    routing.disabled[1][2] = true;
    moe::Session session(model);
    session.setRoutingOverride(routing);
    moe::GenerationRequest request;
    request.prompt = "23 + 45 = \"sixty\", eight";
    request.maxTokens = 10;
    moe::generate(session, request, [&](const moe::GeneratedToken& token) {
        m_tokens.push_back(token);
        return true;
    });
    // A token whose text needs CSV quoting and JSON escaping, and half a UTF-8 character.
    moe::GeneratedToken awkward = m_tokens.back();
    awkward.bytes = "say \"hi\",\nthen \xc3";
    m_tokens.push_back(awkward);

    m_trace.reset(model->config(), routing, QStringLiteral("tiny \"test\" model"));
    for (const auto& token : m_tokens)
        QVERIFY(m_trace.append(token));
}

void TestTraceExport::jsonReadsBack()
{
    const QString path = m_dir.filePath(QStringLiteral("trace.json"));
    exportTrace(m_trace, path);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(readAll(path), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject root = document.object();
    QCOMPARE(root.value("model").toString(), QStringLiteral("tiny \"test\" model"));
    const QJsonArray disabled = root.value("routing_override").toObject().value("disabled").toArray();
    QCOMPARE(disabled.size(), 1);
    QCOMPARE(disabled[0].toArray()[0].toInt(), 1);
    QCOMPARE(disabled[0].toArray()[1].toInt(), 2);

    const QJsonArray tokens = root.value("tokens").toArray();
    QCOMPARE(tokens.size(), qsizetype(m_tokens.size()));
    for (qsizetype t = 0; t < tokens.size(); ++t) {
        const moe::GeneratedToken& want = m_tokens[size_t(t)];
        const QJsonObject token = tokens[t].toObject();
        QCOMPARE(token.value("id").toInt(), want.id);
        QCOMPARE(token.value("prompt").toBool(), want.prompt);
        QCOMPARE(token.value("text").toString(), QString::fromStdString(moe::toValidUtf8(want.bytes)));
        const QJsonArray layers = token.value("layers").toArray();
        QCOMPARE(layers.size(), qsizetype(want.routing.layers.size()));
        for (qsizetype l = 0; l < layers.size(); ++l) {
            const moe::LayerRouting& layer = want.routing.layers[size_t(l)];
            const QJsonObject got = layers[l].toObject();
            const QJsonArray experts = got.value("experts").toArray();
            const QJsonArray gates = got.value("gates").toArray();
            const QJsonArray probs = got.value("probs").toArray();
            QCOMPARE(experts.size(), qsizetype(layer.experts.size()));
            QCOMPARE(probs.size(), qsizetype(layer.probs.size()));
            for (qsizetype i = 0; i < experts.size(); ++i) {
                QCOMPARE(experts[i].toInt(), layer.experts[size_t(i)]);
                QCOMPARE(float(gates[i].toDouble()), layer.gates[size_t(i)]); // shortest round trip
            }
            for (qsizetype e = 0; e < probs.size(); ++e)
                QCOMPARE(float(probs[e].toDouble()), layer.probs[size_t(e)]);
        }
    }
}

void TestTraceExport::csvReadsBack()
{
    const QString path = m_dir.filePath(QStringLiteral("trace.csv"));
    exportTrace(m_trace, path);
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(readAll(path)));
    const moe::ModelConfig& config = m_trace.config();
    QVERIFY(!rows.isEmpty());
    QStringList header = {"token", "id", "text", "prompt", "layer", "experts", "gates"};
    for (int e = 0; e < config.nExpert; ++e)
        header << QStringLiteral("p%1").arg(e);
    QCOMPARE(rows[0], header);
    QCOMPARE(rows.size(), 1 + qsizetype(m_tokens.size()) * config.nLayer);
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList& row = rows[r];
        QCOMPARE(row.size(), header.size());
        const size_t t = size_t(row[0].toInt());
        const int l = row[4].toInt();
        QCOMPARE(qsizetype(t), (r - 1) / config.nLayer);
        QCOMPARE(l, int((r - 1) % config.nLayer));
        const moe::GeneratedToken& want = m_tokens[t];
        const moe::LayerRouting& layer = want.routing.layers[size_t(l)];
        QCOMPARE(row[1].toInt(), want.id);
        QCOMPARE(row[2], QString::fromStdString(moe::toValidUtf8(want.bytes)));
        QCOMPARE(row[3], want.prompt ? QStringLiteral("1") : QStringLiteral("0"));
        QStringList experts;
        for (const int e : layer.experts)
            experts << QString::number(e);
        QCOMPARE(row[5], experts.join(';'));
        const QStringList gates = row[6].split(';');
        QCOMPARE(gates.size(), qsizetype(layer.gates.size()));
        for (qsizetype i = 0; i < gates.size(); ++i)
            QCOMPARE(gates[i].toFloat(), layer.gates[size_t(i)]);
        for (int e = 0; e < config.nExpert; ++e)
            QCOMPARE(row[7 + e].toFloat(), layer.probs[size_t(e)]);
    }
}

void TestTraceExport::upperCaseExtensionWorks()
{
    const QString path = m_dir.filePath(QStringLiteral("Trace.JSON"));
    exportTrace(m_trace, path);
    const QJsonDocument document = QJsonDocument::fromJson(readAll(path));
    QCOMPARE(document.object().value("tokens").toArray().size(), qsizetype(m_tokens.size()));
}

void TestTraceExport::badPathsFailNamingTheFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown extension") << "trace.txt"
                                       << ".json or .csv";
    QTest::newRow("no extension") << "trace"
                                  << ".json or .csv";
    QTest::newRow("folder missing") << "no/such/folder/trace.json"
                                    << "trace.json";
}

void TestTraceExport::badPathsFailNamingTheFile()
{
    QFETCH(QString, name);
    QFETCH(QString, mentions);
    const QString path = m_dir.filePath(name);
    try {
        exportTrace(m_trace, path);
        QFAIL("a bad trace path was accepted");
    } catch (const std::runtime_error& e) {
        const QString message = QString::fromStdString(e.what());
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(TestTraceExport)
#include "tst_trace_export.moc"

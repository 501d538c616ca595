// Every number about a real model has a source entry (issue 19): the source registry
// (resources/sources/sources.json) loads cleanly; every Scale model's figures are those of the
// sources it cites, unknowns included; every figure that a lesson step or quiz question writes next
// to a registry model's name is a figure of that model, a ratio of its figures, or a derived value
// or exercise the registry lists; and the German texts name the same models and figures as the
// English ones. A wrong figure (46.6B for Mixtral) must fail, which the checker's own tests show.
#include "figure_checker.h"
#include "learn/json_fields.h"
#include "scale/scale_models.h"
#include "scale/source_registry.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using moe::test::Figure;
using moe::test::FigureChecker;

namespace {

const QString kRegistry = QStringLiteral(":/sources/sources.json");
const QString kScale = QStringLiteral(":/scale/models.json");

// One text a learner reads as a unit: a quiz question with its choices, hint and feedback, a lesson
// step, or a lesson's header (title, objective, goals, recap).
struct TextItem {
    QString id;
    QString text;
    std::optional<double> answer; // a number question's
    QString unit;
};

// The content loaders' reader: a file that cannot be read as a JSON object stops the test with why.
QJsonObject readObject(const QString& path)
{
    QStringList errors;
    const std::optional<QJsonObject> root = readJsonObjectFile(path, QFileInfo(path).fileName(), &errors);
    if (!root)
        qFatal("%s", qPrintable(errors.join(QLatin1Char('\n'))));
    return *root;
}

// Every string under `value`, fields in `skip` left out at the top level. Reading whatever fields
// are there keeps new ones (hint, feedback per choice) checked without a change here.
void collect(const QJsonValue& value, const QStringList& skip, QStringList* out)
{
    if (value.isString()) {
        *out << value.toString();
    } else if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            collect(v, {}, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            if (!skip.contains(it.key()))
                collect(it.value(), {}, out);
    }
}

QString textOf(const QJsonValue& value, const QStringList& skip)
{
    QStringList strings;
    collect(value, skip, &strings);
    return strings.join(QLatin1Char('\n'));
}

QList<TextItem> quizItems(const QJsonObject& root)
{
    QList<TextItem> items;
    for (const QJsonValue& v : root.value(QLatin1String("questions")).toArray()) {
        const QJsonObject q = v.toObject();
        TextItem item;
        item.id = q.value(QLatin1String("id")).toString();
        item.text = textOf(q, {QStringLiteral("id"), QStringLiteral("track"), QStringLiteral("type"),
                               QStringLiteral("unit"), QStringLiteral("reveals")});
        if (q.value(QLatin1String("type")).toString() == QLatin1String("number") &&
            q.value(QLatin1String("answer")).isDouble()) {
            item.answer = q.value(QLatin1String("answer")).toDouble();
            item.unit = q.value(QLatin1String("unit")).toString();
        }
        items << item;
    }
    return items;
}

QList<TextItem> lessonItems(const QJsonObject& root)
{
    QList<TextItem> items;
    for (const QJsonValue& v : root.value(QLatin1String("tracks")).toArray())
        items << TextItem{QStringLiteral("tracks/") + v.toObject().value(QLatin1String("id")).toString(),
                          textOf(v, {QStringLiteral("id")}),
                          std::nullopt,
                          {}};
    for (const QJsonValue& v : root.value(QLatin1String("lessons")).toArray()) {
        const QJsonObject lesson = v.toObject();
        const QString id = lesson.value(QLatin1String("id")).toString();
        items << TextItem{id,
                          textOf(lesson, {QStringLiteral("id"), QStringLiteral("track"),
                                          QStringLiteral("prerequisite"), QStringLiteral("steps")}),
                          std::nullopt,
                          {}};
        const QJsonArray steps = lesson.value(QLatin1String("steps")).toArray();
        for (qsizetype s = 0; s < steps.size(); ++s) // the action's prompts are the model's input
            items << TextItem{QStringLiteral("%1/steps[%2]").arg(id).arg(s),
                              textOf(steps[s], {QStringLiteral("action")}),
                              std::nullopt,
                              {}};
    }
    return items;
}

QList<TextItem> itemsOf(const QString& path)
{
    const QJsonObject root = readObject(path);
    return path.contains(QLatin1String("/quiz/")) ? quizItems(root) : lessonItems(root);
}

// Loaded once for all the tests (registryLoadsAndEverySourceIsUsed checks its errors).
const SourceRegistry& shippedRegistry()
{
    static const SourceRegistry registry = [] {
        QStringList errors;
        SourceRegistry loaded = loadSourceRegistry(kRegistry, &errors);
        if (!errors.isEmpty())
            qWarning("%s", qPrintable(errors.join(QLatin1Char('\n'))));
        return loaded;
    }();
    return registry;
}

bool same(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
}

QString shown(std::optional<double> v)
{
    return v ? QString::number(*v, 'g', 12) : QStringLiteral("null");
}

// One field of a Scale model against its cited sources: a value must be some cited source's, a null
// must be no cited source's value.
void compareField(const QString& model, const QString& field, std::optional<double> scale,
                  const QList<std::optional<double>>& cited, QStringList* problems)
{
    bool anyValue = false, match = false;
    QStringList given;
    for (const auto& c : cited) {
        given << shown(c);
        anyValue = anyValue || c.has_value();
        match = match || (c && scale && same(*c, *scale));
    }
    if ((scale && !match) || (!scale && anyValue))
        *problems << QStringLiteral("models.json: %1: \"%2\" is %3, its sources give %4")
                         .arg(model, field, shown(scale), given.join(QStringLiteral(" / ")));
}

std::optional<double> asDouble(std::optional<int> v)
{
    return v ? std::optional<double>(*v) : std::nullopt;
}

} // namespace

class TestContentSources : public QObject {
    Q_OBJECT
private slots:
    void registryLoadsAndEverySourceIsUsed();
    void brokenRegistryEntryIsNamed();
    void scaleModelsMatchTheirSources();
    void closedModelsMatchTheirSources();
    void checkerReadsBothNotations();
    void checkerCatchesAWrongFigure();
    void everyShippedFigureChangedIsCaught();
    void lessonAndQuizFiguresHaveSources_data();
    void lessonAndQuizFiguresHaveSources();
    void germanNamesTheSameModelsAndFigures_data();
    void germanNamesTheSameModelsAndFigures();
};

void TestContentSources::registryLoadsAndEverySourceIsUsed()
{
    QStringList errors;
    const SourceRegistry registry = loadSourceRegistry(kRegistry, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(registry.sources.size() >= 20);
    QSet<QString> used;
    for (const RegistryModel& m : registry.models)
        for (const SourceFigures& f : m.figures)
            used.insert(f.source);
    for (const Source& s : registry.sources) {
        QVERIFY2(used.contains(s.id),
                 qPrintable(QStringLiteral("sources.json: \"%1\" supports no figure").arg(s.id)));
        QVERIFY2(s.link().startsWith(QLatin1String("https://")), qPrintable(s.id));
    }
    const Source* mixtral = registry.source(QStringLiteral("mixtral-paper"));
    QVERIFY(mixtral);
    QCOMPARE(mixtral->link(), QStringLiteral("https://arxiv.org/abs/2401.04088"));
    QCOMPARE(registry.citations({QStringLiteral("mixtral-paper")}),
             QStringLiteral("Mixtral of Experts (Mistral AI, 2024)"));
}

void TestContentSources::brokenRegistryEntryIsNamed()
{
    QFile shipped(kRegistry);
    QVERIFY(shipped.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(shipped.readAll()).object();
    QJsonArray models = root.value(QLatin1String("models")).toArray();
    QJsonObject dbrx = models[7].toObject();
    QCOMPARE(dbrx.value(QLatin1String("name")).toString(), QStringLiteral("DBRX"));
    QJsonArray figures = dbrx.value(QLatin1String("figures")).toArray();
    QJsonObject f = figures[0].toObject();
    f.insert(QStringLiteral("source"), QStringLiteral("no-such-source"));
    figures[0] = f;
    dbrx.insert(QStringLiteral("figures"), figures);
    models[7] = dbrx;
    root.insert(QStringLiteral("models"), models);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sources.json"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(root).toJson());
    out.close();
    QStringList errors;
    const SourceRegistry registry = loadSourceRegistry(path, &errors);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].startsWith(
                 QLatin1String("sources.json: models[7] (\"DBRX\"), figures[0]: \"source\" must be the id")),
             qPrintable(errors[0]));
    QVERIFY(!registry.model(QStringLiteral("DBRX")));
    QVERIFY(registry.model(QStringLiteral("Mixtral 8x7B")));
}

// (a) The Scale page shows each model's numbers as the sources it cites give them.
void TestContentSources::scaleModelsMatchTheirSources()
{
    const SourceRegistry registry = shippedRegistry();
    QStringList errors;
    const QList<ScaleModel> models = loadScaleModels(kScale, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(models.size() >= 27);
    QStringList problems;
    for (const ScaleModel& m : models) {
        const RegistryModel* entry = registry.model(m.name);
        if (!entry) {
            problems << QStringLiteral("models.json: %1: no entry of that name in sources.json").arg(m.name);
            continue;
        }
        QList<const SourceFigures*> cited;
        for (const QString& id : m.sources) {
            const SourceFigures* f = entry->figuresFrom(id);
            if (!registry.source(id) || !f)
                problems << QStringLiteral(
                                "models.json: %1: source \"%2\" gives no figures for it in sources.json")
                                .arg(m.name, id);
            else
                cited << f;
        }
        if (cited.isEmpty())
            continue;
        const auto field = [&](const QString& name, std::optional<double> value, auto get) {
            QList<std::optional<double>> values;
            for (const SourceFigures* f : cited)
                values << get(*f);
            compareField(m.name, name, value, values, &problems);
        };
        field(QStringLiteral("total"), m.totalParameters, [](const SourceFigures& f) { return f.total; });
        field(QStringLiteral("active"), m.activeParameters, [](const SourceFigures& f) { return f.active; });
        field(QStringLiteral("activeShare"), m.activeShare,
              [](const SourceFigures& f) { return f.activeShare; });
        field(QStringLiteral("experts"), asDouble(m.experts),
              [](const SourceFigures& f) { return asDouble(f.experts); });
        field(QStringLiteral("usedPerToken"), asDouble(m.usedPerToken),
              [](const SourceFigures& f) { return asDouble(f.usedPerToken); });
        field(QStringLiteral("sharedExperts"), asDouble(m.sharedExperts),
              [](const SourceFigures& f) { return asDouble(f.sharedExperts); });
        bool approxTotal = false, approxActive = false, approxShare = false, announced = false;
        for (const SourceFigures* f : cited) {
            approxTotal = approxTotal || f->approximate.contains(QLatin1String("total"));
            approxActive = approxActive || f->approximate.contains(QLatin1String("active"));
            approxShare = approxShare || f->approximate.contains(QLatin1String("activeShare"));
            announced = announced || f->status == QLatin1String("announced");
        }
        if (approxTotal != m.totalApproximate || approxActive != m.activeApproximate ||
            approxShare != m.activeShareApproximate)
            problems
                << QStringLiteral("models.json: %1: \"approximate\" differs from its sources'").arg(m.name);
        if (announced != m.announcedOnly)
            problems << QStringLiteral("models.json: %1: \"status\" differs from its sources'").arg(m.name);
        if (cited.first()->date.left(4).toInt() != m.year)
            problems << QStringLiteral("models.json: %1: \"year\" is %2, its source dates it %3")
                            .arg(m.name)
                            .arg(m.year)
                            .arg(cited.first()->date);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

// Closed models: "confirmed" only where a cited source confirms it; "rumoured" only where the
// maker's own source leaves it open.
void TestContentSources::closedModelsMatchTheirSources()
{
    const SourceRegistry registry = shippedRegistry();
    QStringList errors;
    const QList<ClosedModel> closed = loadClosedModels(kScale, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(closed.size() >= 3);
    for (const ClosedModel& c : closed) {
        const RegistryModel* entry = registry.model(c.name);
        QVERIFY2(entry, qPrintable(c.name));
        for (const QString& id : c.sources) {
            const SourceFigures* f = entry->figuresFrom(id);
            QVERIFY2(f, qPrintable(c.name + QStringLiteral(": ") + id));
            QVERIFY2(f->moe == (c.confirmedMoe ? QLatin1String("confirmed") : QLatin1String("not published")),
                     qPrintable(c.name + QStringLiteral(": ") + f->moe));
            QVERIFY2(!f->total && !f->active,
                     qPrintable(c.name + QStringLiteral(": a closed model with sizes?")));
        }
    }
}

void TestContentSources::checkerReadsBothNotations()
{
    const FigureChecker checker(shippedRegistry());
    QCOMPARE(checker.modelsNamed(QStringLiteral("Mixtral 8x22B and Mixtral 8x7B")),
             (QStringList{QStringLiteral("Mixtral 8x22B"), QStringLiteral("Mixtral 8x7B")}));
    QCOMPARE(checker.modelsNamed(QStringLiteral("Switch an expert off")), QStringList{});
    QCOMPARE(checker.modelsNamed(QStringLiteral("Llama 4 has a shared expert")).size(),
             2); // Scout and Maverick
    const auto values = [&](const QString& text, const QString& language) {
        QStringList out;
        for (const Figure& f : checker.figures(text, language))
            out << QStringLiteral("%1 %2").arg(moe::test::kindName(f.kind)).arg(f.value, 0, 'g', 12);
        return out;
    };
    QCOMPARE(
        values(QStringLiteral("<b>Mixtral 8x7B</b> has <b>46.7B</b> parameters, {model.parameters} here"),
               QStringLiteral("en")),
        QStringList{QStringLiteral("parameters 46700000000")});
    QCOMPARE(values(QStringLiteral("Mixtral 8x7B hat 46,7 Mrd. Parameter und 1,6 Bio. bei Switch"),
                    QStringLiteral("de")),
             (QStringList{QStringLiteral("parameters 46700000000"), QStringLiteral("parameters 1.6e+12")}));
    QCOMPARE(
        values(QStringLiteral("Qwen3-30B-A3B: 3.3B of 30.5B, about 11%; 27 to 28%"), QStringLiteral("en")),
        (QStringList{QStringLiteral("parameters 3300000000"), QStringLiteral("parameters 30500000000"),
                     QStringLiteral("percent 11"), QStringLiteral("percent 27"),
                     QStringLiteral("percent 28")}));
    QCOMPARE(
        values(QStringLiteral("DBRX: 36 von 132 Mrd.; 8 seiner 256 gerouteten Experten; 3 dichte Schichten"),
               QStringLiteral("de")),
        (QStringList{QStringLiteral("parameters 36000000000"), QStringLiteral("parameters 132000000000"),
                     QStringLiteral("experts 256"), QStringLiteral("layers 3")}));
    QCOMPARE(
        values(QStringLiteral("looks like 47 billion, a 13-billion-parameter model, 5,5 % und 1.024 Tokens"),
               QStringLiteral("en")),
        (QStringList{QStringLiteral("parameters 47000000000"), QStringLiteral("parameters 13000000000")}));
    QCOMPARE(values(QStringLiteral("5,5 % von 1.024 Tokens"), QStringLiteral("de")),
             QStringList{QStringLiteral("percent 5.5")});
}

// The negative test: a typo'd figure fails, naming file, item and number; the right one passes.
void TestContentSources::checkerCatchesAWrongFigure()
{
    const FigureChecker checker(shippedRegistry());
    const QString file = QStringLiteral("quiz.en.json");
    QVERIFY(checker
                .check(file, QStringLiteral("x"), QStringLiteral("Mixtral 8x7B has 46.7B parameters"),
                       QStringLiteral("en"))
                .isEmpty());
    const QStringList wrong = checker.check(
        file, QStringLiteral("x"), QStringLiteral("Mixtral 8x7B has 46.6B parameters"), QStringLiteral("en"));
    QCOMPARE(wrong.size(), 1);
    QVERIFY2(wrong[0].startsWith(
                 QLatin1String("quiz.en.json: x: \"46.6B\" (parameters) is no figure of Mixtral 8x7B")),
             qPrintable(wrong[0]));
    QCOMPARE(checker
                 .check(file, QStringLiteral("x"), QStringLiteral("Mixtral 8x7B hat 46,6 Mrd. Parameter"),
                        QStringLiteral("de"))
                 .size(),
             1);
    // A figure of another model does not count for this one; rounding must be right.
    QCOMPARE(
        checker.check(file, QStringLiteral("x"), QStringLiteral("DBRX has 128 experts"), QStringLiteral("en"))
            .size(),
        1);
    QCOMPARE(checker
                 .check(file, QStringLiteral("x"), QStringLiteral("DeepSeek-V3 uses about 5.6%"),
                        QStringLiteral("en"))
                 .size(),
             1);
    QVERIFY(checker
                .check(file, QStringLiteral("x"),
                       QStringLiteral("DeepSeek-V3 uses about 5.5%, 248 routed experts idle"),
                       QStringLiteral("en"))
                .isEmpty());
    QVERIFY(checker
                .check(file, QStringLiteral("x"), QStringLiteral("Mixtral 8x7B: not 8 × 7 = 56B"),
                       QStringLiteral("en"))
                .isEmpty());
    QCOMPARE(checker
                 .checkAnswer(file, QStringLiteral("x"), QStringLiteral("Mixtral 8x7B share?"), 27.7,
                              QStringLiteral("%"))
                 .size(),
             1);
    QVERIFY(checker
                .checkAnswer(file, QStringLiteral("x"), QStringLiteral("Mixtral 8x7B share?"), 27.6,
                             QStringLiteral("%"))
                .isEmpty());
    // A text about no registry model is out of scope, and so is the built-in model's {fact}.
    QVERIFY(
        checker.check(file, QStringLiteral("x"), QStringLiteral("Our model has 46.6B"), QStringLiteral("en"))
            .isEmpty());
    QVERIFY(checker
                .check(file, QStringLiteral("x"), QStringLiteral("Mixtral 8x7B vs {model.parameters}"),
                       QStringLiteral("en"))
                .isEmpty());
}

// The check can fail on the real texts: each figure of the English lessons and quiz, its last digit
// changed ("46.7B" -> "46.8B"), is reported. A few changes land on another true value of a model the
// item names ("27 to 28%" for Mixtral and DBRX: 27 -> 28); nine in ten must be caught.
void TestContentSources::everyShippedFigureChangedIsCaught()
{
    const FigureChecker checker(shippedRegistry());
    int figures = 0, caught = 0;
    QStringList escaped;
    for (const QString& path :
         {QStringLiteral(":/lessons/lessons.en.json"), QStringLiteral(":/quiz/quiz.en.json")}) {
        for (const TextItem& item : itemsOf(path)) {
            if (checker.modelsNamed(item.text).isEmpty())
                continue;
            for (const Figure& figure : checker.figures(item.text, QStringLiteral("en"))) {
                // The figure's last digit, one up (9 -> 8), in its first place outside a name.
                QString wrong = figure.text;
                qsizetype d = wrong.size() - 1;
                while (d >= 0 && !wrong[d].isDigit())
                    --d;
                QVERIFY(d >= 0);
                wrong[d] = wrong[d] == QLatin1Char('9') ? QLatin1Char('8') : QChar(wrong[d].unicode() + 1);
                const QRegularExpression at(
                    QStringLiteral("(?<![\\w.,-])%1").arg(QRegularExpression::escape(figure.text)));
                QString text = item.text;
                const QRegularExpressionMatch m = at.match(text);
                if (!m.hasMatch())
                    continue; // written across a tag or a name: not changed here
                text.replace(m.capturedStart(), m.capturedLength(), wrong);
                ++figures;
                const QStringList problems =
                    checker.check(path.section(QLatin1Char('/'), -1), item.id, text, QStringLiteral("en"));
                if (problems.isEmpty()) {
                    escaped << QStringLiteral("%1: %2 -> %3").arg(item.id, figure.text, wrong);
                    continue;
                }
                ++caught;
                // The message names the file, the item and the wrong figure as written.
                QVERIFY2(problems.join(QLatin1Char('\n'))
                             .contains(QStringLiteral("%1: %2: \"%3\"")
                                           .arg(path.section(QLatin1Char('/'), -1), item.id, wrong)),
                         qPrintable(problems.join(QLatin1Char('\n'))));
            }
        }
    }
    qInfo("%d of %d changed figures caught; not caught: %s", caught, figures,
          qPrintable(escaped.join(QStringLiteral("; "))));
    QVERIFY(figures >= 50);
    QVERIFY2(caught * 10 >= figures * 9, qPrintable(escaped.join(QLatin1Char('\n'))));
}

void TestContentSources::lessonAndQuizFiguresHaveSources_data()
{
    QTest::addColumn<QString>("path");
    for (const char* path : {":/lessons/lessons.en.json", ":/lessons/lessons.de.json", ":/quiz/quiz.en.json",
                             ":/quiz/quiz.de.json"})
        QTest::newRow(path) << QString::fromLatin1(path);
}

// (b) Every figure next to a real model's name in lessons and quiz has a source entry.
void TestContentSources::lessonAndQuizFiguresHaveSources()
{
    QFETCH(QString, path);
    const FigureChecker checker(shippedRegistry());
    const QString file = path.section(QLatin1Char('/'), -1);
    const QString language = path.section(QLatin1Char('.'), -2, -2);
    QStringList problems;
    int checkedItems = 0, checkedFigures = 0;
    for (const TextItem& item : itemsOf(path)) {
        if (checker.modelsNamed(item.text).isEmpty())
            continue;
        ++checkedItems;
        checkedFigures += static_cast<int>(checker.figures(item.text, language).size());
        problems << checker.check(file, item.id, item.text, language);
        if (item.answer)
            problems << checker.checkAnswer(file, item.id, item.text, *item.answer, item.unit);
    }
    qInfo("%s: %d items name a real model, %d figures checked", qPrintable(file), checkedItems,
          checkedFigures);
    QVERIFY(checkedItems >= 5);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestContentSources::germanNamesTheSameModelsAndFigures_data()
{
    QTest::addColumn<QString>("english");
    QTest::newRow("lessons") << QStringLiteral(":/lessons/lessons.en.json");
    QTest::newRow("quiz") << QStringLiteral(":/quiz/quiz.en.json");
}

// (c) The translation cites the same sources: per item, the same registry models and the same
// figures (as values: "46.7B" is "46,7 Mrd.").
void TestContentSources::germanNamesTheSameModelsAndFigures()
{
    QFETCH(QString, english);
    const FigureChecker checker(shippedRegistry());
    QString german = english;
    german.replace(QLatin1String(".en."), QLatin1String(".de."));
    QMap<QString, QString> germanText;
    for (const TextItem& item : itemsOf(german))
        germanText.insert(item.id, item.text);
    const auto figureSet = [&](const QString& text, const QString& language) {
        QStringList out;
        for (const Figure& f : checker.figures(text, language))
            out << QStringLiteral("%1 %2").arg(moe::test::kindName(f.kind)).arg(f.value, 0, 'g', 12);
        out.sort();
        out.removeDuplicates();
        return out;
    };
    QStringList problems;
    for (const TextItem& item : itemsOf(english)) {
        if (!germanText.contains(item.id))
            continue; // ids are compared by app.shipped_content
        const QString& de = germanText[item.id];
        QStringList a = checker.modelsNamed(item.text), b = checker.modelsNamed(de);
        a.sort();
        b.sort();
        if (a != b)
            problems << QStringLiteral("%1: English names %2, German %3")
                            .arg(item.id, a.join(QStringLiteral(", ")), b.join(QStringLiteral(", ")));
        else if (!a.isEmpty() &&
                 figureSet(item.text, QStringLiteral("en")) != figureSet(de, QStringLiteral("de")))
            problems << QStringLiteral("%1: English figures %2, German %3")
                            .arg(item.id,
                                 figureSet(item.text, QStringLiteral("en")).join(QStringLiteral(", ")),
                                 figureSet(de, QStringLiteral("de")).join(QStringLiteral(", ")));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestContentSources)
#include "tst_content_sources.moc"

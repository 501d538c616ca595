// The teacher's printable material: the worksheet's answers are the routing a Session computes
// for the built-in model, the PDFs are written with the pages the layout promises, a quiz prints
// the sitting drawSitting() gives with the bank's answers, and failures are clear errors.
#include "explore/explore_page.h"
#include "learn/quiz_bank.h"
#include "print/pdf_pages.h"
#include "print/print_command.h"
#include "print/quiz_pdf.h"
#include "print/quiz_sheet.h"
#include "print/worksheet_data.h"
#include "print/worksheet_pdf.h"
#include "run/model_source.h"
#include "run/trace_model.h"
#include "tiny_model.h"

#include "moe/generation.h"
#include "moe/session.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>

namespace {

const QString kBuiltIn = QStringLiteral(TINY_EXPERTS_SOURCE_DIR "/resources/models/tiny-experts.gguf");

// Pages in a PDF: its page objects ("/Type /Page", not the "/Type /Pages" tree).
int pdfPageCount(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray bytes = file.readAll();
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s\\w])"));
    return static_cast<int>(QString::fromLatin1(bytes).count(page));
}

QByteArray head(const QString& path, int n)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(n) : QByteArray();
}

// The k experts with the highest probabilities, highest first (the router's top-k, recomputed).
std::vector<int> topK(const std::vector<float>& probs, int k)
{
    std::vector<int> order(probs.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return probs[a] > probs[b]; });
    order.resize(static_cast<size_t>(k));
    return order;
}

} // namespace

class TestPrint : public QObject {
    Q_OBJECT
private slots:
    void worksheetHoldsTheSessionsRouting();
    void worksheetShowsSpacesAndLeavesOutTheStartToken();
    void worksheetKeepsTheFirstTokensOfALongPrompt();
    void emptyPromptIsRefused();
    void worksheetPdfHasItsPages_data();
    void worksheetPdfHasItsPages();
    void manyExpertsGetACompactGrid();
    void unwritablePathIsAClearError();
    void quizPrintsTheSittingOfTheSeed_data();
    void quizPrintsTheSittingOfTheSeed();
    void quizLinesAndKeyFollowTheBank();
    void quizPdfHasTestAndKeyPages();
    void unknownTrackIsRefused();
    void commandLineExportsWriteAndFail();
    void worksheetPromptIsTypedElseTheLastRuns();
};

void TestPrint::worksheetHoldsTheSessionsRouting()
{
    const LoadedModel model = loadModelFile(kBuiltIn);
    const QString prompt = QStringLiteral("12 + 34 = 46, and the moon upon the water");
    const Worksheet sheet = buildWorksheet(model.model, model.name, prompt);
    const moe::ModelConfig& c = model.model->config();
    QCOMPARE(sheet.layers, c.nLayer);
    QCOMPARE(sheet.experts, c.nExpert);
    QCOMPARE(sheet.expertsPerToken, c.nExpertUsed);

    // The same prompt, token by token through a Session of its own (step, not the batched prefill).
    const moe::Tokenizer& tokenizer = model.model->tokenizer();
    std::vector<int> ids = moe::promptTokens(tokenizer, prompt.toStdString());
    moe::Session session(model.model);
    std::vector<moe::TokenRouting> routings;
    for (int id : ids)
        routings.push_back(session.step(id));
    const size_t skip = tokenizer.addBos() ? 1 : 0;
    QCOMPARE(sheet.tokens.size(), ids.size() - skip);
    QCOMPARE(sheet.promptTokens, static_cast<int>(ids.size() - skip));
    int activations = 0;
    for (size_t t = 0; t < sheet.tokens.size(); ++t) {
        const WorksheetToken& token = sheet.tokens[t];
        if (!token.text.contains(QLatin1Char('/'))) // not a piece of a split character
            QCOMPARE(token.text, TraceModel::displayText(tokenizer.tokenBytes(ids[t + skip]), true));
        QCOMPARE(static_cast<int>(token.layers.size()), c.nLayer);
        for (int l = 0; l < c.nLayer; ++l) {
            const moe::LayerRouting& got = token.layers[static_cast<size_t>(l)];
            const moe::LayerRouting& want = routings[t + skip].layers[static_cast<size_t>(l)];
            QCOMPARE(got.experts, want.experts);
            QCOMPARE(static_cast<int>(got.experts.size()), c.nExpertUsed);
            QCOMPARE(got.experts, topK(got.probs, c.nExpertUsed));
            for (size_t k = 0; k < got.gates.size(); ++k)
                QVERIFY(std::abs(got.gates[k] - want.gates[k]) < 1e-4f);
            activations += static_cast<int>(got.experts.size());
        }
    }
    QCOMPARE(activations, static_cast<int>(sheet.tokens.size()) * c.nLayer * c.nExpertUsed);
}

void TestPrint::worksheetShowsSpacesAndLeavesOutTheStartToken()
{
    const LoadedModel model = loadModelFile(kBuiltIn);
    const Worksheet sheet =
        buildWorksheet(model.model, model.name, QStringLiteral("The moon upon the water"));
    QCOMPARE(sheet.startToken, model.model->tokenizer().addBos());
    QVERIFY(!sheet.tokens.empty());
    QVERIFY2(!sheet.tokens.front().text.contains(QChar(u'⟨')), qPrintable(sheet.tokens.front().text));
    QString joined;
    for (const WorksheetToken& token : sheet.tokens)
        joined += token.text;
    QCOMPARE(joined, QStringLiteral("The␣moon␣upon␣the␣water"));

    // "ü" is two byte tokens for this vocabulary: each piece names the whole character.
    const Worksheet german = buildWorksheet(model.model, model.name, QStringLiteral("über"));
    QStringList texts;
    for (const WorksheetToken& token : german.tokens)
        texts << token.text;
    QVERIFY2(texts.size() >= 2, qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY2(texts[0].startsWith(QChar(u'ü')) && texts[0].endsWith(QStringLiteral(" (1/2)")),
             qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY2(texts[1].endsWith(QStringLiteral(" (2/2)")), qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY(!texts.join(QString()).contains(QChar(0xFFFD)));
}

void TestPrint::worksheetKeepsTheFirstTokensOfALongPrompt()
{
    const LoadedModel model = loadModelFile(kBuiltIn);
    const QString prompt = QStringLiteral("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20");
    const Worksheet sheet = buildWorksheet(model.model, model.name, prompt);
    const int limit = worksheetTokenLimit(model.model->config().nExpert);
    QCOMPARE(limit, 24);
    QVERIFY2(sheet.promptTokens > limit, qPrintable(QString::number(sheet.promptTokens)));
    QCOMPARE(static_cast<int>(sheet.tokens.size()), limit);
    QCOMPARE(worksheetTokenLimit(64), 12);
}

void TestPrint::emptyPromptIsRefused()
{
    const LoadedModel model = loadModelFile(kBuiltIn);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             buildWorksheet(model.model, model.name, QStringLiteral("  ")));
}

void TestPrint::worksheetPdfHasItsPages_data()
{
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<int>("pages");
    // 8 tokens: every grid on the sheet's first page, the answers on one more.
    QTest::newRow("a short line") << QStringLiteral("The moon upon the water") << 2;
    // 17 tokens (digits and spaces): the grids go on over a second page, on the sheet and on the answers.
    QTest::newRow("17 tokens") << QStringLiteral("1 2 3 4 5 6 7 8 9") << 4;
}

void TestPrint::worksheetPdfHasItsPages()
{
    QFETCH(QString, prompt);
    QFETCH(int, pages);
    const LoadedModel model = loadModelFile(kBuiltIn);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sheet.pdf"));
    const Worksheet sheet = buildWorksheet(model.model, model.name, prompt);
    QVERIFY(sheet.tokens.size() == 8 || sheet.tokens.size() == 17);
    const int written = writeWorksheetPdf(sheet, path);
    QCOMPARE(head(path, 5), QByteArray("%PDF-"));
    QCOMPARE(written, pages);
    QCOMPARE(pdfPageCount(path), pages);
}

void TestPrint::manyExpertsGetACompactGrid()
{
    // The built-in shape: three grids a row, squares to colour in, gate numbers on the answers.
    const WorksheetGrid small = worksheetGrid(4, 8, 8, 180, 160);
    QVERIFY(small.cell >= 6);
    QVERIFY(small.cellNumbers);
    QCOMPARE(small.expertLabelEvery, 1);
    QVERIFY(small.columns * small.width() <= 180);
    // 64 experts: one grid per row across the page, no numbers in squares too small for them.
    const WorksheetGrid wide = worksheetGrid(16, 64, 12, 180, 160);
    QCOMPARE(wide.columns, 1);
    QVERIFY(!wide.cellNumbers);
    QVERIFY(wide.width() <= 180.001);
    QVERIFY(wide.expertLabelEvery > 1);
    QVERIFY(wide.height() < 297 - 30);

    // A real model of that shape writes a sheet of 12 tokens at most, every page a grid or more.
    moe::ModelConfig config = moe::test::tinyConfig();
    config.nLayer = 16;
    config.nExpert = 64;
    config.nExpertUsed = 8;
    config.nFf = 16;
    const auto model = moe::test::tinyModel(/*seed=*/5, moe::TensorType::F32, config);
    const Worksheet sheet =
        buildWorksheet(model, QStringLiteral("wide"), QString::fromStdString(moe::test::sampleText()));
    QCOMPARE(static_cast<int>(sheet.tokens.size()), 12);
    QCOMPARE(sheet.experts, 64);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("wide.pdf"));
    const int pages = writeWorksheetPdf(sheet, path);
    QCOMPARE(pdfPageCount(path), pages);
    QVERIFY2(pages >= 4 && pages <= 12, qPrintable(QString::number(pages)));
}

void TestPrint::unwritablePathIsAClearError()
{
    const LoadedModel model = loadModelFile(kBuiltIn);
    const Worksheet sheet = buildWorksheet(model.model, model.name, QStringLiteral("2 + 2 ="));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no-such-folder/sheet.pdf"));
    try {
        writeWorksheetPdf(sheet, path);
        QFAIL("a PDF was written into a folder that does not exist");
    } catch (const PdfExportError& e) {
        QVERIFY2(e.message().contains(path), qPrintable(e.message()));
    }
    QVERIFY(!QFile::exists(path));
    const QuizBank bank = loadQuizFor(QStringLiteral("en"));
    QVERIFY_THROWS_EXCEPTION(PdfExportError,
                             writeQuizPdf(makePrintedQuiz(bank, QStringLiteral("explorer"), 1), path));
}

void TestPrint::quizPrintsTheSittingOfTheSeed_data()
{
    QTest::addColumn<QString>("track");
    QTest::newRow("explorer") << QStringLiteral("explorer");
    QTest::newRow("builder") << QStringLiteral("builder");
    QTest::newRow("creator") << QStringLiteral("creator");
}

void TestPrint::quizPrintsTheSittingOfTheSeed()
{
    QFETCH(QString, track);
    const QuizBank bank = loadQuizFor(QStringLiteral("en"));
    const PrintedQuiz quiz = makePrintedQuiz(bank, track, 1234);
    const QList<QuizQuestion> sitting = drawSitting(bank.questionsOf(track), 1234, 10);
    QCOMPARE(quiz.questions.size(), sitting.size());
    QVERIFY(quiz.questions.size() >= 5);
    for (qsizetype i = 0; i < sitting.size(); ++i) {
        QCOMPARE(quiz.questions[i].id, sitting[i].id);
        QCOMPARE(quiz.questions[i].number, static_cast<int>(i) + 1);
    }
    // The same number prints the same test; another number another one.
    const PrintedQuiz again = makePrintedQuiz(bank, track, 1234);
    const PrintedQuiz other = makePrintedQuiz(bank, track, 1235);
    QStringList ids, againIds, otherIds;
    for (qsizetype i = 0; i < quiz.questions.size(); ++i) {
        ids << quiz.questions[i].id;
        againIds << again.questions[i].id;
        QCOMPARE(questionLines(again.questions[i]), questionLines(quiz.questions[i]));
    }
    for (const PrintedQuestion& q : other.questions)
        otherIds << q.id;
    QCOMPARE(againIds, ids);
    QVERIFY(otherIds != ids);
}

void TestPrint::quizLinesAndKeyFollowTheBank()
{
    const QuizBank bank = loadQuizFor(QStringLiteral("en"));
    int kinds[3] = {0, 0, 0};
    for (const QString track : {"explorer", "builder", "creator"}) {
        const PrintedQuiz quiz = makePrintedQuiz(bank, track, 99);
        int blocks = 0;
        for (const PrintedQuestion& p : quiz.questions) {
            const QuizQuestion* q = bank.question(p.id);
            QVERIFY(q);
            ++kinds[static_cast<int>(q->kind)];
            const QStringList lines = questionLines(p);
            QCOMPARE(lines.first(), QStringLiteral("%1. %2").arg(p.number).arg(q->prompt));
            blocks += static_cast<int>(std::count_if(lines.cbegin(), lines.cend(), [](const QString& line) {
                return QRegularExpression(QStringLiteral("^\\d+\\. ")).match(line).hasMatch();
            }));
            const QString key = answerKeyLine(p);
            QVERIFY2(key.startsWith(QStringLiteral("%1. ").arg(p.number)), qPrintable(key));
            QCOMPARE(p.explanation, q->explanation);
            switch (q->kind) {
            case QuizQuestion::Kind::Choice:
                QCOMPARE(lines.size(), q->choices.size() + 1);
                for (int c = 0; c < q->choices.size(); ++c)
                    QCOMPARE(lines[c + 1], QStringLiteral("%1  %2").arg(choiceLetter(c), q->choices[c]));
                QCOMPARE(key, QStringLiteral("%1. %2: %3")
                                  .arg(p.number)
                                  .arg(choiceLetter(q->correctChoice), q->choices[q->correctChoice]));
                break;
            case QuizQuestion::Kind::TrueFalse:
                QCOMPARE(lines.size(), 2);
                QCOMPARE(key, QStringLiteral("%1. %2").arg(p.number).arg(q->correctTruth ? "True" : "False"));
                break;
            case QuizQuestion::Kind::Number:
                QCOMPARE(lines.size(), 2);
                QVERIFY2(lines[1].startsWith(QStringLiteral("Answer:")) && lines[1].endsWith(q->unit),
                         qPrintable(lines[1]));
                QVERIFY2(key.contains(correctAnswerText(*q)), qPrintable(key));
                break;
            }
        }
        QCOMPARE(blocks, static_cast<int>(quiz.questions.size())); // one numbered block per question
    }
    // The three tracks together print every kind of question.
    QVERIFY(kinds[0] > 0 && kinds[1] > 0 && kinds[2] > 0);
}

void TestPrint::quizPdfHasTestAndKeyPages()
{
    const QuizBank bank = loadQuizFor(QStringLiteral("en"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("quiz.pdf"));
    const PrintedQuiz quiz = makePrintedQuiz(bank, QStringLiteral("builder"), 7);
    const int pages = writeQuizPdf(quiz, path);
    QCOMPARE(head(path, 5), QByteArray("%PDF-"));
    QCOMPARE(pdfPageCount(path), pages);
    QVERIFY2(pages >= 2, "the answer key starts a page of its own");

    // One question alone: one page of test, one of key.
    PrintedQuiz one = quiz;
    one.questions = {quiz.questions.first()};
    const QString onePath = dir.filePath(QStringLiteral("one.pdf"));
    QCOMPARE(writeQuizPdf(one, onePath), 2);
    QCOMPARE(pdfPageCount(onePath), 2);
}

void TestPrint::unknownTrackIsRefused()
{
    const QuizBank bank = loadQuizFor(QStringLiteral("en"));
    try {
        makePrintedQuiz(bank, QStringLiteral("astronaut"), 1);
        QFAIL("a track without questions was printed");
    } catch (const std::invalid_argument& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("astronaut")), e.what());
    }
}

void TestPrint::commandLineExportsWriteAndFail()
{
    QTemporaryDir dir;
    AppOptions options;
    options.language = QStringLiteral("en");
    options.modelPath = kBuiltIn;
    options.prompt = QStringLiteral("3 + 4 =");
    options.exportWorksheet = dir.filePath(QStringLiteral("w.pdf"));
    options.exportQuizTrack = QStringLiteral("creator");
    options.exportQuizFile = dir.filePath(QStringLiteral("q.pdf"));
    options.quizSeed = 5;
    QCOMPARE(runPrintExports(options), 0);
    QCOMPARE(pdfPageCount(options.exportWorksheet), 2);
    QVERIFY(pdfPageCount(options.exportQuizFile) >= 2);

    options.exportWorksheet = dir.filePath(QStringLiteral("missing/w.pdf"));
    QCOMPARE(runPrintExports(options), 1);
    options.exportWorksheet.clear();
    options.modelPath = dir.filePath(QStringLiteral("no-model.gguf"));
    options.exportWorksheet = dir.filePath(QStringLiteral("w2.pdf"));
    QCOMPARE(runPrintExports(options), 1);
    QVERIFY(!QFile::exists(options.exportWorksheet));
}

void TestPrint::worksheetPromptIsTypedElseTheLastRuns()
{
    // File › Export worksheet asks Explore for its prompt: the field's text, else the last run's.
    ExplorePage page;
    QVERIFY(page.prompt().isEmpty());
    const auto model = moe::test::tinyModel(/*seed=*/2);
    page.traceModel()->reset(model->config(), {}, QStringLiteral("tiny"));
    moe::Session session(model);
    moe::GenerationRequest request;
    request.prompt = "moon over water";
    request.maxTokens = 3;
    moe::generate(session, request,
                  [&](const moe::GeneratedToken& token) { return page.traceModel()->append(token); });
    QVERIFY(page.traceModel()->tokenCount() > 3);
    QCOMPARE(page.prompt(), QStringLiteral("moon over water")); // the prompt's tokens, not the written ones
    page.setPrompt(QStringLiteral("2 + 2 ="));
    QCOMPARE(page.prompt(), QStringLiteral("2 + 2 ="));
}

QTEST_MAIN(TestPrint)
#include "tst_print.moc"

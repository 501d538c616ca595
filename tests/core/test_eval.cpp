// Evaluator: bits per byte equals a hand computation from Session logits (also windowed), greedy
// exact match, the JSON report's keys and ranges on a tiny random model with tiny data, thread
// count independence, and that the ablation switches off exactly the experts it names.
#include "moe/eval.h"
#include "moe/generation.h"
#include "moe/model_writer.h"
#include "tiny_model.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

const char* kVerse = "The tide comes in, the tide goes out,\nthe gulls complain, the sailors shout;\n"
                     "the moon looks down on silver foam\nand every wave is walking home.\n";

// Next-token cross-entropy (nats) of the current logits for `target`, in double.
double crossEntropy(const Eigen::VectorXf& logits, int target)
{
    const double top = logits.maxCoeff();
    double sum = 0;
    for (Eigen::Index v = 0; v < logits.size(); ++v)
        sum += std::exp(static_cast<double>(logits[v]) - top);
    return std::log(sum) + top - static_cast<double>(logits[target]);
}

std::vector<int> withBos(const moe::Tokenizer& tokenizer, std::string_view text)
{
    std::vector<int> ids{tokenizer.bosId()};
    const std::vector<int> rest = tokenizer.encode(text);
    ids.insert(ids.end(), rest.begin(), rest.end());
    return ids;
}

moe::EvalData tinyData()
{
    using moe::Document;
    using moe::Domain;
    moe::EvalData data;
    data.poemHeldOut = {{Domain::Poem, kVerse},
                        {Domain::Poem, "I planted seven seeds in May,\nand watered them the Sunday way;\n"}};
    data.poemTrain = {
        {Domain::Poem, "by June there stood eleven flowers,\ngrown out of patience, light and hours.\n"}};
    data.englishHeldOut = {{Domain::English, "The lighthouse keeper counted the ships each evening.\n"}};
    moe::MathGenerator generator(/*seed=*/7);
    for (int i = 0; i < 2; ++i)
        data.mathHeldOut.push_back({Domain::Math, generator.document(moe::MathSplit::HeldOut)});
    data.problems = {{moe::MathKind::Add, "23 + 45 =", "68"},
                     {moe::MathKind::Add, "17 + 26 =", "43"},
                     {moe::MathKind::Sub, "90 - 37 =", "53"},
                     {moe::MathKind::Times, "7 x 8 =", "56"},
                     {moe::MathKind::Times, "12 x 12 =", "144"},
                     {moe::MathKind::Equation, "3x + 5 = 20, so x =", "5"},
                     {moe::MathKind::Word,
                      "Mia has 12 shells and finds 7 more. How many shells does Mia have now?", "19"}};
    return data;
}

QJsonObject toJson(const moe::EvalReport& report)
{
    std::ostringstream out;
    moe::writeEvalJson(out, report);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(out.str()), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("%s\n%s", qPrintable(error.errorString()), out.str().c_str());
    return doc.object();
}

bool inUnit(const QJsonValue& v)
{
    return v.isDouble() && v.toDouble() >= 0 && v.toDouble() <= 1;
}

} // namespace

class TestEval : public QObject {
    Q_OBJECT
private slots:
    void bitsPerByteMatchesSessionLogits_data()
    {
        QTest::addColumn<int>("type"); // the output matrix is decoded once: every stored type
        QTest::newRow("F32") << static_cast<int>(moe::TensorType::F32);
        QTest::newRow("F16") << static_cast<int>(moe::TensorType::F16);
        QTest::newRow("Q8_0") << static_cast<int>(moe::TensorType::Q8_0);
    }

    void bitsPerByteMatchesSessionLogits()
    {
        QFETCH(int, type);
        const auto model = moe::test::tinyModel(/*seed=*/21, static_cast<moe::TensorType>(type));
        moe::Session session(model, {.threads = 1});
        const std::vector<int> ids = withBos(model->tokenizer(), kVerse);
        QVERIFY(static_cast<int>(ids.size()) <= session.contextLength());
        double nats = 0;
        for (size_t i = 0; i + 1 < ids.size(); ++i) {
            session.step(ids[i]);
            nats += crossEntropy(session.logits(), ids[i + 1]);
        }
        const moe::TextScore score = moe::TextScorer(*model).score(session, kVerse);
        QCOMPARE(score.tokens, ids.size() - 1);
        QCOMPARE(score.bytes, std::string(kVerse).size());
        QVERIFY2(
            std::abs(score.nats - nats) <= 1e-4 * nats,
            qPrintable(
                QString("scorer %1 nats, by hand %2").arg(score.nats, 0, 'g', 10).arg(nats, 0, 'g', 10)));
        const double bpb = nats / std::numbers::ln2 / static_cast<double>(score.bytes);
        QVERIFY(std::abs(score.bitsPerByte() - bpb) <= 1e-4 * bpb);
    }

    void windowsScoreEveryTokenOnce_data()
    {
        QTest::addColumn<int>("stride");
        QTest::newRow("default stride (half the context)") << 0;
        QTest::newRow("stride 1") << 1;
        QTest::newRow("stride 5") << 5;
        QTest::newRow("stride larger than the context") << 40;
    }

    void windowsScoreEveryTokenOnce()
    {
        QFETCH(int, stride);
        const auto model = moe::test::tinyModel(/*seed=*/22);
        const int context = 16;
        moe::Session session(model, {.threads = 1, .contextLength = context});
        const std::string text = std::string(kVerse) + "23 + 45 = 68\n";
        const std::vector<int> ids = withBos(model->tokenizer(), text);
        const int n = static_cast<int>(ids.size());
        QVERIFY(n > 3 * context);

        // By hand: each window from an empty cache, one step at a time; a token counts in the first
        // window that predicts it.
        const int step = std::clamp(stride > 0 ? stride : context / 2, 1, context - 1);
        double nats = 0;
        std::vector<std::vector<int>> firstChoices; // per reported token: layer 0's experts
        int scoredEnd = 1;
        for (int start = 0; scoredEnd < n; start += step) {
            const int end = std::min(start + context, n);
            session.reset();
            for (int p = start; p < end; ++p) {
                const moe::TokenRouting routing = session.step(ids[static_cast<size_t>(p)]);
                if (p >= scoredEnd)
                    firstChoices.push_back(routing.layers[0].experts);
                if (p + 1 >= scoredEnd && p + 1 < end)
                    nats += crossEntropy(session.logits(), ids[static_cast<size_t>(p + 1)]);
            }
            scoredEnd = end;
        }

        std::vector<int> reported;
        std::vector<std::vector<int>> reportedChoices;
        const moe::TextScore score = moe::TextScorer(*model, stride)
                                         .score(session, text, [&](int id, const moe::TokenRouting& routing) {
                                             reported.push_back(id);
                                             reportedChoices.push_back(routing.layers[0].experts);
                                         });
        QCOMPARE(score.tokens, static_cast<size_t>(n - 1));
        QCOMPARE(reported, std::vector<int>(ids.begin() + 1, ids.end())); // every token once, in order
        QCOMPARE(reportedChoices, firstChoices);
        QVERIFY2(std::abs(score.nats - nats) <= 1e-4 * nats,
                 qPrintable(QString("scorer %1 nats, by hand %2").arg(score.nats).arg(nats)));
    }

    void uniformLogitsGiveLog2VocabBitsPerToken()
    {
        moe::ModelConfig config = moe::test::tinyConfig();
        config.nVocab = moe::test::sampleTokenizer().vocabSize();
        config.tiedOutput = false;
        moe::FloatWeights weights = moe::randomWeights(config, /*seed=*/23);
        weights.output.assign(weights.output.size(), 0.0f); // every logit 0: uniform over the vocabulary
        const auto model = moe::test::modelFromWeights(config, weights);
        moe::Session session(model, {.threads = 1});
        const moe::TextScore score = moe::TextScorer(*model).score(session, kVerse);
        const double expected =
            static_cast<double>(score.tokens) * std::log(static_cast<double>(config.nVocab));
        QVERIFY(std::abs(score.nats - expected) <= 1e-9 * expected);
        QVERIFY(std::abs(score.bitsPerByte() - static_cast<double>(score.tokens) * std::log2(config.nVocab) /
                                                   static_cast<double>(score.bytes)) < 1e-9);
    }

    void scorerRefusesWhatCannotWork()
    {
        const auto model = moe::test::tinyModel(/*seed=*/24);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::TextScorer(*model, -1));
        moe::Session tiny(model, {.threads = 1, .contextLength = 1});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::TextScorer(*model).score(tiny, kVerse));
        moe::Session session(model, {.threads = 1});
        const moe::TextScore empty = moe::TextScorer(*model).score(session, "");
        QCOMPARE(empty.tokens, size_t{0});
        QCOMPARE(empty.bitsPerByte(), 0.0);
    }

    void greedyContinuationStopsAtTheFirstNewline()
    {
        const auto model = moe::test::tinyModel(/*seed=*/25);
        moe::Session session(model, {.threads = 1});
        for (const char* prompt : {"23 + 45 =", "The tide", "7 x 8 ="}) {
            // The unrestricted greedy text, token by token.
            moe::GenerationRequest request;
            request.prompt = prompt;
            request.maxTokens = 12;
            std::vector<std::string> pieces;
            moe::generate(session, request, [&pieces](const moe::GeneratedToken& t) {
                if (!t.prompt)
                    pieces.push_back(t.bytes);
                return true;
            });
            std::string expected;
            for (const std::string& piece : pieces) {
                expected += piece;
                if (piece.find('\n') != std::string::npos)
                    break;
            }
            const std::string got = moe::greedyContinuation(session, prompt, 12);
            QCOMPARE(got, expected);
            const size_t newline = got.find('\n');
            QVERIFY(newline == std::string::npos || newline == got.rfind('\n'));
            // At most maxTokens tokens: the first three pieces exactly, when none holds a newline.
            std::string three;
            for (size_t i = 0; i < std::min<size_t>(3, pieces.size()); ++i)
                three += pieces[i];
            const std::string cut = moe::greedyContinuation(session, prompt, 3);
            QVERIFY(cut.size() <= three.size() && three.compare(0, cut.size(), cut) == 0);
        }
    }

    void exactMatchIsExact()
    {
        const moe::MathProblem p{moe::MathKind::Add, "23 + 45 =", "68"};
        QVERIFY(moe::isCorrectContinuation(p, " 68\n"));
        QVERIFY(moe::isCorrectContinuation(p, " 68"));           // ended at end of text
        QVERIFY(moe::isCorrectContinuation(p, " 68\n12 + 3 =")); // what follows the line does not count
        QVERIFY(!moe::isCorrectContinuation(p, " 681\n"));
        QVERIFY(!moe::isCorrectContinuation(p, "68\n"));
        QVERIFY(!moe::isCorrectContinuation(p, " 6\n"));
        QVERIFY(!moe::isCorrectContinuation(p, " 68 \n"));
        QVERIFY(!moe::isCorrectContinuation(p, ""));

        // solvesProblem is the checker applied to the greedy continuation.
        const auto model = moe::test::tinyModel(/*seed=*/26);
        moe::Session session(model, {.threads = 1});
        for (const moe::MathProblem& problem : tinyData().problems)
            QCOMPARE(moe::solvesProblem(session, problem),
                     moe::isCorrectContinuation(
                         problem,
                         moe::greedyContinuation(session, problem.prompt, problem.maxContinuationTokens())));

        moe::MathScore score;
        score.add(moe::MathKind::Add, true);
        score.add(moe::MathKind::Add, false);
        score.add(moe::MathKind::Times, true);
        QCOMPARE(score.accuracy(moe::MathKind::Add), 0.5);
        QCOMPARE(score.accuracy(moe::MathKind::Times), 1.0);
        QCOMPARE(score.accuracy(moe::MathKind::Word), 0.0); // none asked
        QCOMPARE(score.totalAsked(), 3);
        QCOMPARE(score.overall(), 2.0 / 3.0);
    }

    void reportHasEveryKeyInRange()
    {
        const auto model = moe::test::tinyModel(/*seed=*/27);
        const moe::ModelConfig& c = model->config();
        const moe::EvalData data = tinyData();
        const moe::EvalReport report =
            moe::evaluate(model, data, {.threads = 2, .seed = 3, .randomAblations = 5});
        const QJsonObject json = toJson(report);
        QVERIFY(!json.isEmpty());

        QCOMPARE(json["model"].toString(), QString::fromStdString(model->name()));
        QCOMPARE(json["parameters"].toInteger(), c.totalParameters());
        const QJsonObject math = json["math_accuracy"].toObject();
        for (const char* kind : {"add", "sub", "times", "equation", "word", "overall"})
            QVERIFY2(inUnit(math[kind]), kind);
        QCOMPARE(json["math_counts"]["add"]["asked"].toInt(), 2);
        QCOMPARE(json["math_counts"]["overall"]["asked"].toInt(), static_cast<int>(data.problems.size()));
        for (const char* key :
             {"poem_bpb_heldout", "poem_bpb_train", "math_bpb_heldout", "english_bpb_heldout"}) {
            // A random model over ~400 tokens: a few bits per byte, never more than log2(vocab) per byte.
            const double bpb = json[key].toDouble();
            QVERIFY2(bpb > 0.5 && bpb < std::log2(c.nVocab), key);
        }
        QCOMPARE(json["text"]["poem_heldout"]["documents"].toInt(), 2);

        for (const char* key : {"js_divergence_bits", "js_divergence_shared_bits"}) {
            const QJsonArray layers = json[key].toArray();
            QCOMPARE(layers.size(), c.nLayer);
            for (const QJsonValue& v : layers)
                QVERIFY2(inUnit(v), key);
        }
        QVERIFY(json["shared_token_ids"].toInt() > 0); // digits, spaces and letters occur in both

        const QJsonArray shares = json["expert_token_share"].toArray();
        QCOMPARE(shares.size(), c.nLayer);
        for (const QJsonValue& layer : shares) {
            QCOMPARE(layer.toArray().size(), c.nExpert);
            double sum = 0;
            for (const QJsonValue& s : layer.toArray()) {
                QVERIFY(inUnit(s));
                sum += s.toDouble();
            }
            QVERIFY(std::abs(sum - 1) < 1e-5);
        }
        QVERIFY(inUnit(json["min_expert_share"]["share"]));

        const QJsonObject ablation = json["ablation"].toObject();
        for (const char* run : {"baseline", "math_leaning", "random"}) {
            const QJsonObject r = ablation[run].toObject();
            for (const char* kind : {"add", "sub", "times", "equation", "word", "overall"})
                QVERIFY2(inUnit(r["math_accuracy"][kind]), run);
            QVERIFY2(r["poem_bpb"].toDouble() > 0, run);
        }
        QCOMPARE(ablation["baseline"]["poem_bpb"].toDouble(), json["poem_bpb_heldout"].toDouble());
        const QJsonArray experts = ablation["math_leaning"]["experts"].toArray();
        QCOMPARE(experts.size(), c.nLayer);
        for (const QJsonValue& e : experts)
            QVERIFY(e.toInt() >= 0 && e.toInt() < c.nExpert);
        QCOMPARE(ablation["random"]["seeds"].toInt(), 5);
        QCOMPARE(ablation["random"]["runs"].toArray().size(), 5);
        QVERIFY(json["timings_s"]["total"].toDouble() >= 0);

        std::ostringstream text;
        moe::writeEvalText(text, report);
        for (const char* part : {"math", "bits per byte", "poem held-out", "layer 0", "ablation", "random"})
            QVERIFY2(text.str().find(part) != std::string::npos, part);
    }

    void threadCountDoesNotChangeTheReport()
    {
        const auto model = moe::test::tinyModel(/*seed=*/28);
        const moe::EvalData data = tinyData();
        QJsonObject one = toJson(moe::evaluate(model, data, {.threads = 1, .seed = 4, .randomAblations = 2}));
        QJsonObject two = toJson(moe::evaluate(model, data, {.threads = 2, .seed = 4, .randomAblations = 2}));
        for (QJsonObject* json : {&one, &two}) {
            json->remove("timings_s");
            json->remove("threads");
        }
        QVERIFY(!one.isEmpty());
        QCOMPARE(one, two);
    }

    void ablationSwitchesOffExactlyTheChosenExperts()
    {
        const auto model = moe::test::tinyModel(/*seed=*/29);
        const moe::ModelConfig& c = model->config();
        const moe::EvalData data = tinyData();
        const moe::EvalReport report =
            moe::evaluate(model, data, {.threads = 2, .seed = 5, .randomAblations = 5});
        const std::vector<int> leaning = moe::mostLeaningExperts(report.mathUsage, report.poemUsage);
        QCOMPARE(report.mathLeaningExperts, leaning);
        QCOMPARE(report.mathLeaning.experts, leaning);
        QCOMPARE(report.random.size(), size_t{5});
        for (const moe::AblationRun& run : report.random) {
            QCOMPARE(run.experts.size(), static_cast<size_t>(c.nLayer));
            QCOMPARE(run.math.totalAsked(), static_cast<int>(data.problems.size()));
        }
        QVERIFY(report.mathLeaning.poem.nats != report.baseline.poem.nats); // switching off changed the model

        // The math-leaning expert is chosen for math text normally, and never once it is switched off,
        // while every layer still runs top-k experts.
        const moe::TextScorer scorer(*model);
        moe::Session session(model, {.threads = 1});
        std::vector<int> chosenNormally(static_cast<size_t>(c.nLayer), 0);
        for (const moe::Document& doc : data.mathHeldOut)
            scorer.score(session, doc.text, [&](int, const moe::TokenRouting& routing) {
                for (int l = 0; l < c.nLayer; ++l)
                    for (const int e : routing.layers[static_cast<size_t>(l)].experts)
                        chosenNormally[static_cast<size_t>(l)] +=
                            e == leaning[static_cast<size_t>(l)] ? 1 : 0;
            });
        for (const int count : chosenNormally)
            QVERIFY(count > 0);

        session.setRoutingOverride(moe::switchOffExperts(c.nExpert, leaning));
        int tokens = 0;
        for (const moe::Document& doc : data.mathHeldOut)
            scorer.score(session, doc.text, [&](int, const moe::TokenRouting& routing) {
                ++tokens;
                for (int l = 0; l < c.nLayer; ++l) {
                    const std::vector<int>& experts = routing.layers[static_cast<size_t>(l)].experts;
                    QCOMPARE(static_cast<int>(experts.size()), c.nExpertUsed);
                    for (const int e : experts)
                        QVERIFY(e != leaning[static_cast<size_t>(l)]);
                }
            });
        QVERIFY(tokens > 0);
    }

    void evalDataComesFromTheCorpus()
    {
        moe::Corpus corpus;
        const auto poem = static_cast<size_t>(moe::Domain::Poem);
        for (int i = 0; i < 40; ++i)
            corpus.train[poem].push_back(
                {moe::Domain::Poem,
                 "training poem " + std::to_string(i) + std::string(static_cast<size_t>(i % 7), 'x') + "\n"});
        for (int i = 0; i < 4; ++i)
            corpus.heldOut[poem].push_back({moe::Domain::Poem, "held-out poem " + std::to_string(i) + "\n"});
        corpus.heldOut[static_cast<size_t>(moe::Domain::Math)].push_back({moe::Domain::Math, "1 + 1 = 2\n"});
        const moe::EvalData data =
            moe::EvalData::fromCorpus(corpus, /*seed=*/1, {.add = 5, .sub = 4, .equation = 3, .word = 2});
        QCOMPARE(data.poemHeldOut.size(), size_t{4});
        QCOMPARE(data.mathHeldOut.size(), size_t{1});
        QCOMPARE(data.problems.size(), size_t{5 + 4 + 144 + 3 + 2});
        size_t heldOutBytes = 0, trainBytes = 0;
        for (const moe::Document& d : data.poemHeldOut)
            heldOutBytes += d.text.size();
        std::vector<std::string> seen;
        for (const moe::Document& d : data.poemTrain) {
            trainBytes += d.text.size();
            QVERIFY(d.text.rfind("training poem ", 0) == 0);
            QVERIFY(std::find(seen.begin(), seen.end(), d.text) == seen.end()); // no document twice
            seen.push_back(d.text);
        }
        QVERIFY(trainBytes >= heldOutBytes);
        QVERIFY(trainBytes < heldOutBytes + 30); // stops once it has the size: one document more at most
        QVERIFY(data.poemTrain.size() >= 2 &&
                data.poemTrain[1].text != corpus.train[poem][1].text); // spread out
    }

    void textWithoutBytesIsNull()
    {
        const auto model = moe::test::tinyModel(/*seed=*/31);
        moe::EvalData data = tinyData();
        data.englishHeldOut.clear(); // a corpus without english
        const QJsonObject json = toJson(moe::evaluate(model, data, {.threads = 1, .randomAblations = 0}));
        QVERIFY(json["english_bpb_heldout"].isNull());
        QVERIFY(json["poem_bpb_heldout"].toDouble() > 0);
        QCOMPARE(json["ablation"]["random"]["seeds"].toInt(), 0);
    }

    void evaluateRefusesBadArguments()
    {
        const moe::EvalData data = tinyData();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::evaluate(nullptr, data));
        const auto model = moe::test::tinyModel(/*seed=*/30);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::evaluate(model, data, {.threads = 0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::evaluate(model, data, {.randomAblations = -1}));
    }
};

QTEST_APPLESS_MAIN(TestEval)
#include "test_eval.moc"

// Live questions are made from a real run of a tiny model; the test reads what each question asks
// (layer, token, expert) from its English text and recomputes the answer from the trace on its own,
// so a wrong count, a wrong gate or an off-by-one in the 1-based numbers shows up here.
#include "learn/live_questions.h"

#include "generated_tokens.h"
#include "run/trace_model.h"
#include "tiny_model.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>

namespace {

// Digits, prose and punctuation, so every kind of question has something to ask about.
const char* const kPrompt = "12 + 34 = 46, then 7 + 8 = 15 and 2024 - 99 = 1925. The cat sat.";

std::vector<moe::GeneratedToken> realTrace(const moe::RoutingOverride& routing = {})
{
    moe::GenerationRequest request;
    request.prompt = kPrompt;
    request.maxTokens = 16;
    request.stopAtEndOfText = false;
    return moe::test::generatedTokens(moe::test::tinyModel(/*seed=*/5), request, routing);
}

int captured(const QString& text, const QString& pattern)
{
    const QRegularExpressionMatch match = QRegularExpression(pattern).match(text);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

QString expertText(int expert) // 0-based in, as the learner reads it out
{
    return QStringLiteral("Expert %1").arg(expert + 1);
}

bool isDigits(const std::string& bytes)
{
    if (bytes.empty())
        return false;
    for (const char c : bytes)
        if (c < '0' || c > '9')
            return false;
    return true;
}

// Slots per expert in `layer` over the tokens that pass `keep`.
template <typename Keep>
std::vector<int> countSlots(const std::vector<moe::GeneratedToken>& tokens, int layer, int nExpert, Keep keep)
{
    std::vector<int> counts(static_cast<size_t>(nExpert), 0);
    for (const moe::GeneratedToken& token : tokens)
        if (keep(token))
            for (const int expert : token.routing.layers[static_cast<size_t>(layer)].experts)
                ++counts[static_cast<size_t>(expert)];
    return counts;
}

// The expert with the most, or -1 when two share the most.
int uniqueTop(const std::vector<int>& counts)
{
    const auto top = std::max_element(counts.begin(), counts.end());
    if (std::count(counts.begin(), counts.end(), *top) != 1)
        return -1;
    return static_cast<int>(top - counts.begin());
}

QString kindOf(const QuizQuestion& question)
{
    return QRegularExpression(QStringLiteral("^live-([a-z]+)-\\d+$")).match(question.id).captured(1);
}

QString correctChoiceText(const QuizQuestion& question)
{
    return question.choices.value(question.correctChoice);
}

// Checks one question against the trace; returns an empty string or what is wrong.
QString checkAgainstTrace(const QuizQuestion& q, const std::vector<moe::GeneratedToken>& tokens,
                          const moe::ModelConfig& config)
{
    if (q.track != QLatin1String("live") || q.explanation.trimmed().isEmpty() || q.prompt.isEmpty())
        return QStringLiteral("track, prompt or explanation missing");
    if (q.kind == QuizQuestion::Kind::Choice) {
        if (q.choices.size() < 2 || q.choices.size() > 6 || q.correctChoice < 0 ||
            q.correctChoice >= q.choices.size())
            return QStringLiteral("no single right choice");
        if (QSet<QString>(q.choices.begin(), q.choices.end()).size() != q.choices.size())
            return QStringLiteral("repeated choices");
    }
    const QString kind = kindOf(q);
    const int layer = captured(q.prompt, QStringLiteral("layer (\\d+)")) - 1;
    const int token = captured(q.prompt, QStringLiteral("[Tt]oken (\\d+)")) - 1;
    const int expert = captured(q.prompt, QStringLiteral("expert (\\d+)")) - 1;
    const bool needsToken =
        kind == QLatin1String("gate") || kind == QLatin1String("asleep") || kind == QLatin1String("route");
    if (layer < 0 || layer >= config.nLayer)
        return QStringLiteral("no layer in the prompt");
    if (needsToken) {
        if (token < 0 || token >= static_cast<int>(tokens.size()))
            return QStringLiteral("no token in the prompt");
        const moe::GeneratedToken& t = tokens[static_cast<size_t>(token)];
        if (!q.prompt.contains(TraceModel::displayText(t.bytes, t.prompt)))
            return QStringLiteral("the prompt does not show the token's text");
        if (t.bytes.empty() || TraceModel::displayText(t.bytes, t.prompt).contains(QChar(0xfffd)))
            return QStringLiteral("asked about a token without whole text");
    }
    const auto all = [](const moe::GeneratedToken&) { return true; };

    if (kind == QLatin1String("digits")) {
        const auto digits = [](const moe::GeneratedToken& t) { return isDigits(t.bytes); };
        const long digitTokens = std::count_if(tokens.begin(), tokens.end(), digits);
        const int top = uniqueTop(countSlots(tokens, layer, config.nExpert, digits));
        if (digitTokens < 3 || top < 0)
            return QStringLiteral("asked about digits despite a tie or too few digits");
        if (q.kind != QuizQuestion::Kind::Choice || correctChoiceText(q) != expertText(top))
            return QStringLiteral("digits: the trace says %1").arg(expertText(top));
        return {};
    }
    // busiest and count look at "tokens A to B", at most 8 neighbours.
    const int first = captured(q.prompt, QStringLiteral("tokens (\\d+) to")) - 1;
    const int last = captured(q.prompt, QStringLiteral("tokens \\d+ to (\\d+)")) - 1;
    std::vector<moe::GeneratedToken> window;
    if (first >= 0 && last >= first && last < static_cast<int>(tokens.size()))
        window.assign(tokens.begin() + first, tokens.begin() + last + 1);
    if (kind == QLatin1String("busiest")) {
        if (window.empty() || window.size() > 8)
            return QStringLiteral("busiest: no window of at most 8 tokens in the prompt");
        const std::vector<int> counts = countSlots(window, layer, config.nExpert, all);
        const int top = uniqueTop(counts);
        if (top < 0)
            return QStringLiteral("asked about the busiest expert despite a tie");
        if (q.kind != QuizQuestion::Kind::Choice || correctChoiceText(q) != expertText(top))
            return QStringLiteral("busiest: the trace says %1").arg(expertText(top));
        if (!q.explanation.contains(QString::number(counts[static_cast<size_t>(top)])))
            return QStringLiteral("busiest: the explanation does not cite the count");
        return {};
    }
    if (kind == QLatin1String("count")) {
        if (expert < 0 || expert >= config.nExpert)
            return QStringLiteral("no expert in the prompt");
        if (window.empty() || window.size() > 8)
            return QStringLiteral("count: no window of at most 8 tokens in the prompt");
        const int times = countSlots(window, layer, config.nExpert, all)[static_cast<size_t>(expert)];
        if (q.kind != QuizQuestion::Kind::Number || q.correctNumber != times || q.tolerance != 0)
            return QStringLiteral("count: the trace says %1").arg(times);
        if (!q.prompt.contains(QStringLiteral("of these %1 token").arg(window.size())))
            return QStringLiteral("count: the prompt does not give the number of tokens");
        return {};
    }
    const moe::LayerRouting& r =
        tokens[static_cast<size_t>(token)].routing.layers[static_cast<size_t>(layer)];
    if (kind == QLatin1String("asleep")) {
        const int asleep = config.nExpert - static_cast<int>(r.experts.size());
        if (q.kind != QuizQuestion::Kind::Number || q.correctNumber != asleep)
            return QStringLiteral("asleep: the trace says %1").arg(asleep);
        return {};
    }
    if (kind == QLatin1String("route")) {
        if (expert < 0 || expert >= config.nExpert)
            return QStringLiteral("no expert in the prompt");
        const bool sent = std::find(r.experts.begin(), r.experts.end(), expert) != r.experts.end();
        if (q.kind != QuizQuestion::Kind::TrueFalse || q.correctTruth != sent)
            return QStringLiteral("route: the trace says %1").arg(sent ? "true" : "false");
        return {};
    }
    if (kind == QLatin1String("gate")) {
        std::vector<float> gates = r.gates;
        const size_t best = static_cast<size_t>(std::max_element(gates.begin(), gates.end()) - gates.begin());
        std::sort(gates.begin(), gates.end(), std::greater<>());
        if (gates.size() > 1 && gates[0] - gates[1] < 0.01f)
            return QStringLiteral("asked about the largest gate despite (nearly) equal gates");
        if (q.kind != QuizQuestion::Kind::Choice || correctChoiceText(q) != expertText(r.experts[best]))
            return QStringLiteral("gate: the trace says %1").arg(expertText(r.experts[best]));
        return {};
    }
    return QStringLiteral("unknown kind \"%1\"").arg(kind);
}

bool sameQuestions(const QList<QuizQuestion>& a, const QList<QuizQuestion>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a[i].id != b[i].id || a[i].prompt != b[i].prompt || a[i].choices != b[i].choices ||
            a[i].correctChoice != b[i].correctChoice || a[i].correctTruth != b[i].correctTruth ||
            a[i].correctNumber != b[i].correctNumber || a[i].explanation != b[i].explanation)
            return false;
    return true;
}

} // namespace

class TestLiveQuestions : public QObject {
    Q_OBJECT
private slots:
    void answersEqualTheTrace_data();
    void answersEqualTheTrace();
    void everyKindIsAsked();
    void sameSeedSameQuestions();
    void noQuestionOnTies();
    void routeQuestionsAreHalfTrue();
    void trueFalseFollowsNoPattern();
    void wordsTheExplorerKnows();
    void nothingFromNothing();
};

void TestLiveQuestions::answersEqualTheTrace_data()
{
    QTest::addColumn<int>("topK");
    QTest::addColumn<bool>("disableOne");
    QTest::newRow("as trained (top-2)") << 0 << false;
    QTest::newRow("top-1") << 1 << false;
    QTest::newRow("top-3, expert 2 off in layer 1") << 3 << true;
}

void TestLiveQuestions::answersEqualTheTrace()
{
    QFETCH(int, topK);
    QFETCH(bool, disableOne);
    const moe::ModelConfig config = moe::test::tinyModel(5)->config();
    moe::RoutingOverride routing;
    routing.topK = topK;
    if (disableOne) {
        routing.disabled.assign(static_cast<size_t>(config.nLayer),
                                std::vector<bool>(static_cast<size_t>(config.nExpert)));
        routing.disabled[0][1] = true;
    }
    const std::vector<moe::GeneratedToken> tokens = realTrace(routing);
    QVERIFY(tokens.size() > 10);
    int asked = 0;
    for (uint32_t seed = 1; seed <= 40; ++seed) {
        const QList<QuizQuestion> questions = makeLiveQuestions(tokens, config, seed, 6);
        QVERIFY(questions.size() <= 6);
        QSet<QString> ids;
        for (const QuizQuestion& question : questions) {
            const QString problem = checkAgainstTrace(question, tokens, config);
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("seed %1, %2 (%3): %4")
                                                       .arg(seed)
                                                       .arg(question.id, question.prompt, problem)));
            QVERIFY(question.id.startsWith(QStringLiteral("live-")));
            ids.insert(question.id);
            // Teaching aids from the run: a hint, and for every wrong choice why it is wrong, naming
            // that choice's expert (a true/false or number question has one text for the wrong path).
            QVERIFY2(!question.hint.isEmpty(), qPrintable(question.id));
            if (question.kind == QuizQuestion::Kind::Choice) {
                QCOMPARE(question.choiceFeedback.size(), question.choices.size());
                for (int c = 0; c < question.choices.size(); ++c) {
                    const QString number = question.choices[c].section(QLatin1Char(' '), -1);
                    QCOMPARE(question.choiceFeedback[c].isEmpty(), c == question.correctChoice);
                    if (c != question.correctChoice)
                        QVERIFY2(
                            question.choiceFeedback[c].startsWith(QStringLiteral("Expert %1 ").arg(number)) ||
                                question.choiceFeedback[c].contains(QStringLiteral("expert %1 ").arg(number)),
                            qPrintable(question.choices[c] + QStringLiteral(": ") +
                                       question.choiceFeedback[c]));
                }
            } else {
                QVERIFY2(!question.wrongFeedback.isEmpty(), qPrintable(question.id));
            }
        }
        QCOMPARE(ids.size(), questions.size());
        asked += static_cast<int>(questions.size());
    }
    QVERIFY2(asked >= 40 * 4, qPrintable(QString::number(asked))); // most sets are full
}

void TestLiveQuestions::everyKindIsAsked()
{
    const moe::ModelConfig config = moe::test::tinyModel(5)->config();
    const std::vector<moe::GeneratedToken> tokens = realTrace();
    QSet<QString> kinds;
    for (uint32_t seed = 1; seed <= 40; ++seed)
        for (const QuizQuestion& question : makeLiveQuestions(tokens, config, seed, 6))
            kinds.insert(kindOf(question));
    const QSet<QString> expected = {"digits", "gate", "asleep", "route", "busiest", "count"};
    QCOMPARE(kinds, expected);
}

void TestLiveQuestions::sameSeedSameQuestions()
{
    const moe::ModelConfig config = moe::test::tinyModel(5)->config();
    const std::vector<moe::GeneratedToken> tokens = realTrace();
    QSet<QString> firstPrompts;
    for (uint32_t seed = 1; seed <= 8; ++seed) {
        const QList<QuizQuestion> a = makeLiveQuestions(tokens, config, seed, 5);
        const QList<QuizQuestion> b = makeLiveQuestions(tokens, config, seed, 5);
        QVERIFY(!a.isEmpty());
        QVERIFY2(sameQuestions(a, b), qPrintable(QStringLiteral("seed %1").arg(seed)));
        firstPrompts.insert(a.first().prompt);
    }
    QVERIFY2(firstPrompts.size() >= 3, "the seed does not vary the questions");
    // Fewer questions asked: the first ones of a longer set are not promised, but never more.
    QCOMPARE(makeLiveQuestions(tokens, config, 3, 2).size(), 2);
}

void TestLiveQuestions::noQuestionOnTies()
{
    // The real run's tokens with every routing made the same even split: every expert count,
    // digit count and gate ties, so only the sleeping, routing and counting questions remain.
    const moe::ModelConfig config = moe::test::tinyModel(5)->config();
    std::vector<moe::GeneratedToken> tokens = realTrace();
    for (moe::GeneratedToken& token : tokens)
        for (moe::LayerRouting& layer : token.routing.layers) {
            layer.experts = {0, 1};
            layer.gates = {0.5f, 0.5f};
        }
    // Experts 2 and 3 each take one digit token so they are no longer silent, and still tie.
    int moved = 0;
    for (moe::GeneratedToken& token : tokens)
        if (isDigits(token.bytes) && moved < 1) {
            for (moe::LayerRouting& layer : token.routing.layers)
                layer.experts = {2, 3};
            ++moved;
        }
    QSet<QString> kinds;
    for (uint32_t seed = 1; seed <= 30; ++seed)
        for (const QuizQuestion& question : makeLiveQuestions(tokens, config, seed, 6)) {
            kinds.insert(kindOf(question));
            const QString problem = checkAgainstTrace(question, tokens, config);
            QVERIFY2(problem.isEmpty(), qPrintable(question.prompt + QStringLiteral(": ") + problem));
        }
    QVERIFY(!kinds.contains(QStringLiteral("digits")));
    QVERIFY(!kinds.contains(QStringLiteral("busiest")));
    QVERIFY(!kinds.contains(QStringLiteral("gate")));
    QVERIFY(kinds.contains(QStringLiteral("route")));
    QVERIFY(kinds.contains(QStringLiteral("count")));
}

void TestLiveQuestions::routeQuestionsAreHalfTrue()
{
    const moe::ModelConfig config = moe::test::tinyModel(5)->config();
    const std::vector<moe::GeneratedToken> tokens = realTrace();
    int trueCount = 0, falseCount = 0;
    for (uint32_t seed = 1; seed <= 300; ++seed)
        for (const QuizQuestion& question : makeLiveQuestions(tokens, config, seed, 6))
            if (question.kind == QuizQuestion::Kind::TrueFalse)
                (question.correctTruth ? trueCount : falseCount) += 1;
    qInfo("true %d, false %d", trueCount, falseCount);
    QVERIFY(trueCount + falseCount >= 150);
    QVERIFY(std::abs(trueCount - falseCount) <= (trueCount + falseCount) / 5);
}

// The truth of "true or false" questions is drawn, not alternated: over many sets, two route
// questions in a row sometimes share their answer, and a set sometimes starts with either.
void TestLiveQuestions::trueFalseFollowsNoPattern()
{
    const moe::ModelConfig config = moe::test::tinyModel(5)->config();
    const std::vector<moe::GeneratedToken> tokens = realTrace();
    int sameInARow = 0, firstTrue = 0, firstFalse = 0;
    for (uint32_t seed = 1; seed <= 300; ++seed) {
        std::vector<bool> truths;
        for (const QuizQuestion& question : makeLiveQuestions(tokens, config, seed, 12))
            if (question.kind == QuizQuestion::Kind::TrueFalse)
                truths.push_back(question.correctTruth);
        for (size_t i = 1; i < truths.size(); ++i)
            sameInARow += truths[i] == truths[i - 1];
        if (!truths.empty())
            (truths.front() ? firstTrue : firstFalse) += 1;
    }
    qInfo("same answer twice in a row: %d; sets opening true %d, false %d", sameInARow, firstTrue,
          firstFalse);
    QVERIFY(sameInARow > 0);
    QVERIFY(firstTrue > 0 && firstFalse > 0);
}

// Live questions are open to every track, the Explorer's too: no "gate" in a prompt (the word is
// taught in Builder and Creator), and explanations say what a gate is where they use the word.
void TestLiveQuestions::wordsTheExplorerKnows()
{
    const moe::ModelConfig config = moe::test::tinyModel(5)->config();
    const std::vector<moe::GeneratedToken> tokens = realTrace();
    for (uint32_t seed = 1; seed <= 100; ++seed)
        for (const QuizQuestion& question : makeLiveQuestions(tokens, config, seed, 6)) {
            QVERIFY2(!question.prompt.contains(QStringLiteral("gate"), Qt::CaseInsensitive),
                     qPrintable(question.prompt));
            QVERIFY2(!question.objective.contains(QStringLiteral("gate"), Qt::CaseInsensitive),
                     qPrintable(question.objective));
        }
}

void TestLiveQuestions::nothingFromNothing()
{
    const moe::ModelConfig config = moe::test::tinyModel(5)->config();
    QVERIFY(makeLiveQuestions({}, config, 1, 6).isEmpty());
    std::vector<moe::GeneratedToken> tokens = realTrace();
    QVERIFY(makeLiveQuestions(tokens, config, 1, 0).isEmpty());
    // A trace of another shape is not read at all.
    std::vector<moe::GeneratedToken> shortLayers = tokens;
    shortLayers[3].routing.layers.pop_back();
    QVERIFY(makeLiveQuestions(shortLayers, config, 1, 6).isEmpty());
    std::vector<moe::GeneratedToken> badExpert = tokens;
    badExpert[2].routing.layers[0].experts[0] = config.nExpert;
    QVERIFY(makeLiveQuestions(badExpert, config, 1, 6).isEmpty());
    std::vector<moe::GeneratedToken> badGates = tokens;
    badGates[2].routing.layers[1].gates.pop_back();
    QVERIFY(makeLiveQuestions(badGates, config, 1, 6).isEmpty());
}

QTEST_GUILESS_MAIN(TestLiveQuestions)
#include "tst_live_questions.moc"

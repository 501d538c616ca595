// Live questions: each kind reads one fact off the trace (a count, a gate, a choice) and asks about
// it; the distractors are experts a learner could believe (others the router used), and the
// explanation quotes the trace. A fact that is not unique (a tie) is never asked.
//
// Randomness: a std::mt19937 with our own index and shuffle helpers, because the standard
// distributions and std::shuffle differ between libraries and the same seed must give the same
// questions everywhere.
#include "learn/live_questions.h"

#include "run/trace_model.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <functional>
#include <optional>
#include <random>

namespace {

enum class LiveKind { Digits, Gate, Asleep, Route, Busiest, Count };
constexpr int kChoices = 4;          // options per choice question (fewer when the model has fewer experts)
constexpr int kMinDigits = 3;        // fewer digits say nothing about who handles digits
constexpr double kMinGateGap = 0.01; // gates shown as percentages must visibly differ
constexpr int kTriesPerQuestion = 24;
constexpr int kWindow = 8; // counting questions look at this many neighbouring tokens, not the whole text

const char* kindName(LiveKind kind)
{
    switch (kind) {
    case LiveKind::Digits:
        return "digits";
    case LiveKind::Gate:
        return "gate";
    case LiveKind::Asleep:
        return "asleep";
    case LiveKind::Route:
        return "route";
    case LiveKind::Busiest:
        return "busiest";
    case LiveKind::Count:
        return "count";
    }
    return "unknown";
}

class Rng {
public:
    explicit Rng(uint32_t seed) : m_engine(seed) {}
    int below(int n) { return n <= 1 ? 0 : static_cast<int>(m_engine() % static_cast<uint32_t>(n)); }
    template <typename T> void shuffle(std::vector<T>& items)
    {
        for (int i = static_cast<int>(items.size()) - 1; i > 0; --i)
            std::swap(items[static_cast<size_t>(i)], items[static_cast<size_t>(below(i + 1))]);
    }

private:
    std::mt19937 m_engine;
};

QString expertName(int expert)
{
    return QCoreApplication::translate("LiveQuestions", "Expert %1").arg(expert + 1);
}

bool allDigits(const std::string& bytes)
{
    return !bytes.empty() &&
           std::all_of(bytes.begin(), bytes.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether every token has the config's shape; views refuse such tokens, and so do we.
bool wellFormed(const std::vector<moe::GeneratedToken>& tokens, const moe::ModelConfig& config)
{
    for (const moe::GeneratedToken& token : tokens) {
        if (static_cast<int>(token.routing.layers.size()) != config.nLayer)
            return false;
        for (const moe::LayerRouting& layer : token.routing.layers) {
            if (layer.experts.empty() || layer.experts.size() != layer.gates.size())
                return false;
            std::vector<bool> seen(static_cast<size_t>(config.nExpert), false);
            for (const int expert : layer.experts) {
                if (expert < 0 || expert >= config.nExpert || seen[static_cast<size_t>(expert)])
                    return false;
                seen[static_cast<size_t>(expert)] = true;
            }
        }
    }
    return true;
}

class LiveQuestionMaker {
public:
    LiveQuestionMaker(const std::vector<moe::GeneratedToken>& tokens, const moe::ModelConfig& config,
                      uint32_t seed)
        : m_tokens(tokens), m_nLayer(config.nLayer), m_nExpert(config.nExpert), m_rng(seed)
    {
        // Special tokens show no text, and a piece of a character shows as "�": neither is asked about.
        for (int t = 0; t < tokenCount(); ++t)
            if (!m_tokens[static_cast<size_t>(t)].bytes.empty() && !tokenText(t).contains(QChar(0xfffd)))
                m_textTokens.push_back(t);
    }

    std::optional<QuizQuestion> make(LiveKind kind)
    {
        switch (kind) {
        case LiveKind::Digits:
            return digits();
        case LiveKind::Gate:
            return gate();
        case LiveKind::Asleep:
            return asleep();
        case LiveKind::Route:
            return route();
        case LiveKind::Busiest:
            return busiest();
        case LiveKind::Count:
            return count();
        }
        return std::nullopt;
    }
    Rng& rng() { return m_rng; }

private:
    int tokenCount() const { return static_cast<int>(m_tokens.size()); }
    const moe::LayerRouting& routing(int token, int layer) const
    {
        return m_tokens[static_cast<size_t>(token)].routing.layers[static_cast<size_t>(layer)];
    }
    bool chose(int token, int layer, int expert) const
    {
        const std::vector<int>& experts = routing(token, layer).experts;
        return std::find(experts.begin(), experts.end(), expert) != experts.end();
    }
    float probability(int token, int layer, int expert) const
    {
        const std::vector<float>& probs = routing(token, layer).probs;
        return expert < static_cast<int>(probs.size()) ? probs[static_cast<size_t>(expert)] : 0.0f;
    }
    QString tokenText(int token) const
    {
        const moe::GeneratedToken& t = m_tokens[static_cast<size_t>(token)];
        return TraceModel::displayText(t.bytes, t.prompt);
    }
    // How often each expert was chosen in `layer` over `tokens`.
    std::vector<int> slotCounts(int layer, const std::vector<int>& tokens) const
    {
        std::vector<int> counts(static_cast<size_t>(m_nExpert), 0);
        for (const int t : tokens)
            for (const int expert : routing(t, layer).experts)
                ++counts[static_cast<size_t>(expert)];
        return counts;
    }
    // kWindow neighbouring tokens (all of them in a shorter text), at a random place.
    std::vector<int> randomWindow()
    {
        const int width = std::min(kWindow, tokenCount());
        const int first = m_rng.below(tokenCount() - width + 1);
        std::vector<int> window(static_cast<size_t>(width));
        for (int i = 0; i < width; ++i)
            window[static_cast<size_t>(i)] = first + i;
        return window;
    }
    std::vector<int> allTokens() const
    {
        std::vector<int> all(static_cast<size_t>(tokenCount()));
        for (int t = 0; t < tokenCount(); ++t)
            all[static_cast<size_t>(t)] = t;
        return all;
    }
    // Experts by count, most first (ties by a secondary count, then by number): [0] is the answer
    // when it is unique, the next ones are the most believable distractors.
    std::vector<int> ranked(const std::vector<int>& counts, const std::vector<int>& secondary) const
    {
        std::vector<int> order(static_cast<size_t>(m_nExpert));
        for (int e = 0; e < m_nExpert; ++e)
            order[static_cast<size_t>(e)] = e;
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            const auto ia = static_cast<size_t>(a), ib = static_cast<size_t>(b);
            if (counts[ia] != counts[ib])
                return counts[ia] > counts[ib];
            return secondary[ia] > secondary[ib];
        });
        return order;
    }
    // A random layer not asked about yet under `key`, or -1.
    int freshLayer(const QString& key)
    {
        std::vector<int> layers;
        for (int l = 0; l < m_nLayer; ++l)
            if (!m_asked.contains(key.arg(l)))
                layers.push_back(l);
        return layers.empty() ? -1
                              : layers[static_cast<size_t>(m_rng.below(static_cast<int>(layers.size())))];
    }
    // A choice question whose options are `correct` and the first distractors, shuffled; `whyNot`
    // says, from the run, why a wrong expert is wrong (the feedback for that choice).
    bool setChoices(QuizQuestion* question, int correct, const std::vector<int>& distractors,
                    const std::function<QString(int expert)>& whyNot)
    {
        std::vector<int> options{correct};
        for (const int expert : distractors)
            if (expert != correct && static_cast<int>(options.size()) < std::min(kChoices, m_nExpert))
                options.push_back(expert);
        if (options.size() < 2)
            return false;
        m_rng.shuffle(options);
        question->kind = QuizQuestion::Kind::Choice;
        for (size_t i = 0; i < options.size(); ++i) {
            question->choices << expertName(options[i]);
            question->choiceFeedback << (options[i] == correct ? QString() : whyNot(options[i]));
            if (options[i] == correct)
                question->correctChoice = static_cast<int>(i);
        }
        return true;
    }
    static QuizQuestion base(int level, const QString& objective)
    {
        QuizQuestion question;
        question.track = QStringLiteral("live");
        question.level = level;
        question.objective = objective;
        return question;
    }

    std::optional<QuizQuestion> digits()
    {
        std::vector<int> digitTokens;
        for (int t = 0; t < tokenCount(); ++t)
            if (allDigits(m_tokens[static_cast<size_t>(t)].bytes))
                digitTokens.push_back(t);
        if (static_cast<int>(digitTokens.size()) < kMinDigits)
            return std::nullopt;
        const QString key = QStringLiteral("digits-%1");
        for (int layer = freshLayer(key); layer >= 0; layer = freshLayer(key)) {
            m_asked.insert(key.arg(layer));
            const std::vector<int> counts = slotCounts(layer, digitTokens);
            const std::vector<int> order = ranked(counts, slotCounts(layer, allTokens()));
            const int top = counts[static_cast<size_t>(order[0])];
            const int runnerUp = counts[static_cast<size_t>(order[1 % order.size()])];
            if (m_nExpert < 2 || top == runnerUp)
                continue; // a tie: no single right answer
            QuizQuestion question =
                base(2, QCoreApplication::translate("LiveQuestions", "Where this run sent the digits"));
            question.prompt =
                QCoreApplication::translate("LiveQuestions",
                                            "In layer %1, which expert handled the most digit tokens (0–9)?")
                    .arg(layer + 1);
            question.hint = QCoreApplication::translate("LiveQuestions",
                                                        "Click each digit's chip and watch layer %1's row: "
                                                        "which square lights up most often?")
                                .arg(layer + 1);
            const auto whyNot = [&](int expert) {
                return QCoreApplication::translate("LiveQuestions",
                                                   "Expert %1 handled %2 of the digit tokens in layer %3, "
                                                   "fewer than expert %4 (%5).")
                    .arg(QString::number(expert + 1), QString::number(counts[static_cast<size_t>(expert)]),
                         QString::number(layer + 1), QString::number(order[0] + 1), QString::number(top));
            };
            if (!setChoices(&question, order[0], {order.begin() + 1, order.end()}, whyNot))
                return std::nullopt;
            question.explanation =
                QCoreApplication::translate(
                    "LiveQuestions", "Layer %1 sent %2 of the %3 digit tokens to expert %4. The next "
                                     "most, expert %5, got %6. One run is a small sample: another text "
                                     "may send its digits elsewhere.")
                    .arg(QString::number(layer + 1), QString::number(top),
                         QString::number(digitTokens.size()), QString::number(order[0] + 1),
                         QString::number(order[1] + 1), QString::number(runnerUp));
            return question;
        }
        return std::nullopt;
    }

    // A random (text token, layer) pair not asked about under `kind`, or nullopt.
    std::optional<std::pair<int, int>> freshTokenLayer(const char* kind)
    {
        if (m_textTokens.empty() || m_nLayer < 1)
            return std::nullopt;
        for (int tries = 0; tries < kTriesPerQuestion; ++tries) {
            const int token =
                m_textTokens[static_cast<size_t>(m_rng.below(static_cast<int>(m_textTokens.size())))];
            const int layer = m_rng.below(m_nLayer);
            const QString key = QStringLiteral("%1-%2-%3").arg(QLatin1String(kind)).arg(token).arg(layer);
            if (!m_asked.contains(key)) {
                m_asked.insert(key);
                return std::pair{token, layer};
            }
        }
        return std::nullopt;
    }

    std::optional<QuizQuestion> gate()
    {
        for (int tries = 0; tries < kTriesPerQuestion; ++tries) {
            const auto pick = freshTokenLayer("gate");
            if (!pick)
                return std::nullopt;
            const auto [token, layer] = *pick;
            const moe::LayerRouting& r = routing(token, layer);
            std::vector<int> chosen(r.experts.size());
            for (size_t i = 0; i < chosen.size(); ++i)
                chosen[i] = static_cast<int>(i);
            std::stable_sort(chosen.begin(), chosen.end(), [&](int a, int b) {
                return r.gates[static_cast<size_t>(a)] > r.gates[static_cast<size_t>(b)];
            });
            if (chosen.size() > 1 &&
                r.gates[static_cast<size_t>(chosen[0])] - r.gates[static_cast<size_t>(chosen[1])] <
                    kMinGateGap)
                continue; // the top gates look equal on screen
            const int answer = r.experts[static_cast<size_t>(chosen[0])];
            // Distractors: the other chosen experts first (by gate), then the sleepers the router
            // nearly picked (by probability).
            std::vector<int> distractors;
            for (size_t i = 1; i < chosen.size(); ++i)
                distractors.push_back(r.experts[static_cast<size_t>(chosen[i])]);
            std::vector<int> sleepers;
            for (int e = 0; e < m_nExpert; ++e)
                if (!chose(token, layer, e))
                    sleepers.push_back(e);
            std::stable_sort(sleepers.begin(), sleepers.end(), [&](int a, int b) {
                return probability(token, layer, a) > probability(token, layer, b);
            });
            distractors.insert(distractors.end(), sleepers.begin(), sleepers.end());

            QuizQuestion question = base(
                3, QCoreApplication::translate("LiveQuestions", "The chosen experts do not count equally"));
            question.prompt =
                QCoreApplication::translate("LiveQuestions",
                                            "Token %1 is “%2”. In layer %3, whose work counted the most for "
                                            "it (the biggest percentage in the grid)?")
                    .arg(QString::number(token + 1), tokenText(token), QString::number(layer + 1));
            question.hint = QCoreApplication::translate(
                                "LiveQuestions", "Click chip %1 and read the percentages in layer %2's "
                                                 "row of the grid.")
                                .arg(QString::number(token + 1), QString::number(layer + 1));
            const auto gateOf = [&](int expert) {
                for (size_t i = 0; i < r.experts.size(); ++i)
                    if (r.experts[i] == expert)
                        return r.gates[i];
                return 0.0f;
            };
            const auto percent = [](float gate) {
                return QString::number(qRound(gate * 100)) + QLatin1Char('%');
            };
            const auto whyNot = [&](int expert) {
                if (chose(token, layer, expert))
                    return QCoreApplication::translate("LiveQuestions",
                                                       "Expert %1 was chosen too, but its share of the work "
                                                       "was %2, smaller than expert %3's %4.")
                        .arg(QString::number(expert + 1), percent(gateOf(expert)),
                             QString::number(answer + 1), percent(gateOf(answer)));
                return QCoreApplication::translate("LiveQuestions",
                                                   "Expert %1 was asleep for this token: the router nearly "
                                                   "picked it, but gave it no share of the work.")
                    .arg(expert + 1);
            };
            if (!setChoices(&question, answer, distractors, whyNot))
                return std::nullopt;
            question.explanation =
                QCoreApplication::translate("LiveQuestions",
                                            "In layer %1 the router weighed token %2 (“%3”) like this: %4. "
                                            "Expert %5 got the biggest share (its gate), so its output "
                                            "counted most.")
                    .arg(QString::number(layer + 1), QString::number(token + 1), tokenText(token),
                         TraceModel::layerSummary(r), QString::number(answer + 1));
            return question;
        }
        return std::nullopt;
    }

    std::optional<QuizQuestion> asleep()
    {
        // Every token sleeps as many experts under plain top-k: one such question per set is enough.
        if (m_asked.contains(QStringLiteral("asleep")))
            return std::nullopt;
        const auto pick = freshTokenLayer("asleep");
        if (!pick)
            return std::nullopt;
        m_asked.insert(QStringLiteral("asleep"));
        const auto [token, layer] = *pick;
        const moe::LayerRouting& r = routing(token, layer);
        const int awake = static_cast<int>(r.experts.size());
        QuizQuestion question = base(
            1, QCoreApplication::translate("LiveQuestions", "Only a few experts wake up for each token"));
        question.kind = QuizQuestion::Kind::Number;
        question.prompt =
            QCoreApplication::translate("LiveQuestions",
                                        "Token %1 is “%2”. How many experts were asleep in layer %3 for it?")
                .arg(QString::number(token + 1), tokenText(token), QString::number(layer + 1));
        question.correctNumber = m_nExpert - awake;
        question.tolerance = 0;
        question.hint = QCoreApplication::translate("LiveQuestions",
                                                    "Click chip %1 and count the squares of layer %2's row "
                                                    "that are not lit.")
                            .arg(QString::number(token + 1), QString::number(layer + 1));
        question.wrongFeedback =
            QCoreApplication::translate("LiveQuestions", "If you got %1, you counted the experts that woke "
                                                         "up; the question asks for the ones that slept.")
                .arg(awake);
        question.explanation =
            QCoreApplication::translate(
                "LiveQuestions", "In layer %1 the router woke %2 of the %3 experts for token %4 (“%5”): "
                                 "%6. The other %7 were asleep: they did no work for this token.")
                .arg(QString::number(layer + 1), QString::number(awake), QString::number(m_nExpert),
                     QString::number(token + 1), tokenText(token), TraceModel::layerSummary(r),
                     QString::number(m_nExpert - awake));
        return question;
    }

    std::optional<QuizQuestion> route()
    {
        for (int tries = 0; tries < kTriesPerQuestion; ++tries) {
            const auto pick = freshTokenLayer("route");
            if (!pick)
                return std::nullopt;
            const auto [token, layer] = *pick;
            const moe::LayerRouting& r = routing(token, layer);
            int expert = -1;
            const bool truth = m_rng.below(2) == 0; // half true on average, in no fixed pattern
            if (truth) {
                expert = r.experts[static_cast<size_t>(m_rng.below(static_cast<int>(r.experts.size())))];
            } else {
                // A believable "false": the sleeper the router nearly chose.
                for (int e = 0; e < m_nExpert; ++e)
                    if (!chose(token, layer, e) &&
                        (expert < 0 || probability(token, layer, e) > probability(token, layer, expert)))
                        expert = e;
                if (expert < 0)
                    continue; // every expert was chosen: nothing false to say here
            }
            QuizQuestion question = base(
                1, QCoreApplication::translate("LiveQuestions", "The router picks experts for every token"));
            question.kind = QuizQuestion::Kind::TrueFalse;
            question.correctTruth = truth;
            question.prompt =
                QCoreApplication::translate("LiveQuestions",
                                            "True or false: in layer %1, the router sent token %2 (“%3”) to "
                                            "expert %4.")
                    .arg(QString::number(layer + 1), QString::number(token + 1), tokenText(token),
                         QString::number(expert + 1));
            question.hint =
                QCoreApplication::translate("LiveQuestions",
                                            "Click chip %1 and look at layer %2's row: is square "
                                            "E%3 lit?")
                    .arg(QString::number(token + 1), QString::number(layer + 1), QString::number(expert + 1));
            question.wrongFeedback =
                truth ? QCoreApplication::translate(
                            "LiveQuestions", "Expert %1's square in layer %2 was lit for this token: "
                                             "perhaps you looked at another token's chip or another row.")
                            .arg(QString::number(expert + 1), QString::number(layer + 1))
                      : QCoreApplication::translate("LiveQuestions",
                                                    "Expert %1 was the sleeper the router nearly picked (the "
                                                    "next-highest probability), but its square was not lit.")
                            .arg(expert + 1);
            question.explanation =
                truth ? QCoreApplication::translate(
                            "LiveQuestions", "True: in layer %1, token %2 (“%3”) went to these experts: %4.")
                            .arg(QString::number(layer + 1), QString::number(token + 1), tokenText(token),
                                 TraceModel::layerSummary(r))
                      : QCoreApplication::translate(
                            "LiveQuestions", "False: in layer %1, token %2 (“%3”) went to these experts: "
                                             "%4. Expert %5 was asleep for it.")
                            .arg(QString::number(layer + 1), QString::number(token + 1), tokenText(token),
                                 TraceModel::layerSummary(r), QString::number(expert + 1));
            return question;
        }
        return std::nullopt;
    }

    // Tokens "a to b" as the prompt names them (1-based), for a window of neighbouring tokens.
    static QString windowText(const std::vector<int>& window)
    {
        return QCoreApplication::translate("LiveQuestions", "tokens %1 to %2")
            .arg(window.front() + 1)
            .arg(window.back() + 1);
    }

    std::optional<QuizQuestion> busiest()
    {
        const QString key = QStringLiteral("busiest-%1");
        for (int layer = freshLayer(key); layer >= 0; layer = freshLayer(key)) {
            m_asked.insert(key.arg(layer));
            const std::vector<int> window = randomWindow();
            const std::vector<int> counts = slotCounts(layer, window);
            const std::vector<int> order =
                ranked(counts, std::vector<int>(static_cast<size_t>(m_nExpert), 0));
            if (m_nExpert < 2 ||
                counts[static_cast<size_t>(order[0])] == counts[static_cast<size_t>(order[1])])
                continue;
            QuizQuestion question = base(
                2, QCoreApplication::translate("LiveQuestions", "Some experts get more work than others"));
            question.prompt = QCoreApplication::translate("LiveQuestions",
                                                          "Look at %1. Which expert did layer %2 choose most "
                                                          "often for them?")
                                  .arg(windowText(window))
                                  .arg(layer + 1);
            question.hint = QCoreApplication::translate("LiveQuestions",
                                                        "Click the chips of %1 one after another and keep a "
                                                        "tally of the lit squares in layer %2's row.")
                                .arg(windowText(window))
                                .arg(layer + 1);
            const auto whyNot = [&](int expert) {
                return QCoreApplication::translate(
                           "LiveQuestions", "Layer %1 chose expert %2 %3 times for these tokens, fewer "
                                            "than expert %4 (%5 times).")
                    .arg(QString::number(layer + 1), QString::number(expert + 1),
                         QString::number(counts[static_cast<size_t>(expert)]), QString::number(order[0] + 1),
                         QString::number(counts[static_cast<size_t>(order[0])]));
            };
            if (!setChoices(&question, order[0], {order.begin() + 1, order.end()}, whyNot))
                return std::nullopt;
            question.explanation =
                QCoreApplication::translate(
                    "LiveQuestions", "For %1, layer %2 chose expert %3 most often: %4 times. Next came "
                                     "expert %5, with %6.")
                    .arg(windowText(window), QString::number(layer + 1), QString::number(order[0] + 1),
                         QString::number(counts[static_cast<size_t>(order[0])]),
                         QString::number(order[1] + 1),
                         QString::number(counts[static_cast<size_t>(order[1])]));
            return question;
        }
        return std::nullopt;
    }

    // How often one expert was chosen among a few neighbouring tokens: counted on the chips, not
    // over the whole text.
    std::optional<QuizQuestion> count()
    {
        for (int tries = 0; tries < kTriesPerQuestion && m_nLayer > 0; ++tries) {
            const int layer = m_rng.below(m_nLayer);
            const std::vector<int> window = randomWindow();
            const std::vector<int> counts = slotCounts(layer, window);
            std::vector<int> used; // an expert chosen there at least once: the answer is not always 0
            for (int e = 0; e < m_nExpert; ++e)
                if (counts[static_cast<size_t>(e)] > 0)
                    used.push_back(e);
            if (used.empty())
                continue; // a dense layer: nothing is chosen there
            const int expert = used[static_cast<size_t>(m_rng.below(static_cast<int>(used.size())))];
            const QString key = QStringLiteral("count-%1-%2-%3").arg(layer).arg(expert).arg(window.front());
            if (m_asked.contains(key))
                continue;
            m_asked.insert(key);
            const int times = counts[static_cast<size_t>(expert)];
            QuizQuestion question =
                base(2, QCoreApplication::translate("LiveQuestions", "Reading the routing of a few tokens"));
            question.kind = QuizQuestion::Kind::Number;
            question.prompt = QCoreApplication::translate("LiveQuestions",
                                                          "Look at %1. In layer %2, for how many of these %3 "
                                                          "tokens was expert %4 chosen?")
                                  .arg(windowText(window), QString::number(layer + 1),
                                       QString::number(window.size()), QString::number(expert + 1));
            question.correctNumber = times;
            question.tolerance = 0;
            question.hint =
                QCoreApplication::translate("LiveQuestions",
                                            "Click each chip of %1 and count how often square E%2 "
                                            "lights up in layer %3's row.")
                    .arg(windowText(window), QString::number(expert + 1), QString::number(layer + 1));
            question.wrongFeedback = QCoreApplication::translate(
                                         "LiveQuestions", "Count only the chips of %1, and only layer %2's "
                                                          "row: the other rows choose their own experts.")
                                         .arg(windowText(window), QString::number(layer + 1));
            question.explanation =
                QCoreApplication::translate(
                    "LiveQuestions", "Layer %1 chose expert %2 for %3 of %4. Click each chip and watch "
                                     "that layer's row in the grid to count along.")
                    .arg(QString::number(layer + 1), QString::number(expert + 1), QString::number(times),
                         windowText(window));
            return question;
        }
        return std::nullopt;
    }

    const std::vector<moe::GeneratedToken>& m_tokens;
    int m_nLayer, m_nExpert;
    Rng m_rng;
    std::vector<int> m_textTokens; // tokens with text to show
    QSet<QString> m_asked;         // what has been asked (or found unaskable), by kind and place
};

} // namespace

QList<QuizQuestion> makeLiveQuestions(const std::vector<moe::GeneratedToken>& tokens,
                                      const moe::ModelConfig& config, uint32_t seed, int maxQuestions)
{
    QList<QuizQuestion> questions;
    if (tokens.empty() || maxQuestions <= 0 || config.nLayer < 1 || config.nExpert < 1 ||
        !wellFormed(tokens, config))
        return questions;
    LiveQuestionMaker maker(tokens, config, seed);
    std::vector<LiveKind> kinds{LiveKind::Digits, LiveKind::Gate,    LiveKind::Asleep,
                                LiveKind::Route,  LiveKind::Busiest, LiveKind::Count};
    maker.rng().shuffle(kinds);
    std::vector<bool> exhausted(kinds.size(), false);
    // Round robin over the kinds, so a set mixes them; a kind that finds nothing more to ask drops out.
    bool progress = true;
    while (progress && questions.size() < maxQuestions) {
        progress = false;
        for (size_t k = 0; k < kinds.size() && questions.size() < maxQuestions; ++k) {
            if (exhausted[k])
                continue;
            std::optional<QuizQuestion> question = maker.make(kinds[k]);
            if (!question) {
                exhausted[k] = true;
                continue;
            }
            question->id = QStringLiteral("live-%1-%2")
                               .arg(QLatin1String(kindName(kinds[k])), QString::number(questions.size() + 1));
            questions.append(*question);
            progress = true;
        }
    }
    return questions;
}

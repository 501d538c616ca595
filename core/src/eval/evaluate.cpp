// evaluate(): the phases of eval, each a list of independent jobs (one document or one problem)
// shared by a few single-threaded sessions; results are kept per job and combined in input order.
#include "moe/eval.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

namespace moe {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Sessions that run jobs side by side. Each job gets whichever session is free; a job's result
// does not depend on the session (every job starts from an empty cache, one thread per session).
class SessionPool {
public:
    SessionPool(const std::shared_ptr<const Model>& model, int count)
    {
        for (int i = 0; i < count; ++i)
            m_sessions.push_back(std::make_unique<Session>(model, SessionOptions{.threads = 1}));
    }

    void setRoutingOverride(const RoutingOverride& routing)
    {
        for (const auto& session : m_sessions)
            session->setRoutingOverride(routing);
    }

    // Calls job(session, i) for i in [0, count); the first exception thrown is rethrown here.
    template <typename Job> void run(size_t count, const Job& job)
    {
        std::atomic<size_t> next{0};
        std::exception_ptr failure;
        std::mutex failureMutex;
        const auto work = [&](Session& session) {
            for (size_t i = next++; i < count; i = next++) {
                try {
                    job(session, i);
                } catch (...) {
                    const std::lock_guard lock(failureMutex);
                    if (!failure)
                        failure = std::current_exception();
                    next = count; // stop handing out jobs
                }
            }
        };
        std::vector<std::thread> threads;
        for (size_t t = 1; t < m_sessions.size(); ++t)
            threads.emplace_back(work, std::ref(*m_sessions[t]));
        work(*m_sessions[0]);
        for (std::thread& thread : threads)
            thread.join();
        if (failure)
            std::rethrow_exception(failure);
    }

private:
    std::vector<std::unique_ptr<Session>> m_sessions;
};

MathScore scoreProblems(SessionPool& pool, const std::vector<MathProblem>& problems)
{
    std::vector<char> solved(problems.size(), 0);
    pool.run(problems.size(),
             [&](Session& session, size_t i) { solved[i] = solvesProblem(session, problems[i]) ? 1 : 0; });
    MathScore score;
    for (size_t i = 0; i < problems.size(); ++i)
        score.add(problems[i].kind, solved[i] != 0);
    return score;
}

TextScore scoreTexts(SessionPool& pool, const TextScorer& scorer, const std::vector<Document>& docs)
{
    std::vector<TextScore> scores(docs.size());
    pool.run(docs.size(),
             [&](Session& session, size_t i) { scores[i] = scorer.score(session, docs[i].text); });
    TextScore total;
    for (const TextScore& s : scores)
        total += s;
    return total;
}

// Scores documents and counts the experts their tokens chose: all tokens, and those in `shared`.
struct RoutedScore {
    TextScore text;
    ExpertUsage usage, sharedUsage;
};

RoutedScore scoreRouted(SessionPool& pool, const TextScorer& scorer, const ModelConfig& config,
                        const std::vector<Document>& docs, const std::vector<bool>& shared)
{
    const ExpertUsage empty(config.nLayer, config.nExpert);
    std::vector<RoutedScore> parts(docs.size(), RoutedScore{{}, empty, empty});
    pool.run(docs.size(), [&](Session& session, size_t i) {
        RoutedScore& part = parts[i];
        part.text = scorer.score(session, docs[i].text, [&](int id, const TokenRouting& routing) {
            part.usage.add(routing);
            if (shared[static_cast<size_t>(id)])
                part.sharedUsage.add(routing);
        });
    });
    RoutedScore total{{}, empty, empty};
    for (const RoutedScore& part : parts) {
        total.text += part.text;
        total.usage.merge(part.usage);
        total.sharedUsage.merge(part.sharedUsage);
    }
    return total;
}

// Token ids that occur in both document sets (BOS aside: it starts every document of both).
std::vector<bool> sharedTokenIds(const Tokenizer& tokenizer, const std::vector<Document>& a,
                                 const std::vector<Document>& b)
{
    const auto present = [&tokenizer](const std::vector<Document>& docs) {
        std::vector<bool> seen(static_cast<size_t>(tokenizer.vocabSize()), false);
        for (const Document& doc : docs)
            for (const int id : tokenizer.encode(doc.text))
                seen[static_cast<size_t>(id)] = true;
        return seen;
    };
    std::vector<bool> shared = present(a);
    const std::vector<bool> inB = present(b);
    for (size_t id = 0; id < shared.size(); ++id)
        shared[id] = shared[id] && inB[id];
    return shared;
}

// A uniformly random expert per layer (mt19937_64 is specified exactly, unlike the distributions).
std::vector<int> randomExperts(const ModelConfig& config, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<int> experts;
    for (int l = 0; l < config.nLayer; ++l)
        experts.push_back(static_cast<int>(rng() % static_cast<uint64_t>(config.nExpert)));
    return experts;
}

} // namespace

double EvalReport::meanJsBits() const
{
    double sum = 0;
    for (const double js : jsBits)
        sum += js;
    return jsBits.empty() ? 0.0 : sum / static_cast<double>(jsBits.size());
}

MathScore EvalReport::randomMath() const
{
    MathScore total;
    for (const AblationRun& run : random)
        for (size_t k = 0; k < total.asked.size(); ++k) {
            total.asked[k] += run.math.asked[k];
            total.correct[k] += run.math.correct[k];
        }
    return total;
}

double EvalReport::randomPoemBpb() const
{
    double sum = 0;
    for (const AblationRun& run : random)
        sum += run.poem.bitsPerByte();
    return random.empty() ? 0.0 : sum / static_cast<double>(random.size());
}

EvalReport evaluate(std::shared_ptr<const Model> model, const EvalData& data, const EvalOptions& options)
{
    if (!model)
        throw std::invalid_argument("evaluate: no model");
    if (options.threads < 1)
        throw std::invalid_argument("evaluate: threads must be >= 1, got " + std::to_string(options.threads));
    if (options.randomAblations < 0)
        throw std::invalid_argument("evaluate: random ablations must be >= 0, got " +
                                    std::to_string(options.randomAblations));
    const auto started = Clock::now();
    const auto say = [&options](const std::string& line) {
        if (options.progress)
            options.progress(line);
    };
    const ModelConfig& config = model->config();
    EvalReport report;
    report.model = model->name();
    report.config = config;
    report.options = options;
    report.options.progress = nullptr;

    SessionPool pool(model, options.threads);
    const TextScorer scorer(*model, options.stride);

    say("reading held-out text (bits per byte, routing)");
    auto phase = Clock::now();
    const std::vector<bool> shared = sharedTokenIds(model->tokenizer(), data.mathHeldOut, data.poemHeldOut);
    report.sharedTokenIds = static_cast<size_t>(std::count(shared.begin(), shared.end(), true));
    RoutedScore poem = scoreRouted(pool, scorer, config, data.poemHeldOut, shared);
    RoutedScore math = scoreRouted(pool, scorer, config, data.mathHeldOut, shared);
    RoutedScore english = scoreRouted(pool, scorer, config, data.englishHeldOut, shared);
    report.poemHeldOut = poem.text;
    report.mathHeldOut = math.text;
    report.englishHeldOut = english.text;
    report.poemTrain = scoreTexts(pool, scorer, data.poemTrain);
    report.poemUsage = poem.usage;
    report.mathUsage = math.usage;
    report.poemSharedUsage = poem.sharedUsage;
    report.mathSharedUsage = math.sharedUsage;
    report.mixedUsage = poem.usage;
    report.mixedUsage.merge(english.usage);
    report.mixedUsage.merge(math.usage);
    report.jsBits = jsDivergenceBitsPerLayer(math.usage, poem.usage);
    report.jsSharedBits = jsDivergenceBitsPerLayer(math.sharedUsage, poem.sharedUsage);
    report.mathLeaningExperts = mostLeaningExperts(math.usage, poem.usage);
    report.seconds.text = since(phase);

    say("solving " + std::to_string(data.problems.size()) + " held-out math problems");
    phase = Clock::now();
    report.math = scoreProblems(pool, data.problems);
    report.baseline = {{}, report.math, report.poemHeldOut};
    report.seconds.math = since(phase);

    phase = Clock::now();
    if (config.nExpert < 2) { // nothing can be switched off without switching off a whole layer
        report.seconds.total = since(started);
        return report;
    }
    const auto ablate = [&](const std::vector<int>& experts) {
        pool.setRoutingOverride(switchOffExperts(config.nExpert, experts));
        AblationRun run{experts, scoreProblems(pool, data.problems),
                        scoreTexts(pool, scorer, data.poemHeldOut)};
        pool.setRoutingOverride({});
        return run;
    };
    say("ablation: the most math-leaning expert of every layer switched off");
    report.mathLeaning = ablate(report.mathLeaningExperts);
    for (int i = 0; i < options.randomAblations; ++i) {
        say("ablation: a random expert per layer switched off (" + std::to_string(i + 1) + "/" +
            std::to_string(options.randomAblations) + ")");
        report.random.push_back(
            ablate(randomExperts(config, options.seed * 1000003 + static_cast<uint64_t>(i))));
    }
    report.seconds.ablation = since(phase);
    report.seconds.total = since(started);
    return report;
}

} // namespace moe

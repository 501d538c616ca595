// playground: a Playground run (or race) without the app, with the same core code and numbers:
// one line per measurement, then when the bars of the issue were first met. Used to report what a
// preset does on a machine, and to compare with the app's charts.
#include "commands.h"

#include "moe/playground.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

namespace cli {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string perLayer(const std::vector<double>& values, double scale, const char* format)
{
    std::string text;
    for (double v : values) {
        char part[32];
        std::snprintf(part, sizeof part, format, v * scale);
        if (!text.empty())
            text += ' ';
        text += part;
    }
    return text;
}

void printPoint(const moe::PlaygroundPoint& p, double wall, std::FILE* csv)
{
    std::vector<double> least, most;
    for (const moe::ExpertShare& s : p.leastUsed)
        least.push_back(s.share);
    for (const moe::ExpertShare& s : p.mostUsed)
        most.push_back(s.share);
    std::printf(
        "step %5d  %6.2fM tokens  train %6.1f s  wall %6.1f s  loss %6.3f  bits/byte math %.3f poem %.3f "
        "both %.3f  divergence %s  least %s%%  most %s%%\n",
        p.step, static_cast<double>(p.tokens) / 1e6, p.seconds, wall, p.trainLoss, p.mathBitsPerByte,
        p.poemBitsPerByte, p.heldOutBitsPerByte, perLayer(p.jsBits, 1, "%.3f").c_str(),
        perLayer(least, 100, "%.1f").c_str(), perLayer(most, 100, "%.1f").c_str());
    if (csv != nullptr)
        std::fprintf(csv, "%d,%lld,%.3f,%.3f,%.6f,%.6f,%.6f,%.6f,%s,%s\n", p.step,
                     static_cast<long long>(p.tokens), p.seconds, wall, p.trainLoss, p.mathBitsPerByte,
                     p.poemBitsPerByte, p.heldOutBitsPerByte, perLayer(p.jsBits, 1, "%.4f").c_str(),
                     perLayer(least, 1, "%.4f").c_str());
    std::fflush(stdout);
}

int trainOne(const moe::PlaygroundSettings& settings, std::shared_ptr<const moe::PlaygroundCorpus> corpus,
             Clock::time_point start, const Arguments& args)
{
    moe::PlaygroundRun run(settings, std::move(corpus));
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> csv(nullptr, std::fclose);
    if (const auto path = args.value("--csv")) {
        csv.reset(std::fopen(path->c_str(), "w"));
        if (!csv)
            throw UsageError("--csv: cannot write " + *path);
        std::fprintf(csv.get(),
                     "step,tokens,train_seconds,wall_seconds,train_loss,math_bpb,poem_bpb,heldout_bpb,"
                     "divergence_per_layer,least_share_per_layer\n");
    }
    double divergenceAt = -1, poemAt = -1;
    while (true) {
        if (run.measureDue()) {
            const moe::PlaygroundPoint p = *run.measure();
            const double wall = since(start);
            printPoint(p, wall, csv.get());
            if (divergenceAt < 0 && !p.jsBits.empty() &&
                *std::max_element(p.jsBits.begin(), p.jsBits.end()) >= 0.25)
                divergenceAt = wall;
            if (poemAt < 0 && p.poemBitsPerByte <= 2.8)
                poemAt = wall;
        }
        if (run.probeDue())
            run.probe();
        if (run.finished())
            break;
        run.step();
    }
    std::printf("finished %d steps: %.1f s training, %.1f s wall (corpus, measurements and probes included), "
                "%.0f tokens/s\n",
                run.stepsDone(), run.trainingSeconds(), since(start),
                static_cast<double>(run.stepsDone()) * static_cast<double>(settings.tokensPerStep()) /
                    std::max(run.trainingSeconds(), 1e-9));
    std::printf(
        "divergence >= 0.25 bits in a layer first seen at %s; poem <= 2.8 bits/byte at %s (wall seconds "
        "since start)\n",
        divergenceAt < 0 ? "never" : std::to_string(divergenceAt).c_str(),
        poemAt < 0 ? "never" : std::to_string(poemAt).c_str());
    if (const auto out = args.value("--out")) {
        run.exportModel(*out);
        std::printf("wrote %s\n", out->c_str());
    }
    return 0;
}

// The race's outcome as JSON, for the lessons' facts ({race.*}, resources/playground/race-report.json):
// what each model is and how well it ended, plus the settings that make the run reproducible.
void writeRaceReport(const std::string& path, const moe::PlaygroundSettings& mixture,
                     const moe::RaceSummary& summary)
{
    static const char* const keys[] = {"mixture", "dense_same_active", "dense_same_total"};
    std::ofstream out(path);
    if (!out)
        throw UsageError("cannot write the race report " + path);
    char line[512];
    std::snprintf(line, sizeof line,
                  "{\n  \"preset\": {\"experts\": %d, \"top_k\": %d, \"steps\": %d, \"seed\": %llu},\n"
                  "  \"compared_at_tokens\": %lld,\n  \"compared_at_seconds\": %.2f,\n  \"models\": {",
                  mixture.experts, mixture.topK, mixture.steps, static_cast<unsigned long long>(mixture.seed),
                  static_cast<long long>(summary.comparedAtTokens), summary.comparedAtSeconds);
    out << line;
    for (size_t i = 0; i < summary.entries.size(); ++i) {
        const moe::RaceEntry& e = summary.entries[i];
        std::snprintf(line, sizeof line,
                      "%s\n    \"%s\": {\"parameters\": %lld, \"active_parameters\": %lld, \"tokens\": %lld, "
                      "\"seconds\": %.2f, \"bits_per_byte\": %.4f, \"bits_per_byte_at_tokens\": %.4f, "
                      "\"bits_per_byte_at_seconds\": %.4f}",
                      i ? "," : "", keys[static_cast<int>(e.model)],
                      static_cast<long long>(e.totalParameters), static_cast<long long>(e.activeParameters),
                      static_cast<long long>(e.tokens), e.seconds, e.bitsPerByte, e.bitsPerByteAtTokens,
                      e.bitsPerByteAtTime);
        out << line;
    }
    out << "\n  }\n}\n";
    if (!out.flush())
        throw UsageError("cannot write the race report " + path);
    std::printf("wrote %s\n", path.c_str());
}

int race(const moe::PlaygroundSettings& mixture, std::shared_ptr<const moe::PlaygroundCorpus> corpus,
         Clock::time_point start, const std::optional<std::string>& reportPath)
{
    static const char* const names[] = {"mixture", "dense, same active", "dense, same total"};
    std::vector<std::unique_ptr<moe::PlaygroundRun>> runs;
    std::vector<moe::PlaygroundSettings> settings;
    for (int i = 0; i < moe::kRaceModelCount; ++i) {
        settings.push_back(moe::raceSettings(mixture, static_cast<moe::RaceModel>(i)));
        runs.push_back(std::make_unique<moe::PlaygroundRun>(settings.back(), corpus));
    }
    std::vector<std::vector<moe::PlaygroundPoint>> curves(runs.size());
    std::vector<moe::PlaygroundRun*> turns;
    for (const auto& run : runs)
        turns.push_back(run.get());
    moe::trainInTurns(turns, moe::kRaceStepsPerTurn, [&](size_t i, moe::PlaygroundPoint&& point) {
        curves[i].push_back(std::move(point));
        std::printf("%-20s ", names[i]);
        printPoint(curves[i].back(), since(start), nullptr);
    });
    const moe::RaceSummary summary = moe::summariseRace(curves, settings);
    std::printf("\n%-20s %12s %12s %10s %10s %12s\n", "model", "parameters", "active", "seconds", "bits/byte",
                "bpb at time");
    for (const moe::RaceEntry& e : summary.entries)
        std::printf("%-20s %12lld %12lld %10.1f %10.3f %12.3f\n", names[static_cast<int>(e.model)],
                    static_cast<long long>(e.totalParameters), static_cast<long long>(e.activeParameters),
                    e.seconds, e.bitsPerByte, e.bitsPerByteAtTime);
    std::printf("lowest at %lld tokens: %s; lowest at %.1f s: %s; fastest: %s\n",
                static_cast<long long>(summary.comparedAtTokens),
                names[static_cast<int>(summary.bestPerToken)], summary.comparedAtSeconds,
                names[static_cast<int>(summary.bestPerSecond)], names[static_cast<int>(summary.fastest)]);
    if (reportPath)
        writeRaceReport(*reportPath, mixture, summary);
    return 0;
}

} // namespace

const CommandSpec& playgroundSpec()
{
    static const CommandSpec spec{
        "playground",
        "[--preset FILE] [options]",
        "Train a Playground model (the app's Playground mode, same code) and print each\n"
        "measurement: held-out bits per byte of math and poems, math-vs-poem divergence per layer,\n"
        "least- and most-used expert share. --race trains the mixture, a dense model with the same\n"
        "active parameters and one with the same total parameters in turns, and compares them.",
        {{"--preset", "FILE", "a preset file (resources/playground/presets/*.conf); default: balanced"},
         {"--steps", "N", "override the preset's steps"},
         {"--seed", "N", "override the preset's seed"},
         {"--balancing", "X", "override the preset's balancing weight"},
         {"--threads", "N", "override the preset's threads"},
         {"--race", "", "race the mixture against two dense models"},
         {"--report", "FILE.json", "with --race: write the outcome as JSON (the lessons' race facts)"},
         {"--csv", "FILE", "also write the measurements as CSV"},
         {"--out", "MODEL.gguf", "write the trained model"},
         {"--fortunes-dir", "DIR", "where the fortune files are (default /usr/share/games/fortunes)"}},
        /*positionalCount=*/0};
    return spec;
}

int runPlayground(const Arguments& args)
{
    moe::Settings file = args.value("--preset") ? moe::Settings::load(*args.value("--preset"))
                                                : moe::Settings::parse("", "(defaults)");
    for (const char* key : {"steps", "seed", "balancing", "threads"}) {
        if (const auto value = args.value(std::string("--") + key))
            file.set(key, *value);
    }
    const moe::PlaygroundSettings settings = moe::PlaygroundSettings::fromSettings(file);
    if (const auto problems = settings.problems(); !problems.empty())
        throw UsageError("the settings cannot be trained: " + problems.front().message);

    const Clock::time_point start = Clock::now();
    moe::PlaygroundCorpusOptions options;
    if (const auto dir = args.value("--fortunes-dir"))
        options.corpus.fortunesDir = *dir;
    auto corpus = moe::buildPlaygroundCorpus(options, settings.vocab);
    std::printf(
        "corpus ready in %.1f s: vocabulary %d, held-out %zu math and %zu poem tokens; %.2fM parameters "
        "(%.2fM active per token)\n",
        since(start), corpus->tokenizer.vocabSize(), corpus->mathHeldOut.size(), corpus->poemHeldOut.size(),
        static_cast<double>(settings.totalParameters()) / 1e6,
        static_cast<double>(settings.activeParameters()) / 1e6);
    return args.flag("--race") ? race(settings, corpus, start, args.value("--report"))
                               : trainOne(settings, corpus, start, args);
}

} // namespace cli

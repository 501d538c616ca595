// train: builds the corpus (fortunes + generated math + user files), learns the BPE vocabulary,
// trains the model with moe::Trainer and writes the GGUF. Progress goes to one live line on stderr
// and to a log file; checkpoints make a killed run resumable (--resume). --bench measures training
// tokens/s on synthetic data instead.
#include "commands.h"

#include "moe/corpus.h"
#include "moe/error.h"
#include "moe/train.h"

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <numbers>
#include <unistd.h>

namespace cli {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void onInterrupt(int)
{
    g_interrupted = 1;
}

std::string duration(double seconds)
{
    const auto total = static_cast<long>(std::max(0.0, seconds));
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%ldh%02ldm", total / 3600, total / 60 % 60);
    else
        std::snprintf(text, sizeof text, "%ldm%02lds", total / 60, total % 60);
    return text;
}

double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

std::string describe(const moe::TrainConfig& c)
{
    const moe::ModelConfig& m = c.model;
    char text[256];
    std::snprintf(
        text, sizeof text,
        "%d layers, d %d, %d heads (%d kv), %d experts top-%d, ffn %d, vocab %d, seq %d x batch %d, "
        "%d threads; %.2f M parameters (%.2f M active per token)",
        m.nLayer, m.nEmbd, m.nHead, m.nHeadKv, m.nExpert, m.nExpertUsed, m.nFf, m.nVocab, c.seqLen,
        c.batchSize, c.threads, static_cast<double>(m.totalParameters()) / 1e6,
        static_cast<double>(m.activeParametersPerToken()) / 1e6);
    return text;
}

int bench(const moe::TrainConfig& config, int steps)
{
    const std::vector<int> stream = moe::syntheticTokens(config.model.nVocab, size_t{1} << 20, config.seed);
    moe::Trainer trainer(config, std::make_shared<moe::TokenStreamData>(stream, config.seed));
    for (int i = 0; i < 2; ++i) // warm-up: first touches of every buffer
        trainer.step();
    double seconds = 0, best = 1e30;
    const double cpuStart = cpuSeconds();
    for (int i = 0; i < steps; ++i) {
        const double s = trainer.step().seconds;
        seconds += s;
        best = std::min(best, s);
    }
    const double cpu = cpuSeconds() - cpuStart;
    const double tokens = static_cast<double>(config.tokensPerStep());
    std::printf("config           %s\n", describe(config).c_str());
    // CPU time shows what other load on the machine took away: with the cores to itself, the
    // process uses about `threads` CPU-seconds per second.
    std::printf("training speed   %.0f tokens/s (mean of %d steps, %.3f s per step; best step %.0f tokens/s; "
                "%.0f tokens per CPU-second)\n",
                tokens * steps / seconds, steps, seconds / steps, tokens / best, tokens * steps / cpu);
    return 0;
}

// Held-out text the run measures at each checkpoint: a quick view of poem vs math learning and of
// overfitting (the full figures come from `eval`).
struct HeldOut {
    std::string name;
    std::vector<int> tokens;
    size_t bytes = 0;
};

HeldOut heldOutSample(const moe::Tokenizer& tokenizer, const moe::Corpus& corpus, moe::Domain domain,
                      size_t maxTokens)
{
    HeldOut h{std::string(moe::domainName(domain)), {}, 0};
    for (const moe::Document& doc : corpus.heldOut[static_cast<size_t>(domain)]) {
        if (h.tokens.size() >= maxTokens)
            break;
        const std::vector<int> ids =
            moe::tokenizeDocuments(tokenizer, std::span<const moe::Document>(&doc, 1));
        h.tokens.insert(h.tokens.end(), ids.begin(), ids.end());
        h.bytes += doc.text.size();
    }
    return h;
}

} // namespace

const CommandSpec& trainSpec()
{
    static const CommandSpec spec{
        "train",
        "--out MODEL.gguf [--config FILE] [options]",
        "Train the Mixtral-style model on the corpus (classroom-safe fortunes, generated math,\n"
        "user files) and write it as GGUF. Settings come from a `key = value` file (model shape,\n"
        "schedule, corpus); a checkpoint every checkpoint_every steps lets --resume continue a\n"
        "killed run exactly. --bench prints training tokens/s for the config instead.\n"
        "Besides the trainer's and the corpus's keys, the file may set eval_every (steps\n"
        "between held-out measurements, default checkpoint_every) and eval_tokens (default 20000).",
        {{"--out", "MODEL.gguf", "the trained model (also names OUT.log and OUT.ckpt)"},
         {"--config", "FILE", "settings file (default: built-in defaults)"},
         {"--resume", "", "continue from the checkpoint (same --config)"},
         {"--checkpoint", "FILE", "checkpoint path (default OUT.ckpt)"},
         {"--log", "FILE", "log file (default OUT.log)"},
         {"--steps", "N", "override the config's steps"},
         {"--threads", "N", "override the config's threads"},
         {"--bench", "", "measure training tokens/s on synthetic data; writes nothing"},
         {"--bench-steps", "N", "steps to time with --bench (default 10)"}},
        /*positionalCount=*/0};
    return spec;
}

int runTrain(const Arguments& args)
{
    moe::Settings settings = args.value("--config") ? moe::Settings::load(*args.value("--config"))
                                                    : moe::Settings::parse("", "(defaults)");
    if (const auto steps = args.value("--steps"))
        settings.set("steps", *steps);
    if (const auto threads = args.value("--threads"))
        settings.set("threads", *threads);
    moe::TrainConfig config = moe::TrainConfig::fromSettings(settings);
    const moe::CorpusOptions corpusOptions = moe::CorpusOptions::fromSettings(settings);
    const int evalEvery = settings.integer("eval_every", config.checkpointEvery, 0, 1 << 30);
    const int evalTokens = settings.integer("eval_tokens", 20000, 2, 1 << 26);
    settings.requireAllUsed();

    if (args.flag("--bench")) {
        config.validate();
        return bench(config, args.integer("--bench-steps", 10, 1, 100000));
    }
    const std::string out = args.required("--out");
    const std::string checkpoint = args.text("--checkpoint", out + ".ckpt");
    const std::string logPath = args.text("--log", out + ".log");
    const bool resume = args.flag("--resume");
    if (resume && !std::filesystem::exists(checkpoint))
        throw UsageError("--resume: there is no checkpoint at " + checkpoint);

    std::ofstream log(logPath, resume ? std::ios::app : std::ios::trunc);
    if (!log)
        throw moe::FormatError(logPath, "cannot open the log file");
    const auto say = [&log](const std::string& line) {
        std::cerr << line << "\n";
        log << line << "\n" << std::flush;
    };

    const auto started = std::chrono::steady_clock::now();
    const moe::Corpus corpus = moe::buildCorpus(corpusOptions);
    const moe::Tokenizer tokenizer = moe::trainCorpusTokenizer(corpus, config.model.nVocab);
    if (tokenizer.vocabSize() != config.model.nVocab) {
        say("note: the corpus gave a vocabulary of " + std::to_string(tokenizer.vocabSize()) +
            " tokens, not " + std::to_string(config.model.nVocab));
        config.model.nVocab = tokenizer.vocabSize();
    }
    moe::DomainStreams streams = moe::tokenizeTrainingSplit(tokenizer, corpus);
    const auto weights = moe::domainWeights(streams, corpusOptions.mathShare);
    std::string mix;
    for (int d = 0; d < moe::kDomainCount; ++d) {
        char part[128];
        std::snprintf(part, sizeof part, " %s %zu tokens (%.0f%% of windows)",
                      std::string(moe::domainName(static_cast<moe::Domain>(d))).c_str(),
                      streams[static_cast<size_t>(d)].size(), 100 * weights[static_cast<size_t>(d)]);
        mix += part;
    }
    const std::vector<HeldOut> heldOut{
        heldOutSample(tokenizer, corpus, moe::Domain::Poem, static_cast<size_t>(evalTokens)),
        heldOutSample(tokenizer, corpus, moe::Domain::Math, static_cast<size_t>(evalTokens))};
    auto data = std::make_shared<moe::CorpusTrainingData>(std::move(streams), weights, config.seed);

    moe::Trainer trainer(config, data);
    if (resume)
        trainer.loadCheckpoint(checkpoint);
    say(std::string(resume ? "resuming at step " + std::to_string(trainer.stepsDone()) : "training") + ": " +
        describe(config));
    say("corpus:" + mix + "; prepared in " +
        duration(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()));
    log << "config:\n" << config.toText() << std::flush;

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const auto runStart = std::chrono::steady_clock::now();
    const int firstStep = trainer.stepsDone();
    const bool live = ::isatty(STDERR_FILENO) != 0; // one line updated in place on a terminal
    double recentSeconds = 0; // exponential average of the step time, for tokens/s and the ETA
    while (trainer.stepsDone() < config.steps && !g_interrupted) {
        const moe::StepStats s = trainer.step();
        recentSeconds = s.step == firstStep + 1 ? s.seconds : 0.9 * recentSeconds + 0.1 * s.seconds;
        const double eta = recentSeconds * (config.steps - s.step);
        char line[256];
        std::snprintf(line, sizeof line,
                      "step %d/%d  loss %.4f  aux %.3f  z %.2f  |g| %.2f  lr %.2e  %.0f tok/s  ETA %s",
                      s.step, config.steps, static_cast<double>(s.loss), static_cast<double>(s.auxLoss),
                      static_cast<double>(s.zLoss), static_cast<double>(s.gradNorm),
                      static_cast<double>(s.lr), s.tokens / recentSeconds, duration(eta).c_str());
        if (live)
            std::cerr << "\r" << line << "\033[K" << std::flush;
        else if (s.step % 50 == 0 || s.step == config.steps) // a pipe or file: whole lines, now and then
            std::cerr << line << "\n";
        log << line << "\n";
        if (!std::isfinite(s.loss) || !std::isfinite(s.gradNorm)) {
            std::cerr << (live ? "\n" : "");
            say("error: the loss diverged at step " + std::to_string(s.step) +
                " (lower lr?); the last checkpoint is " + checkpoint);
            return 1;
        }
        if (evalEvery > 0 && s.step % evalEvery == 0) {
            std::string report = "step " + std::to_string(s.step) + " held-out:";
            for (const HeldOut& h : heldOut) {
                if (h.tokens.size() < 2)
                    continue;
                const double nats = trainer.evaluateLoss(h.tokens);
                const double bpb = nats * static_cast<double>(h.tokens.size() - 1) /
                                   (static_cast<double>(h.bytes) * std::numbers::ln2);
                char part[96];
                std::snprintf(part, sizeof part, " %s %.3f nats/token (~%.2f bits/byte)", h.name.c_str(),
                              nats, bpb);
                report += part;
            }
            std::cerr << (live ? "\n" : "");
            say(report);
        }
        if (config.checkpointEvery > 0 && s.step % config.checkpointEvery == 0)
            trainer.saveCheckpoint(checkpoint);
    }
    std::cerr << (live ? "\n" : "");
    trainer.saveCheckpoint(checkpoint);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();
    if (g_interrupted) {
        say("interrupted at step " + std::to_string(trainer.stepsDone()) + "; checkpoint saved to " +
            checkpoint + " (continue with --resume)");
        return 130;
    }
    trainer.exportModel(out, tokenizer, {.name = "tiny-experts"});
    say("wrote " + out + " after " + std::to_string(trainer.stepsDone()) + " steps (" + duration(elapsed) +
        " this run, " +
        std::to_string(static_cast<long>((trainer.stepsDone() - firstStep) *
                                         static_cast<double>(config.tokensPerStep()) /
                                         std::max(elapsed, 1e-9))) +
        " tokens/s)");
    return 0;
}

} // namespace cli

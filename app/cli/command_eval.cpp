// eval: what a trained model does on held-out data (moe/eval.h): math exact match, bits per byte,
// math-vs-poem expert usage and its divergence, expert shares, and the expert-ablation experiment.
// The corpus is rebuilt exactly as training built it (same options, from the train config file).
#include "commands.h"

#include "moe/corpus.h"
#include "moe/eval.h"
#include "moe/train.h"

#include <chrono>
#include <iostream>
#include <unistd.h>

namespace cli {

const CommandSpec& evalSpec()
{
    static const CommandSpec spec{
        "eval",
        "MODEL.gguf [options]",
        "Evaluate a model on held-out data only: greedy exact match on held-out math problems\n"
        "(add, sub, all 144 times facts, equations, word problems), bits per byte of held-out\n"
        "poems, english and math text (and of a training-poem sample), math-vs-poem expert usage\n"
        "(Jensen-Shannon divergence per layer, also on shared token ids only), expert shares on\n"
        "the mixed held-out set, and math accuracy with the most math-leaning expert of every\n"
        "layer switched off vs a random one. The corpus is rebuilt from the training settings.",
        {{"--json", "", "print one JSON object instead of the report"},
         {"--threads", "N", "sessions run side by side (default 2); results do not depend on it"},
         {"--seed", "S", "chooses the held-out problems asked and the random experts (default 1)"},
         {"--random-seeds", "N", "random-expert ablation runs to average (default 5)"},
         {"--config", "FILE", "the training settings file: its corpus keys rebuild the same corpus"},
         {"--fortunes-dir", "DIR", "where the fortune files are (overrides the config)"}}};
    return spec;
}

int runEval(const Arguments& args)
{
    const auto model = moe::Model::load(args.positional()[0]);
    moe::Settings settings = args.value("--config") ? moe::Settings::load(*args.value("--config"))
                                                    : moe::Settings::parse("", "(defaults)");
    if (const auto dir = args.value("--fortunes-dir"))
        settings.set("fortunes_dir", *dir);
    // Only the corpus keys matter here; the file's training keys are left unread on purpose.
    const moe::CorpusOptions corpusOptions = moe::CorpusOptions::fromSettings(settings);
    moe::EvalOptions options;
    options.threads = args.integer("--threads", 2, 1, 64);
    options.seed = args.unsignedInteger("--seed", 1);
    options.randomAblations = args.integer("--random-seeds", 5, 0, 1000);
    if (::isatty(STDERR_FILENO) != 0)
        options.progress = [](const std::string& line) { std::cerr << "eval: " << line << "\n"; };

    const auto started = std::chrono::steady_clock::now();
    if (options.progress)
        options.progress("building the corpus");
    const moe::EvalData data = moe::EvalData::fromCorpus(moe::buildCorpus(corpusOptions), options.seed);
    const double corpusSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    moe::EvalReport report = moe::evaluate(model, data, options);
    report.seconds.corpus = corpusSeconds;
    if (args.flag("--json"))
        moe::writeEvalJson(std::cout, report);
    else
        moe::writeEvalText(std::cout, report);
    return 0;
}

} // namespace cli

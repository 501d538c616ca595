// bench: prompt and generation speed, time to first token, peak memory, and the memory-bandwidth
// bound (bytes of weights one generated token must read). Same tests as llama-bench's pp and tg.
#include "commands.h"
#include "memory_bandwidth.h"

#include "moe/kernel_variant.h"
#include "moe/model.h"
#include "moe/session.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <random>
#include <vector>

namespace cli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

int argmax(const Eigen::VectorXf& logits)
{
    Eigen::Index best = 0;
    logits.maxCoeff(&best);
    return static_cast<int>(best);
}

double peakResidentMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

double mean(const std::vector<double>& v)
{
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double stddev(const std::vector<double>& v)
{
    const double m = mean(v);
    double sum = 0.0;
    for (double x : v)
        sum += (x - m) * (x - m);
    return v.size() > 1 ? std::sqrt(sum / static_cast<double>(v.size() - 1)) : 0.0;
}

} // namespace

const CommandSpec& benchSpec()
{
    static const CommandSpec spec{
        "bench",
        "MODEL.gguf [options]",
        "Measure prompt tokens/s (one batched pass over N tokens), generated tokens/s (one\n"
        "token at a time from an empty cache), time to first token, peak memory, and the\n"
        "memory-bandwidth bound: measured read bandwidth / weight bytes per generated token.",
        {{"--threads", "N", "threads (default 2)"},
         {"--prompt-tokens", "N", "prompt length (default 512)"},
         {"--gen-tokens", "N", "generated tokens (default 128)"},
         {"--repetitions", "N", "runs to average (default 5)"},
         {"--json", "", "print one JSON object"}}};
    return spec;
}

int runBench(const Arguments& args)
{
    const auto model = moe::Model::load(args.positional()[0]);
    const int threads = args.integer("--threads", 2, 1, 256);
    const int promptTokens = args.integer("--prompt-tokens", 512, 1, 1 << 16);
    const int genTokens = args.integer("--gen-tokens", 128, 1, 1 << 16);
    const int repetitions = args.integer("--repetitions", 5, 1, 1000);
    const moe::ModelConfig& config = model->config();

    // Random token ids, as llama-bench uses: speed does not depend on which tokens they are.
    std::mt19937 rng(1234);
    std::vector<int> prompt(static_cast<size_t>(promptTokens));
    for (int& id : prompt)
        id = static_cast<int>(rng() % static_cast<unsigned>(config.nVocab));

    moe::Session session(
        model, {.threads = threads, .contextLength = std::max({promptTokens, genTokens + 1, config.nCtx})});
    session.prefill(std::span<const int>(prompt.data(), std::min<size_t>(prompt.size(), 16))); // warm up
    std::vector<double> promptRates, genRates, ttfts;
    for (int r = 0; r < repetitions; ++r) {
        session.reset();
        const auto start = Clock::now();
        session.prefill(prompt);
        const int first = argmax(session.logits());
        const auto prefilled = Clock::now();
        (void)first;
        promptRates.push_back(promptTokens / seconds(start, prefilled));
        ttfts.push_back(seconds(start, prefilled) * 1000.0);

        session.reset();
        int token = model->tokenizer().bosId();
        const auto genStart = Clock::now();
        for (int i = 0; i < genTokens; ++i) {
            session.step(token);
            token = argmax(session.logits());
        }
        genRates.push_back(genTokens / seconds(genStart, Clock::now()));
    }
    // Peak memory of the model run itself, read before the bandwidth probe allocates its buffer.
    const double peakRss = peakResidentMegabytes();
    const double bandwidth = measureReadBandwidthGBs(threads);
    const double bytesPerToken = static_cast<double>(model->bytesReadPerToken());
    const double bound = bandwidth * 1e9 / bytesPerToken;

    if (args.flag("--json")) {
        std::printf("{\"model\": \"%s\", \"threads\": %d, \"prompt_tokens\": %d, \"gen_tokens\": %d, "
                    "\"prompt_tokens_per_s\": %.1f, \"prompt_tokens_per_s_stddev\": %.1f, "
                    "\"gen_tokens_per_s\": %.1f, \"gen_tokens_per_s_stddev\": %.1f, \"ttft_ms\": %.2f, "
                    "\"peak_rss_mb\": %.1f, \"bytes_per_token\": %.0f, \"memory_bandwidth_gbs\": %.2f, "
                    "\"bandwidth_bound_tokens_per_s\": %.1f, \"kernels\": \"%s\"}\n",
                    args.positional()[0].c_str(), threads, promptTokens, genTokens, mean(promptRates),
                    stddev(promptRates), mean(genRates), stddev(genRates), mean(ttfts), peakRss,
                    bytesPerToken, bandwidth, bound, std::string(moe::kernelVariant()).c_str());
        return 0;
    }
    std::printf("model            %s (%s, %.2f M parameters, %.2f M active)\n", args.positional()[0].c_str(),
                std::string(moe::tensorTypeName(model->mainType())).c_str(), config.totalParameters() / 1e6,
                config.activeParametersPerToken() / 1e6);
    std::printf("threads          %d, %d repetitions, %s kernels\n", threads, repetitions,
                std::string(moe::kernelVariant()).c_str());
    std::printf("prompt (pp%d)    %.1f ± %.1f tokens/s\n", promptTokens, mean(promptRates),
                stddev(promptRates));
    std::printf("generate (tg%d)  %.1f ± %.1f tokens/s\n", genTokens, mean(genRates), stddev(genRates));
    std::printf("first token      %.2f ms after a %d-token prompt\n", mean(ttfts), promptTokens);
    std::printf("peak memory      %.1f MB resident\n", peakRss);
    std::printf("bandwidth bound  %.1f tokens/s (%.2f MB of weights per token at %.2f GB/s measured)\n",
                bound, bytesPerToken / 1e6, bandwidth);
    return 0;
}

} // namespace cli

// PlaygroundRun: a Trainer on the Playground corpus, plus the measurements the Playground charts
// (held-out bits per byte, expert shares of math and poem text, divergence, balance, probes).
// Measurements use the trainer's forward pass, which reads the weights and changes nothing.
#include "moe/playground.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace moe {

namespace {

bool cancelled(const std::atomic<bool>* cancel)
{
    return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

// Held-out text read as the trainer's evaluateLoss reads it (consecutive windows of seqLen + 1
// tokens, all threads): the summed cross-entropy, and expert usage of every input token but BOS,
// which only marks a document boundary. Cancelling is checked before and after the pass.
struct TextReading {
    double nats = 0;
    ExpertUsage usage;
};

std::optional<TextReading> readText(Trainer& trainer, std::span<const int> stream, int bos,
                                    const std::atomic<bool>* cancel)
{
    if (cancelled(cancel))
        return std::nullopt;
    const ModelConfig& m = trainer.config().model;
    const Trainer::Reading read = trainer.read(stream);
    if (cancelled(cancel))
        return std::nullopt;
    TextReading reading{read.nats, ExpertUsage(m.nLayer, m.nExpert)};
    for (size_t i = 0; i < read.routing.size(); ++i) {
        if (stream[i] != bos)
            reading.usage.add(read.routing[i]);
    }
    return reading;
}

double bitsPerByte(double nats, size_t bytes)
{
    return bytes == 0 ? 0.0 : nats / std::numbers::ln2 / static_cast<double>(bytes);
}

std::optional<ProbeRouting> routeProbe(Trainer& trainer, const Tokenizer& tokenizer,
                                       std::span<const int> prompt, const std::atomic<bool>* cancel)
{
    if (cancelled(cancel))
        return std::nullopt;
    const auto n = std::min(prompt.size(), static_cast<size_t>(trainer.config().seqLen));
    Trainer::Forward f = trainer.forward(prompt.first(n));
    ProbeRouting probe;
    for (size_t t = 1; t < n; ++t) { // position 0 is BOS
        probe.tokenIds.push_back(prompt[t]);
        probe.tokenTexts.push_back(tokenizer.tokenBytes(prompt[t]));
        probe.routing.push_back(std::move(f.routing[t]));
    }
    return probe;
}

} // namespace

struct PlaygroundRun::Impl {
    PlaygroundSettings settings;
    std::shared_ptr<const PlaygroundCorpus> corpus;
    std::unique_ptr<Trainer> trainer;
    std::vector<StepStats> log;
    double seconds = 0;
    int measuredAt = -1, probedAt = -1; // steps done at the last measurement / probe
    size_t lossesSincePoint = 0;        // first log entry after the last point

    bool due(int every, int doneAt) const
    {
        const int steps = trainer->stepsDone();
        if (steps == doneAt)
            return false;
        return steps == 0 || steps % every == 0 || steps >= settings.steps;
    }
};

PlaygroundRun::PlaygroundRun(const PlaygroundSettings& settings,
                             std::shared_ptr<const PlaygroundCorpus> corpus)
    : m_impl(std::make_unique<Impl>())
{
    if (!corpus)
        throw std::invalid_argument("PlaygroundRun: no corpus");
    const auto problems = settings.problems();
    if (!problems.empty())
        throw std::invalid_argument("Playground settings: " + problems.front().message);
    if (corpus->requestedVocab != settings.vocab)
        throw std::invalid_argument("PlaygroundRun: the corpus was built for a vocabulary of " +
                                    std::to_string(corpus->requestedVocab) + ", the settings ask for " +
                                    std::to_string(settings.vocab));
    if (corpus->mathHeldOut.size() < 2 || corpus->poemHeldOut.size() < 2)
        throw std::invalid_argument("PlaygroundRun: the corpus has no held-out math or poem text");
    m_impl->settings = settings;
    m_impl->corpus = corpus;
    TrainConfig config = settings.trainConfig();
    config.model.nVocab = corpus->tokenizer.vocabSize(); // the vocabulary the corpus could learn
    auto data = std::make_shared<CorpusTrainingData>(
        corpus->trainStreams, domainWeights(corpus->trainStreams, settings.mathShare), settings.seed);
    m_impl->trainer = std::make_unique<Trainer>(config, std::move(data));
}

PlaygroundRun::~PlaygroundRun() = default;

StepStats PlaygroundRun::step()
{
    if (finished())
        throw std::logic_error("PlaygroundRun::step: the run has done all its steps");
    const StepStats s = m_impl->trainer->step();
    m_impl->seconds += s.seconds;
    m_impl->log.push_back(s);
    return s;
}

bool PlaygroundRun::finished() const
{
    return m_impl->trainer->stepsDone() >= m_impl->settings.steps;
}

int PlaygroundRun::stepsDone() const
{
    return m_impl->trainer->stepsDone();
}

double PlaygroundRun::trainingSeconds() const
{
    return m_impl->seconds;
}

const std::vector<StepStats>& PlaygroundRun::log() const
{
    return m_impl->log;
}

bool PlaygroundRun::measureDue() const
{
    return m_impl->due(m_impl->settings.measureEvery, m_impl->measuredAt);
}

bool PlaygroundRun::probeDue() const
{
    return m_impl->due(m_impl->settings.probeEvery, m_impl->probedAt);
}

std::optional<PlaygroundPoint> PlaygroundRun::measure(const std::atomic<bool>* cancel)
{
    Impl& s = *m_impl;
    const PlaygroundCorpus& c = *s.corpus;
    const int bos = c.tokenizer.bosId();
    const auto math = readText(*s.trainer, c.mathHeldOut, bos, cancel);
    if (!math)
        return std::nullopt;
    const auto poem = readText(*s.trainer, c.poemHeldOut, bos, cancel);
    if (!poem)
        return std::nullopt;

    PlaygroundPoint p;
    p.step = s.trainer->stepsDone();
    p.tokens = int64_t{p.step} * s.settings.tokensPerStep();
    p.seconds = s.seconds;
    double lossSum = 0;
    for (size_t i = s.lossesSincePoint; i < s.log.size(); ++i)
        lossSum += s.log[i].loss;
    const size_t losses = s.log.size() - s.lossesSincePoint;
    p.trainLoss =
        losses == 0 ? std::numeric_limits<double>::quiet_NaN() : lossSum / static_cast<double>(losses);
    p.mathBitsPerByte = bitsPerByte(math->nats, c.mathHeldOutBytes);
    p.poemBitsPerByte = bitsPerByte(poem->nats, c.poemHeldOutBytes);
    p.heldOutBitsPerByte = bitsPerByte(math->nats + poem->nats, c.mathHeldOutBytes + c.poemHeldOutBytes);
    p.mathShares = math->usage.shares();
    p.poemShares = poem->usage.shares();
    p.jsBits = jsDivergenceBitsPerLayer(math->usage, poem->usage);
    ExpertUsage both = math->usage;
    both.merge(poem->usage);
    for (int layer = 0; layer < both.layers(); ++layer) {
        const std::vector<double> shares = both.shares(layer);
        const auto least = std::min_element(shares.begin(), shares.end());
        const auto most = std::max_element(shares.begin(), shares.end());
        p.leastUsed.push_back({layer, static_cast<int>(least - shares.begin()), *least});
        p.mostUsed.push_back({layer, static_cast<int>(most - shares.begin()), *most});
    }
    s.measuredAt = p.step;
    s.lossesSincePoint = s.log.size();
    return p;
}

std::optional<PlaygroundProbe> PlaygroundRun::probe(const std::atomic<bool>* cancel)
{
    Impl& s = *m_impl;
    const PlaygroundCorpus& c = *s.corpus;
    auto math = routeProbe(*s.trainer, c.tokenizer, c.mathProbe, cancel);
    if (!math)
        return std::nullopt;
    auto poem = routeProbe(*s.trainer, c.tokenizer, c.poemProbe, cancel);
    if (!poem)
        return std::nullopt;
    s.probedAt = s.trainer->stepsDone();
    return PlaygroundProbe{s.probedAt, std::move(*math), std::move(*poem)};
}

const PlaygroundSettings& PlaygroundRun::settings() const
{
    return m_impl->settings;
}

const PlaygroundCorpus& PlaygroundRun::corpus() const
{
    return *m_impl->corpus;
}

void PlaygroundRun::exportModel(const std::string& path, const std::string& name) const
{
    m_impl->trainer->exportModel(path, m_impl->corpus->tokenizer, {.name = name});
}

} // namespace moe

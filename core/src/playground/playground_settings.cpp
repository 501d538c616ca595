// PlaygroundSettings: the preset keys, their limits, what makes a combination untrainable, the
// trainer config they stand for, and the race's dense contenders.
#include "moe/playground.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace moe {

namespace {

using Field = PlaygroundSettings::Field;

struct FieldInfo {
    Field field;
    const char* key;
    PlaygroundSettings::Limits limits;
};

// Limits keep a run within seconds to minutes on 2 cores and every shape the trainer accepts.
// ffn goes up to 4096 so that the race's dense model with all the parameters (experts x ffn) of
// the default mixture fits.
constexpr FieldInfo kFields[] = {
    {Field::Layers, "layers", {1, 6}},
    {Field::Dim, "dim", {8, 256}},
    {Field::Heads, "heads", {1, 16}},
    {Field::Experts, "experts", {1, 32}},
    {Field::TopK, "top_k", {1, 8}},
    {Field::Ffn, "ffn", {8, 4096}},
    {Field::Vocab, "vocab", {260, 2048}},
    {Field::SeqLen, "seq_len", {8, 256}},
    {Field::BatchSize, "batch_size", {1, 64}},
    {Field::Steps, "steps", {1, 100000}},
    {Field::Lr, "lr", {1e-5, 0.05}},
    {Field::Balancing, "balancing", {0, 1}},
    {Field::MathShare, "math_share", {0, 1}},
    {Field::Threads, "threads", {1, 16}},
    {Field::MeasureEvery, "measure_every", {1, 100000}},
    {Field::ProbeEvery, "probe_every", {1, 100000}},
};

const FieldInfo& info(Field field)
{
    for (const FieldInfo& f : kFields) {
        if (f.field == field)
            return f;
    }
    throw std::logic_error("PlaygroundSettings: a field without limits");
}

// The shortest text that reads back as the same double.
std::string exact(double value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string number(double value)
{
    return value == std::floor(value) && std::abs(value) < 1e15
               ? std::to_string(static_cast<long long>(value))
               : exact(value);
}

int integerKey(const Settings& s, Field field, int fallback)
{
    const FieldInfo& f = info(field);
    return s.integer(f.key, fallback, static_cast<int>(f.limits.min), static_cast<int>(f.limits.max));
}

double realKey(const Settings& s, Field field, double fallback)
{
    const FieldInfo& f = info(field);
    return s.real(f.key, fallback, f.limits.min, f.limits.max);
}

} // namespace

PlaygroundSettings::Limits PlaygroundSettings::limits(Field field)
{
    return info(field).limits;
}

const char* PlaygroundSettings::key(Field field)
{
    return info(field).key;
}

PlaygroundSettings PlaygroundSettings::fromSettings(const Settings& s)
{
    PlaygroundSettings p;
    p.layers = integerKey(s, Field::Layers, p.layers);
    p.dim = integerKey(s, Field::Dim, p.dim);
    p.heads = integerKey(s, Field::Heads, p.heads);
    p.experts = integerKey(s, Field::Experts, p.experts);
    p.topK = integerKey(s, Field::TopK, p.topK);
    p.ffn = integerKey(s, Field::Ffn, p.ffn);
    p.vocab = integerKey(s, Field::Vocab, p.vocab);
    p.seqLen = integerKey(s, Field::SeqLen, p.seqLen);
    p.batchSize = integerKey(s, Field::BatchSize, p.batchSize);
    p.steps = integerKey(s, Field::Steps, p.steps);
    p.lr = realKey(s, Field::Lr, p.lr);
    p.balancing = realKey(s, Field::Balancing, p.balancing);
    p.mathShare = realKey(s, Field::MathShare, p.mathShare);
    p.seed = s.unsignedInteger("seed", p.seed);
    p.threads = integerKey(s, Field::Threads, p.threads);
    p.measureEvery = integerKey(s, Field::MeasureEvery, p.measureEvery);
    p.probeEvery = integerKey(s, Field::ProbeEvery, p.probeEvery);
    s.requireAllUsed();
    return p;
}

std::string PlaygroundSettings::toText() const
{
    std::string t;
    const auto line = [&t](Field field, const std::string& value) {
        t += std::string(key(field)) + " = " + value + "\n";
    };
    line(Field::Layers, std::to_string(layers));
    line(Field::Dim, std::to_string(dim));
    line(Field::Heads, std::to_string(heads));
    line(Field::Experts, std::to_string(experts));
    line(Field::TopK, std::to_string(topK));
    line(Field::Ffn, std::to_string(ffn));
    line(Field::Vocab, std::to_string(vocab));
    line(Field::SeqLen, std::to_string(seqLen));
    line(Field::BatchSize, std::to_string(batchSize));
    line(Field::Steps, std::to_string(steps));
    line(Field::Lr, exact(lr));
    line(Field::Balancing, exact(balancing));
    line(Field::MathShare, exact(mathShare));
    t += "seed = " + std::to_string(seed) + "\n";
    line(Field::Threads, std::to_string(threads));
    line(Field::MeasureEvery, std::to_string(measureEvery));
    line(Field::ProbeEvery, std::to_string(probeEvery));
    return t;
}

TrainConfig PlaygroundSettings::trainConfig() const
{
    TrainConfig c;
    ModelConfig& m = c.model;
    m.nLayer = layers;
    m.nEmbd = dim;
    m.nHead = heads;
    m.nHeadKv = heads;
    m.nExpert = experts;
    m.nExpertUsed = topK;
    m.nFf = ffn;
    m.nVocab = vocab;
    m.nCtx = seqLen;
    c.seqLen = seqLen;
    c.batchSize = batchSize;
    c.steps = steps;
    c.warmupSteps = std::min(100, steps / 10); // a short run still gets its cosine decay
    c.lr = static_cast<float>(lr);
    c.minLrRatio = 0.1f;
    c.weightDecay = 0.1f;
    c.routerWeightDecay = 0.0f; // decay pulls routers towards routing every token alike
    c.clipNorm = 1.0f;
    c.auxLossWeight = static_cast<float>(balancing);
    c.zLossWeight = 0.0f;
    c.dropout = 0.0f;
    c.seed = seed;
    c.threads = threads;
    c.checkpointEvery = 0;
    return c;
}

int64_t PlaygroundSettings::totalParameters() const
{
    return trainConfig().model.totalParameters();
}

int64_t PlaygroundSettings::activeParameters() const
{
    return trainConfig().model.activeParametersPerToken();
}

std::vector<PlaygroundSettings::Problem> PlaygroundSettings::problems() const
{
    std::vector<Problem> found;
    const auto range = [&found](Field field, double value) {
        const Limits l = limits(field);
        if (!(value >= l.min && value <= l.max))
            found.push_back({field, Reason::OutOfRange, l.min, l.max,
                             std::string(key(field)) + " is " + number(value) + ", must be in [" +
                                 number(l.min) + ", " + number(l.max) + "]"});
    };
    range(Field::Layers, layers);
    range(Field::Dim, dim);
    range(Field::Heads, heads);
    range(Field::Experts, experts);
    range(Field::TopK, topK);
    range(Field::Ffn, ffn);
    range(Field::Vocab, vocab);
    range(Field::SeqLen, seqLen);
    range(Field::BatchSize, batchSize);
    range(Field::Steps, steps);
    range(Field::Lr, lr);
    range(Field::Balancing, balancing);
    range(Field::MathShare, mathShare);
    range(Field::Threads, threads);
    range(Field::MeasureEvery, measureEvery);
    range(Field::ProbeEvery, probeEvery);
    if (heads >= 1 && dim % heads != 0)
        found.push_back(
            {Field::Dim, Reason::NotMultipleOfHeads, 0, 0,
             "dim " + std::to_string(dim) + " is not a multiple of heads " + std::to_string(heads)});
    else if (heads >= 1 && (dim / heads) % 2 != 0)
        found.push_back({Field::Dim, Reason::OddHeadSize, 0, 0,
                         "dim / heads = " + std::to_string(dim / heads) +
                             " is odd; the rotary position embedding needs pairs"});
    if (experts >= 1 && topK > experts)
        found.push_back(
            {Field::TopK, Reason::TopKAboveExperts, 1, static_cast<double>(experts),
             "top_k " + std::to_string(topK) + " is more than the " + std::to_string(experts) + " experts"});
    if (threads > batchSize && batchSize >= 1)
        found.push_back(
            {Field::Threads, Reason::ThreadsAboveBatch, 1, static_cast<double>(batchSize),
             "threads " + std::to_string(threads) + " is more than batch_size " + std::to_string(batchSize)});
    return found;
}

PlaygroundSettings raceSettings(const PlaygroundSettings& mixture, RaceModel model)
{
    PlaygroundSettings s = mixture;
    if (model == RaceModel::Mixture)
        return s;
    // One expert that always runs is a dense feed-forward layer: its router has one choice, its
    // gate is 1, and the balancing loss is constant, so it is switched off.
    s.ffn = model == RaceModel::DenseSameActive ? mixture.topK * mixture.ffn : mixture.experts * mixture.ffn;
    s.experts = 1;
    s.topK = 1;
    s.balancing = 0;
    return s;
}

} // namespace moe

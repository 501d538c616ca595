// Trainer: one optimizer step = every shard's forward, the batch's losses, every shard's backward,
// the gradient sum in shard order, global-norm clipping and AdamW.
#include "trainer_impl.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace moe {

Trainer::Impl::Impl(TrainConfig cfg, std::shared_ptr<TrainingData> source)
    : config((cfg.validate(), std::move(cfg))), data(std::move(source)), layout(config.model), adam(layout),
      pool(config.threads)
{
    if (!data)
        throw std::invalid_argument("Trainer: no training data");
    const size_t total = layout.total();
    params.assign(total, 0.0f);
    adamM.assign(total, 0.0f);
    adamV.assign(total, 0.0f);
    layout.fromWeights(randomWeights(config.model, config.seed), params.data());

    const int n = config.threads;
    for (int i = 0; i <= n; ++i)
        shardBegin.push_back(config.batchSize * i / n);
    const int capacity = (config.batchSize + n - 1) / n;
    for (int i = 0; i < n; ++i) {
        networks.push_back(
            std::make_unique<train::Network<float>>(config.model, layout, capacity, config.seqLen));
        grads.emplace_back(total, 0.0f);
        stats.emplace_back();
    }
    windows.resize(static_cast<size_t>(config.batchSize) * static_cast<size_t>(config.seqLen + 1));
    normBlocks.resize(blockCount());
    lossGrad.auxDProb.resize(static_cast<size_t>(config.model.nLayer * config.model.nExpert));
}

Trainer::Trainer(TrainConfig config, std::shared_ptr<TrainingData> data)
    : m_impl(std::make_unique<Impl>(std::move(config), std::move(data)))
{
}

Trainer::~Trainer() = default;

int Trainer::stepsDone() const
{
    return m_impl->stepsDone;
}

const TrainConfig& Trainer::config() const
{
    return m_impl->config;
}

StepStats Trainer::step()
{
    Impl& s = *m_impl;
    const TrainConfig& c = s.config;
    const auto started = std::chrono::steady_clock::now();
    const int len = c.seqLen, nLayer = c.model.nLayer, nExpert = c.model.nExpert;
    const int tokens = c.tokensPerStep();
    s.data->nextWindows(c.batchSize, len + 1, s.windows);

    const auto ceScale = static_cast<float>(1.0 / tokens); // as assembleLoss computes it
    // Dropout masks depend on the seed, the step and the shard only: a resumed run draws the same ones.
    const uint64_t dropSeed = c.seed * 0x100000001B3ull + static_cast<uint64_t>(s.stepsDone);
    auto forward = [&s, len, ceScale, nLayer, nExpert, dropSeed](int i) {
        const auto shard = static_cast<size_t>(i);
        s.networks[shard]->setDropout(s.config.dropout, dropSeed * 0x9E3779B97F4A7C15ull + shard);
        // No zero-fill: the passes assign every gradient; the padding between tensors stays zero.
        s.stats[shard].reset(nLayer, nExpert);
        const int begin = s.shardBegin[shard], count = s.shardBegin[shard + 1] - begin;
        s.networks[shard]->forward(s.params.data(), s.windows.data() + static_cast<size_t>(begin) * (len + 1),
                                   count, len, train::Network<float>::Pass::Train, ceScale, s.stats[shard],
                                   s.grads[shard].data());
    };
    s.pool.run(forward);

    // The load-balancing loss needs the whole batch: f_i (the share of routed slots expert i got)
    // is known only now.
    train::ShardStats total = s.stats[0];
    for (size_t i = 1; i < s.stats.size(); ++i)
        total.add(s.stats[i]);
    const train::LossParts loss =
        train::assembleLoss(total, c.model, c.auxLossWeight, c.zLossWeight, s.lossGrad);
    assert(s.lossGrad.ceScale == ceScale);

    // Backward into per-shard buffers, then (per block, any thread) the sum in shard order.
    const size_t blocks = s.blockCount(), paramCount = s.layout.total();
    const int threads = s.shards();
    auto backward = [&s](int i) {
        const auto shard = static_cast<size_t>(i);
        s.networks[shard]->backward(s.params.data(), s.lossGrad, s.grads[shard].data());
    };
    s.pool.run(backward);
    auto reduce = [&s, blocks, paramCount, threads](int i) {
        for (size_t b = static_cast<size_t>(i); b < blocks; b += static_cast<size_t>(threads)) {
            const size_t lo = b * Impl::kBlock, hi = std::min(paramCount, lo + Impl::kBlock);
            float* g = s.grads[0].data();
            for (size_t shard = 1; shard < s.grads.size(); ++shard) {
                const float* other = s.grads[shard].data();
                for (size_t j = lo; j < hi; ++j)
                    g[j] += other[j];
            }
            s.normBlocks[b] = train::sumOfSquares(g, lo, hi);
        }
    };
    s.pool.run(reduce);
    double sumSquares = 0.0;
    for (double blockSum : s.normBlocks)
        sumSquares += blockSum;
    const auto gradNorm = static_cast<float>(std::sqrt(sumSquares));

    train::AdamWStep update;
    update.lr = c.learningRate(s.stepsDone);
    update.beta1 = c.beta1;
    update.beta2 = c.beta2;
    update.eps = c.adamEps;
    update.weightDecay = c.weightDecay;
    update.routerWeightDecay = c.routerWeightDecay;
    update.t = s.stepsDone + 1;
    update.gradScale = c.clipNorm > 0.0f && gradNorm > c.clipNorm ? c.clipNorm / gradNorm : 1.0f;
    // A non-finite gradient would poison every weight through the moments: skip the update (the
    // caller sees gradNorm and the loss).
    if (std::isfinite(gradNorm)) {
        auto apply = [&s, &update, blocks, paramCount, threads](int i) {
            for (size_t b = static_cast<size_t>(i); b < blocks; b += static_cast<size_t>(threads)) {
                const size_t lo = b * Impl::kBlock, hi = std::min(paramCount, lo + Impl::kBlock);
                s.adam.update(s.params.data(), s.grads[0].data(), s.adamM.data(), s.adamV.data(), lo, hi,
                              update);
            }
        };
        s.pool.run(apply);
    }
    ++s.stepsDone;

    StepStats out;
    out.step = s.stepsDone;
    out.loss = static_cast<float>(loss.ce);
    out.auxLoss = static_cast<float>(loss.aux);
    out.zLoss = static_cast<float>(loss.z);
    out.gradNorm = gradNorm;
    out.lr = update.lr;
    out.tokens = tokens;
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

FloatWeights Trainer::weights() const
{
    return m_impl->layout.toWeights(m_impl->params.data());
}

void Trainer::setWeights(const FloatWeights& weights)
{
    Impl& s = *m_impl;
    s.layout.fromWeights(weights, s.params.data());
    std::fill(s.adamM.begin(), s.adamM.end(), 0.0f);
    std::fill(s.adamV.begin(), s.adamV.end(), 0.0f);
}

void Trainer::exportModel(const std::string& path, const Tokenizer& tokenizer,
                          const WriteOptions& options) const
{
    if (tokenizer.vocabSize() != m_impl->config.model.nVocab)
        throw std::invalid_argument("export: the tokenizer has " + std::to_string(tokenizer.vocabSize()) +
                                    " tokens, the model " + std::to_string(m_impl->config.model.nVocab));
    writeModel(path, m_impl->config.model, tokenizer, weights(), options);
}

namespace {

void checkTokens(std::span<const int> tokens, int vocab, const char* what)
{
    if (tokens.size() < 2)
        throw std::invalid_argument(std::string(what) + ": needs at least 2 tokens, got " +
                                    std::to_string(tokens.size()));
    for (int t : tokens) {
        if (t < 0 || t >= vocab)
            throw std::invalid_argument(std::string(what) + ": token id " + std::to_string(t) +
                                        " is outside the vocabulary");
    }
}

// Token `t` (of the network's last forward, sequences one after another) as moe::Session records it.
TokenRouting tokenRouting(const train::Network<float>& net, const ModelConfig& c, int t)
{
    TokenRouting token;
    token.layers.resize(static_cast<size_t>(c.nLayer));
    for (int l = 0; l < c.nLayer; ++l) {
        const int k = net.topK(l);
        const float* probs = net.probs(l) + static_cast<size_t>(t) * c.nExpert;
        const int* chosen = net.chosen(l) + static_cast<size_t>(t) * k;
        const float* gates = net.gates(l) + static_cast<size_t>(t) * k;
        token.layers[static_cast<size_t>(l)] = {std::vector<float>(probs, probs + c.nExpert),
                                                std::vector<int>(chosen, chosen + k),
                                                std::vector<float>(gates, gates + k)};
    }
    return token;
}

} // namespace

double Trainer::Impl::readWindows(std::span<const int> tokens, std::vector<TokenRouting>* routing)
{
    // Window w predicts tokens[w * len + 1 .. w * len + len] from the ones before (inside the window).
    const int len = config.seqLen;
    const size_t predictions = tokens.size() - 1;
    const auto full = static_cast<int>(predictions / static_cast<size_t>(len));
    const int rest = static_cast<int>(predictions % static_cast<size_t>(len));
    double ceSum = 0.0;
    const int threads = shards();
    const int capacity = (config.batchSize + threads - 1) / threads;
    const ModelConfig& c = config.model;
    std::vector<int> chunk(static_cast<size_t>(threads * capacity) * static_cast<size_t>(len + 1));
    std::vector<int> counts(static_cast<size_t>(threads));
    for (int first = 0; first < full; first += threads * capacity) {
        const int count = std::min(full - first, threads * capacity);
        for (int w = 0; w < count; ++w)
            std::copy_n(tokens.begin() + static_cast<ptrdiff_t>(first + w) * len, len + 1,
                        chunk.begin() + static_cast<ptrdiff_t>(w) * (len + 1));
        auto run = [&](int i) {
            const auto shard = static_cast<size_t>(i);
            networks[shard]->setDropout(0.0f, 0); // measure the model as it will run
            stats[shard].reset(c.nLayer, c.nExpert);
            const int begin = std::min(count, i * capacity), n = std::min(count, begin + capacity) - begin;
            counts[shard] = n;
            if (n > 0)
                networks[shard]->forward(params.data(), chunk.data() + static_cast<size_t>(begin) * (len + 1),
                                         n, len, train::Network<float>::Pass::Loss, 0.0f, stats[shard]);
        };
        pool.run(run);
        for (size_t shard = 0; shard < stats.size(); ++shard) {
            ceSum += stats[shard].ceSum;
            for (int t = 0; routing && t < counts[shard] * len; ++t)
                routing->push_back(tokenRouting(*networks[shard], c, t));
        }
    }
    if (rest > 0) {
        networks[0]->setDropout(0.0f, 0);
        stats[0].reset(c.nLayer, c.nExpert);
        const int* window = tokens.data() + static_cast<size_t>(full) * len;
        networks[0]->forward(params.data(), window, 1, rest, train::Network<float>::Pass::Loss, 0.0f,
                             stats[0]);
        ceSum += stats[0].ceSum;
        for (int t = 0; routing && t < rest; ++t)
            routing->push_back(tokenRouting(*networks[0], c, t));
    }
    return ceSum;
}

double Trainer::evaluateLoss(std::span<const int> tokens)
{
    checkTokens(tokens, m_impl->config.model.nVocab, "evaluateLoss");
    return m_impl->readWindows(tokens, nullptr) / static_cast<double>(tokens.size() - 1);
}

Trainer::Reading Trainer::read(std::span<const int> tokens)
{
    checkTokens(tokens, m_impl->config.model.nVocab, "read");
    Reading reading;
    reading.routing.reserve(tokens.size() - 1);
    reading.nats = m_impl->readWindows(tokens, &reading.routing);
    return reading;
}

std::vector<float> Trainer::logits(std::span<const int> tokens)
{
    return forward(tokens).logits;
}

Trainer::Forward Trainer::forward(std::span<const int> tokens, const RoutingOverride& experiment)
{
    Impl& s = *m_impl;
    const ModelConfig& c = s.config.model;
    const int n = static_cast<int>(tokens.size()), vocab = c.nVocab;
    if (n < 1 || n > s.config.seqLen)
        throw std::invalid_argument("logits: needs 1 to seq_len = " + std::to_string(s.config.seqLen) +
                                    " tokens, got " + std::to_string(n));
    std::vector<int> window(tokens.begin(), tokens.end());
    for (int t : window) {
        if (t < 0 || t >= vocab)
            throw std::invalid_argument("logits: token id " + std::to_string(t) +
                                        " is outside the vocabulary");
    }
    window.push_back(0); // a target the logits pass never reads
    train::Network<float>& net = *s.networks[0];
    net.setRoutingOverride(experiment);
    net.setDropout(0.0f, 0);
    s.stats[0].reset(c.nLayer, c.nExpert);
    net.forward(s.params.data(), window.data(), 1, n, train::Network<float>::Pass::Logits, 0.0f, s.stats[0]);

    Forward result;
    result.logits.assign(net.logits(), net.logits() + static_cast<size_t>(n) * vocab);
    result.routing.reserve(static_cast<size_t>(n));
    for (int t = 0; t < n; ++t)
        result.routing.push_back(tokenRouting(net, c, t));
    net.setRoutingOverride({}); // the training passes route as the model does
    return result;
}

} // namespace moe

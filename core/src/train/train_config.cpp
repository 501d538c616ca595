// TrainConfig: the settings keys, their validation, and the learning-rate schedule.
#include "moe/train.h"

#include <charconv>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace moe {

namespace {

void require(bool ok, const std::string& message)
{
    if (!ok)
        throw std::invalid_argument("train config: " + message);
}

// The shortest text that reads back as the same float.
std::string exact(float value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

float realKey(const Settings& s, const std::string& key, float fallback, double min, double max)
{
    return static_cast<float>(s.real(key, fallback, min, max));
}

} // namespace

ModelConfig TrainConfig::defaultModel()
{
    ModelConfig m;
    m.nVocab = 2048;
    m.nEmbd = 128;
    m.nLayer = 4;
    m.nHead = 8;
    m.nHeadKv = 8;
    m.nCtx = 128;
    m.nFf = 256;
    m.nExpert = 8;
    m.nExpertUsed = 2;
    return m;
}

TrainConfig TrainConfig::fromSettings(const Settings& s)
{
    TrainConfig c;
    ModelConfig& m = c.model;
    m.nLayer = s.integer("layers", m.nLayer, 1, 512);
    m.nEmbd = s.integer("dim", m.nEmbd, 2, 65536);
    m.nHead = s.integer("heads", m.nHead, 1, 1024);
    m.nHeadKv = s.integer("kv_heads", m.nHead, 1, 1024);
    m.nExpert = s.integer("experts", m.nExpert, 1, 256);
    m.nExpertUsed = s.integer("top_k", m.nExpertUsed, 1, 256);
    m.nFf = s.integer("ffn", m.nFf, 1, 1 << 20);
    m.nVocab = s.integer("vocab", m.nVocab, 1, 1 << 20);
    m.ropeFreqBase = realKey(s, "rope_base", m.ropeFreqBase, 1e-3, 1e12);
    m.rmsEps = realKey(s, "rms_eps", m.rmsEps, 0.0, 1.0);
    m.tiedOutput = s.boolean("tied_output", m.tiedOutput);
    c.seqLen = s.integer("seq_len", c.seqLen, 2, 1 << 16);
    m.nCtx = s.integer("context", c.seqLen, 1, 1 << 20);
    c.batchSize = s.integer("batch_size", c.batchSize, 1, 1 << 16);
    c.steps = s.integer("steps", c.steps, 1, 1 << 30);
    c.warmupSteps = s.integer("warmup_steps", c.warmupSteps, 0, 1 << 30);
    c.lr = realKey(s, "lr", c.lr, 0.0, 10.0);
    c.minLrRatio = realKey(s, "min_lr_ratio", c.minLrRatio, 0.0, 1.0);
    c.weightDecay = realKey(s, "weight_decay", c.weightDecay, 0.0, 10.0);
    c.routerWeightDecay = realKey(s, "router_weight_decay", c.weightDecay, 0.0, 10.0);
    c.beta1 = realKey(s, "beta1", c.beta1, 0.0, 0.999999);
    c.beta2 = realKey(s, "beta2", c.beta2, 0.0, 0.999999999);
    c.adamEps = realKey(s, "adam_eps", c.adamEps, 1e-30, 1.0);
    c.clipNorm = realKey(s, "clip_norm", c.clipNorm, 0.0, 1e9);
    c.auxLossWeight = realKey(s, "aux_loss_weight", c.auxLossWeight, 0.0, 1e3);
    c.zLossWeight = realKey(s, "z_loss_weight", c.zLossWeight, 0.0, 1e3);
    c.dropout = realKey(s, "dropout", c.dropout, 0.0, 0.9);
    c.seed = s.unsignedInteger("seed", c.seed);
    c.threads = s.integer("threads", c.threads, 1, 256);
    c.checkpointEvery = s.integer("checkpoint_every", c.checkpointEvery, 0, 1 << 30);
    return c;
}

std::string TrainConfig::toText() const
{
    const ModelConfig& m = model;
    std::string t;
    const auto line = [&t](const std::string& key, const std::string& value) {
        t += key + " = " + value + "\n";
    };
    line("layers", std::to_string(m.nLayer));
    line("dim", std::to_string(m.nEmbd));
    line("heads", std::to_string(m.nHead));
    line("kv_heads", std::to_string(m.nHeadKv));
    line("experts", std::to_string(m.nExpert));
    line("top_k", std::to_string(m.nExpertUsed));
    line("ffn", std::to_string(m.nFf));
    line("vocab", std::to_string(m.nVocab));
    line("context", std::to_string(m.nCtx));
    line("rope_base", exact(m.ropeFreqBase));
    line("rms_eps", exact(m.rmsEps));
    line("tied_output", m.tiedOutput ? "true" : "false");
    line("seq_len", std::to_string(seqLen));
    line("batch_size", std::to_string(batchSize));
    line("steps", std::to_string(steps));
    line("warmup_steps", std::to_string(warmupSteps));
    line("lr", exact(lr));
    line("min_lr_ratio", exact(minLrRatio));
    line("weight_decay", exact(weightDecay));
    line("router_weight_decay", exact(routerWeightDecay));
    line("beta1", exact(beta1));
    line("beta2", exact(beta2));
    line("adam_eps", exact(adamEps));
    line("clip_norm", exact(clipNorm));
    line("aux_loss_weight", exact(auxLossWeight));
    line("z_loss_weight", exact(zLossWeight));
    line("dropout", exact(dropout));
    line("seed", std::to_string(seed));
    line("threads", std::to_string(threads));
    line("checkpoint_every", std::to_string(checkpointEvery));
    return t;
}

void TrainConfig::validate() const
{
    model.validate();
    require(seqLen >= 2, "seq_len is " + std::to_string(seqLen) + ", must be >= 2");
    require(model.nCtx >= seqLen, "context (" + std::to_string(model.nCtx) + ") is shorter than seq_len (" +
                                      std::to_string(seqLen) + ")");
    require(batchSize >= 1, "batch_size must be >= 1");
    require(threads >= 1 && threads <= batchSize,
            "threads is " + std::to_string(threads) + ", must be in [1, batch_size = " +
                std::to_string(batchSize) + "] (each thread trains on its own windows)");
    require(steps >= 1, "steps must be >= 1");
    require(warmupSteps >= 0, "warmup_steps must be >= 0");
    require(std::isfinite(lr) && lr >= 0, "lr must be finite and >= 0");
    require(minLrRatio >= 0 && minLrRatio <= 1, "min_lr_ratio must be in [0, 1]");
    require(weightDecay >= 0 && std::isfinite(weightDecay), "weight_decay must be finite and >= 0");
    require(routerWeightDecay >= 0 && std::isfinite(routerWeightDecay),
            "router_weight_decay must be finite and >= 0");
    require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "beta1 and beta2 must be in [0, 1)");
    require(adamEps > 0, "adam_eps must be > 0");
    require(clipNorm >= 0 && std::isfinite(clipNorm), "clip_norm must be finite and >= 0");
    require(auxLossWeight >= 0 && zLossWeight >= 0, "aux_loss_weight and z_loss_weight must be >= 0");
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)");
    require(checkpointEvery >= 0, "checkpoint_every must be >= 0");
}

float TrainConfig::learningRate(int step) const
{
    if (step < warmupSteps)
        return lr * static_cast<float>(step + 1) / static_cast<float>(warmupSteps);
    const int decaySteps = std::max(1, steps - warmupSteps);
    const double progress = std::min(1.0, static_cast<double>(step - warmupSteps) / decaySteps);
    const double cosine = 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
    return static_cast<float>(lr * (minLrRatio + (1.0 - minLrRatio) * cosine));
}

} // namespace moe

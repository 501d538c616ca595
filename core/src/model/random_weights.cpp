// Random initial weights for a config: used by init-random, the trainer's start and the tests.
#include "moe/model_writer.h"

#include "model_layout.h"

#include <cmath>
#include <numbers>
#include <random>

namespace moe {

namespace {

// Standard normal numbers by Box-Muller over std::mt19937_64, whose output the C++ standard fixes:
// unlike std::normal_distribution, the same seed gives the same weights with every standard library.
class NormalSource {
public:
    explicit NormalSource(uint64_t seed) : m_rng(seed) {}

    double next()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = uniform(), u2 = uniform();
        const double radius = std::sqrt(-2.0 * std::log(u1));
        m_spare = radius * std::sin(2.0 * std::numbers::pi * u2);
        m_hasSpare = true;
        return radius * std::cos(2.0 * std::numbers::pi * u2);
    }

    std::vector<float> fill(size_t count, double stddev)
    {
        std::vector<float> values(count);
        for (float& v : values)
            v = static_cast<float>(next() * stddev);
        return values;
    }

private:
    double uniform() { return (static_cast<double>(m_rng() >> 11) + 0.5) * 0x1.0p-53; } // in (0, 1)

    std::mt19937_64 m_rng;
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

} // namespace

FloatWeights randomWeights(const ModelConfig& config, uint64_t seed)
{
    config.validate();
    NormalSource normal(seed);
    const auto n = static_cast<size_t>(config.nEmbd), ff = static_cast<size_t>(config.nFf);
    const auto kvDim = static_cast<size_t>(config.nHeadKv * config.headDim());
    const auto experts = static_cast<size_t>(config.nExpert), vocab = static_cast<size_t>(config.nVocab);
    // Fan-in scaling (std 1/sqrt(in), 0.02 to 0.1 for these widths) keeps every projection's output
    // near unit RMS; the two projections that write into the residual stream are further scaled by
    // 1/sqrt(2 * nLayer), as GPT-2 does, so the stream stays sane however deep the model is.
    const double inN = 1.0 / std::sqrt(static_cast<double>(n)),
                 inFf = 1.0 / std::sqrt(static_cast<double>(ff));
    const double residual = 1.0 / std::sqrt(2.0 * config.nLayer);

    FloatWeights w;
    w.tokenEmbd = normal.fill(vocab * n, inN);
    for (int l = 0; l < config.nLayer; ++l) {
        FloatLayer layer;
        layer.attnNorm.assign(n, 1.0f);
        layer.ffnNorm.assign(n, 1.0f);
        layer.wq = normal.fill(n * n, inN);
        layer.wk = normal.fill(kvDim * n, inN);
        layer.wv = normal.fill(kvDim * n, inN);
        layer.wo = normal.fill(n * n, inN * residual);
        layer.router = normal.fill(experts * n, inN);
        layer.gate = normal.fill(experts * ff * n, inN);
        layer.up = normal.fill(experts * ff * n, inN);
        layer.down = normal.fill(experts * n * ff, inFf * residual);
        w.layers.push_back(std::move(layer));
    }
    w.outputNorm.assign(n, 1.0f);
    if (!config.tiedOutput)
        w.output = normal.fill(vocab * n, inN);
    return w;
}

std::vector<NamedTensor> randomTensors(const ModelConfig& config, uint64_t seed)
{
    config.validate();
    NormalSource normal(seed);
    const double residual = 1.0 / std::sqrt(2.0 * config.nLayer);
    std::vector<NamedTensor> tensors;
    for (const TensorSpec& spec : modelLayout(config)) {
        const auto count = static_cast<size_t>(spec.elements());
        const double fanIn = 1.0 / std::sqrt(static_cast<double>(spec.ne[0]));
        // The projections that write into the residual stream, scaled down as in randomWeights.
        const bool writesResidual =
            spec.name.ends_with("attn_output.weight") || spec.name.find("ffn_down") != std::string::npos;
        NamedTensor t{spec.name, spec.ne, true, {}};
        switch (spec.role) {
        case TensorRole::NormWeight:
            t.isMatrix = false;
            t.values = normal.fill(count, 0.1);
            for (float& v : t.values)
                v += 1.0f;
            break;
        case TensorRole::Vector:
            t.isMatrix = false;
            t.values = normal.fill(count, 0.1);
            if (spec.name.starts_with("rope_factors")) // frequency divisors: positive
                for (float& v : t.values)
                    v = 1.0f + 1.5f * (std::tanh(v * 10.0f) + 1.0f);
            break;
        case TensorRole::Router:
            t.isMatrix = false;
            t.values = normal.fill(count, fanIn);
            break;
        default:
            t.values = normal.fill(count, writesResidual ? fanIn * residual : fanIn);
            break;
        }
        tensors.push_back(std::move(t));
    }
    return tensors;
}

} // namespace moe

// Every architecture (olmoe, qwen2moe, granitemoe, deepseek2, phimoe, dbrx, and llama as the
// baseline) on random models written by randomTensors + buildGguf: the config survives writing and
// loading; the Session matches a naive double-precision reference written here from
// shared/reference/moe-architectures.md (not from the engine's code); the KV cache matches
// recomputation; the routing record keeps its invariants (shared experts are no routing; dense
// layers record nothing).
#include "moe/error.h"
#include "moe/model_writer.h"
#include "moe/session.h"
#include "tiny_model.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

namespace {

using moe::Architecture;
using Vec = std::vector<double>;

// ---- Random models of each family ---------------------------------------------------------

struct Case {
    const char* name;
    moe::ModelConfig config;
    int sessionContext; // phimoe picks its RoPE factors by it
};

moe::ModelConfig baseConfig(Architecture arch)
{
    moe::ModelConfig c;
    c.arch = arch;
    c.nVocab = moe::test::sampleTokenizer().vocabSize();
    c.nEmbd = 64;
    c.nLayer = 3;
    c.nHead = 4;
    c.nHeadKv = 2;
    c.nCtx = 64;
    c.nFf = 32;
    c.nExpert = 8;
    c.nExpertUsed = 2;
    c.ropeFreqBase = 500.0f; // fast-turning pairs: a wrong pairing shows within a few positions
    return c;
}

moe::ModelConfig deepseek2Config(bool v3)
{
    moe::ModelConfig c = baseConfig(Architecture::Deepseek2);
    c.nHeadKv = c.nHead;
    c.keyLength = 24; // 16 without RoPE + 8 with
    c.valueLength = 16;
    c.ropeDims = 8;
    c.kvLoraRank = 32;
    c.qLoraRank = v3 ? 24 : 0; // V2-Lite projects queries directly
    c.nLeadingDense = 1;
    c.nFfDense = 80;
    c.nExpertShared = 2;
    c.nFfShared = c.nFf * c.nExpertShared;
    c.ropeYarn = true;
    c.ropeFreqScale = 0.25f;
    c.ropeOriginalContext = 16;
    c.yarnLogMultiplier = 0.1f;
    if (v3) { // V3: sigmoid scores, a selection bias, normalised and scaled weights
        c.gating = moe::Gating::Sigmoid;
        c.selectionBias = true;
        c.normaliseGates = true;
        c.expertWeightsScale = 2.5f;
    } else {
        c.normaliseGates = false;
        c.expertWeightsScale = 1.0f;
    }
    return c;
}

std::vector<Case> cases()
{
    std::vector<Case> all;
    all.push_back({"llama", baseConfig(Architecture::Llama), 64});

    moe::ModelConfig olmoe = baseConfig(Architecture::Olmoe);
    olmoe.nHeadKv = olmoe.nHead;
    olmoe.normaliseGates = false;
    all.push_back({"olmoe", olmoe, 64});

    moe::ModelConfig qwen = baseConfig(Architecture::Qwen2Moe);
    qwen.nFfShared = 48;
    qwen.nExpertShared = 1;
    qwen.sharedExpertGated = true;
    qwen.normaliseGates = false;
    all.push_back({"qwen2moe", qwen, 64});

    moe::ModelConfig granite = baseConfig(Architecture::GraniteMoe);
    granite.embeddingScale = 12.0f;
    granite.residualScale = 0.22f;
    granite.logitScale = 6.0f;
    granite.attentionScale = 0.2f;
    granite.tiedOutput = true;
    all.push_back({"granitemoe", granite, 64});

    all.push_back({"deepseek2 (V2-Lite style)", deepseek2Config(false), 64});
    all.push_back({"deepseek2 (V3 style)", deepseek2Config(true), 64});

    moe::ModelConfig phi = baseConfig(Architecture::PhiMoe);
    phi.ropeFactors = true;
    phi.ropeOriginalContext = 32;
    all.push_back({"phimoe, short factors", phi, 32});
    all.push_back({"phimoe, long factors", phi, 64});
    phi.fusedQkv = true;
    phi.ropeAttnFactor = 1.2f;
    all.push_back({"phimoe, fused QKV", phi, 64});

    moe::ModelConfig dbrx = baseConfig(Architecture::Dbrx);
    dbrx.fusedQkv = true;
    dbrx.clampKqv = 0.6f; // clamps a good share of the random projections
    all.push_back({"dbrx", dbrx, 64});
    return all;
}

std::shared_ptr<const moe::Model> writeAndLoad(const moe::ModelConfig& config, uint64_t seed)
{
    const std::vector<moe::NamedTensor> tensors = moe::randomTensors(config, seed);
    const moe::GgufWriter writer = moe::buildGguf(config, moe::test::sampleTokenizer(), tensors);
    return moe::Model::fromGguf(moe::GgufFile::parseOwned(writer.toBytes(), "random-model"));
}

// ---- The reference ------------------------------------------------------------------------

class Weights {
public:
    explicit Weights(const moe::GgufFile& file)
    {
        for (const moe::GgufTensorInfo& info : file.tensors()) {
            int64_t count = 1;
            for (int64_t d : info.ne)
                count *= d;
            std::vector<float> values(static_cast<size_t>(count));
            const int64_t row = info.ne[0];
            for (int64_t begin = 0; begin < count; begin += row)
                moe::decodeRow(info.type,
                               file.tensorData(info).data() +
                                   begin / moe::blockSize(info.type) * moe::blockBytes(info.type),
                               std::span<float>(values.data() + begin, static_cast<size_t>(row)));
            m_tensors[info.name] = Vec(values.begin(), values.end());
        }
    }
    bool has(const std::string& name) const { return m_tensors.contains(name); }
    const Vec& operator[](const std::string& name) const
    {
        const auto it = m_tensors.find(name);
        if (it == m_tensors.end())
            qFatal("the reference needs tensor '%s'", name.c_str());
        return it->second;
    }

private:
    std::map<std::string, Vec> m_tensors;
};

// y = W x, W (rows x cols) row-major at W[offset].
Vec mul(const Vec& w, const Vec& x, size_t rows, size_t offset = 0)
{
    const size_t cols = x.size();
    Vec y(rows, 0.0);
    for (size_t r = 0; r < rows; ++r)
        for (size_t c = 0; c < cols; ++c)
            y[r] += w[offset + r * cols + c] * x[c];
    return y;
}

Vec slice(const Vec& v, size_t begin, size_t count)
{
    return Vec(v.begin() + static_cast<long>(begin), v.begin() + static_cast<long>(begin + count));
}

void add(Vec& a, const Vec& b, double scale = 1.0)
{
    for (size_t i = 0; i < a.size(); ++i)
        a[i] += scale * b[i];
}

Vec rmsNorm(const Vec& x, const Vec& w, double eps)
{
    double ms = 0.0;
    for (double v : x)
        ms += v * v / static_cast<double>(x.size());
    Vec y(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        y[i] = x[i] / std::sqrt(ms + eps) * w[i];
    return y;
}

Vec layerNorm(const Vec& x, const Vec& w, double eps)
{
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    double var = 0.0;
    for (double v : x)
        var += (v - mean) * (v - mean) / static_cast<double>(x.size());
    Vec y(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        y[i] = (x[i] - mean) / std::sqrt(var + eps) * w[i];
    return y;
}

double sigmoid(double v)
{
    return 1.0 / (1.0 + std::exp(-v));
}

Vec swigluFfn(const Weights& w, const std::string& p, const std::string& suffix, const Vec& h, size_t ff,
              size_t expert = 0)
{
    const size_t n = h.size();
    const Vec g = mul(w[p + "ffn_gate" + suffix + ".weight"], h, ff, expert * ff * n);
    const Vec u = mul(w[p + "ffn_up" + suffix + ".weight"], h, ff, expert * ff * n);
    Vec a(ff);
    for (size_t i = 0; i < ff; ++i)
        a[i] = g[i] * sigmoid(g[i]) * u[i];
    return mul(w[p + "ffn_down" + suffix + ".weight"], a, n, expert * n * ff);
}

struct Reference {
    const moe::ModelConfig& c;
    const Weights& w;
    int sessionContext;

    struct Token {
        Vec hidden, logits;
        std::vector<std::vector<int>> experts; // per layer (empty in dense layers)
        std::vector<Vec> gates;
    };

    bool neox() const
    {
        return c.arch != Architecture::Llama && c.arch != Architecture::GraniteMoe &&
               c.arch != Architecture::Deepseek2;
    }

    // RoPE of `dims` values at v[0..dims) (ggml's rope_ext with YaRN, written from its definition).
    void rope(double* v, int dims, int pos) const
    {
        const double base = c.ropeFreqBase, fs = c.ropeFreqScale;
        const int original = c.ropeOriginalContext ? c.ropeOriginalContext : c.nCtx;
        const auto corrDim = [&](double beta) {
            return dims * std::log(original / (beta * 2.0 * M_PI)) / (2.0 * std::log(base));
        };
        const double low = std::max(0.0, std::floor(corrDim(32.0)));
        const double high = std::min(dims - 1.0, std::ceil(corrDim(1.0)));
        Vec factors(static_cast<size_t>(dims / 2), 1.0);
        if (c.ropeFactors)
            factors = w[sessionContext > original ? "rope_factors_long.weight" : "rope_factors_short.weight"];
        double attn = c.ropeAttnFactor;
        if (c.arch == Architecture::Deepseek2)
            attn = 1.0 / (1.0 + 0.1 * std::log(1.0 / fs));
        for (int i = 0; i < dims / 2; ++i) {
            const double extrap = pos * std::pow(base, -2.0 * i / dims) / factors[static_cast<size_t>(i)];
            double theta = fs * extrap, m = attn;
            if (c.ropeYarn) {
                const double mix = 1.0 - std::clamp((i - low) / std::max(0.001, high - low), 0.0, 1.0);
                theta = theta * (1.0 - mix) + extrap * mix;
                m *= 1.0 + 0.1 * std::log(1.0 / fs);
            }
            double& a = neox() ? v[i] : v[2 * i];
            double& b = neox() ? v[i + dims / 2] : v[2 * i + 1];
            const double x0 = a, x1 = b;
            a = (x0 * std::cos(theta) - x1 * std::sin(theta)) * m;
            b = (x0 * std::sin(theta) + x1 * std::cos(theta)) * m;
        }
    }

    Vec norm(const std::string& name, const Vec& x) const
    {
        Vec y = c.arch == Architecture::Dbrx ? layerNorm(x, w[name + ".weight"], c.rmsEps)
                                             : rmsNorm(x, w[name + ".weight"], c.rmsEps);
        if (w.has(name + ".bias"))
            add(y, w[name + ".bias"]);
        return y;
    }

    void attention(int l, std::vector<Vec>& x) const
    {
        const std::string p = "blk." + std::to_string(l) + ".";
        const size_t T = x.size(), H = size_t(c.nHead), Hkv = size_t(c.nHeadKv);
        const size_t kd = size_t(c.keyDim()), vd = size_t(c.valueDim()), dr = size_t(c.rotaryDims());
        std::vector<Vec> q(T), k(T), v(T);
        double scale = 1.0 / std::sqrt(double(kd));
        for (size_t t = 0; t < T; ++t) {
            const Vec h = norm(p + "attn_norm", x[t]);
            if (c.arch == Architecture::Deepseek2) {
                const size_t rank = size_t(c.kvLoraRank), nope = kd - dr;
                q[t] = c.qLoraRank ? mul(w[p + "attn_q_b.weight"],
                                         rmsNorm(mul(w[p + "attn_q_a.weight"], h, size_t(c.qLoraRank)),
                                                 w[p + "attn_q_a_norm.weight"], c.rmsEps),
                                         H * kd)
                                   : mul(w[p + "attn_q.weight"], h, H * kd);
                const Vec kva = mul(w[p + "attn_kv_a_mqa.weight"], h, rank + dr);
                Vec kPe = slice(kva, rank, dr);
                rope(kPe.data(), int(dr), int(t));
                const Vec kv = mul(w[p + "attn_kv_b.weight"],
                                   rmsNorm(slice(kva, 0, rank), w[p + "attn_kv_a_norm.weight"], c.rmsEps),
                                   H * (nope + vd));
                k[t].assign(H * kd, 0.0);
                v[t].assign(H * vd, 0.0);
                for (size_t head = 0; head < H; ++head) {
                    rope(q[t].data() + head * kd + nope, int(dr), int(t));
                    for (size_t i = 0; i < nope; ++i)
                        k[t][head * kd + i] = kv[head * (nope + vd) + i];
                    for (size_t i = 0; i < dr; ++i)
                        k[t][head * kd + nope + i] = kPe[i];
                    for (size_t i = 0; i < vd; ++i)
                        v[t][head * vd + i] = kv[head * (nope + vd) + nope + i];
                }
                const double m =
                    c.ropeAttnFactor * (1.0 + c.yarnLogMultiplier * std::log(1.0 / c.ropeFreqScale));
                scale = m * m / std::sqrt(double(kd));
                continue;
            }
            if (c.fusedQkv) {
                Vec qkv = mul(w[p + "attn_qkv.weight"], h, (H + 2 * Hkv) * kd);
                if (c.clampKqv > 0)
                    for (double& e : qkv)
                        e = std::clamp(e, -double(c.clampKqv), double(c.clampKqv));
                q[t] = slice(qkv, 0, H * kd);
                k[t] = slice(qkv, H * kd, Hkv * kd);
                v[t] = slice(qkv, (H + Hkv) * kd, Hkv * vd);
            } else {
                q[t] = mul(w[p + "attn_q.weight"], h, H * kd);
                k[t] = mul(w[p + "attn_k.weight"], h, Hkv * kd);
                v[t] = mul(w[p + "attn_v.weight"], h, Hkv * vd);
                if (w.has(p + "attn_q.bias")) {
                    add(q[t], w[p + "attn_q.bias"]);
                    add(k[t], w[p + "attn_k.bias"]);
                    add(v[t], w[p + "attn_v.bias"]);
                }
            }
            if (c.arch == Architecture::Olmoe) {
                q[t] = rmsNorm(q[t], w[p + "attn_q_norm.weight"], c.rmsEps);
                k[t] = rmsNorm(k[t], w[p + "attn_k_norm.weight"], c.rmsEps);
            }
            for (size_t head = 0; head < H; ++head)
                rope(q[t].data() + head * kd, int(dr), int(t));
            for (size_t head = 0; head < Hkv; ++head)
                rope(k[t].data() + head * kd, int(dr), int(t));
            if (c.arch == Architecture::PhiMoe) {
                for (double& e : q[t])
                    e /= std::sqrt(double(kd));
                scale = 1.0;
            }
            if (c.arch == Architecture::GraniteMoe)
                scale = c.attentionScale;
        }
        for (size_t t = 0; t < T; ++t) {
            Vec att(H * vd, 0.0);
            for (size_t head = 0; head < H; ++head) {
                const size_t g = head / (H / Hkv);
                Vec s(t + 1, 0.0);
                for (size_t j = 0; j <= t; ++j) {
                    for (size_t i = 0; i < kd; ++i)
                        s[j] += q[t][head * kd + i] * k[j][g * kd + i];
                    s[j] *= scale;
                }
                const double top = *std::max_element(s.begin(), s.end());
                double z = 0.0;
                for (double& e : s)
                    z += (e = std::exp(e - top));
                for (size_t j = 0; j <= t; ++j)
                    for (size_t i = 0; i < vd; ++i)
                        att[head * vd + i] += s[j] / z * v[j][g * vd + i];
            }
            Vec o = mul(w[p + "attn_output.weight"], att, size_t(c.nEmbd));
            if (w.has(p + "attn_output.bias"))
                add(o, w[p + "attn_output.bias"]);
            add(x[t], o, c.residualScale != 0 ? c.residualScale : 1.0);
        }
    }

    void feedForward(int l, Vec& x, Token& out) const
    {
        const std::string p = "blk." + std::to_string(l) + ".";
        const Vec h = norm(p + (c.arch == Architecture::Dbrx ? "attn_output_norm" : "ffn_norm"), x);
        const double residual = c.residualScale != 0 ? c.residualScale : 1.0;
        if (l < c.nLeadingDense) {
            add(x, swigluFfn(w, p, "", h, size_t(c.nFfDense)), residual);
            out.experts.emplace_back();
            out.gates.emplace_back();
            return;
        }
        const size_t E = size_t(c.nExpert);
        Vec probs = mul(w[p + "ffn_gate_inp.weight"], h, E);
        if (c.gating == moe::Gating::Sigmoid) {
            for (double& e : probs)
                e = sigmoid(e);
        } else {
            const double top = *std::max_element(probs.begin(), probs.end());
            double z = 0.0;
            for (double& e : probs)
                z += (e = std::exp(e - top));
            for (double& e : probs)
                e /= z;
        }
        Vec score = probs;
        if (c.selectionBias)
            add(score, w[p + "exp_probs_b.bias"]);
        std::vector<int> order(E);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return score[size_t(a)] > score[size_t(b)]; });
        order.resize(size_t(c.nExpertUsed));
        Vec gates;
        double sum = 0.0;
        for (int e : order)
            sum += probs[size_t(e)];
        for (int e : order)
            gates.push_back(probs[size_t(e)] / (c.normaliseGates ? sum : 1.0) *
                            (c.expertWeightsScale != 0 ? c.expertWeightsScale : 1.0));
        Vec y(x.size(), 0.0);
        for (size_t j = 0; j < order.size(); ++j)
            add(y, swigluFfn(w, p, "_exps", h, size_t(c.nFf), size_t(order[j])), gates[j]);
        if (c.nFfShared > 0) {
            double gate = 1.0;
            if (c.sharedExpertGated) {
                const Vec& gw = w[p + "ffn_gate_inp_shexp.weight"];
                gate = sigmoid(std::inner_product(gw.begin(), gw.end(), h.begin(), 0.0));
            }
            add(y, swigluFfn(w, p, "_shexp", h, size_t(c.nFfShared)), gate);
        }
        add(x, y, residual);
        out.experts.push_back(order);
        out.gates.push_back(gates);
    }

    std::vector<Token> run(const std::vector<int>& tokens) const
    {
        const size_t n = size_t(c.nEmbd);
        std::vector<Vec> x;
        for (int id : tokens) {
            x.push_back(slice(w["token_embd.weight"], size_t(id) * n, n));
            if (c.embeddingScale != 0)
                for (double& e : x.back())
                    e *= c.embeddingScale;
        }
        std::vector<Token> out(tokens.size());
        for (int l = 0; l < c.nLayer; ++l) {
            attention(l, x);
            for (size_t t = 0; t < x.size(); ++t)
                feedForward(l, x[t], out[t]);
        }
        const Vec& head = w[w.has("output.weight") ? "output.weight" : "token_embd.weight"];
        for (size_t t = 0; t < x.size(); ++t) {
            out[t].hidden = norm("output_norm", x[t]);
            out[t].logits = mul(head, out[t].hidden, size_t(c.nVocab));
            if (w.has("output.bias"))
                add(out[t].logits, w["output.bias"]);
            if (c.logitScale != 0)
                for (double& e : out[t].logits)
                    e /= c.logitScale;
        }
        return out;
    }
};

double relativeError(const float* got, const Vec& want)
{
    double diff = 0.0, scale = 0.0;
    for (size_t i = 0; i < want.size(); ++i) {
        diff = std::max(diff, std::fabs(got[i] - want[i]));
        scale = std::max(scale, std::fabs(want[i]));
    }
    return diff / std::max(scale, 1e-30);
}

const std::vector<int> kTokens = {5, 77, 301, 12, 9, 250, 40, 41, 42, 7, 150, 3};

} // namespace

class TestArchitectures : public QObject {
    Q_OBJECT
private slots:
    void configSurvivesWriteAndLoad_data();
    void configSurvivesWriteAndLoad();
    void matchesTheReference_data();
    void matchesTheReference();
    void cacheMatchesRecomputation_data();
    void cacheMatchesRecomputation();
    void parameterCountsAddUp();
    void damagedFamiliesAreRefusedByName_data();
    void damagedFamiliesAreRefusedByName();
    void deepseek2SharedWidthOverflowIsRefused();

private:
    void addCases();
};

void TestArchitectures::addCases()
{
    QTest::addColumn<int>("index");
    const std::vector<Case> all = cases();
    for (size_t i = 0; i < all.size(); ++i)
        QTest::newRow(all[i].name) << int(i);
}

void TestArchitectures::configSurvivesWriteAndLoad_data()
{
    addCases();
}

void TestArchitectures::configSurvivesWriteAndLoad()
{
    QFETCH(int, index);
    const Case c = cases()[size_t(index)];
    const auto model = writeAndLoad(c.config, 11);
    const moe::ModelConfig& got = model->config();
    const moe::ModelConfig& want = c.config;
    QCOMPARE(got.arch, want.arch);
    QCOMPARE(got.nEmbd, want.nEmbd);
    QCOMPARE(got.nHeadKv, want.nHeadKv);
    QCOMPARE(got.nFf, want.nFf);
    QCOMPARE(got.keyDim(), want.keyDim());
    QCOMPARE(got.valueDim(), want.valueDim());
    QCOMPARE(got.rotaryDims(), want.rotaryDims());
    QCOMPARE(got.qLoraRank, want.qLoraRank);
    QCOMPARE(got.kvLoraRank, want.kvLoraRank);
    QCOMPARE(got.fusedQkv, want.fusedQkv);
    QCOMPARE(got.clampKqv, want.clampKqv);
    QCOMPARE(got.nLeadingDense, want.nLeadingDense);
    QCOMPARE(got.nFfDense, want.nLeadingDense ? want.nFfDense : got.nFfDense);
    QCOMPARE(got.nFfShared, want.nFfShared);
    QCOMPARE(got.sharedExpertGated, want.sharedExpertGated);
    QCOMPARE(got.gating, want.gating);
    QCOMPARE(got.normaliseGates, want.normaliseGates);
    QCOMPARE(got.expertWeightsScale, want.expertWeightsScale);
    QCOMPARE(got.selectionBias, want.selectionBias);
    QCOMPARE(got.embeddingScale, want.embeddingScale);
    QCOMPARE(got.residualScale, want.residualScale);
    QCOMPARE(got.logitScale, want.logitScale);
    QCOMPARE(got.attentionScale, want.attentionScale);
    QCOMPARE(got.ropeFreqScale, want.ropeFreqScale);
    QCOMPARE(got.ropeYarn, want.ropeYarn);
    QCOMPARE(got.ropeOriginalContext, want.ropeOriginalContext);
    QCOMPARE(got.ropeAttnFactor, want.ropeAttnFactor);
    QCOMPARE(got.yarnLogMultiplier, want.yarnLogMultiplier);
    QCOMPARE(got.ropeFactors, want.ropeFactors);
    QCOMPARE(got.tiedOutput, want.tiedOutput);
    QCOMPARE(got.totalParameters(), want.totalParameters());
    // Read back as floats and written again: the same file, byte for byte.
    const std::vector<std::byte> original =
        moe::buildGguf(c.config, moe::test::sampleTokenizer(), moe::randomTensors(c.config, 11)).toBytes();
    QVERIFY(moe::buildGguf(got, model->tokenizer(), moe::modelTensors(*model)).toBytes() == original);
}

void TestArchitectures::matchesTheReference_data()
{
    addCases();
}

void TestArchitectures::matchesTheReference()
{
    QFETCH(int, index);
    const Case c = cases()[size_t(index)];
    const auto model = writeAndLoad(c.config, 23);
    const Weights weights(model->file());
    const Reference reference{model->config(), weights, c.sessionContext};
    const std::vector<Reference::Token> want = reference.run(kTokens);

    moe::Session session(model, {.threads = 2, .contextLength = c.sessionContext});
    std::vector<std::vector<float>> hidden;
    const std::vector<moe::TokenRouting> routing = session.prefill(kTokens, &hidden);
    double worstHidden = 0.0;
    for (size_t t = 0; t < kTokens.size(); ++t) {
        worstHidden = std::max(worstHidden, relativeError(hidden[t].data(), want[t].hidden));
        for (int l = 0; l < c.config.nLayer; ++l) {
            const moe::LayerRouting& r = routing[t].layers[size_t(l)];
            const std::vector<int>& experts = want[t].experts[size_t(l)];
            QCOMPARE(r.experts, experts);
            QCOMPARE(r.probs.size(), experts.empty() ? size_t(0) : size_t(c.config.nExpert));
            for (size_t j = 0; j < experts.size(); ++j)
                QVERIFY(std::fabs(r.gates[j] - want[t].gates[size_t(l)][j]) <= 1e-5);
        }
    }
    const double logitError = relativeError(session.logits().data(), want.back().logits);
    qInfo("%s: max relative error hidden %.2g, last logits %.2g", c.name, worstHidden, logitError);
    QVERIFY2(worstHidden <= 1e-4, QByteArray::number(worstHidden));
    QVERIFY2(logitError <= 1e-4, QByteArray::number(logitError));
}

void TestArchitectures::cacheMatchesRecomputation_data()
{
    addCases();
}

// Step by step through the KV cache equals one batched prefill of the whole sequence.
void TestArchitectures::cacheMatchesRecomputation()
{
    QFETCH(int, index);
    const Case c = cases()[size_t(index)];
    const auto model = writeAndLoad(c.config, 31);
    moe::Session stepped(model, {.threads = 2, .contextLength = c.sessionContext});
    moe::Session batched(model, {.threads = 1, .contextLength = c.sessionContext});
    for (int token : kTokens)
        stepped.step(token);
    batched.prefill(kTokens);
    for (int i = 0; i < c.config.nVocab; ++i)
        QCOMPARE(stepped.logits()[i], batched.logits()[i]);
}

void TestArchitectures::parameterCountsAddUp()
{
    // DeepSeek-V3-style: 1 dense layer + 2 MoE layers; every MoE layer leaves (8 - 2) experts asleep.
    const moe::ModelConfig c = deepseek2Config(true);
    int64_t total = 0;
    for (const moe::NamedTensor& t : moe::randomTensors(c, 1))
        total += int64_t(t.values.size());
    QCOMPARE(c.totalParameters(), total);
    QCOMPARE(c.activeParametersPerToken(), total - 2 * 6 * c.expertParameters());
}

namespace {

// A valid random model of `config` rewritten with one key left out and one tensor replaced (by
// name: a new shape, nullopt = left out).
struct Damage {
    std::string dropKey;
    std::string tensor;
    std::optional<std::vector<int64_t>> shape;
};

std::vector<std::byte> damagedModel(const moe::ModelConfig& config, const Damage& damage)
{
    const moe::GgufFile good = moe::GgufFile::parseOwned(
        moe::buildGguf(config, moe::test::sampleTokenizer(), moe::randomTensors(config, 5)).toBytes());
    moe::GgufWriter writer;
    for (const auto& [key, value] : good.metadata().entries())
        if (key != damage.dropKey)
            writer.metadata().add(key, value);
    for (const moe::GgufTensorInfo& info : good.tensors()) {
        if (info.name != damage.tensor) {
            const auto data = good.tensorData(info);
            writer.addTensor(info.name, info.type, info.ne, std::vector<std::byte>(data.begin(), data.end()));
        } else if (damage.shape) {
            int64_t count = 1;
            for (int64_t d : *damage.shape)
                count *= d;
            writer.addTensor(info.name, info.type, *damage.shape,
                             std::vector<std::byte>(size_t(count) * sizeof(float)));
        }
    }
    return writer.toBytes();
}

} // namespace

void TestArchitectures::damagedFamiliesAreRefusedByName_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("dropKey");
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<QList<qint64>>("shape"); // empty: the tensor is left out
    QTest::addColumn<QString>("named");
    const std::vector<Case> all = cases();
    const auto index = [&](const char* name) {
        for (size_t i = 0; i < all.size(); ++i)
            if (std::string(all[i].name) == name)
                return int(i);
        qFatal("no case %s", name);
    };
    QTest::newRow("qwen2moe shared expert of the wrong shape")
        << index("qwen2moe") << ""
        << "blk.1.ffn_up_shexp.weight" << QList<qint64>{64, 47} << "blk.1.ffn_up_shexp.weight";
    QTest::newRow("qwen2moe shared-expert gate missing")
        << index("qwen2moe") << ""
        << "blk.0.ffn_gate_inp_shexp.weight" << QList<qint64>{} << "blk.0.ffn_gate_inp_shexp.weight";
    QTest::newRow("deepseek2 kv_lora_rank missing")
        << index("deepseek2 (V3 style)") << "deepseek2.attention.kv_lora_rank"
        << "" << QList<qint64>{} << "deepseek2.attention.kv_lora_rank";
    QTest::newRow("deepseek2 dense layer's FFN missing")
        << index("deepseek2 (V3 style)") << ""
        << "blk.0.ffn_down.weight" << QList<qint64>{} << "blk.0.ffn_down.weight";
    QTest::newRow("deepseek2 expert_gating_func 3")
        << index("deepseek2 (V3 style)") << ""
        << "" << QList<qint64>{} << "deepseek2.expert_gating_func";
    QTest::newRow("granitemoe logit_scale missing") << index("granitemoe") << "granitemoe.logit_scale"
                                                    << "" << QList<qint64>{} << "granitemoe.logit_scale";
    QTest::newRow("dbrx clamp_kqv missing") << index("dbrx") << "dbrx.attention.clamp_kqv"
                                            << "" << QList<qint64>{} << "dbrx.attention.clamp_kqv";
    QTest::newRow("olmoe k_norm missing")
        << index("olmoe") << ""
        << "blk.2.attn_k_norm.weight" << QList<qint64>{} << "blk.2.attn_k_norm.weight";
    QTest::newRow("phimoe output bias of the wrong length")
        << index("phimoe, short factors") << ""
        << "output.bias" << QList<qint64>{7} << "output.bias";
}

void TestArchitectures::damagedFamiliesAreRefusedByName()
{
    QFETCH(int, index);
    QFETCH(QString, dropKey);
    QFETCH(QString, tensor);
    QFETCH(QList<qint64>, shape);
    QFETCH(QString, named);
    Damage damage{dropKey.toStdString(), tensor.toStdString(), std::nullopt};
    if (!shape.isEmpty())
        damage.shape = std::vector<int64_t>(shape.begin(), shape.end());
    std::vector<std::byte> bytes = damagedModel(cases()[size_t(index)].config, damage);
    if (named == "deepseek2.expert_gating_func") { // a value out of range instead of a damage
        moe::GgufFile file = moe::GgufFile::parseOwned(std::move(bytes));
        moe::GgufWriter writer;
        writer.metadata() = file.metadata();
        writer.metadata().setOrReplace("deepseek2.expert_gating_func",
                                       moe::GgufValue{moe::GgufScalar{uint32_t{3}}});
        for (const moe::GgufTensorInfo& info : file.tensors()) {
            const auto data = file.tensorData(info);
            writer.addTensor(info.name, info.type, info.ne, std::vector<std::byte>(data.begin(), data.end()));
        }
        bytes = writer.toBytes();
    }
    try {
        moe::Model::fromGguf(moe::GgufFile::parseOwned(std::move(bytes), "damaged.gguf"));
        QFAIL("the damaged model was loaded");
    } catch (const moe::FormatError& e) {
        qInfo("%s", e.what());
        QVERIFY2(std::string(e.what()).find(named.toStdString()) != std::string::npos, e.what());
    }
}

void TestArchitectures::deepseek2SharedWidthOverflowIsRefused()
{
    // Found by reading the loader while extending fuzz_model_loader: expert_feed_forward_length times
    // expert_shared_count was an int product, so 2^20 x 4096 overflowed (undefined; 0 in practice)
    // before validate() could refuse it, and the error then blamed a tensor's shape.
    const moe::ModelConfig config = deepseek2Config(true);
    const moe::GgufFile good = moe::GgufFile::parseOwned(
        moe::buildGguf(config, moe::test::sampleTokenizer(), moe::randomTensors(config, 5)).toBytes());
    moe::GgufWriter writer;
    writer.metadata() = good.metadata();
    writer.metadata().setOrReplace("deepseek2.expert_feed_forward_length",
                                   moe::GgufValue{moe::GgufScalar{uint32_t{1} << 20}});
    writer.metadata().setOrReplace("deepseek2.expert_shared_count",
                                   moe::GgufValue{moe::GgufScalar{uint32_t{4096}}});
    for (const moe::GgufTensorInfo& info : good.tensors()) {
        const auto data = good.tensorData(info);
        writer.addTensor(info.name, info.type, info.ne, std::vector<std::byte>(data.begin(), data.end()));
    }
    try {
        moe::Model::fromGguf(moe::GgufFile::parseOwned(writer.toBytes(), "overflow.gguf"));
        QFAIL("the model was loaded");
    } catch (const moe::FormatError& e) {
        const std::string message = e.what();
        QVERIFY2(message.find("deepseek2.expert_shared_count' 4096") != std::string::npos, e.what());
        QVERIFY2(message.find("4294967296") != std::string::npos, e.what());
    }
}

QTEST_GUILESS_MAIN(TestArchitectures)
#include "test_architectures.moc"

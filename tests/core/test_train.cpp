// The trainer as a whole: the full model's gradient against finite differences (double), training
// lowers the loss, export gives the engine the same logits and routing (also under a routing override),
// and the settings, schedule and optimizer do what they say. Seeds are fixed.
#include "network.h"
#include "optimizer.h"
#include "param_layout.h"

#include "moe/error.h"
#include "moe/model.h"
#include "moe/session.h"
#include "moe/train.h"
#include "tiny_model.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <string>

namespace {

// The double-precision checks' model: 2 layers, d 8, 2 heads, 4 experts of width 6, top-2.
moe::ModelConfig gradientCheckModel(int vocab, int kvHeads, int ctx)
{
    moe::ModelConfig m;
    m.nVocab = vocab;
    m.nEmbd = 8;
    m.nLayer = 2;
    m.nHead = 2;
    m.nHeadKv = kvHeads;
    m.nFf = 6;
    m.nExpert = 4;
    m.nExpertUsed = 2;
    m.nCtx = ctx;
    return m;
}

moe::ModelConfig smallModel(int vocab)
{
    moe::ModelConfig m;
    m.nVocab = vocab;
    m.nEmbd = 32;
    m.nLayer = 2;
    m.nHead = 4;
    m.nHeadKv = 2;
    m.nFf = 48;
    m.nExpert = 4;
    m.nExpertUsed = 2;
    m.nCtx = 32;
    return m;
}

// A run small enough for the sanitizer build, big enough to learn the synthetic stream.
moe::TrainConfig smallRun(int vocab = 64)
{
    moe::TrainConfig c;
    c.model = smallModel(vocab);
    c.seqLen = 32;
    c.batchSize = 8;
    c.steps = 150;
    c.warmupSteps = 10;
    c.lr = 1e-2f;
    c.weightDecay = 0.01f;
    c.auxLossWeight = 0.01f;
    c.zLossWeight = 1e-3f;
    c.threads = 2;
    c.seed = 3;
    return c;
}

// The engine (a Session, one token at a time) against the trainer's own forward pass over the same
// tokens, both under `experiment`: the largest differences of the logits, probabilities and gates,
// and the (token, layer) pairs where they chose other experts (gates compared only where not).
struct EngineAgreement {
    double logits = 0, probs = 0, gates = 0;
    int otherChoices = 0, disabledChosen = 0;
    double smallestMargin = 1;              // engine: chosen k-th minus best unchosen probability, over all
    std::vector<moe::TokenRouting> routing; // the engine's
};

EngineAgreement compareWithEngine(moe::Trainer& trainer, std::shared_ptr<const moe::Model> model,
                                  const std::vector<int>& tokens, const moe::RoutingOverride& experiment)
{
    const int nVocab = model->config().nVocab;
    const moe::Trainer::Forward ours = trainer.forward(tokens, experiment);
    moe::Session session(std::move(model), {.threads = 1});
    session.setRoutingOverride(experiment);
    EngineAgreement a;
    const auto track = [](double& worst, float x, float y) {
        worst = std::max(worst, static_cast<double>(std::abs(x - y)));
    };
    for (size_t t = 0; t < tokens.size(); ++t) {
        a.routing.push_back(session.step(tokens[t]));
        for (int v = 0; v < nVocab; ++v)
            track(a.logits, session.logits()[v],
                  ours.logits[t * static_cast<size_t>(nVocab) + static_cast<size_t>(v)]);
        for (size_t l = 0; l < a.routing.back().layers.size(); ++l) {
            const moe::LayerRouting& theirs = a.routing.back().layers[l];
            const moe::LayerRouting& mine = ours.routing[t].layers[l];
            for (size_t e = 0; e < theirs.probs.size(); ++e)
                track(a.probs, theirs.probs[e], mine.probs[e]);
            float bestUnchosen = 0;
            for (int e = 0; e < static_cast<int>(theirs.probs.size()); ++e) {
                const auto in = [e](const std::vector<int>& experts) {
                    return std::find(experts.begin(), experts.end(), e) != experts.end();
                };
                const bool off =
                    !experiment.disabled.empty() && experiment.disabled[l][static_cast<size_t>(e)];
                if (!off && !in(theirs.experts))
                    bestUnchosen = std::max(bestUnchosen, theirs.probs[static_cast<size_t>(e)]);
                if (off && (in(theirs.experts) || in(mine.experts)))
                    ++a.disabledChosen;
            }
            a.smallestMargin = std::min(
                a.smallestMargin,
                static_cast<double>(theirs.probs[static_cast<size_t>(theirs.experts.back())] - bestUnchosen));
            if (theirs.experts != mine.experts) {
                ++a.otherChoices;
                continue;
            }
            for (size_t j = 0; j < theirs.gates.size(); ++j)
                track(a.gates, theirs.gates[j], mine.gates[j]);
        }
    }
    qInfo("engine vs trainer (top-k %d, %s): max difference logits %.3g, probs %.3g, gates %.3g; other "
          "choices %d of %zu; smallest top-k margin %.3g",
          experiment.topK, experiment.disabled.empty() ? "no expert disabled" : "experts disabled", a.logits,
          a.probs, a.gates, a.otherChoices, tokens.size() * a.routing.front().layers.size(),
          a.smallestMargin);
    return a;
}

// The trainer computes what the engine does: the same logits up to float rounding (the matrix
// products sum in another order), the same experts chosen, never a disabled one.
void checkAgreement(const EngineAgreement& a)
{
    QVERIFY2(a.logits < 1e-4, std::to_string(a.logits).c_str());
    QVERIFY2(a.probs < 1e-5, std::to_string(a.probs).c_str());
    QVERIFY2(a.gates < 1e-5, std::to_string(a.gates).c_str());
    QCOMPARE(a.otherChoices, 0);
    QCOMPARE(a.disabledChosen, 0);
}

bool sameWeights(const moe::FloatWeights& a, const moe::FloatWeights& b)
{
    if (a.tokenEmbd != b.tokenEmbd || a.outputNorm != b.outputNorm || a.output != b.output ||
        a.layers.size() != b.layers.size())
        return false;
    for (size_t l = 0; l < a.layers.size(); ++l) {
        const moe::FloatLayer &x = a.layers[l], &y = b.layers[l];
        if (x.attnNorm != y.attnNorm || x.ffnNorm != y.ffnNorm || x.wq != y.wq || x.wk != y.wk ||
            x.wv != y.wv || x.wo != y.wo || x.router != y.router || x.gate != y.gate || x.up != y.up ||
            x.down != y.down)
            return false;
    }
    return true;
}

template <typename F> std::string thrownMessage(F&& f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class TestTrain : public QObject {
    Q_OBJECT
private slots:
    void wholeModelGradient_data()
    {
        QTest::addColumn<int>("kvHeads");
        QTest::addColumn<bool>("tied");
        QTest::addColumn<double>("dropout");
        QTest::newRow("multi-head, untied output") << 2 << false << 0.0;
        QTest::newRow("grouped-query, tied output") << 1 << true << 0.0;
        // The same masks in every pass (they depend on the seed only), so the loss stays smooth.
        QTest::newRow("multi-head, dropout 0.3") << 2 << false << 0.3;
    }

    // Every parameter tensor, sampled coordinates, against central differences of the whole loss
    // (cross-entropy + load balancing + z-loss) in double. Top-k routing is piecewise constant:
    // the test checks that no perturbation changed any token's choice (with this seed none does),
    // so the finite differences see the smooth piece the analytic gradient describes.
    void wholeModelGradient()
    {
        QFETCH(int, kvHeads);
        QFETCH(bool, tied);
        QFETCH(double, dropout);
        moe::ModelConfig cfg = gradientCheckModel(/*vocab=*/13, kvHeads, /*ctx=*/8);
        cfg.tiedOutput = tied;
        const int sequences = 2, length = 5;
        const double auxWeight = 0.5, zWeight = 0.05;

        const moe::train::ParamLayout layout(cfg);
        std::vector<double> params(layout.total());
        layout.fromWeights(moe::randomWeights(cfg, /*seed=*/21), params.data());
        std::mt19937_64 rng(22);
        std::normal_distribution<double> normal(0.0, 1.0);
        for (const moe::train::ParamTensor& t : layout.tensors()) {
            for (size_t i = 0; i < t.count; ++i) // norms away from 1, matrices a little larger
                params[t.offset + i] = t.decay ? params[t.offset + i] * 1.5 : 1.0 + 0.3 * normal(rng);
        }
        std::vector<int> windows(static_cast<size_t>(sequences * (length + 1)));
        for (int& id : windows)
            id = static_cast<int>(rng() % static_cast<uint64_t>(cfg.nVocab));

        moe::train::Network<double> net(cfg, layout, sequences, length);
        net.setDropout(dropout, /*seed=*/23);
        const auto routing = [&] {
            std::vector<int> chosen;
            for (int l = 0; l < cfg.nLayer; ++l)
                chosen.insert(chosen.end(), net.chosen(l),
                              net.chosen(l) + sequences * length * cfg.nExpertUsed);
            return chosen;
        };
        moe::train::ShardStats stats;
        moe::train::LossGrad<double> lossGrad;
        stats.reset(cfg.nLayer, cfg.nExpert);
        // NaN where the gradients go: the passes must assign every one (a missed one stays NaN).
        std::vector<double> grads(layout.total(), std::nan(""));
        net.forward(params.data(), windows.data(), sequences, length,
                    moe::train::Network<double>::Pass::Train, 1.0 / (sequences * length), stats,
                    grads.data());
        const std::vector<int> baseRouting = routing();
        moe::train::assembleLoss(stats, cfg, auxWeight, zWeight, lossGrad);
        net.backward(params.data(), lossGrad, grads.data());

        const auto loss = [&] {
            moe::train::ShardStats s;
            s.reset(cfg.nLayer, cfg.nExpert);
            net.forward(params.data(), windows.data(), sequences, length,
                        moe::train::Network<double>::Pass::Loss, 0.0, s);
            if (routing() != baseRouting)
                qFatal("a perturbation changed the top-k routing: pick another seed");
            moe::train::LossGrad<double> unused;
            return moe::train::assembleLoss(s, cfg, auxWeight, zWeight, unused).total;
        };
        const double h = 1e-5;
        for (const moe::train::ParamTensor& t : layout.tensors()) {
            double worst = 0;
            for (int sample = 0; sample < 8; ++sample) {
                const size_t i = t.offset + static_cast<size_t>(rng() % t.count);
                const double saved = params[i];
                params[i] = saved + h;
                const double plus = loss();
                params[i] = saved - h;
                const double minus = loss();
                params[i] = saved;
                const double numeric = (plus - minus) / (2 * h);
                QVERIFY2(std::isfinite(grads[i]), (t.name + ": gradient not written").c_str());
                worst = std::max(worst, std::abs(grads[i] - numeric) /
                                            std::max({1e-6, std::abs(grads[i]), std::abs(numeric)}));
            }
            QVERIFY2(worst <= 1e-3, (t.name + ": relative error " + std::to_string(worst)).c_str());
        }
    }

    // The passes assign the gradient rather than add to it: a second step into the same buffer gives
    // the same values, and experts that got no token get exactly zero (one token: 2 of 4 chosen).
    void backwardAssignsEveryGradient()
    {
        const moe::ModelConfig cfg = gradientCheckModel(/*vocab=*/11, /*kvHeads=*/2, /*ctx=*/4);
        const moe::train::ParamLayout layout(cfg);
        std::vector<double> params(layout.total());
        layout.fromWeights(moe::randomWeights(cfg, /*seed=*/31), params.data());
        const std::vector<int> window = {3, 7};
        moe::train::Network<double> net(cfg, layout, 1, 1);
        const auto step = [&](std::vector<double>& grads) {
            moe::train::ShardStats stats;
            stats.reset(cfg.nLayer, cfg.nExpert);
            moe::train::LossGrad<double> lossGrad;
            net.forward(params.data(), window.data(), 1, 1, moe::train::Network<double>::Pass::Train, 1.0,
                        stats, grads.data());
            moe::train::assembleLoss(stats, cfg, 0.1, 0.01, lossGrad);
            net.backward(params.data(), lossGrad, grads.data());
        };
        std::vector<double> first(layout.total(), std::nan("")), second(layout.total(), 1e30);
        step(first);
        step(second);
        for (const moe::train::ParamTensor& t : layout.tensors()) {
            for (size_t i = t.offset; i < t.offset + t.count; ++i) {
                QVERIFY2(std::isfinite(first[i]), (t.name + ": gradient not written").c_str());
                QVERIFY2(second[i] == first[i], (t.name + ": added to what was there").c_str());
            }
        }
        for (int l = 0; l < cfg.nLayer; ++l) {
            const moe::train::LayerOffsets& o = layout.layer(l);
            const std::vector<int> used(net.chosen(l), net.chosen(l) + cfg.nExpertUsed);
            for (int e = 0; e < cfg.nExpert; ++e) {
                const bool isUsed = std::find(used.begin(), used.end(), e) != used.end();
                const size_t slice = static_cast<size_t>(cfg.nFf * cfg.nEmbd), begin = o.down + e * slice;
                const bool allZero = std::all_of(first.begin() + static_cast<std::ptrdiff_t>(begin),
                                                 first.begin() + static_cast<std::ptrdiff_t>(begin + slice),
                                                 [](double g) { return g == 0.0; });
                QCOMPARE(allZero, !isUsed);
            }
        }
    }

    void trainingLowersTheLoss()
    {
        moe::TrainConfig config = smallRun();
        config.batchSize = 4; // 60 steps of 128 tokens: seconds even in a sanitizer build
        config.steps = 60;
        config.lr = 2e-2f;
        std::vector<int> stream = moe::syntheticTokens(config.model.nVocab, 24000, /*seed=*/5);
        const std::vector<int> heldOut(stream.end() - 4000, stream.end());
        stream.resize(stream.size() - 4000);
        moe::Trainer trainer(config, std::make_shared<moe::TokenStreamData>(stream, /*seed=*/6));
        const double before = trainer.evaluateLoss(heldOut);
        moe::StepStats last;
        for (int i = 0; i < config.steps; ++i)
            last = trainer.step();
        const double after = trainer.evaluateLoss(heldOut);
        qInfo("held-out loss %.3f -> %.3f nats (last batch %.3f, aux %.3f, grad norm %.3f)", before, after,
              static_cast<double>(last.loss), static_cast<double>(last.auxLoss),
              static_cast<double>(last.gradNorm));
        QCOMPARE(last.step, config.steps);
        QVERIFY(std::isfinite(after));
        QVERIFY2(after < 0.7 * before, "training should cut the held-out loss by more than 30%");
        // Load balancing keeps every expert in use: E * sum f_i P_i stays near 1 when balanced.
        QVERIFY2(last.auxLoss < 1.5f, std::to_string(last.auxLoss).c_str());
    }

    void readGivesTheLossAndRoutingOfTheForwardPass()
    {
        moe::TrainConfig config = smallRun();
        config.batchSize = 4; // 2 threads of 2 windows: several passes, and a partial last window
        moe::Trainer trainer(config, std::make_shared<moe::TokenStreamData>(
                                         moe::syntheticTokens(config.model.nVocab, 4000, 3), 4));
        trainer.step();
        const std::vector<int> text = moe::syntheticTokens(config.model.nVocab, 5 * config.seqLen + 17, 9);
        const moe::Trainer::Reading reading = trainer.read(text);
        QCOMPARE(reading.routing.size(), text.size() - 1);
        QVERIFY(std::abs(reading.nats / static_cast<double>(text.size() - 1) - trainer.evaluateLoss(text)) <
                1e-12);
        // Window by window, the routing forward() records for the same inputs.
        const auto len = static_cast<size_t>(config.seqLen);
        double nats = 0;
        for (size_t begin = 0; begin + 1 < text.size(); begin += len) {
            const size_t n = std::min(len, text.size() - 1 - begin);
            const moe::Trainer::Forward f = trainer.forward(std::span<const int>(text).subspan(begin, n));
            for (size_t t = 0; t < n; ++t) {
                const moe::TokenRouting& a = reading.routing[begin + t];
                const moe::TokenRouting& b = f.routing[t];
                for (size_t l = 0; l < a.layers.size(); ++l) {
                    QCOMPARE(a.layers[l].experts, b.layers[l].experts);
                    for (size_t e = 0; e < a.layers[l].probs.size(); ++e)
                        QVERIFY(std::abs(a.layers[l].probs[e] - b.layers[l].probs[e]) < 1e-5f);
                }
                const float* row = f.logits.data() + t * static_cast<size_t>(config.model.nVocab);
                double sum = 0;
                for (int v = 0; v < config.model.nVocab; ++v)
                    sum += std::exp(static_cast<double>(row[v]));
                nats += std::log(sum) - row[text[begin + t + 1]];
            }
        }
        QVERIFY2(std::abs(nats - reading.nats) < 1e-4 * nats,
                 qPrintable(QString("%1 vs %2").arg(nats).arg(reading.nats)));
    }

    void exportedModelGivesTheSameLogitsAndRouting()
    {
        const moe::Tokenizer& tokenizer = moe::test::sampleTokenizer();
        moe::TrainConfig config = smallRun(tokenizer.vocabSize());
        config.seqLen = 24;
        config.model.nCtx = 24;
        const std::vector<int> text = tokenizer.encode(moe::test::sampleText());
        moe::Trainer trainer(config, std::make_shared<moe::TokenStreamData>(text, /*seed=*/8));
        for (int i = 0; i < 5; ++i) // trained weights, not the initial ones
            trainer.step();

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("trained.gguf").toStdString();
        trainer.exportModel(path, tokenizer);
        const auto model = moe::Model::load(path);
        QCOMPARE(model->config().nVocab, config.model.nVocab);
        QCOMPARE(model->config().nCtx, 24);

        const std::vector<int> tokens(text.begin() + 10, text.begin() + 10 + config.seqLen);
        const EngineAgreement plain = compareWithEngine(trainer, model, tokens, {});
        checkAgreement(plain);
        QCOMPARE(trainer.logits(tokens), trainer.forward(tokens).logits);

        // A routing experiment reaches both through the same router: switch off, in every layer, the
        // expert chosen first most often, then also choose only one expert per token.
        const int nLayer = config.model.nLayer, nExpert = config.model.nExpert;
        moe::RoutingOverride experiment;
        experiment.disabled.assign(static_cast<size_t>(nLayer),
                                   std::vector<bool>(static_cast<size_t>(nExpert)));
        for (size_t l = 0; l < experiment.disabled.size(); ++l) {
            std::vector<int> first(static_cast<size_t>(nExpert), 0);
            for (const moe::TokenRouting& r : plain.routing)
                ++first[static_cast<size_t>(r.layers[l].experts[0])];
            experiment.disabled[l][static_cast<size_t>(std::max_element(first.begin(), first.end()) -
                                                       first.begin())] = true;
        }
        const EngineAgreement disabled = compareWithEngine(trainer, model, tokens, experiment);
        checkAgreement(disabled);
        // At least the tokens that chose the switched-off expert first route differently.
        int rerouted = 0;
        for (size_t t = 0; t < tokens.size(); ++t)
            for (size_t l = 0; l < static_cast<size_t>(nLayer); ++l)
                rerouted +=
                    plain.routing[t].layers[l].experts != disabled.routing[t].layers[l].experts ? 1 : 0;
        QVERIFY2(rerouted >= nLayer * static_cast<int>(tokens.size()) / nExpert,
                 std::to_string(rerouted).c_str());
        experiment.topK = 1;
        checkAgreement(compareWithEngine(trainer, model, tokens, experiment));
        // The trainer's buffers hold expert_used_count choices per token.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trainer.forward(tokens, {.topK = 3, .disabled = {}}));
        QVERIFY(sameWeights(moe::floatWeights(*model), trainer.weights()));
    }

    void resumedRunEqualsUnbrokenRun()
    {
        moe::TrainConfig config = smallRun();
        config.steps = 12;
        config.batchSize = 4;
        config.dropout = 0.1f; // the masks of a step must come back with the checkpoint too
        const std::vector<int> stream = moe::syntheticTokens(config.model.nVocab, 5000, /*seed=*/9);
        const auto data = [&] { return std::make_shared<moe::TokenStreamData>(stream, /*seed=*/10); };

        moe::Trainer unbroken(config, data());
        std::vector<float> losses;
        for (int i = 0; i < config.steps; ++i)
            losses.push_back(unbroken.step().loss);

        QTemporaryDir dir;
        const std::string path = dir.filePath("run.ckpt").toStdString();
        {
            moe::Trainer first(config, data());
            for (int i = 0; i < 7; ++i)
                first.step();
            first.saveCheckpoint(path);
            first.step(); // work after the checkpoint is lost with the "killed" process
        }
        QVERIFY(!QFile::exists(QString::fromStdString(path + ".tmp")));
        moe::Trainer resumed(config, data());
        resumed.loadCheckpoint(path);
        QCOMPARE(resumed.stepsDone(), 7);
        for (int i = 7; i < config.steps; ++i)
            QCOMPARE(resumed.step().loss, losses[static_cast<size_t>(i)]);
        QVERIFY2(sameWeights(resumed.weights(), unbroken.weights()),
                 "resumed weights differ from the unbroken run");
        QCOMPARE(moe::Trainer::checkpointConfig(path).toText(), config.toText());
    }

    void damagedOrForeignCheckpointsAreRefused()
    {
        moe::TrainConfig config = smallRun();
        const std::vector<int> stream = moe::syntheticTokens(config.model.nVocab, 3000, /*seed=*/11);
        moe::Trainer trainer(config, std::make_shared<moe::TokenStreamData>(stream, 1));
        trainer.step();
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.ckpt").toStdString();
        trainer.saveCheckpoint(path);
        std::string bytes;
        {
            std::ifstream in(path, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        const auto writeVariant = [&](const std::string& content) {
            const std::string p = dir.filePath("variant.ckpt").toStdString();
            std::ofstream(p, std::ios::binary) << content;
            return p;
        };
        std::string flipped = bytes;
        flipped[flipped.size() / 2] ^= 0x01;
        QVERIFY(contains(thrownMessage([&] { trainer.loadCheckpoint(writeVariant(flipped)); }), "checksum"));
        QVERIFY(contains(thrownMessage([&] { trainer.loadCheckpoint(writeVariant(bytes.substr(0, 100))); }),
                         "variant.ckpt"));
        QVERIFY(
            contains(thrownMessage([&] { trainer.loadCheckpoint(writeVariant("not a checkpoint at all")); }),
                     "magic"));

        moe::TrainConfig other = config;
        other.model.nFf = 40;
        moe::Trainer foreign(other, std::make_shared<moe::TokenStreamData>(stream, 1));
        QVERIFY(contains(thrownMessage([&] { foreign.loadCheckpoint(path); }), "ffn = 48"));
        moe::Trainer otherData(config, std::make_shared<moe::TokenStreamData>(std::vector<int>{1, 2, 3}, 1));
        QVERIFY(contains(thrownMessage([&] { otherData.loadCheckpoint(path); }), "different token stream"));
    }

    void sameSeedSameRun()
    {
        moe::TrainConfig config = smallRun();
        const std::vector<int> stream = moe::syntheticTokens(config.model.nVocab, 3000, /*seed=*/12);
        moe::Trainer a(config, std::make_shared<moe::TokenStreamData>(stream, 4));
        moe::Trainer b(config, std::make_shared<moe::TokenStreamData>(stream, 4));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(a.step().loss, b.step().loss);
        QVERIFY(sameWeights(a.weights(), b.weights()));
    }

    void settingsNameFileLineAndKey()
    {
        const moe::Settings ok =
            moe::Settings::parse("# recipe\nlayers = 3\n\nlr = 0.002  # peak\nseq_len=64\n", "r.cfg");
        const moe::TrainConfig c = moe::TrainConfig::fromSettings(ok);
        QCOMPARE(c.model.nLayer, 3);
        QCOMPARE(c.lr, 0.002f);
        QCOMPARE(c.seqLen, 64);
        QCOMPARE(c.model.nCtx, 64); // context follows seq_len unless set
        ok.requireAllUsed();
        // router_weight_decay follows weight_decay unless set.
        const auto decays = [](const char* text) {
            const moe::TrainConfig d = moe::TrainConfig::fromSettings(moe::Settings::parse(text, "d.cfg"));
            return std::pair(d.weightDecay, d.routerWeightDecay);
        };
        QCOMPARE(decays("weight_decay = 0.05\n"), std::pair(0.05f, 0.05f));
        QCOMPARE(decays("weight_decay = 0.05\nrouter_weight_decay = 0\n"), std::pair(0.05f, 0.0f));

        const std::string bad = thrownMessage(
            [] { moe::TrainConfig::fromSettings(moe::Settings::parse("layers = 2\nlr = fast\n", "r.cfg")); });
        QVERIFY2(contains(bad, "r.cfg") && contains(bad, "line 2") && contains(bad, "'lr'") &&
                     contains(bad, "fast"),
                 bad.c_str());
        const std::string range = thrownMessage(
            [] { moe::TrainConfig::fromSettings(moe::Settings::parse("top_k = 0\n", "r.cfg")); });
        QVERIFY2(contains(range, "line 1") && contains(range, "top_k"), range.c_str());
        const std::string typo = thrownMessage([] {
            const moe::Settings s = moe::Settings::parse("layers = 2\nlaeyrs = 3\n", "r.cfg");
            moe::TrainConfig::fromSettings(s);
            s.requireAllUsed();
        });
        QVERIFY2(contains(typo, "line 2") && contains(typo, "laeyrs"), typo.c_str());
        QVERIFY(
            contains(thrownMessage([] { moe::Settings::parse("a = 1\na = 2\n", "r.cfg"); }), "already set"));
        QVERIFY(contains(thrownMessage([] { moe::Settings::parse("just words\n", "r.cfg"); }), "line 1"));

        moe::TrainConfig odd = smallRun();
        odd.lr = 0.1f + 1e-9f;
        odd.minLrRatio = 1.0f / 3.0f;
        odd.seed = 0xFFFFFFFFFFFFull;
        const moe::Settings back = moe::Settings::parse(odd.toText(), "text");
        QCOMPARE(moe::TrainConfig::fromSettings(back).toText(), odd.toText());
        QCOMPARE(moe::TrainConfig::fromSettings(back).minLrRatio, odd.minLrRatio);
        back.requireAllUsed();
    }

    void learningRateWarmsUpThenDecays()
    {
        moe::TrainConfig c;
        c.lr = 1.0f;
        c.steps = 110;
        c.warmupSteps = 10;
        c.minLrRatio = 0.1f;
        QCOMPARE(c.learningRate(0), 0.1f);
        QCOMPARE(c.learningRate(9), 1.0f);
        QCOMPARE(c.learningRate(10), 1.0f);
        QVERIFY(std::abs(c.learningRate(60) - 0.55f) < 1e-6f); // halfway down the cosine
        QVERIFY(std::abs(c.learningRate(110) - 0.1f) < 1e-6f);
        QVERIFY(std::abs(c.learningRate(500) - 0.1f) < 1e-6f);
        for (int s = 11; s < 110; ++s)
            QVERIFY(c.learningRate(s) < c.learningRate(s - 1));
    }

    // AdamW as PyTorch defines it: decay first (matrices only), then the bias-corrected step.
    void adamWMatchesItsDefinition()
    {
        const moe::ModelConfig cfg = smallModel(20);
        const moe::train::ParamLayout layout(cfg);
        const moe::train::AdamW adam(layout);
        const size_t n = layout.total();
        std::mt19937_64 rng(13);
        std::normal_distribution<float> normal(0.0f, 1.0f);
        std::vector<float> p(n), g(n), m(n), v(n);
        for (size_t i = 0; i < n; ++i) {
            p[i] = normal(rng);
            g[i] = normal(rng);
            m[i] = 0.1f * normal(rng);
            v[i] = std::abs(normal(rng));
        }
        const std::vector<float> p0 = p, m0 = m, v0 = v;
        moe::train::AdamWStep step{.lr = 0.01f,
                                   .beta1 = 0.9f,
                                   .beta2 = 0.95f,
                                   .eps = 1e-8f,
                                   .weightDecay = 0.1f,
                                   .routerWeightDecay = 0.02f,
                                   .t = 3,
                                   .gradScale = 0.5f};
        adam.update(p.data(), g.data(), m.data(), v.data(), 0, n, step);
        for (const moe::train::ParamTensor& t : layout.tensors()) {
            for (size_t i : {t.offset, t.offset + t.count / 2, t.offset + t.count - 1}) {
                const double gi = 0.5 * g[i];
                const double mi = 0.9 * m0[i] + 0.1 * gi, vi = 0.95 * v0[i] + 0.05 * gi * gi;
                const double rate = !t.decay ? 0.0 : t.router ? 0.02 : 0.1; // routers at their own rate
                const double decayed = p0[i] * (1 - 0.01 * rate);
                const double want = decayed - 0.01 * (mi / (1 - std::pow(0.9, 3))) /
                                                  (std::sqrt(vi / (1 - std::pow(0.95, 3))) + 1e-8);
                QVERIFY2(std::abs(p[i] - want) < 1e-5, (t.name + " at " + std::to_string(i)).c_str());
                QVERIFY(std::abs(m[i] - mi) < 1e-6 && std::abs(v[i] - vi) < 1e-6);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestTrain)
#include "test_train.moc"

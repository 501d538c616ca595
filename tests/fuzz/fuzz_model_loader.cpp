// libFuzzer target for model loading: bytes -> GgufFile::parse -> Model::fromGguf (hyperparameters,
// tensor names and shapes, the tokenizer). A model that loads must also run: a short Session (steps,
// a prefill that fills the context, a routing override), tokenizer encode/decode, and a rewrite
// through buildModelGguf that loads back with the same config. Refusals are moe::FormatError or
// std::invalid_argument; any other exception, a sanitizer report, a broken invariant (trap), a hang
// or a huge allocation is a finding. The input's last bytes double as token ids and text, so the
// fuzzer steers the run too. Build and run: README.md, "Fuzzing the model loader".
#include "moe/error.h"
#include "moe/gguf.h"
#include "moe/model.h"
#include "moe/model_writer.h"
#include "moe/session.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kContext = 8; // the session's context: small, so the KV cache never dominates

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

// What the run uses besides the model: the input's tail read as token ids and as text.
struct Script {
    std::vector<int> ids;   // kContext ids in [0, nVocab)
    std::string_view text;  // up to 48 bytes for the tokenizer
    unsigned char knob = 0; // picks the routing override
};

Script scriptFrom(std::span<const std::byte> input, int nVocab)
{
    Script s;
    const size_t tail = std::min<size_t>(input.size(), 48);
    const auto* bytes = reinterpret_cast<const unsigned char*>(input.data() + input.size() - tail);
    s.text = std::string_view(reinterpret_cast<const char*>(bytes), tail);
    for (int i = 0; i < kContext; ++i) {
        const size_t at = (2 * static_cast<size_t>(i)) % std::max<size_t>(tail, 1);
        const unsigned value = tail == 0 ? 0u : bytes[at] | (at + 1 < tail ? bytes[at + 1] << 8 : 0u);
        s.ids.push_back(static_cast<int>(value % static_cast<unsigned>(nVocab)));
    }
    s.knob = tail == 0 ? 0 : bytes[tail - 1];
    return s;
}

// A routed layer's record: nExpert probabilities, k distinct experts and their gates, which sum to 1
// (times the weight scale) where the architecture renormalises. A dense layer records nothing.
void checkLayer(const moe::LayerRouting& r, const moe::ModelConfig& c, int layer, int k)
{
    if (c.isDenseLayer(layer)) {
        require(r.probs.empty() && r.experts.empty() && r.gates.empty());
        return;
    }
    const int nExpert = c.nExpert;
    require(static_cast<int>(r.probs.size()) == nExpert);
    require(static_cast<int>(r.experts.size()) == k && r.gates.size() == r.experts.size());
    std::vector<bool> seen(static_cast<size_t>(nExpert), false);
    for (int e : r.experts) {
        require(e >= 0 && e < nExpert && !seen[static_cast<size_t>(e)]);
        seen[static_cast<size_t>(e)] = true;
    }
    // Gates sum to 1 whenever the router's numbers are finite (hostile weights may be NaN).
    double sum = 0.0;
    bool finite = true;
    for (float g : r.gates) {
        finite = finite && std::isfinite(g);
        sum += g;
    }
    const double scale = c.expertWeightsScale != 0.0f ? c.expertWeightsScale : 1.0;
    require(!finite || !c.normaliseGates || std::abs(sum - scale) < 1e-3 * std::max(1.0, scale));
}

void checkRouting(const moe::TokenRouting& routing, const moe::ModelConfig& c)
{
    require(static_cast<int>(routing.layers.size()) == c.nLayer);
    for (int l = 0; l < c.nLayer; ++l)
        checkLayer(routing.layers[static_cast<size_t>(l)], c, l, c.nExpertUsed);
}

std::vector<float> logitsOf(const moe::Session& session)
{
    const Eigen::VectorXf& logits = session.logits();
    return std::vector<float>(logits.data(), logits.data() + logits.size());
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

void exerciseSession(const std::shared_ptr<const moe::Model>& model, const Script& script)
{
    const moe::ModelConfig& c = model->config();
    moe::Session session(model, {.threads = 1, .contextLength = kContext});
    require(session.contextLength() == kContext && session.position() == 0);
    require(session.logits().size() == c.nVocab && session.hidden().size() == c.nEmbd);

    // A few steps, then a prefill that fills the context exactly.
    const int steps = 3;
    for (int i = 0; i < steps; ++i)
        checkRouting(session.step(script.ids[static_cast<size_t>(i)]), c);
    const std::vector<float> stepped = logitsOf(session);
    const std::span<const int> rest(script.ids.data() + steps, script.ids.size() - steps);
    for (const moe::TokenRouting& r : session.prefill(rest))
        checkRouting(r, c);
    require(session.position() == kContext);

    // reset() starts over: the same tokens give the same bits (one thread, fixed order).
    session.reset();
    std::vector<std::vector<float>> hidden;
    const std::vector<moe::TokenRouting> routing =
        session.prefill(std::span<const int>(script.ids.data(), steps), &hidden);
    require(routing.size() == size_t{steps} && hidden.size() == size_t{steps});
    for (const std::vector<float>& h : hidden)
        require(static_cast<int>(h.size()) == c.nEmbd);
    session.reset();
    for (int i = 0; i < steps; ++i)
        session.step(script.ids[static_cast<size_t>(i)]);
    require(sameBits(logitsOf(session), stepped));

    // A routing experiment: another top-k, and (with more than one expert) one expert switched off.
    moe::RoutingOverride override;
    override.topK = script.knob % (c.nExpert + 1);
    if (c.nExpert > 1) {
        override.disabled.assign(static_cast<size_t>(c.nLayer),
                                 std::vector<bool>(static_cast<size_t>(c.nExpert)));
        override.disabled[0][static_cast<size_t>(script.knob % c.nExpert)] = true;
    }
    session.setRoutingOverride(override);
    session.reset();
    const int k = override.topK == 0 ? c.nExpertUsed : override.topK;
    const moe::TokenRouting first = session.step(script.ids[0]);
    require(static_cast<int>(first.layers.size()) == c.nLayer);
    const int off = script.knob % c.nExpert;
    for (int l = 0; l < c.nLayer; ++l) {
        const bool oneOff = l == 0 && c.nExpert > 1;
        const moe::LayerRouting& r = first.layers[static_cast<size_t>(l)];
        checkLayer(r, c, l, oneOff ? std::min(k, c.nExpert - 1) : k);
        require(!oneOff || std::find(r.experts.begin(), r.experts.end(), off) == r.experts.end());
    }

    // The model's own context, where it is small enough to allocate on every input.
    if (c.nCtx <= 1024) {
        moe::Session whole(model, {.threads = 1, .contextLength = 0});
        require(whole.contextLength() == c.nCtx);
        checkRouting(whole.step(script.ids[1]), c);
    }
}

void exerciseTokenizer(const moe::Tokenizer& tokenizer, const Script& script)
{
    const std::vector<int> ids = tokenizer.encode(script.text);
    for (int id : ids)
        require(id >= 0 && id < tokenizer.vocabSize());
    if (tokenizer.model() == moe::TokenizerModel::Bpe) {
        for (int id : ids) { // USER_DEFINED tokens are split out of the text; nothing else special
            const moe::TokenType type = tokenizer.tokenTypes()[static_cast<size_t>(id)];
            require(type == moe::TokenType::Normal || type == moe::TokenType::UserDefined);
        }
        require(tokenizer.decode(ids) == script.text); // byte-level: any bytes round-trip
        require(ids.size() <= script.text.size());
    } else {
        // SentencePiece: a space prefix, each space 3 bytes of U+2581, at worst one token per byte.
        require(ids.size() <= 3 * (script.text.size() + 1));
    }
    tokenizer.decode(script.ids); // CONTROL tokens included: no throw for ids in range
    tokenizer.tokenBytes(tokenizer.bosId());
    tokenizer.tokenBytes(tokenizer.eosId());
}

// What loads can be written back (as F32) and loads again with the same shape and tokenizer.
void checkRewrite(const moe::Model& model)
{
    const moe::ModelConfig& c = model.config();
    moe::WriteOptions options;
    options.name = model.name();
    std::vector<std::byte> bytes;
    try {
        bytes = c.arch == moe::Architecture::Llama
                    ? moe::buildModelGguf(c, model.tokenizer(), moe::floatWeights(model), options).toBytes()
                    : moe::buildGguf(c, model.tokenizer(), moe::modelTensors(model), options).toBytes();
    } catch (const std::exception&) {
        __builtin_trap(); // the writer refuses what the loader accepted
    }
    std::shared_ptr<const moe::Model> again;
    try {
        again = moe::Model::fromGguf(moe::GgufFile::parseOwned(std::move(bytes), "rewritten"));
    } catch (const std::exception&) {
        __builtin_trap(); // the loader refuses what the writer wrote
    }
    const moe::ModelConfig& a = again->config();
    require(a.nVocab == c.nVocab && a.nEmbd == c.nEmbd && a.nLayer == c.nLayer && a.nHead == c.nHead &&
            a.nHeadKv == c.nHeadKv && a.nCtx == c.nCtx && a.nFf == c.nFf && a.nExpert == c.nExpert &&
            a.nExpertUsed == c.nExpertUsed && a.tiedOutput == c.tiedOutput);
    require(std::memcmp(&a.rmsEps, &c.rmsEps, sizeof(float)) == 0 &&
            std::memcmp(&a.ropeFreqBase, &c.ropeFreqBase, sizeof(float)) == 0);
    require(again->tokenizer() == model.tokenizer());
}

void exerciseModel(const std::shared_ptr<const moe::Model>& model, std::span<const std::byte> input)
{
    const moe::ModelConfig& c = model->config();
    c.validate(); // the loader hands out validated configs only (throws: a finding)
    require(c.nVocab == model->tokenizer().vocabSize());
    require(static_cast<int>(model->weights().layers.size()) == c.nLayer);
    require(c.totalParameters() >= c.activeParametersPerToken() && c.activeParametersPerToken() > 0);
    require(model->bytesReadPerToken() > 0);
    model->name();
    model->mainType();

    const Script script = scriptFrom(input, c.nVocab);
    exerciseTokenizer(model->tokenizer(), script);
    exerciseSession(model, script);
    checkRewrite(*model);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::span<const std::byte> input(reinterpret_cast<const std::byte*>(data), size);
    std::shared_ptr<const moe::Model> model;
    try {
        model = moe::Model::fromGguf(moe::GgufFile::parse(input, "fuzz"));
    } catch (const moe::FormatError&) {
        return 0; // refused cleanly: the expected outcome for most inputs
    } catch (const std::invalid_argument&) {
        return 0;
    }
    exerciseModel(model, input);
    return 0;
}

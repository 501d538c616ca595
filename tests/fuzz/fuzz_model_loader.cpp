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

moe::TokenType typeOf(const moe::Tokenizer& tokenizer, int id)
{
    return tokenizer.tokenTypes()[static_cast<size_t>(id)];
}

// Each character as long as its first byte says (llama.cpp's unicode_len_utf8) and made of a first
// byte and continuation bytes: SentencePiece's split then never cuts a space's U+2581 apart.
bool wellFormedUtf8(std::string_view text)
{
    for (size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const size_t length = lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
        if ((lead & 0xc0) == 0x80 || i + length > text.size())
            return false;
        for (size_t k = 1; k < length; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80)
                return false;
        i += length;
    }
    return true;
}

// SentencePiece gives the text back where only NORMAL and BYTE pieces were used and the text is
// well-formed UTF-8 with no U+2581 (it stands for a space) and no '<' (a "<0x41>" in the text could
// merge into the BYTE token).
bool spmRoundTrips(const moe::Tokenizer& tokenizer, std::string_view text, std::span<const int> ids)
{
    if (!wellFormedUtf8(text) || text.find("\xe2\x96\x81") != std::string_view::npos ||
        text.find('<') != std::string_view::npos)
        return false;
    return std::all_of(ids.begin(), ids.end(), [&](int id) {
        return typeOf(tokenizer, id) == moe::TokenType::Normal ||
               typeOf(tokenizer, id) == moe::TokenType::Byte;
    });
}

void exerciseTokenizer(const moe::Tokenizer& tokenizer, const Script& script)
{
    const std::vector<int> ids = tokenizer.encode(script.text);
    for (int id : ids)
        require(id >= 0 && id < tokenizer.vocabSize());
    if (tokenizer.model() == moe::TokenizerModel::Bpe) {
        for (int id : ids) { // USER_DEFINED tokens are split out of the text; nothing else special
            const moe::TokenType type = typeOf(tokenizer, id);
            require(type == moe::TokenType::Normal || type == moe::TokenType::UserDefined);
        }
        require(tokenizer.decode(ids) == script.text); // byte-level: any bytes round-trip
        require(ids.size() <= script.text.size());
    } else {
        // SentencePiece: a space prefix, each space 3 bytes of U+2581, at worst one token per byte.
        require(ids.size() <= 3 * (script.text.size() + 1));
        if (spmRoundTrips(tokenizer, script.text, ids))
            require(tokenizer.decode(ids) == script.text);
    }

    // add_special puts BOS/EOS around the same ids (as llama_tokenize); parse_special may also give
    // CONTROL tokens. The knob picks parse_special, so both halves of the switch get fuzzed.
    const bool parseSpecial = (script.knob & 0x80) != 0;
    const std::vector<int> special =
        tokenizer.encode(script.text, {.addSpecial = true, .parseSpecial = parseSpecial});
    for (int id : special)
        require(id >= 0 && id < tokenizer.vocabSize());
    const size_t bos = tokenizer.addBos() ? 1 : 0, eos = tokenizer.addEos() ? 1 : 0;
    require(special.size() >= bos + eos);
    require(bos == 0 || special.front() == tokenizer.bosId());
    require(eos == 0 || special.back() == tokenizer.eosId());
    if (!parseSpecial)
        require(std::equal(special.begin() + static_cast<long>(bos), special.end() - static_cast<long>(eos),
                           ids.begin(), ids.end()));
    tokenizer.decode(special);

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
    // The families' fields: attention shape, feed-forward blocks, router, multipliers, RoPE scaling.
    require(a.arch == c.arch && a.keyDim() == c.keyDim() && a.valueDim() == c.valueDim() &&
            a.rotaryDims() == c.rotaryDims() && a.qLoraRank == c.qLoraRank && a.kvLoraRank == c.kvLoraRank &&
            a.fusedQkv == c.fusedQkv && a.nLeadingDense == c.nLeadingDense &&
            (c.nLeadingDense == 0 || a.nFfDense == c.nFfDense) && a.nFfShared == c.nFfShared &&
            a.sharedExpertGated == c.sharedExpertGated && a.gating == c.gating &&
            a.normaliseGates == c.normaliseGates && a.selectionBias == c.selectionBias &&
            a.nExpertShared == c.nExpertShared && a.ropeOriginalContext == c.ropeOriginalContext &&
            a.ropeFactors == c.ropeFactors && a.ropeYarn == c.ropeYarn);
    for (auto field : {&moe::ModelConfig::expertWeightsScale, &moe::ModelConfig::embeddingScale,
                       &moe::ModelConfig::residualScale, &moe::ModelConfig::logitScale,
                       &moe::ModelConfig::attentionScale, &moe::ModelConfig::clampKqv,
                       &moe::ModelConfig::ropeAttnFactor, &moe::ModelConfig::yarnLogMultiplier})
        require(std::memcmp(&(a.*field), &(c.*field), sizeof(float)) == 0);
    // Written back as rope.scaling.factor = 1 / scale: the same to within a rounding.
    require(std::abs(a.ropeFreqScale - c.ropeFreqScale) <= 1e-6f * c.ropeFreqScale);
    require(again->tokenizer() == model.tokenizer());
}

// ---- The weights the loader viewed: every family's tensors where its config says ----------------

// A matrix of this shape (or none), its rows inside the input (the file is viewed, never copied).
void checkMatrix(const moe::WeightMatrix& w, int rows, int cols, std::span<const std::byte> input)
{
    if (rows == 0) {
        require(w.empty());
        return;
    }
    require(!w.empty() && w.rows == rows && w.cols == cols && cols % moe::blockSize(w.type) == 0);
    const int64_t row[] = {cols};
    require(moe::tensorBytes(w.type, row) == w.rowBytes);
    const auto begin = reinterpret_cast<uintptr_t>(input.data());
    const auto at = reinterpret_cast<uintptr_t>(w.data);
    require(at >= begin && at - begin + static_cast<uint64_t>(rows) * w.rowBytes <= input.size());
}

void checkExperts(const std::vector<moe::WeightMatrix>& slices, int count, int rows, int cols,
                  std::span<const std::byte> input)
{
    require(static_cast<int>(slices.size()) == count);
    for (const moe::WeightMatrix& w : slices)
        checkMatrix(w, rows, cols, input);
}

void checkFeedForward(const moe::FeedForward& f, int nFf, int nEmbd, std::span<const std::byte> input)
{
    checkMatrix(f.gate, nFf, nEmbd, input);
    checkMatrix(f.up, nFf, nEmbd, input);
    checkMatrix(f.down, nFf == 0 ? 0 : nEmbd, nFf, input);
}

void checkAttention(const moe::LayerWeights& l, const moe::ModelConfig& c, std::span<const std::byte> input)
{
    const int n = c.nEmbd, qDim = c.nHead * c.keyDim(), kDim = c.nHeadKv * c.keyDim();
    const int vDim = c.nHeadKv * c.valueDim();
    checkMatrix(l.wo, n, c.nHead * c.valueDim(), input);
    if (c.arch == moe::Architecture::Deepseek2) { // latent attention: q direct (V2-Lite) or via q_a/q_b
        const int latentQ = c.qLoraRank;
        checkMatrix(l.wq, latentQ > 0 ? 0 : qDim, n, input);
        checkMatrix(l.wqA, latentQ, n, input);
        checkMatrix(l.wqB, latentQ > 0 ? qDim : 0, latentQ, input);
        require(l.qANorm.size() == static_cast<size_t>(latentQ));
        checkMatrix(l.wkvA, c.kvLoraRank + c.rotaryDims(), n, input);
        checkMatrix(l.wkvB, c.nHead * (c.keyDim() - c.rotaryDims() + c.valueDim()), c.kvLoraRank, input);
        require(l.kvANorm.size() == static_cast<size_t>(c.kvLoraRank));
        require(l.wk.empty() && l.wv.empty() && l.wqkv.empty());
        return;
    }
    require(l.wqA.empty() && l.wqB.empty() && l.wkvA.empty() && l.wkvB.empty());
    checkMatrix(l.wqkv, c.fusedQkv ? qDim + kDim + vDim : 0, n, input);
    checkMatrix(l.wq, c.fusedQkv ? 0 : qDim, n, input);
    checkMatrix(l.wk, c.fusedQkv ? 0 : kDim, n, input);
    checkMatrix(l.wv, c.fusedQkv ? 0 : vDim, n, input);
    const bool biases =
        !c.fusedQkv && (c.arch == moe::Architecture::Qwen2Moe || c.arch == moe::Architecture::PhiMoe);
    require(l.bq.size() == (biases ? size_t(qDim) : 0) && l.bk.size() == (biases ? size_t(kDim) : 0) &&
            l.bv.size() == (biases ? size_t(vDim) : 0));
    require(l.bo.size() == (c.arch == moe::Architecture::PhiMoe ? size_t(n) : 0));
    const bool qkNorm = c.arch == moe::Architecture::Olmoe;
    require(l.qNorm.size() == (qkNorm ? size_t(qDim) : 0) && l.kNorm.size() == (qkNorm ? size_t(kDim) : 0));
}

// Each layer has what its kind needs and nothing else: a dense FFN in deepseek2's leading layers, else
// a router, nExpert slices of each projection, and the shared expert (gated for qwen2moe).
void checkLayerWeights(const moe::LayerWeights& l, const moe::ModelConfig& c, int layer,
                       std::span<const std::byte> input)
{
    const size_t n = static_cast<size_t>(c.nEmbd);
    const bool normBias = c.arch == moe::Architecture::PhiMoe;
    require(l.attnNorm.weight.size() == n && l.attnNorm.bias.size() == (normBias ? n : 0));
    require(l.ffnNorm.weight.size() == n && l.ffnNorm.bias.size() == (normBias ? n : 0));
    checkAttention(l, c, input);
    if (c.isDenseLayer(layer)) {
        checkFeedForward(l.dense, c.nFfDense, c.nEmbd, input);
        require(l.router.empty() && l.gate.empty() && l.up.empty() && l.down.empty() &&
                l.selectionBias.empty());
        checkFeedForward(l.shared, 0, c.nEmbd, input);
        require(l.sharedGate.empty());
        return;
    }
    checkFeedForward(l.dense, 0, c.nEmbd, input);
    checkMatrix(l.router, c.nExpert, c.nEmbd, input);
    require(l.selectionBias.size() == (c.selectionBias ? static_cast<size_t>(c.nExpert) : 0));
    checkExperts(l.gate, c.nExpert, c.nFf, c.nEmbd, input);
    checkExperts(l.up, c.nExpert, c.nFf, c.nEmbd, input);
    checkExperts(l.down, c.nExpert, c.nEmbd, c.nFf, input);
    checkFeedForward(l.shared, c.nFfShared, c.nEmbd, input);
    require(l.sharedGate.size() == (c.nFfShared > 0 && c.sharedExpertGated ? n : 0));
}

void checkWeights(const moe::Model& model, std::span<const std::byte> input)
{
    const moe::ModelConfig& c = model.config();
    const moe::ModelWeights& w = model.weights();
    require(static_cast<int>(w.layers.size()) == c.nLayer);
    checkMatrix(w.tokenEmbd, c.nVocab, c.nEmbd, input);
    checkMatrix(w.output, c.nVocab, c.nEmbd, input);
    require(!c.tiedOutput || w.output.data == w.tokenEmbd.data);
    const bool phi = c.arch == moe::Architecture::PhiMoe;
    require(w.outputNorm.weight.size() == static_cast<size_t>(c.nEmbd));
    require(w.outputNorm.bias.size() == (phi ? static_cast<size_t>(c.nEmbd) : 0));
    require(w.outputBias.size() == (phi ? static_cast<size_t>(c.nVocab) : 0));
    const size_t factors = c.ropeFactors ? static_cast<size_t>(c.rotaryDims() / 2) : 0;
    require(w.ropeFactorsLong.size() == factors && w.ropeFactorsShort.size() == factors);
    for (int l = 0; l < c.nLayer; ++l)
        checkLayerWeights(w.layers[static_cast<size_t>(l)], c, l, input);
}

void exerciseModel(const std::shared_ptr<const moe::Model>& model, std::span<const std::byte> input)
{
    const moe::ModelConfig& c = model->config();
    c.validate(); // the loader hands out validated configs only (throws: a finding)
    require(c.nVocab == model->tokenizer().vocabSize());
    checkWeights(*model, input);
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

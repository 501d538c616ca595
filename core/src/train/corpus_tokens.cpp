// From corpus to trainer: the BPE vocabulary, token streams, and the windows the trainer draws.
#include "moe/corpus.h"
#include "moe/error.h"
#include "state_bytes.h"

#include "corpus_rng.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace moe {
namespace {

constexpr char kStateTag[4] = {'C', 'T', 'D', '1'};
constexpr size_t kStateSize = sizeof kStateTag + 8 * (2 + kDomainCount);

using train_state::get64;
using train_state::put64;

} // namespace

Tokenizer trainCorpusTokenizer(const Corpus& corpus, int vocabSize)
{
    const std::vector<std::string> texts = corpus.trainTexts(); // never the held-out split
    BpeTrainingOptions options;
    options.vocabSize = vocabSize;
    return Tokenizer::train(texts, options);
}

std::vector<int> tokenizeDocuments(const Tokenizer& tokenizer, std::span<const Document> documents)
{
    std::vector<int> stream;
    for (const Document& doc : documents) {
        stream.push_back(tokenizer.bosId());
        const std::vector<int> ids = tokenizer.encode(doc.text);
        stream.insert(stream.end(), ids.begin(), ids.end());
    }
    return stream;
}

DomainStreams tokenizeTrainingSplit(const Tokenizer& tokenizer, const Corpus& corpus)
{
    DomainStreams streams;
    for (size_t d = 0; d < streams.size(); ++d)
        streams[d] = tokenizeDocuments(tokenizer, corpus.train[d]);
    return streams;
}

std::array<double, kDomainCount> domainWeights(const DomainStreams& streams, double mathShare)
{
    if (!(mathShare >= 0.0 && mathShare <= 1.0))
        throw std::invalid_argument("domainWeights: mathShare " + std::to_string(mathShare) +
                                    " is outside [0, 1]");
    const size_t math = static_cast<size_t>(Domain::Math);
    std::array<double, kDomainCount> weights{};
    double others = 0;
    for (size_t d = 0; d < streams.size(); ++d)
        if (d != math)
            others += static_cast<double>(streams[d].size());
    const double mathWeight = streams[math].empty() ? 0.0 : (others == 0 ? 1.0 : mathShare);
    for (size_t d = 0; d < streams.size(); ++d)
        weights[d] =
            d == math
                ? mathWeight
                : (others == 0 ? 0.0 : (1.0 - mathWeight) * static_cast<double>(streams[d].size()) / others);
    return weights;
}

CorpusTrainingData::CorpusTrainingData(DomainStreams streams, std::array<double, kDomainCount> weights,
                                       uint64_t seed)
    : m_streams(std::move(streams)), m_rng(seed)
{
    double total = 0;
    for (size_t d = 0; d < weights.size(); ++d) {
        const std::string name(domainName(static_cast<Domain>(d)));
        if (!(weights[d] >= 0.0) || !std::isfinite(weights[d]))
            throw std::invalid_argument("CorpusTrainingData: the weight of " + name +
                                        " is not a finite number >= 0");
        if (weights[d] > 0 && m_streams[d].empty())
            throw std::invalid_argument("CorpusTrainingData: " + name + " has weight " +
                                        std::to_string(weights[d]) + " but no tokens");
        total += weights[d];
    }
    if (total <= 0)
        throw std::invalid_argument("CorpusTrainingData: no domain has tokens and a positive weight");
    double running = 0;
    for (size_t d = 0; d < weights.size(); ++d) {
        running += weights[d] / total;
        m_cumulative[d] = weights[d] > 0 ? running : -1.0; // -1: never chosen
    }
    // Fingerprint the streams and weights (FNV-1a over ids and the weights' bits).
    uint64_t h = 0xCBF29CE484222325ull;
    const auto mix = [&h](uint64_t v) {
        h ^= v;
        h *= 0x100000001B3ull;
    };
    for (size_t d = 0; d < m_streams.size(); ++d) {
        mix(m_streams[d].size());
        for (const int t : m_streams[d])
            mix(static_cast<uint32_t>(t));
        uint64_t bits;
        std::memcpy(&bits, &weights[d], sizeof bits);
        mix(bits);
    }
    m_fingerprint = h;
}

void CorpusTrainingData::nextWindows(int count, int length, std::span<int> out)
{
    assert(length >= 1 && out.size() >= static_cast<size_t>(count) * static_cast<size_t>(length));
    corpus::Rng rng(m_rng);
    for (int w = 0; w < count; ++w) {
        // The first domain whose running sum exceeds r; rounding past the end falls to the last one.
        const double r = rng.unit();
        size_t d = m_cumulative.size();
        for (size_t i = 0; i < m_cumulative.size(); ++i) {
            if (m_cumulative[i] < 0)
                continue;
            d = i;
            if (r < m_cumulative[i])
                break;
        }
        const std::vector<int>& s = m_streams[d];
        const size_t n = s.size(), len = static_cast<size_t>(length);
        int* dst = out.data() + static_cast<size_t>(w) * len;
        if (n >= len) {
            const size_t start = rng.below(n - len + 1);
            std::copy_n(s.begin() + static_cast<ptrdiff_t>(start), len, dst);
        } else { // a tiny stream (e.g. one short user file): wrap around
            const size_t start = rng.below(n);
            for (size_t i = 0; i < len; ++i)
                dst[i] = s[(start + i) % n];
        }
        ++m_drawn[d];
    }
    m_rng = rng.state();
}

std::string CorpusTrainingData::state() const
{
    std::string out(kStateTag, sizeof kStateTag);
    put64(out, m_rng);
    put64(out, m_fingerprint);
    for (const uint64_t n : m_drawn)
        put64(out, n);
    return out;
}

void CorpusTrainingData::restoreState(std::string_view state)
{
    if (state.size() != kStateSize || std::memcmp(state.data(), kStateTag, sizeof kStateTag) != 0)
        throw FormatError("checkpoint", "the data state is not a corpus state (" +
                                            std::to_string(state.size()) + " bytes, expected " +
                                            std::to_string(kStateSize) + ")");
    if (get64(state, 12) != m_fingerprint)
        throw FormatError("checkpoint",
                          "the data state belongs to a different corpus (token streams or weights differ)");
    m_rng = get64(state, 4);
    for (size_t d = 0; d < m_drawn.size(); ++d)
        m_drawn[d] = get64(state, 20 + 8 * d);
}

} // namespace moe

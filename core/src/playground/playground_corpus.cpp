// The Playground's data: the project's corpus, a vocabulary learned from its training split, the
// training streams, a fixed slice of held-out math and poems to measure on, and the probe prompts.
#include "moe/playground.h"

#include <stdexcept>

namespace moe {

namespace {

// Whole held-out documents, BOS before each, until the stream holds at least maxTokens tokens.
void takeHeldOut(const Tokenizer& tokenizer, const std::vector<Document>& documents, size_t maxTokens,
                 std::vector<int>& stream, size_t& bytes)
{
    for (const Document& doc : documents) {
        if (stream.size() >= maxTokens)
            break;
        const std::vector<int> ids = tokenizeDocuments(tokenizer, std::span<const Document>(&doc, 1));
        stream.insert(stream.end(), ids.begin(), ids.end());
        bytes += doc.text.size();
    }
}

std::vector<int> probeTokens(const Tokenizer& tokenizer, const std::string& text)
{
    std::vector<int> ids{tokenizer.bosId()};
    const std::vector<int> encoded = tokenizer.encode(text);
    ids.insert(ids.end(), encoded.begin(), encoded.end());
    return ids;
}

} // namespace

std::shared_ptr<const PlaygroundCorpus> buildPlaygroundCorpus(const PlaygroundCorpusOptions& options,
                                                              int vocab)
{
    if (options.heldOutTokens < 2)
        throw std::invalid_argument("buildPlaygroundCorpus: heldOutTokens must be >= 2");
    if (options.mathProbe.empty() || options.poemProbe.empty())
        throw std::invalid_argument("buildPlaygroundCorpus: the probe prompts must not be empty");
    const Corpus corpus = buildCorpus(options.corpus);
    auto data = std::make_shared<PlaygroundCorpus>();
    data->requestedVocab = vocab;
    data->tokenizer = trainCorpusTokenizer(corpus, vocab);
    data->trainStreams = tokenizeTrainingSplit(data->tokenizer, corpus);
    takeHeldOut(data->tokenizer, corpus.heldOut[static_cast<size_t>(Domain::Math)], options.heldOutTokens,
                data->mathHeldOut, data->mathHeldOutBytes);
    takeHeldOut(data->tokenizer, corpus.heldOut[static_cast<size_t>(Domain::Poem)], options.heldOutTokens,
                data->poemHeldOut, data->poemHeldOutBytes);
    data->mathProbeText = options.mathProbe;
    data->poemProbeText = options.poemProbe;
    data->mathProbe = probeTokens(data->tokenizer, options.mathProbe);
    data->poemProbe = probeTokens(data->tokenizer, options.poemProbe);
    return data;
}

} // namespace moe

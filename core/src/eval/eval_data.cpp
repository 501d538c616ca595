// EvalData from the corpus: held-out documents, a training-poem sample, held-out problems.
#include "moe/eval.h"

#include <algorithm>

namespace moe {

EvalData EvalData::fromCorpus(const Corpus& corpus, uint64_t seed, const HeldOutSizes& sizes)
{
    const auto heldOut = [&corpus](Domain d) { return corpus.heldOut[static_cast<size_t>(d)]; };
    EvalData data;
    data.poemHeldOut = heldOut(Domain::Poem);
    data.englishHeldOut = heldOut(Domain::English);
    data.mathHeldOut = heldOut(Domain::Math);
    data.problems = heldOutProblems(seed, sizes);

    // Evenly spaced through the training poems (no seed: the same sample for every run), so the
    // sample mixes the fortune file's early and late poems like the held-out split does.
    size_t heldOutBytes = 0;
    for (const Document& doc : data.poemHeldOut)
        heldOutBytes += doc.text.size();
    const std::vector<Document>& train = corpus.train[static_cast<size_t>(Domain::Poem)];
    const size_t step = std::max<size_t>(1, train.size() / std::max<size_t>(1, data.poemHeldOut.size()));
    size_t bytes = 0;
    for (size_t offset = 0; offset < step && bytes < heldOutBytes; ++offset)
        for (size_t i = offset; i < train.size() && bytes < heldOutBytes; i += step) {
            data.poemTrain.push_back(train[i]);
            bytes += train[i].text.size();
        }
    return data;
}

} // namespace moe

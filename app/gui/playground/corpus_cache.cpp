#include "playground/corpus_cache.h"

#include <map>
#include <mutex>
#include <string>
#include <tuple>

std::shared_ptr<const moe::PlaygroundCorpus>
sharedPlaygroundCorpus(const moe::PlaygroundCorpusOptions& options, int vocab)
{
    using Key = std::tuple<std::string, int, std::string, std::string, size_t>;
    static std::mutex mutex;
    static std::map<Key, std::shared_ptr<const moe::PlaygroundCorpus>> cache;
    const std::lock_guard lock(mutex);
    std::shared_ptr<const moe::PlaygroundCorpus>& slot =
        cache[Key{options.corpus.fortunesDir.string(), vocab, options.mathProbe, options.poemProbe,
                  options.heldOutTokens}];
    if (!slot)
        slot = moe::buildPlaygroundCorpus(options, vocab);
    return slot;
}

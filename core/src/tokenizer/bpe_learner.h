// The merge learner behind Tokenizer::train and the SentencePiece vocabulary builder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace moe {

struct LearnedMerges {
    std::vector<std::string> tokenBytes;             // 256 single bytes, then one per merge
    std::vector<std::pair<int32_t, int32_t>> merges; // (left, right) indices into tokenBytes
};

// Byte-level BPE over words (raw bytes -> count): the most frequent adjacent pair merges first,
// ties to the smaller (left, right); at most maxMerges, none below minCount occurrences. Never
// learns a token holding an ASCII digit or "<|endoftext|>".
LearnedMerges learnMerges(std::unordered_map<std::string, int64_t> counts, size_t maxMerges,
                          int64_t minCount);

} // namespace moe

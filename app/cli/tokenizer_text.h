// Text for training the BPE vocabulary of a random-weight model (init-random): a little English,
// arithmetic, and seeded pseudo-words so any requested vocabulary size can be reached.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cli {

std::vector<std::string> tokenizerTrainingText(int vocabSize, uint64_t seed);

} // namespace cli

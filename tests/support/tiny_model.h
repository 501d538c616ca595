// Tiny seeded models for tests: a real BPE tokenizer trained on a fixed text, random weights.
#pragma once

#include "moe/model.h"
#include "moe/model_writer.h"
#include "moe/tokenizer.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace moe::test {

// A fixed mixed text (prose, digits, punctuation, non-ASCII) used to train test tokenizers.
const std::string& sampleText();
// A BPE tokenizer trained on sampleText() (vocab ~ 400). Deterministic.
const Tokenizer& sampleTokenizer();

// A small config: 2 layers, d 64, 4 heads / 2 kv heads, 4 experts top-2, ffn 64, context 128.
ModelConfig tinyConfig();
// The bytes of a GGUF model with random weights (seeded) in the given matrix type. nVocab is
// always the sample tokenizer's, whatever config says.
std::vector<std::byte> tinyModelBytes(uint64_t seed, TensorType type = TensorType::F32,
                                      const ModelConfig& config = tinyConfig());
// The same, written to a file (for tests that open a model by path, as the app does). False when
// the file cannot be written.
bool writeTinyModelFile(const std::string& path, uint64_t seed);
// The same, loaded.
std::shared_ptr<const Model> tinyModel(uint64_t seed, TensorType type = TensorType::F32,
                                       const ModelConfig& config = tinyConfig());
// A model with the sample tokenizer and the given weights (config.nVocab must be the tokenizer's).
std::shared_ptr<const Model> modelFromWeights(const ModelConfig& config, const FloatWeights& weights,
                                              TensorType type = TensorType::F32);

} // namespace moe::test

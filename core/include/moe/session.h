// A running sequence: the KV cache and scratch buffers for one model. Not thread-safe; one thread
// owns a Session. step() and prefill() never throw (they assert their preconditions).
#pragma once

#include "moe/model.h"
#include "moe/routing.h"

#include <Eigen/Core>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace moe {

// Diagnostics: one input row of a matrix product with quantised weights, before it is rounded to
// 8 bits for the integer dot products. tests/llamacpp/explain_divergence.py compares these rows
// with llama.cpp's to find the first activation the two engines round differently.
struct QuantisedInput {
    const WeightMatrix* weight = nullptr; // one of Model::weights() (an expert's slice for experts)
    int position = 0;                     // the token's position in the sequence
    std::span<const float> values;        // weight->cols values
};
using QuantisedInputObserver = std::function<void(const QuantisedInput&)>;

struct SessionOptions {
    int threads = 2;       // worker threads for matrix products
    int contextLength = 0; // 0: the model's context length
};

class Session {
public:
    // Sizes the KV cache and every buffer. Throws std::invalid_argument for a null model, a
    // negative context length, or a context (the model's, if contextLength is 0) whose KV cache and
    // attention buffers would take more than 1 GiB.
    explicit Session(std::shared_ptr<const Model> model, SessionOptions options = {});
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Runs one token at the next position; logits() then holds its next-token logits.
    // Preconditions: 0 <= token < nVocab and position() < contextLength().
    TokenRouting step(int token);
    // Runs many tokens in one batched pass (matrix-matrix products); equal to step() on each.
    // logits() holds the last token's logits. If hiddenOut is given it receives, per token, the
    // final hidden state after output_norm (what llama-embedding --pooling none prints).
    // Precondition: position() + tokens.size() <= contextLength().
    std::vector<TokenRouting> prefill(std::span<const int> tokens,
                                      std::vector<std::vector<float>>* hiddenOut = nullptr);

    const Eigen::VectorXf& logits() const;
    const Eigen::VectorXf& hidden() const; // last token's state after output_norm
    int position() const;                  // tokens in the cache
    int contextLength() const;
    void reset(); // empty the cache; keeps the routing override
    // Throws std::invalid_argument if topK is not in [0, nExpert], the disabled table has the wrong
    // shape, or it disables every expert of a layer. With fewer enabled experts than k, all are chosen.
    void setRoutingOverride(const RoutingOverride& routing);
    const RoutingOverride& routingOverride() const;
    const Model& model() const;
    // Calls observer (on the calling thread, inside step and prefill) with every input row of a
    // product with quantised weights; an empty function stops it. For diagnostics only: slow.
    void setQuantisedInputObserver(QuantisedInputObserver observer);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace moe

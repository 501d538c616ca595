// One shard's forward and backward pass over a batch of windows: the whole model as batched
// matrix products over all tokens (rows) of the shard, every activation the backward needs kept.
// Every buffer is sized in the constructor for the largest batch; forward() and backward() never
// allocate (apart from Eigen's packing buffers for the biggest products).
#pragma once

#include "expert_dispatch.h"
#include "param_layout.h"
#include "rope.h"
#include "router.h"
#include "train_ops.h"

#include "moe/model.h"
#include "moe/routing.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace moe::train {

template <typename T> using Buffer = std::vector<T, Eigen::aligned_allocator<T>>;

// What one shard's forward pass measured; summed over shards (in shard order) by the trainer.
struct ShardStats {
    double ceSum = 0;                 // sum over tokens of the next-token cross-entropy
    std::vector<int64_t> expertCount; // (nLayer, nExpert) routed token slots per expert
    std::vector<double> probSum;      // (nLayer, nExpert) sum over tokens of router probabilities
    std::vector<double> zSum;         // (nLayer) sum over tokens of logsumexp(router logits)^2
    int tokens = 0;
    void reset(int nLayer, int nExpert);
    void add(const ShardStats& other);
};

// How the batch's loss depends on this shard's outputs, known only after every shard's forward
// (the load-balancing loss needs the whole batch's expert counts).
template <typename T> struct LossGrad {
    T ceScale = 0;           // dLoss/d(cross-entropy of one token): 1 / batch tokens
    std::vector<T> auxDProb; // (nLayer, nExpert) dLoss/d(router prob of any token, expert i)
    T zScale = 0;            // dLoss/d(logsumexp^2 of one token, one layer)
};

// The batch's loss from the shard statistics summed over every shard:
//   mean cross-entropy + auxWeight * mean over layers of (E * sum_i f_i P_i)
//                      + zWeight * mean over layers of mean_t logsumexp(router logits)^2,
// with f_i the share of routed slots expert i got and P_i its mean router probability. Fills grad
// with the factors backward() needs: the aux gradient flows through P only (f is a count).
struct LossParts {
    double ce = 0, aux = 0, z = 0, total = 0; // aux and z unweighted
};
template <typename T>
LossParts assembleLoss(const ShardStats& total, const ModelConfig& config, double auxWeight, double zWeight,
                       LossGrad<T>& grad);

template <typename T> class Network {
public:
    Network(const ModelConfig& config, const ParamLayout& layout, int maxSequences, int maxLength);

    enum class Pass {
        Train,  // keep everything for backward(); the logits become dLoss/dlogits (ceGradScale)
        Loss,   // measure only (stats); the logits are overwritten
        Logits, // keep the logits (see logits()); no cross-entropy
    };
    // Runs `sequences` windows of length + 1 ids each (inputs ids[0..length), targets ids[1..length])
    // with the parameters `params`, adding its measurements to stats (reset by the caller).
    // Pass::Train also runs the output head's backward (it needs nothing from other shards) into
    // grads, which must then be given; Pass::Logits needs sequences == 1.
    void forward(const T* params, const int* windows, int sequences, int length, Pass pass, T ceGradScale,
                 ShardStats& stats, T* grads = nullptr);
    // Writes the rest of the gradient into grads for the last forward, which must have been
    // Pass::Train with ceGradScale = loss.ceScale and the same grads. Every tensor's gradient is
    // assigned, none added to (no zero-fill needed: 15 MB per shard and step); the padding
    // between tensors is not touched.
    void backward(const T* params, const LossGrad<T>& loss, T* grads);

    // Dropout for the following forward passes (any pass, so that a finite-difference check sees the
    // same masks): each element of the attention output (before wo) and of every expert's hidden
    // activation (before down) is zeroed with probability `rate`, the rest scaled by 1 / (1 - rate).
    // The masks depend only on `seed`, the layer and the element, so a step is reproducible.
    // rate 0 switches dropout off (evaluation). Allocates the mask buffers on first use.
    void setDropout(T rate, uint64_t seed);

    // A routing experiment for the following forward passes (as moe::Session's: disabled experts,
    // another top-k), so that a check can compare the trainer with the engine under it; training
    // never uses one. Throws std::invalid_argument as planRouting, or if a layer would pick more
    // experts than the model's expert_used_count (the buffers hold that many choices).
    void setRoutingOverride(const RoutingOverride& routing);
    int topK(int layer) const { return m_routing.topK[static_cast<size_t>(layer)]; }

    // (tokens x nVocab) logits of the last forward run with Pass::Logits.
    const T* logits() const { return m_logits.data(); }
    // Layer l's routing in the last forward: (tokens, nExpert) probabilities, and the (tokens,
    // topK(l)) experts each token chose and their gates.
    const T* probs(int layer) const { return m_layers[static_cast<size_t>(layer)].routerProbs.data(); }
    const int* chosen(int layer) const { return m_layers[static_cast<size_t>(layer)].chosen.data(); }
    const T* gates(int layer) const { return m_layers[static_cast<size_t>(layer)].gates.data(); }

private:
    struct LayerActs {
        // qkv: (n, qDim + 2 kvDim), q | k | v side by side; attnProbs: (seq, head, len, len).
        Buffer<T> xIn, xn1, rstd1, qkv, attnProbs, att, xMid, xn2, rstd2;
        Buffer<T> routerProbs, routerLse, gates; // (n, E), (n), (n, k)
        std::vector<int> chosen;                 // (n, k)
        ExpertDispatch dispatch;                 // chosen's (token, choice) pairs as expert slots
        Buffer<T> xe, hGate, hUp, act, ye;       // per slot: (nk, d), (nk, ff) x3, (nk, d)
        // Dropout: 1 where kept; (n, qDim), (nk, ff). Bytes, not floats: a quarter of the memory traffic.
        std::vector<uint8_t> attKept, actKept;
    };
    using Map = MatMap<T>;
    using ConstMap = ConstMatMap<T>;
    // Matrix views: a buffer (from offset), a writable pointer, a read-only pointer. stride: row pitch.
    static Map view(Buffer<T>& b, int rows, int cols, size_t offset = 0, int stride = -1);
    static Map out(T* p, int rows, int cols, int stride = -1);
    static ConstMap in(const T* p, int rows, int cols, int stride = -1);

    void attendForward(LayerActs& a);
    // Draws kept[0..count) for dropout (values [first, first + count) of stream `stream`: the same
    // mask whether a buffer is done whole or in pieces), zeroes the dropped values and scales the
    // kept ones by 1 / (1 - rate).
    void dropoutForward(T* values, uint8_t* kept, size_t count, uint64_t stream, size_t first) const;
    // The backward of dropoutForward: gradients *= (kept ? 1 / (1 - rate) : 0).
    void dropoutBackward(T* gradients, const uint8_t* kept, size_t count) const;
    void headForward(const T* params, Pass pass, T ceGradScale, ShardStats& stats, T* grads);
    void attendBackward(LayerActs& a, const T* params, const LayerOffsets& o, T* grads);
    void expertsForward(const T* params, const LayerOffsets& o, LayerActs& a, T* xOut, ShardStats& stats,
                        int layer);
    void expertsBackward(const T* params, const LayerOffsets& o, LayerActs& a, const LossGrad<T>& loss,
                         T* grads, int layer);

    ModelConfig m_cfg;
    const ParamLayout& m_layout;
    int m_maxSeq, m_maxLen;
    int m_d, m_qDim, m_kvDim, m_qkvDim, m_hd, m_ff, m_nExpert, m_k;
    Rope<T> m_rope;
    RoutingPlan m_routing;

    int m_seqs = 0, m_len = 0, m_n = 0; // the last forward: sequences, length, tokens
    T m_dropRate = T(0);
    uint64_t m_dropSeed = 0;
    std::vector<int> m_inputs, m_targets;
    std::vector<LayerActs> m_layers;
    Buffer<T> m_xFinal, m_xf, m_rstdF;
    Buffer<T> m_logits; // (max(kHeadRows, maxLength), nVocab): one chunk of the output head

    // Backward scratch (m_attnScratch: the attention kernels' packed k/v, forward and backward).
    Buffer<T> m_dx, m_dxn, m_dqkv, m_dAtt, m_attnScratch, m_routerLogits, m_dGates, m_dz;
    Buffer<T> m_dye, m_dact, m_dhGate, m_dhUp, m_dxe;
};

} // namespace moe::train

// Trainer's state, shared by trainer.cpp (steps) and trainer_checkpoint.cpp (save and resume).
#pragma once

#include "network.h"
#include "optimizer.h"
#include "param_layout.h"
#include "worker_pool.h"

#include "moe/train.h"

#include <memory>
#include <span>
#include <vector>

namespace moe {

struct Trainer::Impl {
    Impl(TrainConfig config, std::shared_ptr<TrainingData> data);

    TrainConfig config;
    std::shared_ptr<TrainingData> data;
    train::ParamLayout layout;
    train::AdamW adam;
    train::Buffer<float> params, adamM, adamV;
    int stepsDone = 0;

    // One network, gradient buffer and statistics per shard; shard i trains on windows
    // [shardBegin[i], shardBegin[i + 1]) of each batch and always runs on thread i.
    std::vector<std::unique_ptr<train::Network<float>>> networks;
    std::vector<train::Buffer<float>> grads;
    std::vector<train::ShardStats> stats;
    std::vector<int> shardBegin;
    train::WorkerPool pool;
    std::vector<int> windows;       // (batchSize, seqLen + 1)
    std::vector<double> normBlocks; // per block of kBlock gradients: sum of squares
    train::LossGrad<float> lossGrad;

    static constexpr size_t kBlock = size_t{1} << 16; // the unit of the parallel optimizer loops
    size_t blockCount() const { return (layout.total() + kBlock - 1) / kBlock; }
    int shards() const { return static_cast<int>(networks.size()); }
    // The forward pass of Trainer::evaluateLoss and Trainer::read over consecutive windows of
    // tokens (checked by the caller): the summed cross-entropy, and each input token's routing
    // appended to `routing` when given.
    double readWindows(std::span<const int> tokens, std::vector<TokenRouting>* routing);
};

} // namespace moe

// Seeded weight matrices of every type and inputs for the kernel tests (test_kernels,
// test_kernel_variants): rows of mixed magnitude, raw Q8_0 blocks over the full int8 range, and
// optionally misaligned row data.
#pragma once

#include "moe/model.h"
#include "moe/tensor_types.h"

#include <cmath>
#include <random>
#include <vector>

namespace moe::test {

// A weight matrix in its own bytes, offset by `misalign` bytes to exercise unaligned rows.
struct TestMatrix {
    std::vector<std::byte> storage;
    WeightMatrix w;
};

inline TestMatrix makeMatrix(TensorType type, int rows, int cols, uint32_t seed, size_t misalign = 0)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    std::vector<std::byte> bytes;
    std::vector<float> row(static_cast<size_t>(cols));
    for (int r = 0; r < rows; ++r) {
        // Some rows tiny (F16 subnormals), some large, most around 1.
        const float scale = r % 7 == 3 ? 1e-5f : (r % 5 == 1 ? 40.0f : 1.0f);
        for (float& v : row)
            v = scale * value(rng);
        if (type == TensorType::Q8_0 && r % 2 == 1) {
            // Raw blocks over the full int8 range, -128 included (a valid file may hold it).
            for (int b = 0; b < cols / 32; ++b) {
                BlockQ8_0 block{};
                block.d = floatToHalf(0.001f + 0.05f * std::fabs(value(rng)));
                for (int8_t& q : block.q)
                    q = static_cast<int8_t>(static_cast<int>(rng() % 256) - 128);
                const auto* p = reinterpret_cast<const std::byte*>(&block);
                bytes.insert(bytes.end(), p, p + sizeof(block));
            }
        } else {
            encodeRow(type, row, bytes);
        }
    }
    TestMatrix m;
    m.storage.assign(misalign, std::byte{0});
    m.storage.insert(m.storage.end(), bytes.begin(), bytes.end());
    m.w.type = type;
    m.w.rows = rows;
    m.w.cols = cols;
    m.w.rowBytes = bytes.size() / static_cast<size_t>(rows);
    m.w.data = m.storage.data() + misalign;
    return m;
}

inline std::vector<float> makeInput(int count, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> value(0.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(count));
    for (size_t i = 0; i < x.size(); ++i)
        x[i] = (i / 32) % 9 == 4 ? 1e-3f * value(rng) : value(rng); // some blocks with small scales
    return x;
}

} // namespace moe::test

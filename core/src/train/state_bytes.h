// Little-endian u64 packing for the opaque state strings that training-data sources write into
// checkpoints (so a checkpoint reads the same on every machine).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace moe::train_state {

inline void put64(std::string& out, uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// Reads 8 bytes at `at`; the caller has checked the length.
inline uint64_t get64(std::string_view in, size_t at)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v |= static_cast<uint64_t>(static_cast<unsigned char>(in[at + static_cast<size_t>(i)])) << (8 * i);
    return v;
}

} // namespace moe::train_state

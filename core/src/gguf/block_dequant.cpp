// Each decoder follows llama.cpp's dequantize_row_* for its type, in the same order of float
// operations (d * scale first, then times the quant, then minus the min), so the values are equal
// bit for bit, not just close.
#include "block_dequant.h"

#include "moe/tensor_types.h"

#include <cstring>

namespace moe::quant {

namespace {

// The fixed table of IQ4_NL and IQ4_XS.
constexpr int8_t kIq4Values[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

float half(const uint8_t* p)
{
    uint16_t h = 0;
    std::memcpy(&h, p, sizeof h); // little-endian, as GGUF stores it
    return halfToFloat(h);
}

void q4_0(const uint8_t* b, float* y)
{
    const float d = half(b);
    const uint8_t* qs = b + 2;
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>((qs[j] & 0x0F) - 8) * d;
        y[j + 16] = static_cast<float>((qs[j] >> 4) - 8) * d;
    }
}

void q4_1(const uint8_t* b, float* y)
{
    const float d = half(b), m = half(b + 2);
    const uint8_t* qs = b + 4;
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>(qs[j] & 0x0F) * d + m;
        y[j + 16] = static_cast<float>(qs[j] >> 4) * d + m;
    }
}

// Q5_0 and Q5_1: the fifth bit of element j (j < 16) is bit j of qh, of element j + 16 bit j + 16.
void q5(const uint8_t* qhBytes, const uint8_t* qs, int (&q)[32])
{
    uint32_t qh = 0;
    std::memcpy(&qh, qhBytes, sizeof qh);
    for (int j = 0; j < 16; ++j) {
        q[j] = (qs[j] & 0x0F) | static_cast<int>(((qh >> j) << 4) & 0x10);
        q[j + 16] = (qs[j] >> 4) | static_cast<int>((qh >> (j + 12)) & 0x10);
    }
}

void q5_0(const uint8_t* b, float* y)
{
    const float d = half(b);
    int q[32];
    q5(b + 2, b + 6, q);
    for (int j = 0; j < 32; ++j)
        y[j] = static_cast<float>(q[j] - 16) * d;
}

void q5_1(const uint8_t* b, float* y)
{
    const float d = half(b), m = half(b + 2);
    int q[32];
    q5(b + 4, b + 8, q);
    for (int j = 0; j < 32; ++j)
        y[j] = static_cast<float>(q[j]) * d + m;
}

void q2_K(const uint8_t* b, float* y)
{
    const uint8_t* scales = b;
    const uint8_t* q = b + 16;
    const float d = half(b + 80), dmin = half(b + 82);
    int is = 0;
    for (int n = 0; n < 256; n += 128) {
        for (int shift = 0; shift < 8; shift += 2) {
            for (int part = 0; part < 2; ++part) {
                const uint8_t sc = scales[is++];
                const float dl = d * static_cast<float>(sc & 0x0F), ml = dmin * static_cast<float>(sc >> 4);
                for (int l = 0; l < 16; ++l)
                    *y++ = dl * static_cast<float>((q[l + 16 * part] >> shift) & 3) - ml;
            }
        }
        q += 32;
    }
}

// Q3_K's sixteen 6-bit scales in 12 bytes: low 4 bits from bytes 0-7 (low nibbles for sub-blocks
// 0-7, high nibbles for 8-15), the top 2 bits from bytes 8-11.
int q3Scale(const uint8_t* s, int sub)
{
    const int low = sub < 8 ? s[sub] & 0x0F : s[sub - 8] >> 4;
    const int high = (s[8 + sub % 4] >> (2 * (sub / 4))) & 3;
    return (low | (high << 4)) - 32;
}

void q3_K(const uint8_t* b, float* y)
{
    const uint8_t* hm = b;
    const uint8_t* q = b + 32;
    const uint8_t* scales = b + 96;
    const float d = half(b + 108);
    int is = 0;
    uint8_t mask = 1;
    for (int n = 0; n < 256; n += 128) {
        for (int shift = 0; shift < 8; shift += 2) {
            for (int part = 0; part < 2; ++part) {
                const float dl = d * static_cast<float>(q3Scale(scales, is++));
                for (int l = 0; l < 16; ++l) {
                    const int i = l + 16 * part;
                    *y++ = dl * static_cast<float>(((q[i] >> shift) & 3) - ((hm[i] & mask) ? 0 : 4));
                }
            }
            mask = static_cast<uint8_t>(mask << 1);
        }
        q += 32;
    }
}

// Q4_K and Q5_K: eight 6-bit scales and mins packed in 12 bytes (llama.cpp's get_scale_min_k4).
void scaleMinK4(int j, const uint8_t* q, float& scale, float& min)
{
    if (j < 4) {
        scale = static_cast<float>(q[j] & 63);
        min = static_cast<float>(q[j + 4] & 63);
    } else {
        scale = static_cast<float>((q[j + 4] & 0x0F) | ((q[j - 4] >> 6) << 4));
        min = static_cast<float>((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

// Q4_K (qh == nullptr) and Q5_K: four chunks of 64, low nibbles first, then high nibbles.
void kQuant45(const uint8_t* b, const uint8_t* qh, const uint8_t* ql, float* y)
{
    const float d = half(b), dmin = half(b + 2);
    const uint8_t* scales = b + 4;
    int is = 0;
    uint8_t u1 = 1, u2 = 2;
    for (int j = 0; j < 256; j += 64) {
        float sc = 0, m = 0;
        scaleMinK4(is, scales, sc, m);
        const float d1 = d * sc, m1 = dmin * m;
        scaleMinK4(is + 1, scales, sc, m);
        const float d2 = d * sc, m2 = dmin * m;
        for (int l = 0; l < 32; ++l)
            *y++ = d1 * static_cast<float>((ql[l] & 0x0F) + (qh && (qh[l] & u1) ? 16 : 0)) - m1;
        for (int l = 0; l < 32; ++l)
            *y++ = d2 * static_cast<float>((ql[l] >> 4) + (qh && (qh[l] & u2) ? 16 : 0)) - m2;
        ql += 32;
        is += 2;
        u1 = static_cast<uint8_t>(u1 << 2);
        u2 = static_cast<uint8_t>(u2 << 2);
    }
}

void q6_K(const uint8_t* b, float* y)
{
    const uint8_t* ql = b;
    const uint8_t* qh = b + 128;
    const auto* sc = reinterpret_cast<const int8_t*>(b + 192);
    const float d = half(b + 208);
    for (int n = 0; n < 256; n += 128) {
        for (int l = 0; l < 32; ++l) {
            const int is = l / 16;
            const int q1 = ((ql[l] & 0x0F) | (((qh[l] >> 0) & 3) << 4)) - 32;
            const int q2 = ((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32;
            const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
            const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
            y[l] = d * static_cast<float>(sc[is]) * static_cast<float>(q1);
            y[l + 32] = d * static_cast<float>(sc[is + 2]) * static_cast<float>(q2);
            y[l + 64] = d * static_cast<float>(sc[is + 4]) * static_cast<float>(q3);
            y[l + 96] = d * static_cast<float>(sc[is + 6]) * static_cast<float>(q4);
        }
        y += 128;
        ql += 64;
        qh += 32;
        sc += 8;
    }
}

void iq4_nl(const uint8_t* b, float* y)
{
    const float d = half(b);
    const uint8_t* qs = b + 2;
    for (int j = 0; j < 16; ++j) {
        y[j] = d * static_cast<float>(kIq4Values[qs[j] & 0x0F]);
        y[j + 16] = d * static_cast<float>(kIq4Values[qs[j] >> 4]);
    }
}

void iq4_xs(const uint8_t* b, float* y)
{
    const float d = half(b);
    uint16_t scalesH = 0;
    std::memcpy(&scalesH, b + 2, sizeof scalesH);
    const uint8_t* scalesL = b + 4;
    const uint8_t* qs = b + 8;
    for (int ib = 0; ib < 8; ++ib) {
        const int ls = ((scalesL[ib / 2] >> (4 * (ib % 2))) & 0x0F) | (((scalesH >> (2 * ib)) & 3) << 4);
        const float dl = d * static_cast<float>(ls - 32);
        for (int j = 0; j < 16; ++j) {
            y[j] = dl * static_cast<float>(kIq4Values[qs[j] & 0x0F]);
            y[j + 16] = dl * static_cast<float>(kIq4Values[qs[j] >> 4]);
        }
        y += 32;
        qs += 16;
    }
}

using BlockDecoder = void (*)(const uint8_t* block, float* out);

struct TypeInfo {
    BlockType type;
    BlockLayout layout;
    BlockDecoder decode;
};

void q4_K(const uint8_t* b, float* y)
{
    kQuant45(b, nullptr, b + 16, y);
}

void q5_K(const uint8_t* b, float* y)
{
    kQuant45(b, b + 16, b + 48, y);
}

constexpr TypeInfo kTypes[] = {
    {BlockType::Q4_0, {32, 18}, q4_0},       {BlockType::Q4_1, {32, 20}, q4_1},
    {BlockType::Q5_0, {32, 22}, q5_0},       {BlockType::Q5_1, {32, 24}, q5_1},
    {BlockType::Q2_K, {256, 84}, q2_K},      {BlockType::Q3_K, {256, 110}, q3_K},
    {BlockType::Q4_K, {256, 144}, q4_K},     {BlockType::Q5_K, {256, 176}, q5_K},
    {BlockType::Q6_K, {256, 210}, q6_K},     {BlockType::IQ4_NL, {32, 18}, iq4_nl},
    {BlockType::IQ4_XS, {256, 136}, iq4_xs},
};

const TypeInfo* find(uint32_t id)
{
    for (const TypeInfo& t : kTypes) {
        if (static_cast<uint32_t>(t.type) == id)
            return &t;
    }
    return nullptr;
}

} // namespace

std::optional<BlockLayout> blockLayout(uint32_t ggmlType)
{
    const TypeInfo* t = find(ggmlType);
    return t ? std::optional<BlockLayout>(t->layout) : std::nullopt;
}

bool dequantize(uint32_t ggmlType, const std::byte* blocks, std::span<float> out)
{
    const TypeInfo* t = find(ggmlType);
    if (!t || out.size() % static_cast<size_t>(t->layout.elements) != 0)
        return false;
    const auto* b = reinterpret_cast<const uint8_t*>(blocks);
    for (size_t i = 0; i < out.size(); i += static_cast<size_t>(t->layout.elements)) {
        t->decode(b, out.data() + i);
        b += t->layout.bytes;
    }
    return true;
}

} // namespace moe::quant

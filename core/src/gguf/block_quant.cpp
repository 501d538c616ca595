// Each encoder follows llama.cpp b4748's reference quantiser for its type step by step, with the
// same float operations in the same order (this file is built with -ffp-contract=off so no a*b+c
// becomes a fused multiply-add), so the bytes are equal to llama-quantize's, not just close.
// ggml's integer conversions are kept too: nearest_int's float-adder trick, and the truncating
// float-to-byte casts, which are emulated as x86 executes them (see truncateX86) so that
// infinities and NaN give ggml's bytes without undefined behaviour here.
#include "block_quant.h"

#include "block_dequant.h"
#include "moe/tensor_types.h"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstring>

namespace moe::quant {

namespace {

constexpr float kGroupMaxEps = 1e-15f; // ggml's GROUP_MAX_EPS: a group below this is all zero

constexpr int8_t kIq4Values[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

// ggml's nearest_int: round to nearest, ties to even, by adding 1.5 * 2^23 and reading the
// mantissa. Exact for |v| < 2^22; beyond that (and for NaN) it gives ggml's bits, never traps.
int nearestInt(float v)
{
    const float shifted = v + 12582912.0f;
    return (std::bit_cast<int32_t>(shifted) & 0x007fffff) - 0x00400000;
}

// C's (int8_t)v and (uint8_t)v as GCC compiles them for x86-64: a 32-bit truncating cvttss2si,
// which answers INT32_MIN for NaN and out-of-range values, then the low byte. Only infinite or NaN
// scaled values (blocks whose scale underflows) ever leave the range.
int32_t truncateX86(float v)
{
    if (!(v >= -2147483648.0f && v < 2147483648.0f))
        return INT32_MIN;
    return static_cast<int32_t>(v);
}

int8_t toInt8(float v)
{
    return static_cast<int8_t>(truncateX86(v));
}

uint8_t toUint8(float v)
{
    return static_cast<uint8_t>(truncateX86(v));
}

void putHalf(uint8_t* p, float v)
{
    const uint16_t h = floatToHalf(v);
    std::memcpy(p, &h, sizeof h); // little-endian, as GGUF stores it
}

float getHalf(const uint8_t* p)
{
    uint16_t h = 0;
    std::memcpy(&h, p, sizeof h);
    return halfToFloat(h);
}

// ---- legacy 32-element blocks (quantize_row_q4_0_ref ... q5_1_ref)

// The value of largest magnitude, with its sign; the first one wins a tie.
float signedAbsMax(const float* x, int n)
{
    float amax = 0.0f, max = 0.0f;
    for (int j = 0; j < n; ++j) {
        if (amax < std::fabs(x[j])) {
            amax = std::fabs(x[j]);
            max = x[j];
        }
    }
    return max;
}

void minMax(const float* x, int n, float& min, float& max)
{
    min = FLT_MAX;
    max = -FLT_MAX;
    for (int j = 0; j < n; ++j) {
        if (x[j] < min)
            min = x[j];
        if (x[j] > max)
            max = x[j];
    }
}

void q4_0(const float* x, uint8_t* b)
{
    const float d = signedAbsMax(x, 32) / -8; // the extreme value maps to q = 0
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    putHalf(b, d);
    for (int j = 0; j < 16; ++j) {
        const auto xi0 = static_cast<uint8_t>(std::min(15, static_cast<int>(toInt8(x[j] * id + 8.5f))));
        const auto xi1 = static_cast<uint8_t>(std::min(15, static_cast<int>(toInt8(x[16 + j] * id + 8.5f))));
        b[2 + j] = static_cast<uint8_t>(xi0 | (xi1 << 4));
    }
}

void q4_1(const float* x, uint8_t* b)
{
    float min = 0, max = 0;
    minMax(x, 32, min, max);
    const float d = (max - min) / 15;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    putHalf(b, d);
    putHalf(b + 2, min);
    for (int j = 0; j < 16; ++j) {
        const auto xi0 =
            static_cast<uint8_t>(std::min(15, static_cast<int>(toInt8((x[j] - min) * id + 0.5f))));
        const auto xi1 =
            static_cast<uint8_t>(std::min(15, static_cast<int>(toInt8((x[16 + j] - min) * id + 0.5f))));
        b[4 + j] = static_cast<uint8_t>(xi0 | (xi1 << 4));
    }
}

// Q5_0 and Q5_1: low nibbles in split-half order, fifth bits in the little-endian u32 at qhBytes.
void packQ5(const uint8_t (&q)[32], uint8_t* qhBytes, uint8_t* qs)
{
    uint32_t qh = 0;
    for (int j = 0; j < 16; ++j) {
        qs[j] = static_cast<uint8_t>((q[j] & 0x0F) | ((q[16 + j] & 0x0F) << 4));
        qh |= ((q[j] & 0x10u) >> 4) << j;
        qh |= ((q[16 + j] & 0x10u) >> 4) << (j + 16);
    }
    std::memcpy(qhBytes, &qh, sizeof qh);
}

void q5_0(const float* x, uint8_t* b)
{
    const float d = signedAbsMax(x, 32) / -16;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    putHalf(b, d);
    uint8_t q[32];
    for (int j = 0; j < 32; ++j)
        q[j] = static_cast<uint8_t>(std::min(31, static_cast<int>(toInt8(x[j] * id + 16.5f))));
    packQ5(q, b + 2, b + 6);
}

void q5_1(const float* x, uint8_t* b)
{
    float min = 0, max = 0;
    minMax(x, 32, min, max);
    const float d = (max - min) / 31;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    putHalf(b, d);
    putHalf(b + 2, min);
    uint8_t q[32];
    for (int j = 0; j < 32; ++j)
        q[j] = toUint8((x[j] - min) * id + 0.5f); // no clamp here in ggml: 32 wraps to 0
    packQ5(q, b + 4, b + 8);
}

// ---- helpers of the K-quants (ggml's make_q3_quants, make_qx_quants, make_qkx2_quants)

// Q3_K's sub-block scale: signed levels -nmax..nmax-1 refined by moving one value at a time while
// the weighted (w = x^2) least-squares fit improves. L gets levels + nmax (0 for an all-zero group).
float makeQ3Quants(int n, int nmax, const float* x, int8_t* L)
{
    const float max = signedAbsMax(x, n), amax = std::fabs(max);
    if (amax < kGroupMaxEps) {
        std::fill(L, L + n, int8_t{0});
        return 0.0f;
    }
    const float iscale = static_cast<float>(-nmax) / max;
    float sumlx = 0, suml2 = 0;
    for (int i = 0; i < n; ++i) {
        const int l = std::clamp(nearestInt(iscale * x[i]), -nmax, nmax - 1);
        L[i] = static_cast<int8_t>(l);
        const float w = x[i] * x[i];
        sumlx += w * x[i] * static_cast<float>(l);
        suml2 += w * static_cast<float>(l) * static_cast<float>(l);
    }
    for (int itry = 0; itry < 5; ++itry) {
        int changed = 0;
        for (int i = 0; i < n; ++i) {
            const float w = x[i] * x[i];
            float slx = sumlx - w * x[i] * static_cast<float>(L[i]);
            if (slx > 0) {
                float sl2 = suml2 - w * static_cast<float>(L[i]) * static_cast<float>(L[i]);
                const int newL = std::clamp(nearestInt(x[i] * sl2 / slx), -nmax, nmax - 1);
                if (newL != L[i]) {
                    slx += w * x[i] * static_cast<float>(newL);
                    sl2 += w * static_cast<float>(newL) * static_cast<float>(newL);
                    if (sl2 > 0 && slx * slx * suml2 > sumlx * sumlx * sl2) {
                        L[i] = static_cast<int8_t>(newL);
                        sumlx = slx;
                        suml2 = sl2;
                        ++changed;
                    }
                }
            }
        }
        if (changed == 0)
            break;
    }
    for (int i = 0; i < n; ++i)
        L[i] = static_cast<int8_t>(L[i] + nmax);
    return sumlx / suml2;
}

// Q6_K's sub-block scale (make_qx_quants with rmse_type 1 and no importance weights: w = x^2):
// the best of 19 trial scales around nmax / max by weighted least squares. L gets levels + nmax.
float makeQxQuants(int n, int nmax, const float* x, int8_t* L)
{
    const float max = signedAbsMax(x, n), amax = std::fabs(max);
    if (amax < kGroupMaxEps) {
        std::fill(L, L + n, int8_t{0});
        return 0.0f;
    }
    const auto fit = [&](float iscale, float& sumlx, float& suml2) {
        sumlx = 0;
        suml2 = 0;
        for (int i = 0; i < n; ++i) {
            const int l = std::clamp(nearestInt(iscale * x[i]), -nmax, nmax - 1);
            const float w = x[i] * x[i];
            sumlx += w * x[i] * static_cast<float>(l);
            suml2 += w * static_cast<float>(l) * static_cast<float>(l);
        }
    };
    const auto assign = [&](float iscale) {
        for (int i = 0; i < n; ++i)
            L[i] = static_cast<int8_t>(nmax + std::clamp(nearestInt(iscale * x[i]), -nmax, nmax - 1));
    };
    float iscale = static_cast<float>(-nmax) / max;
    float sumlx = 0, suml2 = 0;
    fit(iscale, sumlx, suml2);
    assign(iscale);
    float scale = suml2 != 0.0f ? sumlx / suml2 : 0.0f;
    float best = scale * sumlx;
    for (int is = -9; is <= 9; ++is) {
        if (is == 0)
            continue;
        iscale = -(static_cast<float>(nmax) + 0.1f * static_cast<float>(is)) / max;
        fit(iscale, sumlx, suml2);
        if (suml2 > 0 && sumlx * sumlx > best * suml2) {
            assign(iscale);
            scale = sumlx / suml2;
            best = scale * sumlx;
        }
    }
    return scale;
}

// Q2_K/Q4_K/Q5_K sub-block scale and min (make_qkx2_quants): levels 0..nmax over [min, max] with
// min <= 0, then nstep + 1 trial scales, keeping the one with the smallest weighted error (absolute
// with useMad, squared otherwise). Returns the scale; theMin gets -min (>= 0).
float makeQkx2Quants(int n, int nmax, const float* x, const float* weights, uint8_t* L, float& theMin,
                     uint8_t* Laux, float rmin, float rdelta, int nstep, bool useMad)
{
    float min = x[0], max = x[0];
    float sumW = weights[0];
    float sumX = sumW * x[0];
    for (int i = 1; i < n; ++i) {
        if (x[i] < min)
            min = x[i];
        if (x[i] > max)
            max = x[i];
        const float w = weights[i];
        sumW += w;
        sumX += w * x[i];
    }
    if (min > 0)
        min = 0;
    if (max == min) {
        std::fill(L, L + n, uint8_t{0});
        theMin = -min;
        return 0.0f;
    }
    const float fnmax = static_cast<float>(nmax);
    float iscale = fnmax / (max - min);
    float scale = 1 / iscale;
    float bestMad = 0;
    for (int i = 0; i < n; ++i) {
        const int l = nearestInt(iscale * (x[i] - min));
        L[i] = static_cast<uint8_t>(std::max(0, std::min(nmax, l)));
        float diff = scale * static_cast<float>(L[i]) + min - x[i];
        diff = useMad ? std::fabs(diff) : diff * diff;
        bestMad += weights[i] * diff;
    }
    for (int is = 0; is <= nstep; ++is) {
        iscale = (rmin + rdelta * static_cast<float>(is) + fnmax) / (max - min);
        float sumL = 0, sumL2 = 0, sumXL = 0;
        for (int i = 0; i < n; ++i) {
            const int l = std::max(0, std::min(nmax, nearestInt(iscale * (x[i] - min))));
            Laux[i] = static_cast<uint8_t>(l);
            const float w = weights[i];
            const auto fl = static_cast<float>(l);
            sumL += w * fl;
            sumL2 += w * fl * fl;
            sumXL += w * fl * x[i];
        }
        const float D = sumW * sumL2 - sumL * sumL;
        if (D > 0) {
            float thisScale = (sumW * sumXL - sumX * sumL) / D;
            float thisMin = (sumL2 * sumX - sumL * sumXL) / D;
            if (thisMin > 0) {
                thisMin = 0;
                thisScale = sumXL / sumL2;
            }
            float mad = 0;
            for (int i = 0; i < n; ++i) {
                float diff = thisScale * static_cast<float>(Laux[i]) + thisMin - x[i];
                diff = useMad ? std::fabs(diff) : diff * diff;
                mad += weights[i] * diff;
            }
            if (mad < bestMad) {
                std::copy(Laux, Laux + n, L);
                bestMad = mad;
                scale = thisScale;
                min = thisMin;
            }
        }
    }
    theMin = -min;
    return scale;
}

// Q2_K and Q3_K store 2-bit values four to a byte: byte l of each 32-byte half holds elements
// l, l + 32, l + 64, l + 96 of that half's 128.
template <typename Level> void pack2Bit(const Level* L, uint8_t* qs)
{
    for (int j = 0; j < 256; j += 128)
        for (int l = 0; l < 32; ++l)
            qs[j / 4 + l] = static_cast<uint8_t>(L[j + l] | (L[j + l + 32] << 2) | (L[j + l + 64] << 4) |
                                                 (L[j + l + 96] << 6));
}

// ---- K-quants: 256-element super-blocks

void q2_K(const float* x, uint8_t* b) // scales[16]; qs[64]; d; dmin
{
    uint8_t* scalesOut = b;
    uint8_t* qs = b + 16;
    uint8_t L[256], Laux[16];
    float weights[16], mins[16], scales[16];
    float maxScale = 0, maxMin = 0;
    for (int j = 0; j < 16; ++j) {
        for (int l = 0; l < 16; ++l)
            weights[l] = std::fabs(x[16 * j + l]);
        scales[j] =
            makeQkx2Quants(16, 3, x + 16 * j, weights, L + 16 * j, mins[j], Laux, -0.5f, 0.1f, 15, true);
        if (scales[j] > maxScale)
            maxScale = scales[j];
        if (mins[j] > maxMin)
            maxMin = mins[j];
    }
    // Sub-block scales and mins as 4-bit multiples of d and dmin.
    if (maxScale > 0) {
        const float iscale = 15.0f / maxScale;
        for (int j = 0; j < 16; ++j)
            scalesOut[j] = static_cast<uint8_t>(nearestInt(iscale * scales[j]));
        putHalf(b + 80, maxScale / 15.0f);
    } else {
        std::fill(scalesOut, scalesOut + 16, uint8_t{0});
        putHalf(b + 80, 0.0f);
    }
    if (maxMin > 0) {
        const float iscale = 15.0f / maxMin;
        for (int j = 0; j < 16; ++j)
            scalesOut[j] = static_cast<uint8_t>(scalesOut[j] | (nearestInt(iscale * mins[j]) << 4));
        putHalf(b + 82, maxMin / 15.0f);
    } else {
        putHalf(b + 82, 0.0f);
    }
    // Requantise against the stored (rounded) scales; a zero scale keeps the first levels.
    for (int j = 0; j < 16; ++j) {
        const float d = getHalf(b + 80) * static_cast<float>(scalesOut[j] & 0x0F);
        if (d == 0.0f)
            continue;
        const float dm = getHalf(b + 82) * static_cast<float>(scalesOut[j] >> 4);
        for (int ii = 0; ii < 16; ++ii)
            L[16 * j + ii] = static_cast<uint8_t>(std::clamp(nearestInt((x[16 * j + ii] + dm) / d), 0, 3));
    }
    pack2Bit(L, qs);
}

// Q3_K's sixteen 6-bit scales: low nibbles in bytes 0-7 (sub-blocks 0-7 low, 8-15 high nibble),
// the top two bits in bytes 8-11.
int q3Scale(const uint8_t* s, int j)
{
    const int low = j < 8 ? s[j] & 0x0F : s[j - 8] >> 4;
    return static_cast<int8_t>(low | (((s[8 + j % 4] >> (2 * (j / 4))) & 3) << 4)) - 32;
}

void q3_K(const float* x, uint8_t* b) // hmask[32]; qs[64]; scales[12]; d
{
    uint8_t* hmask = b;
    uint8_t* qs = b + 32;
    uint8_t* scalesOut = b + 96;
    int8_t L[256];
    float scales[16];
    float maxScale = 0, amax = 0;
    for (int j = 0; j < 16; ++j) {
        scales[j] = makeQ3Quants(16, 4, x + 16 * j, L + 16 * j);
        const float scale = std::fabs(scales[j]);
        if (scale > amax) {
            amax = scale;
            maxScale = scales[j];
        }
    }
    std::fill(scalesOut, scalesOut + 12, uint8_t{0});
    if (maxScale != 0.0f) {
        const float iscale = -32.0f / maxScale;
        for (int j = 0; j < 16; ++j) {
            auto l = static_cast<int8_t>(nearestInt(iscale * scales[j]));
            l = static_cast<int8_t>(std::clamp(static_cast<int>(l), -32, 31) + 32);
            if (j < 8)
                scalesOut[j] = static_cast<uint8_t>(l & 0x0F);
            else
                scalesOut[j - 8] = static_cast<uint8_t>(scalesOut[j - 8] | ((l & 0x0F) << 4));
            l = static_cast<int8_t>(l >> 4);
            scalesOut[j % 4 + 8] = static_cast<uint8_t>(scalesOut[j % 4 + 8] | (l << (2 * (j / 4))));
        }
        putHalf(b + 108, 1 / iscale);
    } else {
        putHalf(b + 108, 0.0f);
    }
    for (int j = 0; j < 16; ++j) {
        const float d = getHalf(b + 108) * static_cast<float>(q3Scale(scalesOut, j));
        if (d == 0.0f)
            continue;
        for (int ii = 0; ii < 16; ++ii)
            L[16 * j + ii] = static_cast<int8_t>(std::clamp(nearestInt(x[16 * j + ii] / d), -4, 3) + 4);
    }
    // The high bit of element j goes to bit j / 32 of hmask[j % 32]; the low two bits stay in L.
    std::fill(hmask, hmask + 32, uint8_t{0});
    for (int j = 0; j < 256; ++j) {
        if (L[j] > 3) {
            hmask[j % 32] = static_cast<uint8_t>(hmask[j % 32] | (1 << (j / 32)));
            L[j] = static_cast<int8_t>(L[j] - 4);
        }
    }
    pack2Bit(L, qs);
}

// Q4_K and Q5_K: eight 6-bit scales and mins in 12 bytes (the inverse of get_scale_min_k4).
void packScaleMinK4(const uint8_t (&ls)[8], const uint8_t (&lm)[8], uint8_t* s)
{
    for (int j = 0; j < 8; ++j) {
        if (j < 4) {
            s[j] = ls[j];
            s[j + 4] = lm[j];
        } else {
            s[j + 4] = static_cast<uint8_t>((ls[j] & 0x0F) | ((lm[j] & 0x0F) << 4));
            s[j - 4] = static_cast<uint8_t>(s[j - 4] | ((ls[j] >> 4) << 6));
            s[j] = static_cast<uint8_t>(s[j] | ((lm[j] >> 4) << 6));
        }
    }
}

void scaleMinK4(int j, const uint8_t* q, uint8_t& d, uint8_t& m)
{
    if (j < 4) {
        d = q[j] & 63;
        m = q[j + 4] & 63;
    } else {
        d = static_cast<uint8_t>((q[j + 4] & 0x0F) | ((q[j - 4] >> 6) << 4));
        m = static_cast<uint8_t>((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

// The shared part of Q4_K (nmax 15) and Q5_K (nmax 31): sub-block scales and mins, the header
// (d, dmin, scales at b .. b + 16), and the final levels in L.
void kQuant45Levels(const float* x, uint8_t* b, int nmax, float rmin, int nstep, uint8_t (&L)[256])
{
    uint8_t Laux[32];
    float weights[32], mins[8], scales[8];
    float maxScale = 0, maxMin = 0;
    for (int j = 0; j < 8; ++j) {
        float sumX2 = 0;
        for (int l = 0; l < 32; ++l)
            sumX2 += x[32 * j + l] * x[32 * j + l];
        const float avX = std::sqrt(sumX2 / 32);
        for (int l = 0; l < 32; ++l)
            weights[l] = avX + std::fabs(x[32 * j + l]);
        scales[j] = makeQkx2Quants(32, nmax, x + 32 * j, weights, L + 32 * j, mins[j], Laux, rmin, 0.1f,
                                   nstep, false);
        if (scales[j] > maxScale)
            maxScale = scales[j];
        if (mins[j] > maxMin)
            maxMin = mins[j];
    }
    const float invScale = maxScale > 0 ? 63.0f / maxScale : 0.0f;
    const float invMin = maxMin > 0 ? 63.0f / maxMin : 0.0f;
    uint8_t ls[8], lm[8];
    for (int j = 0; j < 8; ++j) {
        ls[j] = std::min<uint8_t>(63, static_cast<uint8_t>(nearestInt(invScale * scales[j])));
        lm[j] = std::min<uint8_t>(63, static_cast<uint8_t>(nearestInt(invMin * mins[j])));
    }
    packScaleMinK4(ls, lm, b + 4);
    putHalf(b, maxScale / 63.0f);
    putHalf(b + 2, maxMin / 63.0f);
    for (int j = 0; j < 8; ++j) {
        uint8_t sc = 0, m = 0;
        scaleMinK4(j, b + 4, sc, m);
        const float d = getHalf(b) * static_cast<float>(sc);
        if (d == 0.0f)
            continue;
        const float dm = getHalf(b + 2) * static_cast<float>(m);
        for (int ii = 0; ii < 32; ++ii)
            L[32 * j + ii] = static_cast<uint8_t>(std::clamp(nearestInt((x[32 * j + ii] + dm) / d), 0, nmax));
    }
}

void q4_K(const float* x, uint8_t* b) // d; dmin; scales[12]; qs[128]
{
    uint8_t L[256];
    kQuant45Levels(x, b, 15, -1.0f, 20, L);
    uint8_t* q = b + 16;
    for (int j = 0; j < 256; j += 64) {
        for (int l = 0; l < 32; ++l)
            q[l] = static_cast<uint8_t>(L[j + l] | (L[j + l + 32] << 4));
        q += 32;
    }
}

void q5_K(const float* x, uint8_t* b) // d; dmin; scales[12]; qh[32]; qs[128]
{
    uint8_t L[256];
    kQuant45Levels(x, b, 31, -0.5f, 15, L);
    uint8_t* qh = b + 16;
    uint8_t* ql = b + 48;
    std::fill(qh, qh + 32, uint8_t{0});
    uint8_t m1 = 1, m2 = 2;
    for (int n = 0; n < 256; n += 64) {
        for (int j = 0; j < 32; ++j) {
            int l1 = L[n + j];
            if (l1 > 15) {
                l1 -= 16;
                qh[j] |= m1;
            }
            int l2 = L[n + j + 32];
            if (l2 > 15) {
                l2 -= 16;
                qh[j] |= m2;
            }
            ql[j] = static_cast<uint8_t>(l1 | (l2 << 4));
        }
        m1 = static_cast<uint8_t>(m1 << 2);
        m2 = static_cast<uint8_t>(m2 << 2);
        ql += 32;
    }
}

void q6_K(const float* x, uint8_t* b) // ql[128]; qh[64]; scales[16] int8; d
{
    int8_t L[256];
    float scales[16];
    float maxScale = 0, maxAbsScale = 0;
    for (int ib = 0; ib < 16; ++ib) {
        scales[ib] = makeQxQuants(16, 32, x + 16 * ib, L + 16 * ib);
        const float absScale = std::fabs(scales[ib]);
        if (absScale > maxAbsScale) {
            maxAbsScale = absScale;
            maxScale = scales[ib];
        }
    }
    if (maxAbsScale < kGroupMaxEps) { // an all-zero block is all zero bytes
        std::fill(b, b + 210, uint8_t{0});
        return;
    }
    auto* scalesOut = reinterpret_cast<int8_t*>(b + 192);
    const float iscale = -128.0f / maxScale;
    putHalf(b + 208, 1 / iscale);
    for (int ib = 0; ib < 16; ++ib)
        scalesOut[ib] = static_cast<int8_t>(std::min(127, nearestInt(iscale * scales[ib])));
    for (int j = 0; j < 16; ++j) {
        const float d = getHalf(b + 208) * static_cast<float>(scalesOut[j]);
        if (d == 0.0f)
            continue;
        for (int ii = 0; ii < 16; ++ii)
            L[16 * j + ii] = static_cast<int8_t>(std::clamp(nearestInt(x[16 * j + ii] / d), -32, 31) + 32);
    }
    uint8_t* ql = b;
    uint8_t* qh = b + 128;
    for (int j = 0; j < 256; j += 128) {
        for (int l = 0; l < 32; ++l) {
            const int q1 = L[j + l] & 0x0F, q2 = L[j + l + 32] & 0x0F;
            const int q3 = L[j + l + 64] & 0x0F, q4 = L[j + l + 96] & 0x0F;
            ql[l] = static_cast<uint8_t>(q1 | (q3 << 4));
            ql[l + 32] = static_cast<uint8_t>(q2 | (q4 << 4));
            qh[l] = static_cast<uint8_t>((L[j + l] >> 4) | ((L[j + l + 32] >> 4) << 2) |
                                         ((L[j + l + 64] >> 4) << 4) | ((L[j + l + 96] >> 4) << 6));
        }
        ql += 64;
        qh += 32;
    }
}

// ---- non-linear 4-bit (quantize_row_iq4_nl_impl with no weights and ntry = 7)

// Index of the table value nearest to x (ggml's best_index_int8; the upper one wins a tie).
int bestIq4Index(float x)
{
    if (x <= kIq4Values[0])
        return 0;
    if (x >= kIq4Values[15])
        return 15;
    int lo = 0, hi = 15;
    while (hi - lo > 1) {
        const int mid = (lo + hi) / 2;
        if (x < kIq4Values[mid])
            hi = mid;
        else
            lo = mid;
    }
    return x - kIq4Values[hi - 1] < kIq4Values[hi] - x ? hi - 1 : hi;
}

// Sub-block scale of 32 values: start from max / -127, then try (itry - 127) / max for
// itry = -7..7, keeping the best weighted (w = x^2) least-squares scale. 0 for an all-zero group.
float iq4BlockScale(const float* xb)
{
    constexpr int kTries = 7;
    float weight[32];
    for (int j = 0; j < 32; ++j)
        weight[j] = xb[j] * xb[j];
    const float max = signedAbsMax(xb, 32), amax = std::fabs(max);
    if (amax < kGroupMaxEps)
        return 0.0f;
    const auto fit = [&](float id, float& sumqx, float& sumq2) {
        sumqx = 0;
        sumq2 = 0;
        for (int j = 0; j < 32; ++j) {
            const auto q = static_cast<float>(kIq4Values[bestIq4Index(id * xb[j])]);
            sumqx += weight[j] * q * xb[j];
            sumq2 += weight[j] * q * q;
        }
    };
    float d = -max / static_cast<float>(kIq4Values[0]);
    float sumqx = 0, sumq2 = 0;
    fit(1 / d, sumqx, sumq2);
    d = sumqx / sumq2;
    float best = d * sumqx;
    for (int itry = -kTries; itry <= kTries; ++itry) {
        fit(static_cast<float>(itry + kIq4Values[0]) / max, sumqx, sumq2);
        if (sumq2 > 0 && sumqx * sumqx > best * sumq2) {
            d = sumqx / sumq2;
            best = d * sumqx;
        }
    }
    return d;
}

// 32 values as 16 bytes in split-half order: byte j holds elements j and j + 16.
void packNibbles(const uint8_t* L, uint8_t* q4)
{
    for (int j = 0; j < 16; ++j)
        q4[j] = static_cast<uint8_t>(L[j] | (L[16 + j] << 4));
}

void iq4_nl(const float* x, uint8_t* b) // d; qs[16]
{
    const float scale = iq4BlockScale(x);
    putHalf(b, scale);
    const float id = scale != 0.0f ? 1 / scale : 0.0f; // the unrounded scale, as ggml does
    uint8_t L[32];
    for (int j = 0; j < 32; ++j)
        L[j] = static_cast<uint8_t>(bestIq4Index(id * x[j]));
    packNibbles(L, b + 2);
}

void iq4_xs(const float* x, uint8_t* b) // d; scales_h u16; scales_l[4]; qs[128]
{
    float scales[8];
    float maxScale = 0, amaxScale = 0;
    for (int ib = 0; ib < 8; ++ib) {
        scales[ib] = iq4BlockScale(x + 32 * ib);
        const float absD = std::fabs(scales[ib]);
        if (absD > amaxScale) {
            amaxScale = absD;
            maxScale = scales[ib];
        }
    }
    // Sub-block scales as 6-bit signed multiples (-32..31) of d; d = -0 when all are zero, as in ggml.
    const float d = -maxScale / 32;
    putHalf(b, d);
    const float id = d != 0.0f ? 1 / d : 0.0f;
    uint16_t scalesH = 0;
    uint8_t* scalesL = b + 4;
    uint8_t L[32];
    for (int ib = 0; ib < 8; ++ib) {
        int l = std::clamp(nearestInt(id * scales[ib]), -32, 31);
        const float dl = d * static_cast<float>(l);
        const float idl = dl != 0.0f ? 1 / dl : 0.0f;
        for (int j = 0; j < 32; ++j)
            L[j] = static_cast<uint8_t>(bestIq4Index(idl * x[32 * ib + j]));
        packNibbles(L, b + 8 + 16 * ib);
        l += 32;
        const auto low = static_cast<uint8_t>(l & 0x0F);
        const auto high = static_cast<uint16_t>(l >> 4);
        scalesL[ib / 2] = ib % 2 == 0 ? low : static_cast<uint8_t>(scalesL[ib / 2] | (low << 4));
        scalesH = static_cast<uint16_t>(scalesH | (high << (2 * ib)));
    }
    std::memcpy(b + 2, &scalesH, sizeof scalesH);
}

using BlockEncoder = void (*)(const float* values, uint8_t* block);

struct Encoder {
    BlockType type;
    BlockEncoder encode;
};

constexpr Encoder kEncoders[] = {
    {BlockType::Q4_0, q4_0},     {BlockType::Q4_1, q4_1},     {BlockType::Q5_0, q5_0},
    {BlockType::Q5_1, q5_1},     {BlockType::Q2_K, q2_K},     {BlockType::Q3_K, q3_K},
    {BlockType::Q4_K, q4_K},     {BlockType::Q5_K, q5_K},     {BlockType::Q6_K, q6_K},
    {BlockType::IQ4_NL, iq4_nl}, {BlockType::IQ4_XS, iq4_xs},
};

} // namespace

bool quantize(uint32_t ggmlType, std::span<const float> values, std::byte* blocks)
{
    const std::optional<BlockLayout> layout = blockLayout(ggmlType);
    if (!layout || values.size() % static_cast<size_t>(layout->elements) != 0)
        return false;
    const Encoder* encoder = nullptr;
    for (const Encoder& e : kEncoders)
        if (static_cast<uint32_t>(e.type) == ggmlType)
            encoder = &e;
    if (encoder == nullptr)
        return false;
    auto* out = reinterpret_cast<uint8_t*>(blocks);
    for (size_t i = 0; i < values.size(); i += static_cast<size_t>(layout->elements)) {
        encoder->encode(values.data() + i, out);
        out += layout->bytes;
    }
    return true;
}

} // namespace moe::quant

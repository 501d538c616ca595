// Rotary position embedding, the one definition the engine (float) and the trainer (float; double
// for the gradient checks) both run. RoPE mode 0 ("normal", arch llama): rotates ADJACENT pairs
// (v[2i], v[2i+1]) inside each head by theta_i = pos * base^(-2i / headDim). The angles are
// tabulated once per position, in double, rounded to T.
//
// The engine also runs the variants of other architectures (RopeParams, as ggml's rope_ext):
// NEOX pairs (v[i], v[i + dims/2]), rotating only the first `dims` values of a head, per-pair
// frequency factors (LongRoPE), linear scaling and YaRN, and a magnitude factor on cos and sin.
#pragma once

#include <vector>

namespace moe {

struct RopeParams {
    int dims = 0; // rotated values per head (even)
    float freqBase = 10000.0f;
    bool neox = false;              // pairs (i, i + dims/2) instead of (2i, 2i + 1)
    float freqScale = 1.0f;         // 1 / the scaling factor
    bool yarn = false;              // ramp between interpolated and extrapolated angles
    int originalContext = 0;        // YaRN's training context
    float attnFactor = 1.0f;        // cos and sin are multiplied by this
    std::vector<float> freqFactors; // (dims / 2) divisors of each pair's angle, or empty
};

template <typename T> class Rope {
public:
    Rope(int maxLength, int headDim, float freqBase);
    Rope(int maxLength, const RopeParams& params);

    // v holds nHeads heads of headDim values of the token at position pos < maxLength.
    void apply(T* v, int nHeads, int pos) const { turn(v, nHeads, pos, T(1)); }
    // nHeads heads `stride` values apart; the first dims values of each are turned.
    void apply(T* v, int nHeads, int stride, int pos) const;
    // Rows of `width` = heads * headDim values, `stride` apart; row r is at position r % length
    // (sequences of `length` tokens one after another, as the trainer lays out a batch).
    void forward(T* v, int rows, int width, int stride, int length) const;
    // The transpose of forward (rotation by -theta), applied to the gradient in place.
    void backward(T* dv, int rows, int width, int stride, int length) const;

private:
    void turn(T* v, int nHeads, int pos, T sign) const;
    void turnRows(T* v, int rows, int width, int stride, int length, T sign) const;

    int m_headDim; // the rotated dims (headDim for the trainer's plain RoPE)
    bool m_neox = false;
    std::vector<T> m_cos, m_sin; // (maxLength, headDim / 2)
};

} // namespace moe

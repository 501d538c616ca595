// Rotary position embedding, the one definition the engine (float) and the trainer (float; double
// for the gradient checks) both run. RoPE mode 0 ("normal", arch llama): rotates ADJACENT pairs
// (v[2i], v[2i+1]) inside each head by theta_i = pos * base^(-2i / headDim). The angles are
// tabulated once per position, in double, rounded to T.
#pragma once

#include <vector>

namespace moe {

template <typename T> class Rope {
public:
    Rope(int maxLength, int headDim, float freqBase);

    // v holds nHeads heads of headDim values of the token at position pos < maxLength.
    void apply(T* v, int nHeads, int pos) const { turn(v, nHeads, pos, T(1)); }
    // Rows of `width` = heads * headDim values, `stride` apart; row r is at position r % length
    // (sequences of `length` tokens one after another, as the trainer lays out a batch).
    void forward(T* v, int rows, int width, int stride, int length) const;
    // The transpose of forward (rotation by -theta), applied to the gradient in place.
    void backward(T* dv, int rows, int width, int stride, int length) const;

private:
    void turn(T* v, int nHeads, int pos, T sign) const;
    void turnRows(T* v, int rows, int width, int stride, int length, T sign) const;

    int m_headDim;
    std::vector<T> m_cos, m_sin; // (maxLength, headDim / 2)
};

} // namespace moe

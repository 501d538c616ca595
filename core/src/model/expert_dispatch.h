// Expert dispatch over a batch, the one definition the engine and the trainer both run: the batch's
// (token, choice) pairs grouped by expert, so that each expert runs once over all of its tokens (a
// gathered batch), and the expert outputs brought back to their tokens, weighted by the gates.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <vector>

namespace moe {

class ExpertDispatch {
public:
    // Room for maxTokens tokens of up to maxK choices each; plan() never allocates.
    void resize(int nExpert, int maxTokens, int maxK)
    {
        m_start.assign(static_cast<size_t>(nExpert) + 1, 0);
        m_fill.assign(static_cast<size_t>(nExpert), 0);
        m_slotOf.assign(static_cast<size_t>(maxTokens) * static_cast<size_t>(maxK), 0);
        m_tokenOf.assign(m_slotOf.size(), 0);
    }

    // expertOf(t, j): the j-th expert token t chose, for t < n, j < k. Expert e's pairs get the
    // slots [start(e), start(e) + count(e)), in token order.
    template <typename ExpertOf> void plan(int n, int k, ExpertOf expertOf)
    {
        assert(static_cast<size_t>(n) * static_cast<size_t>(k) <= m_slotOf.size());
        m_n = n;
        m_k = k;
        std::fill(m_fill.begin(), m_fill.end(), 0);
        for (int t = 0; t < n; ++t)
            for (int j = 0; j < k; ++j)
                ++m_fill[static_cast<size_t>(expertOf(t, j))];
        for (size_t e = 0; e < m_fill.size(); ++e)
            m_start[e + 1] = m_start[e] + m_fill[e];
        std::fill(m_fill.begin(), m_fill.end(), 0); // now the slots handed out per expert
        for (int t = 0; t < n; ++t) {
            for (int j = 0; j < k; ++j) {
                const auto e = static_cast<size_t>(expertOf(t, j));
                const int slot = m_start[e] + m_fill[e]++;
                m_slotOf[static_cast<size_t>(t) * k + j] = slot;
                m_tokenOf[static_cast<size_t>(slot)] = t;
            }
        }
    }

    int start(int expert) const { return m_start[static_cast<size_t>(expert)]; }
    int count(int expert) const
    {
        return m_start[static_cast<size_t>(expert) + 1] - m_start[static_cast<size_t>(expert)];
    }
    int slots() const { return m_start.back(); }
    // Where token t's j-th choice went.
    int slot(int t, int j) const { return m_slotOf[static_cast<size_t>(t) * m_k + j]; }
    // The token of every slot, slots() of them.
    const int* slotTokens() const { return m_tokenOf.data(); }

    // slotRows[slot(t, j)] = rows[t], d values each: the experts' inputs.
    template <typename T> void gather(const T* rows, int d, T* slotRows) const
    {
        for (int t = 0; t < m_n; ++t) {
            const T* src = rows + static_cast<size_t>(t) * d;
            for (int j = 0; j < m_k; ++j)
                std::copy(src, src + d, slotRows + static_cast<size_t>(slot(t, j)) * d);
        }
    }

    // out[t] = sum over j of gateOf(t, j) * slotRows[slot(t, j)], summed in the order of choice
    // (highest first) whatever the batch: the experts' outputs back to their tokens.
    template <typename T, typename GateOf> void scatter(const T* slotRows, int d, GateOf gateOf, T* out) const
    {
        for (int t = 0; t < m_n; ++t) {
            T* row = out + static_cast<size_t>(t) * d;
            std::fill(row, row + d, T(0));
            for (int j = 0; j < m_k; ++j) {
                const T gate = gateOf(t, j);
                const T* y = slotRows + static_cast<size_t>(slot(t, j)) * d;
                for (int i = 0; i < d; ++i)
                    row[i] += gate * y[i];
            }
        }
    }

private:
    int m_n = 0, m_k = 0;
    std::vector<int> m_start;   // (nExpert + 1)
    std::vector<int> m_fill;    // (nExpert) scratch of plan()
    std::vector<int> m_slotOf;  // (tokens, k)
    std::vector<int> m_tokenOf; // (slots)
};

} // namespace moe

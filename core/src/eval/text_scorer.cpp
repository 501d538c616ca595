// Bits per byte: teacher-forced cross-entropy of documents, windowed to the context.
#include "moe/eval.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <span>
#include <stdexcept>
#include <string>

namespace moe {

double TextScore::bitsPerByte() const
{
    return bytes > 0 ? nats / std::numbers::ln2 / static_cast<double>(bytes) : 0.0;
}

double TextScore::natsPerToken() const
{
    return tokens > 0 ? nats / static_cast<double>(tokens) : 0.0;
}

TextScore& TextScore::operator+=(const TextScore& other)
{
    nats += other.nats;
    tokens += other.tokens;
    bytes += other.bytes;
    documents += other.documents;
    return *this;
}

TextScorer::TextScorer(const Model& model, int stride) : m_stride(stride)
{
    if (stride < 0)
        throw std::invalid_argument("text scorer: stride " + std::to_string(stride) + " is negative");
    const WeightMatrix& w = model.weights().output;
    m_output.resize(w.rows, w.cols);
    for (int r = 0; r < w.rows; ++r)
        decodeRow(w.type, w.row(r), std::span<float>(m_output.row(r).data(), static_cast<size_t>(w.cols)));
}

TextScore TextScorer::score(Session& session, std::string_view text, const RoutedTokenCallback& onToken) const
{
    const int context = session.contextLength();
    if (context < 2)
        throw std::invalid_argument("text scorer: a context of " + std::to_string(context) +
                                    " token(s) cannot predict anything");
    // Always BOS first, as every training document starts (whatever the tokenizer's add_bos says).
    const Tokenizer& tokenizer = session.model().tokenizer();
    std::vector<int> ids{tokenizer.bosId()};
    const std::vector<int> textIds = tokenizer.encode(text);
    ids.insert(ids.end(), textIds.begin(), textIds.end());
    const int n = static_cast<int>(ids.size());
    // A stride of the whole context would leave the first token of each window unpredicted.
    const int stride = std::clamp(m_stride > 0 ? m_stride : context / 2, 1, context - 1);

    TextScore score;
    score.bytes = text.size();
    score.documents = 1;
    std::vector<std::vector<float>> hidden;
    Eigen::MatrixXf states;
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> logits;
    int scoredEnd = 1; // tokens [1, scoredEnd) are scored and reported; 0 is BOS
    for (int start = 0; scoredEnd < n; start += stride) {
        const int end = std::min(start + context, n);
        session.reset();
        const std::vector<TokenRouting> routing = session.prefill(
            std::span<const int>(ids).subspan(static_cast<size_t>(start), static_cast<size_t>(end - start)),
            &hidden);
        // Token t (scoredEnd <= t < end) is predicted by the state of position t - 1.
        const int first = scoredEnd - 1 - start, rows = end - scoredEnd;
        states.resize(m_output.cols(), rows);
        for (int r = 0; r < rows; ++r)
            states.col(r) = Eigen::Map<const Eigen::VectorXf>(hidden[static_cast<size_t>(first + r)].data(),
                                                              m_output.cols());
        logits.noalias() = (m_output * states).transpose(); // (rows x nVocab)
        for (int r = 0; r < rows; ++r) {
            const auto row = logits.row(r);
            const float top = row.maxCoeff();
            // log-sum-exp; every term is in (0, 1] and one is 1, so a float sum loses nothing that matters.
            const double sum = (row.array() - top).exp().sum();
            const int target = ids[static_cast<size_t>(scoredEnd + r)];
            score.nats += std::log(sum) + static_cast<double>(top) - static_cast<double>(row[target]);
            ++score.tokens;
            if (onToken)
                onToken(target, routing[static_cast<size_t>(scoredEnd + r - start)]);
        }
        scoredEnd = end;
    }
    return score;
}

} // namespace moe

#include "print/worksheet_data.h"

#include "run/trace_model.h"

#include "moe/generation.h"
#include "moe/session.h"
#include "moe/trace_writer.h"

#include <QCoreApplication>

#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>

namespace {
bool isValidUtf8(const std::string& bytes)
{
    return moe::toValidUtf8(bytes) == bytes;
}

// The tokens' labels: their text with spaces made visible, and a character split over byte tokens
// ("ü" read as two tokens) written on each piece with its number, "ü (1/2)", instead of "�".
std::vector<QString> tokenLabels(const std::vector<std::string>& pieces)
{
    std::vector<QString> labels(pieces.size());
    for (size_t i = 0; i < pieces.size();) {
        std::string joined;
        size_t end = i;
        if (!isValidUtf8(pieces[i])) {
            for (size_t j = i; j < pieces.size() && j < i + 4; ++j) { // one character has at most 4 bytes
                joined += pieces[j];
                if (isValidUtf8(joined)) {
                    end = j;
                    break;
                }
            }
        }
        if (end == i) {
            labels[i] = TraceModel::displayText(pieces[i], true);
            ++i;
            continue;
        }
        const QString text = TraceModel::displayText(joined, true);
        const size_t count = end - i + 1;
        for (size_t k = 0; k < count; ++k)
            labels[i + k] = QStringLiteral("%1 (%2/%3)").arg(text).arg(k + 1).arg(count);
        i = end + 1;
    }
    return labels;
}
} // namespace

int worksheetTokenLimit(int experts)
{
    return experts >= 64 ? 12 : 24;
}

Worksheet buildWorksheet(const std::shared_ptr<const moe::Model>& model, const QString& modelName,
                         const QString& prompt)
{
    if (!model)
        throw std::invalid_argument("no model is loaded");
    if (prompt.trimmed().isEmpty())
        throw std::invalid_argument(
            QCoreApplication::translate("Worksheet", "The prompt is empty: type a few words first.")
                .toStdString());
    const moe::ModelConfig& config = model->config();
    Worksheet sheet;
    sheet.prompt = prompt;
    sheet.modelName = modelName;
    sheet.layers = config.nLayer;
    sheet.experts = config.nExpert;
    sheet.expertsPerToken = config.nExpertUsed;

    const moe::Tokenizer& tokenizer = model->tokenizer();
    const std::vector<int> ids = moe::promptTokens(tokenizer, prompt.toStdString());
    const size_t skip = tokenizer.addBos() && !ids.empty() && ids.front() == tokenizer.bosId() ? 1 : 0;
    sheet.startToken = skip == 1;
    sheet.promptTokens = static_cast<int>(ids.size() - skip);
    // Only the tokens the sheet shows are run: each token's routing depends on those before it,
    // never on later ones, so a long prompt's first tokens route as they do in the whole run.
    const size_t shown =
        std::min<size_t>(ids.size() - skip, static_cast<size_t>(worksheetTokenLimit(config.nExpert)));
    const std::span<const int> run(ids.data(), skip + shown);
    if (static_cast<int>(run.size()) > config.nCtx)
        throw std::invalid_argument("the prompt has more tokens than the model's context holds (" +
                                    std::to_string(config.nCtx) + ")");
    // A context just long enough: a model made for 32k tokens would otherwise size a KV cache for them.
    moe::SessionOptions options;
    options.contextLength = static_cast<int>(run.size());
    moe::Session session(model, options);
    const std::vector<moe::TokenRouting> routings = session.prefill(run); // the batched pass Explore runs
    std::vector<std::string> pieces;
    for (size_t i = skip; i < run.size(); ++i)
        pieces.push_back(tokenizer.tokenBytes(run[i]));
    const std::vector<QString> labels = tokenLabels(pieces);
    for (size_t i = skip; i < run.size(); ++i)
        sheet.tokens.push_back({labels[i - skip], routings[i].layers});
    return sheet;
}

#include "print/worksheet_data.h"

#include "run/trace_model.h"

#include "moe/generation.h"
#include "moe/session.h"

#include <QCoreApplication>

#include <algorithm>
#include <stdexcept>

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

    moe::GenerationRequest request;
    request.prompt = prompt.toStdString();
    request.maxTokens = 0; // the prompt only: the sheet asks about the tokens the pupils can see
    const size_t count = moe::promptTokens(model->tokenizer(), request.prompt).size();
    // A context just long enough: a model made for 32k tokens would otherwise size a KV cache for them.
    moe::SessionOptions options;
    options.contextLength = static_cast<int>(std::min<size_t>(count, static_cast<size_t>(config.nCtx)));
    moe::Session session(model, options);

    const moe::Tokenizer& tokenizer = model->tokenizer();
    const int limit = worksheetTokenLimit(config.nExpert);
    bool first = true;
    moe::generate(session, request, [&](const moe::GeneratedToken& token) {
        const bool start = first && tokenizer.addBos() && token.id == tokenizer.bosId();
        first = false;
        if (start) {
            sheet.startToken = true;
            return true;
        }
        ++sheet.promptTokens;
        if (static_cast<int>(sheet.tokens.size()) < limit)
            sheet.tokens.push_back({TraceModel::displayText(token.bytes, true), token.routing.layers});
        return true;
    });
    return sheet;
}

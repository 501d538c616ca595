// What a printed worksheet shows, computed before anything is drawn: the prompt's tokens as the
// model's tokenizer splits them and, per token and layer, the experts the router really chose in a
// run of the model on that prompt (a moe::Session's batched prefill, as Explore reads a prompt).
// The answer page is drawn from this; nothing on it is made up.
#pragma once

#include "moe/model.h"
#include "moe/routing.h"

#include <QString>

#include <memory>
#include <vector>

struct WorksheetToken {
    QString text; // as the app's token strip shows it (a space is '␣'); a character split over byte
                  // tokens is written whole on each piece: "ü (1/2)", "ü (2/2)"
    std::vector<moe::LayerRouting> layers; // (nLayer) the router's choice in each layer
};

struct Worksheet {
    QString prompt, modelName;
    int layers = 0, experts = 0, expertsPerToken = 0; // the model's config: nLayer, nExpert, nExpertUsed
    std::vector<WorksheetToken> tokens;               // the first tokens of the prompt (tokenLimit)
    int promptTokens = 0;                             // tokens of the prompt's text, before any were left out
    bool startToken = false; // the model reads a start token (BOS) first; the sheet leaves it out
};

// How many of a prompt's tokens a sheet shows: 24, or 12 for models of 64 or more experts, whose
// grids take a page width each.
int worksheetTokenLimit(int experts);

// Runs `model` on the prompt's first tokens (its own routing, no experiment) and keeps what the
// sheet shows. Throws std::invalid_argument for a prompt that is empty or all spaces.
Worksheet buildWorksheet(const std::shared_ptr<const moe::Model>& model, const QString& modelName,
                         const QString& prompt);

// The scale calculator's data: famous MoE models (total vs active parameters) read from
// resources/scale/models.json, the calculator's formula, and parameter counts written for people
// ("46.7B"). No widgets here, so the loader and the formula are tested on their own.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One published model, with the numbers its paper or model card gives.
struct ScaleModel {
    QString name;
    int year = 0;
    double totalParameters = 0;             // all weights in memory
    std::optional<double> activeParameters; // used per token; absent where the source gives none
    int experts = 0;                        // routed experts per MoE layer
    int usedPerToken = 0;                   // routed experts each token uses
    int sharedExperts = 0;                  // experts every token uses as well (DeepSeek, Llama 4)
    QString source;                         // paper or model card
    QString note;                           // e.g. "up to": the largest of a family

    // active / total, or nothing where active is unknown.
    std::optional<double> activeFraction() const;
};

// Reads and validates the file. A broken entry (missing field, wrong type, out of range, duplicate
// name) is skipped and described in *errors naming the file, the entry (index and name) and the
// field; the other entries still load. A file that cannot be read or parsed gives no models and
// one error. errors may be null.
QList<ScaleModel> loadScaleModels(const QString& path, QStringList* errors);
// The top-level "notes" of the file (e.g. why GPT-4 is not in the table), in order; empty on error.
QStringList loadScaleNotes(const QString& path);

// The calculator: an MoE with `experts` experts per layer of which `used` run per token.
// perExpert counts one expert's weights summed over all layers; shared is everything else
// (attention, embeddings, norms, routers, shared experts), which every token uses.
struct ScaleEstimate {
    double totalParameters = 0;  // shared + experts * perExpert
    double activeParameters = 0; // shared + used * perExpert
    double activeFraction = 0;   // active / total
    // A dense model of the same total size uses all of it for every token: total / active times
    // the compute of the MoE (compute per token grows with the parameters it passes through).
    double denseComputeRatio = 0;
};
// Throws std::invalid_argument unless experts >= 1, 0 <= used <= experts, perExpert >= 0,
// shared >= 0 and the total is positive.
ScaleEstimate estimateScale(int experts, int used, double perExpert, double shared);

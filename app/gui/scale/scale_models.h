// The scale calculator's data: famous MoE models (total vs active parameters) read from
// resources/scale/models.json, the calculator's formula, and parameter counts written for people
// ("46.7B"). No widgets here, so the loader and the formula are tested on their own.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One published model, with the numbers its paper, model card or repository gives. A count the
// maker never published is nullopt: the page says "not published", never 0 or a guess.
struct ScaleModel {
    QString name;
    int year = 0;
    double totalParameters = 0;             // all weights in memory
    std::optional<double> activeParameters; // used per token
    // Where the source gives only the active fraction (Grok-1: "about 25% of the weights").
    std::optional<double> activeShare;
    std::optional<int> experts;       // routed experts per MoE layer
    std::optional<int> usedPerToken;  // routed experts each token uses
    std::optional<int> sharedExperts; // experts every token uses as well (DeepSeek, Llama 4)
    // Which figures are the source's own rounded ones ("about 42B"): shown with "~" or "about".
    bool totalApproximate = false;
    bool activeApproximate = false;
    bool activeShareApproximate = false;
    bool announcedOnly = false; // announced, no weights released (Llama 4 Behemoth)
    QStringList sources;        // ids in resources/sources/sources.json
    QString source;             // the sources as people read them; set by the page (or for this app)
    QString note;               // in the page's language, e.g. "up to": the largest of a family

    // active / total, else the source's activeShare, else nothing.
    std::optional<double> activeFraction() const;
};

// A closed model (no weights, no published sizes) and whether its maker confirms it is an MoE.
struct ClosedModel {
    QString name;
    bool confirmedMoe = false; // false: only rumoured, the maker has not confirmed it
    QStringList sources;
    QString note; // in the page's language
};

// Reads and validates the file's "models". A broken entry (missing field, wrong type, out of
// range, duplicate name) is skipped and described in *errors naming the file, the entry (index and
// name) and the field; the other entries still load. A file that cannot be read or parsed gives
// no models and one error. errors may be null. Notes are read in `language` ("de"), else English.
QList<ScaleModel> loadScaleModels(const QString& path, QStringList* errors,
                                  const QString& language = QStringLiteral("en"));
// The file's "closed" models, checked the same way.
QList<ClosedModel> loadClosedModels(const QString& path, QStringList* errors,
                                    const QString& language = QStringLiteral("en"));
// The top-level "notes" of the file (e.g. what "–" means), in order; empty on error.
QStringList loadScaleNotes(const QString& path, const QString& language = QStringLiteral("en"));

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

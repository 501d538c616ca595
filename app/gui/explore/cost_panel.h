// What the current token cost: the parameters it passed through against the model's total, its
// FLOPs against a dense model of the same size, how many experts slept, and the generation speed.
// Every figure comes from moe::routingCost, moe::activeParameters and moe::parameterBreakdown (the
// counts `tiny-experts-cli info` prints, summed from the file's real tensors); the panel only
// formats them, for any model: dense leading layers, shared experts, latent attention included.
#pragma once

#include "moe/analysis.h"
#include "moe/model.h"
#include "moe/routing.h"

#include <QWidget>

#include <cstdint>

class QLabel;
class CostBar;

// The figures on screen, for the page and for tests.
struct CostFigures {
    bool valid = false;             // a token is shown
    int64_t activeParameters = 0;   // moe::activeParameters(config, token)
    int64_t totalParameters = 0;    // moe::routingCost(config, override).totalParameters
    double activeFraction = 0.0;    // active / total
    int64_t flopsPerToken = 0;      // moe::routingCost(config, override).flopsPerToken
    int64_t denseFlopsPerToken = 0; // moe::routingCost(config, override).denseFlopsPerToken
    int expertsRun = 0;             // chosen expert slots of this token, all layers
    int expertSlots = 0;            // routed experts of all MoE layers: (nLayer - dense layers) * nExpert
    int expertsAsleep() const { return expertSlots - expertsRun; }
    double tokensPerSecond = 0.0; // 0 = not measured
};

// Where the loaded model's parameters are (valid once a model is set, with or without a token).
struct CostParts {
    bool valid = false;
    moe::ParameterBreakdown parameters; // moe::parameterBreakdown(config)
    int routedLayers = 0, denseLayers = 0;
    int sharedExperts = 0; // per MoE layer
};

class CostPanel : public QWidget {
    Q_OBJECT
public:
    explicit CostPanel(QWidget* parent = nullptr);

    void setModelConfig(const moe::ModelConfig& config);
    // The routing override is the one the token ran under (top-k, switched-off experts).
    void showToken(const moe::TokenRouting& token, const moe::RoutingOverride& routing);
    void setTokensPerSecond(double tokensPerSecond);
    void clear();

    CostFigures figures() const { return m_figures; }
    CostParts parts() const { return m_parts; }
    QString headline() const;  // the main sentence as shown
    QString partsText() const; // where the parameters are, as shown
    // The attention's kind in words: latent (deepseek2), fused QKV, grouped-query, with biases.
    static QString attentionKind(const moe::ModelConfig& config);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateTexts();
    void updatePartsText(); // m_partsLabel from m_parts and m_config
    void updateFonts();

    moe::ModelConfig m_config;
    bool m_hasConfig = false;
    CostFigures m_figures;
    CostParts m_parts;
    QString m_experiment; // what the override changes, in words; empty for the model's own routing
    QString m_error;

    QLabel* m_headline = nullptr;
    CostBar* m_bar = nullptr;
    QLabel* m_flops = nullptr;
    QLabel* m_asleep = nullptr;
    QLabel* m_speed = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_partsLabel = nullptr;
};

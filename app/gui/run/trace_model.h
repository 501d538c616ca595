// The routing of one run, token by token: the single source every view reads (token strip, expert
// grid, router chart, cost panel, caption; Compare's two runs and the quiz's live questions). The
// worker's tokens are appended as they arrive; the current token is the newest one or the chip the
// learner clicked, and the shown token is the one the views draw in detail (the current one, or a
// chip the pointer rests on). Views subscribe to modelReset (cleared), tokenAppended and
// shownTokenChanged; see explore/trace_views.h.
//
// As a table: one row per token; columns: the token's text (whitespace made visible), prompt or
// generated, then one column per layer with its chosen experts and gates ("E3 71% · E5 29%",
// experts 1-based as users see them).
#pragma once

#include "moe/analysis.h"
#include "moe/generation.h"
#include "moe/model.h"
#include "moe/routing.h"
#include "moe/trace_writer.h"

#include <QAbstractTableModel>
#include <QString>

#include <string_view>
#include <vector>

class TraceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TextColumn = 0, SourceColumn = 1, FirstLayerColumn = 2 };
    enum Role {
        TokenIdRole = Qt::UserRole + 1, // int
        PromptRole,                     // bool: read from the prompt
        ExpertsRole,                    // layer columns: QList<int> of chosen experts (0-based)
        GatesRole,                      // layer columns: QList<double> of their gates
        FirstExpertRole,                // layer columns: int, the first-choice expert (0-based)
    };

    explicit TraceModel(QObject* parent = nullptr);

    // Starts a new (empty) trace for a model; the columns follow config.nLayer.
    void reset(const moe::ModelConfig& config, const moe::RoutingOverride& routing, const QString& modelName);
    // Drops the tokens, keeps the model and override.
    void clear();
    // Adds a token at the end. Refuses (returns false, adds nothing) a token whose layer count is
    // not the config's or which names an expert outside it: every view may then trust the shape.
    bool append(const moe::GeneratedToken& token);

    int tokenCount() const { return static_cast<int>(m_tokens.size()); }
    const moe::GeneratedToken& token(int index) const; // asserts the index
    const std::vector<moe::GeneratedToken>& tokens() const { return m_tokens; }
    const moe::ModelConfig& config() const { return m_config; }
    const moe::RoutingOverride& routingOverride() const { return m_routing; }
    QString modelName() const { return m_modelName; }

    // Per-layer expert usage over the trace (moe::expertUsage); shaped nLayer x nExpert with zero
    // counts while no token counts, so views can draw an empty grid.
    moe::ExpertUsage usage(moe::UsageWeight weight = moe::UsageWeight::Slots,
                           bool includePrompt = true) const;
    // Chosen experts summed over tokens and layers (tokens * layers * k for plain top-k routing).
    int totalActivations() const;

    // -1 when there is no token. setCurrentToken clamps to [-1, tokenCount() - 1] and shows that
    // token (also when it was current already but another one was previewed).
    int currentToken() const { return m_current; }
    void setCurrentToken(int index);
    // The token the views draw in detail: the current one, or the one previewed since. -1: none.
    int shownToken() const { return m_shown; }
    // Shows a token without making it current (the pointer resting on a chip). An index outside the
    // trace is ignored, so the picture stays when the pointer leaves.
    void previewToken(int index);

    moe::Trace toTrace() const;
    // All tokens' bytes joined, then made valid UTF-8 (a character split over two tokens is whole).
    QString text() const;
    // Only the generated tokens' text.
    QString generatedText() const;

    // A token's bytes as text, on its own: a character split over two tokens shows as U+FFFD.
    static QString tokenText(const moe::GeneratedToken& token);
    // A token's bytes for display: valid UTF-8, whitespace and control bytes made visible
    // (space ␣, newline ↵, tab ⇥), an empty (special) token as ⟨start⟩ / ⟨end⟩.
    static QString displayText(std::string_view bytes, bool prompt);
    // "E3 71% · E5 29%" for one layer's choice.
    static QString layerSummary(const moe::LayerRouting& layer);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void tokenAppended(int index);
    void currentTokenChanged(int index);
    void shownTokenChanged(int index); // -1 after a reset

private:
    QVariant layerData(const moe::GeneratedToken& token, int layer, int role) const;

    moe::ModelConfig m_config;
    moe::RoutingOverride m_routing;
    QString m_modelName;
    std::vector<moe::GeneratedToken> m_tokens;
    int m_current = -1;
    int m_shown = -1;
};

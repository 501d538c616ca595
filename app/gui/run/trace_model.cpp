// TraceModel: the run's token list as a Qt table, plus the core's aggregates over it.
#include "run/trace_model.h"

#include "style/expert_palette.h"
#include "style/visible_text.h"

#include <QColor>
#include <QList>

#include <algorithm>
#include <cassert>
#include <cmath>

TraceModel::TraceModel(QObject* parent) : QAbstractTableModel(parent) {}

void TraceModel::reset(const moe::ModelConfig& config, const moe::RoutingOverride& routing,
                       const QString& modelName)
{
    const bool hadCurrent = m_current != -1;
    const bool hadShown = m_shown != -1;
    beginResetModel();
    m_config = config;
    m_routing = routing;
    m_modelName = modelName;
    m_tokens.clear();
    m_current = -1;
    m_shown = -1;
    endResetModel();
    if (hadCurrent)
        emit currentTokenChanged(-1);
    if (hadShown)
        emit shownTokenChanged(-1);
}

void TraceModel::clear()
{
    reset(m_config, m_routing, m_modelName);
}

bool TraceModel::append(const moe::GeneratedToken& token)
{
    if (static_cast<int>(token.routing.layers.size()) != m_config.nLayer)
        return false;
    for (const moe::LayerRouting& layer : token.routing.layers) {
        if (layer.experts.size() != layer.gates.size())
            return false;
        for (const int expert : layer.experts)
            if (expert < 0 || expert >= m_config.nExpert)
                return false;
    }
    const int row = tokenCount();
    beginInsertRows(QModelIndex(), row, row);
    m_tokens.push_back(token);
    endInsertRows();
    emit tokenAppended(row);
    return true;
}

const moe::GeneratedToken& TraceModel::token(int index) const
{
    assert(index >= 0 && index < tokenCount());
    return m_tokens[static_cast<size_t>(index)];
}

moe::ExpertUsage TraceModel::usage(moe::UsageWeight weight, bool includePrompt) const
{
    std::vector<moe::TokenRouting> routings;
    routings.reserve(m_tokens.size());
    for (const moe::GeneratedToken& token : m_tokens)
        if (includePrompt || !token.prompt)
            routings.push_back(token.routing);
    if (routings.empty()) {
        if (m_config.nLayer < 1 || m_config.nExpert < 1)
            return moe::ExpertUsage();
        return moe::ExpertUsage(m_config.nLayer, m_config.nExpert, weight);
    }
    return moe::expertUsage(routings, weight);
}

int TraceModel::totalActivations() const
{
    int total = 0;
    for (const moe::GeneratedToken& token : m_tokens)
        for (const moe::LayerRouting& layer : token.routing.layers)
            total += static_cast<int>(layer.experts.size());
    return total;
}

void TraceModel::setCurrentToken(int index)
{
    const int clamped = std::clamp(index, -1, tokenCount() - 1);
    if (clamped == m_current && clamped == m_shown)
        return;
    const bool changed = clamped != m_current;
    m_current = clamped;
    m_shown = clamped;
    if (changed)
        emit currentTokenChanged(m_current);
    emit shownTokenChanged(m_shown);
}

void TraceModel::previewToken(int index)
{
    if (index < 0 || index >= tokenCount() || index == m_shown)
        return;
    m_shown = index;
    emit shownTokenChanged(m_shown);
}

moe::Trace TraceModel::toTrace() const
{
    moe::Trace trace;
    trace.model = m_modelName.toStdString();
    trace.routingOverride = m_routing;
    trace.tokens = m_tokens;
    return trace;
}

QString TraceModel::text() const
{
    std::string bytes;
    for (const moe::GeneratedToken& token : m_tokens)
        bytes += token.bytes;
    return QString::fromStdString(moe::toValidUtf8(bytes));
}

QString TraceModel::generatedText() const
{
    std::string bytes;
    for (const moe::GeneratedToken& token : m_tokens)
        if (!token.prompt)
            bytes += token.bytes;
    return QString::fromStdString(moe::toValidUtf8(bytes));
}

QString TraceModel::tokenText(const moe::GeneratedToken& token)
{
    return QString::fromStdString(moe::toValidUtf8(token.bytes));
}

QString TraceModel::displayText(std::string_view bytes, bool prompt)
{
    if (bytes.empty()) // special tokens (begin/end of text) stand for no bytes
        return prompt ? tr("⟨start⟩") : tr("⟨end⟩");
    return visibleText(QString::fromStdString(moe::toValidUtf8(bytes)));
}

QString TraceModel::layerSummary(const moe::LayerRouting& layer)
{
    QStringList parts;
    for (size_t i = 0; i < layer.experts.size(); ++i)
        parts << QStringLiteral("E%1 %2%").arg(layer.experts[i] + 1).arg(std::lround(100.0 * layer.gates[i]));
    return parts.join(QStringLiteral(" · "));
}

int TraceModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : tokenCount();
}

int TraceModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FirstLayerColumn + std::max(0, m_config.nLayer);
}

QVariant TraceModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const moe::GeneratedToken& token = m_tokens[static_cast<size_t>(index.row())];
    switch (role) {
    case TokenIdRole:
        return token.id;
    case PromptRole:
        return token.prompt;
    default:
        break;
    }
    switch (index.column()) {
    case TextColumn:
        if (role == Qt::DisplayRole)
            return displayText(token.bytes, token.prompt);
        if (role == Qt::ToolTipRole)
            return tr("Token %1 (id %2)").arg(index.row() + 1).arg(token.id);
        if (role == Qt::EditRole)
            return QString::fromStdString(moe::toValidUtf8(token.bytes));
        return {};
    case SourceColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return token.prompt ? tr("prompt") : tr("generated");
        return {};
    default:
        return layerData(token, index.column() - FirstLayerColumn, role);
    }
}

QVariant TraceModel::layerData(const moe::GeneratedToken& token, int layer, int role) const
{
    const moe::LayerRouting& routing = token.routing.layers[static_cast<size_t>(layer)];
    switch (role) {
    case Qt::DisplayRole:
        return layerSummary(routing);
    case Qt::ToolTipRole: {
        QStringList probs;
        for (size_t e = 0; e < routing.probs.size(); ++e)
            probs << QStringLiteral("E%1 %2%").arg(e + 1).arg(100.0 * routing.probs[e], 0, 'f', 1);
        return tr("Layer %1 chose %2\nRouter probabilities: %3")
            .arg(layer + 1)
            .arg(layerSummary(routing), probs.join(QStringLiteral(", ")));
    }
    case ExpertsRole:
        return QVariant::fromValue(QList<int>(routing.experts.begin(), routing.experts.end()));
    case GatesRole:
        return QVariant::fromValue(QList<double>(routing.gates.begin(), routing.gates.end()));
    case FirstExpertRole:
        return routing.experts.empty() ? QVariant() : QVariant(routing.experts.front());
    case Qt::BackgroundRole:
        if (routing.experts.empty())
            return {};
        return ExpertPalette::color(routing.experts.front());
    case Qt::ForegroundRole:
        if (routing.experts.empty())
            return {};
        return ExpertPalette::textOn(ExpertPalette::color(routing.experts.front()));
    default:
        return {};
    }
}

QVariant TraceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < tokenCount())
            return section + 1;
        return {};
    }
    if (section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole) {
        if (section == TextColumn)
            return tr("Token");
        if (section == SourceColumn)
            return tr("Source");
        return tr("L%1").arg(section - FirstLayerColumn + 1);
    }
    if (role == Qt::ToolTipRole) {
        if (section == TextColumn)
            return tr("The token's text; ␣ is a space, ↵ a new line");
        if (section == SourceColumn)
            return tr("Read from the prompt, or written by the model");
        return tr("The experts layer %1 chose for the token, with their gate weights")
            .arg(section - FirstLayerColumn + 1);
    }
    return {};
}

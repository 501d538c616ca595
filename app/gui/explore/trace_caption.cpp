#include "explore/trace_caption.h"

#include "explore/routing_caption.h"
#include "run/trace_model.h"

TraceCaption::TraceCaption(QWidget* parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::RichText);
}

void TraceCaption::setTraceModel(const TraceModel* trace)
{
    if (m_trace)
        disconnect(m_trace, nullptr, this, nullptr);
    m_trace = trace;
    connect(trace, &TraceModel::shownTokenChanged, this, &TraceCaption::showToken);
}

void TraceCaption::setFocusLayer(int layer)
{
    m_layer = layer;
    if (m_trace)
        showToken(m_trace->shownToken());
}

void TraceCaption::showToken(int index)
{
    if (!m_trace || index < 0 || index >= m_trace->tokenCount())
        return; // a reset keeps the last words until the next token
    const moe::GeneratedToken& token = m_trace->token(index);
    QString caption =
        describeRouting(TraceModel::tokenText(token), token.routing, m_layer, m_trace->config().nExpert);
    if (!m_trace->routingOverride().isDefault() && m_summary)
        caption += QStringLiteral(" ") + tr("(Experiment: %1.)").arg(m_summary());
    setText(caption.toHtmlEscaped());
}

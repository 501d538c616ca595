// The caption under the token strip: in plain words, what the focus layer's router did with the
// shown token of a TraceModel (describeRouting), plus a note when the run was an experiment. It
// follows the trace by itself; between runs the page may put a message of its own in it (setText).
#pragma once

#include <QLabel>
#include <QPointer>

#include <functional>

class TraceModel;

class TraceCaption : public QLabel {
    Q_OBJECT
public:
    explicit TraceCaption(QWidget* parent = nullptr);

    void setTraceModel(const TraceModel* trace);
    // The layer described (0-based); redraws the shown token.
    void setFocusLayer(int layer);
    // Names the experiment the run was under, for "(Experiment: ….)".
    void setExperimentSummary(std::function<QString()> summary) { m_summary = std::move(summary); }

private:
    void showToken(int index);

    QPointer<const TraceModel> m_trace;
    int m_layer = 0;
    std::function<QString()> m_summary;
};

// The Playground's training record: everything one run has reported so far (its settings, every
// step's StepStats, the measurements, the probes). It is the one source the charts, the probe and
// the captions read, as views read the TraceModel in Explore: they redraw from its signals and
// never keep a copy. reset() starts a new run's record.
#pragma once

#include "moe/playground.h"

#include <QObject>

#include <vector>

class TrainingRecord : public QObject {
    Q_OBJECT
public:
    explicit TrainingRecord(QObject* parent = nullptr);

    // Empties the record for a run with these settings (resetDone).
    void reset(const moe::PlaygroundSettings& settings);
    void appendSteps(const std::vector<moe::StepStats>& steps);
    void appendPoint(const moe::PlaygroundPoint& point);
    void appendProbe(const moe::PlaygroundProbe& probe);

    const moe::PlaygroundSettings& settings() const { return m_settings; }
    const std::vector<moe::StepStats>& steps() const { return m_steps; }
    const std::vector<moe::PlaygroundPoint>& points() const { return m_points; }
    const std::vector<moe::PlaygroundProbe>& probes() const { return m_probes; }
    // The newest probe, or nullptr before the first.
    const moe::PlaygroundProbe* latestProbe() const;
    bool isEmpty() const { return m_steps.empty() && m_points.empty(); }

signals:
    void resetDone();
    void stepsAppended(int first); // steps()[first ..] are new
    void pointAppended(int index);
    void probeAppended(int index);

private:
    moe::PlaygroundSettings m_settings;
    std::vector<moe::StepStats> m_steps;
    std::vector<moe::PlaygroundPoint> m_points;
    std::vector<moe::PlaygroundProbe> m_probes;
};

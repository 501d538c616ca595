#include "playground/training_record.h"

TrainingRecord::TrainingRecord(QObject* parent) : QObject(parent) {}

void TrainingRecord::reset(const moe::PlaygroundSettings& settings)
{
    m_settings = settings;
    m_steps.clear();
    m_points.clear();
    m_probes.clear();
    emit resetDone();
}

void TrainingRecord::appendSteps(const std::vector<moe::StepStats>& steps)
{
    if (steps.empty())
        return;
    const int first = static_cast<int>(m_steps.size());
    m_steps.insert(m_steps.end(), steps.begin(), steps.end());
    emit stepsAppended(first);
}

void TrainingRecord::appendPoint(const moe::PlaygroundPoint& point)
{
    m_points.push_back(point);
    emit pointAppended(static_cast<int>(m_points.size()) - 1);
}

void TrainingRecord::appendProbe(const moe::PlaygroundProbe& probe)
{
    m_probes.push_back(probe);
    emit probeAppended(static_cast<int>(m_probes.size()) - 1);
}

const moe::PlaygroundProbe* TrainingRecord::latestProbe() const
{
    return m_probes.empty() ? nullptr : &m_probes.back();
}

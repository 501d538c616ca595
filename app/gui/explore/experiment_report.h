// What the experiments drawer says after an Explore run: what the model wrote, under which
// experiment, how that compares with the same prompt run as trained, and whether an arithmetic
// answer is right. Remembers the last as-trained run per prompt as the baseline.
#pragma once

#include <QCoreApplication>
#include <QString>

class ExperimentReport {
    Q_DECLARE_TR_FUNCTIONS(ExperimentReport)
public:
    // Forgets the baseline (a new model writes other text).
    void reset();
    void runStarted(const QString& prompt) { m_prompt = prompt; }
    // The report as rich text for the run started last, which wrote `written`. experiment: the
    // override's summary, empty for a run as trained (which becomes the new baseline).
    QString runFinished(const QString& written, bool experimenting, const QString& experiment);

private:
    QString m_prompt;
    QString m_baselinePrompt, m_baselineText;
};

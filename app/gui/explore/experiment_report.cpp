#include "explore/experiment_report.h"

#include "explore/answer_check.h"

void ExperimentReport::reset()
{
    m_baselinePrompt.clear();
    m_baselineText.clear();
}

QString ExperimentReport::runFinished(const QString& written, bool experimenting, const QString& experiment)
{
    if (!experimenting) {
        m_baselinePrompt = m_prompt;
        m_baselineText = written;
    }
    QString html;
    const QString shown = written.section(QLatin1Char('\n'), 0, 0).left(80).toHtmlEscaped();
    if (experimenting)
        html += tr("<b>With %1:</b> the model wrote “%2”").arg(experiment.toHtmlEscaped(), shown);
    else
        html += tr("<b>As trained:</b> the model wrote “%1”").arg(shown);
    if (experimenting && m_baselinePrompt == m_prompt)
        html += tr("<br>As trained it wrote “%1”%2")
                    .arg(m_baselineText.section(QLatin1Char('\n'), 0, 0).left(80).toHtmlEscaped(),
                         m_baselineText == written ? tr(" — the same text.") : tr(" — the text changed."));
    if (const auto check = checkArithmeticAnswer(m_prompt, written))
        html += check->correct ? tr("<br>✔ %1 = %2 is right.").arg(check->question).arg(check->expected)
                               : tr("<br>✘ Not right: %1 = %2.").arg(check->question).arg(check->expected);
    return html;
}

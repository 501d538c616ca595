#include "playground/probe_panel.h"

#include "playground/playground_caption.h"
#include "playground/probe_grid_view.h"
#include "playground/training_record.h"
#include "style/expert_palette.h"
#include "style/scaled_font.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace {

QString promptTitle(const QString& side, const std::string& prompt, const QColor& colour)
{
    const QString head =
        QStringLiteral("<span style=\"color:%1\"><b>%2</b></span>").arg(colour.name(), side.toHtmlEscaped());
    return prompt.empty()
               ? head
               : head + QStringLiteral(" “%1”").arg(QString::fromStdString(prompt).toHtmlEscaped());
}

// The prompt as the model read it: its tokens' text, in order.
std::string promptText(const moe::ProbeRouting& routing)
{
    std::string text;
    for (const std::string& token : routing.tokenTexts)
        text += token;
    return text;
}

} // namespace

ProbePanel::ProbePanel(TrainingRecord* record, QWidget* parent) : QWidget(parent), m_record(record)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("probeTitle"));
    m_title->setFont(scaledFont(font(), 1.1, true));
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("probeCaption"));
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setMinimumHeight(m_caption->fontMetrics().height() * 2);
    layout->addWidget(m_caption);
    m_mathTitle = new QLabel(this);
    m_mathTitle->setTextFormat(Qt::RichText);
    layout->addWidget(m_mathTitle);
    m_math = new ProbeGridView(this);
    m_math->setObjectName(QStringLiteral("mathProbe"));
    layout->addWidget(m_math, 1);
    m_poemTitle = new QLabel(this);
    m_poemTitle->setTextFormat(Qt::RichText);
    layout->addWidget(m_poemTitle);
    m_poem = new ProbeGridView(this);
    m_poem->setObjectName(QStringLiteral("poemProbe"));
    layout->addWidget(m_poem, 1);

    connect(record, &TrainingRecord::resetDone, this, [this] {
        m_math->setShape(m_record->settings().layers, m_record->settings().experts);
        m_poem->setShape(m_record->settings().layers, m_record->settings().experts);
        m_math->clear();
        m_poem->clear();
        showLatest();
    });
    connect(record, &TrainingRecord::probeAppended, this, &ProbePanel::showLatest);
    showLatest();
}

QString ProbePanel::captionText() const
{
    return m_caption->text();
}

void ProbePanel::showLatest()
{
    const moe::PlaygroundProbe* probe = m_record->latestProbe();
    m_title->setText(probe ? tr("Probe: the same two prompts, routed by the model at step %1")
                                 .arg(QLocale().toString(probe->step))
                           : tr("Probe: the same two prompts, routed as the model learns"));
    m_caption->setText(probeCaption(*m_record));
    if (probe) {
        m_math->setRouting(probe->math);
        m_poem->setRouting(probe->poem);
    }
    m_mathTitle->setText(
        promptTitle(tr("Math"), probe ? promptText(probe->math) : std::string(), ExpertPalette::mathColor()));
    m_poemTitle->setText(
        promptTitle(tr("Poem"), probe ? promptText(probe->poem) : std::string(), ExpertPalette::poemColor()));
}

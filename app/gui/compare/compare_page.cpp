#include "compare/compare_page.h"

#include "compare/compare_view.h"
#include "run/generation_controller.h"
#include "run/trace_model.h"
#include "style/expert_palette.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int kTokensToWrite = 40; // enough text to count on, short enough to feel instant

} // namespace

ComparePage::ComparePage(QWidget* parent) : QWidget(parent)
{
    m_controller = new GenerationController(this);
    m_mathTrace = new TraceModel(this);
    m_poemTrace = new TraceModel(this);
    connect(m_controller, &GenerationController::tokenRouted, this,
            [this](int runId, const moe::GeneratedToken& token, double) { onToken(runId, token); });
    connect(m_controller, &GenerationController::runFinished, this,
            [this](int runId, moe::FinishReason) { onFinished(runId); });
    connect(m_controller, &GenerationController::failed, this, [this](const QString& message) {
        m_phase = Phase::Idle;
        m_compareButton->setEnabled(true);
        m_progress->setText(tr("The model could not run: %1").arg(message));
        Q_EMIT statusMessage(message);
    });

    auto* layout = new QVBoxLayout(this);
    auto* prompts = new QHBoxLayout;
    prompts->addWidget(promptRow(tr("Math"), ExpertPalette::mathColor(), m_mathPrompt, m_mathPresets), 1);
    prompts->addWidget(promptRow(tr("Poem"), ExpertPalette::poemColor(), m_poemPrompt, m_poemPresets), 1);
    m_compareButton = new QPushButton(tr("▶ Compare"), this);
    m_compareButton->setToolTip(tr("Run both prompts and compare which experts did the work (Ctrl+Enter)"));
    m_compareButton->setDefault(true);
    connect(m_compareButton, &QPushButton::clicked, this, &ComparePage::compare);
    prompts->addWidget(m_compareButton);
    layout->addLayout(prompts);
    m_progress = new QLabel(this);
    m_progress->setWordWrap(true); // the summary after a run is long; it must not widen the window
    layout->addWidget(m_progress);
    m_view = new CompareView(this);
    m_view->setTraces(m_mathTrace, m_poemTrace);
    layout->addWidget(m_view, 1);
}

QWidget* ComparePage::promptRow(const QString& label, const QColor& colour, QLineEdit*& edit,
                                QComboBox*& presets)
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* badge = new QLabel(label, row);
    badge->setAutoFillBackground(true);
    QPalette pal = badge->palette();
    pal.setColor(QPalette::Window, colour);
    pal.setColor(QPalette::WindowText, ExpertPalette::textOn(colour));
    badge->setPalette(pal);
    badge->setMargin(fontMetrics().height() / 4);
    QFont bold = badge->font();
    bold.setBold(true);
    badge->setFont(bold);
    edit = new QLineEdit(row);
    edit->setAccessibleName(tr("%1 prompt").arg(label));
    edit->setToolTip(tr("The text the model reads and continues (%1)").arg(label));
    edit->setClearButtonEnabled(true);
    connect(edit, &QLineEdit::returnPressed, this, &ComparePage::compare);
    presets = new QComboBox(row);
    presets->setAccessibleName(tr("%1 presets").arg(label));
    QLineEdit* target = edit;
    QComboBox* box = presets;
    connect(presets, &QComboBox::activated, this, [target, box](int index) {
        const QString prompt = box->itemData(index).toString();
        if (!prompt.isEmpty())
            target->setText(prompt);
    });
    layout->addWidget(badge);
    layout->addWidget(edit, 1);
    layout->addWidget(presets);
    return row;
}

void ComparePage::setModel(std::shared_ptr<const moe::Model> model)
{
    m_model = std::move(model);
    m_controller->setModel(m_model);
    if (m_model) // always-on experts: never routed, so the traces cannot say how many
        m_view->setSharedExperts(m_model->config().sharedExpertCount());
    m_phase = Phase::Idle;
    m_compareButton->setEnabled(true);
    m_view->clear();
    m_progress->setText(tr("Press <b>Compare</b>: the model reads both texts, then the charts show which "
                           "experts each one woke."));
}

void ComparePage::setPresets(const QList<Preset>& presets)
{
    m_presets = presets;
    const auto fill = [&presets](QComboBox* box, QLineEdit* edit, const QString& kind) {
        box->clear();
        box->addItem(tr("Presets…"), QString());
        for (const Preset& p : presets)
            if (p.kind == kind)
                box->addItem(p.title, p.prompt);
        if (edit->text().isEmpty())
            if (const auto first = firstPreset(presets, kind))
                edit->setText(first->prompt);
    };
    fill(m_mathPresets, m_mathPrompt, QStringLiteral("math"));
    fill(m_poemPresets, m_poemPrompt, QStringLiteral("poem"));
}

void ComparePage::setMathPrompt(const QString& prompt)
{
    m_mathPrompt->setText(prompt);
}

void ComparePage::setPoemPrompt(const QString& prompt)
{
    m_poemPrompt->setText(prompt);
}

void ComparePage::compare()
{
    if (!m_model)
        return;
    if (m_mathPrompt->text().trimmed().isEmpty() || m_poemPrompt->text().trimmed().isEmpty()) {
        m_progress->setText(tr("Both prompts are needed: one with math, one from a poem."));
        return;
    }
    m_mathLabel = m_mathPrompt->text();
    m_poemLabel = m_poemPrompt->text();
    for (TraceModel* trace : {m_mathTrace, m_poemTrace})
        trace->reset(m_model->config(), {}, QString::fromStdString(m_model->name()));
    m_compareButton->setEnabled(false);
    startPhase(Phase::Math);
}

void ComparePage::startPhase(Phase phase)
{
    m_phase = phase;
    GenerationSettings settings = sideSettings(phase);
    const QString prompt = phase == Phase::Math ? m_mathLabel : m_poemLabel;
    m_progress->setText(phase == Phase::Math ? tr("Reading and continuing the math text…")
                                             : tr("Reading and continuing the poem…"));
    m_runId = m_controller->start(prompt, settings);
}

void ComparePage::onToken(int runId, const moe::GeneratedToken& token)
{
    if (runId != m_runId)
        return;
    (m_phase == Phase::Math ? m_mathTrace : m_poemTrace)->append(token);
}

void ComparePage::onFinished(int runId)
{
    if (runId != m_runId)
        return;
    if (m_phase == Phase::Math) {
        startPhase(Phase::Poem);
        return;
    }
    m_phase = Phase::Idle;
    m_compareButton->setEnabled(true);
    m_view->showComparison(m_mathLabel, m_poemLabel);
    m_progress->setText(tr("Both texts were read and continued (%1 and %2 tokens, prompts included). "
                           "Every bar counts the experts the router really chose.")
                            .arg(m_mathTrace->tokenCount())
                            .arg(m_poemTrace->tokenCount()) +
                        QLatin1Char(' ') + samplingSummary());
    QTimer::singleShot(600, this, [this] { Q_EMIT settled(); });
}

GenerationSettings ComparePage::sideSettings(Phase side) const
{
    GenerationSettings settings;
    settings.maxTokens = kTokensToWrite;
    settings.delayMs = 0; // compare counts; Explore is where tokens are watched one by one
    const bool math = side == Phase::Math;
    if (const auto preset = presetFor(m_presets, math ? QStringLiteral("math") : QStringLiteral("poem"),
                                      math ? m_mathLabel : m_poemLabel)) {
        settings.temperature = preset->temperature;
        settings.seed = preset->seed;
        settings.minTokens = std::min(preset->minTokens, kTokensToWrite);
    }
    return settings;
}

QString ComparePage::samplingSummary() const
{
    const auto describe = [](const GenerationSettings& s) {
        const QString how = s.temperature > 0.0f ? tr("sampled at temperature %1 (seed %2)")
                                                       .arg(QLocale().toString(double(s.temperature), 'g', 3))
                                                       .arg(s.seed)
                                                 : tr("written greedily");
        return s.minTokens > 0 ? tr("%1, with no end of text before %2 tokens").arg(how).arg(s.minTokens)
                               : how;
    };
    return tr("Math side: %1. Poem side: %2.")
        .arg(describe(sideSettings(Phase::Math)), describe(sideSettings(Phase::Poem)));
}

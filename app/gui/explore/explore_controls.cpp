#include "explore/explore_controls.h"

#include "style/scaled_font.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <array>

namespace {

// Pause between tokens per speed step: slow motion for teaching ... as fast as the model runs.
constexpr std::array<int, 6> kDelayMs = {2500, 900, 400, 180, 60, 0};
constexpr int kNormalSpeed = 3;

} // namespace

ExploreControls::ExploreControls(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("exploreControls"));
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);

    m_prompt = new QLineEdit(this);
    m_prompt->setObjectName(QStringLiteral("explorePrompt"));
    m_prompt->setPlaceholderText(tr("Type a prompt, or pick a preset"));
    m_prompt->setToolTip(tr("What the model reads first; then it writes on"));
    m_prompt->setAccessibleName(tr("Prompt"));
    m_prompt->setClearButtonEnabled(true);
    // Room for a short prompt ("23 + 45 =") when a lesson panel narrows the page.
    m_prompt->setMinimumWidth(m_prompt->fontMetrics().averageCharWidth() * 16);
    connect(m_prompt, &QLineEdit::returnPressed, this, &ExploreControls::runRequested);

    m_presetBox = new QComboBox(this);
    m_presetBox->setToolTip(tr("Prompts to try: math, poems, and a mix"));
    m_presetBox->setAccessibleName(tr("Preset prompts"));
    connect(m_presetBox, &QComboBox::activated, this, [this](int index) {
        const QString prompt = m_presetBox->itemData(index).toString();
        if (prompt.isEmpty())
            return;
        m_prompt->setText(prompt);
        Q_EMIT runRequested();
    });

    const auto button = [this](const QString& text, const QString& tip) {
        auto* b = new QPushButton(text, this);
        b->setToolTip(tip);
        return b;
    };
    m_runButton = button(tr("▶ Run"), tr("Read the prompt and write on (Ctrl+Enter)"));
    m_pauseButton = button(tr("❚❚ Pause"), tr("Pause or continue (Space)"));
    m_stepButton = button(tr("▸ Step"), tr("One token at a time (Right arrow)"));
    m_stopButton = button(tr("■ Stop"), tr("Stop this run (Esc)"));
    m_labButton = button(tr("Experiments"), tr("Change top-k, switch experts off (Ctrl+L)"));
    m_labButton->setCheckable(true);
    m_runButton->setDefault(true);
    connect(m_runButton, &QPushButton::clicked, this, &ExploreControls::runRequested);
    connect(m_pauseButton, &QPushButton::clicked, this, &ExploreControls::pauseRequested);
    connect(m_stepButton, &QPushButton::clicked, this, &ExploreControls::stepRequested);
    connect(m_stopButton, &QPushButton::clicked, this, &ExploreControls::stopRequested);
    connect(m_labButton, &QPushButton::clicked, this, &ExploreControls::experimentsRequested);

    grid->addWidget(new QLabel(tr("Prompt:"), this), 0, 0);
    grid->addWidget(m_prompt, 0, 1, 1, 5);
    grid->addWidget(m_presetBox, 0, 6);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_runButton, m_pauseButton, m_stepButton, m_stopButton, m_labButton})
        buttons->addWidget(b);
    grid->addLayout(buttons, 0, 7);

    m_speed = new QSlider(Qt::Horizontal, this);
    m_speed->setRange(0, static_cast<int>(kDelayMs.size()) - 1);
    m_speed->setValue(kNormalSpeed);
    m_speed->setPageStep(1);
    m_speed->setToolTip(tr("Slow motion ... as fast as the model can ( - and + )"));
    m_speed->setAccessibleName(tr("Speed"));
    connect(m_speed, &QSlider::valueChanged, this, &ExploreControls::speedChanged);

    m_temperature = new QSlider(Qt::Horizontal, this);
    m_temperature->setRange(0, 150);
    m_temperature->setValue(0);
    m_temperature->setToolTip(tr("0 = always the most likely next token; higher = more surprising choices"));
    m_temperature->setAccessibleName(tr("Temperature"));
    m_temperatureLabel = new QLabel(this);
    const auto showTemperature = [this] {
        m_temperatureLabel->setText(tr("Temperature %1").arg(m_temperature->value() / 100.0, 0, 'f', 2));
    };
    connect(m_temperature, &QSlider::valueChanged, this, showTemperature);
    showTemperature();

    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 999999);
    m_seed->setValue(42);
    m_seed->setToolTip(tr("Same seed, same text: the random choices repeat"));
    m_seed->setAccessibleName(tr("Seed"));
    m_maxTokens = new QSpinBox(this);
    m_maxTokens->setRange(1, 400);
    m_maxTokens->setValue(40);
    m_maxTokens->setToolTip(tr("How many tokens the model writes at most"));
    m_maxTokens->setAccessibleName(tr("Tokens to write"));

    m_settingsRow = new QWidget(this);
    m_settingsRow->setObjectName(QStringLiteral("exploreSettings"));
    auto* second = new QHBoxLayout(m_settingsRow);
    second->setContentsMargins(0, 0, 0, 0);
    second->addWidget(new QLabel(tr("Speed"), m_settingsRow));
    second->addWidget(m_speed, 2);
    second->addSpacing(12);
    second->addWidget(m_temperatureLabel);
    second->addWidget(m_temperature, 2);
    second->addSpacing(12);
    second->addWidget(new QLabel(tr("Seed"), m_settingsRow));
    second->addWidget(m_seed);
    second->addSpacing(12);
    second->addWidget(new QLabel(tr("Tokens to write"), m_settingsRow));
    second->addWidget(m_maxTokens);
    second->addStretch(1);
    grid->addWidget(m_settingsRow, 1, 0, 1, 8);
    grid->setColumnStretch(1, 1);
    setRunState(false, false);
}

QString ExploreControls::prompt() const
{
    return m_prompt->text();
}

void ExploreControls::setPrompt(const QString& prompt)
{
    m_prompt->setText(prompt);
}

void ExploreControls::setPresets(const QList<Preset>& presets)
{
    m_presetBox->clear();
    m_presetBox->addItem(tr("Presets…"), QString());
    for (const Preset& p : presets) {
        const QString kind = p.kind == QLatin1String("math")   ? tr("Math")
                             : p.kind == QLatin1String("poem") ? tr("Poem")
                                                               : tr("Mixed");
        m_presetBox->addItem(QStringLiteral("%1: %2").arg(kind, p.title), p.prompt);
    }
}

GenerationSettings ExploreControls::settings() const
{
    GenerationSettings settings;
    settings.maxTokens = m_maxTokens->value();
    settings.temperature = static_cast<float>(m_temperature->value()) / 100.0f;
    settings.seed = static_cast<uint64_t>(m_seed->value());
    settings.delayMs = delayMs();
    return settings;
}

int ExploreControls::maxTokens() const
{
    return m_maxTokens->value();
}

int ExploreControls::delayMs() const
{
    return kDelayMs[static_cast<size_t>(m_speed->value())];
}

int ExploreControls::animationMs() const
{
    // The glide between two tokens takes most of the pause, never more than a quarter second;
    // in slow motion the experts fade in slowly enough to point at while they wake.
    const int longest = m_speed->value() == 0 ? 900 : 240;
    return std::clamp(delayMs() * 4 / 5, 90, longest);
}

QString ExploreControls::speedName() const
{
    switch (m_speed->value()) {
    case 0:
        return tr("slow motion");
    case 1:
        return tr("very slow");
    case 2:
        return tr("slow");
    case kNormalSpeed:
        return tr("normal");
    case 4:
        return tr("fast");
    default:
        return tr("as fast as the model runs");
    }
}

void ExploreControls::slower()
{
    m_speed->setValue(m_speed->value() - 1);
}

void ExploreControls::faster()
{
    m_speed->setValue(m_speed->value() + 1);
}

void ExploreControls::setRunState(bool running, bool paused)
{
    m_pauseButton->setEnabled(running);
    m_pauseButton->setText(paused ? tr("▶ Continue") : tr("❚❚ Pause"));
    m_stopButton->setEnabled(running);
}

void ExploreControls::setExperimentsShown(bool shown)
{
    m_labButton->setChecked(shown);
}

void ExploreControls::setPresentation(bool on)
{
    for (QWidget* w : std::initializer_list<QWidget*>{m_presetBox, m_pauseButton, m_stepButton, m_stopButton,
                                                      m_labButton, m_settingsRow})
        w->setVisible(!on);
}

void ExploreControls::applyFonts()
{
    m_prompt->setFont(scaledFont(font(), 1.3));
}

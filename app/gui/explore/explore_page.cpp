#include "explore/explore_page.h"

#include "explore/cost_panel.h"
#include "explore/expert_grid_view.h"
#include "explore/router_chart_view.h"
#include "explore/routing_caption.h"
#include "explore/token_strip_view.h"
#include "moe/trace_writer.h"
#include "run/generation_controller.h"
#include "run/trace_model.h"
#include "explore/answer_check.h"
#include "explore/experiments_panel.h"
#include "style/scaled_font.h"

#include <QApplication>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <array>

namespace {

// Pause between tokens per speed step: slow motion for teaching ... as fast as the model runs.
constexpr std::array<int, 6> kDelayMs = {2500, 900, 400, 180, 60, 0};
constexpr int kNormalSpeed = 3;
// Classroom mode's text size, relative to the app's normal font: readable from the back of a room.
constexpr double kPresentationScale = 1.7;

QString tokenText(const moe::GeneratedToken& token)
{
    return QString::fromStdString(moe::toValidUtf8(token.bytes));
}

} // namespace

ExplorePage::ExplorePage(QWidget* parent) : QWidget(parent)
{
    m_controller = new GenerationController(this);
    m_trace = new TraceModel(this);
    connect(m_controller, &GenerationController::tokenRouted, this, &ExplorePage::onToken);
    connect(m_controller, &GenerationController::runFinished, this, &ExplorePage::onFinished);
    connect(m_controller, &GenerationController::failed, this, [this](const QString& message) {
        m_running = false;
        updateButtons();
        m_caption->setText(tr("<b>The model could not run:</b> %1").arg(message.toHtmlEscaped()));
        Q_EMIT statusMessage(message);
        Q_EMIT runStateChanged(false);
    });

    auto* layout = new QVBoxLayout(this);
    buildControls();
    QWidget* controls = findChild<QWidget*>(QStringLiteral("exploreControls"));
    layout->addWidget(controls);

    // Left: the text as tokens, the caption, and the router chart of the focused token.
    m_strip = new TokenStripView(this);
    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    m_caption->setText(
        tr("Press <b>Run</b> (or Ctrl+Enter) and watch which experts wake up for every token."));
    m_chart = new RouterChartView(this);
    m_layerBox = new QComboBox(this);
    m_layerBox->setToolTip(tr("The layer the chart, the caption and the token colours describe"));
    m_layerBox->setAccessibleName(tr("Focus layer"));
    connect(m_layerBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            setFocusLayer(index);
    });

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* stripHeader = new QHBoxLayout;
    m_headings.append(new QLabel(tr("The text, token by token"), left));
    stripHeader->addWidget(m_headings.last());
    stripHeader->addStretch(1);
    auto* layerLabel = new QLabel(tr("Colours and chart show layer"), left);
    layerLabel->setObjectName(QStringLiteral("layerLabel"));
    stripHeader->addWidget(layerLabel);
    stripHeader->addWidget(m_layerBox);
    leftLayout->addLayout(stripHeader);
    leftLayout->addWidget(m_strip, 3);
    leftLayout->addWidget(m_caption);
    leftLayout->addWidget(m_chart, 4);

    // Right: the grid of experts and the cost of the token.
    m_grid = new ExpertGridView(this);
    m_cost = new CostPanel(this);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_headings.append(new QLabel(tr("Which experts wake up (layers × experts)"), right));
    rightLayout->addWidget(m_headings.last());
    rightLayout->addWidget(m_grid, 5);
    rightLayout->addWidget(m_cost, 2);
    connect(m_grid, &ExpertGridView::layerClicked, this,
            [this](int layer) { m_layerBox->setCurrentIndex(layer); });
    connect(m_grid, &ExpertGridView::expertClicked, this, [this](int layer, int expert) {
        if (m_labScroll->isHidden())
            toggleExperiments();
        m_lab->toggleExpert(layer, expert);
    });

    // The lab drawer, hidden until asked for.
    m_lab = new ExperimentsPanel(this);
    m_labScroll = new QScrollArea(this);
    m_labScroll->setWidget(m_lab);
    m_labScroll->setWidgetResizable(true);
    m_labScroll->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 24);
    m_labScroll->hide();
    connect(m_lab, &ExperimentsPanel::overrideChanged, this, [this](const moe::RoutingOverride& routing) {
        m_grid->setDisabledExperts(routing.disabled);
        if (!m_prompt->text().trimmed().isEmpty())
            run(); // the lab answers at once: same prompt, new routing
    });

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->addWidget(m_labScroll);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 0);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);
    m_keysHint = new QLabel(this);
    m_keysHint->setObjectName(QStringLiteral("classroomKeys"));
    m_keysHint->setAlignment(Qt::AlignCenter);
    m_keysHint->setWordWrap(true);
    m_keysHint->hide();
    layout->addWidget(m_keysHint);
    m_hiddenInPresentation = {m_chart,
                              m_cost,
                              m_presetBox,
                              m_pauseButton,
                              m_stepButton,
                              m_stopButton,
                              m_labButton,
                              findChild<QWidget*>(QStringLiteral("exploreSettings")),
                              findChild<QWidget*>(QStringLiteral("layerLabel"))};
    applyFonts();

    connect(m_strip, &TokenStripView::tokenClicked, this, [this](int index) {
        m_trace->setCurrentToken(index);
        showToken(index);
    });
    connect(m_strip, &TokenStripView::tokenHovered, this, &ExplorePage::showToken);
    updateButtons();
}

ExplorePage::~ExplorePage() = default;

void ExplorePage::buildControls()
{
    auto* box = new QWidget(this);
    box->setObjectName(QStringLiteral("exploreControls"));
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);

    m_prompt = new QLineEdit(box);
    m_prompt->setObjectName(QStringLiteral("explorePrompt"));
    m_prompt->setPlaceholderText(tr("Type a prompt, or pick a preset"));
    m_prompt->setToolTip(tr("What the model reads first; then it writes on"));
    m_prompt->setAccessibleName(tr("Prompt"));
    m_prompt->setClearButtonEnabled(true);
    connect(m_prompt, &QLineEdit::returnPressed, this, &ExplorePage::run);

    m_presetBox = new QComboBox(box);
    m_presetBox->setToolTip(tr("Prompts to try: math, poems, and a mix"));
    m_presetBox->setAccessibleName(tr("Preset prompts"));
    connect(m_presetBox, &QComboBox::activated, this, [this](int index) {
        const QString prompt = m_presetBox->itemData(index).toString();
        if (prompt.isEmpty())
            return;
        m_prompt->setText(prompt);
        run();
    });

    const auto button = [box](const QString& text, const QString& tip) {
        auto* b = new QPushButton(text, box);
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
    connect(m_runButton, &QPushButton::clicked, this, &ExplorePage::run);
    connect(m_pauseButton, &QPushButton::clicked, this, &ExplorePage::togglePause);
    connect(m_stepButton, &QPushButton::clicked, this, &ExplorePage::step);
    connect(m_stopButton, &QPushButton::clicked, this, &ExplorePage::stop);
    connect(m_labButton, &QPushButton::clicked, this, &ExplorePage::toggleExperiments);

    grid->addWidget(new QLabel(tr("Prompt:"), box), 0, 0);
    grid->addWidget(m_prompt, 0, 1, 1, 5);
    grid->addWidget(m_presetBox, 0, 6);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_runButton, m_pauseButton, m_stepButton, m_stopButton, m_labButton})
        buttons->addWidget(b);
    grid->addLayout(buttons, 0, 7);

    m_speed = new QSlider(Qt::Horizontal, box);
    m_speed->setRange(0, static_cast<int>(kDelayMs.size()) - 1);
    m_speed->setValue(kNormalSpeed);
    m_speed->setPageStep(1);
    m_speed->setToolTip(tr("Slow motion ... as fast as the model can ( - and + )"));
    m_speed->setAccessibleName(tr("Speed"));
    connect(m_speed, &QSlider::valueChanged, this, &ExplorePage::applySpeed);

    m_temperature = new QSlider(Qt::Horizontal, box);
    m_temperature->setRange(0, 150);
    m_temperature->setValue(0);
    m_temperature->setToolTip(tr("0 = always the most likely next token; higher = more surprising choices"));
    m_temperature->setAccessibleName(tr("Temperature"));
    m_temperatureLabel = new QLabel(box);
    const auto showTemperature = [this] {
        m_temperatureLabel->setText(tr("Temperature %1").arg(m_temperature->value() / 100.0, 0, 'f', 2));
    };
    connect(m_temperature, &QSlider::valueChanged, this, showTemperature);
    showTemperature();

    m_seed = new QSpinBox(box);
    m_seed->setRange(0, 999999);
    m_seed->setValue(42);
    m_seed->setToolTip(tr("Same seed, same text: the random choices repeat"));
    m_seed->setAccessibleName(tr("Seed"));
    m_maxTokens = new QSpinBox(box);
    m_maxTokens->setRange(1, 400);
    m_maxTokens->setValue(40);
    m_maxTokens->setToolTip(tr("How many tokens the model writes at most"));
    m_maxTokens->setAccessibleName(tr("Tokens to write"));

    auto* settingsRow = new QWidget(box);
    settingsRow->setObjectName(QStringLiteral("exploreSettings"));
    auto* second = new QHBoxLayout(settingsRow);
    second->setContentsMargins(0, 0, 0, 0);
    second->addWidget(new QLabel(tr("Speed"), settingsRow));
    second->addWidget(m_speed, 2);
    second->addSpacing(12);
    second->addWidget(m_temperatureLabel);
    second->addWidget(m_temperature, 2);
    second->addSpacing(12);
    second->addWidget(new QLabel(tr("Seed"), settingsRow));
    second->addWidget(m_seed);
    second->addSpacing(12);
    second->addWidget(new QLabel(tr("Tokens to write"), settingsRow));
    second->addWidget(m_maxTokens);
    second->addStretch(1);
    grid->addWidget(settingsRow, 1, 0, 1, 8);
    grid->setColumnStretch(1, 1);
}

void ExplorePage::setModel(std::shared_ptr<const moe::Model> model, const QString& name)
{
    stop();
    m_model = std::move(model);
    m_modelName = name;
    m_controller->setModel(m_model);
    const moe::ModelConfig& c = m_model->config();
    m_trace->reset(c, {}, name);
    m_grid->setShape(c.nLayer, c.nExpert);
    m_grid->clearRouting();
    m_grid->setDisabledExperts({});
    m_strip->clear();
    m_chart->clear();
    m_cost->setModelConfig(c);
    m_cost->clear();
    m_lab->setModelShape(c.nLayer, c.nExpert, c.nExpertUsed);
    m_baselinePrompt.clear();
    m_baselineText.clear();
    {
        const QSignalBlocker block(m_layerBox);
        m_layerBox->clear();
        for (int l = 0; l < c.nLayer; ++l)
            m_layerBox->addItem(tr("L%1").arg(l + 1));
        m_focusLayer = std::min(m_focusLayer, c.nLayer - 1);
        m_layerBox->setCurrentIndex(m_focusLayer);
    }
    setFocusLayer(m_focusLayer);
}

void ExplorePage::setPresets(const QList<Preset>& presets)
{
    m_presets = presets;
    m_presetBox->clear();
    m_presetBox->addItem(tr("Presets…"), QString());
    for (const Preset& p : presets) {
        const QString kind = p.kind == QLatin1String("math")   ? tr("Math")
                             : p.kind == QLatin1String("poem") ? tr("Poem")
                                                               : tr("Mixed");
        m_presetBox->addItem(QStringLiteral("%1: %2").arg(kind, p.title), p.prompt);
    }
}

void ExplorePage::setPrompt(const QString& prompt)
{
    m_prompt->setText(prompt);
}

bool ExplorePage::isRunning() const
{
    return m_running;
}

int ExplorePage::delayMs() const
{
    return kDelayMs[static_cast<size_t>(m_speed->value())];
}

void ExplorePage::applySpeed()
{
    m_controller->setDelayMs(delayMs());
    // The glide between two tokens takes most of the pause, never more than a quarter second;
    // in slow motion the experts fade in slowly enough to point at while they wake.
    const int longest = m_speed->value() == 0 ? 900 : 240;
    m_grid->setAnimationMs(std::clamp(delayMs() * 4 / 5, 90, longest));
    updateKeysHint();
}

QString ExplorePage::speedName() const
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

void ExplorePage::applyFonts()
{
    // Children with a font of their own do not follow the page's font, so each is derived again.
    for (QLabel* h : std::as_const(m_headings))
        h->setFont(scaledFont(font(), 1.1, true));
    m_caption->setFont(scaledFont(font(), 1.35));
    m_prompt->setFont(scaledFont(font(), 1.3));
    m_keysHint->setFont(scaledFont(font(), 0.8));
}

void ExplorePage::setPresentation(bool on)
{
    if (on == m_presentation)
        return;
    m_presentation = on;
    setFont(on ? scaledFont(QApplication::font(), kPresentationScale) : QFont());
    applyFonts();
    for (QWidget* w : std::as_const(m_hiddenInPresentation))
        w->setVisible(!on);
    if (on && m_labScroll->isVisible())
        toggleExperiments();
    m_keysHint->setVisible(on);
    updateKeysHint();
}

void ExplorePage::updateKeysHint()
{
    m_keysHint->setText(tr("Space: one token · ← →: previous / next token · ↑ ↓: layer · P: play / pause · "
                           "+ −: speed (now: %1) · F: full screen · Esc: leave classroom mode")
                            .arg(speedName()));
}

void ExplorePage::runAndPauseAfter(int tokens)
{
    run();
    if (m_running)
        m_pauseAfterTokens = tokens;
}

void ExplorePage::setHighlightedExpert(int expert)
{
    m_grid->setHighlightedExpert(expert);
}

void ExplorePage::setRouterTopK(int k)
{
    m_lab->setTopK(k);
}

void ExplorePage::playPause()
{
    if (m_running)
        togglePause();
    else
        run();
}

void ExplorePage::previousToken()
{
    const int current = m_trace->currentToken();
    if (current <= 0)
        return;
    m_trace->setCurrentToken(current - 1);
    showToken(current - 1);
}

void ExplorePage::nextToken()
{
    const int current = m_trace->currentToken();
    if (current + 1 < m_trace->tokenCount()) {
        m_trace->setCurrentToken(current + 1);
        showToken(current + 1);
    } else if (m_running) {
        step();
    }
}

void ExplorePage::previousLayer()
{
    if (m_focusLayer > 0)
        m_layerBox->setCurrentIndex(m_focusLayer - 1);
}

void ExplorePage::nextLayer()
{
    if (m_focusLayer + 1 < m_layerBox->count())
        m_layerBox->setCurrentIndex(m_focusLayer + 1);
}

void ExplorePage::run()
{
    if (!m_model)
        return;
    const QString prompt = m_prompt->text();
    if (prompt.trimmed().isEmpty()) {
        m_caption->setText(tr("Type a prompt first, or pick one from <b>Presets</b>."));
        return;
    }
    GenerationSettings settings;
    settings.maxTokens = m_maxTokens->value();
    settings.temperature = static_cast<float>(m_temperature->value()) / 100.0f;
    settings.seed = static_cast<uint64_t>(m_seed->value());
    settings.delayMs = delayMs();
    settings.routing = m_lab->routingOverride();
    m_runOverride = settings.routing;
    applySpeed();
    m_trace->reset(m_model->config(), settings.routing, m_modelName);
    m_strip->clear();
    m_chart->clear();
    m_cost->clear();
    m_grid->clearRouting();
    m_paused = false;
    m_pauseAfterTokens = -1;
    m_controller->setPaused(false);
    m_lastPrompt = prompt;
    m_runId = m_controller->start(prompt, settings);
    m_running = true;
    updateButtons();
    Q_EMIT runStateChanged(true);
}

void ExplorePage::togglePause()
{
    if (!m_running)
        return;
    m_paused = !m_paused;
    m_controller->setPaused(m_paused);
    updateButtons();
}

void ExplorePage::step()
{
    if (!m_running) {
        run();
        if (!m_running)
            return;
        m_paused = true;
        m_controller->setPaused(true);
    } else if (!m_paused) {
        m_paused = true;
        m_controller->setPaused(true);
    }
    m_controller->stepOnce();
    updateButtons();
}

void ExplorePage::stop()
{
    if (m_running)
        m_controller->stop();
}

void ExplorePage::toggleExperiments()
{
    m_labScroll->setVisible(m_labScroll->isHidden());
    m_labButton->setChecked(m_labScroll->isVisible());
}

void ExplorePage::slower()
{
    m_speed->setValue(m_speed->value() - 1);
}

void ExplorePage::faster()
{
    m_speed->setValue(m_speed->value() + 1);
}

void ExplorePage::onToken(int runId, const moe::GeneratedToken& token, double tokensPerSecond)
{
    if (runId != m_runId)
        return;
    m_trace->append(token);
    const int index = m_trace->tokenCount() - 1;
    m_strip->appendToken(tokenText(token), token.prompt, token.routing);
    m_cost->setTokensPerSecond(tokensPerSecond);
    m_trace->setCurrentToken(index);
    showToken(index);
    if (m_pauseAfterTokens > 0 && !token.prompt && --m_pauseAfterTokens == 0 && !m_paused) {
        m_paused = true;
        m_controller->setPaused(true);
        updateButtons();
    }
    Q_EMIT tokenAppended(token);
}

void ExplorePage::onFinished(int runId, moe::FinishReason reason)
{
    if (runId != m_runId)
        return;
    m_running = false;
    m_paused = false;
    updateButtons();
    Q_EMIT runStateChanged(false);
    const QString why = reason == moe::FinishReason::EndOfText     ? tr("the model ended its text")
                        : reason == moe::FinishReason::ContextFull ? tr("the model's context is full")
                        : reason == moe::FinishReason::Stopped
                            ? tr("stopped")
                            : (m_maxTokens->value() == 1 ? tr("wrote 1 token")
                                                         : tr("wrote %1 tokens").arg(m_maxTokens->value()));
    Q_EMIT statusMessage(tr("Finished: %1.").arg(why));
    reportExperiment();
    QTimer::singleShot(400, this, [this] { Q_EMIT settled(); });
}

void ExplorePage::reportExperiment()
{
    QString written;
    for (int i = 0; i < m_trace->tokenCount(); ++i)
        if (!m_trace->token(i).prompt)
            written += tokenText(m_trace->token(i));
    const bool experimenting = !m_lab->routingOverride().isDefault();
    if (!experimenting) {
        m_baselinePrompt = m_lastPrompt;
        m_baselineText = written;
    }
    QString html;
    const QString shown = written.section(QLatin1Char('\n'), 0, 0).left(80).toHtmlEscaped();
    if (experimenting)
        html += tr("<b>With %1:</b> the model wrote “%2”").arg(m_lab->summary().toHtmlEscaped(), shown);
    else
        html += tr("<b>As trained:</b> the model wrote “%1”").arg(shown);
    if (experimenting && m_baselinePrompt == m_lastPrompt)
        html += tr("<br>As trained it wrote “%1”%2")
                    .arg(m_baselineText.section(QLatin1Char('\n'), 0, 0).left(80).toHtmlEscaped(),
                         m_baselineText == written ? tr(" — the same text.") : tr(" — the text changed."));
    if (const auto check = checkArithmeticAnswer(m_lastPrompt, written))
        html += check->correct ? tr("<br>✔ %1 = %2 is right.").arg(check->question).arg(check->expected)
                               : tr("<br>✘ Not right: %1 = %2.").arg(check->question).arg(check->expected);
    m_lab->showResult(html);
}

void ExplorePage::showToken(int index)
{
    if (index < 0 || index >= m_trace->tokenCount())
        return;
    const moe::GeneratedToken& token = m_trace->token(index);
    const QString text = tokenText(token);
    m_strip->setCurrentToken(index);
    m_grid->showRouting(token.routing, true);
    m_chart->showRouting(text, token.routing);
    m_cost->showToken(token.routing, m_runOverride);
    QString caption = describeRouting(text, token.routing, m_focusLayer, m_model->config().nExpert);
    if (!m_runOverride.isDefault())
        caption += QStringLiteral(" ") + tr("(Experiment: %1.)").arg(m_lab->summary());
    m_caption->setText(caption.toHtmlEscaped());
}

void ExplorePage::setFocusLayer(int layer)
{
    if (layer < 0 || layer >= m_layerBox->count())
        return;
    if (m_layerBox->currentIndex() != layer) {
        m_layerBox->setCurrentIndex(layer); // comes back here through the box's signal
        return;
    }
    m_focusLayer = layer;
    m_grid->setSelectedLayer(layer);
    m_strip->setColourLayer(layer);
    m_chart->setLayer(layer);
    showToken(m_trace->currentToken());
}

void ExplorePage::updateButtons()
{
    m_pauseButton->setEnabled(m_running);
    m_pauseButton->setText(m_paused ? tr("▶ Continue") : tr("❚❚ Pause"));
    m_stopButton->setEnabled(m_running);
}

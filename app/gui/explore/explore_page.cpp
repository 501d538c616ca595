#include "explore/explore_page.h"

#include "explore/cost_panel.h"
#include "explore/experiments_panel.h"
#include "explore/expert_grid_view.h"
#include "explore/explore_controls.h"
#include "explore/router_chart_view.h"
#include "explore/token_strip_view.h"
#include "explore/trace_caption.h"
#include "explore/trace_views.h"
#include "run/generation_controller.h"
#include "run/trace_model.h"
#include "style/scaled_font.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace {

// Classroom mode's text size, relative to the app's normal font: readable from the back of a room.
constexpr double kPresentationScale = 1.7;

} // namespace

ExplorePage::ExplorePage(QWidget* parent) : QWidget(parent)
{
    m_controller = new GenerationController(this);
    m_trace = new TraceModel(this);

    auto* layout = new QVBoxLayout(this);
    m_controls = new ExploreControls(this);
    layout->addWidget(m_controls);
    connect(m_controls, &ExploreControls::runRequested, this, &ExplorePage::run);
    connect(m_controls, &ExploreControls::pauseRequested, this, &ExplorePage::togglePause);
    connect(m_controls, &ExploreControls::stepRequested, this, &ExplorePage::step);
    connect(m_controls, &ExploreControls::stopRequested, this, &ExplorePage::stop);
    connect(m_controls, &ExploreControls::experimentsRequested, this, &ExplorePage::toggleExperiments);
    connect(m_controls, &ExploreControls::speedChanged, this, &ExplorePage::applySpeed);
    buildViews(layout);

    // Every view follows the trace; the cost panel also shows the controller's measured speed.
    followTrace(m_trace, m_strip);
    followTrace(m_trace, m_grid);
    followTrace(m_trace, m_chart);
    followTrace(m_trace, m_cost);
    m_caption->setTraceModel(m_trace);
    connect(m_controller, &GenerationController::tokenRouted, m_cost,
            [cost = m_cost](int, const moe::GeneratedToken&, double tokensPerSecond) {
                cost->setTokensPerSecond(tokensPerSecond);
            });
    connect(m_strip, &TokenStripView::tokenClicked, m_trace, &TraceModel::setCurrentToken);
    connect(m_strip, &TokenStripView::tokenHovered, m_trace, &TraceModel::previewToken);

    connect(m_controller, &GenerationController::tokenRouted, this,
            [this](int, const moe::GeneratedToken& token, double) { onToken(token); });
    connect(m_controller, &GenerationController::runFinished, this,
            [this](int, moe::FinishReason reason) { onFinished(reason); });
    connect(m_controller, &GenerationController::failed, this, &ExplorePage::onFailed);
    connect(m_controller, &GenerationController::pausedChanged, this, &ExplorePage::updateButtons);
    updateButtons();
}

ExplorePage::~ExplorePage() = default;

void ExplorePage::buildViews(QVBoxLayout* layout)
{
    // Left: the text as tokens, the caption, and the router chart of the focused token.
    m_strip = new TokenStripView(this);
    m_caption = new TraceCaption(this);
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
    stripHeader->addWidget(m_headings.last(), 1);
    auto* layerLabel = new QLabel(tr("Colours and chart show layer"), left);
    layerLabel->setObjectName(QStringLiteral("layerLabel"));
    // Headings wrap rather than hold the page wide: with the lesson panel beside it, Explore must
    // still fit a 1024-pixel screen.
    layerLabel->setWordWrap(true);
    layerLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
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
    for (QLabel* heading : std::as_const(m_headings))
        heading->setWordWrap(true);
    rightLayout->addWidget(m_headings.last());
    // The cost panel scrolls when its text (long German lines, a real model's breakdown) needs more
    // height than the window leaves beside a big grid, rather than squeezing its lines together.
    auto* costScroll = new QScrollArea(right);
    costScroll->setObjectName(QStringLiteral("costScroll"));
    costScroll->setWidget(m_cost);
    costScroll->setWidgetResizable(true);
    costScroll->setFrameShape(QFrame::NoFrame);
    costScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    rightLayout->addWidget(m_grid, 1);
    rightLayout->addWidget(costScroll, 0);
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
        if (!m_controls->prompt().trimmed().isEmpty())
            run(); // the lab answers at once: same prompt, new routing
    });
    m_caption->setExperimentSummary([lab = m_lab] { return lab->summary(); });

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
    m_hiddenInPresentation = {m_chart, costScroll, layerLabel};
    applyFonts();
}

void ExplorePage::setModel(std::shared_ptr<const moe::Model> model, const QString& name)
{
    stop();
    const moe::ModelConfig c = model->config();
    m_controller->setModel(std::move(model));
    m_trace->reset(c, {}, name); // the views take the new shape from the trace
    m_grid->setDisabledExperts({});
    m_lab->setModelShape(c.nLayer, c.nExpert, c.nExpertUsed);
    m_report.reset();
    {
        const QSignalBlocker block(m_layerBox);
        m_layerBox->clear();
        for (int l = 0; l < c.nLayer; ++l)
            m_layerBox->addItem(tr("L%1").arg(l + 1));
        m_focusLayer = std::min(m_focusLayer, c.nLayer - 1);
        if (c.isDenseLayer(m_focusLayer) && c.nLeadingDense < c.nLayer)
            m_focusLayer = c.nLeadingDense; // a dense layer has no routing to show: the first routed one
        m_layerBox->setCurrentIndex(m_focusLayer);
    }
    setFocusLayer(m_focusLayer);
}

void ExplorePage::setPresets(const QList<Preset>& presets)
{
    m_controls->setPresets(presets);
}

void ExplorePage::setPrompt(const QString& prompt)
{
    m_controls->setPrompt(prompt);
}

QString ExplorePage::prompt() const
{
    const QString typed = m_controls->prompt();
    if (!typed.trimmed().isEmpty())
        return typed;
    std::string bytes; // the last run's prompt tokens, joined (a start token adds nothing)
    for (const moe::GeneratedToken& token : m_trace->tokens())
        if (token.prompt)
            bytes += token.bytes;
    return QString::fromStdString(bytes);
}

bool ExplorePage::isRunning() const
{
    return m_controller->isRunning();
}

bool ExplorePage::isPaused() const
{
    return m_controller->isRunning() && m_controller->isPaused();
}

void ExplorePage::applySpeed()
{
    m_controller->setDelayMs(m_controls->delayMs());
    m_grid->setAnimationMs(m_controls->animationMs());
    updateKeysHint();
}

QString ExplorePage::speedName() const
{
    return m_controls->speedName();
}

void ExplorePage::applyFonts()
{
    // Children with a font of their own do not follow the page's font, so each is derived again.
    for (QLabel* h : std::as_const(m_headings))
        h->setFont(scaledFont(font(), 1.1, true));
    m_caption->setFont(scaledFont(font(), 1.35));
    m_controls->applyFonts();
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
    m_controls->setPresentation(on);
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
    if (isRunning())
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
    if (isRunning())
        togglePause();
    else
        run();
}

void ExplorePage::previousToken()
{
    const int current = m_trace->currentToken();
    if (current > 0)
        m_trace->setCurrentToken(current - 1);
}

void ExplorePage::nextToken()
{
    const int current = m_trace->currentToken();
    if (current + 1 < m_trace->tokenCount())
        m_trace->setCurrentToken(current + 1);
    else if (isRunning())
        step();
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
    const moe::Model* model = m_controller->model();
    if (!model)
        return;
    const QString prompt = m_controls->prompt();
    if (prompt.trimmed().isEmpty()) {
        m_caption->setText(tr("Type a prompt first, or pick one from <b>Presets</b>."));
        return;
    }
    GenerationSettings settings = m_controls->settings();
    settings.routing = m_lab->routingOverride();
    applySpeed();
    m_trace->reset(model->config(), settings.routing, m_trace->modelName()); // the views clear
    m_pauseAfterTokens = -1;
    m_controller->setPaused(false);
    m_report.runStarted(prompt);
    m_controller->start(prompt, settings);
    updateButtons();
    Q_EMIT runStateChanged(true);
}

void ExplorePage::togglePause()
{
    if (!isRunning())
        return;
    m_controller->setPaused(!m_controller->isPaused());
    updateButtons();
}

void ExplorePage::step()
{
    if (!isRunning()) {
        run();
        if (!isRunning())
            return;
        m_controller->setPaused(true);
    } else if (!m_controller->isPaused()) {
        m_controller->setPaused(true);
    }
    m_controller->stepOnce();
    updateButtons();
}

void ExplorePage::stop()
{
    m_controller->stop();
}

void ExplorePage::toggleExperiments()
{
    m_labScroll->setVisible(m_labScroll->isHidden());
    m_controls->setExperimentsShown(m_labScroll->isVisible());
}

void ExplorePage::slower()
{
    m_controls->slower();
}

void ExplorePage::faster()
{
    m_controls->faster();
}

void ExplorePage::onToken(const moe::GeneratedToken& token)
{
    m_trace->append(token);
    m_trace->setCurrentToken(m_trace->tokenCount() - 1); // the views follow the newest token
    if (m_pauseAfterTokens > 0 && !token.prompt && --m_pauseAfterTokens == 0 && !isPaused()) {
        m_controller->setPaused(true);
        updateButtons();
    }
    Q_EMIT tokenAppended(token);
}

void ExplorePage::onFinished(moe::FinishReason reason)
{
    updateButtons();
    Q_EMIT runStateChanged(false);
    const int maxTokens = m_controls->maxTokens();
    const QString why = reason == moe::FinishReason::EndOfText     ? tr("the model ended its text")
                        : reason == moe::FinishReason::ContextFull ? tr("the model's context is full")
                        : reason == moe::FinishReason::Stopped
                            ? tr("stopped")
                            : (maxTokens == 1 ? tr("wrote 1 token") : tr("wrote %1 tokens").arg(maxTokens));
    Q_EMIT statusMessage(tr("Finished: %1.").arg(why));
    reportExperiment();
    QTimer::singleShot(400, this, [this] { Q_EMIT settled(); });
}

void ExplorePage::onFailed(const QString& message)
{
    updateButtons();
    m_caption->setText(tr("<b>The model could not run:</b> %1").arg(message.toHtmlEscaped()));
    Q_EMIT statusMessage(message);
    Q_EMIT runStateChanged(false);
}

void ExplorePage::reportExperiment()
{
    QString written;
    for (const moe::GeneratedToken& token : m_trace->tokens())
        if (!token.prompt)
            written += TraceModel::tokenText(token);
    const bool experimenting = !m_lab->routingOverride().isDefault();
    m_lab->showResult(m_report.runFinished(written, experimenting, m_lab->summary()));
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
    m_lab->setCurrentLayer(layer);
    m_strip->setColourLayer(layer);
    m_chart->setLayer(layer);
    m_caption->setFocusLayer(layer);
    m_trace->setCurrentToken(m_trace->currentToken()); // from a previewed token back to the current one
}

void ExplorePage::updateButtons()
{
    m_controls->setRunState(isRunning(), isPaused());
}

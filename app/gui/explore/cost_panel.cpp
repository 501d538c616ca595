// The cost panel: labels for the sentences and a bar for active against total parameters.
#include "explore/cost_panel.h"

#include "style/number_format.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <stdexcept>

// A horizontal bar: the active share filled, the rest a faint track, the percentage printed on it.
class CostBar : public QWidget {
public:
    explicit CostBar(QWidget* parent) : QWidget(parent)
    {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        setAccessibleName(CostPanel::tr("Active share of the parameters"));
    }
    void setFraction(double fraction, bool valid)
    {
        m_fraction = std::clamp(fraction, 0.0, 1.0);
        m_valid = valid;
        update();
    }
    QSize sizeHint() const override { return {fontMetrics().height() * 20, fontMetrics().height() * 2}; }
    QSize minimumSizeHint() const override
    {
        return {fontMetrics().height() * 6, fontMetrics().height() * 2};
    }

protected:
    void paintEvent(QPaintEvent* /*event*/) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QRectF track = QRectF(rect()).adjusted(1, 1, -1, -1);
        const double radius = track.height() * 0.3;
        QColor trackColour = palette().color(QPalette::WindowText);
        trackColour.setAlphaF(0.12f);
        p.setPen(Qt::NoPen);
        p.setBrush(trackColour);
        p.drawRoundedRect(track, radius, radius);
        if (!m_valid)
            return;
        const QColor fill = palette().color(QPalette::Highlight);
        QRectF active = track;
        active.setWidth(std::max(track.height() * 0.5, track.width() * m_fraction));
        p.setBrush(fill);
        p.drawRoundedRect(active, radius, radius);

        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        const QString inside = CostPanel::tr("active %1%").arg(std::lround(m_fraction * 100.0));
        const QString outside = CostPanel::tr("asleep %1%").arg(100 - std::lround(m_fraction * 100.0));
        const double pad = fontMetrics().height() * 0.5;
        const QFontMetricsF fm(bold);
        if (fm.horizontalAdvance(inside) + 2 * pad < active.width()) {
            p.setPen(palette().color(QPalette::HighlightedText));
            p.drawText(active.adjusted(pad, 0, -pad, 0), Qt::AlignLeft | Qt::AlignVCenter, inside);
        }
        const QRectF rest(active.right(), track.top(), track.right() - active.right(), track.height());
        if (fm.horizontalAdvance(outside) + 2 * pad < rest.width()) {
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(rest.adjusted(pad, 0, -pad, 0), Qt::AlignRight | Qt::AlignVCenter, outside);
        }
    }

private:
    double m_fraction = 0.0;
    bool m_valid = false;
};

CostPanel::CostPanel(QWidget* parent) : QWidget(parent)
{
    m_headline = new QLabel(this);
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::PlainText);
    m_bar = new CostBar(this);
    m_flops = new QLabel(this);
    m_asleep = new QLabel(this);
    m_speed = new QLabel(this);
    m_note = new QLabel(this);
    m_partsLabel = new QLabel(this);
    m_partsLabel->setObjectName(QStringLiteral("costParts"));
    for (QLabel* label : {m_flops, m_asleep, m_speed, m_note, m_partsLabel}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
    }
    m_flops->setToolTip(
        tr("Multiply-adds of the weight matrices for one token, counted twice (multiply and add). "
           "A dense model of the same size runs every expert for every token."));
    m_asleep->setToolTip(tr("Experts summed over all layers that did no work for this token."));
    m_speed->setToolTip(tr("How many tokens per second the model is generating right now."));
    m_note->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    const int space = fontMetrics().height() / 2;
    layout->setSpacing(space);
    layout->addWidget(m_headline);
    layout->addWidget(m_bar);
    auto* details = new QGridLayout;
    details->setHorizontalSpacing(space * 4);
    details->setVerticalSpacing(space);
    details->addWidget(m_flops, 0, 0, 1, 2);
    details->addWidget(m_asleep, 1, 0);
    details->addWidget(m_speed, 1, 1);
    details->setColumnStretch(0, 1);
    details->setColumnStretch(1, 1);
    layout->addLayout(details);
    layout->addWidget(m_partsLabel);
    layout->addWidget(m_note);
    layout->addStretch(1);

    setAccessibleName(tr("Cost of the current token"));
    updateFonts();
    updatePartsText();
    updateTexts();
}

void CostPanel::setModelConfig(const moe::ModelConfig& config)
{
    m_config = config;
    m_hasConfig = true;
    m_parts = CostParts{};
    m_parts.parameters = moe::parameterBreakdown(config);
    for (int l = 0; l < config.nLayer; ++l)
        ++(config.isDenseLayer(l) ? m_parts.denseLayers : m_parts.routedLayers);
    m_parts.sharedExperts = config.sharedExpertCount();
    m_parts.valid = true;
    updatePartsText();
    clear();
}

QString CostPanel::attentionKind(const moe::ModelConfig& c)
{
    QString kind = c.arch == moe::Architecture::Deepseek2 ? tr("latent attention")
                   : c.nHeadKv < c.nHead                  ? tr("grouped-query attention")
                                                          : tr("multi-head attention");
    if (c.fusedQkv)
        kind = tr("%1 with one fused QKV matrix").arg(kind);
    if (c.arch == moe::Architecture::Qwen2Moe || c.arch == moe::Architecture::PhiMoe)
        kind = tr("%1 with biases").arg(kind);
    return kind;
}

QString CostPanel::partsText() const
{
    return m_partsLabel->text();
}

void CostPanel::showToken(const moe::TokenRouting& token, const moe::RoutingOverride& routing)
{
    const double speed = m_figures.tokensPerSecond;
    m_figures = CostFigures{};
    m_figures.tokensPerSecond = speed;
    m_error.clear();
    m_experiment.clear();
    if (!m_hasConfig) {
        m_error = tr("No model loaded.");
        updateTexts();
        return;
    }
    try {
        const moe::RoutingCost cost = moe::routingCost(m_config, routing);
        m_figures.activeParameters = moe::activeParameters(m_config, token);
        m_figures.totalParameters = cost.totalParameters;
        m_figures.activeFraction =
            cost.totalParameters > 0
                ? static_cast<double>(m_figures.activeParameters) / static_cast<double>(cost.totalParameters)
                : 0.0;
        m_figures.flopsPerToken = cost.flopsPerToken;
        m_figures.denseFlopsPerToken = cost.denseFlopsPerToken;
        m_figures.expertSlots = m_parts.routedLayers * m_config.nExpert;
        for (const moe::LayerRouting& layer : token.layers)
            m_figures.expertsRun += static_cast<int>(layer.experts.size());
        m_figures.valid = true;
    } catch (const std::invalid_argument& e) {
        // A caller's mismatch (another model's token or override): say so instead of showing wrong figures.
        m_error = tr("Cannot show the cost: %1").arg(QString::fromStdString(e.what()));
    }

    if (!routing.isDefault()) {
        QStringList parts;
        if (routing.topK > 0)
            parts << tr("top-%1 routing instead of top-%2").arg(routing.topK).arg(m_config.nExpertUsed);
        int off = 0;
        for (const std::vector<bool>& layer : routing.disabled)
            off += static_cast<int>(std::count(layer.begin(), layer.end(), true));
        if (off == 1)
            parts << tr("1 expert switched off");
        else if (off > 1)
            parts << tr("%1 experts switched off").arg(off);
        if (!parts.isEmpty())
            m_experiment = tr("Experiment: %1.").arg(parts.join(tr(", ")));
    }
    updateTexts();
}

void CostPanel::setTokensPerSecond(double tokensPerSecond)
{
    m_figures.tokensPerSecond = std::max(0.0, tokensPerSecond);
    updateTexts();
}

void CostPanel::clear()
{
    m_figures = CostFigures{};
    m_error.clear();
    m_experiment.clear();
    updateTexts();
}

QString CostPanel::headline() const
{
    return m_headline->text();
}

void CostPanel::updateTexts()
{
    const CostFigures& f = m_figures;
    if (f.valid) {
        m_headline->setText(tr("This token used %1 of %2 parameters (%3%)")
                                .arg(compactNumber(static_cast<double>(f.activeParameters)),
                                     compactNumber(static_cast<double>(f.totalParameters)),
                                     QString::number(std::lround(f.activeFraction * 100.0))));
        m_flops->setText(tr("FLOPs: %1 vs %2 for a dense model of the same size")
                             .arg(compactNumber(static_cast<double>(f.flopsPerToken)),
                                  compactNumber(static_cast<double>(f.denseFlopsPerToken))));
        m_asleep->setText(tr("Experts asleep: %1 of %2").arg(f.expertsAsleep()).arg(f.expertSlots));
    } else {
        m_headline->setText(m_error.isEmpty() ? tr("Run a prompt to see what each token costs.") : m_error);
        m_flops->setText(tr("FLOPs: -"));
        m_asleep->setText(tr("Experts asleep: -"));
    }
    if (f.tokensPerSecond > 0.0)
        m_speed->setText(
            tr("Tokens per second: %1")
                .arg(QLocale().toString(f.tokensPerSecond, 'f', f.tokensPerSecond < 10.0 ? 1 : 0)));
    else
        m_speed->setText(tr("Tokens per second: -"));
    m_note->setText(m_experiment);
    m_note->setVisible(!m_experiment.isEmpty());
    m_bar->setFraction(f.activeFraction, f.valid);
    m_bar->setToolTip(f.valid ? tr("%1 of %2 parameters were active for this token")
                                    .arg(QLocale().toString(static_cast<qlonglong>(f.activeParameters)),
                                         QLocale().toString(static_cast<qlonglong>(f.totalParameters)))
                              : QString());
}

void CostPanel::updatePartsText()
{
    // Depends on the model only: written once per model, not again for every token.
    if (m_parts.valid) {
        // Always-used parts first, then the routed experts, of which a token uses a few.
        const moe::ParameterBreakdown& p = m_parts.parameters;
        const auto n = [](int64_t v) { return compactNumber(static_cast<double>(v)); };
        QStringList always;
        always << tr("embedding %1").arg(n(p.embedding + p.output));
        always << tr("%1 %2").arg(attentionKind(m_config), n(p.attention));
        if (p.sharedExperts > 0)
            always
                << tr("shared experts (%1 per layer) %2").arg(m_parts.sharedExperts).arg(n(p.sharedExperts));
        if (p.denseFeedForward > 0)
            always << tr("dense layers (%1) %2").arg(m_parts.denseLayers).arg(n(p.denseFeedForward));
        always << tr("routers and norms %1").arg(n(p.routers + p.norms + p.other));
        m_partsLabel->setText(
            tr("Every token uses: %1. Routed experts: %2 in %3 layers, %4 of %5 per layer chosen (%6).")
                .arg(always.join(tr(", ")), n(p.routedExperts))
                .arg(m_parts.routedLayers)
                .arg(m_config.nExpertUsed)
                .arg(m_config.nExpert)
                .arg(n(p.routedActive)));
        const QLocale locale;
        const auto exact = [&](int64_t v) { return locale.toString(static_cast<qlonglong>(v)); };
        m_partsLabel->setToolTip(
            tr("Parameters counted from the file's tensors:\nembedding and output %1\nattention: %2, %3\n"
               "shared experts %4\ndense layers %5\nrouters %6\nnorms %7\nrouted experts %8 (a token "
               "uses %9)\ntotal %10, used by every token with top-k routing %11")
                .arg(exact(p.embedding + p.output), attentionKind(m_config), exact(p.attention),
                     exact(p.sharedExperts), exact(p.denseFeedForward), exact(p.routers),
                     exact(p.norms + p.other), exact(p.routedExperts), exact(p.routedActive))
                .arg(exact(p.total()), exact(p.active())));
    } else {
        m_partsLabel->clear();
        m_partsLabel->setToolTip(QString());
    }
    m_partsLabel->setVisible(m_parts.valid);
}

void CostPanel::updateFonts()
{
    QFont big = font();
    big.setPointSizeF(font().pointSizeF() * 1.6);
    big.setBold(true);
    m_headline->setFont(big);
    QFont detail = font();
    detail.setPointSizeF(font().pointSizeF() * 1.15);
    for (QLabel* label : {m_flops, m_asleep, m_speed, m_partsLabel})
        label->setFont(detail);
}

void CostPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        updateFonts();
    QWidget::changeEvent(event);
}

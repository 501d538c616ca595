#include "explore/experiments_panel.h"

#include <algorithm>

#include "style/expert_palette.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

ExperimentsPanel::ExperimentsPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("<b>Experiments</b>"), this);
    auto* intro =
        new QLabel(tr("Change the routing and watch what changes: the text, the answer, the speed, the "
                      "parameters used. The prompt runs again after every change."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(title);
    layout->addWidget(intro);

    m_topKLabel = new QLabel(this);
    m_topK = new QSlider(Qt::Horizontal, this);
    m_topK->setToolTip(tr("How many experts each layer wakes per token. All experts = a dense model."));
    m_topK->setAccessibleName(tr("Experts per token"));
    m_topK->setPageStep(1);
    layout->addWidget(m_topKLabel);
    layout->addWidget(m_topK);
    connect(m_topK, &QSlider::valueChanged, this, [this](int value) {
        if (m_syncing)
            return;
        m_override.topK = value == m_modelTopK ? 0 : value;
        syncFromOverride();
        emitChanged();
    });

    auto* switchesTitle = new QLabel(tr("Switch experts off (or click a cell of the grid):"), this);
    switchesTitle->setWordWrap(true);
    layout->addWidget(switchesTitle);
    m_switchHost = new QWidget(this);
    m_switchGrid = new QGridLayout(m_switchHost);
    m_switchGrid->setContentsMargins(0, 0, 0, 0);
    m_switchGrid->setHorizontalSpacing(2);
    m_switchGrid->setVerticalSpacing(2);
    layout->addWidget(m_switchHost);

    m_reset = new QPushButton(tr("Reset experiments"), this);
    m_reset->setToolTip(tr("Back to the model's own routing: its top-k, every expert on"));
    connect(m_reset, &QPushButton::clicked, this, &ExperimentsPanel::reset);
    layout->addWidget(m_reset);

    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    layout->addWidget(m_result);
    layout->addStretch(1);
}

void ExperimentsPanel::setModelShape(int layers, int experts, int modelTopK)
{
    m_layers = layers;
    m_experts = experts;
    m_modelTopK = modelTopK;
    m_override = {};
    m_syncing = true;
    m_topK->setRange(1, experts);
    m_topK->setValue(modelTopK);
    m_syncing = false;
    rebuildSwitches();
    syncFromOverride();
    m_result->clear();
}

void ExperimentsPanel::rebuildSwitches()
{
    for (auto& row : m_switches)
        for (QCheckBox* box : row)
            delete box;
    m_switches.assign(static_cast<size_t>(m_layers), {});
    while (QLayoutItem* item = m_switchGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int e = 0; e < m_experts; ++e) {
        auto* header = new QLabel(QStringLiteral("E%1").arg(e + 1), m_switchHost);
        header->setAlignment(Qt::AlignCenter);
        QPalette pal = header->palette();
        header->setAutoFillBackground(true);
        pal.setColor(QPalette::Window, ExpertPalette::color(e));
        pal.setColor(QPalette::WindowText, ExpertPalette::textOn(ExpertPalette::color(e)));
        header->setPalette(pal);
        m_switchGrid->addWidget(header, 0, e + 1);
    }
    for (int l = 0; l < m_layers; ++l) {
        m_switchGrid->addWidget(new QLabel(QStringLiteral("L%1").arg(l + 1), m_switchHost), l + 1, 0);
        for (int e = 0; e < m_experts; ++e) {
            auto* box = new QCheckBox(m_switchHost);
            box->setChecked(true);
            box->setToolTip(tr("Expert %1 of layer %2: on when ticked").arg(e + 1).arg(l + 1));
            box->setAccessibleName(tr("Layer %1 expert %2").arg(l + 1).arg(e + 1));
            connect(box, &QCheckBox::toggled, this, [this, l, e](bool on) {
                if (m_syncing)
                    return;
                const bool off = !on;
                if (off == (!m_override.disabled.empty() && m_override.disabled[l][e]))
                    return;
                toggleExpert(l, e);
            });
            m_switchGrid->addWidget(box, l + 1, e + 1, Qt::AlignCenter);
            m_switches[static_cast<size_t>(l)].push_back(box);
        }
    }
}

void ExperimentsPanel::toggleExpert(int layer, int expert)
{
    if (layer < 0 || layer >= m_layers || expert < 0 || expert >= m_experts)
        return;
    if (m_override.disabled.empty())
        m_override.disabled.assign(static_cast<size_t>(m_layers),
                                   std::vector<bool>(static_cast<size_t>(m_experts), false));
    std::vector<bool>& row = m_override.disabled[static_cast<size_t>(layer)];
    const bool switchingOff = !row[static_cast<size_t>(expert)];
    if (switchingOff) {
        int on = 0;
        for (bool off : row)
            on += off ? 0 : 1;
        if (on <= 1) { // a layer with no expert left cannot route the token anywhere
            syncFromOverride();
            return;
        }
    }
    row[static_cast<size_t>(expert)] = switchingOff;
    bool any = false;
    for (const auto& r : m_override.disabled)
        for (bool off : r)
            any = any || off;
    if (!any)
        m_override.disabled.clear();
    syncFromOverride();
    emitChanged();
}

void ExperimentsPanel::reset()
{
    if (m_override.isDefault())
        return;
    m_override = {};
    syncFromOverride();
    emitChanged();
}

void ExperimentsPanel::setTopK(int k)
{
    m_override.topK = (k <= 0 || k == m_modelTopK) ? 0 : std::min(k, m_experts);
    syncFromOverride();
}

void ExperimentsPanel::syncFromOverride()
{
    m_syncing = true;
    const int k = m_override.topK == 0 ? m_modelTopK : m_override.topK;
    m_topK->setValue(k);
    if (k >= m_experts)
        m_topKLabel->setText(tr("Experts per token: <b>all %1</b> (dense: nobody sleeps)").arg(m_experts));
    else
        m_topKLabel->setText(tr("Experts per token: <b>%1</b> of %2%3")
                                 .arg(k)
                                 .arg(m_experts)
                                 .arg(k == m_modelTopK ? tr(" (as trained)") : QString()));
    for (int l = 0; l < m_layers; ++l)
        for (int e = 0; e < m_experts; ++e) {
            const bool off = !m_override.disabled.empty() && m_override.disabled[l][e];
            m_switches[static_cast<size_t>(l)][static_cast<size_t>(e)]->setChecked(!off);
        }
    m_reset->setEnabled(!m_override.isDefault());
    m_syncing = false;
}

void ExperimentsPanel::emitChanged()
{
    Q_EMIT overrideChanged(m_override);
}

QString ExperimentsPanel::summary() const
{
    QStringList parts;
    if (m_override.topK != 0)
        parts << (m_override.topK >= m_experts ? tr("all %1 experts per token (dense)").arg(m_experts)
                                               : tr("top-%1 routing").arg(m_override.topK));
    for (int l = 0; l < static_cast<int>(m_override.disabled.size()); ++l) {
        QStringList off;
        for (int e = 0; e < m_experts; ++e)
            if (m_override.disabled[l][e])
                off << QString::number(e + 1);
        if (!off.isEmpty())
            parts << tr("layer %1: expert %2 off", nullptr, static_cast<int>(off.size()))
                         .arg(l + 1)
                         .arg(off.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("; "));
}

void ExperimentsPanel::showResult(const QString& html)
{
    m_result->setText(html);
}

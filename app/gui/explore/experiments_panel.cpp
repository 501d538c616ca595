#include "explore/experiments_panel.h"

#include <algorithm>

#include "style/expert_palette.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <numeric>

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
    // A number box beside the slider: at 256 experts one slider pixel is several k.
    m_topKBox = new QSpinBox(this);
    m_topKBox->setAccessibleName(tr("Experts per token"));
    auto* topKRow = new QHBoxLayout;
    topKRow->addWidget(m_topK, 1);
    topKRow->addWidget(m_topKBox);
    layout->addWidget(m_topKLabel);
    layout->addLayout(topKRow);
    const auto setK = [this](int value) {
        if (m_syncing)
            return;
        m_override.topK = value == m_modelTopK ? 0 : value;
        syncFromOverride();
        emitChanged();
    };
    connect(m_topK, &QSlider::valueChanged, this, setK);
    connect(m_topKBox, &QSpinBox::valueChanged, this, setK);

    m_switchesTitle = new QLabel(tr("Switch experts off (or click a cell of the grid):"), this);
    m_switchesTitle->setWordWrap(true);
    layout->addWidget(m_switchesTitle);
    m_switchHost = new QWidget(this);
    m_switchGrid = new QGridLayout(m_switchHost);
    m_switchGrid->setContentsMargins(0, 0, 0, 0);
    m_switchGrid->setHorizontalSpacing(2);
    m_switchGrid->setVerticalSpacing(2);
    layout->addWidget(m_switchHost);

    // Real shapes: one layer at a time, an expert by its number, and the filter.
    auto* layerRow = new QHBoxLayout;
    auto* layerLabel = new QLabel(tr("Layer"), this);
    m_layerBox = new QSpinBox(this);
    m_layerBox->setAccessibleName(tr("Layer to experiment on"));
    layerLabel->setBuddy(m_layerBox);
    layerRow->addWidget(layerLabel);
    layerRow->addWidget(m_layerBox);
    layerRow->addStretch(1);
    layout->addLayout(layerRow);
    connect(m_layerBox, &QSpinBox::valueChanged, this, [this] { syncFromOverride(); });

    m_compact = new QWidget(this);
    auto* compact = new QVBoxLayout(m_compact);
    compact->setContentsMargins(0, 0, 0, 0);
    auto* expertRow = new QHBoxLayout;
    auto* expertLabel = new QLabel(tr("Expert"), m_compact);
    m_expertBox = new QSpinBox(m_compact);
    m_expertBox->setAccessibleName(tr("Expert to switch"));
    expertLabel->setBuddy(m_expertBox);
    m_toggle = new QPushButton(m_compact);
    expertRow->addWidget(expertLabel);
    expertRow->addWidget(m_expertBox);
    expertRow->addWidget(m_toggle, 1);
    compact->addLayout(expertRow);
    connect(m_expertBox, &QSpinBox::valueChanged, this, [this] { syncFromOverride(); });
    connect(m_toggle, &QPushButton::clicked, this,
            [this] { toggleExpert(currentLayer(), m_expertBox->value() - 1); });
    m_offList = new QLabel(m_compact);
    m_offList->setWordWrap(true);
    compact->addWidget(m_offList);
    layout->addWidget(m_compact);

    auto* filterTitle = new QLabel(tr("Switch off a group of this layer:"), this);
    filterTitle->setWordWrap(true);
    layout->addWidget(filterTitle);
    auto* filterRow = new QHBoxLayout;
    auto* theMost = new QLabel(tr("the"), this);
    m_filterCount = new QSpinBox(this);
    m_filterCount->setAccessibleName(tr("How many experts to switch off"));
    m_filterDomain = new QComboBox(this);
    m_filterDomain->addItem(tr("most math-leaning"));
    m_filterDomain->addItem(tr("most poem-leaning"));
    m_filterDomain->setAccessibleName(tr("Which leaning"));
    filterRow->addWidget(theMost);
    filterRow->addWidget(m_filterCount);
    filterRow->addWidget(m_filterDomain, 1);
    layout->addLayout(filterRow);
    m_filterApply = new QPushButton(tr("Switch them off"), this);
    connect(m_filterApply, &QPushButton::clicked, this, [this] {
        switchOffMostLeaning(currentLayer(), m_filterCount->value(), m_filterDomain->currentIndex() == 0);
    });
    layout->addWidget(m_filterApply);
    m_filterNote = new QLabel(this);
    m_filterNote->setWordWrap(true);
    layout->addWidget(m_filterNote);

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
    m_topK->setRange(1, std::max(1, experts));
    m_topK->setValue(modelTopK);
    m_topKBox->setRange(1, std::max(1, experts));
    m_topKBox->setValue(modelTopK);
    m_layerBox->setRange(1, std::max(1, layers));
    m_expertBox->setRange(1, std::max(1, experts));
    m_filterCount->setRange(1, std::max(1, experts - 1));
    m_filterCount->setValue(std::clamp(modelTopK, 1, std::max(1, experts - 1)));
    m_syncing = false;
    rebuildSwitches();
    const bool compact = m_switches.empty();
    m_compact->setVisible(compact);
    m_switchHost->setVisible(!compact);
    m_switchesTitle->setText(compact
                                 ? tr("Switch experts off: click an expert of the enlarged layer in the grid "
                                      "(or press Enter on it), or pick it here:")
                                 : tr("Switch experts off (or click a cell of the grid):"));
    syncFromOverride();
    m_result->clear();
}

void ExperimentsPanel::showEvent(QShowEvent* event)
{
    refreshLeaningNote(); // Compare may have run since the drawer was last open
    QWidget::showEvent(event);
}

void ExperimentsPanel::setCurrentLayer(int layer)
{
    if (layer >= 0 && layer < m_layers)
        m_layerBox->setValue(layer + 1);
}

int ExperimentsPanel::currentLayer() const
{
    return m_layerBox->value() - 1;
}

void ExperimentsPanel::setLeaningSource(std::function<ExpertLeaning()> source)
{
    m_leaningSource = std::move(source);
    refreshLeaningNote();
}

ExpertLeaning ExperimentsPanel::measuredLeaning() const
{
    ExpertLeaning measured = m_leaningSource ? m_leaningSource() : ExpertLeaning{};
    // Runs of another model (another shape) say nothing about this one.
    bool fits = static_cast<int>(measured.leaning.size()) == m_layers;
    for (const auto& row : measured.leaning)
        fits = fits && static_cast<int>(row.size()) == m_experts;
    if (!fits || measured.mathTokens == 0 || measured.poemTokens == 0)
        return {};
    return measured;
}

void ExperimentsPanel::refreshLeaningNote()
{
    refreshLeaningNote(measuredLeaning());
}

void ExperimentsPanel::refreshLeaningNote(const ExpertLeaning& measured)
{
    m_filterNote->setText(
        measured.leaning.empty()
            ? tr("Run Compare first: the leaning is measured from its math and poem runs.")
            : tr("Leaning measured in the last Compare runs (math %1 tokens, poem %2 tokens).")
                  .arg(measured.mathTokens)
                  .arg(measured.poemTokens));
}

std::vector<int> ExperimentsPanel::switchOffMostLeaning(int layer, int count, bool math)
{
    const ExpertLeaning measured = measuredLeaning(); // compares both runs: once per click
    refreshLeaningNote(measured);
    if (measured.leaning.empty() || layer < 0 || layer >= m_layers || count <= 0)
        return {};
    const std::vector<double>& lean = measured.leaning[static_cast<size_t>(layer)];
    std::vector<int> order(static_cast<size_t>(m_experts));
    std::iota(order.begin(), order.end(), 0);
    const double sign = math ? 1.0 : -1.0; // leaning = math share - poem share
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return sign * lean[static_cast<size_t>(a)] > sign * lean[static_cast<size_t>(b)];
    });
    if (m_override.disabled.empty())
        m_override.disabled.assign(static_cast<size_t>(m_layers),
                                   std::vector<bool>(static_cast<size_t>(m_experts), false));
    std::vector<bool>& row = m_override.disabled[static_cast<size_t>(layer)];
    int on = static_cast<int>(std::count(row.begin(), row.end(), false));
    std::vector<int> switched;
    for (const int e : order) {
        if (static_cast<int>(switched.size()) >= count || on <= 1 ||
            sign * lean[static_cast<size_t>(e)] <= 0.0)
            break; // only experts that did lean this way; one always stays on
        if (row[static_cast<size_t>(e)])
            continue;
        row[static_cast<size_t>(e)] = true;
        --on;
        switched.push_back(e);
    }
    QStringList names;
    for (const int e : switched)
        names << QString::number(e + 1);
    m_filterNote->setText(
        switched.empty()
            ? tr("No expert of layer %1 leaned that way in the last Compare runs.").arg(layer + 1)
            : (math ? tr("Layer %1: switched off expert %2, the most math-leaning in the last Compare runs.",
                         nullptr, static_cast<int>(switched.size()))
                    : tr("Layer %1: switched off expert %2, the most poem-leaning in the last Compare runs.",
                         nullptr, static_cast<int>(switched.size())))
                  .arg(layer + 1)
                  .arg(names.join(QStringLiteral(", "))));
    bool any = false;
    for (const auto& r : m_override.disabled)
        any = any || std::find(r.begin(), r.end(), true) != r.end();
    if (!any)
        m_override.disabled.clear();
    syncFromOverride();
    if (!switched.empty())
        emitChanged();
    return switched;
}

void ExperimentsPanel::rebuildSwitches()
{
    for (auto& row : m_switches)
        for (QCheckBox* box : row)
            delete box;
    m_switches.clear();
    while (QLayoutItem* item = m_switchGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (m_layers * m_experts > kMaxSwitches)
        return; // the compact controls instead
    m_switches.assign(static_cast<size_t>(m_layers), {});
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
    m_topKBox->setValue(k);
    if (k >= m_experts)
        m_topKLabel->setText(tr("Experts per token: <b>all %1</b> (dense: nobody sleeps)").arg(m_experts));
    else
        m_topKLabel->setText(tr("Experts per token: <b>%1</b> of %2%3")
                                 .arg(k)
                                 .arg(m_experts)
                                 .arg(k == m_modelTopK ? tr(" (as trained)") : QString()));
    for (size_t l = 0; l < m_switches.size(); ++l)
        for (size_t e = 0; e < m_switches[l].size(); ++e) {
            const bool off = !m_override.disabled.empty() && m_override.disabled[l][e];
            m_switches[l][e]->setChecked(!off);
        }
    const int layer = currentLayer();
    if (layer >= 0 && layer < m_layers) {
        const int expert = m_expertBox->value() - 1;
        const bool off = !m_override.disabled.empty() &&
                         m_override.disabled[static_cast<size_t>(layer)][static_cast<size_t>(expert)];
        m_toggle->setText(off ? tr("Switch on") : tr("Switch off"));
        QStringList offs;
        for (int e = 0; e < m_experts; ++e)
            if (!m_override.disabled.empty() &&
                m_override.disabled[static_cast<size_t>(layer)][static_cast<size_t>(e)])
                offs << QString::number(e + 1);
        m_offList->setText(offs.isEmpty() ? tr("Every expert of layer %1 is on.").arg(layer + 1)
                                          : tr("Off in layer %1: %2", nullptr, static_cast<int>(offs.size()))
                                                .arg(layer + 1)
                                                .arg(offs.join(QStringLiteral(", "))));
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

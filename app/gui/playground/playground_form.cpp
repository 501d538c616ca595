// The settings form. Every limit comes from the core (PlaygroundSettings::limits), every message
// from its problems(); the form only words them.
#include "playground/playground_form.h"

#include "playground/settings_problems.h"
#include "style/scaled_font.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

using Field = moe::PlaygroundSettings::Field;

} // namespace

PlaygroundForm::PlaygroundForm(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* presetTitle = new QLabel(tr("Preset"), this);
    presetTitle->setFont(scaledFont(font(), 1.1, true));
    layout->addWidget(presetTitle);
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("preset"));
    m_preset->setAccessibleName(tr("Preset"));
    presetTitle->setBuddy(m_preset);
    layout->addWidget(m_preset);
    m_explanation = new QLabel(this);
    m_explanation->setObjectName(QStringLiteral("presetExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_explanation);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    layout->addLayout(form);
    const auto addRow = [&](QAbstractSpinBox* box, Field field) {
        form->addRow(settingName(field), box);
        box->setAccessibleName(settingName(field));
        m_boxes.insert(QString::fromLatin1(moe::PlaygroundSettings::key(field)), box);
        box->setObjectName(QString::fromLatin1(moe::PlaygroundSettings::key(field)));
    };
    const auto integerBox = [&](Field field, const QString& toolTip, int minimum, int maximum = -1) {
        const moe::PlaygroundSettings::Limits limits = moe::PlaygroundSettings::limits(field);
        auto* box = new QSpinBox(this);
        box->setRange(minimum >= 0 ? minimum : static_cast<int>(limits.min),
                      maximum >= 0 ? maximum : static_cast<int>(limits.max));
        box->setToolTip(toolTip);
        addRow(box, field);
        connect(box, &QSpinBox::valueChanged, this, &PlaygroundForm::refresh);
        return box;
    };
    m_layers = integerBox(Field::Layers, tr("Transformer layers; each has its own router and experts."), -1);
    m_dim = integerBox(Field::Dim, tr("How many numbers describe each token inside the model."), -1);
    m_heads = integerBox(Field::Heads, tr("Attention heads; they share the width equally."), -1);
    // From 0, and top-k up to the most experts, so that a learner who tries "no experts" or "more
    // experts per token than there are" reads why not instead of hitting a wall.
    m_experts = integerBox(Field::Experts, tr("Experts in each layer; 1 makes a dense model."), 0);
    m_topK = integerBox(Field::TopK, tr("How many experts the router wakes for each token."), 0,
                        static_cast<int>(moe::PlaygroundSettings::limits(Field::Experts).max));
    m_ffn = integerBox(Field::Ffn, tr("The hidden width of one expert."), -1);
    m_balancing = new QDoubleSpinBox(this);
    const moe::PlaygroundSettings::Limits balancing = moe::PlaygroundSettings::limits(Field::Balancing);
    m_balancing->setRange(balancing.min, balancing.max);
    m_balancing->setDecimals(3);
    m_balancing->setSingleStep(0.005);
    m_balancing->setToolTip(tr("How strongly the load-balancing loss pushes the router to share the work; "
                               "0 switches it off."));
    addRow(m_balancing, Field::Balancing);
    connect(m_balancing, &QDoubleSpinBox::valueChanged, this, &PlaygroundForm::refresh);
    m_mathShare = new QSpinBox(this);
    const moe::PlaygroundSettings::Limits share = moe::PlaygroundSettings::limits(Field::MathShare);
    m_mathShare->setRange(static_cast<int>(std::ceil(share.min * 100)), static_cast<int>(share.max * 100));
    m_mathShare->setSuffix(tr("%", "the suffix of a percentage in a spin box"));
    m_mathShare->setToolTip(tr("The part of the training text that is math; the rest is poems and prose."));
    addRow(m_mathShare, Field::MathShare);
    connect(m_mathShare, &QSpinBox::valueChanged, this, &PlaygroundForm::refresh);
    m_steps = integerBox(Field::Steps, tr("Training steps; each step reads a batch of text windows."), -1);
    m_batch = integerBox(Field::BatchSize, tr("Text windows read in one step."), -1);
    m_threads = integerBox(Field::Threads, tr("CPU threads that train at once."), -1);
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setAccessibleName(tr("Seed"));
    m_seed->setToolTip(tr("The starting weights and the order of the text: the same seed gives the same "
                          "curves."));
    m_boxes.insert(QStringLiteral("seed"), m_seed);
    form->addRow(tr("Seed"), m_seed);
    connect(m_seed, &QSpinBox::valueChanged, this, &PlaygroundForm::refresh);

    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setWordWrap(true);
    m_problems->setAccessibleName(tr("Why these settings cannot be trained"));
    QPalette warning = m_problems->palette();
    warning.setColor(QPalette::WindowText, QColor(0xb0, 0x30, 0x20));
    m_problems->setPalette(warning);
    layout->addWidget(m_problems);

    connect(m_preset, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < m_presets.size())
            applyPreset(m_presets[index].id);
    });
}

void PlaygroundForm::setPresets(const QList<PlaygroundPreset>& presets)
{
    m_presets = presets;
    m_preset->clear();
    for (const PlaygroundPreset& preset : presets)
        m_preset->addItem(preset.title, preset.id);
    if (!presets.isEmpty())
        applyPreset(presets.front().id);
}

bool PlaygroundForm::applyPreset(const QString& presetId)
{
    const int index = m_preset->findData(presetId);
    if (index < 0)
        return false;
    m_preset->setCurrentIndex(index);
    m_explanation->setText(m_presets[index].explanation);
    setSettings(m_presets[index].settings);
    return true;
}

QString PlaygroundForm::presetId() const
{
    return m_preset->currentData().toString();
}

moe::PlaygroundSettings PlaygroundForm::settings() const
{
    const int index = m_preset->currentIndex();
    moe::PlaygroundSettings s =
        index >= 0 && index < m_presets.size() ? m_presets[index].settings : moe::PlaygroundSettings{};
    s.layers = m_layers->value();
    s.dim = m_dim->value();
    s.heads = m_heads->value();
    s.experts = m_experts->value();
    s.topK = m_topK->value();
    s.ffn = m_ffn->value();
    s.balancing = m_balancing->value();
    s.mathShare = m_mathShare->value() / 100.0;
    s.steps = m_steps->value();
    s.batchSize = m_batch->value();
    s.threads = m_threads->value();
    s.seed = static_cast<uint64_t>(m_seed->value());
    return s;
}

void PlaygroundForm::setSettings(const moe::PlaygroundSettings& s)
{
    m_filling = true;
    m_layers->setValue(s.layers);
    m_dim->setValue(s.dim);
    m_heads->setValue(s.heads);
    m_experts->setValue(s.experts);
    m_topK->setValue(s.topK);
    m_ffn->setValue(s.ffn);
    m_balancing->setValue(s.balancing);
    m_mathShare->setValue(static_cast<int>(std::lround(s.mathShare * 100)));
    m_steps->setValue(s.steps);
    m_batch->setValue(s.batchSize);
    m_threads->setValue(s.threads);
    m_seed->setValue(static_cast<int>(std::min<uint64_t>(s.seed, std::numeric_limits<int>::max())));
    m_filling = false;
    refresh();
}

QStringList PlaygroundForm::problems() const
{
    return problemTexts(settings());
}

void PlaygroundForm::setEditable(bool editable)
{
    m_preset->setEnabled(editable);
    for (QAbstractSpinBox* box : std::as_const(m_boxes))
        box->setEnabled(editable);
}

QAbstractSpinBox* PlaygroundForm::box(const QString& key) const
{
    return m_boxes.value(key);
}

void PlaygroundForm::refresh()
{
    if (m_filling)
        return;
    const QStringList texts = problems();
    m_problems->setText(texts.join(QLatin1Char('\n')));
    m_problems->setVisible(!texts.isEmpty());
    emit settingsChanged();
}

#include "playground/expert_share_chart.h"

#include "playground/line_chart.h"
#include "playground/training_record.h"
#include "style/expert_palette.h"

#include <QChart>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

ExpertShareChart::ExpertShareChart(TrainingRecord* record, QWidget* parent)
    : QWidget(parent), m_record(record)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* header = new QHBoxLayout;
    auto* label = new QLabel(tr("Layer"), this);
    m_layerBox = new QComboBox(this);
    m_layerBox->setObjectName(QStringLiteral("shareLayer"));
    m_layerBox->setAccessibleName(tr("Layer shown in the share chart"));
    label->setBuddy(m_layerBox);
    header->addWidget(label);
    header->addWidget(m_layerBox);
    auto* key = new QLabel(tr("solid line: math · dashed line: poems"), this);
    header->addWidget(key, 1);
    layout->addLayout(header);
    m_chart = new LineChart(QStringLiteral("shareChart"), tr("Each expert's share"),
                            tr("share of the layer's work (%)"), this);
    m_chart->chart()->legend()->setAlignment(Qt::AlignRight); // one entry per expert: a column
    m_chart->setYLabelFormat(QStringLiteral("%.0f"));
    layout->addWidget(m_chart, 1);

    connect(m_layerBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index != m_layer) {
            m_layer = index;
            rebuild();
        }
    });
    connect(record, &TrainingRecord::resetDone, this, [this] {
        const QSignalBlocker block(m_layerBox);
        m_layerBox->clear();
        for (int l = 0; l < m_record->settings().layers; ++l)
            m_layerBox->addItem(tr("Layer %1").arg(l + 1));
        m_layer = std::min(m_layer, std::max(0, m_record->settings().layers - 1));
        m_layerBox->setCurrentIndex(m_layer);
        rebuild();
    });
    connect(record, &TrainingRecord::pointAppended, this, &ExpertShareChart::appendPoint);
    rebuild();
}

void ExpertShareChart::setLayer(int layer)
{
    if (layer >= 0 && layer < m_layerBox->count())
        m_layerBox->setCurrentIndex(layer);
}

QLineSeries* ExpertShareChart::series(int expert, bool poem) const
{
    const std::vector<QLineSeries*>& lines = poem ? m_poem : m_math;
    return expert >= 0 && expert < static_cast<int>(lines.size()) ? lines[static_cast<size_t>(expert)]
                                                                  : nullptr;
}

void ExpertShareChart::rebuild()
{
    const moe::PlaygroundSettings& s = m_record->settings();
    m_chart->clear(s.steps);
    m_math.clear();
    m_poem.clear();
    // Both lines of an expert share its colour and its one legend entry.
    for (int e = 0; e < s.experts; ++e) {
        const QColor colour = ExpertPalette::color(e);
        m_math.push_back(m_chart->addLine(tr("E%1").arg(e + 1), colour, Qt::SolidLine));
        m_poem.push_back(m_chart->addLine(QString(), colour, Qt::DashLine));
    }
    m_chart->setMinimumYRange(0, s.experts > 0 ? 100.0 / s.experts * 2 : 100);
    for (int i = 0; i < static_cast<int>(m_record->points().size()); ++i)
        appendPoint(i);
}

void ExpertShareChart::appendPoint(int index)
{
    const moe::PlaygroundPoint& point = m_record->points()[static_cast<size_t>(index)];
    const auto layer = static_cast<size_t>(m_layer);
    if (layer >= point.mathShares.size() || layer >= point.poemShares.size())
        return;
    for (size_t e = 0; e < m_math.size(); ++e) {
        if (e < point.mathShares[layer].size())
            m_math[e]->append(point.step, point.mathShares[layer][e] * 100.0);
        if (e < point.poemShares[layer].size())
            m_poem[e]->append(point.step, point.poemShares[layer][e] * 100.0);
    }
    m_chart->fitY();
}

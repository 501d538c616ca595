#include "playground/training_charts.h"

#include "playground/expert_share_chart.h"
#include "playground/line_chart.h"
#include "playground/training_record.h"
#include "style/expert_palette.h"

#include <QChart>
#include <QGridLayout>
#include <QLineSeries>
#include <QPalette>
#include <QValueAxis>

#include <algorithm>
#include <limits>

namespace {

// Layers' divergence lines: distinct from the expert hues and from the math/poem pair.
QColor layerColour(int layer)
{
    static const QColor kColours[] = {QColor(0x33, 0x33, 0x33), QColor(0x88, 0x22, 0x55),
                                      QColor(0x11, 0x77, 0x33), QColor(0x99, 0x88, 0x33),
                                      QColor(0x66, 0x99, 0xcc), QColor(0xaa, 0x44, 0x99)};
    return kColours[static_cast<size_t>(layer) % std::size(kColours)];
}

} // namespace

TrainingCharts::TrainingCharts(TrainingRecord* record, QWidget* parent) : QWidget(parent), m_record(record)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    m_bits = new LineChart(QStringLiteral("bitsChart"), tr("Text it never saw: bits per byte"),
                           tr("bits per byte (lower is better)"), this);
    m_lossAxis = new QValueAxis(m_bits->chart());
    m_lossAxis->setTitleText(tr("training loss (nats/token)"));
    m_lossAxis->setLabelFormat(QStringLiteral("%.1f"));
    m_bits->chart()->addAxis(m_lossAxis, Qt::AlignRight);
    m_shares = new ExpertShareChart(record, this);
    m_divergence = new LineChart(QStringLiteral("divergenceChart"), tr("Math vs poems: divergence"),
                                 tr("bits (0 = routed the same)"), this);
    m_balance = new LineChart(QStringLiteral("balanceChart"), tr("Least- and most-used expert"),
                              tr("share of a layer's work (%)"), this);
    m_balance->setYLabelFormat(QStringLiteral("%.0f"));
    grid->addWidget(m_bits, 0, 0);
    grid->addWidget(m_divergence, 0, 1);
    grid->addWidget(m_shares, 1, 0);
    grid->addWidget(m_balance, 1, 1);

    connect(record, &TrainingRecord::resetDone, this, &TrainingCharts::rebuild);
    connect(record, &TrainingRecord::stepsAppended, this, &TrainingCharts::appendSteps);
    connect(record, &TrainingRecord::pointAppended, this, &TrainingCharts::appendPoint);
    rebuild();
}

QLineSeries* TrainingCharts::divergenceSeries(int layer) const
{
    return layer >= 0 && layer < static_cast<int>(m_layerDivergence.size())
               ? m_layerDivergence[static_cast<size_t>(layer)]
               : nullptr;
}

void TrainingCharts::rebuild()
{
    const moe::PlaygroundSettings& s = m_record->settings();
    m_bits->clear(s.steps);
    m_mathBits = m_bits->addLine(tr("math"), ExpertPalette::mathColor());
    m_poemBits = m_bits->addLine(tr("poems"), ExpertPalette::poemColor());
    // The noisy per-step loss stays in the background: a pale line (opaque, as thousands of
    // overlapping translucent segments add up to a dark band).
    const QColor lossColour = palette().color(QPalette::Mid);
    m_loss = m_bits->addLine(tr("training loss"), lossColour, Qt::SolidLine, 1.0);
    m_loss->detachAxis(m_bits->yAxis());
    m_loss->attachAxis(m_lossAxis);
    m_lossLow = std::numeric_limits<double>::max();
    m_lossHigh = std::numeric_limits<double>::lowest();
    m_lossAxis->setRange(0, 1);
    m_bits->setMinimumYRange(2, 3);

    m_divergence->clear(s.steps);
    m_layerDivergence.clear();
    for (int l = 0; l < s.layers; ++l)
        m_layerDivergence.push_back(m_divergence->addLine(tr("layer %1").arg(l + 1), layerColour(l)));
    m_divergence->setMinimumYRange(0, 0.3);

    m_balance->clear(s.steps);
    m_most = m_balance->addLine(tr("most used"), QColor(0xcc, 0x55, 0x00));
    m_least = m_balance->addLine(tr("least used"), QColor(0x00, 0x72, 0xb2));
    m_even = m_balance->addLine(tr("even (1/%1)").arg(s.experts), palette().color(QPalette::Mid),
                                Qt::DashLine, 1.5);
    if (s.experts > 0) {
        const double even = 100.0 / s.experts;
        m_even->append(0, even);
        m_even->append(s.steps, even);
        m_balance->setMinimumYRange(0, even * 2);
    }

    appendSteps(0);
    for (int i = 0; i < static_cast<int>(m_record->points().size()); ++i)
        appendPoint(i);
}

void TrainingCharts::appendSteps(int first)
{
    const std::vector<moe::StepStats>& steps = m_record->steps();
    if (first >= static_cast<int>(steps.size()))
        return;
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(steps.size()) - first);
    for (size_t i = static_cast<size_t>(first); i < steps.size(); ++i) {
        points.append(QPointF(steps[i].step, steps[i].loss));
        m_lossLow = std::min(m_lossLow, static_cast<double>(steps[i].loss));
        m_lossHigh = std::max(m_lossHigh, static_cast<double>(steps[i].loss));
    }
    m_loss->append(points);
    fitLossAxis();
    ++m_refreshes;
}

void TrainingCharts::fitLossAxis()
{
    if (m_lossHigh < m_lossLow)
        return;
    const double headroom = std::max(0.05, (m_lossHigh - m_lossLow) * 0.05);
    m_lossAxis->setRange(std::max(0.0, m_lossLow - headroom), m_lossHigh + headroom);
    m_lossAxis->applyNiceNumbers();
}

void TrainingCharts::appendPoint(int index)
{
    const moe::PlaygroundPoint& point = m_record->points()[static_cast<size_t>(index)];
    m_mathBits->append(point.step, point.mathBitsPerByte);
    m_poemBits->append(point.step, point.poemBitsPerByte);
    m_bits->fitY();
    for (size_t l = 0; l < m_layerDivergence.size() && l < point.jsBits.size(); ++l)
        m_layerDivergence[l]->append(point.step, point.jsBits[l]);
    m_divergence->fitY();
    // Over all layers: the expert with the least work anywhere, and the one with the most.
    if (!point.leastUsed.empty() && !point.mostUsed.empty()) {
        const auto byShare = [](const moe::ExpertShare& a, const moe::ExpertShare& b) {
            return a.share < b.share;
        };
        const moe::ExpertShare least =
            *std::min_element(point.leastUsed.begin(), point.leastUsed.end(), byShare);
        const moe::ExpertShare most =
            *std::max_element(point.mostUsed.begin(), point.mostUsed.end(), byShare);
        m_least->append(point.step, least.share * 100.0);
        m_most->append(point.step, most.share * 100.0);
    }
    m_balance->fitY();
    ++m_refreshes;
}

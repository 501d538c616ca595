// Compare mode's screen: the answer first (caption), then the two texts, the usage chart for one
// layer, the difference map and the per-layer summary.
#include "compare/compare_view.h"

#include "compare/layer_divergence_view.h"
#include "compare/usage_heat_map.h"
#include "run/trace_model.h"
#include "style/chart_style.h"
#include "style/expert_palette.h"
#include "style/number_format.h"
#include "style/scaled_font.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFrame>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <span>
#include <stdexcept>

namespace {

// Long generations are cut here: the panel shows what was read, not a document.
constexpr int kMaxShownCharacters = 220;

QString badgeHtml(const QString& text, const QColor& colour)
{
    return QStringLiteral("<span style=\"background-color:%1; color:%2;\">&nbsp;%3&nbsp;</span>")
        .arg(colour.name(), ExpertPalette::textOn(colour).name(), text.toHtmlEscaped());
}

// Visible text for a run of bytes, decoded as a whole (a token may hold part of a character);
// newlines as a pilcrow so the panel stays one paragraph.
QString shownText(const std::string& bytes)
{
    QString s = QString::fromUtf8(bytes.data(), static_cast<qsizetype>(bytes.size()));
    s.replace(QLatin1Char('\n'), QStringLiteral(" \u00b6 "));
    return s;
}

// The tokens a trace holds, read in place; none for a missing trace.
std::span<const moe::GeneratedToken> tokensOf(const TraceModel* trace)
{
    return trace ? std::span<const moe::GeneratedToken>(trace->tokens())
                 : std::span<const moe::GeneratedToken>();
}

} // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Compare math and poem"));
    auto* layout = new QVBoxLayout(this);
    const int gap = fontMetrics().height() / 2;
    layout->setSpacing(gap);

    auto* question = new QLabel(tr("Do math and poems wake different experts?"), this);
    question->setFont(scaledFont(font(), 1.15, true));
    question->setAccessibleName(tr("Question"));
    layout->addWidget(question);

    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("caption"));
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setFont(scaledFont(font(), 1.6));
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setAccessibleName(tr("Answer"));
    m_caption->setMinimumHeight(m_caption->fontMetrics().height() * 3);
    m_caption->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_caption);

    m_leaning = new QLabel(this);
    m_leaning->setObjectName(QStringLiteral("leaningExperts"));
    m_leaning->setWordWrap(true);
    m_leaning->setTextFormat(Qt::PlainText);
    m_leaning->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_leaning->setAccessibleName(tr("Leaning experts of the chosen layer"));
    auto* texts = new QHBoxLayout;
    texts->setSpacing(gap);
    texts->addWidget(makeTextPanel(m_mathBadge, m_mathText), 1);
    texts->addWidget(makeTextPanel(m_poemBadge, m_poemText), 1);
    m_mathText->setAccessibleName(tr("Math text"));
    m_poemText->setAccessibleName(tr("Poem text"));
    layout->addLayout(texts);
    layout->addWidget(m_leaning);

    // Left: the usage chart for one layer; right: the difference map and the per-layer summary.
    auto* body = new QHBoxLayout;
    body->setSpacing(gap * 2);
    auto* left = new QVBoxLayout;
    auto* chartHeader = new QHBoxLayout;
    auto* chartTitle = new QLabel(tr("Each expert's share of the work in"), this);
    chartTitle->setFont(scaledFont(font(), 1.1, true));
    m_layer = new QComboBox(this);
    m_layer->setFont(scaledFont(font(), 1.1, true));
    m_layer->setToolTip(tr("Which layer the bars show (the chart starts where the texts differ most)"));
    m_layer->setAccessibleName(tr("Layer shown in the chart"));
    chartTitle->setBuddy(m_layer);
    chartHeader->addWidget(chartTitle);
    chartHeader->addWidget(m_layer);
    chartHeader->addStretch(1);
    m_countPrompt = new QCheckBox(tr("Count the prompt too"), this);
    m_countPrompt->setChecked(true);
    m_countPrompt->setToolTip(
        tr("On: every token counts, the ones read from the prompt and the ones the model "
           "wrote. Off: only the tokens the model wrote itself."));
    m_countPrompt->setAccessibleName(tr("Count the prompt tokens too"));
    chartHeader->addWidget(m_countPrompt);
    left->addLayout(chartHeader);

    m_chartView = newChartView(this, QStringLiteral("usageChart"));
    m_chart = m_chartView->chart();
    m_chartView->setAccessibleName(tr("Usage per expert, math and poem"));
    m_chartView->setToolTip(tr("Indigo bars: math. Brown bars: the poem. The dashed line is an even share: "
                               "what every expert would get if the router spread the work equally."));
    m_chartView->setMinimumHeight(fontMetrics().height() * 12);
    left->addWidget(m_chartView, 1);
    body->addLayout(left, 11);

    // The right column scrolls when a real model's layers make it taller than the window.
    auto* rightScroll = new QScrollArea(this);
    rightScroll->setFrameShape(QFrame::NoFrame);
    rightScroll->setWidgetResizable(true);
    rightScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* rightPanel = new QWidget(rightScroll);
    rightScroll->setWidget(rightPanel);
    auto* right = new QVBoxLayout(rightPanel);
    right->setContentsMargins(0, 0, 0, 0);
    auto* mapTitle = new QLabel(tr("Difference map: which text each expert worked for more"), this);
    mapTitle->setFont(scaledFont(font(), 1.1, true));
    mapTitle->setWordWrap(true);
    right->addWidget(mapTitle);
    // Only a real model's many experts need sorting; eight read at a glance (and keep today's look).
    m_sortByDifference = new QCheckBox(tr("Sort by difference"), this);
    m_sortByDifference->setToolTip(tr("Orders each row's experts by how differently the two texts used them, "
                                      "the biggest difference first."));
    m_sortByDifference->setVisible(false);
    right->addWidget(m_sortByDifference, 0, Qt::AlignRight);
    m_heatMap = new UsageHeatMap(this);
    right->addWidget(m_heatMap);
    right->addSpacing(gap);
    auto* divergenceTitle = new QLabel(tr("Difference per layer"), this);
    divergenceTitle->setFont(scaledFont(font(), 1.1, true));
    right->addWidget(divergenceTitle);
    m_divergence = new LayerDivergenceView(this);
    right->addWidget(m_divergence);
    right->addStretch(1);
    body->addWidget(rightScroll, 9);
    m_rightScroll = rightScroll;
    layout->addLayout(body, 1);

    connect(m_sortByDifference, &QCheckBox::toggled, m_heatMap, &UsageHeatMap::setSortedByDifference);
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this](int index) {
        rebuildChart();
        showLeaning();
        m_heatMap->setSelectedLayer(index);
        m_divergence->setSelectedLayer(index);
        if (index >= 0)
            emit layerChanged(index);
    });
    connect(m_heatMap, &UsageHeatMap::layerClicked, this, &CompareView::selectLayer);
    connect(m_countPrompt, &QCheckBox::toggled, this, [this] {
        if (!m_comparing)
            return;
        const int layer = selectedLayer();
        countAndShow();
        selectLayer(layer); // stay on the layer the learner was looking at
    });
    connect(m_divergence, &LayerDivergenceView::layerClicked, this, &CompareView::selectLayer);

    applyChartPalette();
    clear();
}

QWidget* CompareView::makeTextPanel(QLabel*& badge, QLabel*& text)
{
    auto* frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setBackgroundRole(QPalette::Base);
    frame->setAutoFillBackground(true);
    auto* box = new QVBoxLayout(frame);
    badge = new QLabel(frame);
    badge->setFont(scaledFont(font(), 1.1, true));
    badge->setTextFormat(Qt::RichText);
    text = new QLabel(frame);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setFont(scaledFont(font(), 1.15));
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    text->setMinimumHeight(text->fontMetrics().height() * 2);
    box->addWidget(badge);
    box->addWidget(text, 1);
    return frame;
}

void CompareView::showRunText(QLabel* text, const TraceModel* trace) const
{
    const std::span<const moe::GeneratedToken> tokens = tokensOf(trace);
    std::string readBytes, writtenBytes;
    int readTokens = 0, writtenTokens = 0;
    for (const moe::GeneratedToken& token : tokens) {
        (token.prompt ? readBytes : writtenBytes) += token.bytes;
        ++(token.prompt ? readTokens : writtenTokens);
    }
    QString read = shownText(readBytes), written = shownText(writtenBytes);
    if (read.size() + written.size() > kMaxShownCharacters) {
        const qsizetype room = std::max<qsizetype>(kMaxShownCharacters - read.size(), 0);
        written = written.left(room) + QStringLiteral("\u2026");
        read = read.left(kMaxShownCharacters);
    }
    if (tokens.empty()) {
        text->setText(QStringLiteral("<i>%1</i>").arg(tr("not run yet").toHtmlEscaped()));
        return;
    }
    // The prompt in bold, the model's continuation plain: what it read vs what it wrote.
    text->setText(
        QStringLiteral("<b>%1</b>%2<br><small>%3</small>")
            .arg(read.toHtmlEscaped(), written.toHtmlEscaped(),
                 tr("%1 tokens read (bold), %2 written").arg(readTokens).arg(writtenTokens).toHtmlEscaped()));
}

void CompareView::setTraces(const TraceModel* math, const TraceModel* poem)
{
    for (const TraceModel* old : {m_mathTrace.get(), m_poemTrace.get()})
        if (old)
            disconnect(old, nullptr, this, nullptr);
    m_mathTrace = math;
    m_poemTrace = poem;
    m_comparing = false;
    // A trace that changes no longer holds the runs on screen: the prompt switch waits for the next
    // showComparison() instead of counting a run half made.
    const auto stale = [this] { m_comparing = false; };
    for (const TraceModel* trace : {math, poem}) {
        if (!trace)
            continue;
        connect(trace, &QAbstractItemModel::modelReset, this, stale);
        connect(trace, &TraceModel::tokenAppended, this, stale);
    }
}

void CompareView::showComparison(const QString& mathLabel, const QString& poemLabel)
{
    m_mathLabel = mathLabel;
    m_poemLabel = poemLabel;
    m_comparing = true;
    countAndShow();
}

void CompareView::countAndShow()
{
    try {
        m_stats = compareRuns(tokensOf(m_mathTrace), tokensOf(m_poemTrace),
                              m_countPrompt->isChecked() ? CountedTokens::PromptAndGenerated
                                                         : CountedTokens::GeneratedOnly);
    } catch (const std::invalid_argument& e) {
        clear();
        showCaption(tr("These two runs cannot be compared. They come from models of different shapes (%1).")
                        .arg(QString::fromUtf8(e.what())));
        return;
    }
    m_mathBadge->setText(badgeHtml(tr("MATH"), ExpertPalette::mathColor()) + QLatin1Char(' ') +
                         m_mathLabel.toHtmlEscaped());
    m_poemBadge->setText(badgeHtml(tr("POEM"), ExpertPalette::poemColor()) + QLatin1Char(' ') +
                         m_poemLabel.toHtmlEscaped());
    showRunText(m_mathText, m_mathTrace);
    showRunText(m_poemText, m_poemTrace);
    m_stats.sharedExperts = m_sharedExperts;
    showCaption(compareCaption(m_stats));
    m_heatMap->setStats(m_stats);
    m_divergence->setStats(m_stats);
    m_sortByDifference->setVisible(m_stats.experts() > 16);
    fitRightColumn();

    const QSignalBlocker block(m_layer);
    m_layer->clear();
    for (int l = 0; l < m_stats.layers(); ++l)
        m_layer->addItem(tr("layer %1").arg(l + 1));
    m_layer->setEnabled(m_stats.layers() > 0);
    const int start = m_stats.isEmpty() ? 0 : std::max(m_stats.mostDifferentLayer(), 0);
    m_layer->setCurrentIndex(m_stats.layers() > 0 ? start : -1);
    m_heatMap->setSelectedLayer(m_layer->currentIndex());
    m_divergence->setSelectedLayer(m_layer->currentIndex());
    rebuildChart();
    showLeaning();
    if (m_layer->currentIndex() >= 0)
        emit layerChanged(m_layer->currentIndex());
}

void CompareView::fitRightColumn()
{
    // The column scrolls up and down only: never narrower than what it holds, as before it scrolled.
    QWidget* panel = m_rightScroll->widget();
    panel->adjustSize();
    m_rightScroll->setMinimumWidth(panel->minimumSizeHint().width() +
                                   m_rightScroll->verticalScrollBar()->sizeHint().width());
}

void CompareView::setSharedExperts(int count)
{
    m_sharedExperts = std::max(0, count);
}

QString CompareView::leaningText() const
{
    return m_leaning->text();
}

void CompareView::showLeaning()
{
    const int layer = m_layer->currentIndex();
    // Up to 16 experts the per-layer table below names the leaning ones; a real model needs the list.
    const QString note = compareFootnote(m_stats);
    m_leaning->setVisible(m_stats.experts() > 16 || !note.isEmpty());
    if (m_stats.isEmpty() || layer < 0) {
        m_leaning->clear();
        return;
    }
    if (m_stats.isDense(layer)) {
        m_leaning->setText(
            tr("Layer %1 is dense: it has no router, so no expert can lean either way.").arg(layer + 1));
        return;
    }
    // Five a side at most: the map shows the rest, the tooltip names any cell.
    const auto names = [&](Side side) {
        QStringList parts;
        for (const LeaningExpert& e : leaningExperts(m_stats, layer, side, 5))
            parts << tr("E%1 (math %2, poem %3)")
                         .arg(QString::number(e.expert + 1), percentText(e.mathShare, 0),
                              percentText(e.poemShare, 0));
        return parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(", "));
    };
    const QString leaning = tr("Layer %1 leans to math: %2. To the poem: %3.")
                                .arg(QString::number(layer + 1), names(Side::Math), names(Side::Poem));
    m_leaning->setText(note.isEmpty() ? leaning : leaning + QLatin1Char(' ') + note);
}

void CompareView::clear()
{
    m_comparing = false;
    m_stats = CompareStats{};
    showCaption(compareCaption(m_stats));
    m_mathBadge->setText(badgeHtml(tr("MATH"), ExpertPalette::mathColor()));
    m_poemBadge->setText(badgeHtml(tr("POEM"), ExpertPalette::poemColor()));
    showRunText(m_mathText, nullptr);
    showRunText(m_poemText, nullptr);
    {
        const QSignalBlocker block(m_layer);
        m_layer->clear();
        m_layer->setEnabled(false);
    }
    m_heatMap->clear();
    m_divergence->clear();
    m_sortByDifference->setVisible(false);
    rebuildChart();
    showLeaning();
    fitRightColumn();
}

QString CompareView::caption() const
{
    return m_captionText;
}

void CompareView::showCaption(const QString& caption)
{
    // The first sentence is the short answer; bold makes it the first thing read.
    m_captionText = caption;
    const qsizetype end = caption.indexOf(QLatin1String(". "));
    if (end < 0) {
        m_caption->setText(caption.toHtmlEscaped());
        return;
    }
    m_caption->setText(QStringLiteral("<b>%1</b>%2")
                           .arg(caption.left(end + 1).toHtmlEscaped(), caption.mid(end + 1).toHtmlEscaped()));
}

int CompareView::selectedLayer() const
{
    return m_layer->currentIndex();
}

void CompareView::selectLayer(int layer)
{
    if (layer >= 0 && layer < m_layer->count())
        m_layer->setCurrentIndex(layer);
}

void CompareView::rebuildChart()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    const int layer = m_layer->currentIndex();
    if (m_stats.isEmpty() || layer < 0 || layer >= m_stats.layers()) {
        m_chart->setTitle(tr("The bars appear when both texts have run."));
        return;
    }
    const auto l = static_cast<size_t>(layer);
    const int experts = m_stats.experts();
    m_chartExperts.clear();
    if (m_stats.isDense(layer)) {
        m_chart->setTitle(tr("Layer %1 is dense: no router, so no bars").arg(layer + 1));
        return;
    }
    // A real model's 64-256 experts would be hair-thin bars: the chart shows the experts where the
    // two texts differ most, in that order, and says how many it left out.
    if (experts <= kChartExperts) {
        for (int e = 0; e < experts; ++e)
            m_chartExperts.push_back(e);
    } else {
        const std::vector<int> order = expertsByDifference(m_stats, layer);
        m_chartExperts.assign(order.begin(), order.begin() + kChartExperts);
    }

    auto* math = new QBarSet(tr("Math"));
    auto* poem = new QBarSet(tr("Poem"));
    QStringList categories;
    double top = 0;
    for (const int e : m_chartExperts) {
        const auto ei = static_cast<size_t>(e);
        *math << m_stats.mathShares[l][ei] * 100.0;
        *poem << m_stats.poemShares[l][ei] * 100.0;
        top = std::max({top, m_stats.mathShares[l][ei], m_stats.poemShares[l][ei]});
        categories << tr("E%1").arg(e + 1);
    }
    math->setColor(ExpertPalette::mathColor());
    poem->setColor(ExpertPalette::poemColor());
    math->setBorderColor(ExpertPalette::mathColor());
    poem->setBorderColor(ExpertPalette::poemColor());

    auto* bars = new QBarSeries;
    bars->append(math);
    bars->append(poem);
    bars->setBarWidth(0.8);
    // At scale the leaning experts' numbers are written out above; labels would crowd the short bars.
    bars->setLabelsVisible(experts <= kChartExperts);
    bars->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    bars->setLabelsFormat(QStringLiteral("@value%"));
    bars->setLabelsPrecision(2);
    m_chart->addSeries(bars);

    // The even share: 1/E of the layer's slots each, what a perfectly balanced router would give.
    const double even = 100.0 / experts;
    auto* evenLine = new QLineSeries;
    evenLine->setName(tr("even share (%1%)").arg(QLocale().toString(even, 'f', 1)));
    evenLine->append(-0.5, even);
    evenLine->append(static_cast<double>(m_chartExperts.size()) - 0.5, even);
    m_chart->addSeries(evenLine);

    auto* x = new QBarCategoryAxis;
    x->append(categories);
    m_chart->addAxis(x, Qt::AlignBottom);
    bars->attachAxis(x);
    evenLine->attachAxis(x);
    auto* y = new QValueAxis;
    // Room above the tallest bar for its label; steps of 10 points read at a glance.
    const double yMax = std::max(20.0, std::ceil((top * 100.0 + 6.0) / 10.0) * 10.0);
    y->setRange(0, yMax);
    y->setTickCount(static_cast<int>(yMax / 10.0) + 1);
    y->setLabelFormat(QStringLiteral("%.0f%%"));
    y->setTitleText(tr("share of the layer's expert work"));
    m_chart->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(y);
    evenLine->attachAxis(y);
    if (static_cast<int>(m_chartExperts.size()) < experts)
        m_chart->setTitle(tr("Layer %1: the %2 experts with the biggest difference (of %3)")
                              .arg(layer + 1)
                              .arg(m_chartExperts.size())
                              .arg(experts));
    else
        m_chart->setTitle(tr("Layer %1").arg(layer + 1));
    applyChartPalette();
}

void CompareView::applyChartPalette()
{
    if (!m_chart)
        return;
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    applyPaletteToChart(m_chartView, pal, font());
    m_chart->setBackgroundRoundness(4);
    m_chart->setTitleBrush(text);
    m_chart->setTitleFont(scaledFont(font(), 1.1, true));
    m_chart->legend()->setFont(scaledFont(font(), 1.1));
    // Expert names on the category axis stand out; three-digit ones a little smaller, so none is elided.
    const bool wide = m_stats.experts() > 99;
    for (QAbstractAxis* axis : m_chart->axes())
        axis->setLabelsFont(scaledFont(font(),
                                       axis->orientation() == Qt::Horizontal ? (wide ? 0.95 : 1.15) : 1.0,
                                       axis->orientation() == Qt::Horizontal));
    for (QAbstractSeries* series : m_chart->series()) {
        if (auto* bars = qobject_cast<QBarSeries*>(series)) {
            for (QBarSet* set : bars->barSets()) {
                set->setLabelColor(text);
                set->setLabelFont(font());
            }
        } else if (auto* line = qobject_cast<QLineSeries*>(series)) {
            QPen pen(text, 2, Qt::DashLine);
            line->setPen(pen);
        }
    }
}

void CompareView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyChartPalette();
}

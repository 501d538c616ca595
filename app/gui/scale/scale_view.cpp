// The scale calculator's screen: headline for the selected model, log-scale chart and table of
// total vs active parameters, and the build-your-own calculator with its formula.
#include "scale/scale_view.h"

#include "moe/analysis.h"
#include "style/chart_style.h"
#include "style/number_format.h"
#include "style/scaled_font.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabBar>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

QString ratioText(double ratio)
{
    return QLocale().toString(ratio, 'f', ratio < 10.0 ? 1 : 0) + QStringLiteral("\u00d7");
}

// Log-scale positions for the chart: QtCharts' log axis prints "1e+09", so the bars carry log10 of
// the count on a category axis whose labels say "1B".
double logOf(double parameters)
{
    return std::log10(std::max(parameters, 1.0));
}

// What the calculator needs from a published model: one expert's size over all layers and the
// shared rest, from total = shared + E * p and active = shared + k * p.
std::optional<std::pair<double, double>> expertAndShared(const ScaleModel& m)
{
    if (!m.activeParameters || !m.experts || !m.usedPerToken || *m.experts <= *m.usedPerToken)
        return std::nullopt;
    const double perExpert = (m.totalParameters - *m.activeParameters) / (*m.experts - *m.usedPerToken);
    const double shared = *m.activeParameters - *m.usedPerToken * perExpert;
    if (perExpert < 0 || shared < 0)
        return std::nullopt;
    return std::make_pair(perExpert, shared);
}

// The page's language for the data's notes ("de" from QLocale's "de_DE"), as the app set it.
QString pageLanguage()
{
    return QLocale().name().section(QLatin1Char('_'), 0, 0);
}

// A published figure as its source writes it ("1.04T", "116.8B", where compactNumber would round to
// "1T" and "117B"); a count that is not such a short figure (this app's 3,712,345) as compactNumber.
QString publishedNumber(double parameters)
{
    static const std::pair<double, const char*> kUnits[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}};
    for (const auto& [size, suffix] : kUnits) {
        const double inUnit = parameters / size;
        if (inUnit < 1.0)
            continue;
        if (std::abs(inUnit * 1000.0 - std::round(inUnit * 1000.0)) > 1e-6)
            break;
        QString number = QLocale().toString(inUnit, 'f', 3);
        const QString point = QLocale().decimalPoint();
        while (number.endsWith(QLatin1Char('0')))
            number.chop(1);
        if (number.endsWith(point))
            number.chop(point.size());
        return number + QCoreApplication::translate("NumberFormat", suffix);
    }
    return compactNumber(parameters);
}

// "~42B" in cells and chart labels for the source's own rounded figures.
QString cellNumber(double parameters, bool approximate)
{
    return (approximate ? QStringLiteral("~") : QString()) + publishedNumber(parameters);
}

} // namespace

ScaleView::ScaleView(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Scale calculator"));
    auto* layout = new QVBoxLayout(this);
    m_pageLayout = layout;
    const int gap = fontMetrics().height() / 2;
    layout->setSpacing(gap);

    auto* question = new QLabel(
        tr("How big are real mixture-of-experts models, and how much of them works per token?"), this);
    question->setFont(scaledFont(font(), 1.15, true));
    question->setWordWrap(true);
    layout->addWidget(question);

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("headline"));
    m_headline->setFont(scaledFont(font(), 1.7, true));
    m_headline->setWordWrap(true);
    m_headline->setAccessibleName(tr("Headline"));
    layout->addWidget(m_headline);
    m_dense = new QLabel(this);
    m_dense->setFont(scaledFont(font(), 1.3));
    m_dense->setWordWrap(true);
    m_dense->setAccessibleName(tr("Dense comparison"));
    layout->addWidget(m_dense);

    // Chart and table side by side; on a narrow window one at a time, chosen with the tabs.
    m_bodyTabs = new QTabBar(this);
    m_bodyTabs->addTab(tr("Chart"));
    m_bodyTabs->addTab(tr("Table"));
    m_bodyTabs->addTab(tr("Calculator"));
    m_bodyTabs->setToolTip(
        tr("The window is small: show the chart, the table, the calculator or the closed models"));
    m_bodyTabs->setAccessibleName(tr("Chart, table, calculator or closed models"));
    m_bodyTabs->addTab(tr("Closed models"));
    m_bodyTabs->hide();
    // With close to thirty models: the classics, the newest, or all of them (the chart scrolls).
    m_eraBox = new QComboBox(this);
    m_eraBox->setObjectName(QStringLiteral("era"));
    m_eraBox->addItem(tr("All models"), static_cast<int>(Era::All));
    m_eraBox->addItem(tr("Up to 2024"), static_cast<int>(Era::UpTo2024));
    m_eraBox->addItem(tr("2025 and later"), static_cast<int>(Era::From2025));
    m_eraBox->setToolTip(tr("Which models the chart and the table show"));
    auto* eraLabel = new QLabel(tr("Show:"), this);
    eraLabel->setBuddy(m_eraBox);
    m_eraBox->setAccessibleName(tr("Show models"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_bodyTabs, 1);
    bar->addStretch(0);
    bar->addWidget(eraLabel);
    bar->addWidget(m_eraBox);
    layout->addLayout(bar);
    auto* body = new QHBoxLayout;
    m_bodyLayout = body;
    body->setSpacing(gap * 2);
    m_chartView = newChartView(this, QStringLiteral("scaleChart"));
    m_chart = m_chartView->chart();
    m_chartView->setAccessibleName(tr("Total and active parameters per model, log scale"));
    m_chartView->setToolTip(tr("Grey: all the weights in memory. Coloured: the weights one token uses. "
                               "Each step on the axis is ten times more."));
    // The chart grows with the number of models shown and scrolls inside its area.
    m_chartScroll = new QScrollArea(this);
    m_chartScroll->setObjectName(QStringLiteral("scaleChartScroll"));
    m_chartScroll->setWidget(m_chartView);
    m_chartScroll->setWidgetResizable(true);
    m_chartScroll->setFrameShape(QFrame::NoFrame);
    m_chartScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_chartScroll->setMinimumHeight(fontMetrics().height() * 14);
    body->addWidget(m_chartScroll, 2);

    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("scaleTable"));
    m_table->setAccessibleName(tr("Models: total and active parameters"));
    m_table->setTabKeyNavigation(false); // Tab moves on to the calculator; arrows move within the table
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setFont(scaledFont(font(), 1.15));
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() * 2);
    m_table->horizontalHeader()->setFont(scaledFont(font(), 1.0, true));
    m_table->setToolTip(tr("Click a model to read its numbers above and load it into the calculator"));
    body->addWidget(m_table, 3);
    layout->addLayout(body, 1);

    m_calculator = makeCalculator();
    layout->addWidget(m_calculator);

    m_closedBox = new QGroupBox(tr("Closed models: a mixture of experts or not?"), this);
    m_closedBox->setObjectName(QStringLiteral("closedModels"));
    m_closedLabel = new QLabel(m_closedBox);
    m_closedLabel->setWordWrap(true);
    m_closedLabel->setTextFormat(Qt::RichText);
    m_closedLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_closedLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_closedLabel->setAccessibleName(tr("Closed models"));
    auto* closedLayout = new QVBoxLayout(m_closedBox);
    closedLayout->addWidget(m_closedLabel);
    layout->addWidget(m_closedBox);

    m_notesLabel = new QLabel(this);
    m_notesLabel->setWordWrap(true);
    m_notesLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_notesLabel);

    connect(m_bodyTabs, &QTabBar::currentChanged, this, [this] { updateCompactLayout(); });
    connect(m_eraBox, &QComboBox::currentIndexChanged, this,
            [this] { setEra(static_cast<Era>(m_eraBox->currentData().toInt())); });
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && row != m_selected)
            selectModel(row);
    });

    QStringList errors;
    const QString path = QStringLiteral(":/scale/models.json");
    const QString language = pageLanguage();
    m_registry = loadSourceRegistry(QStringLiteral(":/sources/sources.json"), &errors);
    const QList<ScaleModel> models = loadScaleModels(path, &errors, language);
    m_closed = loadClosedModels(path, &errors, language);
    // A source id the registry does not know is a data problem the page shows.
    for (const ScaleModel& m : models)
        for (const QString& id : m.sources)
            if (!m_registry.source(id))
                errors << tr("%1: unknown source \"%2\"").arg(m.name, id);
    m_loadErrors = errors;
    setModels(models, loadScaleNotes(path, language));
}

QWidget* ScaleView::makeCalculator()
{
    auto* group = new QGroupBox(tr("Build your own mixture of experts"), this);
    group->setFont(scaledFont(font(), 1.1, true));
    auto* grid = new QGridLayout(group);
    // Set explicitly, or the labels would inherit the group box's bold title font.
    const QFont plain = scaledFont(font(), 1.15, false);

    m_experts = new QSpinBox(group);
    m_experts->setRange(1, 4096);
    m_experts->setToolTip(tr("How many experts each MoE layer has"));
    m_used = new QSpinBox(group);
    m_used->setRange(1, 4096);
    m_used->setToolTip(tr("How many of them the router wakes for each token (top-k)"));
    m_perExpert = new QDoubleSpinBox(group);
    m_perExpert->setRange(0, 1e6);
    m_perExpert->setDecimals(3);
    m_perExpert->setToolTip(tr("The weights of one expert, added up over all layers"));
    m_shared = new QDoubleSpinBox(group);
    m_shared->setRange(0, 1e6);
    m_shared->setDecimals(3);
    m_shared->setToolTip(
        tr("Weights every token uses: attention, embeddings, norms, routers, shared experts"));
    m_unit = new QComboBox(group);
    m_unit->setObjectName(QStringLiteral("unit"));
    m_unit->addItem(tr("thousands (K)"), 1e3);
    m_unit->addItem(tr("millions (M)"), 1e6);
    m_unit->addItem(tr("billions (B)"), 1e9);
    m_unit->setToolTip(tr("The unit of the two sizes"));
    m_shownUnit = sizeUnit();

    auto* form = new QFormLayout;
    const auto addRow = [&](const QString& label, QWidget* field) {
        field->setFont(plain);
        field->setAccessibleName(label);
        auto* l = new QLabel(label, group);
        l->setFont(plain);
        l->setBuddy(field);
        form->addRow(l, field);
    };
    addRow(tr("Experts per layer"), m_experts);
    addRow(tr("Experts used per token"), m_used);
    addRow(tr("Parameters per expert"), m_perExpert);
    addRow(tr("Shared parameters"), m_shared);
    addRow(tr("Sizes in"), m_unit);
    grid->addLayout(form, 0, 0, 2, 1);

    const auto result = [&](int column, const QString& title, QLabel*& value) {
        auto* box = new QVBoxLayout;
        value = new QLabel(group);
        value->setFont(scaledFont(plain, 2.2, true));
        value->setAlignment(Qt::AlignCenter);
        value->setAccessibleName(title);
        auto* caption = new QLabel(title, group);
        caption->setFont(plain);
        caption->setAlignment(Qt::AlignCenter);
        caption->setWordWrap(true);
        box->addWidget(value);
        box->addWidget(caption);
        grid->addLayout(box, 0, column);
    };
    result(1, tr("total: all weights in memory"), m_total);
    result(2, tr("active: weights one token uses"), m_active);
    result(3, tr("of the weights work per token"), m_fraction);
    result(4, tr("the compute of a dense model of the same total size"), m_denseRatio);

    m_formula = new QLabel(group);
    m_formula->setFont(scaledFont(plain, 1.05));
    m_formula->setWordWrap(true);
    m_formula->setTextFormat(Qt::RichText);
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formula->setAccessibleName(tr("Formula"));
    grid->addWidget(m_formula, 1, 1, 1, 4);
    m_calculatorSource = new QLabel(group);
    m_calculatorSource->setFont(plain);
    m_calculatorSource->setWordWrap(true);
    m_calculatorSource->setForegroundRole(QPalette::PlaceholderText);
    grid->addWidget(m_calculatorSource, 2, 0, 1, 5);
    for (int c = 1; c <= 4; ++c)
        grid->setColumnStretch(c, 1);

    const auto changed = [this] { updateCalculator(); };
    connect(m_experts, &QSpinBox::valueChanged, this, [this](int experts) {
        m_used->setMaximum(experts);
        updateCalculator();
    });
    connect(m_used, &QSpinBox::valueChanged, this, changed);
    connect(m_perExpert, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_shared, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_unit, &QComboBox::currentIndexChanged, this, [this] {
        // Keep the sizes, change how they are written.
        const double factor = m_shownUnit / sizeUnit();
        m_shownUnit = sizeUnit();
        const QSignalBlocker b1(m_perExpert), b2(m_shared);
        m_perExpert->setValue(m_perExpert->value() * factor);
        m_shared->setValue(m_shared->value() * factor);
        updateCalculator();
    });
    return group;
}

double ScaleView::sizeUnit() const
{
    return m_unit->currentData().toDouble();
}

void ScaleView::setModels(const QList<ScaleModel>& models, const QStringList& notes)
{
    // Each model's sources in words, once: the registry does not change after construction.
    m_famous.clear();
    for (ScaleModel m : models) {
        if (m.source.isEmpty())
            m.source = m_registry.citations(m.sources);
        m_famous << m;
    }
    m_notes = notes;
    rebuild();
}

void ScaleView::setModelConfig(const moe::ModelConfig& config, const QString& name, bool builtIn)
{
    // The same convention as Mixtral's "12.9B of 46.7B" and as `tiny-experts-cli info`: everything
    // but the unchosen routed experts, counted from the file's tensors (shared experts, dense
    // layers and the attention's real shape included).
    const moe::RoutingCost cost = moe::routingCost(config);
    ScaleModel app;
    app.name = name;
    app.totalParameters = static_cast<double>(cost.totalParameters);
    app.activeParameters = static_cast<double>(cost.activeParameters);
    app.experts = config.nExpert;
    app.usedPerToken = config.nExpertUsed;
    app.sharedExperts = config.sharedExpertCount();
    if (builtIn) {
        app.source = tr("this app's model file");
        app.note = tr("This app's own model: small enough to train on a laptop in about an hour.");
    } else {
        app.source = tr("the model file you opened");
        app.note = config.nLeadingDense > 0
                       ? tr("The model you opened: %1 layers, the first %2 dense (no experts).")
                             .arg(config.nLayer)
                             .arg(config.nLeadingDense)
                       : tr("The model you opened: %1 layers.").arg(config.nLayer);
    }
    m_app = app;
    m_appBuiltIn = builtIn;
    rebuild();
}

void ScaleView::rebuild()
{
    m_rows.clear();
    if (m_app)
        m_rows << *m_app;
    m_rows << m_famous;
    QStringList notes = m_notes;
    for (const QString& e : m_loadErrors)
        notes << tr("Data problem: %1").arg(e);
    m_notesLabel->setText(notes.join(QLatin1Char('\n')));
    m_notesLabel->setVisible(!notes.isEmpty());
    rebuildTable();
    rebuildChart();
    rebuildClosed();
    updateCompactLayout();
    // Start on the most famous example of "looks big, runs small" when there is one; on the
    // learner's own file when they opened one.
    int start = 0;
    for (int i = 0; i < m_rows.size() && !(m_app && !m_appBuiltIn); ++i) {
        if (m_rows[i].name.startsWith(QLatin1String("Mixtral 8x7B"))) {
            start = i;
            break;
        }
    }
    m_selected = -1;
    selectModel(m_rows.isEmpty() ? -1 : start);
}

void ScaleView::rebuildTable()
{
    const QStringList headers = {tr("Model"),    tr("Year"),    tr("Total"),          tr("Active per token"),
                                 tr("Active %"), tr("Experts"), tr("Used per token"), tr("Source")};
    const QSignalBlocker block(m_table);
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(static_cast<int>(m_rows.size()));
    const QString unknown = QStringLiteral("\u2013"); // "–": not published
    for (int r = 0; r < m_rows.size(); ++r) {
        const ScaleModel& m = m_rows[r];
        const bool isApp = m_app && r == 0;
        const std::optional<double> fraction = m.activeFraction();
        const bool fractionApproximate =
            m.activeParameters ? (m.totalApproximate || m.activeApproximate) : m.activeShareApproximate;
        QString experts = unknown, used = unknown;
        if (m.experts) {
            experts = !m.sharedExperts       ? tr("%1 (shared: \u2013)").arg(*m.experts)
                      : *m.sharedExperts > 0 ? tr("%1 + %2 shared").arg(*m.experts).arg(*m.sharedExperts)
                                             : QString::number(*m.experts);
        }
        if (m.usedPerToken) {
            used = m.sharedExperts && *m.sharedExperts > 0
                       ? tr("%1 + %2 shared").arg(*m.usedPerToken).arg(*m.sharedExperts)
                       : QString::number(*m.usedPerToken);
        }
        QString name = m.name;
        if (isApp)
            name = (m_appBuiltIn ? tr("%1 (this app)") : tr("%1 (opened)")).arg(m.name);
        else if (m.announcedOnly)
            name = tr("%1 (announced)").arg(m.name);
        const QStringList cells = {
            name,
            m.year > 0 ? QString::number(m.year) : tr("now"),
            cellNumber(m.totalParameters, m.totalApproximate),
            m.activeParameters ? cellNumber(*m.activeParameters, m.activeApproximate) : unknown,
            fraction ? (fractionApproximate ? QStringLiteral("~") : QString()) + percentText(*fraction)
                     : unknown,
            experts,
            used,
            m.source};
        QString tip =
            m.note.isEmpty() ? m.source : m.note + QLatin1Char('\n') + tr("Source: %1").arg(m.source);
        if (cells.contains(unknown) || experts.contains(unknown))
            tip += QLatin1Char('\n') + tr("\u2013: not published by the model's maker.");
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c >= 1 && c <= 6)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (isApp || c == 0) {
                QFont f = m_table->font();
                f.setBold(isApp || c == 0);
                item->setFont(f);
            }
            item->setToolTip(tip);
            m_table->setItem(r, c, item);
        }
        m_table->setRowHidden(r, !shown(r));
    }
    // Numbers always in full; the source column takes what is left and elides (full in the tooltip).
    m_table->resizeColumnsToContents();
    const int source = static_cast<int>(headers.size()) - 1;
    for (int c = 0; c < source; ++c)
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(source, QHeaderView::Stretch);
}

bool ScaleView::shown(int row) const
{
    if (m_app && row == 0)
        return true;
    const int year = m_rows[row].year;
    switch (m_era) {
    case Era::UpTo2024:
        return year <= 2024;
    case Era::From2025:
        return year >= 2025;
    case Era::All:
        break;
    }
    return true;
}

void ScaleView::setEra(Era era)
{
    m_era = era;
    {
        const QSignalBlocker block(m_eraBox);
        m_eraBox->setCurrentIndex(m_eraBox->findData(static_cast<int>(era)));
    }
    for (int r = 0; r < m_rows.size(); ++r)
        m_table->setRowHidden(r, !shown(r));
    rebuildChart();
    updateCompactLayout();
}

QString ScaleView::closedText() const
{
    return m_closedLabel->text();
}

void ScaleView::rebuildClosed()
{
    // Rich text: names bold, the status in words, never a rumour written as a fact.
    QStringList lines;
    lines << tr("Their makers publish no parameter counts, so they are not on the chart.").toHtmlEscaped();
    for (const ClosedModel& c : std::as_const(m_closed)) {
        const QString status =
            c.confirmedMoe ? tr("confirmed mixture of experts") : tr("rumoured, not confirmed");
        lines << QStringLiteral("<b>%1</b>: <i>%2</i>. %3 <span style=\"color:%5\">%4</span>")
                     .arg(c.name.toHtmlEscaped(), status.toHtmlEscaped(), c.note.toHtmlEscaped(),
                          tr("Source: %1").arg(m_registry.citations(c.sources)).toHtmlEscaped(),
                          palette().color(QPalette::PlaceholderText).name());
    }
    m_closedLabel->setText(lines.join(QStringLiteral("<br>")));
}

void ScaleView::rebuildChart()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    if (m_rows.isEmpty())
        return;

    // Smallest at the bottom, so this app's tiny model sits under the giants.
    QList<int> order;
    for (int i = 0; i < m_rows.size(); ++i)
        if (shown(i))
            order << i;
    std::stable_sort(order.begin(), order.end(),
                     [this](int a, int b) { return m_rows[a].totalParameters < m_rows[b].totalParameters; });
    m_chartOrder = QList<int>(order.rbegin(), order.rend());
    // About one and a half lines of text per model, plus legend and axis: the scroll area shows
    // what fits and scrolls the rest, instead of squeezing the bars.
    const int line = fontMetrics().height();
    m_chartView->setMinimumHeight(static_cast<int>(order.size()) * line * 3 / 2 + line * 7);

    auto* total = new QBarSet(tr("total: all weights in memory"));
    auto* active = new QBarSet(tr("active: weights one token uses"));
    QStringList categories;
    m_chartLabelWidth = 0;
    double smallest = 1e300, largest = 0;
    for (const int i : order) {
        const ScaleModel& m = m_rows[i];
        *total << logOf(m.totalParameters);
        *active << (m.activeParameters ? logOf(*m.activeParameters) : 0.0); // 0: left of the axis, no bar
        const QString totalText = cellNumber(m.totalParameters, m.totalApproximate);
        // Where the source gives only a share (Grok-1), the label says it; the bar stays empty.
        QString numbers = totalText;
        if (m.activeParameters)
            numbers = tr("%1 / %2").arg(totalText, cellNumber(*m.activeParameters, m.activeApproximate));
        else if (m.activeShare)
            numbers =
                tr("%1 / %2").arg(totalText, (m.activeShareApproximate ? QStringLiteral("~") : QString()) +
                                                 percentText(*m.activeShare));
        const bool opened = m_app && !m_appBuiltIn && i == 0; // the learner's own file, named as such
        const QString name = opened            ? tr("%1 (opened)").arg(m.name)
                             : m.announcedOnly ? tr("%1 (announced)").arg(m.name)
                                               : m.name;
        categories << QStringLiteral("%1  %2").arg(name, numbers);
        m_chartLabelWidth =
            std::max(m_chartLabelWidth, QFontMetrics(font()).horizontalAdvance(categories.last()));
        smallest = std::min({smallest, m.totalParameters, m.activeParameters.value_or(m.totalParameters)});
        largest = std::max(largest, m.totalParameters);
    }
    // QtCharts gives the axis labels at most about 40% of the chart's width and pushes a longer label
    // off the left edge: room for the longest name.
    m_chartWidth = m_chartLabelWidth * 5 / 2 + fontMetrics().averageCharWidth() * 4;
    auto* series = new QHorizontalBarSeries;
    series->append(total);
    series->append(active);
    series->setBarWidth(0.85);
    m_chart->addSeries(series);
    connect(series, &QHorizontalBarSeries::clicked, this, [this, order](int index, QBarSet*) {
        if (index >= 0 && index < order.size())
            selectModel(order[index]);
    });

    auto* y = new QBarCategoryAxis;
    y->append(categories);
    // The chart is taller than its scroll area; QtCharts would elide every label to "..." while it
    // lays out the first, smaller geometry.
    y->setTruncateLabels(false);
    m_chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);

    auto* x = new QCategoryAxis;
    const int from = static_cast<int>(std::floor(logOf(smallest) - 0.15));
    const int to = static_cast<int>(std::ceil(logOf(largest) + 0.05));
    for (int p = from; p <= to; ++p)
        x->append(compactNumber(std::pow(10.0, p)), p);
    x->setStartValue(from);
    x->setRange(from, to);
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setTitleText(tr("parameters (log scale: each step is 10 times more)"));
    m_chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    applyChartPalette();
}

void ScaleView::selectModel(int row)
{
    if (row < -1 || row >= m_rows.size())
        return;
    m_selected = row;
    {
        const QSignalBlocker block(m_table);
        if (row >= 0)
            m_table->selectRow(row);
        else
            m_table->clearSelection();
    }
    updateHeadline();
    if (row >= 0) {
        const ScaleModel& m = m_rows[row];
        if (const auto fit = expertAndShared(m)) {
            setCalculator(*m.experts, *m.usedPerToken, fit->first, fit->second);
            m_calculatorSource->setText(
                tr("Filled in from %1: parameters per expert = (total \u2212 active) \u00f7 "
                   "(experts \u2212 used), shared = active \u2212 used \u00d7 per expert. "
                   "Change any number to see what happens.")
                    .arg(m.name));
        } else {
            // The numbers stay as they were; say why they are not this model's.
            m_calculatorSource->setText(
                tr("%1: its source does not publish enough numbers to fill in the calculator "
                   "(it needs total, active, experts and experts used).")
                    .arg(m.name));
        }
        emit modelSelected(row);
    }
}

QString ScaleView::headline() const
{
    return m_headline->text();
}

QString ScaleView::denseComparison() const
{
    return m_dense->text();
}

void ScaleView::updateHeadline()
{
    if (m_selected < 0) {
        m_headline->setText(m_loadErrors.isEmpty() ? QString() : tr("The model list could not be loaded."));
        m_dense->clear();
        return;
    }
    const ScaleModel& m = m_rows[m_selected];
    // Sentences write the source's rounded figures as "about 42B".
    const QString total = m.totalApproximate ? tr("about %1").arg(publishedNumber(m.totalParameters))
                                             : publishedNumber(m.totalParameters);
    const QString announced =
        m.announcedOnly ? tr("Announced only: no weights released.") + QLatin1Char(' ') : QString();
    if (!m.activeParameters) {
        if (m.activeShare)
            m_headline->setText(
                tr("%1 has %2 parameters; its source says about %3 of them work for each token.")
                    .arg(m.name, total, percentText(*m.activeShare)));
        else if (m.experts && m.usedPerToken)
            m_headline->setText(tr("%1 has %2 parameters and wakes %3 of its %4 experts per token.")
                                    .arg(m.name, total)
                                    .arg(*m.usedPerToken)
                                    .arg(*m.experts));
        else
            m_headline->setText(tr("%1 has %2 parameters.").arg(m.name, total));
        m_dense->setText(announced + tr("Its source gives no count of the parameters one token uses."));
        return;
    }
    const double fraction = *m.activeFraction();
    m_headline->setText(tr("%1 uses about %2 of its weights for each token: %3 of %4.")
                            .arg(m.name, percentText(fraction), publishedNumber(*m.activeParameters), total));
    QString dense =
        announced + tr("A dense model with %1 parameters would use all %1 for every token: %2 the compute of "
                       "%3's %4.")
                        .arg(publishedNumber(m.totalParameters),
                             ratioText(m.totalParameters / *m.activeParameters), m.name,
                             publishedNumber(*m.activeParameters));
    // How this app's model compares: the jump in size is part of the lesson.
    if (m_app && m_selected != 0 && m_app->totalParameters > 0) {
        // Two significant digits: "about 94,000 times", not "94,117".
        const double ratio = m.totalParameters / m_app->totalParameters;
        const double step = std::pow(10.0, std::max(0.0, std::floor(std::log10(std::max(ratio, 1.0))) - 1));
        const double times = std::round(ratio / step) * step;
        dense += QLatin1Char(' ') +
                 (m_appBuiltIn ? tr("It is about %1 times the size of this app's model (%2).")
                               : tr("It is about %1 times the size of the model you opened (%2)."))
                     .arg(QLocale().toString(times, 'f', 0), compactNumber(m_app->totalParameters));
    }
    m_dense->setText(dense);
}

void ScaleView::setCalculator(int experts, int used, double perExpert, double shared)
{
    const QSignalBlocker b1(m_experts), b2(m_used), b3(m_perExpert), b4(m_shared), b5(m_unit);
    m_experts->setValue(experts);
    m_used->setMaximum(experts);
    m_used->setValue(used);
    // The largest unit in which one expert is at least 1: short numbers, and three decimals keep
    // even this app's small experts exact.
    m_unit->setCurrentIndex(perExpert >= 1e9 ? 2 : perExpert >= 1e6 ? 1 : 0);
    m_shownUnit = sizeUnit();
    m_perExpert->setValue(perExpert / sizeUnit());
    m_shared->setValue(shared / sizeUnit());
    updateCalculator();
}

ScaleEstimate ScaleView::calculatorEstimate() const
{
    try {
        return estimateScale(m_experts->value(), m_used->value(), m_perExpert->value() * sizeUnit(),
                             m_shared->value() * sizeUnit());
    } catch (const std::invalid_argument&) {
        return {};
    }
}

void ScaleView::updateCalculator()
{
    const ScaleEstimate e = calculatorEstimate();
    if (!(e.totalParameters > 0)) {
        for (QLabel* l : {m_total, m_active, m_fraction, m_denseRatio})
            l->setText(QStringLiteral("\u2013"));
        m_formula->setText(tr("Give the experts or the shared part some parameters."));
        return;
    }
    m_total->setText(compactNumber(e.totalParameters));
    m_active->setText(compactNumber(e.activeParameters));
    m_fraction->setText(percentText(e.activeFraction));
    m_denseRatio->setText(e.denseComputeRatio > 0 ? ratioText(e.denseComputeRatio)
                                                  : QStringLiteral("\u2013"));
    const QString shared = compactNumber(m_shared->value() * sizeUnit(), 2);
    const QString perExpert = compactNumber(m_perExpert->value() * sizeUnit(), 2);
    m_formula->setText(tr("total = shared + experts \u00d7 per expert = %1 + %2 \u00d7 %3 = %4<br>"
                          "active = shared + used \u00d7 per expert = %1 + %5 \u00d7 %3 = %6")
                           .arg(shared, QString::number(m_experts->value()), perExpert,
                                compactNumber(e.totalParameters, 2), QString::number(m_used->value()),
                                compactNumber(e.activeParameters, 2)));
}

void ScaleView::applyChartPalette()
{
    const QPalette pal = palette();
    applyPaletteToChart(m_chartView, pal, font());
    for (QAbstractSeries* series : m_chart->series()) {
        if (auto* bars = qobject_cast<QHorizontalBarSeries*>(series)) {
            const QList<QBarSet*> sets = bars->barSets();
            if (sets.size() == 2) {
                QColor totalColour = pal.color(QPalette::WindowText);
                totalColour.setAlphaF(0.25f);
                sets[0]->setColor(totalColour);
                sets[0]->setBorderColor(totalColour);
                sets[1]->setColor(pal.color(QPalette::Highlight));
                sets[1]->setBorderColor(pal.color(QPalette::Highlight));
            }
        }
    }
}

void ScaleView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateCompactLayout();
}

void ScaleView::updateCompactLayout()
{
    // Side by side only when the chart's model names and the table's numbers both fit in full.
    const QFontMetrics fm(font());
    int tableWidth = m_table->frameWidth() * 2 + fm.averageCharWidth() * 14; // a glimpse of the source
    for (int c = 0; c + 1 < m_table->columnCount(); ++c)
        tableWidth += m_table->horizontalHeader()->sectionSize(c);
    const int chartWidth = m_chartWidth;
    // ... and when chart, table and calculator fit one above the other.
    const int closed = m_closed.isEmpty() ? 0 : m_closedBox->sizeHint().height();
    const int height = m_headline->sizeHint().height() + m_dense->sizeHint().height() + fm.height() * 22 +
                       m_calculator->sizeHint().height() + closed;
    const bool compact = tableWidth + chartWidth + fm.height() * 2 > width() || height > this->height();
    m_bodyTabs->setVisible(compact);
    // Side by side the chart keeps room for its labels; alone on a narrow window it takes what there is.
    m_chartScroll->setMinimumWidth(compact ? 0 : chartWidth);
    m_chartScroll->setVisible(!compact || m_bodyTabs->currentIndex() == 0);
    m_table->setVisible(!compact || m_bodyTabs->currentIndex() == 1);
    m_calculator->setVisible(!compact || m_bodyTabs->currentIndex() == 2);
    m_closedBox->setVisible(!m_closed.isEmpty() && (!compact || m_bodyTabs->currentIndex() == 3));
    // The space goes to chart and table; on the closed models' tab to that list, at the top.
    const bool closedOnly = compact && m_bodyTabs->currentIndex() == 3;
    m_pageLayout->setStretchFactor(m_bodyLayout, closedOnly ? 0 : 1);
    m_pageLayout->setStretchFactor(m_closedBox, closedOnly ? 1 : 0);
}

void ScaleView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        applyChartPalette();
        rebuildClosed(); // its rich text carries the palette's placeholder colour
    }
}

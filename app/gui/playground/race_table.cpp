#include "playground/race_table.h"

#include "playground/race_models.h"
#include "playground/race_record.h"
#include "style/number_format.h"

#include <QHeaderView>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace {

// A swatch of the model's line, colour and style, as the charts draw it.
QIcon lineIcon(moe::RaceModel model, int size)
{
    QPixmap pixmap(size * 2, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(raceModelColour(model));
    pen.setWidthF(model == moe::RaceModel::Mixture ? 3.0 : 2.5);
    pen.setStyle(raceModelPenStyle(model));
    painter.setPen(pen);
    painter.drawLine(QPointF(1, size / 2.0), QPointF(size * 2 - 1, size / 2.0));
    return QIcon(pixmap);
}

} // namespace

RaceTable::RaceTable(const RaceRecord* record, QWidget* parent) : QTableWidget(parent), m_record(record)
{
    setObjectName(QStringLiteral("raceTable"));
    setAccessibleName(tr("The three models of the race"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    setColumnCount(ColumnCount);
    setRowCount(moe::kRaceModelCount);
    setHorizontalHeaderLabels({tr("Model"), tr("Held-out bits per byte"), tr("Training tokens"),
                               tr("Training seconds"), tr("Parameters, total"), tr("Parameters, active")});
    horizontalHeaderItem(BitsPerByte)
        ->setToolTip(tr("Bits the model needs per byte of math and poem text it "
                        "never trained on, at its last measurement: lower is better"));
    horizontalHeaderItem(Seconds)->setToolTip(tr("Time spent on the model's own training steps, "
                                                 "measurements not counted"));
    horizontalHeaderItem(ActiveParameters)->setToolTip(tr("Parameters one token uses on its way through"));
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(Model, QHeaderView::Stretch);
    setIconSize(QSize(fontMetrics().height() * 2, fontMetrics().height()));

    connect(record, &RaceRecord::cleared, this, &RaceTable::rebuild);
    connect(record, &RaceRecord::pointAdded, this, &RaceTable::updateRow);
    rebuild();
}

void RaceTable::rebuild()
{
    for (const moe::RaceModel model : kRaceModels) {
        const int row = raceIndex(model);
        const moe::PlaygroundSettings& settings = m_record->settings(model);
        auto* name = new QTableWidgetItem(lineIcon(model, fontMetrics().height()), raceModelName(model));
        name->setToolTip(raceModelDescription(model, settings));
        setItem(row, Model, name);
        const auto total = static_cast<qlonglong>(settings.totalParameters());
        const auto active = static_cast<qlonglong>(settings.activeParameters());
        setNumber(row, TotalParameters, compactNumber(static_cast<double>(total)), total);
        setNumber(row, ActiveParameters, compactNumber(static_cast<double>(active)), active);
        updateRow(model);
    }
    resizeColumnsToContents();
}

void RaceTable::updateRow(moe::RaceModel model)
{
    const int row = raceIndex(model);
    const std::vector<moe::PlaygroundPoint>& curve = m_record->curve(model);
    if (curve.empty()) {
        const QString none = tr("not yet");
        setNumber(row, BitsPerByte, none, {});
        setNumber(row, Tokens, none, {});
        setNumber(row, Seconds, none, {});
        return;
    }
    const moe::PlaygroundPoint& last = curve.back();
    const QLocale locale;
    setNumber(row, BitsPerByte, locale.toString(last.heldOutBitsPerByte, 'f', 3), last.heldOutBitsPerByte);
    setNumber(row, Tokens, compactNumber(static_cast<double>(last.tokens)),
              static_cast<qlonglong>(last.tokens));
    setNumber(row, Seconds, raceSecondsNumber(last.seconds), last.seconds);
}

void RaceTable::setNumber(int row, int column, const QString& text, const QVariant& value)
{
    auto* cell = new QTableWidgetItem(text);
    cell->setData(Qt::UserRole, value);
    cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setItem(row, column, cell);
}

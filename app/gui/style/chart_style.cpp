#include "style/chart_style.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QLegend>
#include <QPalette>
#include <QPen>

QChartView* newChartView(QWidget* parent, const QString& objectName)
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    auto* view = new QChartView(chart, parent);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    return view;
}

void applyPaletteToChart(QChartView* view, const QPalette& palette, const QFont& font)
{
    QChart* chart = view->chart();
    const QColor text = palette.color(QPalette::WindowText), grid = palette.color(QPalette::Mid);
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundPen(QPen(grid));
    chart->legend()->setLabelColor(text);
    chart->legend()->setFont(font);
    view->setBackgroundBrush(palette.brush(QPalette::Window));
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsBrush(text);
        axis->setLabelsFont(font);
        axis->setTitleBrush(text);
        axis->setTitleFont(font);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
}

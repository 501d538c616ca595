// The QtCharts set-up the compare and scale charts share: a chart view that redraws cleanly for
// live data, coloured from the widget palette so the light and dark themes both read well.
#pragma once

#include <QString>

class QChart;
class QChartView;
class QFont;
class QPalette;
class QWidget;

// A chart (no series animation: data arrives live; legend on top; no outer margin) in an
// antialiased view. The view owns the chart.
QChartView* newChartView(QWidget* parent, const QString& objectName);
// Backgrounds, legend, axis labels and titles, grid lines from the palette and font; views then
// set what is their own (series colours, scaled fonts).
void applyPaletteToChart(QChartView* view, const QPalette& palette, const QFont& font);

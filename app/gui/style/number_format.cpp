#include "style/number_format.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

QString compactNumber(double value, int decimals)
{
    struct Unit {
        double size;
        const char* suffix;
    };
    static const Unit kUnits[] = {{1e12, QT_TRANSLATE_NOOP("NumberFormat", "T")},
                                  {1e9, QT_TRANSLATE_NOOP("NumberFormat", "B")},
                                  {1e6, QT_TRANSLATE_NOOP("NumberFormat", "M")},
                                  {1e3, QT_TRANSLATE_NOOP("NumberFormat", "K")}};
    const QLocale locale;
    if (std::round(std::abs(value)) < 1000.0) // "950", not "1K": short enough as it is
        return locale.toString(value, 'f', 0);
    const double scale = std::pow(10.0, decimals);
    for (const Unit& unit : kUnits) {
        const double rounded = std::round(value / unit.size * scale) / scale;
        if (std::abs(rounded) >= 1.0) {
            QString number = locale.toString(rounded, 'f', std::abs(rounded) >= 100.0 ? 0 : decimals);
            const QString point = locale.decimalPoint();
            if (number.contains(point)) { // "17B" and "12.5B", not "17.0B" and "12.50B"
                while (number.endsWith(QLatin1Char('0')))
                    number.chop(1);
                if (number.endsWith(point))
                    number.chop(point.size());
            }
            return number + QCoreApplication::translate("NumberFormat", unit.suffix);
        }
    }
    return locale.toString(value, 'f', 0);
}

QString percentText(double fraction, int decimals)
{
    return QCoreApplication::translate("NumberFormat", "%1%")
        .arg(QLocale().toString(fraction * 100.0, 'f', decimals));
}

QString percentText(double fraction)
{
    return percentText(fraction, std::abs(fraction) < 0.1 ? 1 : 0);
}

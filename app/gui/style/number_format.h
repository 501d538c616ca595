// The app's one way to write big numbers and percentages for learners, in the user's locale:
// "46.7B", "1.3M", "12.3K" and "5.5%" in English; "46,7 Mrd.", "1,3 Mio." and "5,5 %" in German.
// The short-scale units match how model names are written ("7B" is seven billion).
#pragma once

#include <QString>

// "3.7M", "12.9B", "141B", "1.6T"; "512" below a thousand: `decimals` below 100 of the unit, none from 100
// on, and none where they would all be zero ("17B", not "17.0B"). The rounded value picks the unit, so
// 999.96M reads "1B". Translatable units (context "NumberFormat").
QString compactNumber(double value, int decimals = 1);

// A fraction (0.055) as a percentage with `decimals` digits: "5.5%".
QString percentText(double fraction, int decimals);
// With as many digits as tell shares apart and no more: one below 10 % ("5.5%"), none above ("28%").
QString percentText(double fraction);

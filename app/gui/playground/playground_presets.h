// The Playground's presets (resources/playground/presets.json): each a settings file of
// PlaygroundSettings keys (resources/playground/presets/*.conf), with a title and a paragraph on
// what to watch, in English and German. The first preset is the default.
#pragma once

#include "moe/playground.h"

#include <QList>
#include <QString>
#include <QStringList>

struct PlaygroundPreset {
    QString id;          // "balanced"
    QString title;       // in the language asked for
    QString explanation; // likewise
    moe::PlaygroundSettings settings;
};

// Reads the presets in `language` ("en", "de"; others fall back to English). A broken entry (a
// missing field, a settings file that does not load or whose settings have problems) is skipped
// with a line in *errors naming the file and the entry. Never throws.
QList<PlaygroundPreset>
loadPlaygroundPresets(const QString& language,
                      const QString& path = QStringLiteral(":/playground/presets.json"),
                      QStringList* errors = nullptr);
// The language of the installed translation, as the presets name it: "de" or "en".
QString playgroundLanguage();

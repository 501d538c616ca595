// The preset prompts (resources/presets/prompts.json): a few math sums and poem openings that the
// Explore and Compare modes offer. Format: {"presets": [{"id", "kind", "title", "prompt"}, ...]}
// with kind one of math, poem, mixed, and optionally how Compare writes a side with this prompt:
// "temperature" (0 = greedy), "seed" and "minTokens" (end of text not allowed before).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

struct Preset {
    QString id, kind, title, prompt;
    float temperature = 0.0f; // 0: greedy
    uint64_t seed = 42;
    int minTokens = 0;
};

// Reads the presets. A malformed entry is skipped, and a line naming the file, the entry
// (presets[i]) and the field is added to *errors (if given); an unreadable or unparsable file
// gives no presets and one error. Never throws.
QList<Preset> loadPresets(const QString& path = QStringLiteral(":/presets/prompts.json"),
                          QStringList* errors = nullptr);

// The first preset of a kind (Compare's defaults are the first math and the first poem preset).
std::optional<Preset> firstPreset(const QList<Preset>& presets, const QString& kind);
// The preset with this prompt, else the first of the kind (whose sampling a typed prompt gets).
std::optional<Preset> presetFor(const QList<Preset>& presets, const QString& kind, const QString& prompt);

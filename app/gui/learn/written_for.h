// Lessons and stored quiz questions were written for the built-in model and state facts about it
// ("2 of 8 experts wake up"). When another model is loaded, the lesson panel and the quiz say so,
// with both models' shapes read from the models themselves, never typed into the text.
#pragma once

#include "moe/model.h"

#include <QString>

// "4 layers, 8 experts per layer, 2 awake per token" plus, where the model has them, its shared
// experts and dense layers.
QString modelShapeText(const moe::ModelConfig& config);

// Empty when the loaded model is the built-in one; otherwise a sentence naming both models' shapes
// and saying that the texts' numbers are the built-in model's while the live views show the loaded
// one's.
QString writtenForNote(const moe::ModelConfig& builtIn, const moe::ModelConfig& loaded,
                       const QString& loadedName, bool loadedIsBuiltIn);

// Quiz questions made from the run the learner just watched: "In layer 2, which expert handled most
// of the digits?". Every answer is read from the trace (the tokens and their routing), never
// guessed; a question whose answer would not be unique (a tie) is not asked.
#pragma once

#include "learn/quiz_bank.h"

#include "moe/generation.h"
#include "moe/model.h"

#include <cstdint>
#include <vector>

// Builds up to `maxQuestions` different questions (track "live", ids "live-…") from a trace of
// `config`'s model. Which questions and which layers/tokens they ask about vary with `seed`; the
// same trace and seed give the same questions. An empty trace gives none.
QList<QuizQuestion> makeLiveQuestions(const std::vector<moe::GeneratedToken>& tokens,
                                      const moe::ModelConfig& config, uint32_t seed, int maxQuestions);

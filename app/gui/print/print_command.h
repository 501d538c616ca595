// The teacher's exports on the command line: --export-worksheet FILE.pdf (with --prompt, --model)
// and --export-quiz TRACK FILE.pdf [--quiz-seed N] write their PDF without opening the window, so
// they run headless (QT_QPA_PLATFORM=offscreen) in scripts and for the docs.
#pragma once

#include "shell/app_options.h"

#include <QString>

// Writes every PDF the options ask for, in the app's current language, and returns the exit
// status: 0 when all were written, 1 otherwise. Says what it wrote on stdout and what failed
// (naming the file or the model) on stderr; never throws.
int runPrintExports(const AppOptions& options);

// The Playground's corpora, one per fortunes folder, vocabulary size and probe prompts, built on
// first use and kept for the app's lifetime: building one learns a BPE vocabulary from megabytes
// of text, longer than the micro preset trains. Training runs and races share them. Thread-safe;
// throws what moe::buildPlaygroundCorpus throws (and builds again on the next call).
#pragma once

#include "moe/playground.h"

#include <memory>

std::shared_ptr<const moe::PlaygroundCorpus>
sharedPlaygroundCorpus(const moe::PlaygroundCorpusOptions& options, int vocab);

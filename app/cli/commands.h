// The CLI's commands. Each parses its own arguments and returns the process exit code; errors are
// thrown (moe::FormatError, std::invalid_argument, cli::UsageError) and reported by main().
#pragma once

#include "arguments.h"

#include <span>
#include <string>

namespace cli {

struct Command {
    const CommandSpec& spec;
    int (*run)(const Arguments& args);
};

const CommandSpec& infoSpec();
int runInfo(const Arguments& args);
const CommandSpec& generateSpec();
int runGenerate(const Arguments& args);
const CommandSpec& tokenizeSpec();
int runTokenize(const Arguments& args);
const CommandSpec& embedSpec();
int runEmbed(const Arguments& args);
const CommandSpec& initRandomSpec();
int runInitRandom(const Arguments& args);
const CommandSpec& quantizeSpec();
int runQuantize(const Arguments& args);
const CommandSpec& benchSpec();
int runBench(const Arguments& args);
const CommandSpec& trainSpec();
int runTrain(const Arguments& args);
const CommandSpec& evalSpec();
int runEval(const Arguments& args);
const CommandSpec& playgroundSpec();
int runPlayground(const Arguments& args);

} // namespace cli

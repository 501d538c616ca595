// tiny-experts-cli: inspect, run, benchmark and create Mixtral-style MoE models (GGUF).
#include "commands.h"

#include "moe/error.h"

#include <array>
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace {

const std::array<cli::Command, 10>& commands()
{
    static const std::array<cli::Command, 10> table{{
        {cli::infoSpec(), cli::runInfo},
        {cli::generateSpec(), cli::runGenerate},
        {cli::tokenizeSpec(), cli::runTokenize},
        {cli::embedSpec(), cli::runEmbed},
        {cli::initRandomSpec(), cli::runInitRandom},
        {cli::quantizeSpec(), cli::runQuantize},
        {cli::benchSpec(), cli::runBench},
        {cli::trainSpec(), cli::runTrain},
        {cli::evalSpec(), cli::runEval},
        {cli::playgroundSpec(), cli::runPlayground},
    }};
    return table;
}

void printOverview(std::ostream& out)
{
    out << "usage: tiny-experts-cli COMMAND [arguments]   (tiny-experts-cli COMMAND --help for details)\n\n"
           "commands:\n";
    for (const cli::Command& command : commands())
        out << "  " << command.spec.name << std::string(13 - command.spec.name.size(), ' ')
            << command.spec.summary.substr(0, command.spec.summary.find('\n')) << "\n";
}

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
        printOverview(words.empty() ? std::cerr : std::cout);
        return words.empty() ? 2 : 0;
    }
    for (const cli::Command& command : commands()) {
        if (command.spec.name != words[0])
            continue;
        try {
            const cli::Arguments args =
                cli::Arguments::parse(command.spec, std::span<const std::string>(words).subspan(1));
            if (args.helpRequested()) {
                std::cout << command.spec.helpText();
                return 0;
            }
            return command.run(args);
        } catch (const cli::UsageError& e) {
            std::cerr << "error: " << e.what() << "\n(see tiny-experts-cli " << command.spec.name
                      << " --help)\n";
        } catch (const std::bad_alloc&) {
            std::cerr << "error: out of memory\n";
        } catch (const std::exception& e) {
            std::cerr << "error: " << e.what() << "\n";
        }
        return 2;
    }
    std::cerr << "error: unknown command '" << words[0] << "'\n\n";
    printOverview(std::cerr);
    return 2;
}

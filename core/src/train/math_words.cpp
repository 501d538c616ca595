// Word-problem templates. The wording is fixed per template (only names, things and numbers vary) so
// that the model can learn the pattern from few examples; every number stays below 100 except sums.
#include "math_words.h"

#include "moe/math_problems.h"

#include <array>
#include <string_view>

namespace moe::math {
namespace {

constexpr std::array<std::string_view, 20> kNames = {"Mia",  "Leo",  "Sam",  "Ava",  "Noah", "Zoe", "Omar",
                                                     "Lily", "Ravi", "Emma", "Finn", "Nora", "Kai", "Ella",
                                                     "Max",  "Iris", "Ben",  "Yuki", "Tom",  "Lena"};
constexpr std::array<std::string_view, 16> kThings = {
    "shells", "apples",  "stickers", "marbles", "books", "pencils", "stamps", "cards",
    "coins",  "cookies", "balloons", "buttons", "beads", "crayons", "stones", "oranges"};

std::string str(long v)
{
    return std::to_string(v);
}

} // namespace

WordProblem randomWordProblem(corpus::Rng& rng)
{
    const std::string name(kNames[rng.below(kNames.size())]);
    std::string other(kNames[rng.below(kNames.size())]);
    while (other == name)
        other = kNames[rng.below(kNames.size())];
    const std::string things(kThings[rng.below(kThings.size())]);

    WordProblem w;
    switch (rng.below(6)) {
    case 0: { // add
        const int a = rng.range(2, 60), b = rng.range(2, 40);
        w.prompt = name + " has " + str(a) + " " + things + " and finds " + str(b) + " more. How many " +
                   things + " does " + name + " have now?";
        w.answer = a + b;
        w.usesHeldOutFact = isHeldOutAddition(a, b);
        break;
    }
    case 1: { // sub
        const int a = rng.range(10, 99), b = rng.range(2, a - 1);
        w.prompt = name + " has " + str(a) + " " + things + " and gives " + str(b) +
                   " to a friend. How many " + things + " does " + name + " have left?";
        w.answer = a - b;
        w.usesHeldOutFact = isHeldOutSubtraction(a, b);
        break;
    }
    case 2: { // times
        const int a = rng.range(2, 9), b = rng.range(2, 12);
        w.prompt = name + " has " + str(a) + " bags with " + str(b) + " " + things +
                   " in each bag. How many " + things + " is that in all?";
        w.answer = a * b;
        break;
    }
    case 3: { // division, always exact
        const int each = rng.range(2, 12), friends = rng.range(2, 9);
        w.prompt = name + " shares " + str(each * friends) + " " + things + " equally among " + str(friends) +
                   " friends. How many " + things + " does each friend get?";
        w.answer = each;
        break;
    }
    case 4: { // add, second wording
        const int a = rng.range(10, 80), b = rng.range(2, 40);
        w.prompt = "There are " + str(a) + " " + things + " in a box. " + name + " puts in " + str(b) +
                   " more. How many " + things + " are in the box now?";
        w.answer = a + b;
        w.usesHeldOutFact = isHeldOutAddition(a, b);
        break;
    }
    default: { // compare
        const int a = rng.range(10, 99), b = rng.range(2, a - 1);
        w.prompt = name + " has " + str(a) + " " + things + " and " + other + " has " + str(b) +
                   ". How many more " + things + " does " + name + " have than " + other + "?";
        w.answer = a - b;
        w.usesHeldOutFact = isHeldOutSubtraction(a, b);
        break;
    }
    }
    return w;
}

} // namespace moe::math

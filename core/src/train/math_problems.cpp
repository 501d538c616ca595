// Math problems: the fixed held-out rule, random problems of each kind, and the evaluation set.
// The line formats are documented in moe/math_problems.h; keep the two in step.
#include "moe/math_problems.h"

#include "corpus_rng.h"
#include "math_words.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <stdexcept>

namespace moe {

using corpus::Rng;
using corpus::stableHash;

namespace {

bool twoDigit(int v)
{
    return v >= 10 && v <= 99;
}

// Reads "<a> <op> <b> =" exactly as addition() and subtraction() write it.
bool parseBinary(std::string_view prompt, char op, int& a, int& b)
{
    const char* p = prompt.data();
    const char* end = p + prompt.size();
    auto [afterA, errA] = std::from_chars(p, end, a);
    if (errA != std::errc() || end - afterA < 3 || afterA[0] != ' ' || afterA[1] != op || afterA[2] != ' ')
        return false;
    auto [afterB, errB] = std::from_chars(afterA + 3, end, b);
    return errB == std::errc() && std::string_view(afterB, static_cast<size_t>(end - afterB)) == " =";
}

// Equation prompts are enumerable: the generator draws from the same space the evaluator lists.
struct Equation {
    int form, a, b, k;
};
constexpr std::array<double, 4> kEquationFormWeights = {0.35, 0.25, 0.25, 0.15};

std::string equationPrompt(const Equation& e)
{
    const std::string a = std::to_string(e.a), b = std::to_string(e.b);
    switch (e.form) {
    case 0:
        return a + "x + " + b + " = " + std::to_string(e.a * e.k + e.b) + ", so x =";
    case 1:
        return a + "x - " + b + " = " + std::to_string(e.a * e.k - e.b) + ", so x =";
    case 2:
        return "x + " + b + " = " + std::to_string(e.b + e.k) + ", so x =";
    default:
        return a + "x = " + std::to_string(e.a * e.k) + ", so x =";
    }
}

// The ranges of each form; form 1 needs a * k > b so that the right side stays positive.
bool validEquation(const Equation& e)
{
    switch (e.form) {
    case 0:
        return e.a >= 2 && e.a <= 9 && e.b >= 1 && e.b <= 20 && e.k >= 1 && e.k <= 12;
    case 1:
        return e.a >= 2 && e.a <= 9 && e.b >= 1 && e.b <= 20 && e.k >= 1 && e.k <= 12 && e.a * e.k > e.b;
    case 2:
        return e.b >= 1 && e.b <= 50 && e.k >= 1 && e.k <= 50;
    default:
        return e.a >= 2 && e.a <= 12 && e.k >= 1 && e.k <= 12;
    }
}

// True when the equation restates a held-out addition or subtraction fact (training skips it).
bool usesHeldOutFact(const Equation& e)
{
    switch (e.form) {
    case 0:
        return isHeldOutAddition(e.a * e.k, e.b) || isHeldOutSubtraction(e.a * e.k + e.b, e.b);
    case 1:
        return isHeldOutSubtraction(e.a * e.k, e.b) || isHeldOutAddition(e.a * e.k - e.b, e.b);
    case 2:
        return isHeldOutAddition(e.k, e.b) || isHeldOutSubtraction(e.b + e.k, e.b);
    default:
        return false;
    }
}

Equation randomEquation(Rng& rng)
{
    double r = rng.unit();
    int form = 0;
    while (form < 3 && r >= kEquationFormWeights[static_cast<size_t>(form)])
        r -= kEquationFormWeights[static_cast<size_t>(form++)];
    for (;;) {
        Equation e{form, rng.range(2, form == 3 ? 12 : 9), rng.range(1, form == 2 ? 50 : 20),
                   rng.range(1, form == 2 ? 50 : 12)};
        if (validEquation(e))
            return e;
    }
}

MathProblem makeProblem(MathKind kind, std::string prompt, long answer)
{
    return {kind, std::move(prompt), std::to_string(answer)};
}

MathProblem addition(int a, int b)
{
    return makeProblem(MathKind::Add, std::to_string(a) + " + " + std::to_string(b) + " =", a + b);
}
MathProblem subtraction(int a, int b)
{
    return makeProblem(MathKind::Sub, std::to_string(a) + " - " + std::to_string(b) + " =", a - b);
}
MathProblem times(int a, int b)
{
    return makeProblem(MathKind::Times, std::to_string(a) + " x " + std::to_string(b) + " =", a * b);
}
MathProblem equation(const Equation& e)
{
    return makeProblem(MathKind::Equation, equationPrompt(e), e.k);
}

MathProblem trainAddition(Rng& rng)
{
    for (;;) {
        const double r = rng.unit();
        int a, b;
        if (r < 0.75) { // the skill the evaluator asks
            a = rng.range(10, 99);
            b = rng.range(10, 99);
        } else if (r < 0.85) { // a 1-digit operand on either side
            a = rng.range(1, 9);
            b = rng.range(1, 99);
            if (rng.below(2) != 0)
                std::swap(a, b);
        } else { // 3-digit
            a = rng.range(100, 999);
            b = rng.range(10, 999);
            if (rng.below(2) != 0)
                std::swap(a, b);
        }
        if (!isHeldOutAddition(a, b))
            return addition(a, b);
    }
}

MathProblem trainSubtraction(Rng& rng)
{
    for (;;) {
        const double r = rng.unit();
        int a, b;
        if (r < 0.70) {
            a = rng.range(10, 99);
            b = rng.range(10, 99);
            if (b > a)
                std::swap(a, b);
        } else if (r < 0.80) {
            a = rng.range(10, 99);
            b = rng.range(1, 9);
        } else {
            a = rng.range(100, 999);
            b = rng.range(10, a);
        }
        if (!isHeldOutSubtraction(a, b))
            return subtraction(a, b);
    }
}

} // namespace

std::string_view mathKindName(MathKind kind)
{
    static constexpr std::array<std::string_view, kMathKindCount> kNames = {"add", "sub", "times", "equation",
                                                                            "word"};
    return kNames[static_cast<size_t>(kind)];
}

bool isCorrectContinuation(const MathProblem& problem, std::string_view continuation)
{
    const std::string want = " " + problem.answer;
    const size_t newline = continuation.find('\n');
    return continuation.substr(0, newline) == want;
}

bool isHeldOutAddition(int a, int b)
{
    if (!twoDigit(a) || !twoDigit(b))
        return false;
    const std::string key = "add:" + std::to_string(std::min(a, b)) + "+" + std::to_string(std::max(a, b));
    return stableHash(key) % 10 == 0;
}

bool isHeldOutSubtraction(int a, int b)
{
    if (!twoDigit(a) || !twoDigit(b) || b > a)
        return false;
    return stableHash("sub:" + std::to_string(a) + "-" + std::to_string(b)) % 10 == 0;
}

bool isHeldOut(const MathProblem& problem)
{
    int a = 0, b = 0;
    switch (problem.kind) {
    case MathKind::Add:
        return parseBinary(problem.prompt, '+', a, b) && isHeldOutAddition(a, b);
    case MathKind::Sub:
        return parseBinary(problem.prompt, '-', a, b) && isHeldOutSubtraction(a, b);
    case MathKind::Times:
        return false;
    case MathKind::Equation:
        return stableHash("equation:" + problem.prompt) % 8 == 0;
    case MathKind::Word:
        return stableHash("word:" + problem.prompt) % 8 == 0;
    }
    return false;
}

MathGenerator::MathGenerator(uint64_t seed) : m_state(seed) {}

MathProblem MathGenerator::problem(MathKind kind, MathSplit split)
{
    Rng rng(m_state);
    MathProblem result;
    const bool train = split == MathSplit::Train;
    switch (kind) {
    case MathKind::Add:
        if (train) {
            result = trainAddition(rng);
        } else {
            do
                result = addition(rng.range(10, 99), rng.range(10, 99));
            while (!isHeldOut(result));
        }
        break;
    case MathKind::Sub:
        if (train) {
            result = trainSubtraction(rng);
        } else {
            int a, b;
            do {
                a = rng.range(10, 99);
                b = rng.range(10, 99);
                if (b > a)
                    std::swap(a, b);
            } while (!isHeldOutSubtraction(a, b));
            result = subtraction(a, b);
        }
        break;
    case MathKind::Times:
        if (!train)
            throw std::invalid_argument(
                "MathGenerator: times facts are trained, there is no held-out times problem");
        result = times(rng.range(1, 12), rng.range(1, 12));
        break;
    case MathKind::Equation:
        for (;;) {
            const Equation e = randomEquation(rng);
            result = equation(e);
            if (isHeldOut(result) == !train && (!train || !usesHeldOutFact(e)))
                break;
        }
        break;
    case MathKind::Word:
        for (;;) {
            const math::WordProblem w = math::randomWordProblem(rng);
            result = makeProblem(MathKind::Word, w.prompt, w.answer);
            if (isHeldOut(result) == !train && (!train || !w.usesHeldOutFact))
                break;
        }
        break;
    }
    m_state = rng.state();
    return result;
}

std::vector<MathProblem> heldOutProblems(uint64_t seed, const HeldOutSizes& sizes)
{
    Rng rng(seed);
    // Enumerate a held-out pool, shuffle it with the seed, take the first n: distinct problems.
    const auto take = [&rng](std::vector<MathProblem> pool, int n, std::string_view kind) {
        if (n < 0 || static_cast<size_t>(n) > pool.size())
            throw std::invalid_argument("heldOutProblems: " + std::to_string(n) + " " + std::string(kind) +
                                        " problems asked, the held-out pool has " +
                                        std::to_string(pool.size()));
        for (size_t i = pool.size(); i > 1; --i)
            std::swap(pool[i - 1], pool[rng.below(i)]);
        pool.resize(static_cast<size_t>(n));
        return pool;
    };
    std::vector<MathProblem> adds, subs, equations;
    for (int a = 10; a <= 99; ++a) {
        for (int b = 10; b <= 99; ++b) {
            if (isHeldOutAddition(a, b))
                adds.push_back(addition(a, b));
            if (isHeldOutSubtraction(a, b))
                subs.push_back(subtraction(a, b));
        }
    }
    const auto addEquation = [&equations](const Equation& e) {
        MathProblem p = equation(e);
        if (validEquation(e) && isHeldOut(p))
            equations.push_back(std::move(p));
    };
    for (int form = 0; form < 2; ++form)
        for (int a = 2; a <= 9; ++a)
            for (int b = 1; b <= 20; ++b)
                for (int k = 1; k <= 12; ++k)
                    addEquation({form, a, b, k});
    for (int b = 1; b <= 50; ++b)
        for (int k = 1; k <= 50; ++k)
            addEquation({2, 1, b, k});
    for (int a = 2; a <= 12; ++a)
        for (int k = 1; k <= 12; ++k)
            addEquation({3, a, 0, k});

    std::vector<MathProblem> out = take(std::move(adds), sizes.add, "add");
    for (MathProblem& p : take(std::move(subs), sizes.sub, "sub"))
        out.push_back(std::move(p));
    for (int a = 1; a <= 12; ++a)
        for (int b = 1; b <= 12; ++b)
            out.push_back(times(a, b));
    for (MathProblem& p : take(std::move(equations), sizes.equation, "equation"))
        out.push_back(std::move(p));

    // Word problems are too many to list: draw held-out ones until there are enough distinct ones.
    if (sizes.word < 0 || sizes.word > 10000)
        throw std::invalid_argument("heldOutProblems: " + std::to_string(sizes.word) +
                                    " word problems asked");
    std::set<std::string> seen;
    MathGenerator words(rng.next());
    while (static_cast<int>(seen.size()) < sizes.word) {
        MathProblem p = words.problem(MathKind::Word, MathSplit::HeldOut);
        if (seen.insert(p.prompt).second)
            out.push_back(std::move(p));
    }
    return out;
}

} // namespace moe

// The math the corpus teaches and the evaluator asks: one problem per line, in a few fixed formats
// that a small model can learn from few tokens. Training text and evaluation prompts come from the
// same code, so a prompt is exactly a training line cut just before the answer:
//
//   add       "23 + 45 = 68"                       prompt "23 + 45 ="        answer "68"
//   sub       "68 - 23 = 45"                       prompt "68 - 23 ="        answer "45"
//   times     "7 x 8 = 56"  (training also says "7 times 8 is 56")   prompt "7 x 8 ="   answer "56"
//   equation  "3x + 5 = 20, so x = 5"              prompt "3x + 5 = 20, so x ="        answer "5"
//   word      "Mia has 12 shells and finds 7 more. How many shells does Mia have now? 19"
//             prompt: the line up to and including "?"                     answer "19"
//
// Held-out rule (fixed, independent of any seed, so every corpus skips the same problems):
//   - 2-digit addition: the unordered pair {a, b} (10 <= a, b <= 99) is held out when a stable hash
//     of it falls in one tenth of the hash range; both orders are then never trained on.
//   - 2-digit subtraction a - b (10 <= b <= a <= 99): the same, with its own hash.
//   - equations and word problems: a stable hash of the prompt selects one eighth.
//   A held-out addition or subtraction fact is also never used inside training equations or word
//   problems. The times tables are facts to learn: all 144 (1..12 x 1..12) are trained AND asked.
//
// Throws: nothing, except std::invalid_argument for impossible requests (e.g. more held-out
// problems of a kind than exist).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace moe {

enum class MathKind : int { Add = 0, Sub = 1, Times = 2, Equation = 3, Word = 4 };
inline constexpr int kMathKindCount = 5;
std::string_view mathKindName(MathKind kind); // "add", "sub", "times", "equation", "word"

struct MathProblem {
    MathKind kind = MathKind::Add;
    std::string prompt; // the training line up to the answer, e.g. "23 + 45 ="
    std::string answer; // decimal digits, e.g. "68"

    std::string line() const { return prompt + " " + answer + "\n"; } // exactly as in training text
    // What greedy decoding must produce after the prompt: " 68\n".
    std::string expectedContinuation() const { return " " + answer + "\n"; }
    // Tokens the evaluator should generate at most: digits are single tokens, plus the space and
    // the newline (a space before digits is its own token in moe's vocabularies).
    int maxContinuationTokens() const { return static_cast<int>(answer.size()) + 2; }
};

// Exact match: the continuation up to its first newline must be " <answer>" (a continuation that
// ends right after the answer, without a newline, also counts: generation may stop at EOS).
bool isCorrectContinuation(const MathProblem& problem, std::string_view continuation);

// The fixed held-out rule above. Times problems are never held out.
bool isHeldOut(const MathProblem& problem);
bool isHeldOutAddition(int a, int b);    // a + b, both 2-digit; order does not matter
bool isHeldOutSubtraction(int a, int b); // a - b, both 2-digit

struct HeldOutSizes {
    int add = 200;
    int sub = 200;
    int equation = 100;
    int word = 100;
    // times: always all 144 facts
};

// The evaluation problems: `sizes` distinct held-out problems per kind, chosen by `seed`, plus all
// 144 times facts (1 x 1 ... 12 x 12, in order). Add and sub come first, then times, equation, word.
// Throws std::invalid_argument if a size exceeds the held-out pool (about 400 add, 400 sub).
std::vector<MathProblem> heldOutProblems(uint64_t seed, const HeldOutSizes& sizes = {});

enum class MathSplit { Train, HeldOut };

// Seeded generator of math problems and documents. Train never yields a held-out problem; HeldOut
// yields only held-out problems (and no times facts: they are trained).
class MathGenerator {
public:
    explicit MathGenerator(uint64_t seed);

    // One random problem of the kind. Train: add is 2-digit + 2-digit mostly, sometimes with a
    // 1-digit or 3-digit operand; sub never goes below zero. HeldOut: add, sub are 2-digit only;
    // Times is not allowed (std::invalid_argument).
    MathProblem problem(MathKind kind, MathSplit split);
    // A document of several lines mixing kinds, each line a problem with its answer: mixed lines,
    // a drill of one kind, a whole times table (in either phrasing), or a few word problems.
    std::string document(MathSplit split);

    uint64_t state() const { return m_state; }
    void setState(uint64_t state) { m_state = state; }

private:
    uint64_t m_state;
};

} // namespace moe

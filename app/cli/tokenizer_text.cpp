#include "tokenizer_text.h"

#include <random>

namespace cli {

namespace {

const char* const kEnglish[] = {
    "The moon rose over the quiet harbour, and the boats rocked gently in the evening tide.",
    "A router reads each token and wakes only a few experts; the others sleep until they are needed.",
    "She counted the apples: 12 in the basket, 7 on the table, and 3 still on the tree.",
    "Rain taps the window like a patient friend, telling stories of the clouds it came from.",
    "If a train leaves at 9:45 and travels for 2 hours, it arrives at 11:45.",
    "Every layer of the model has its own router, and each one makes its choice independently.",
    "Café, naïve, Grüße, señor, 東京, Ελλάδα: words from many languages are just bytes to a tokenizer.",
    "Seven times eight is fifty-six; seven times nine is sixty-three.",
    "The wind wrote poems in the sand, and the sea erased them, line by line.",
    "\"Why,\" asked the child, \"does the expert sleep?\" \"Because nobody asked it a question,\" said the "
    "teacher.",
};

const char* const kOnsets[] = {"b", "c", "d",  "f",  "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s", "t",
                               "v", "w", "br", "ch", "dr", "fl", "gr", "pl", "sh", "st", "th", "tr", ""};
const char* const kVowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "oo", "y"};
const char* const kCodas[] = {"", "", "", "n", "r", "s", "t", "ck", "ng", "ll", "m", "nd"};

} // namespace

std::vector<std::string> tokenizerTrainingText(int vocabSize, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    const auto pick = [&](const auto& table) {
        const size_t n = std::size(table);
        return std::string(table[rng() % n]);
    };
    std::vector<std::string> texts(std::begin(kEnglish), std::end(kEnglish));
    for (int i = 0; i < 200; ++i) {
        const int a = static_cast<int>(rng() % 100), b = static_cast<int>(rng() % 100);
        texts.push_back(std::to_string(a) + " + " + std::to_string(b) + " = " + std::to_string(a + b) + "\n");
    }
    // A lexicon of pseudo-words, each used many times, so the BPE can learn up to vocabSize tokens.
    std::vector<std::string> lexicon;
    for (int i = 0; i < vocabSize; ++i) {
        std::string word;
        const int syllables = 1 + static_cast<int>(rng() % 3);
        for (int s = 0; s < syllables; ++s)
            word += pick(kOnsets) + pick(kVowels) + pick(kCodas);
        lexicon.push_back(word);
    }
    std::string paragraph;
    for (int i = 0; i < vocabSize * 24; ++i) {
        paragraph += (rng() % 9 == 0 ? ". " : " ") + lexicon[rng() % lexicon.size()];
        if (paragraph.size() > 400) {
            texts.push_back(paragraph + ".\n");
            paragraph.clear();
        }
    }
    texts.push_back(paragraph);
    return texts;
}

} // namespace cli

// Corpus: fortune parsing and its errors, the review (offensive set refused, blocked and excluded
// entries dropped), the held-out split (poems and math never trained on), determinism, math answers
// recomputed from the text, evaluation prompts in the training format, and the training windows.
// Tests on the real corpus need Debian's fortunes packages (CI installs them); they skip without.
#include "moe/corpus.h"
#include "moe/error.h"
#include "moe/math_problems.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <string>

namespace {

constexpr uint64_t kSeed = 7; // printed by initTestCase
const char* kFortunes = "/usr/share/games/fortunes";

void writeFile(const std::filesystem::path& path, const std::string& bytes)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

bool contains(std::string_view haystack, std::string_view needle)
{
    return haystack.find(needle) != std::string::npos;
}

// Does `prompt` occur in `text` where a problem could start (not inside a longer number)?
bool occursAsProblem(const std::string& text, const std::string& prompt)
{
    for (size_t at = text.find(prompt); at != std::string::npos; at = text.find(prompt, at + 1))
        if (at == 0 || !std::isdigit(static_cast<unsigned char>(text[at - 1])))
            return true;
    return false;
}

// Every "<a> <op> <b> =" in the text (a not preceded by a digit): the same search as
// occursAsProblem for all additions and subtractions at once, in one pass over the text.
std::set<std::string> binaryPromptsIn(const std::string& text)
{
    std::set<std::string> found;
    const auto digit = [&text](size_t i) {
        return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
    };
    for (size_t i = 0; i < text.size(); ++i) {
        if (!digit(i) || (i > 0 && digit(i - 1)))
            continue;
        size_t j = i;
        while (digit(j))
            ++j;
        if (j + 3 > text.size() || text[j] != ' ' || (text[j + 1] != '+' && text[j + 1] != '-') ||
            text[j + 2] != ' ')
            continue;
        size_t k = j + 3;
        if (!digit(k))
            continue;
        while (digit(k))
            ++k;
        if (text.compare(k, 2, " =") == 0)
            found.insert(text.substr(i, k + 2 - i));
    }
    return found;
}

long num(const QRegularExpressionMatch& m, int i)
{
    return m.captured(i).toLong();
}

// Recomputes the answer of a training or held-out math line from its text alone; nullopt if the
// line is in none of the formats. `usesHeldOutFact` tells whether it restates a held-out fact.
struct Recomputed {
    long expected = 0, written = 0;
    bool usesHeldOutFact = false;
};
std::optional<Recomputed> recompute(const std::string& line)
{
    static const QRegularExpression binary(R"(^(\d+) ([-+x]|times) (\d+) (=|is) (\d+)$)");
    static const QRegularExpression equation(R"(^(\d*)x(?: ([-+]) (\d+))? = (\d+), so x = (\d+)$)");
    static const QRegularExpression finds(
        R"(^(\w+) has (\d+) (\w+) and finds (\d+) more\. How many \3 does \1 have now\? (\d+)$)");
    static const QRegularExpression gives(
        R"(^(\w+) has (\d+) (\w+) and gives (\d+) to a friend\. How many \3 does \1 have left\? (\d+)$)");
    static const QRegularExpression bags(
        R"(^(\w+) has (\d+) bags with (\d+) (\w+) in each bag\. How many \4 is that in all\? (\d+)$)");
    static const QRegularExpression shares(
        R"(^(\w+) shares (\d+) (\w+) equally among (\d+) friends\. How many \3 does each friend get\? (\d+)$)");
    static const QRegularExpression box(
        R"(^There are (\d+) (\w+) in a box\. (\w+) puts in (\d+) more\. How many \2 are in the box now\? (\d+)$)");
    static const QRegularExpression compare(
        R"(^(\w+) has (\d+) (\w+) and (\w+) has (\d+)\. How many more \3 does \1 have than \4\? (\d+)$)");
    const QString q = QString::fromStdString(line);
    Recomputed r;
    if (auto m = binary.match(q); m.hasMatch()) {
        const long a = num(m, 1), b = num(m, 3);
        const QString op = m.captured(2);
        if ((op == "times") != (m.captured(4) == "is"))
            return std::nullopt;
        r.expected = op == "+" ? a + b : op == "-" ? a - b : a * b;
        r.written = num(m, 5);
        r.usesHeldOutFact = (op == "+" && moe::isHeldOutAddition(int(a), int(b))) ||
                            (op == "-" && moe::isHeldOutSubtraction(int(a), int(b)));
    } else if (auto m = equation.match(q); m.hasMatch()) {
        const long a = m.captured(1).isEmpty() ? 1 : num(m, 1), b = num(m, 3), c = num(m, 4), k = num(m, 5);
        const bool plus = m.captured(2) == "+", minus = m.captured(2) == "-";
        r.expected = k; // the written solution must satisfy the equation
        r.written = (plus ? a * k + b : minus ? a * k - b : a * k) == c ? k : -1;
        r.usesHeldOutFact =
            plus ? moe::isHeldOutAddition(int(a * k), int(b)) || moe::isHeldOutSubtraction(int(c), int(b))
                 : minus && (moe::isHeldOutSubtraction(int(a * k), int(b)) ||
                             moe::isHeldOutAddition(int(c), int(b)));
    } else if (auto m = finds.match(q); m.hasMatch()) {
        r = {num(m, 2) + num(m, 4), num(m, 5), moe::isHeldOutAddition(int(num(m, 2)), int(num(m, 4)))};
    } else if (auto m = gives.match(q); m.hasMatch()) {
        r = {num(m, 2) - num(m, 4), num(m, 5), moe::isHeldOutSubtraction(int(num(m, 2)), int(num(m, 4)))};
    } else if (auto m = bags.match(q); m.hasMatch()) {
        r = {num(m, 2) * num(m, 3), num(m, 5), false};
    } else if (auto m = shares.match(q); m.hasMatch()) {
        if (num(m, 2) % num(m, 4) != 0)
            return std::nullopt;
        r = {num(m, 2) / num(m, 4), num(m, 5), false};
    } else if (auto m = box.match(q); m.hasMatch()) {
        r = {num(m, 1) + num(m, 4), num(m, 5), moe::isHeldOutAddition(int(num(m, 1)), int(num(m, 4)))};
    } else if (auto m = compare.match(q); m.hasMatch()) {
        if (m.captured(1) == m.captured(4))
            return std::nullopt;
        r = {num(m, 2) - num(m, 5), num(m, 6), moe::isHeldOutSubtraction(int(num(m, 2)), int(num(m, 5)))};
    } else {
        return std::nullopt;
    }
    return r;
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        out.push_back(text.substr(start, nl - start));
    return out;
}

// A small fortunes directory: a poem file, an english file, and the offensive set beside them.
moe::FortuneReview fakeReview(const std::filesystem::path& dir)
{
    writeFile(dir / "poems",
              "Roses are red,\nviolets are blue.\n\t\t-- Anon\n%\nThe owl and the pussy-cat\nwent to sea\n"
              "%\nA poem with a beer in it\n%\nA poem a person rejected\n%\n");
    writeFile(dir / "sayings", "Look before you leap.\n%\nHaste makes waste.\n%\n");
    writeFile(dir / "off" / "poems", "POISON off-entry\n%\n");
    writeFile(dir / "off" / "sayings", "POISON off-saying\n%\n");
    writeFile(dir / "unlisted", "POISON unlisted category\n%\n");
    moe::FortuneReview review;
    review.categories = {{"poems", moe::Domain::Poem, "fortunes", 0},
                         {"sayings", moe::Domain::English, "fortunes-min", 0}};
    review.blockedWords = {"beer*"};
    review.excludedKeys = {moe::fortuneKey(moe::normaliseFortune("A poem a person rejected"))};
    return review;
}

} // namespace

class TestCorpus : public QObject {
    Q_OBJECT

    std::optional<moe::Corpus> m_real; // built once: the real fortunes with a small math part
    moe::CorpusOptions m_realOptions;

private slots:
    void initTestCase()
    {
        qInfo("seed %llu", static_cast<unsigned long long>(kSeed));
        if (!std::filesystem::exists(std::filesystem::path(kFortunes) / "songs-poems"))
            return; // the tests that need it skip
        m_realOptions.seed = kSeed;
        m_realOptions.mathTrainBytes = 300000;
        m_realOptions.mathHeldOutBytes = 30000;
        m_real = moe::buildCorpus(m_realOptions);
    }

    // ---- fortune files ----

    void parsesEntriesAndSkipsEmptyOnes()
    {
        const auto entries = moe::parseFortunes("%\nfirst\n%\n%\nsecond\nline\n%\n\n%\nthird", "test");
        QCOMPARE(entries.size(), size_t(3));
        QCOMPARE(entries[0].text, std::string("first"));
        QCOMPARE(entries[1].text, std::string("second\nline"));
        QCOMPARE(entries[1].line, size_t(5));
        QCOMPARE(entries[2].text, std::string("third"));
        QCOMPARE(entries[2].index, size_t(2));
    }

    void malformedFileIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("binary .dat") << QByteArray("\x00\x00\x00\x02text\n", 9) << "NUL byte at offset 0";
        QTest::newRow("CRLF") << QByteArray("one\r\n%\r\ntwo\r\n") << "carriage return";
        QTest::newRow("invalid UTF-8")
            << QByteArray("ok\n%\nbad \xC3\x28 byte\n") << "invalid UTF-8 at offset 9 (line 3)";
        QTest::newRow("bad separator") << QByteArray("one\n%%\ntwo\n") << "line 2";
        QTest::newRow("empty") << QByteArray("\n%\n%\n") << "no fortune entries";
    }
    void malformedFileIsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        try {
            moe::parseFortunes(std::string_view(bytes.constData(), size_t(bytes.size())), "broken-file");
            QFAIL("a malformed fortune file was accepted");
        } catch (const moe::FormatError& e) {
            QVERIFY2(contains(e.what(), "broken-file") && contains(e.what(), mentions.toStdString()),
                     e.what());
        }
    }

    void normaliseStripsAttributionAndTabs()
    {
        const std::string entry =
            "\tA line\twith  tabs   \n\n\n  indented\n\t\t-- Someone Famous,\n\t\t   \"A Book\"\n\n";
        QCOMPARE(moe::normaliseFortune(entry), std::string("  A line with tabs\n\n  indented\n"));
        QCOMPARE(moe::normaliseFortune("Quote\n-- not indented, so kept"),
                 std::string("Quote\n-- not indented, so kept\n"));
        QCOMPARE(moe::normaliseFortune("\t\t-- Only an author"), std::string());
        QCOMPARE(moe::fortuneKey("Two  words\n"), moe::fortuneKey("two\twords"));
    }

    void blockedWordsAreWholeWords()
    {
        const std::vector<std::string> words = {"gin", "kill*"};
        QVERIFY(moe::containsBlockedWord("Gin and tonic", words));
        QVERIFY(moe::containsBlockedWord("a killer whale", words));
        QVERIFY(!moe::containsBlockedWord("Begin the engine", words));
        QVERIFY(!moe::containsBlockedWord("skill", words));
    }

    // ---- the review ----

    void offensiveSetIsRefused_data()
    {
        QTest::addColumn<QString>("line");
        QTest::newRow("off") << "off english fortunes 0000000000000000";
        QTest::newRow("off/racism") << "off/racism english fortunes 0000000000000000";
        QTest::newRow("path") << "../off/racism english fortunes 0000000000000000";
    }
    void offensiveSetIsRefused()
    {
        QFETCH(QString, line);
        try {
            moe::FortuneReview::parse(line.toStdString(), "", "");
            QFAIL("the review list accepted an offensive or path category");
        } catch (const moe::FormatError& e) {
            QVERIFY2(contains(e.what(), "categories.txt") && contains(e.what(), "line 1"), e.what());
        }
    }

    void onlyListedCategoriesAreRead()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const std::filesystem::path dir = tmp.path().toStdString();
        moe::CorpusOptions options;
        options.fortunesDir = dir;
        options.review = fakeReview(dir);
        options.mathTrainBytes = 2000;
        options.mathHeldOutBytes = 500;
        const moe::Corpus corpus = moe::buildCorpus(options);
        std::string all;
        for (const auto* split : {&corpus.train, &corpus.heldOut})
            for (const auto& docs : *split)
                for (const moe::Document& doc : docs)
                    all += doc.text;
        QVERIFY2(!contains(all, "POISON"), "text from the offensive set or an unlisted category was used");
        QVERIFY(!contains(all, "beer"));     // blocked word
        QVERIFY(!contains(all, "rejected")); // excluded entry
        QVERIFY(!contains(all, "-- Anon"));  // attribution stripped
        QVERIFY(contains(all, "Roses are red,\nviolets are blue.\n"));
        QCOMPARE(corpus.stats.blocked, size_t(1));
        QCOMPARE(corpus.stats.excluded, size_t(1));
        QCOMPARE(corpus.stats.unmatchedExclusions, size_t(0));
    }

    void missingFileNamesThePackage()
    {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        moe::CorpusOptions options;
        options.fortunesDir = dir;
        options.review = fakeReview(dir);
        std::filesystem::remove(dir / "sayings");
        try {
            moe::buildCorpus(options);
            QFAIL("a missing fortune file was not reported");
        } catch (const moe::FormatError& e) {
            QVERIFY2(contains(e.what(), "sayings") && contains(e.what(), "apt-get install fortunes-min"),
                     e.what());
        }
    }

    void changedFileIsRefused()
    {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        moe::CorpusOptions options;
        options.fortunesDir = dir;
        options.review = fakeReview(dir);
        options.review->categories[0].fileHash = 0x0123456789abcdefull; // not the file's hash
        try {
            moe::buildCorpus(options);
            QFAIL("a fortune file that differs from the reviewed copy was used");
        } catch (const moe::FormatError& e) {
            QVERIFY2(contains(e.what(), "poems") && contains(e.what(), "0123456789abcdef"), e.what());
        }
    }

    void builtInReviewMatchesInstalledFortunes()
    {
        if (!m_real)
            QSKIP("Debian's fortunes packages are not installed");
        const moe::FortuneReview review = moe::FortuneReview::builtIn();
        QVERIFY(review.categories.size() >= 2);
        QCOMPARE(review.categories[0].name, std::string("songs-poems"));
        QCOMPARE(m_real->stats.unmatchedExclusions, size_t(0)); // every reviewed exclusion still applies
        const std::set<uint64_t> excluded(review.excludedKeys.begin(), review.excludedKeys.end());
        for (const auto* split : {&m_real->train, &m_real->heldOut})
            for (const moe::Domain d : {moe::Domain::Poem, moe::Domain::English})
                for (const moe::Document& doc : (*split)[size_t(d)]) {
                    QVERIFY2(!moe::containsBlockedWord(doc.text, review.blockedWords), doc.text.c_str());
                    QVERIFY2(excluded.count(moe::fortuneKey(doc.text)) == 0, doc.text.c_str());
                }
        for (const moe::Domain d : {moe::Domain::Poem, moe::Domain::English})
            QVERIFY(m_real->stats.domains[size_t(d)].trainDocuments > 200);
    }

    // ---- held-out data ----

    void heldOutFortunesAreNeverTrained()
    {
        if (!m_real)
            QSKIP("Debian's fortunes packages are not installed");
        const auto squash = [](const std::string& text) {
            std::string out;
            for (char c : text)
                if (!std::isspace(static_cast<unsigned char>(c)))
                    out.push_back(char(std::tolower(static_cast<unsigned char>(c))));
            return out;
        };
        std::vector<std::string> trained;
        for (const auto& docs : m_real->train)
            for (const moe::Document& doc : docs)
                if (doc.domain != moe::Domain::Math)
                    trained.push_back(squash(doc.text));
        for (const moe::Domain d : {moe::Domain::Poem, moe::Domain::English}) {
            const auto& held = m_real->heldOut[size_t(d)];
            const size_t total = held.size() + m_real->train[size_t(d)].size();
            QVERIFY2(held.size() * 20 > total && held.size() * 6 < total,
                     "expected about one in ten held out");
            for (const moe::Document& doc : held) {
                const std::string h = squash(doc.text);
                for (const std::string& t : trained)
                    QVERIFY2(!contains(t, h) && !contains(h, t), doc.text.c_str());
            }
        }
    }

    void heldOutMathNeverInTrainingText()
    {
        if (!m_real)
            QSKIP("Debian's fortunes packages are not installed");
        std::string text; // every training document, all domains
        for (const std::string& t : m_real->trainTexts())
            text += t;
        std::vector<moe::MathProblem> pool = moe::heldOutProblems(kSeed, {200, 200, 100, 100});
        for (int a = 10; a <= 99; ++a) // the whole 2-digit held-out pools, both orders of a sum
            for (int b = 10; b <= 99; ++b) {
                if (moe::isHeldOutAddition(a, b))
                    pool.push_back(
                        {moe::MathKind::Add, std::to_string(a) + " + " + std::to_string(b) + " =", ""});
                if (moe::isHeldOutSubtraction(a, b))
                    pool.push_back(
                        {moe::MathKind::Sub, std::to_string(a) + " - " + std::to_string(b) + " =", ""});
            }
        const std::set<std::string> binary = binaryPromptsIn(text);
        QVERIFY(binary.size() > 2000); // the scan does find the training problems
        int checked = 0;
        for (const moe::MathProblem& p : pool) {
            if (p.kind == moe::MathKind::Times)
                continue;
            QVERIFY2(moe::isHeldOut(p), p.prompt.c_str());
            const bool found = p.kind == moe::MathKind::Add || p.kind == moe::MathKind::Sub
                                   ? binary.count(p.prompt) != 0
                                   : occursAsProblem(text, p.prompt);
            QVERIFY2(!found, ("held-out problem in training text: " + p.prompt).c_str());
            ++checked;
        }
        QVERIFY(checked > 1000);
        // ... and every times fact IS trained (they are facts to learn, all asked at evaluation).
        for (int a = 1; a <= 12; ++a)
            for (int b = 1; b <= 12; ++b)
                QVERIFY(occursAsProblem(text, std::to_string(a) + " x " + std::to_string(b) + " = "));
    }

    // ---- determinism ----

    void sameSeedSameCorpus()
    {
        if (!m_real)
            QSKIP("Debian's fortunes packages are not installed");
        const moe::Corpus again = moe::buildCorpus(m_realOptions);
        QCOMPARE(again.stats.fingerprint, m_real->stats.fingerprint);
        QCOMPARE(again.trainTexts(), m_real->trainTexts());
        moe::CorpusOptions other = m_realOptions;
        other.seed = kSeed + 1;
        const moe::Corpus different = moe::buildCorpus(other);
        QVERIFY(different.stats.fingerprint != m_real->stats.fingerprint);
        QCOMPARE(different.train[size_t(moe::Domain::Poem)].size(),
                 m_real->train[size_t(moe::Domain::Poem)].size());
    }

    // ---- math ----

    void mathAnswersAreCorrect()
    {
        for (const moe::MathSplit split : {moe::MathSplit::Train, moe::MathSplit::HeldOut}) {
            moe::MathGenerator generator(kSeed);
            int checked = 0;
            for (int doc = 0; doc < 600; ++doc) {
                for (const std::string& line : lines(generator.document(split))) {
                    const auto r = recompute(line);
                    QVERIFY2(r.has_value(), ("not a known math format: " + line).c_str());
                    QVERIFY2(r->written == r->expected, ("wrong answer: " + line).c_str());
                    if (split == moe::MathSplit::Train)
                        QVERIFY2(!r->usesHeldOutFact,
                                 ("training line restates a held-out fact: " + line).c_str());
                    ++checked;
                }
            }
            QVERIFY(checked > 3000);
        }
    }

    void trainingMathHasTheExpectedMix()
    {
        moe::MathGenerator generator(kSeed);
        std::string text;
        for (int i = 0; i < 2000; ++i)
            text += generator.document(moe::MathSplit::Train);
        int twoDigitAdd = 0, threeDigit = 0, timesWords = 0, equations = 0, words = 0;
        static const QRegularExpression add2(R"(^\d\d \+ \d\d = )"), big(R"(^(\d{3} [-+] |\d+ [-+] \d{3} ))");
        for (const std::string& line : lines(text)) {
            const QString q = QString::fromStdString(line);
            twoDigitAdd += add2.match(q).hasMatch();
            threeDigit += big.match(q).hasMatch();
            timesWords += contains(line, " times ");
            equations += contains(line, ", so x = ");
            words += contains(line, "How many");
        }
        QVERIFY(twoDigitAdd > 1000 && threeDigit > 100 && timesWords > 200 && equations > 300 && words > 500);
    }

    void evalProblemsAreHeldOutAndCorrect()
    {
        const std::vector<moe::MathProblem> problems = moe::heldOutProblems(kSeed);
        int count[moe::kMathKindCount] = {};
        std::set<std::string> prompts;
        for (const moe::MathProblem& p : problems) {
            ++count[int(p.kind)];
            QVERIFY2(prompts.insert(p.prompt).second, ("duplicate problem " + p.prompt).c_str());
            QVERIFY2(p.kind == moe::MathKind::Times || moe::isHeldOut(p), p.prompt.c_str());
            QCOMPARE(p.line(), p.prompt + p.expectedContinuation());
            std::string line = p.line();
            line.pop_back();
            const auto r = recompute(line); // the eval line parses like a training line
            QVERIFY2(r && r->written == r->expected, line.c_str());
        }
        QCOMPARE(count[int(moe::MathKind::Add)], 200);
        QCOMPARE(count[int(moe::MathKind::Sub)], 200);
        QCOMPARE(count[int(moe::MathKind::Times)], 144);
        QCOMPARE(count[int(moe::MathKind::Equation)], 100);
        QCOMPARE(count[int(moe::MathKind::Word)], 100);
        QVERIFY(moe::heldOutProblems(kSeed)[0].prompt == problems[0].prompt);
        QVERIFY(moe::heldOutProblems(kSeed + 1)[0].prompt != problems[0].prompt);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, moe::heldOutProblems(kSeed, {5000, 1, 1, 1}));
    }

    void continuationCheckIsExact()
    {
        const moe::MathProblem p{moe::MathKind::Add, "23 + 45 =", "68"};
        QVERIFY(moe::isCorrectContinuation(p, " 68\n"));
        QVERIFY(moe::isCorrectContinuation(p, " 68\n12 + 3 = 15"));
        QVERIFY(moe::isCorrectContinuation(p, " 68"));
        QVERIFY(!moe::isCorrectContinuation(p, " 681\n"));
        QVERIFY(!moe::isCorrectContinuation(p, "68\n"));
        QVERIFY(!moe::isCorrectContinuation(p, " 6"));
        QVERIFY(!moe::isCorrectContinuation(p, " 68 apples\n"));
    }

    void evalPromptsTokeniseAsTrainingPrefixes()
    {
        // A vocabulary from generated math and a few sentences is enough to exercise the merges.
        moe::MathGenerator generator(kSeed);
        std::vector<std::string> texts;
        for (int i = 0; i < 300; ++i)
            texts.push_back(generator.document(moe::MathSplit::Train));
        texts.push_back("The owl and the pussy-cat went to sea in a beautiful pea-green boat.\n");
        moe::BpeTrainingOptions bpe;
        bpe.vocabSize = 400;
        const moe::Tokenizer tokenizer = moe::Tokenizer::train(texts, bpe);
        for (const moe::MathProblem& p : moe::heldOutProblems(kSeed, {40, 40, 40, 40})) {
            const std::vector<int> prompt = tokenizer.encode(p.prompt), full = tokenizer.encode(p.line());
            QVERIFY2(full.size() > prompt.size() && std::equal(prompt.begin(), prompt.end(), full.begin()),
                     ("prompt tokens are not a prefix of the training line: " + p.line()).c_str());
            const std::vector<int> rest(full.begin() + std::ptrdiff_t(prompt.size()), full.end());
            QCOMPARE(tokenizer.decode(rest), p.expectedContinuation());
            QVERIFY(int(rest.size()) <= p.maxContinuationTokens());
        }
    }

    // ---- tokens and windows ----

    void documentsStartWithBos()
    {
        moe::MathGenerator generator(kSeed);
        std::vector<std::string> texts = {generator.document(moe::MathSplit::Train)};
        const moe::Tokenizer tokenizer = moe::Tokenizer::train(texts, {});
        const std::vector<moe::Document> docs = {{moe::Domain::Math, "1 + 2 = 3\n"},
                                                 {moe::Domain::Poem, "Hi\n"}};
        const std::vector<int> stream = moe::tokenizeDocuments(tokenizer, docs);
        QCOMPARE(stream.front(), tokenizer.bosId());
        QCOMPARE(std::count(stream.begin(), stream.end(), tokenizer.bosId()), std::ptrdiff_t(2));
        const std::vector<int> first(stream.begin() + 1,
                                     std::find(stream.begin() + 1, stream.end(), tokenizer.bosId()));
        QCOMPARE(tokenizer.decode(first), docs[0].text);
    }

    void windowsAreDeterministicAndResume()
    {
        moe::DomainStreams streams;
        for (int d = 0; d < moe::kDomainCount; ++d)
            for (int i = 0; i < 500 + 100 * d; ++i)
                streams[size_t(d)].push_back(d * 1000 + i); // ids say where a window came from
        streams[size_t(moe::Domain::User)].resize(5);       // shorter than a window: wraps
        const auto weights = moe::domainWeights(streams, 0.5);
        QCOMPARE(weights[size_t(moe::Domain::Math)], 0.5);
        moe::CorpusTrainingData a(streams, weights, kSeed), b(streams, weights, kSeed);
        const int count = 64, length = 33;
        std::vector<int> wa(count * length), wb(count * length);
        a.nextWindows(count, length, wa);
        const std::string saved = a.state();
        b.nextWindows(count, length, wb);
        QCOMPARE(wa, wb);
        for (int round = 0; round < 30; ++round)
            a.nextWindows(count, length, wa);
        moe::CorpusTrainingData resumed(streams, weights, kSeed + 99);
        resumed.restoreState(saved);
        for (int round = 0; round < 30; ++round)
            resumed.nextWindows(count, length, wb);
        QCOMPARE(wb, wa); // the resumed source continues exactly where the saved one was
        // Every window is consecutive ids of one domain (wrapping only in the tiny stream).
        for (int w = 0; w < count; ++w) {
            const int d = wa[size_t(w * length)] / 1000;
            const int n = int(streams[size_t(d)].size());
            for (int i = 1; i < length; ++i)
                QCOMPARE(wa[size_t(w * length + i)], d * 1000 + (wa[size_t(w * length)] % 1000 + i) % n);
        }
        const auto drawn = a.windowsDrawn();
        const double math = double(drawn[size_t(moe::Domain::Math)]) / double(31 * count);
        QVERIFY2(math > 0.43 && math < 0.57, qPrintable(QString::number(math)));
        moe::DomainStreams other = streams;
        other[0][0] = 42;
        moe::CorpusTrainingData different(other, weights, kSeed);
        QVERIFY_THROWS_EXCEPTION(moe::FormatError, different.restoreState(saved));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 moe::CorpusTrainingData(moe::DomainStreams{}, weights, 1));
    }

    void optionsFromSettings()
    {
        const moe::Settings settings = moe::Settings::parse(
            "fortunes_dir = /tmp/f\ncorpus_seed = 9\nmath_share = 0.25\nuser_files = a.txt, b.txt\n",
            "test.conf");
        const moe::CorpusOptions o = moe::CorpusOptions::fromSettings(settings);
        QCOMPARE(o.fortunesDir.string(), std::string("/tmp/f"));
        QCOMPARE(o.seed, uint64_t(9));
        QCOMPARE(o.mathShare, 0.25);
        QCOMPARE(o.userFiles.size(), size_t(2));
        QCOMPARE(o.userFiles[1].string(), std::string("b.txt"));
        settings.requireAllUsed();
    }

    void userFilesAreTrainedDocuments()
    {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        writeFile(dir / "mine.txt", "My own little poem\r\nabout the sea");
        moe::CorpusOptions options;
        options.fortunesDir = dir / "fortunes";
        options.review = fakeReview(dir / "fortunes");
        options.mathTrainBytes = 1000;
        options.userFiles = {dir / "mine.txt"};
        const moe::Corpus corpus = moe::buildCorpus(options);
        const auto& user = corpus.train[size_t(moe::Domain::User)];
        QCOMPARE(user.size(), size_t(1));
        QCOMPARE(user[0].text, std::string("My own little poem\nabout the sea\n"));
        options.userFiles = {dir / "missing.txt"};
        QVERIFY_THROWS_EXCEPTION(moe::FormatError, moe::buildCorpus(options));
    }
};

QTEST_APPLESS_MAIN(TestCorpus)
#include "test_corpus.moc"

// buildCorpus: reviewed fortunes (poem and english), generated math, user files; the held-out split.
#include "moe/corpus.h"
#include "moe/error.h"

#include "corpus_rng.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

namespace moe {
namespace {

// One entry in ten of each fortune domain is held out, chosen by its key (so by its text alone).
bool heldOutFortune(uint64_t key)
{
    return corpus::stableHash("heldout:" + std::to_string(key)) % 10 == 0;
}

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path.string(), "cannot be read");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad())
        throw FormatError(path.string(), "read error");
    return bytes.str();
}

std::string hex64(uint64_t v)
{
    static const char* digits = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4)
        s[static_cast<size_t>(i)] = digits[v & 0xF];
    return s;
}

// Lower case without any whitespace: the form in which overlapping quotes are found (the same quote
// is wrapped differently in different categories).
std::string overlapForm(std::string_view text)
{
    std::string out;
    for (const char c : text)
        if (c != ' ' && c != '\t' && c != '\n')
            out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    return out;
}

struct Candidate {
    Domain domain;
    std::string text;
    uint64_t key;
};

void readFortunes(const CorpusOptions& options, const FortuneReview& review, Corpus& corpus)
{
    const std::unordered_set<uint64_t> excluded(review.excludedKeys.begin(), review.excludedKeys.end());
    std::unordered_set<uint64_t> matched, seen;
    std::vector<Candidate> heldOut;
    for (const FortuneCategory& category : review.categories) {
        if (category.domain != Domain::Poem && category.domain != Domain::English)
            throw std::invalid_argument("fortune category \"" + category.name + "\" must be poem or english");
        if (category.name.empty() || category.name.find('/') != std::string::npos || category.name == "off")
            throw std::invalid_argument("fortune category \"" + category.name +
                                        "\" is not a plain file name");
        const std::filesystem::path path = options.fortunesDir / category.name;
        if (!std::filesystem::is_regular_file(path))
            throw FormatError(path.string(), "missing: install the Debian package \"" + category.package +
                                                 "\" (apt-get install " + category.package + ")");
        const std::string bytes = readFile(path);
        const uint64_t hash = corpus::stableHash(bytes);
        if (category.fileHash != 0 && hash != category.fileHash)
            throw FormatError(path.string(), "differs from the reviewed copy (hash " + hex64(hash) +
                                                 ", expected " + hex64(category.fileHash) +
                                                 "; reviewed: Debian 12, " + category.package +
                                                 " 1:1.99.1-7.3): only text a person has read is trained on, "
                                                 "see resources/corpus/README.md");
        for (const FortuneEntry& entry : parseFortunes(bytes, path.string())) {
            ++corpus.stats.fortuneEntries;
            std::string text = normaliseFortune(entry.text);
            if (text.empty())
                continue;
            const uint64_t key = fortuneKey(text);
            if (containsBlockedWord(text, review.blockedWords)) {
                ++corpus.stats.blocked;
            } else if (excluded.count(key) != 0) {
                ++corpus.stats.excluded;
                matched.insert(key);
            } else if (!seen.insert(key).second) {
                ++corpus.stats.duplicates;
            } else if (heldOutFortune(key)) {
                heldOut.push_back({category.domain, std::move(text), key});
            } else {
                corpus.train[static_cast<size_t>(category.domain)].push_back(
                    {category.domain, std::move(text)});
            }
        }
    }
    corpus.stats.unmatchedExclusions = excluded.size() - matched.size();

    // The fortunes quote some texts twice (a poem inside a longer one, a line in two categories): a
    // held-out entry that contains, or is contained in, a training text is trained on instead.
    std::vector<std::string> trainForms;
    for (const Domain d : {Domain::Poem, Domain::English})
        for (const Document& doc : corpus.train[static_cast<size_t>(d)])
            trainForms.push_back(overlapForm(doc.text));
    for (bool moved = true; moved;) {
        moved = false;
        for (size_t i = 0; i < heldOut.size(); ++i) {
            const std::string form = overlapForm(heldOut[i].text);
            const bool overlaps =
                std::any_of(trainForms.begin(), trainForms.end(), [&form](const std::string& t) {
                    return t.find(form) != std::string::npos || form.find(t) != std::string::npos;
                });
            if (!overlaps)
                continue;
            trainForms.push_back(form);
            corpus.train[static_cast<size_t>(heldOut[i].domain)].push_back(
                {heldOut[i].domain, heldOut[i].text});
            heldOut.erase(heldOut.begin() + static_cast<ptrdiff_t>(i--));
            ++corpus.stats.overlapMovedToTrain;
            moved = true;
        }
    }
    for (Candidate& c : heldOut)
        corpus.heldOut[static_cast<size_t>(c.domain)].push_back({c.domain, std::move(c.text)});
}

void generateMath(const CorpusOptions& options, Corpus& corpus)
{
    const auto fill = [](MathGenerator generator, MathSplit split, size_t bytes,
                         std::vector<Document>& docs) {
        for (size_t total = 0; total < bytes;) {
            std::string text = generator.document(split);
            total += text.size();
            docs.push_back({Domain::Math, std::move(text)});
        }
    };
    const size_t math = static_cast<size_t>(Domain::Math);
    fill(MathGenerator(options.seed), MathSplit::Train, options.mathTrainBytes, corpus.train[math]);
    // A separate stream, so that the held-out text does not shift when the training size changes.
    fill(MathGenerator(corpus::stableHash("math-heldout:" + std::to_string(options.seed))),
         MathSplit::HeldOut, options.mathHeldOutBytes, corpus.heldOut[math]);
}

void readUserFiles(const CorpusOptions& options, Corpus& corpus)
{
    for (const std::filesystem::path& path : options.userFiles) {
        std::string text = readFile(path);
        text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
        if (text.find_first_not_of(" \t\n") == std::string::npos)
            throw FormatError(path.string(), "user text file is empty");
        if (text.back() != '\n')
            text.push_back('\n');
        corpus.train[static_cast<size_t>(Domain::User)].push_back({Domain::User, std::move(text)});
    }
}

std::vector<std::string> splitList(const std::string& list)
{
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(list);
    while (std::getline(in, item, ',')) {
        const size_t first = item.find_first_not_of(" \t"), last = item.find_last_not_of(" \t");
        if (first != std::string::npos)
            out.push_back(item.substr(first, last - first + 1));
    }
    return out;
}

} // namespace

std::string_view domainName(Domain domain)
{
    static constexpr std::array<std::string_view, kDomainCount> kNames = {"poem", "english", "math", "user"};
    return kNames[static_cast<size_t>(domain)];
}

CorpusOptions CorpusOptions::fromSettings(const Settings& settings)
{
    CorpusOptions o;
    o.fortunesDir = settings.text("fortunes_dir", o.fortunesDir.string());
    o.seed = settings.unsignedInteger("corpus_seed", o.seed);
    o.mathShare = settings.real("math_share", o.mathShare, 0.0, 1.0);
    o.mathTrainBytes = settings.unsignedInteger("math_train_bytes", o.mathTrainBytes);
    o.mathHeldOutBytes = settings.unsignedInteger("math_heldout_bytes", o.mathHeldOutBytes);
    for (const std::string& path : splitList(settings.text("user_files", "")))
        o.userFiles.emplace_back(path);
    return o;
}

Corpus buildCorpus(const CorpusOptions& options)
{
    if (!(options.mathShare >= 0.0 && options.mathShare <= 1.0))
        throw std::invalid_argument("CorpusOptions: mathShare " + std::to_string(options.mathShare) +
                                    " is outside [0, 1]");
    Corpus corpus;
    readFortunes(options, options.review ? *options.review : FortuneReview::builtIn(), corpus);
    generateMath(options, corpus);
    readUserFiles(options, corpus);

    std::string all;
    for (int d = 0; d < kDomainCount; ++d) {
        DomainStats& s = corpus.stats.domains[static_cast<size_t>(d)];
        for (const Document& doc : corpus.train[static_cast<size_t>(d)]) {
            ++s.trainDocuments;
            s.trainBytes += doc.text.size();
            all += hex64(corpus::stableHash(doc.text));
        }
        all += "|";
        for (const Document& doc : corpus.heldOut[static_cast<size_t>(d)]) {
            ++s.heldOutDocuments;
            s.heldOutBytes += doc.text.size();
            all += hex64(corpus::stableHash(doc.text));
        }
        all += "|";
    }
    corpus.stats.fingerprint = corpus::stableHash(all);
    return corpus;
}

std::vector<std::string> Corpus::trainTexts() const
{
    std::vector<std::string> texts;
    for (const std::vector<Document>& docs : train)
        for (const Document& doc : docs)
            texts.push_back(doc.text);
    return texts;
}

std::vector<Document> Corpus::heldOutMixed() const
{
    std::vector<Document> mixed;
    const std::array<const std::vector<Document>*, 3> sources = {
        &heldOut[static_cast<size_t>(Domain::Poem)], &heldOut[static_cast<size_t>(Domain::English)],
        &heldOut[static_cast<size_t>(Domain::Math)]};
    for (size_t i = 0;; ++i) {
        bool any = false;
        for (const std::vector<Document>* docs : sources) {
            if (i < docs->size()) {
                mixed.push_back((*docs)[i]);
                any = true;
            }
        }
        if (!any)
            return mixed;
    }
}

} // namespace moe

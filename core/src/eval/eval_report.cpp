// The eval report as one JSON object (`eval --json`) and as readable text.
#include "moe/eval.h"
#include "moe/trace_writer.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace moe {

namespace {

// Appends every part: `"literal" + std::string` chains trip a false -Wrestrict warning in GCC 12.
template <typename... Parts> void append(std::string& out, const Parts&... parts)
{
    (out.append(std::string_view(parts)), ...);
}

std::string number(double v)
{
    if (!std::isfinite(v))
        return "null";
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}

// Bits per byte, or null for a text that had no bytes (e.g. a corpus without english).
std::string bpb(const TextScore& score)
{
    return score.bytes > 0 ? number(score.bitsPerByte()) : "null";
}

std::string numbers(const std::vector<double>& values)
{
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) {
        out += i ? ", " : "";
        out += number(values[i]);
    }
    return out + "]";
}

std::string integers(const std::vector<int>& values)
{
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) {
        out += i ? ", " : "";
        out += std::to_string(values[i]);
    }
    return out + "]";
}

std::string table(const std::vector<std::vector<double>>& rows)
{
    std::string out = "[";
    for (size_t i = 0; i < rows.size(); ++i) {
        out += i ? ", " : "";
        out += numbers(rows[i]);
    }
    return out + "]";
}

std::string kindName(int k)
{
    return std::string(mathKindName(static_cast<MathKind>(k)));
}

std::string accuracyObject(const MathScore& score)
{
    std::string out = "{";
    for (int k = 0; k < kMathKindCount; ++k)
        append(out, "\"", kindName(k), "\": ", number(score.accuracy(static_cast<MathKind>(k))), ", ");
    append(out, "\"overall\": ", number(score.overall()), "}");
    return out;
}

std::string countsObject(const MathScore& score)
{
    std::string out = "{";
    for (int k = 0; k < kMathKindCount; ++k)
        append(out, k ? ", \"" : "\"", kindName(k),
               "\": {\"correct\": ", std::to_string(score.correct[static_cast<size_t>(k)]),
               ", \"asked\": ", std::to_string(score.asked[static_cast<size_t>(k)]), "}");
    append(out, ", \"overall\": {\"correct\": ", std::to_string(score.totalCorrect()),
           ", \"asked\": ", std::to_string(score.totalAsked()), "}}");
    return out;
}

std::string textObject(const TextScore& s)
{
    std::string out;
    append(out, "{\"documents\": ", std::to_string(s.documents), ", \"bytes\": ", std::to_string(s.bytes),
           ", \"tokens\": ", std::to_string(s.tokens), ", \"bits_per_byte\": ", bpb(s),
           ", \"nats_per_token\": ", number(s.natsPerToken()), "}");
    return out;
}

std::string ablationObject(const AblationRun& run, bool withExperts)
{
    std::string out = "{";
    if (withExperts)
        append(out, "\"experts\": ", integers(run.experts), ", ");
    append(out, "\"math_accuracy\": ", accuracyObject(run.math), ", \"poem_bpb\": ", bpb(run.poem), "}");
    return out;
}

std::string percent(double fraction)
{
    char text[16];
    std::snprintf(text, sizeof text, "%5.1f%%", 100 * fraction);
    return text;
}

std::string millions(int64_t n)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f M", static_cast<double>(n) / 1e6);
    return text;
}

} // namespace

void writeEvalJson(std::ostream& out, const EvalReport& r)
{
    const ModelConfig& c = r.config;
    const MathScore randomMath = r.randomMath();
    const bool ablated = !r.mathLeaning.experts.empty();
    out << "{\n";
    out << "  \"model\": " << jsonString(r.model) << ",\n";
    out << "  \"parameters\": " << c.totalParameters() << ",\n";
    out << "  \"active_parameters\": " << c.activeParametersPerToken() << ",\n";
    out << "  \"config\": {\"layers\": " << c.nLayer << ", \"dim\": " << c.nEmbd
        << ", \"experts\": " << c.nExpert << ", \"top_k\": " << c.nExpertUsed << ", \"ffn\": " << c.nFf
        << ", \"vocab\": " << c.nVocab << ", \"context\": " << c.nCtx << "},\n";
    out << "  \"math_accuracy\": " << accuracyObject(r.math) << ",\n";
    out << "  \"math_counts\": " << countsObject(r.math) << ",\n";
    out << "  \"poem_bpb_heldout\": " << bpb(r.poemHeldOut) << ",\n";
    out << "  \"poem_bpb_train\": " << bpb(r.poemTrain) << ",\n";
    out << "  \"math_bpb_heldout\": " << bpb(r.mathHeldOut) << ",\n";
    out << "  \"english_bpb_heldout\": " << bpb(r.englishHeldOut) << ",\n";
    out << "  \"text\": {\"poem_heldout\": " << textObject(r.poemHeldOut)
        << ",\n           \"poem_train\": " << textObject(r.poemTrain)
        << ",\n           \"math_heldout\": " << textObject(r.mathHeldOut)
        << ",\n           \"english_heldout\": " << textObject(r.englishHeldOut) << "},\n";
    out << "  \"js_divergence_bits\": " << numbers(r.jsBits) << ",\n";
    out << "  \"js_divergence_bits_mean\": " << number(r.meanJsBits()) << ",\n";
    out << "  \"js_divergence_shared_bits\": " << numbers(r.jsSharedBits) << ",\n";
    out << "  \"shared_token_ids\": " << r.sharedTokenIds << ",\n";
    out << "  \"routed_tokens\": {\"math\": " << r.mathUsage.tokens()
        << ", \"poem\": " << r.poemUsage.tokens() << ", \"mixed\": " << r.mixedUsage.tokens()
        << ", \"math_shared\": " << r.mathSharedUsage.tokens()
        << ", \"poem_shared\": " << r.poemSharedUsage.tokens() << "},\n";
    out << "  \"expert_token_share\": " << table(r.mixedUsage.shares()) << ",\n";
    if (r.mixedUsage.tokens() > 0) {
        const ExpertShare least = leastUsedExpert(r.mixedUsage);
        out << "  \"min_expert_share\": {\"share\": " << number(least.share) << ", \"layer\": " << least.layer
            << ", \"expert\": " << least.expert << "},\n";
    } else {
        out << "  \"min_expert_share\": null,\n";
    }
    out << "  \"math_expert_share\": " << table(r.mathUsage.shares()) << ",\n";
    out << "  \"poem_expert_share\": " << table(r.poemUsage.shares()) << ",\n";
    out << "  \"math_leaning_experts\": " << integers(r.mathLeaningExperts) << ",\n";
    out << "  \"ablation\": {\n";
    out << "    \"baseline\": " << ablationObject(r.baseline, false) << ",\n";
    if (ablated) {
        out << "    \"math_leaning\": " << ablationObject(r.mathLeaning, true) << ",\n";
        out << "    \"random\": {\"seeds\": " << r.random.size()
            << ", \"math_accuracy\": " << accuracyObject(randomMath)
            << ", \"poem_bpb\": " << (r.poemHeldOut.bytes > 0 ? number(r.randomPoemBpb()) : "null") << ",\n";
        out << "               \"runs\": [";
        for (size_t i = 0; i < r.random.size(); ++i)
            out << (i ? ",\n                        " : "") << ablationObject(r.random[i], true);
        out << "]},\n";
        out << "    \"math_accuracy_drop\": {\"math_leaning\": "
            << number(r.math.overall() - r.mathLeaning.math.overall())
            << ", \"random\": " << number(r.math.overall() - randomMath.overall()) << "}\n";
    } else {
        out << "    \"math_leaning\": null,\n    \"random\": null,\n    \"math_accuracy_drop\": null\n";
    }
    out << "  },\n";
    out << "  \"seed\": " << r.options.seed << ",\n";
    out << "  \"threads\": " << r.options.threads << ",\n";
    out << "  \"timings_s\": {\"corpus\": " << number(r.seconds.corpus)
        << ", \"text\": " << number(r.seconds.text) << ", \"math\": " << number(r.seconds.math)
        << ", \"ablation\": " << number(r.seconds.ablation) << ", \"total\": " << number(r.seconds.total)
        << "}\n";
    out << "}\n";
}

void writeEvalText(std::ostream& out, const EvalReport& r)
{
    const ModelConfig& c = r.config;
    char line[256];
    out << "model            " << r.model << " (" << millions(c.totalParameters()) << " parameters, "
        << millions(c.activeParametersPerToken()) << " active per token; " << c.nLayer << " layers, "
        << c.nExpert << " experts top-" << c.nExpertUsed << ")\n\n";

    out << "math: greedy exact match on held-out problems\n";
    for (int k = 0; k < kMathKindCount; ++k) {
        const auto kind = static_cast<MathKind>(k);
        std::snprintf(line, sizeof line, "  %-10s %s  (%d of %d)\n", kindName(k).c_str(),
                      percent(r.math.accuracy(kind)).c_str(), r.math.correct[static_cast<size_t>(k)],
                      r.math.asked[static_cast<size_t>(k)]);
        out << line;
    }
    std::snprintf(line, sizeof line, "  %-10s %s  (%d of %d)\n\n", "overall",
                  percent(r.math.overall()).c_str(), r.math.totalCorrect(), r.math.totalAsked());
    out << line;

    out << "bits per byte (lower is better)\n";
    const auto text = [&](const char* name, const TextScore& s) {
        std::snprintf(line, sizeof line, "  %-18s %6.3f  (%zu documents, %zu bytes, %zu tokens)\n", name,
                      s.bitsPerByte(), s.documents, s.bytes, s.tokens);
        out << line;
    };
    text("poem held-out", r.poemHeldOut);
    text("poem train sample", r.poemTrain);
    text("math held-out", r.mathHeldOut);
    text("english held-out", r.englishHeldOut);

    out << "\nrouting: math vs poem held-out text (Jensen-Shannon divergence of expert usage, bits)\n";
    for (size_t l = 0; l < r.jsBits.size(); ++l) {
        const int e = l < r.mathLeaningExperts.size() ? r.mathLeaningExperts[l] : 0;
        const double lean = r.mathUsage.shares(static_cast<int>(l))[static_cast<size_t>(e)] -
                            r.poemUsage.shares(static_cast<int>(l))[static_cast<size_t>(e)];
        std::snprintf(
            line, sizeof line,
            "  layer %-2zu  %.3f  (shared tokens only %.3f)  most math-leaning: expert %d (%+.1f points)\n",
            l, r.jsBits[l], l < r.jsSharedBits.size() ? r.jsSharedBits[l] : 0.0, e, 100 * lean);
        out << line;
    }
    std::snprintf(line, sizeof line, "  mean      %.3f  (%zu token ids occur in both texts)\n\n",
                  r.meanJsBits(), r.sharedTokenIds);
    out << line;

    out << "expert share of routed tokens, mixed held-out set (%)\n          ";
    for (int e = 0; e < r.mixedUsage.experts(); ++e) {
        char name[16];
        std::snprintf(name, sizeof name, "e%d", e);
        std::snprintf(line, sizeof line, " %5s", name);
        out << line;
    }
    out << "\n";
    for (int l = 0; l < r.mixedUsage.layers(); ++l) {
        std::snprintf(line, sizeof line, "  layer %-2d", l);
        out << line;
        for (const double s : r.mixedUsage.shares(l)) {
            std::snprintf(line, sizeof line, " %5.1f", 100 * s);
            out << line;
        }
        out << "\n";
    }
    if (r.mixedUsage.tokens() > 0) {
        const ExpertShare least = leastUsedExpert(r.mixedUsage);
        std::snprintf(line, sizeof line, "  least used: layer %d expert %d, %.1f%%\n", least.layer,
                      least.expert, 100 * least.share);
        out << line;
    }

    if (!r.mathLeaning.experts.empty()) {
        out << "\nablation: one expert per layer switched off\n";
        std::snprintf(line, sizeof line, "  %-24s %8s", "", "overall");
        out << line;
        for (int k = 0; k < kMathKindCount; ++k) {
            std::snprintf(line, sizeof line, " %8s", kindName(k).c_str());
            out << line;
        }
        out << "  poem bpb\n";
        const auto row = [&](const std::string& name, const MathScore& math, double bpb) {
            std::snprintf(line, sizeof line, "  %-24s %8s", name.c_str(), percent(math.overall()).c_str());
            out << line;
            for (int k = 0; k < kMathKindCount; ++k) {
                std::snprintf(line, sizeof line, " %8s",
                              percent(math.accuracy(static_cast<MathKind>(k))).c_str());
                out << line;
            }
            std::snprintf(line, sizeof line, "  %8.3f\n", bpb);
            out << line;
        };
        row("none (baseline)", r.math, r.poemHeldOut.bitsPerByte());
        std::string experts;
        for (const int e : r.mathLeaning.experts) {
            experts += experts.empty() ? "" : ",";
            experts += std::to_string(e);
        }
        row(std::string("math-leaning (") + experts + ")", r.mathLeaning.math,
            r.mathLeaning.poem.bitsPerByte());
        row(std::string("random (mean of ") + std::to_string(r.random.size()) + ")", r.randomMath(),
            r.randomPoemBpb());
        const double leaningDrop = r.math.overall() - r.mathLeaning.math.overall();
        const double randomDrop = r.math.overall() - r.randomMath().overall();
        std::snprintf(line, sizeof line,
                      "  math accuracy drop: %.1f points (math-leaning) vs %.1f points (random)\n",
                      100 * leaningDrop, 100 * randomDrop);
        out << line;
    }
    std::snprintf(line, sizeof line,
                  "\ntime: %.1f s (corpus %.1f, text %.1f, math %.1f, ablation %.1f) on %d thread(s)\n",
                  r.seconds.total + r.seconds.corpus, r.seconds.corpus, r.seconds.text, r.seconds.math,
                  r.seconds.ablation, r.options.threads);
    out << line;
}

} // namespace moe

// The race: its schedule (runs trained in turns) and its verdicts, read off the measured curves: who has the
// lowest held-out bits per byte after the same tokens, and who is lowest at the same training time (the
// fastest model's).
#include "moe/playground.h"

#include <algorithm>
#include <stdexcept>

namespace moe {

namespace {

// Held-out bits per byte where the curve's x (training seconds or tokens) reaches `x`,
// interpolated between the measurements around it (the last one if the curve ends before).
double bitsPerByteAt(const std::vector<PlaygroundPoint>& curve, double (*xOf)(const PlaygroundPoint&),
                     double x)
{
    for (size_t i = 1; i < curve.size(); ++i) {
        const PlaygroundPoint& a = curve[i - 1];
        const PlaygroundPoint& b = curve[i];
        if (xOf(b) >= x) {
            const double span = xOf(b) - xOf(a);
            const double t = span > 0 ? std::clamp((x - xOf(a)) / span, 0.0, 1.0) : 1.0;
            return a.heldOutBitsPerByte + t * (b.heldOutBitsPerByte - a.heldOutBitsPerByte);
        }
    }
    return curve.back().heldOutBitsPerByte;
}

double secondsOf(const PlaygroundPoint& p)
{
    return p.seconds;
}

double tokensOf(const PlaygroundPoint& p)
{
    return static_cast<double>(p.tokens);
}

template <typename Key> RaceModel lowest(const std::vector<RaceEntry>& entries, Key key)
{
    const auto best =
        std::min_element(entries.begin(), entries.end(),
                         [&key](const RaceEntry& a, const RaceEntry& b) { return key(a) < key(b); });
    return best->model;
}

} // namespace

bool trainInTurns(std::span<PlaygroundRun* const> runs, int stepsPerTurn,
                  const std::function<void(size_t run, PlaygroundPoint&& point)>& onPoint,
                  const std::function<void()>& afterTurn, const std::atomic<bool>* cancel)
{
    const auto cancelled = [cancel] { return cancel != nullptr && cancel->load(std::memory_order_relaxed); };
    bool anyLeft = true;
    while (anyLeft) {
        anyLeft = false;
        for (size_t r = 0; r < runs.size(); ++r) {
            PlaygroundRun& run = *runs[r];
            for (int i = 0;; ++i) {
                if (run.measureDue()) {
                    std::optional<PlaygroundPoint> point = run.measure(cancel);
                    if (!point)
                        return false;
                    onPoint(r, std::move(*point));
                }
                if (run.finished() || i == stepsPerTurn)
                    break;
                if (cancelled())
                    return false;
                run.step();
            }
            anyLeft = anyLeft || !run.finished();
        }
        if (afterTurn)
            afterTurn();
    }
    return true;
}

RaceSummary summariseRace(const std::vector<std::vector<PlaygroundPoint>>& curves,
                          const std::vector<PlaygroundSettings>& settings)
{
    if (curves.empty() || curves.size() != settings.size() || curves.size() > kRaceModelCount)
        throw std::invalid_argument("summariseRace: needs one curve and one setting per race model");
    for (const auto& curve : curves) {
        if (curve.empty())
            throw std::invalid_argument("summariseRace: a race model has no measurement yet");
    }
    RaceSummary summary;
    for (size_t i = 0; i < curves.size(); ++i) {
        const PlaygroundPoint& last = curves[i].back();
        RaceEntry e;
        e.model = static_cast<RaceModel>(i);
        e.totalParameters = settings[i].totalParameters();
        e.activeParameters = settings[i].activeParameters();
        e.tokens = last.tokens;
        e.seconds = last.seconds;
        e.bitsPerByte = last.heldOutBitsPerByte;
        summary.entries.push_back(e);
    }
    summary.fastest = lowest(summary.entries, [](const RaceEntry& e) { return e.seconds; });
    summary.comparedAtSeconds = summary.entries[static_cast<size_t>(summary.fastest)].seconds;
    summary.comparedAtTokens =
        std::min_element(summary.entries.begin(), summary.entries.end(),
                         [](const RaceEntry& a, const RaceEntry& b) { return a.tokens < b.tokens; })
            ->tokens;
    for (size_t i = 0; i < curves.size(); ++i) {
        summary.entries[i].bitsPerByteAtTime = bitsPerByteAt(curves[i], secondsOf, summary.comparedAtSeconds);
        summary.entries[i].bitsPerByteAtTokens =
            bitsPerByteAt(curves[i], tokensOf, static_cast<double>(summary.comparedAtTokens));
    }
    summary.bestPerToken = lowest(summary.entries, [](const RaceEntry& e) { return e.bitsPerByteAtTokens; });
    summary.bestPerSecond = lowest(summary.entries, [](const RaceEntry& e) { return e.bitsPerByteAtTime; });
    return summary;
}

} // namespace moe

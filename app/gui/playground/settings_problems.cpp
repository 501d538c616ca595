#include "playground/settings_problems.h"

#include <QCoreApplication>
#include <QLocale>

namespace {

using Field = moe::PlaygroundSettings::Field;
using Reason = moe::PlaygroundSettings::Reason;

// The translation context of these words.
class SettingsProblems {
    Q_DECLARE_TR_FUNCTIONS(SettingsProblems)
};

double valueOf(Field field, const moe::PlaygroundSettings& s)
{
    switch (field) {
    case Field::Layers:
        return s.layers;
    case Field::Dim:
        return s.dim;
    case Field::Heads:
        return s.heads;
    case Field::Experts:
        return s.experts;
    case Field::TopK:
        return s.topK;
    case Field::Ffn:
        return s.ffn;
    case Field::Vocab:
        return s.vocab;
    case Field::SeqLen:
        return s.seqLen;
    case Field::BatchSize:
        return s.batchSize;
    case Field::Steps:
        return s.steps;
    case Field::Lr:
        return s.lr;
    case Field::Balancing:
        return s.balancing;
    case Field::MathShare:
        return s.mathShare;
    case Field::Threads:
        return s.threads;
    case Field::MeasureEvery:
        return s.measureEvery;
    case Field::ProbeEvery:
        return s.probeEvery;
    }
    return 0;
}

QString number(double value)
{
    return QLocale().toString(value, 'g', 6);
}

} // namespace

QString settingName(Field field)
{
    switch (field) {
    case Field::Layers:
        return SettingsProblems::tr("Layers");
    case Field::Dim:
        return SettingsProblems::tr("Width");
    case Field::Heads:
        return SettingsProblems::tr("Attention heads");
    case Field::Experts:
        return SettingsProblems::tr("Experts per layer");
    case Field::TopK:
        return SettingsProblems::tr("Experts per token (top-k)");
    case Field::Ffn:
        return SettingsProblems::tr("Expert width");
    case Field::Vocab:
        return SettingsProblems::tr("Vocabulary");
    case Field::SeqLen:
        return SettingsProblems::tr("Tokens per window");
    case Field::BatchSize:
        return SettingsProblems::tr("Windows per step");
    case Field::Steps:
        return SettingsProblems::tr("Steps");
    case Field::Lr:
        return SettingsProblems::tr("Learning rate");
    case Field::Balancing:
        return SettingsProblems::tr("Balancing loss weight");
    case Field::MathShare:
        return SettingsProblems::tr("Math share");
    case Field::Threads:
        return SettingsProblems::tr("Threads");
    case Field::MeasureEvery:
        return SettingsProblems::tr("Measure every");
    case Field::ProbeEvery:
        return SettingsProblems::tr("Probe every");
    }
    return {};
}

QString problemText(const moe::PlaygroundSettings::Problem& problem, const moe::PlaygroundSettings& s)
{
    switch (problem.reason) {
    case Reason::OutOfRange:
        return SettingsProblems::tr("%1 must be from %2 to %3, not %4.")
            .arg(settingName(problem.field), number(problem.min), number(problem.max),
                 number(valueOf(problem.field, s)));
    case Reason::NotMultipleOfHeads:
        return SettingsProblems::tr(
                   "The width (%1) must be a multiple of the attention heads (%2): each head gets an "
                   "equal slice of it.")
            .arg(s.dim)
            .arg(s.heads);
    case Reason::OddHeadSize:
        return SettingsProblems::tr(
                   "Each head's slice of the width (%1 / %2 = %3) must be even: the position code "
                   "(rotary embedding) turns pairs of numbers.")
            .arg(s.dim)
            .arg(s.heads)
            .arg(s.heads > 0 ? s.dim / s.heads : 0);
    case Reason::TopKAboveExperts:
        return SettingsProblems::tr(
                   "Experts per token (%1) cannot be more than the experts per layer (%2): a token "
                   "cannot visit experts that are not there.")
            .arg(s.topK)
            .arg(s.experts);
    case Reason::ThreadsAboveBatch:
        return SettingsProblems::tr(
                   "Threads (%1) cannot be more than the windows per step (%2): each thread trains "
                   "on whole windows.")
            .arg(s.threads)
            .arg(s.batchSize);
    }
    return QString::fromStdString(problem.message);
}

QStringList problemTexts(const moe::PlaygroundSettings& settings)
{
    QStringList texts;
    for (const moe::PlaygroundSettings::Problem& problem : settings.problems())
        texts << problemText(problem, settings);
    return texts;
}

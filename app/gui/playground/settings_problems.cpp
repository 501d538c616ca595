#include "playground/settings_problems.h"

#include <QCoreApplication>
#include <QLocale>

namespace {

using Field = moe::PlaygroundSettings::Field;
using Reason = moe::PlaygroundSettings::Reason;

QString translate(const char* text)
{
    return QCoreApplication::translate("SettingsProblems", text);
}

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
        return translate("Layers");
    case Field::Dim:
        return translate("Width");
    case Field::Heads:
        return translate("Attention heads");
    case Field::Experts:
        return translate("Experts per layer");
    case Field::TopK:
        return translate("Experts per token (top-k)");
    case Field::Ffn:
        return translate("Expert width");
    case Field::Vocab:
        return translate("Vocabulary");
    case Field::SeqLen:
        return translate("Tokens per window");
    case Field::BatchSize:
        return translate("Windows per step");
    case Field::Steps:
        return translate("Steps");
    case Field::Lr:
        return translate("Learning rate");
    case Field::Balancing:
        return translate("Balancing loss weight");
    case Field::MathShare:
        return translate("Math share");
    case Field::Threads:
        return translate("Threads");
    case Field::MeasureEvery:
        return translate("Measure every");
    case Field::ProbeEvery:
        return translate("Probe every");
    }
    return {};
}

QString problemText(const moe::PlaygroundSettings::Problem& problem, const moe::PlaygroundSettings& s)
{
    switch (problem.reason) {
    case Reason::OutOfRange:
        return translate("%1 must be from %2 to %3, not %4.")
            .arg(settingName(problem.field), number(problem.min), number(problem.max),
                 number(valueOf(problem.field, s)));
    case Reason::NotMultipleOfHeads:
        return translate("The width (%1) must be a multiple of the attention heads (%2): each head gets an "
                         "equal slice of it.")
            .arg(s.dim)
            .arg(s.heads);
    case Reason::OddHeadSize:
        return translate("Each head's slice of the width (%1 / %2 = %3) must be even: the position code "
                         "(rotary embedding) turns pairs of numbers.")
            .arg(s.dim)
            .arg(s.heads)
            .arg(s.heads > 0 ? s.dim / s.heads : 0);
    case Reason::TopKAboveExperts:
        return translate("Experts per token (%1) cannot be more than the experts per layer (%2): a token "
                         "cannot visit experts that are not there.")
            .arg(s.topK)
            .arg(s.experts);
    case Reason::ThreadsAboveBatch:
        return translate("Threads (%1) cannot be more than the windows per step (%2): each thread trains "
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

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

// Each setting: its label (translated in context "SettingsProblems") and where its value is.
struct SettingInfo {
    Field field;
    const char* name;
    double (*value)(const moe::PlaygroundSettings&);
};
constexpr SettingInfo kSettings[] = {
    {Field::Layers, QT_TRANSLATE_NOOP("SettingsProblems", "Layers"),
     [](const auto& s) { return double(s.layers); }},
    {Field::Dim, QT_TRANSLATE_NOOP("SettingsProblems", "Width"), [](const auto& s) { return double(s.dim); }},
    {Field::Heads, QT_TRANSLATE_NOOP("SettingsProblems", "Attention heads"),
     [](const auto& s) { return double(s.heads); }},
    {Field::Experts, QT_TRANSLATE_NOOP("SettingsProblems", "Experts per layer"),
     [](const auto& s) { return double(s.experts); }},
    {Field::TopK, QT_TRANSLATE_NOOP("SettingsProblems", "Experts per token (top-k)"),
     [](const auto& s) { return double(s.topK); }},
    {Field::Ffn, QT_TRANSLATE_NOOP("SettingsProblems", "Expert width"),
     [](const auto& s) { return double(s.ffn); }},
    {Field::Vocab, QT_TRANSLATE_NOOP("SettingsProblems", "Vocabulary"),
     [](const auto& s) { return double(s.vocab); }},
    {Field::SeqLen, QT_TRANSLATE_NOOP("SettingsProblems", "Tokens per window"),
     [](const auto& s) { return double(s.seqLen); }},
    {Field::BatchSize, QT_TRANSLATE_NOOP("SettingsProblems", "Windows per step"),
     [](const auto& s) { return double(s.batchSize); }},
    {Field::Steps, QT_TRANSLATE_NOOP("SettingsProblems", "Steps"),
     [](const auto& s) { return double(s.steps); }},
    {Field::Lr, QT_TRANSLATE_NOOP("SettingsProblems", "Learning rate"), [](const auto& s) { return s.lr; }},
    {Field::Balancing, QT_TRANSLATE_NOOP("SettingsProblems", "Balancing loss weight"),
     [](const auto& s) { return s.balancing; }},
    {Field::MathShare, QT_TRANSLATE_NOOP("SettingsProblems", "Math share"),
     [](const auto& s) { return s.mathShare; }},
    {Field::Threads, QT_TRANSLATE_NOOP("SettingsProblems", "Threads"),
     [](const auto& s) { return double(s.threads); }},
    {Field::MeasureEvery, QT_TRANSLATE_NOOP("SettingsProblems", "Measure every"),
     [](const auto& s) { return double(s.measureEvery); }},
    {Field::ProbeEvery, QT_TRANSLATE_NOOP("SettingsProblems", "Probe every"),
     [](const auto& s) { return double(s.probeEvery); }},
};

const SettingInfo* info(Field field)
{
    for (const SettingInfo& setting : kSettings)
        if (setting.field == field)
            return &setting;
    return nullptr;
}

double valueOf(Field field, const moe::PlaygroundSettings& s)
{
    const SettingInfo* setting = info(field);
    return setting ? setting->value(s) : 0.0;
}

QString number(double value)
{
    return QLocale().toString(value, 'g', 6);
}

} // namespace

QString settingName(Field field)
{
    const SettingInfo* setting = info(field);
    return setting ? SettingsProblems::tr(setting->name) : QString();
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

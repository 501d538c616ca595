#include "playground/race_models.h"

#include <QCoreApplication>
#include <QLocale>

namespace {

// The translation context "RaceModels", in a form lupdate recognises.
class RaceModels {
    Q_DECLARE_TR_FUNCTIONS(RaceModels)
};

} // namespace

QString raceModelName(moe::RaceModel model)
{
    switch (model) {
    case moe::RaceModel::Mixture:
        return RaceModels::tr("Mixture of experts");
    case moe::RaceModel::DenseSameActive:
        return RaceModels::tr("Dense, same active parameters");
    case moe::RaceModel::DenseSameTotal:
        return RaceModels::tr("Dense, same total parameters");
    }
    return {};
}

QString raceModelCaptionName(moe::RaceModel model)
{
    switch (model) {
    case moe::RaceModel::Mixture:
        return RaceModels::tr("the mixture");
    case moe::RaceModel::DenseSameActive:
        return RaceModels::tr("the small dense model");
    case moe::RaceModel::DenseSameTotal:
        return RaceModels::tr("the big dense model");
    }
    return {};
}

QString raceModelDescription(moe::RaceModel model, const moe::PlaygroundSettings& settings)
{
    switch (model) {
    case moe::RaceModel::Mixture:
        return RaceModels::tr("The mixture as set in the form: %1 experts of width %2, %3 of them chosen "
                              "for each token.")
            .arg(settings.experts)
            .arg(settings.ffn)
            .arg(settings.topK);
    case moe::RaceModel::DenseSameActive:
        return RaceModels::tr("One feed-forward block of width %1: every token uses as many parameters "
                              "as in the mixture, but there are no experts to choose from.")
            .arg(settings.ffn);
    case moe::RaceModel::DenseSameTotal:
        return RaceModels::tr("One feed-forward block of width %1: as many parameters as the whole "
                              "mixture, and every token uses all of them.")
            .arg(settings.ffn);
    }
    return {};
}

QString raceSecondsNumber(double seconds)
{
    return QLocale().toString(seconds, 'f', seconds < 1.0 ? 2 : seconds < 10.0 ? 1 : 0);
}

QColor raceModelColour(moe::RaceModel model)
{
    // Okabe-Ito vermillion, blue and bluish green: told apart under the common colour-vision
    // deficiencies, and readable on the light and the dark theme.
    switch (model) {
    case moe::RaceModel::Mixture:
        return QColor(0xd5, 0x5e, 0x00);
    case moe::RaceModel::DenseSameActive:
        return QColor(0x00, 0x72, 0xb2);
    case moe::RaceModel::DenseSameTotal:
        return QColor(0x00, 0x9e, 0x73);
    }
    return {};
}

Qt::PenStyle raceModelPenStyle(moe::RaceModel model)
{
    switch (model) {
    case moe::RaceModel::Mixture:
        return Qt::SolidLine;
    case moe::RaceModel::DenseSameActive:
        return Qt::DashLine;
    case moe::RaceModel::DenseSameTotal:
        return Qt::DotLine;
    }
    return Qt::SolidLine;
}

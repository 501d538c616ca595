#include "playground/training_types.h"

void registerTrainingMetaTypes()
{
    qRegisterMetaType<TrainingProgress>("TrainingProgress");
    qRegisterMetaType<StepStatsBatch>("StepStatsBatch");
    qRegisterMetaType<moe::PlaygroundPoint>("moe::PlaygroundPoint");
    qRegisterMetaType<moe::PlaygroundProbe>("moe::PlaygroundProbe");
    qRegisterMetaType<moe::PlaygroundSettings>("moe::PlaygroundSettings");
}

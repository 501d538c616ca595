#include "learn/written_for.h"

#include <QCoreApplication>
#include <QStringList>

namespace {

// The translation context of these texts (lupdate reads the tr() calls below).
struct WrittenFor {
    Q_DECLARE_TR_FUNCTIONS(WrittenFor)
};

} // namespace

QString modelShapeText(const moe::ModelConfig& c)
{
    QStringList parts{WrittenFor::tr("%1 layers, %2 experts per layer, %3 awake per token")
                          .arg(c.nLayer)
                          .arg(c.nExpert)
                          .arg(c.nExpertUsed)};
    if (c.sharedExpertCount() > 0)
        parts << WrittenFor::tr("shared experts always on: %1").arg(c.sharedExpertCount());
    if (c.nLeadingDense > 0)
        parts << WrittenFor::tr("dense layers without a router: %1").arg(c.nLeadingDense);
    return parts.join(QStringLiteral("; "));
}

QString writtenForNote(const moe::ModelConfig& builtIn, const moe::ModelConfig& loaded,
                       const QString& loadedName, bool loadedIsBuiltIn)
{
    if (loadedIsBuiltIn)
        return {};
    return WrittenFor::tr(
               "Written for the built-in model (%1). Loaded now: “%2” (%3). Numbers the text gives about "
               "“this model” are the built-in model's; the live views show “%2”.")
        .arg(modelShapeText(builtIn), loadedName, modelShapeText(loaded));
}

#include "shell/mode_table.h"

#include "compare/compare_page.h"
#include "explore/explore_page.h"
#include "lessons/lesson_library_page.h"
#include "playground/playground_page.h"
#include "quiz/quiz_page.h"
#include "scale/scale_view.h"

#include <QCoreApplication>

namespace {

template <typename Page> QWidget* makePage(QWidget* parent)
{
    return new Page(parent);
}

// The translation context of the table's words.
class ModeTable {
    Q_DECLARE_TR_FUNCTIONS(ModeTable)
};

} // namespace

QList<ModeInfo> modeTable()
{
    return {
        {AppMode::Explore, QStringLiteral("explore"), ModeTable::tr("Explore"),
         ModeTable::tr("Watch the experts wake up, token by token"), QKeySequence(QStringLiteral("Ctrl+1")),
         makePage<ExplorePage>},
        {AppMode::Compare, QStringLiteral("compare"), ModeTable::tr("Compare"),
         ModeTable::tr("Do math and poems wake different experts?"), QKeySequence(QStringLiteral("Ctrl+2")),
         makePage<ComparePage>},
        {AppMode::Scale, QStringLiteral("scale"), ModeTable::tr("Scale"),
         ModeTable::tr("Total vs active parameters, from this model to DeepSeek-V3"),
         QKeySequence(QStringLiteral("Ctrl+3")), makePage<ScaleView>},
        {AppMode::Lessons, QStringLiteral("lessons"), ModeTable::tr("Lessons"),
         ModeTable::tr("Step-by-step lessons for three levels, beside the live model"),
         QKeySequence(QStringLiteral("Ctrl+4")), makePage<LessonLibraryPage>},
        {AppMode::Quiz, QStringLiteral("quiz"), ModeTable::tr("Quiz"),
         ModeTable::tr("Test yourself, with questions about what the model just did"),
         QKeySequence(QStringLiteral("Ctrl+5")), makePage<QuizPage>},
        {AppMode::Playground, QStringLiteral("playground"), ModeTable::tr("Playground"),
         ModeTable::tr("Train a small mixture of experts and watch its experts learn"),
         QKeySequence(QStringLiteral("Ctrl+6")), makePage<PlaygroundPage>},
    };
}

std::optional<AppMode> modeFromId(const QString& id)
{
    for (const ModeInfo& info : modeTable())
        if (info.id == id)
            return info.mode;
    return std::nullopt;
}

QString modeId(AppMode mode)
{
    for (const ModeInfo& info : modeTable())
        if (info.mode == mode)
            return info.id;
    return QString();
}

QString modeIdList()
{
    QStringList ids;
    for (const ModeInfo& info : modeTable())
        ids << info.id;
    const QString last = ids.takeLast();
    return ids.isEmpty() ? last : ModeTable::tr("%1 or %2").arg(ids.join(QStringLiteral(", ")), last);
}

QString modeToolTip(const ModeInfo& info)
{
    return ModeTable::tr("%1 (%2)").arg(info.help, info.shortcut.toString(QKeySequence::NativeText));
}

QString modeHelpRows()
{
    QString rows;
    for (const ModeInfo& info : modeTable())
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2: %3</td></tr>")
                    .arg(info.shortcut.toString(QKeySequence::NativeText), info.title, info.help);
    return rows;
}

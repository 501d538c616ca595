// The app's modes as one table: its rows, in order, are the mode bar's buttons, the View menu's
// entries, the pages of the window's stack, the Ctrl+1 … Ctrl+6 shortcuts, the values --mode
// accepts (and the saved last mode), and the modes' lines in the keyboard help. A new mode is a row.
#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QWidget;

enum class AppMode { Explore, Compare, Scale, Lessons, Quiz, Playground };

struct ModeInfo {
    AppMode mode;
    QString id;            // --mode and the "window/mode" setting: "explore"
    QString title;         // the mode bar's button: "Explore"
    QString help;          // what the mode is for: its tooltip and its line in the keyboard help
    QKeySequence shortcut; // Ctrl+1 …
    std::function<QWidget*(QWidget* parent)> makePage;
};

// Every mode, in mode-bar order; titles and help in the installed language.
QList<ModeInfo> modeTable();
// The mode with this --mode id, if any.
std::optional<AppMode> modeFromId(const QString& id);
QString modeId(AppMode mode);
// "explore, compare, scale, lessons, quiz or playground" for messages about --mode.
QString modeIdList();
// The tooltip of a mode's button: its help and its shortcut.
QString modeToolTip(const ModeInfo& info);
// The modes' rows of the keyboard help (HTML table rows: shortcut, title, help).
QString modeHelpRows();

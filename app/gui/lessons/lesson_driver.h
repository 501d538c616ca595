// Carries out what a lesson step asks of the live app: which page to show, which prompt to run and
// where to pause, a layer or an expert to point at, an experiment with top-k. It also answers the
// lesson panel's "check my guess" by writing exactly one more token of the paused run and handing
// its real routing back. No model math here: the pages run the model as they always do.
#pragma once

#include "learn/lesson_book.h"

#include <QObject>
#include <functional>

class ComparePage;
class ExplorePage;
class LessonPanel;
class PlaygroundPage;

namespace moe {
struct GeneratedToken;
}

class LessonDriver : public QObject {
    Q_OBJECT
public:
    using ShowPage = std::function<void(LessonAction::Mode)>;

    // book: the lessons the panel shows (not owned; outlives the driver).
    LessonDriver(const LessonBook* book, LessonPanel* panel, ExplorePage* explore, ComparePage* compare,
                 PlaygroundPage* playground, ShowPage showPage, QObject* parent = nullptr);

    void apply(const LessonAction& action);
    // A step was shown. Moving on by one step applies its own action; arriving any other way (a
    // resumed lesson, Back) first sets the live app up as the last step with an action left it, so
    // a "guess" step always has its paused run on screen.
    void enterStep(const LessonStep& step, int index);

Q_SIGNALS:
    // The step's picture is complete: its run paused or finished, or it had nothing to run.
    void settled();
    // A step cannot be carried out as written (e.g. a layer the model does not have).
    void problem(const QString& message);

private:
    void applyPlayground(const LessonAction& action);
    void reveal(int layer);
    void onToken(const moe::GeneratedToken& token);

    const LessonBook* m_book;
    LessonPanel* m_panel;
    QString m_lessonId;
    int m_lastIndex = -1;
    ExplorePage* m_explore;
    ComparePage* m_compare;
    PlaygroundPage* m_playground;
    ShowPage m_showPage;
    bool m_waitingForReveal = false;
    bool m_waitingForPause = false;
};

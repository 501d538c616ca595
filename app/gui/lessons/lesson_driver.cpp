#include "lessons/lesson_driver.h"

#include "compare/compare_page.h"
#include "explore/explore_page.h"
#include "lessons/lesson_panel.h"
#include "moe/generation.h"
#include "playground/playground_page.h"
#include "run/trace_model.h"

#include <QTimer>

namespace {

// Time for the grid's glide to end before a step counts as drawn.
constexpr int kSettleMs = 400;

} // namespace

LessonDriver::LessonDriver(const LessonBook* book, LessonPanel* panel, ExplorePage* explore,
                           ComparePage* compare, PlaygroundPage* playground, ShowPage showPage,
                           QObject* parent)
    : QObject(parent), m_book(book), m_panel(panel), m_explore(explore), m_compare(compare),
      m_playground(playground), m_showPage(std::move(showPage))
{
    connect(m_panel, &LessonPanel::stepEntered, this, &LessonDriver::enterStep);
    connect(m_panel, &LessonPanel::revealRequested, this, &LessonDriver::reveal);
    connect(m_explore, &ExplorePage::tokenAppended, this, &LessonDriver::onToken);
    connect(m_explore, &ExplorePage::settled, this, [this] {
        if (m_waitingForPause) {
            m_waitingForPause = false;
            Q_EMIT settled();
        }
    });
    connect(m_compare, &ComparePage::settled, this, &LessonDriver::settled);
}

void LessonDriver::enterStep(const LessonStep& step, int index)
{
    const bool movedOn = m_panel->lessonId() == m_lessonId && index == m_lastIndex + 1;
    m_lessonId = m_panel->lessonId();
    m_lastIndex = index;
    if (step.action.mode != LessonAction::Mode::None || movedOn) {
        apply(step.action);
        return;
    }
    const Lesson* lesson = m_book ? m_book->lesson(m_lessonId) : nullptr;
    for (int i = index - 1; lesson && i >= 0; --i) {
        const LessonStep& earlier = lesson->steps.value(i);
        if (earlier.action.mode != LessonAction::Mode::None) {
            apply(earlier.action);
            return;
        }
    }
    apply(step.action);
}

void LessonDriver::apply(const LessonAction& action)
{
    m_waitingForReveal = false;
    m_waitingForPause = false;
    switch (action.mode) {
    case LessonAction::Mode::None:
        Q_EMIT settled();
        return;
    case LessonAction::Mode::Scale:
        m_showPage(action.mode);
        Q_EMIT settled();
        return;
    case LessonAction::Mode::Playground:
        m_showPage(action.mode);
        applyPlayground(action);
        Q_EMIT settled(); // training goes on while the learner reads
        return;
    case LessonAction::Mode::Compare:
        m_showPage(action.mode);
        if (!action.prompt.isEmpty())
            m_compare->setMathPrompt(action.prompt);
        if (!action.poemPrompt.isEmpty())
            m_compare->setPoemPrompt(action.poemPrompt);
        if (action.run)
            m_compare->compare(); // settles through ComparePage::settled
        else
            Q_EMIT settled();
        return;
    case LessonAction::Mode::Explore:
        break;
    }
    m_showPage(action.mode);
    const moe::ModelConfig& config = m_explore->traceModel()->config();
    if (action.layer >= config.nLayer || action.expert >= config.nExpert)
        Q_EMIT problem(
            tr("This lesson step points at layer %1, expert %2, but the model has %3 layers and %4 "
               "experts.")
                .arg(action.layer + 1)
                .arg(action.expert + 1)
                .arg(config.nLayer)
                .arg(config.nExpert));
    if (action.layer >= 0 && action.layer < config.nLayer)
        m_explore->setFocusLayer(action.layer);
    m_explore->setHighlightedExpert(action.expert < config.nExpert ? action.expert : -1);
    m_explore->setRouterTopK(action.topK);
    if (!action.prompt.isEmpty())
        m_explore->setPrompt(action.prompt);
    if (!action.run) {
        Q_EMIT settled();
        return;
    }
    m_waitingForPause = true;
    m_explore->runAndPauseAfter(action.pauseAfterTokens);
}

// A run the learner already started with the step's preset (or a race) is left running: going
// back and forth through a lesson must not restart a minute of training.
void LessonDriver::applyPlayground(const LessonAction& action)
{
    if (!m_playground)
        return;
    const bool sameRunGoing =
        m_playground->isTraining() && (action.preset.isEmpty() || m_playground->presetId() == action.preset);
    if (action.race) {
        if (!m_playground->isRacing()) {
            if (!action.preset.isEmpty() && !m_playground->isTraining() &&
                !m_playground->applyPreset(action.preset))
                Q_EMIT problem(
                    tr("This lesson step asks for the Playground preset \"%1\", which the app does not have.")
                        .arg(action.preset));
            m_playground->startRace();
        }
        return;
    }
    if (sameRunGoing)
        return;
    if (m_playground->isTraining() && action.run)
        m_playground->stopTraining();
    if (!action.preset.isEmpty() && !m_playground->isTraining() &&
        !m_playground->applyPreset(action.preset)) {
        Q_EMIT problem(
            tr("This lesson step asks for the Playground preset \"%1\", which the app does not have.")
                .arg(action.preset));
        return;
    }
    if (action.run)
        m_playground->startTraining();
}

void LessonDriver::reveal(int /*layer*/)
{
    if (!m_explore->isRunning()) {
        Q_EMIT problem(
            tr("The run has ended, so there is no next token to guess. Go back one step to start it "
               "again."));
        return;
    }
    m_showPage(LessonAction::Mode::Explore);
    m_waitingForReveal = true;
    m_explore->step(); // exactly one more token; it comes back through tokenAppended
}

void LessonDriver::onToken(const moe::GeneratedToken& token)
{
    if (m_waitingForReveal && !token.prompt) {
        m_waitingForReveal = false;
        m_panel->revealPrediction(token);
    }
    if (m_waitingForPause && m_explore->isPaused()) {
        m_waitingForPause = false;
        QTimer::singleShot(kSettleMs, this, &LessonDriver::settled);
    }
}

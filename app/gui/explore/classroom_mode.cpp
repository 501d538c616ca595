#include "explore/classroom_mode.h"

#include "explore/explore_page.h"
#include "shell/theme.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>

ClassroomMode::ClassroomMode(QMainWindow* window, ExplorePage* page, QList<QWidget*> chrome,
                             QList<QAction*> conflicting)
    : QObject(window), m_window(window), m_page(page), m_chrome(std::move(chrome)),
      m_conflicting(std::move(conflicting))
{
    addKey({QKeySequence(Qt::Key_Space)}, tr("One token"), &ExplorePage::step);
    addKey({QKeySequence(Qt::Key_Left)}, tr("Previous token"), &ExplorePage::previousToken);
    addKey({QKeySequence(Qt::Key_Right)}, tr("Next token"), &ExplorePage::nextToken);
    addKey({QKeySequence(Qt::Key_Up)}, tr("Layer above"), &ExplorePage::previousLayer);
    addKey({QKeySequence(Qt::Key_Down)}, tr("Layer below"), &ExplorePage::nextLayer);
    addKey({QKeySequence(Qt::Key_P)}, tr("Play / pause"), &ExplorePage::playPause);
    addKey({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)}, tr("Faster"), &ExplorePage::faster);
    addKey({QKeySequence(Qt::Key_Minus)}, tr("Slower"), &ExplorePage::slower);

    auto* fullScreen = new QAction(tr("Full screen"), this);
    fullScreen->setShortcut(QKeySequence(Qt::Key_F));
    connect(fullScreen, &QAction::triggered, this, &ClassroomMode::toggleFullScreen);
    auto* leave = new QAction(tr("Leave classroom mode"), this);
    leave->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(leave, &QAction::triggered, this, [this] { setOn(false); });
    for (QAction* a : {fullScreen, leave}) {
        a->setEnabled(false);
        a->setShortcutContext(Qt::WindowShortcut);
        m_window->addAction(a);
        m_actions.append(a);
    }
}

void ClassroomMode::addKey(const QList<QKeySequence>& keys, const QString& text, void (ExplorePage::*slot)())
{
    auto* action = new QAction(text, this);
    action->setShortcuts(keys);
    // While the prompt has focus, typed keys are text: a line edit claims them first.
    action->setShortcutContext(Qt::WindowShortcut);
    action->setEnabled(false);
    connect(action, &QAction::triggered, m_page, slot);
    m_window->addAction(action);
    m_actions.append(action);
}

void ClassroomMode::setOn(bool on)
{
    if (on == m_on)
        return;
    m_on = on;
    if (on) {
        m_palette = QApplication::palette();
        m_windowState = m_window->windowState();
        m_chromeVisible.clear();
        for (QWidget* w : std::as_const(m_chrome)) {
            m_chromeVisible.append(w->isVisible());
            w->hide();
        }
        m_conflictingEnabled.clear();
        for (QAction* a : std::as_const(m_conflicting)) {
            m_conflictingEnabled.append(a->isEnabled());
            a->setEnabled(false);
        }
        Theme::apply(Theme::Kind::HighContrast);
        m_page->setPresentation(true);
        m_window->showFullScreen();
        // Keys drive the run, not the prompt: the teacher clicks the prompt to type a new one.
        m_page->setFocus();
    } else {
        m_page->setPresentation(false);
        QApplication::setPalette(m_palette);
        for (int i = 0; i < m_chrome.size(); ++i)
            m_chrome[i]->setVisible(m_chromeVisible.value(i, true));
        for (int i = 0; i < m_conflicting.size(); ++i)
            m_conflicting[i]->setEnabled(m_conflictingEnabled.value(i, true));
        m_window->setWindowState(m_windowState);
    }
    for (QAction* a : std::as_const(m_actions))
        a->setEnabled(on);
    Q_EMIT toggled(on);
}

void ClassroomMode::toggleFullScreen()
{
    if (m_window->isFullScreen())
        m_window->showNormal();
    else
        m_window->showFullScreen();
}

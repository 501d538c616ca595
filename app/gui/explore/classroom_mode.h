// Classroom mode: the Explore page as a projector presentation. Full screen, high-contrast colours,
// projector-size text and grid, no menus or settings on screen, and the keys a teacher drives it
// with: Space one token, arrows previous / next token and layer, P play / pause, + and - speed,
// F full screen, Esc back to the normal window.
#pragma once

#include <QList>
#include <QObject>
#include <QPalette>

class ExplorePage;
class QAction;
class QMainWindow;
class QWidget;

class ClassroomMode : public QObject {
    Q_OBJECT
public:
    // chrome: what the classroom does not need (menu bar, tool bars, status bar); conflicting:
    // the window's own actions whose keys the classroom takes over while it is on.
    ClassroomMode(QMainWindow* window, ExplorePage* page, QList<QWidget*> chrome,
                  QList<QAction*> conflicting);

    bool isOn() const { return m_on; }
    void setOn(bool on);
    void toggle() { setOn(!m_on); }
    // The classroom's key actions, e.g. for listing them (they are disabled while off).
    QList<QAction*> actions() const { return m_actions; }

Q_SIGNALS:
    void toggled(bool on);

private:
    void addKey(const QList<QKeySequence>& keys, const QString& text, void (ExplorePage::*slot)());
    void toggleFullScreen();

    QMainWindow* m_window;
    ExplorePage* m_page;
    QList<QWidget*> m_chrome;
    QList<QAction*> m_conflicting;
    QList<QAction*> m_actions;
    bool m_on = false;
    // What leaving restores.
    QPalette m_palette;
    Qt::WindowStates m_windowState;
    QList<bool> m_chromeVisible, m_conflictingEnabled;
};

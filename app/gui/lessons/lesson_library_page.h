// The lessons page: "What do you want to learn?" The three tracks side by side, each with its
// lessons in order (level, objective, a "do this first" hint, where the learner stands), a Start /
// Continue / Again button per lesson, and a big "Continue" button for the lesson last worked on.
// It only reads the book and the progress; the main window opens the chosen lesson (lessonChosen).
#pragma once

#include "learn/lesson_book.h"
#include "learn/progress_store.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

class LessonLibraryPage : public QWidget {
    Q_OBJECT
public:
    explicit LessonLibraryPage(QWidget* parent = nullptr);

    void setBook(const LessonBook* book);        // not owned; may be replaced (rebuilds the page)
    void setProgressStore(ProgressStore* store); // not owned; null: every lesson "Not started"

    // What a lesson's state reads as, from its progress (for the page and for tests).
    static QString stateText(const LessonProgress& progress, bool started, int stepCount);

public slots:
    void refresh(); // re-reads the progress store: states, buttons, hints, the Continue button

signals:
    void lessonChosen(const QString& lessonId);

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct LessonRow {
        QString id;
        QLabel* state = nullptr;
        QLabel* hint = nullptr;
        QPushButton* button = nullptr;
    };

    void rebuild();
    void updateFonts();
    void updateColours();

    const LessonBook* m_book = nullptr;
    ProgressStore* m_store = nullptr;
    QString m_continueId;
    QList<LessonRow> m_rows;

    QLabel* m_heading = nullptr;
    QLabel* m_intro = nullptr;
    QPushButton* m_continueButton = nullptr;
    QLabel* m_summary = nullptr;
    QWidget* m_tracks = nullptr; // rebuilt with the book
    QVBoxLayout* m_contentLayout = nullptr;
};

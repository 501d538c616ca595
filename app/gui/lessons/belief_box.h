// The "before and after" box of a lesson step (LessonBelief): a question about what the learner
// believes, answered with radio buttons and kept with "Keep my answer" (not scored). At the end of
// the track the same question comes again; once answered, the box shows the first answer beside the
// new one and what the model measured. Answers live in the ProgressStore.
#pragma once

#include "learn/lesson_book.h"

#include <QFrame>
#include <QList>

class ProgressStore;
class QLabel;
class QPushButton;
class QRadioButton;
class QVBoxLayout;

class BeliefBox : public QFrame {
    Q_OBJECT
public:
    explicit BeliefBox(QWidget* parent = nullptr);

    void setProgressStore(ProgressStore* store); // not owned; may be null (nothing is kept)
    // Shows `belief` (hides the box for nullopt), with the answer already kept for this phase.
    void showBelief(const std::optional<LessonBelief>& belief);

    QString resultText() const; // what the box says after an answer is kept (empty before)
    int choiceCount() const;

public slots:
    void choose(int index); // picks a choice (0-based), as a click does
    void keepAnswer();      // keeps the picked answer; nothing when none is picked

signals:
    void saveFailed(const QString& why);

protected:
    // Choices wrap to the box (a radio button never wraps; a long one would widen the panel).
    void resizeEvent(QResizeEvent* event) override;

private:
    QString key(bool after) const;
    void showResult(int answer);

    ProgressStore* m_store = nullptr;
    std::optional<LessonBelief> m_belief;
    QLabel* m_question = nullptr;
    QVBoxLayout* m_choiceLayout = nullptr;
    QList<QRadioButton*> m_choices;
    QPushButton* m_keepButton = nullptr;
    QLabel* m_result = nullptr;
};

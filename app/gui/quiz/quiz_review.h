// The end of a sitting: "You got 7 of 10" in big type, how that stands against the best score so far,
// then each mistake again (the question, the learner's answer, the right one, the explanation), and
// "Try again" / "Choose another track".
#pragma once

#include "learn/quiz_session.h"
#include "quiz/quiz_screen.h"

#include <QList>

class QLabel;
class QPushButton;
class QVBoxLayout;

class QuizReview : public QuizScreen {
    Q_OBJECT
public:
    struct Summary {
        QString trackTitle;
        int score = 0, total = 0;
        QList<QuizSession::Mistake> mistakes;
        QString bestText; // how the score stands against the best; empty without a progress store
        bool newBest = false;
        QString saveError; // why the result could not be saved; empty when it was
    };

    explicit QuizReview(QWidget* parent = nullptr);

    // Shows the summary, announces the score and puts the focus on "Try again".
    void showSummary(const Summary& summary);

    QString scoreText() const;
    QString bestText() const;
    int mistakeCount() const { return static_cast<int>(m_mistakeWidgets.size()); }

signals:
    void tryAgainRequested();
    void chooseTrackRequested();

private:
    void clearMistakes();
    void updateColours() override;
    void updateWidths() override;

    bool m_newBest = false;
    QWidget* m_column = nullptr;
    QLabel* m_track = nullptr;
    QLabel* m_score = nullptr;
    QLabel* m_best = nullptr;
    QLabel* m_saveError = nullptr;
    QPushButton* m_tryAgain = nullptr;
    QPushButton* m_chooseTrack = nullptr;
    QLabel* m_reviewHeading = nullptr;
    QVBoxLayout* m_mistakeLayout = nullptr;
    QList<QWidget*> m_mistakeWidgets;
};

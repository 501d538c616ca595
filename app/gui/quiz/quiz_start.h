// The quiz's first screen: "Test yourself", the learner's name (for the class results), one big
// button per track with what it covers and the best score so far, and the teacher's CSV export.
// A track that cannot be taken shows its button disabled with the reason beside it. It only shows
// and asks; the quiz page fills it (setTrack) and acts on its signals.
#pragma once

#include "quiz/quiz_screen.h"

#include <QHash>
#include <QString>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPushButton;

class QuizStart : public QuizScreen {
    Q_OBJECT
public:
    // tracks: the ids, in order, with their titles and one line on what each asks about.
    QuizStart(const QStringList& tracks, const QStringList& titles, const QStringList& descriptions,
              QWidget* parent = nullptr);

    // best: "Best: 8 of 10" or the like; reason: why the track cannot be taken (empty: it can).
    void setTrack(const QString& track, const QString& best, const QString& reason);
    void setLearnerName(const QString& name);
    QString learnerName() const;
    void setExportEnabled(bool enabled);
    // A line under the export button (the rows written, or an error), announced.
    void setStatus(const QString& text, bool error);
    QString statusText() const;
    // The focus on the first track that can be taken (else the name field).
    void focusFirstTrack();

signals:
    void trackChosen(const QString& track);
    void learnerNameEdited(const QString& name);
    void learnerNameFinished();
    void exportRequested();
    void printRequested(); // "Print a test (PDF)…"

private:
    struct Row {
        QPushButton* button = nullptr;
        QLabel* description = nullptr;
        QLabel* best = nullptr;
        QLabel* reason = nullptr;
        QString title, about;
    };

    void updateColours() override;
    void updateWidths() override;

    QStringList m_order;
    QHash<QString, Row> m_rows;
    bool m_statusIsError = false;
    QWidget* m_column = nullptr;
    QLabel* m_heading = nullptr;
    QLabel* m_intro = nullptr;
    QLineEdit* m_name = nullptr;
    QPushButton* m_exportButton = nullptr;
    QPushButton* m_printButton = nullptr;
    QLabel* m_status = nullptr;
};

// The probe: the same math prompt and poem prompt routed by the model as it is now, refreshed at
// every probe of the run, with the step it shows and a caption comparing it with the probe before.
// Follows a TrainingRecord.
#pragma once

#include <QWidget>

class ProbeGridView;
class QLabel;
class TrainingRecord;

class ProbePanel : public QWidget {
    Q_OBJECT
public:
    explicit ProbePanel(TrainingRecord* record, QWidget* parent = nullptr);

    ProbeGridView* mathGrid() const { return m_math; }
    ProbeGridView* poemGrid() const { return m_poem; }
    QString captionText() const;

private:
    void showLatest();

    TrainingRecord* m_record;
    QLabel* m_title = nullptr;
    QLabel *m_mathTitle = nullptr, *m_poemTitle = nullptr;
    QLabel* m_caption = nullptr;
    ProbeGridView *m_math = nullptr, *m_poem = nullptr;
};

// One expert to pick in a "guess which experts wake up" step: a checkable chip in the expert's own
// colour with its number printed on it (never colour alone). Picked chips are filled, the others
// drawn dim; once the answer is shown, the router's own choice gets a ring.
#pragma once

#include <QAbstractButton>

class ExpertPickButton : public QAbstractButton {
    Q_OBJECT
public:
    ExpertPickButton(int expert, QWidget* parent = nullptr); // expert: 0-based
    int expert() const { return m_expert; }

    // Marks the chip as chosen (or not) by the router; `shown` false hides the answer again.
    void setAnswer(bool shown, bool chosenByRouter);
    bool answerShown() const { return m_answerShown; }
    bool chosenByRouter() const { return m_chosen; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void updateAccessibleDescription();

    int m_expert;
    bool m_answerShown = false;
    bool m_chosen = false;
};

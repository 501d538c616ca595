// A panel tinted with the verdict's hue (faint green for right, faint vermillion for wrong), with a
// bar in the full colour on its left: the quiz's feedback and the review's mistakes sit on it. The
// text on it carries ✔/✘ and words as well, so the colour is never the only cue.
#pragma once

#include <QFrame>

class FeedbackPanel : public QFrame {
public:
    explicit FeedbackPanel(QWidget* parent = nullptr);
    void setCorrect(bool correct);
    bool isCorrect() const { return m_correct; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    bool m_correct = true;
};

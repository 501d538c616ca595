// A lesson's level as 1-3 filled dots out of three, with the level in words for screen readers and
// in the tooltip (the dots alone would be colour and shape only).
#pragma once

#include <QWidget>

class LevelPips : public QWidget {
    Q_OBJECT
public:
    static constexpr int kLevels = 3;

    explicit LevelPips(int level, QWidget* parent = nullptr);
    int level() const { return m_level; }
    QString text() const; // "Level 2 of 3"

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int m_level;
};
